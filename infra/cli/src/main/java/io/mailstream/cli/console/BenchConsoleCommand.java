package io.mailstream.cli.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.Sender;
import io.mailstream.console.ConsoleConfig;
import io.mailstream.console.lag.LagRow;
import io.mailstream.console.state.PipelineState;
import io.mailstream.console.web.ConsoleServer;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream bench console}: how long each console page takes to render (server time plus
 * loopback HTTP, as a browser's request sees it) with {@code --campaigns} campaigns, {@code --domains}
 * destination domains and {@code --partitions} partitions of lag. The state is fed through the same
 * methods the topic follower calls, with the bounce processor's tally counting; only the lag rows
 * are made up (no consumer group of that size runs here). Exit code 1 if a page's slowest request
 * took longer than {@code --max-ms}.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Measure the console's page render times with many campaigns, domains and partitions.")
public final class BenchConsoleCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--campaigns", defaultValue = "100", description = "Campaigns (default: ${DEFAULT-VALUE}).")
    int campaigns;

    @Option(names = "--domains", defaultValue = "1000", description = "Destination domains (default: ${DEFAULT-VALUE}).")
    int domains;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions per followed topic on the lag page (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--events-per-campaign", defaultValue = "2000", description = "Delivery events per campaign (default: ${DEFAULT-VALUE}).")
    int eventsPerCampaign;

    @Option(names = "--requests", defaultValue = "20", description = "Timed requests per page after one warm-up (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--max-ms", defaultValue = "1000", description = "A page whose slowest request exceeds this fails the run (default: ${DEFAULT-VALUE}).")
    long maxMs;

    @Option(names = "--json", description = "Also print the results as one JSON object on the last line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (campaigns < 1 || domains < 1 || partitions < 1 || requests < 1 || eventsPerCampaign < 1) {
            throw new IllegalArgumentException("--campaigns, --domains, --partitions, --events-per-campaign and --requests must be at least 1");
        }
        PipelineState state = new PipelineState(Clock.systemUTC(), ConsoleAssembly.counting());
        long fed = feed(state);
        List<LagRow> lag = lagRows();
        Map<String, long[]> results = new LinkedHashMap<>();
        try (ConsoleServer server = ConsoleServer.start(ConsoleConfig.loopback(), state, () -> lag, Optional.empty())) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            for (String page : pages()) {
                results.put(page, time(http, base + page));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("console pages: %d campaigns, %d domains, %d partitions, %d events; %d requests per page%n",
                campaigns, domains, partitions, fed, requests);
        out.printf("%-28s %9s %9s %9s%n", "page", "p50 ms", "max ms", "bytes");
        boolean ok = true;
        Map<String, Object> jsonPages = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : results.entrySet()) {
            long[] r = e.getValue();
            out.printf("%-28s %9.1f %9.1f %9d%n", e.getKey(), r[0] / 1e6, r[1] / 1e6, r[2]);
            ok &= r[1] / 1_000_000 <= maxMs;
            jsonPages.put(e.getKey(), Map.of("p50Ms", r[0] / 1e6, "maxMs", r[1] / 1e6, "bytes", r[2]));
        }
        out.println(ok ? "every page under " + maxMs + " ms" : "a page took longer than " + maxMs + " ms");
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("campaigns", campaigns);
            j.put("domains", domains);
            j.put("partitions", partitions);
            j.put("events", fed);
            j.put("requestsPerPage", requests);
            j.put("maxMs", maxMs);
            j.put("ok", ok);
            j.put("pages", jsonPages);
            out.println(JSON.writeValueAsString(j));
        }
        out.flush();
        return ok ? 0 : 1;
    }

    private List<String> pages() {
        return List.of("/campaigns", "/campaigns/table", "/campaigns/bench-0", "/campaigns/bench-0/rate.json",
                "/domains", "/domains?sort=bounce-rate&filter=d1", "/domains/d0.bench.test", "/deliverability",
                "/deliverability.json", "/lag", "/messages?id=tx-0");
    }

    /** [p50 ns, max ns, bytes of the last answer] over {@link #requests} timed requests after a warm-up. */
    private long[] time(HttpClient http, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        HttpResponse<byte[]> warm = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (warm.statusCode() != 200) {
            throw new IllegalStateException(url + " answered HTTP " + warm.statusCode());
        }
        long[] took = new long[requests];
        int bytes = 0;
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            bytes = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
            took[i] = System.nanoTime() - start;
        }
        Arrays.sort(took);
        return new long[] {took[requests / 2], took[requests - 1], bytes};
    }

    private long feed(PipelineState state) {
        Instant now = Instant.now();
        long n = 0;
        for (int c = 0; c < campaigns; c++) {
            String id = "bench-" + c;
            state.acceptCampaign(id, Campaign.newBuilder().setId(id).setVersion(1).setName("Bench campaign " + c)
                    .setSender(Sender.newBuilder().setAddress("news@bench.test").build()).setSubjectTemplate("s")
                    .setState(c % 3 == 0 ? CampaignState.SENDING : CampaignState.DONE).setUpdatedAt(now).setStateVersion(2)
                    .setExpectedMessages((long) eventsPerCampaign).build());
            for (int i = 0; i < eventsPerCampaign; i++) {
                int d = (c * eventsPerCampaign + i) % domains;
                Outcome outcome = i % 50 == 0 ? Outcome.BOUNCED : i % 20 == 0 ? Outcome.DEFERRED : Outcome.DELIVERED;
                state.acceptEvent(event(id + "-" + i, id, "user" + i + "@d" + d + ".bench.test", outcome,
                        now.minusMillis(eventsPerCampaign - i)));
                n++;
            }
        }
        for (int i = 0; i < 100; i++) {
            state.acceptEvent(event("tx-" + i, null, "t" + i + "@d" + (i % domains) + ".bench.test", Outcome.DELIVERED, now));
            n++;
        }
        return n;
    }

    private static DeliveryEvent event(String id, String campaign, String to, Outcome outcome, Instant at) {
        boolean bounced = outcome == Outcome.BOUNCED;
        return DeliveryEvent.newBuilder().setMessageId(id).setCampaignId(campaign).setRecipient(to).setOutcome(outcome)
                .setSmtpReplyCode(bounced ? 550 : outcome == Outcome.DEFERRED ? 451 : 250)
                .setEnhancedStatusCode(bounced ? "5.1.1" : outcome == Outcome.DEFERRED ? "4.7.1" : "2.0.0")
                .setReplyText(bounced ? "user unknown" : outcome == Outcome.DEFERRED ? "try again later" : "ok")
                .setAttempt(1).setTimestamp(at).setDispatcherId("bench").build();
    }

    private List<LagRow> lagRows() {
        List<LagRow> rows = new ArrayList<>();
        for (String topic : List.of("mail.outbound", "mail.transactional", "mail.delivery-events")) {
            for (int p = 0; p < partitions; p++) {
                rows.add(new LagRow(topic.equals("mail.delivery-events") ? "mailstream-bounce-processor" : "mailstream-dispatchers",
                        topic, p, OptionalLong.of(1000L * p), 1000L * p + 37, 37, Optional.of("dispatcher-" + (p % 3) + "/10.0.0." + p)));
            }
        }
        return rows;
    }
}
