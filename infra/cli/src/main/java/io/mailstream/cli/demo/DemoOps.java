package io.mailstream.cli.demo;

import io.mailstream.cli.ops.HttpOpsServerFactory;
import io.mailstream.console.health.HealthEndpoint;
import io.mailstream.telemetry.OpsServer;
import io.mailstream.telemetry.OpsServerFactory;
import io.mailstream.telemetry.ServiceHealth;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The ops endpoints ({@code /metrics}, {@code /health}) of the demo's in-process dispatcher and bounce processor.
 * With {@code demo --console} they listen on free ports and become the console's {@code --health} targets, so its
 * lag page shows each service's own readiness and its domains page the dispatcher's connections, rates and
 * per-destination series (as {@code mailstream console --health NAME=URL} would for a deployed fleet); without it
 * the meters go to in-memory registries and no port is opened.
 */
final class DemoOps implements AutoCloseable {
    /** The names the console shows; the dispatcher's is its dispatcher id. */
    static final String DISPATCHER = "demo-dispatcher-1";
    static final String BOUNCE_PROCESSOR = "bounce-processor";

    private final OpsServer dispatcher;
    private final OpsServer bounceProcessor;

    private DemoOps(OpsServer dispatcher, OpsServer bounceProcessor) {
        this.dispatcher = dispatcher;
        this.bounceProcessor = bounceProcessor;
    }

    /** Serves the endpoints on free ports when {@code forConsole}, else none. */
    static DemoOps start(boolean forConsole) {
        OpsServerFactory factory = forConsole ? new HttpOpsServerFactory() : OpsServerFactory.disabled();
        int port = forConsole ? 0 : OpsServerFactory.DISABLED_PORT;
        OpsServer d = factory.start("dispatcher", port);
        try {
            return new DemoOps(d, factory.start(BOUNCE_PROCESSOR, port));
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    MeterRegistry dispatcherMeters() {
        return dispatcher.registry();
    }

    MeterRegistry bounceProcessorMeters() {
        return bounceProcessor.registry();
    }

    /** Hands over the services' health once they exist; until then the endpoints answer "not ready". */
    void serve(ServiceHealth dispatcherHealth, ServiceHealth bounceProcessorHealth) {
        dispatcher.serveHealth(dispatcherHealth);
        bounceProcessor.serveHealth(bounceProcessorHealth);
    }

    /** The console's {@code --health} targets: the endpoints that listen, on loopback. */
    List<HealthEndpoint> consoleTargets() {
        List<HealthEndpoint> targets = new ArrayList<>();
        if (dispatcher.port() >= 0) {
            targets.add(new HealthEndpoint(DISPATCHER, URI.create("http://127.0.0.1:" + dispatcher.port())));
        }
        if (bounceProcessor.port() >= 0) {
            targets.add(new HealthEndpoint(BOUNCE_PROCESSOR, URI.create("http://127.0.0.1:" + bounceProcessor.port())));
        }
        return targets;
    }

    @Override
    public void close() {
        try {
            bounceProcessor.close();
        } finally {
            dispatcher.close();
        }
    }
}
