package io.mailstream.cli.console;

import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.stats.RecentKeys;
import io.mailstream.bounces.stats.RecentMessages;
import io.mailstream.console.Console;
import io.mailstream.console.ConsoleConfig;
import io.mailstream.console.state.Counting;
import io.mailstream.producer.launch.CampaignStateChanger;
import io.mailstream.producer.launch.ClusterConfig;
import io.mailstream.producer.launch.ProducerTuning;
import io.mailstream.producer.launch.RegistryTarget;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.bounces.guard.GuardConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Starts a console wired as the launcher's commands are: lag from {@code mailstream lag}'s reader,
 * state changes through the CLI's {@link CampaignStateChanger}. Used by {@code mailstream console}
 * and {@code mailstream demo --console}. The console module knows none of these classes: they are
 * handed to it here, in the composition root.
 */
public final class ConsoleAssembly implements AutoCloseable {
    private final LagReaderSource lag;
    private final ChangerActions actions;
    private final Console console;

    private ConsoleAssembly(LagReaderSource lag, ChangerActions actions, Console console) {
        this.lag = lag;
        this.actions = actions;
        this.console = console;
    }

    /**
     * Messages (and engagement keys) the console remembers over all its campaigns so later complaints and
     * DSNs are counted: at roughly 250 bytes each, about 125 MB of heap at most, whatever the campaigns' sizes.
     */
    public static final int REMEMBERED_MESSAGES = 500_000;

    /** Counting as {@code campaign status} counts: the bounce processor's tally and classifier, in bounded memory. */
    public static Counting counting() {
        return counting(REMEMBERED_MESSAGES, GuardConfig.DEFAULT_WINDOW);
    }

    /**
     * As {@link #counting()}, every campaign's tally sharing one memory of the latest {@code remembered} messages,
     * rates per provider also within {@code guardWindow} (the bounce processor's {@code guard.window}).
     */
    public static Counting counting(int remembered, Duration guardWindow) {
        BounceClassifier classifier = new BounceClassifier();
        RecentMessages messages = RecentMessages.bounded(remembered);
        Set<String> engagementKeys = RecentKeys.bounded(remembered);
        return new Counting(id -> new TallyCounter(id, classifier, messages, engagementKeys, guardWindow),
                new ClassifierBounceDecoder(classifier));
    }

    public static ConsoleAssembly start(ConsoleConfig config, KafkaConnection kafka, SchemaRegistry registry) {
        return start(config, kafka, registry, GuardConfig.DEFAULT_WINDOW);
    }

    /** As {@link #start(ConsoleConfig, KafkaConnection, SchemaRegistry)}, the guard's rates shown over {@code guardWindow}. */
    public static ConsoleAssembly start(ConsoleConfig config, KafkaConnection kafka, SchemaRegistry registry, Duration guardWindow) {
        LagReaderSource lag = LagReaderSource.connect(kafka);
        ChangerActions actions = null;
        try {
            actions = new ChangerActions(CampaignStateChanger.connect(
                    new ClusterConfig(kafka, RegistryTarget.instance(registry), ProducerTuning.DEFAULTS), Clock.systemUTC()));
            return new ConsoleAssembly(lag, actions, Console.start(config, kafka, registry, lag,
                    counting(REMEMBERED_MESSAGES, guardWindow), Optional.of(actions)));
        } catch (RuntimeException e) {
            lag.close();
            if (actions != null) {
                actions.close();
            }
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
        actions.close();
        lag.close();
    }
}
