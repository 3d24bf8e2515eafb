package io.mailstream.producer.cli;

import io.mailstream.producer.api.ApiConfig;
import io.mailstream.producer.api.ApiConfigLoader;
import io.mailstream.producer.api.ApiServer;
import io.mailstream.producer.api.InvalidApiConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailstream api --config FILE}: runs the transactional HTTP API until the process is stopped. */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Run the transactional mail HTTP API (POST /v1/messages, GET /v1/messages/{id}).")
public final class ApiCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "API configuration (YAML).")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ApiConfig apiConfig;
        try {
            apiConfig = ApiConfigLoader.load(config);
        } catch (InvalidApiConfigException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return CommandErrors.INVALID_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ApiServer server = ApiServer.start(apiConfig, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mailstream-api-shutdown"));
        spec.commandLine().getOut().println("mailstream api listening on port " + server.port());
        spec.commandLine().getOut().flush();
        stopped.await();
        return CommandErrors.OK;
    }
}
