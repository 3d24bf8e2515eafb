package io.mailstream.cli.chaos;

import io.mailstream.cli.scaleout.FreePorts;
import io.mailstream.cli.scaleout.JvmLauncher;
import io.mailstream.cli.scaleout.KillWindows;
import io.mailstream.cli.scaleout.LocalKafkaCluster;
import io.mailstream.cli.scaleout.ScaleOutCampaign;
import io.mailstream.cli.scaleout.ScaleOutException;
import io.mailstream.cli.scaleout.ServiceProcess;
import io.mailstream.cli.scaleout.TerminalEvents;
import io.mailstream.cli.standalone.TransactionLogFile;
import io.mailstream.embedded.smtp.SinkTransaction;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.topics.TopicProvisioner;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos run of {@code mailstream bench chaos}, every piece in its own JVM: a 3-node KRaft cluster,
 * the schema registry, the SMTP sink (logging every transaction), several dispatchers. One campaign
 * is launched; at random moments of its progress a random dispatcher is SIGKILLed and started again,
 * K times, and one broker is SIGKILLed once and started again. Once every message has its outcome
 * the same campaign is launched again, and one transactional request is sent through an API process
 * and then again, same Idempotency-Key, through another. The sink's log and {@code
 * mail.delivery-events} are then counted into a {@link ChaosResult}. Every process it started is
 * stopped when it returns or throws.
 */
public final class ChaosRun {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    private static final String MAIN = "io.mailstream.cli.Mailstream";
    private static final List<String> SERVICE_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");
    private static final Duration SERVICE_START = Duration.ofSeconds(120);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(10);
    private static final int BROKERS = 3;

    private final ChaosConfig config;
    private final Random random;
    private final List<ServiceProcess> dispatchers = new ArrayList<>();
    private final List<KillWindows.Kill> dispatcherKills = new ArrayList<>();
    private final List<ChaosResult.KillRecord> killRecords = new ArrayList<>();
    private List<String> dispatcherArgs;
    private long t0;
    private long deadline;

    private ChaosRun(ChaosConfig config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    public static ChaosResult run(ChaosConfig config) {
        return new ChaosRun(config).execute();
    }

    private ChaosResult execute() {
        t0 = System.nanoTime();
        Path dir = config.workDir();
        Path logs = createDirectories(dir.resolve("logs"));
        try (JvmLauncher jvms = new JvmLauncher(logs, config.pidFile())) {
            LocalKafkaCluster cluster = LocalKafkaCluster.start(jvms, dir.resolve("kafka"), BROKERS);
            deadline = System.nanoTime() + config.timeout().toNanos();
            String bootstrap = cluster.bootstrapServers();
            provisionTopics(bootstrap);
            int registryPort = FreePorts.next();
            ServiceProcess registry = jvms.start("registry", SERVICE_JVM, MAIN,
                    List.of("registry", "--bootstrap-servers", bootstrap, "--port", Integer.toString(registryPort)));
            int sinkPort = FreePorts.next();
            Path sinkLog = dir.resolve("sink-transactions.tsv");
            ServiceProcess sink = jvms.start("sink", SERVICE_JVM, MAIN, List.of("sink", "--port", Integer.toString(sinkPort),
                    "--json-report", dir.resolve("sink-report.json").toString(), "--report-interval", "2",
                    "--transaction-log", sinkLog.toString()));
            FreePorts.await(registry, registryPort, SERVICE_START);
            FreePorts.await(sink, sinkPort, SERVICE_START);
            String registryUrl = "http://localhost:" + registryPort;
            awaitRegistry(registryUrl);
            ScaleOutCampaign campaign = ScaleOutCampaign.write(dir, config.messages(), config.domains(), 1);
            Path allRecipients = concatenate(campaign, dir.resolve("recipients-all.csv"));
            Path verpKeys = writeFile(dir.resolve("verp.keys"), VerpKeys.newKeyLine("c1"));
            dispatcherArgs = List.of("dispatcher", "--bootstrap-servers", bootstrap, "--schema-registry", registryUrl,
                    "--smtp-host", "localhost", "--smtp-port", Integer.toString(sinkPort), "--bounce-domain", "bounces.chaos.test",
                    "--verp-keys", verpKeys.toString(), "--shutdown-grace-period", "PT10S", "--metrics-port", "0");

            try (TerminalEvents events = new TerminalEvents(bootstrap, new RestSchemaRegistryClient(SchemaRegistryConfig.of(registryUrl)));
                    GroupProgress group = new GroupProgress(bootstrap)) {
                for (int n = 1; n <= config.dispatchers(); n++) {
                    dispatchers.add(startDispatcher(jvms, n, "dispatcher-" + n));
                }
                launch(jvms, "launch", campaign, allRecipients, bootstrap, registryUrl);
                campaignWithKills(jvms, cluster, events);
                await("every message has its outcome and the group committed it all", events,
                        () -> events.messagesWithTerminalEvent() >= config.messages() && group.caughtUp());

                Instant relaunchStart = Instant.now();
                launch(jvms, "relaunch", campaign, allRecipients, bootstrap, registryUrl);
                await("the relaunch is consumed", events, group::caughtUp);

                Instant apiStart = Instant.now();
                String firstId = ApiReplay.sendOnce(jvms, "api-1", dir, bootstrap, registryUrl, SERVICE_JVM, MAIN);
                await("the API request is consumed", events, group::caughtUp);
                String secondId = ApiReplay.sendOnce(jvms, "api-2", dir, bootstrap, registryUrl, SERVICE_JVM, MAIN);
                if (!firstId.equals(secondId)) {
                    throw new ScaleOutException("the same Idempotency-Key got message id " + firstId + " on api-1 and "
                            + secondId + " on api-2");
                }
                await("the API retry is consumed", events, group::caughtUp);

                for (ServiceProcess d : dispatchers) {
                    d.stop(Duration.ofSeconds(30));
                }
                events.readToEnd(Duration.ofSeconds(60));
                sink.stop(Duration.ofSeconds(30));
                return count(campaign, TransactionLogFile.read(sinkLog), events, relaunchStart, apiStart);
            }
        }
    }

    /** Runs the kills while the campaign is delivered: K dispatcher kills and one broker kill at random progress levels. */
    private void campaignWithKills(JvmLauncher jvms, LocalKafkaCluster cluster, TerminalEvents events) {
        int n = config.messages();
        List<Integer> levels = new ArrayList<>();
        for (int k = 0; k < config.kills(); k++) {
            levels.add((int) (n * (0.05 + 0.80 * random.nextDouble())));
        }
        levels.sort(Integer::compare);
        int brokerLevel = (int) (n * (0.15 + 0.55 * random.nextDouble()));
        boolean brokerKilled = false;
        LocalKafkaCluster.Node brokerDown = null;
        long brokerKilledAt = 0;
        int next = 0;
        int restarts = 0;
        while (next < levels.size() || !brokerKilled || brokerDown != null) {
            events.poll(Duration.ofMillis(100));
            checkDeadline("the kills", events);
            int done = events.messagesWithTerminalEvent();
            if (!brokerKilled && done >= brokerLevel) {
                brokerDown = cluster.nodes().get(random.nextInt(BROKERS));
                brokerDown.process().kill();
                brokerKilledAt = System.nanoTime();
                brokerKilled = true;
                killRecords.add(new ChaosResult.KillRecord(brokerDown.process().name(), seconds(), done, 0));
                LOG.info("SIGKILLed broker {} at {} messages done", brokerDown.process().name(), done);
            }
            if (brokerDown != null && System.nanoTime() - brokerKilledAt > BROKER_DOWN.toNanos()) {
                cluster.restart(jvms, brokerDown.id());
                LOG.info("restarted broker {}", brokerDown.id());
                brokerDown = null;
            }
            if (next < levels.size() && done >= levels.get(next)) {
                int victim = random.nextInt(dispatchers.size());
                ServiceProcess p = dispatchers.get(victim);
                p.kill();
                Instant at = Instant.now();
                dispatcherKills.add(new KillWindows.Kill(ehloName(victim + 1), at));
                killRecords.add(new ChaosResult.KillRecord(p.name(), seconds(), done, -1));
                LOG.info("SIGKILLed {} at {} messages done", p.name(), done);
                restarts++;
                dispatchers.set(victim, startDispatcher(jvms, victim + 1, "dispatcher-" + (victim + 1) + "-r" + restarts));
                next++;
            }
            if (done >= n && next < levels.size()) {
                break; // the campaign ended before every planned kill (a small run): the rest are not made
            }
        }
    }

    private ServiceProcess startDispatcher(JvmLauncher jvms, int n, String processName) {
        List<String> args = new ArrayList<>(dispatcherArgs);
        // Same id, EHLO name and ledger directory after a restart: the restarted process is the same dispatcher.
        args.addAll(List.of("--dispatcher-id", "dispatcher-" + n, "--ehlo-name", ehloName(n),
                "--ledger-state-dir", config.workDir().resolve("ledger-" + n).toString()));
        return jvms.start(processName, SERVICE_JVM, MAIN, args);
    }

    static String ehloName(int dispatcher) {
        return "dispatcher-" + dispatcher + ".chaos.test";
    }

    private ChaosResult count(ScaleOutCampaign campaign, List<SinkTransaction> log, TerminalEvents events, Instant relaunchStart,
            Instant apiStart) {
        Map<String, String> idOf = new HashMap<>();
        campaign.messageIdToRecipient().forEach((id, to) -> idOf.put(to, id));
        Map<String, Long> before = new HashMap<>();
        long relaunchMails = 0;
        long apiMails = 0;
        for (SinkTransaction t : log) {
            if (!t.accepted()) {
                continue;
            }
            for (EmailAddress r : t.recipients()) {
                String to = r.asString();
                if (to.equals(ApiReplay.RECIPIENT)) {
                    apiMails++;
                } else if (idOf.containsKey(to)) {
                    if (t.started().isBefore(relaunchStart)) {
                        before.merge(to, 1L, Long::sum);
                    } else {
                        relaunchMails++;
                    }
                }
            }
        }
        long lost = idOf.keySet().stream().filter(to -> !before.containsKey(to)).count();
        long duplicates = before.values().stream().mapToLong(c -> c - 1).sum();
        Map<String, Integer> terminal = events.terminalPerMessage();
        long duplicateTerminal = terminal.values().stream().mapToLong(c -> Math.max(0, c - 1)).sum();
        long missingTerminal = campaign.messageIdToRecipient().keySet().stream().filter(id -> !terminal.containsKey(id)).count();
        List<Long> perKill = KillWindows.perKill(log, dispatcherKills, idOf, events.firstEventMillis());
        List<ChaosResult.KillRecord> records = new ArrayList<>();
        int d = 0;
        for (ChaosResult.KillRecord k : killRecords) {
            records.add(k.inFlight() < 0 ? new ChaosResult.KillRecord(k.process(), k.atSeconds(), k.messagesDone(), perKill.get(d++)) : k);
        }
        long inFlight = perKill.stream().mapToLong(Long::longValue).sum();
        if (apiMails == 0) {
            throw new ScaleOutException("the transactional request sent at " + apiStart + " was never mailed to " + ApiReplay.RECIPIENT);
        }
        return new ChaosResult(config.messages(), lost, duplicates, inFlight, duplicateTerminal, missingTerminal, relaunchMails,
                apiMails - 1, records, config.seed(), seconds());
    }

    private void await(String what, TerminalEvents events, BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            events.poll(Duration.ofMillis(200));
            checkDeadline(what, events);
        }
        LOG.info("{} ({} s)", what, String.format(java.util.Locale.ROOT, "%.0f", seconds()));
    }

    private void checkDeadline(String during, TerminalEvents events) {
        for (ServiceProcess d : dispatchers) {
            if (!d.isAlive()) {
                throw new ScaleOutException(d.name() + " exited by itself (code " + d.exitValue() + ") during " + during
                        + "; its log ends with:\n" + d.logTail(30));
            }
        }
        if (System.nanoTime() > deadline) {
            throw new ScaleOutException("'" + during + "' did not finish within the run's timeout " + config.timeout() + ": "
                    + events.messagesWithTerminalEvent() + " of " + config.messages() + " messages have a terminal event");
        }
    }

    /**
     * Launches the campaign; a launch that failed (on a loaded machine the registry may time out) is
     * run again, up to three times: message ids are deterministic, so a repeated launch mails nobody twice.
     */
    private void launch(JvmLauncher jvms, String name, ScaleOutCampaign campaign, Path recipients, String bootstrap,
            String registryUrl) {
        for (int attempt = 1; ; attempt++) {
            try {
                launchOnce(jvms, attempt == 1 ? name : name + "-" + attempt, campaign, recipients, bootstrap, registryUrl);
                return;
            } catch (ScaleOutException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.warn("{}; launching again", e.getMessage());
            }
        }
    }

    private void launchOnce(JvmLauncher jvms, String name, ScaleOutCampaign campaign, Path recipients, String bootstrap,
            String registryUrl) {
        ServiceProcess launch = jvms.start(name, SERVICE_JVM, MAIN, List.of("campaign", "launch", campaign.file().toString(),
                "--recipients", recipients.toString(), "--rejects", config.workDir().resolve(name + "-rejects.csv").toString(),
                "--bootstrap-servers", bootstrap, "--schema-registry", registryUrl, "--progress-interval", "5", "--json"));
        if (!launch.waitFor(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))) || launch.exitValue() != 0) {
            throw new ScaleOutException("the campaign launch " + name + " failed or timed out; its log ends with:\n"
                    + launch.logTail(20));
        }
    }

    /** The registry's port opens before it has read {@code _schemas}; clients time out until it answers. */
    private static void awaitRegistry(String url) {
        long until = System.nanoTime() + SERVICE_START.toNanos();
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            while (true) {
                try {
                    var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/subjects"))
                            .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    LOG.debug("registry not answering yet: {}", e.toString());
                }
                if (System.nanoTime() > until) {
                    throw new ScaleOutException("the schema registry at " + url + " did not answer within " + SERVICE_START);
                }
                Thread.sleep(500); // polling a service that has no readiness signal of its own
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScaleOutException("interrupted while waiting for the schema registry");
        }
    }

    private void provisionTopics(String bootstrap) {
        try (TopicProvisioner p = TopicProvisioner.forBootstrapServers(bootstrap)) {
            p.provision(Topics.all(config.partitions()), (short) BROKERS, OptionalInt.of(BROKERS - 1)).requireNoMismatches();
        }
    }

    private double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The campaign's two recipient files as one, header once. */
    private static Path concatenate(ScaleOutCampaign campaign, Path target) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(campaign.firstPart(), StandardCharsets.UTF_8));
            List<String> last = Files.readAllLines(campaign.lastPart(), StandardCharsets.UTF_8);
            lines.addAll(last.subList(1, last.size()));
            return Files.write(target, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static Path writeFile(Path file, String content) {
        try {
            return Files.writeString(file, content);
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
