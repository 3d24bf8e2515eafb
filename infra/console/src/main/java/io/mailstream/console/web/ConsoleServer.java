package io.mailstream.console.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.mailstream.console.ConsoleConfig;
import io.mailstream.console.health.HealthProbe;
import io.mailstream.console.lag.LagSource;
import io.mailstream.console.state.PipelineState;
import io.mailstream.console.suppress.SuppressionClient;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server (Javalin on Jetty): routes to the pages, the assets (htmx vendored under
 * {@code /static/vendor}, echarts from its webjar), the login and the access check in front of all
 * of it. State-changing requests must come from htmx ({@code HX-Request} header), which a form on
 * another site cannot send: with the SameSite cookie, that is the console's CSRF guard.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final Javalin app;

    private ConsoleServer(Javalin app) {
        this.app = app;
    }

    public static ConsoleServer start(ConsoleConfig config, PipelineState state, LagSource lag,
                                      Optional<CampaignActions> actions) {
        Views views = new Views();
        Auth auth = new Auth(config.token());
        Optional<SuppressionClient> suppressions = config.suppressionsUrl().map(u -> new SuppressionClient(u, config.suppressionsToken()));
        CampaignPages campaigns = new CampaignPages(state, views, actions);
        HealthProbe probe = new HealthProbe(config.health());
        DomainPages domains = new DomainPages(state, views, probe);
        DeliverabilityPage deliverability = new DeliverabilityPage(state, views);
        LagPage lagPage = new LagPage(lag, views, state.clock(), probe);
        SuppressionPages suppressionPages = new SuppressionPages(suppressions, views);
        MessagePage messages = new MessagePage(state, views);
        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.staticFiles.enableWebjars();
            c.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/console/static";
                s.location = Location.CLASSPATH;
            });
            c.routes.before(ctx -> guard(ctx, auth));
            c.routes.get("/", ctx -> ctx.redirect("/campaigns"));
            c.routes.get("/login", ctx -> ctx.html(views.page("Sign in", "none", "login", Map.of())));
            c.routes.post("/login", ctx -> login(ctx, auth, views));
            c.routes.get("/campaigns", campaigns::list);
            c.routes.get("/campaigns/table", campaigns::table);
            c.routes.get("/campaigns/{id}", campaigns::detail);
            c.routes.get("/campaigns/{id}/summary", campaigns::summary);
            c.routes.get("/campaigns/{id}/rate.json", campaigns::rate);
            c.routes.post("/campaigns/{id}/state", campaigns::changeState);
            c.routes.post("/campaigns/{id}/providers/{provider}/resume", campaigns::resumeProvider);
            c.routes.get("/domains", domains::list);
            c.routes.get("/domains/table", domains::table);
            c.routes.get("/domains/{domain}", domains::detail);
            c.routes.get("/deliverability", deliverability::page);
            c.routes.get("/deliverability.json", deliverability::chart);
            c.routes.get("/lag", lagPage::page);
            c.routes.get("/lag/table", lagPage::table);
            c.routes.get("/suppressions", suppressionPages::page);
            c.routes.post("/suppressions/remove", suppressionPages::remove);
            c.routes.get("/suppressions/export.csv", suppressionPages::export);
            c.routes.get("/messages", messages::page);
        });
        app.start(config.bind(), config.port());
        LOG.info("console listening on http://{}:{}/ ({})", config.bind(), app.port(),
                auth.required() ? "token required" : "loopback, no token");
        return new ConsoleServer(app);
    }

    private static void guard(Context ctx, Auth auth) {
        String path = ctx.path();
        boolean open = path.equals("/login") || path.startsWith("/static/") || path.startsWith("/webjars/");
        if (!open && !auth.allows(ctx)) {
            if (ctx.header("Accept") != null && ctx.header("Accept").contains("text/html") && ctx.header("HX-Request") == null) {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
            } else {
                ctx.header("WWW-Authenticate", "Basic realm=\"mailstream console\"");
                ctx.status(401).result("the console needs its token (Authorization: Bearer …, basic auth, or /login)");
            }
            ctx.skipRemainingHandlers();
            return;
        }
        if (ctx.method().name().equals("POST") && !path.equals("/login") && ctx.header("HX-Request") == null) {
            ctx.status(403).result("state changes come from the console's own pages (htmx); this request did not");
            ctx.skipRemainingHandlers();
        }
    }

    private static void login(Context ctx, Auth auth, Views views) {
        String token = ctx.formParam("token");
        if (!auth.required()) {
            ctx.redirect("/campaigns", HttpStatus.SEE_OTHER);
        } else if (token != null && auth.matches(token)) {
            Auth.signIn(ctx, token);
            ctx.redirect("/campaigns", HttpStatus.SEE_OTHER);
        } else {
            ctx.status(401).html(views.page("Sign in", "none", "login", Map.of("error", "That is not the console's token.")));
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
