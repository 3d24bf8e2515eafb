package io.mailstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailstream.bounces.cli.BounceProcessorCommand;
import io.mailstream.dispatcher.cli.DispatcherCommand;
import io.mailstream.producer.cli.ApiCommand;
import io.mailstream.webhooks.cli.WebhooksCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services' /metrics and /health ports agree everywhere: the port each service is started
 * with (or its default in the code) is the one compose exposes and Prometheus scrapes, and the one
 * the k8s container declares, probes and annotates for scraping.
 */
class MetricsEndpointsDeployTest {
    /** Compose service or k8s Deployment name to the command's default --metrics-port. */
    private static final Map<String, Integer> COMPOSE_DEFAULTS = Map.of(
            "dispatcher", DispatcherCommand.DEFAULT_METRICS_PORT,
            "bounce-processor", BounceProcessorCommand.DEFAULT_METRICS_PORT,
            "api", ApiCommand.DEFAULT_METRICS_PORT,
            "webhooks", WebhooksCommand.DEFAULT_METRICS_PORT);
    private static final Map<String, Integer> K8S_DEFAULTS = Map.of(
            "mailstream-dispatcher", DispatcherCommand.DEFAULT_METRICS_PORT,
            "bounce-processor", BounceProcessorCommand.DEFAULT_METRICS_PORT,
            "mailstream-api", ApiCommand.DEFAULT_METRICS_PORT,
            "mailstream-webhooks", WebhooksCommand.DEFAULT_METRICS_PORT);

    private static JsonNode compose;
    private static List<JsonNode> k8s;

    @BeforeAll
    static void read() {
        compose = DeployYaml.read(DeployYaml.COMPOSE.resolve("docker-compose.yml"));
        k8s = DeployYaml.k8sDocuments();
    }

    @Test
    void defaultPortsShouldDifferSoTheServicesCanShareAHost() {
        assertThat(COMPOSE_DEFAULTS.values()).doesNotHaveDuplicates();
    }

    @Test
    void composeShouldExposeAndScrapeEachServicesMetricsPort() {
        Map<String, CliInvocation> services = DeployInvocations.compose(compose);
        Map<String, Integer> scraped = prometheusTargets();
        List<String> problems = new ArrayList<>();
        COMPOSE_DEFAULTS.forEach((service, defaultPort) -> {
            CliInvocation inv = services.get(service);
            if (inv == null) {
                problems.add("compose has no service " + service);
                return;
            }
            assertThat(inv.optionNames()).as(service).doesNotContain("--no-metrics");
            int port = inv.value("--metrics-port").map(Integer::parseInt).orElse(defaultPort);
            List<Integer> exposed = new ArrayList<>();
            compose.path("services").path(service).path("expose").forEach(p -> exposed.add(Integer.parseInt(p.asText())));
            if (!exposed.contains(port)) {
                problems.add(service + " serves /metrics on " + port + " but exposes " + exposed);
            }
            if (!Integer.valueOf(port).equals(scraped.get(service))) {
                problems.add(service + " serves /metrics on " + port + " but Prometheus scrapes it at " + scraped.get(service));
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void k8sShouldDeclareProbeAndAnnotateEachServicesMetricsPort() {
        Map<String, CliInvocation> deployments = DeployInvocations.k8s(k8s);
        List<String> problems = new ArrayList<>();
        K8S_DEFAULTS.forEach((name, defaultPort) -> {
            JsonNode d = deployment(name);
            CliInvocation inv = deployments.get(name);
            if (d == null || inv == null) {
                problems.add("no k8s Deployment " + name + " running mailstream");
                return;
            }
            int port = inv.value("--metrics-port").map(Integer::parseInt).orElse(defaultPort);
            JsonNode pod = d.path("spec").path("template");
            JsonNode container = pod.path("spec").path("containers").get(0);
            Map<String, Integer> ports = new HashMap<>();
            container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            if (!Integer.valueOf(port).equals(ports.get("metrics"))) {
                problems.add(name + " serves /metrics on " + port + " but its container port 'metrics' is " + ports.get("metrics"));
            }
            probe(name, container.path("readinessProbe"), "/health/ready", port, ports, problems);
            probe(name, container.path("livenessProbe"), "/health/live", port, ports, problems);
            JsonNode ann = pod.path("metadata").path("annotations");
            if (!"true".equals(ann.path("prometheus.io/scrape").asText())
                    || !Integer.toString(port).equals(ann.path("prometheus.io/port").asText())
                    || !"/metrics".equals(ann.path("prometheus.io/path").asText("/metrics"))) {
                problems.add(name + " pod annotations do not say: scrape /metrics on " + port + ": " + ann);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void grafanaShouldChartTheServicesOwnMetrics() {
        JsonNode dashboard = DeployYaml.readJson(DeployYaml.COMPOSE.resolve("grafana/dashboards/mailstream.json"));
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        assertThat(exprs).anyMatch(e -> e.contains("mailstream_messages_total"))
                .anyMatch(e -> e.contains("mailstream_smtp_transaction_seconds_bucket") && e.contains("histogram_quantile"))
                .anyMatch(e -> e.contains("mailstream_bounces_total"));
    }

    private static void probe(String name, JsonNode probe, String path, int port, Map<String, Integer> ports,
                              List<String> problems) {
        JsonNode get = probe.path("httpGet");
        JsonNode p = get.path("port");
        Integer target = p.isInt() ? Integer.valueOf(p.asInt()) : ports.get(p.asText());
        if (!path.equals(get.path("path").asText()) || !Integer.valueOf(port).equals(target)) {
            problems.add(name + " should probe " + path + " on " + port + ", has " + probe);
        }
    }

    private static JsonNode deployment(String name) {
        return k8s.stream().filter(d -> "Deployment".equals(d.path("kind").asText())
                && name.equals(d.path("metadata").path("name").asText())).findFirst().orElse(null);
    }

    /** Compose service to the port Prometheus scrapes it at, from static targets and DNS discovery. */
    private static Map<String, Integer> prometheusTargets() {
        JsonNode prom = DeployYaml.read(DeployYaml.COMPOSE.resolve("prometheus/prometheus.yml"));
        Map<String, Integer> out = new HashMap<>();
        for (JsonNode job : prom.path("scrape_configs")) {
            if (!"/metrics".equals(job.path("metrics_path").asText("/metrics"))) {
                continue;
            }
            for (JsonNode sc : job.path("static_configs")) {
                for (JsonNode t : sc.path("targets")) {
                    String[] hp = t.asText().split(":");
                    out.put(hp[0], Integer.parseInt(hp[1]));
                }
            }
            for (JsonNode dns : job.path("dns_sd_configs")) {
                for (JsonNode n : dns.path("names")) {
                    out.put(n.asText(), dns.path("port").asInt());
                }
            }
        }
        return out;
    }
}
