package io.mailstream.cli.scaleout;

import io.mailstream.cli.standalone.SinkReport;
import io.mailstream.cli.standalone.TransactionLogFile;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.topics.TopicProvisioner;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale-out run, every piece in its own JVM: a KRaft cluster, the schema registry, the SMTP sink,
 * the campaign launch, then dispatchers added one at a time; one dispatcher and the group
 * coordinator's broker are SIGKILLed mid-campaign, the rest finish, and the result is judged from the
 * sink's per-recipient counts and {@code mail.delivery-events} read to its end. Every process it
 * started is stopped when it returns or throws.
 */
public final class ScaleOutRun {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleOutRun.class);
    static final String GROUP = "mailstream-dispatcher";
    private static final String MAIN = "io.mailstream.cli.Mailstream";
    private static final List<String> SERVICE_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");
    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(500);
    private static final Duration SERVICE_START = Duration.ofSeconds(120);
    private static final Pattern PUBLISHED = Pattern.compile("\"published\"\\s*:\\s*(\\d+)");

    private final ScaleOutConfig config;
    private final JitMode jit;
    private final List<ServiceProcess> dispatchers = new ArrayList<>();
    private final List<ServiceProcess> killed = new ArrayList<>();
    private final List<PhaseResult> phases = new ArrayList<>();
    private volatile String phase = "start";
    private int brokersAlive;
    private long deadline;

    private ScaleOutRun(ScaleOutConfig config, JitMode jit) {
        this.config = config;
        this.jit = jit;
    }

    public static ScaleOutResult run(ScaleOutConfig config) {
        return run(config, JitMode.PEAK);
    }

    /** As {@link #run(ScaleOutConfig)}, every JVM of the run compiling as {@code jit} says. */
    public static ScaleOutResult run(ScaleOutConfig config, JitMode jit) {
        return new ScaleOutRun(config, jit).execute();
    }

    private ScaleOutResult execute() {
        long t0 = System.nanoTime();
        Path logs = createDirectories(config.workDir().resolve("logs"));
        try (JvmLauncher jvms = new JvmLauncher(logs, config.pidFile(), jit)) {
            // The sink needs no broker: it starts while the cluster does.
            int sinkPort = FreePorts.next();
            Path sinkReport = config.workDir().resolve("sink-report.json");
            Path sinkTransactions = config.workDir().resolve("sink-transactions.tsv");
            ServiceProcess sink = jvms.start("sink", SERVICE_JVM, MAIN, List.of("sink", "--port", Integer.toString(sinkPort),
                    "--json-report", sinkReport.toString(), "--report-interval", "5",
                    "--transaction-log", sinkTransactions.toString()));
            LocalKafkaCluster cluster = LocalKafkaCluster.start(jvms, config.workDir().resolve("kafka"), config.brokers());
            brokersAlive = config.brokers();
            deadline = System.nanoTime() + config.timeout().toNanos();
            String bootstrap = cluster.bootstrapServers();
            provisionTopics(bootstrap);
            int registryPort = FreePorts.next();
            ServiceProcess registry = jvms.start("registry", SERVICE_JVM, MAIN,
                    List.of("registry", "--bootstrap-servers", bootstrap, "--port", Integer.toString(registryPort)));
            FreePorts.await(registry, registryPort, SERVICE_START);
            FreePorts.await(sink, sinkPort, SERVICE_START);
            String registryUrl = "http://localhost:" + registryPort;
            ScaleOutCampaign campaign = ScaleOutCampaign.write(config.workDir(), config.messages(), config.domains(), config.lastPartSize());
            registerGroupAtLogStart(bootstrap);

            try (OwnershipMonitor owners = new OwnershipMonitor(bootstrap, GROUP, SAMPLE_INTERVAL);
                    LagSampler lag = new LagSampler(bootstrap, GROUP, t0, SAMPLE_INTERVAL, () -> phase, this::dispatchersAlive);
                    TerminalEvents events = new TerminalEvents(bootstrap,
                            new RestSchemaRegistryClient(SchemaRegistryConfig.of(registryUrl)));
                    Admin admin = admin(bootstrap)) {
                long published = launchWithoutDispatchers(jvms, campaign, bootstrap, registryUrl, lag, events);
                Path verpKeys = writeVerpKeys(config.workDir().resolve("verp.keys"));
                Path clientConfig = writeDispatcherClientConfig(config.workDir().resolve("dispatcher-kafka.properties"));
                List<String> dispatcherArgs = List.of("dispatcher", "--bootstrap-servers", bootstrap, "--schema-registry", registryUrl,
                        "--smtp-host", "localhost", "--smtp-port", Integer.toString(sinkPort), "--bounce-domain", "bounces.scaleout.test",
                        "--verp-keys", verpKeys.toString(), KafkaClientSettings.OPTION, clientConfig.toString(),
                        "--shutdown-grace-period", "PT10S",
                        "--metrics-port", "0"); // several dispatchers on one host: each its own free ops port
                for (int n = 1; n <= config.dispatchers(); n++) {
                    List<String> args = new ArrayList<>(dispatcherArgs);
                    args.addAll(List.of("--dispatcher-id", "dispatcher-" + n, "--ehlo-name", ehloName(n)));
                    dispatchers.add(jvms.start("dispatcher-" + n, SERVICE_JVM, MAIN, args));
                    // JVM start and rebalance are a phase of their own, so that the next one measures n dispatchers at work.
                    int members = n;
                    runPhase("dispatcher-" + n + " joining", lag, events, () -> holdPartitions(admin, members));
                    long end = config.phaseEnd(events.messagesWithTerminalEvent());
                    runPhase(n + " dispatcher" + (n == 1 ? "" : "s"), lag, events, () -> events.messagesWithTerminalEvent() >= end);
                }
                // The rest of the campaign goes out now, so that the kills below always hit a campaign in progress.
                phase = "launch of the last part";
                long start = System.nanoTime();
                int doneBefore = events.messagesWithTerminalEvent();
                long lagBefore = lagNow(lag);
                published += launch(jvms, "launch-last", campaign, campaign.lastPart(), bootstrap, registryUrl);
                events.poll(Duration.ZERO);
                phases.add(new PhaseResult(phase, dispatchersAlive(), brokersAlive, (System.nanoTime() - start) / 1e9,
                        events.messagesWithTerminalEvent() - doneBefore, lagBefore, lagNow(lag)));
                int victimIndex = dispatchers.size() / 2;
                ServiceProcess victim = dispatchers.get(victimIndex);
                LocalKafkaCluster.Node coordinator = coordinatorOf(cluster, bootstrap);
                victim.kill();
                KillWindows.Kill kill = new KillWindows.Kill(ehloName(victimIndex + 1), java.time.Instant.now());
                killed.add(victim);
                coordinator.process().kill();
                killed.add(coordinator.process());
                brokersAlive--;
                String killedBroker = coordinator.process().name() + " (group coordinator)";
                LOG.info("SIGKILLed {} and {}", victim.name(), killedBroker);
                // Finished means every message has its terminal event and the group has committed past
                // every record, i.e. the killed dispatcher's partitions were taken over and replayed.
                runPhase("after SIGKILL", lag, events, () -> events.messagesWithTerminalEvent() >= config.messages()
                        && lag.sample().orElse(-1) == 0);
                phase = "stopping";
                for (ServiceProcess d : dispatchers) {
                    d.stop(Duration.ofSeconds(30));
                }
                events.readToEnd(Duration.ofSeconds(60));
                sink.stop(Duration.ofSeconds(30));
                SinkReport report = SinkReport.readFrom(sinkReport);
                long inFlightAtKill = KillWindows.inFlightAtKills(TransactionLogFile.read(sinkTransactions), List.of(kill),
                        recipientToMessageId(campaign.messageIdToRecipient()), events.firstEventMillis());
                Verdict verdict = Judge.judge(campaign.messageIdToRecipient(), published, report, events.terminalPerMessage(),
                        events.outcomes(), owners.summary(), inFlightAtKill);
                return new ScaleOutResult(config, phases, lag.points(), victim.name(), killedBroker, verdict,
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** Each dispatcher's EHLO name, by which the sink's transaction log tells whose transactions were open at a kill. */
    static String ehloName(int dispatcher) {
        return "dispatcher-" + dispatcher + ".scaleout.test";
    }

    static Map<String, String> recipientToMessageId(Map<String, String> messageIdToRecipient) {
        Map<String, String> byRecipient = new HashMap<>();
        messageIdToRecipient.forEach((id, recipient) -> byRecipient.put(recipient, id));
        return byRecipient;
    }

    private long launchWithoutDispatchers(JvmLauncher jvms, ScaleOutCampaign campaign, String bootstrap, String registryUrl,
            LagSampler lag, TerminalEvents events) {
        phase = "launch, no dispatcher";
        long start = System.nanoTime();
        long lagStart = lag.sample().orElse(-1);
        long published = launch(jvms, "launch-first", campaign, campaign.firstPart(), bootstrap, registryUrl);
        // Watch the backlog stand while nobody consumes it: the "lag rises with no dispatcher" half of the series.
        long idleUntil = System.nanoTime() + config.idleWindow().toNanos();
        while (System.nanoTime() < idleUntil) {
            events.poll(Duration.ofMillis(200));
        }
        long lagEnd = lag.sample().orElse(-1);
        phases.add(new PhaseResult(phase, 0, brokersAlive, (System.nanoTime() - start) / 1e9,
                events.messagesWithTerminalEvent(), lagStart, lagEnd));
        return published;
    }

    /** Runs {@code campaign launch} in a JVM of its own with one part of the recipients; returns how many it published. */
    private long launch(JvmLauncher jvms, String name, ScaleOutCampaign campaign, Path recipients, String bootstrap,
            String registryUrl) {
        ServiceProcess launch = jvms.start(name, SERVICE_JVM, MAIN, List.of("campaign", "launch", campaign.file().toString(),
                "--recipients", recipients.toString(), "--rejects", config.workDir().resolve(name + "-rejects.csv").toString(),
                "--bootstrap-servers", bootstrap, "--schema-registry", registryUrl, "--progress-interval", "1", "--json"));
        if (!launch.waitFor(remaining()) || launch.exitValue() != 0) {
            throw new ScaleOutException("the campaign launch " + name + " failed or timed out; its log ends with:\n"
                    + launch.logTail(20));
        }
        Matcher m = PUBLISHED.matcher(launch.logTail(3));
        if (!m.find()) {
            throw new ScaleOutException("the campaign launch " + name + " printed no summary; see " + launch.log());
        }
        return Long.parseLong(m.group(1));
    }

    private void runPhase(String name, LagSampler lag, TerminalEvents events, java.util.function.BooleanSupplier done) {
        phase = name;
        long start = System.nanoTime();
        // Where the previous phase ended, without polling in between: no message falls between two phases.
        int doneAtStart = events.messagesWithTerminalEvent();
        long lagStart = lagNow(lag);
        while (!done.getAsBoolean()) {
            events.poll(Duration.ofMillis(200));
            checkDispatchersAlive("in phase '" + name + "'");
            if (System.nanoTime() > deadline) {
                throw new ScaleOutException("phase '" + name + "' did not finish before the run's timeout " + config.timeout()
                        + ": " + events.messagesWithTerminalEvent() + " of " + config.messages() + " messages have a terminal event");
            }
        }
        long lagEnd = lagNow(lag);
        phases.add(new PhaseResult(name, dispatchersAlive(), brokersAlive, (System.nanoTime() - start) / 1e9,
                events.messagesWithTerminalEvent() - doneAtStart, lagStart, lagEnd));
        LOG.info("phase '{}' done: {}", name, phases.get(phases.size() - 1));
    }

    /** A lag sample, retried for a while: right after a broker is killed the first attempts may fail. */
    private long lagNow(LagSampler lag) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            var sample = lag.sample();
            if (sample.isPresent()) {
                return sample.getAsLong();
            }
        }
        return -1;
    }

    /** True when the group is stable with at least {@code members} members holding partitions. */
    private static boolean holdPartitions(Admin admin, int members) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP)
                    .get(10, TimeUnit.SECONDS);
            long holding = d.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
            return d.groupState() == GroupState.STABLE && holding >= members;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("describing the group failed: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScaleOutException("interrupted while describing the group");
        }
    }

    private void checkDispatchersAlive(String during) {
        for (ServiceProcess d : dispatchers) {
            if (!d.isAlive() && !killed.contains(d)) {
                throw new ScaleOutException(d.name() + " exited by itself (code " + d.exitValue() + ") while " + during
                        + "; its log ends with:\n" + d.logTail(30));
            }
        }
    }

    private int dispatchersAlive() {
        return (int) dispatchers.stream().filter(ServiceProcess::isAlive).count();
    }

    private Duration remaining() {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private void provisionTopics(String bootstrap) {
        short replication = (short) Math.min(3, config.brokers());
        try (TopicProvisioner p = TopicProvisioner.forBootstrapServers(bootstrap)) {
            p.provision(Topics.all(config.partitions()), replication, OptionalInt.of(Math.max(1, replication - 1)))
                    .requireNoMismatches();
        }
    }

    /**
     * Commits offset 0 on every outbound partition for the dispatcher group before anything is published,
     * so that the group exists and its lag can be read while no dispatcher runs yet.
     */
    private void registerGroupAtLogStart(String bootstrap) {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (int p = 0; p < config.partitions(); p++) {
                start.put(new TopicPartition(Topics.OUTBOUND, p), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets(GROUP, start).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ScaleOutException("could not register the group " + GROUP + " at the log start", e);
        }
    }

    private LocalKafkaCluster.Node coordinatorOf(LocalKafkaCluster cluster, String bootstrap) {
        try (Admin admin = admin(bootstrap)) {
            Node n = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get(30, TimeUnit.SECONDS).coordinator();
            return cluster.node(n.id());
        } catch (Exception e) {
            throw new ScaleOutException("could not find the coordinator of group " + GROUP, e);
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "scale-out-orchestrator"));
    }

    /** One fresh signing key for the dispatchers of this run (they refuse to start without one). */
    private static Path writeVerpKeys(Path file) {
        try {
            return Files.writeString(file, VerpKeys.newKeyLine("s1"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The dispatchers' consumer session: after the SIGKILL the group moves the victim's partitions only once
     * its session has expired, so the session bounds the "after SIGKILL" phase. Heartbeats every third of
     * the session, at most Kafka's default 3 s, so that a live dispatcher misses two before it is dropped.
     */
    private Path writeDispatcherClientConfig(Path file) {
        long session = config.sessionTimeout().toMillis();
        try {
            return Files.writeString(file, "session.timeout.ms=" + session + "\nheartbeat.interval.ms=" + Math.min(3000, session / 3)
                    + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
