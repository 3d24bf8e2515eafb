package io.mailstream.cli.console;

import io.mailstream.console.Console;
import io.mailstream.console.ConsoleConfig;
import io.mailstream.producer.launch.CampaignStateChanger;
import io.mailstream.producer.launch.ClusterConfig;
import io.mailstream.producer.launch.ProducerTuning;
import io.mailstream.producer.launch.RegistryTarget;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import java.time.Clock;
import java.util.Optional;

/**
 * Starts a console wired as the launcher's commands are: lag from {@code mailstream lag}'s reader,
 * state changes through the CLI's {@link CampaignStateChanger}. Used by {@code mailstream console}
 * and {@code mailstream demo --console}.
 */
public final class ConsoleAssembly implements AutoCloseable {
    private final LagReaderSource lag;
    private final Console console;

    private ConsoleAssembly(LagReaderSource lag, Console console) {
        this.lag = lag;
        this.console = console;
    }

    public static ConsoleAssembly start(ConsoleConfig config, KafkaConnection kafka, SchemaRegistry registry) {
        LagReaderSource lag = LagReaderSource.connect(kafka);
        try {
            CampaignStateChanger changer = CampaignStateChanger.connect(
                    new ClusterConfig(kafka, RegistryTarget.instance(registry), ProducerTuning.DEFAULTS), Clock.systemUTC());
            return new ConsoleAssembly(lag, Console.start(config, kafka, registry, lag, Optional.of(changer)));
        } catch (RuntimeException e) {
            lag.close();
            throw e;
        }
    }

    public Console console() {
        return console;
    }

    public String url() {
        return console.url();
    }

    @Override
    public void close() {
        console.close();
        lag.close();
    }
}
