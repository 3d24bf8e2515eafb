package io.mailstream.dispatcher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.address.Domain;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingTransportConnectionsTest {
    private final MessageRenderer renderer = new MessageRenderer(Domain.of("bounce.acme.example"),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    private final List<String> opened = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();

    private MailTransport fake(Destination d) {
        opened.add(d.host());
        return new MailTransport() {
            @Override
            public DeliveryOutcome send(RenderedMessage message) {
                return new DeliveryOutcome.Delivered(SmtpReply.of(250, "ok"), d.host());
            }

            @Override
            public void close() {
                closed.add(d.host());
            }
        };
    }

    private RenderedMessage message(String to) {
        MailMessage m = Fixtures.transactional(to, "Hi", "Hi").build();
        return ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();
    }

    @Test
    void sendShouldCloseTheLeastRecentlyUsedConnectionBeyondTheLimit() {
        Map<Domain, Destination> overrides = new HashMap<>();
        for (String d : List.of("a.test", "b.test", "c.test")) {
            overrides.put(Domain.of(d), Destination.of("mx." + d, 25, TlsSettings.NONE));
        }
        Router router = new Router(RouteConfig.directMx(DnsSettings.defaults()).withOverrides(overrides),
                new DnsMxResolver(DnsSettings.defaults()));
        RoutingTransport transport = new RoutingTransport(router, this::fake, 2,
                new UnreachableDestinations(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(1)));

        transport.send(message("x@a.test"));
        transport.send(message("x@b.test"));
        transport.send(message("x@a.test"));
        transport.send(message("x@c.test"));

        assertThat(opened).containsExactly("mx.a.test", "mx.b.test", "mx.c.test");
        assertThat(closed).containsExactly("mx.b.test");

        transport.close();
        assertThat(closed).containsExactlyInAnyOrder("mx.b.test", "mx.a.test", "mx.c.test");
    }
}
