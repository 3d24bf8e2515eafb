package io.mailstream.producer.launch;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.GuardHold;
import io.mailstream.schemas.MailstreamException;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses, resumes and cancels campaigns: reads the latest {@code Campaign} record for an id from the
 * compacted {@code mail.campaigns} topic (to its end, so the answer is current) and republishes it
 * with the new state, {@code updatedAt} and {@code stateVersion + 1}. Dispatchers follow the topic and
 * act on the state. CANCELLED and DONE are final.
 *
 * <p>Every change is a compare-and-set. The record is written in a Kafka transaction whose
 * transactional id belongs to the campaign ({@link KafkaClients#campaignWriter}): its
 * {@code initTransactions()}, done before the read, fences every other writer of the campaign that
 * has not committed yet, and the read ({@code read_committed}) sees every writer that has. So a
 * {@code resume} racing a {@code cancel} cannot write SENDING over CANCELLED: whichever initialised
 * first is refused with {@link StateMovedException}. A caller that shows the state to a person can
 * also pass the {@code stateVersion} it showed ({@link #change(String, CampaignState, long)}).
 */
public final class CampaignStateChanger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignStateChanger.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Set<CampaignState> FINAL = EnumSet.of(CampaignState.CANCELLED, CampaignState.DONE);

    /** The transactional producer of one campaign's record; {@code owned}: closed after the change. */
    private record Writer(Producer<String, byte[]> producer, boolean owned) {
    }

    private final Function<String, Writer> writers;
    private final Set<Producer<String, byte[]>> initialised = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Consumer<String, byte[]> consumer;
    private final boolean ownsClients;
    private final AvroSerde<Campaign> serde;
    private final ClusterConfig cluster;
    private final Clock clock;
    private final Runnable afterRead;

    private CampaignStateChanger(Function<String, Writer> writers, Consumer<String, byte[]> consumer, boolean ownsClients,
                                 SchemaRegistry registry, ClusterConfig cluster, Clock clock, Runnable afterRead) {
        this.writers = writers;
        this.consumer = consumer;
        this.ownsClients = ownsClients;
        this.serde = AvroSerde.forValue(Campaign.class, registry);
        this.cluster = cluster;
        this.clock = clock;
        this.afterRead = afterRead;
    }

    public static CampaignStateChanger connect(ClusterConfig cluster, Clock clock) {
        return connect(cluster, clock, () -> { });
    }

    /** As {@link #connect(ClusterConfig, Clock)}; {@code afterRead} runs between the read and the write (tests race it). */
    static CampaignStateChanger connect(ClusterConfig cluster, Clock clock, Runnable afterRead) {
        SchemaRegistry registry = cluster.registry().connect();
        Consumer<String, byte[]> consumer = KafkaClients.consumer(cluster, "mailstream-campaign-state");
        return new CampaignStateChanger(id -> new Writer(KafkaClients.campaignWriter(cluster, id), true), consumer, true,
                registry, cluster, clock, afterRead);
    }

    /** Over clients the caller owns, e.g. Kafka's MockProducer (which supports transactions) and MockConsumer. */
    public static CampaignStateChanger using(Producer<String, byte[]> producer, Consumer<String, byte[]> consumer,
                                             SchemaRegistry registry, ClusterConfig cluster, Clock clock) {
        return using(producer, consumer, registry, cluster, clock, () -> { });
    }

    static CampaignStateChanger using(Producer<String, byte[]> producer, Consumer<String, byte[]> consumer,
                                      SchemaRegistry registry, ClusterConfig cluster, Clock clock, Runnable afterRead) {
        return new CampaignStateChanger(id -> new Writer(producer, false), consumer, false, registry, cluster, clock, afterRead);
    }

    public StateChange pause(String campaignId) {
        return change(campaignId, CampaignState.PAUSED);
    }

    public StateChange resume(String campaignId) {
        return change(campaignId, CampaignState.SENDING);
    }

    public StateChange cancel(String campaignId) {
        return change(campaignId, CampaignState.CANCELLED);
    }

    /**
     * Moves {@code campaignId} to {@code target}, based on whatever its state is now.
     *
     * @throws CampaignNotFoundException   if the topic has no live record for the id
     * @throws InvalidStateChangeException if the campaign is in a final state
     * @throws StateMovedException         if another writer changed the campaign between this read and this write
     * @throws StateChangeException        if Kafka or the registry cannot be reached in time
     */
    public StateChange change(String campaignId, CampaignState target) {
        return write(campaignId, current -> {
            Campaign c = current.orElseThrow(() -> new CampaignNotFoundException(campaignId));
            return toState(campaignId, c, target);
        });
    }

    /**
     * As {@link #change(String, CampaignState)}, refused with {@link StateMovedException} unless the
     * campaign's {@code stateVersion} is still {@code basedOnVersion} (the state its caller saw).
     */
    public StateChange change(String campaignId, CampaignState target, long basedOnVersion) {
        return write(campaignId, current -> {
            Campaign c = current.orElseThrow(() -> new CampaignNotFoundException(campaignId));
            if (c.getStateVersion() != basedOnVersion) {
                throw StateMovedException.versionMoved(campaignId, basedOnVersion, c.getStateVersion());
            }
            return toState(campaignId, c, target);
        });
    }

    private Decision toState(String campaignId, Campaign current, CampaignState target) {
        CampaignState from = current.getState();
        // a resume also releases a pause of the whole campaign by the guard; its holds of single
        // providers stay until the operator releases each (resumeProvider): a resume after an
        // operator's own pause must not undo a brake the operator may not have looked at
        Optional<Map<String, GuardHold>> released = target == CampaignState.SENDING && !FINAL.contains(from)
                ? GuardReleases.releaseWholeCampaign(current.getGuardHolds(), Instant.now(clock)) : Optional.empty();
        if (from == target && released.isEmpty()) {
            return new Decision(Optional.empty(), new StateChange(campaignId, from, target, false));
        }
        if (FINAL.contains(from)) {
            throw new InvalidStateChangeException(campaignId, from, target);
        }
        Campaign.Builder next = Campaign.newBuilder(current).setState(target).setUpdatedAt(Instant.now(clock))
                .setStateVersion(current.getStateVersion() + 1);
        released.ifPresent(next::setGuardHolds);
        return new Decision(Optional.of(next.build()), new StateChange(campaignId, from, target, true));
    }

    /**
     * Releases the campaign guard's hold of {@code campaignId} at {@code provider} (the campaign's
     * mail to the provider goes again; its other providers and its state are unchanged). The hold
     * stays in the record, marked resumed, so the guard never brakes that provider again.
     *
     * @throws CampaignNotFoundException   if the topic has no live record for the id
     * @throws InvalidStateChangeException if the campaign is in a final state
     * @throws NoGuardHoldException        if the campaign is not held at that provider
     */
    public StateChange resumeProvider(String campaignId, String provider) {
        return write(campaignId, current -> {
            Campaign c = current.orElseThrow(() -> new CampaignNotFoundException(campaignId));
            if (FINAL.contains(c.getState())) {
                throw new InvalidStateChangeException(campaignId, c.getState(), CampaignState.SENDING);
            }
            Map<String, GuardHold> released = GuardReleases.release(c, provider, Instant.now(clock));
            Campaign next = Campaign.newBuilder(c).setGuardHolds(released).setUpdatedAt(Instant.now(clock))
                    .setStateVersion(c.getStateVersion() + 1).build();
            return new Decision(Optional.of(next), new StateChange(campaignId, c.getState(), c.getState(), true));
        });
    }

    /**
     * Publishes {@code record} (a launch's campaign record) with the same compare-and-set: a new
     * campaign starts SENDING at state version 1; an existing one is continued in its state (DRAFT
     * becomes SENDING), with the launch's templates and version.
     *
     * @throws InvalidStateChangeException if the campaign is CANCELLED or DONE: a final campaign is not launched again
     */
    public LaunchStart launch(Campaign record) {
        String id = record.getId();
        return write(id, current -> {
            if (current.isEmpty()) {
                Campaign next = Campaign.newBuilder(record).setState(CampaignState.SENDING).setStateVersion(1).build();
                return new Launch(Optional.of(next), new LaunchStart(id, Optional.empty(), CampaignState.SENDING, 1));
            }
            CampaignState from = current.get().getState();
            if (FINAL.contains(from)) {
                throw new InvalidStateChangeException(id, from, CampaignState.SENDING);
            }
            CampaignState state = from == CampaignState.DRAFT ? CampaignState.SENDING : from;
            long version = current.get().getStateVersion() + 1;
            // a relaunch keeps the campaign guard's holds (and their record): the file knows nothing of them
            Campaign next = Campaign.newBuilder(record).setState(state).setStateVersion(version)
                    .setGuardHolds(current.get().getGuardHolds()).build();
            return new Launch(Optional.of(next), new LaunchStart(id, Optional.of(from), state, version));
        });
    }

    private record Launch(Optional<Campaign> publish, LaunchStart result) implements Outcome<LaunchStart> {
    }

    /**
     * Records that a launch of {@code campaignId} has had all its events acknowledged and that the
     * campaign has {@code messages} distinct recipients ({@code expectedMessages}), with the same
     * compare-and-set. From then on the bounce processor may write DONE once that many messages
     * have a terminal outcome. A campaign that became final meanwhile is left as it is.
     *
     * @return true when the count was written
     */
    public boolean recordLaunched(String campaignId, long messages) {
        if (messages < 0) {
            throw new IllegalArgumentException("messages must not be negative, was " + messages);
        }
        return write(campaignId, current -> {
            Campaign c = current.orElseThrow(() -> new CampaignNotFoundException(campaignId));
            if (FINAL.contains(c.getState())) {
                return new Counted(Optional.empty(), false);
            }
            Campaign next = Campaign.newBuilder(c).setExpectedMessages(messages).setUpdatedAt(Instant.now(clock))
                    .setStateVersion(c.getStateVersion() + 1).build();
            return new Counted(Optional.of(next), true);
        });
    }

    private record Counted(Optional<Campaign> publish, Boolean result) implements Outcome<Boolean> {
    }

    /** What to publish (nothing: no change) and what to report. */
    record Decision(Optional<Campaign> publish, StateChange result) implements Outcome<StateChange> {
    }

    /**
     * The compare-and-set: fences the campaign's other writers, reads its live record, lets
     * {@code decide} compute the next one (or refuse by throwing), and commits it in a transaction.
     */
    <T> T write(String campaignId, Function<Optional<Campaign>, ? extends Outcome<T>> decide) {
        Writer writer = writers.apply(campaignId);
        Producer<String, byte[]> producer = writer.producer();
        ProducerTuning t = cluster.tuning();
        try {
            if (!initialised.contains(producer)) {
                initTransactions(campaignId, producer); // from here on, a writer of this campaign that started earlier is fenced
                initialised.add(producer);
            }
            Outcome<T> outcome = decide.apply(latest(campaignId));
            afterRead.run();
            if (outcome.publish().isEmpty()) {
                return outcome.result();
            }
            Campaign next = outcome.publish().get();
            byte[] value = serde.serializer().serialize(Topics.CAMPAIGNS, next);
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, campaignId, value))
                    .get(t.maxBlock().plus(t.deliveryTimeout()).toMillis(), TimeUnit.MILLISECONDS);
            producer.commitTransaction();
            LOG.info("campaign {}: {} (state version {})", campaignId, next.getState(), next.getStateVersion());
            return outcome.result();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw StateMovedException.fenced(campaignId, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProducerFencedException || e.getCause() instanceof InvalidProducerEpochException) {
                throw StateMovedException.fenced(campaignId, e.getCause());
            }
            abort(producer);
            throw new StateChangeException(campaignId, "publishing the new state failed: " + CampaignLauncher.reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateChangeException(campaignId, "interrupted", e);
        } catch (TimeoutException | KafkaException e) {
            abort(producer);
            throw new StateChangeException(campaignId, "publishing the new state failed: " + CampaignLauncher.reason(e), e);
        } finally {
            if (writer.owned()) {
                initialised.remove(producer);
                producer.close(Duration.ofSeconds(10));
            }
        }
    }

    /** What {@link #write} publishes (nothing: no change) and returns. */
    interface Outcome<T> {
        Optional<Campaign> publish();

        T result();
    }

    private void initTransactions(String campaignId, Producer<String, byte[]> producer) {
        try {
            producer.initTransactions();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw StateMovedException.fenced(campaignId, e);
        } catch (KafkaException e) {
            throw new StateChangeException(campaignId, "could not start a transaction on " + Topics.CAMPAIGNS + " at "
                    + cluster.kafka().bootstrapServers() + ": " + CampaignLauncher.reason(e), e);
        }
    }

    private static void abort(Producer<String, byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // not in a transaction, or the producer is unusable: closing it aborts
        }
    }

    /** The live record for {@code campaignId}, reading the compacted topic from its start to its current end. */
    public Optional<Campaign> latest(String campaignId) {
        Duration timeout = cluster.tuning().maxBlock();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.CAMPAIGNS, timeout);
            if (infos == null || infos.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Campaign latest = null;
            while (!caughtUp(end)) {
                if (System.nanoTime() > deadline) {
                    throw new StateChangeException(campaignId, "did not read " + Topics.CAMPAIGNS + " to its end within "
                            + timeout + " (is the broker at " + cluster.kafka().bootstrapServers() + " reachable?)", null);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    if (campaignId.equals(r.key())) {
                        latest = r.value() == null ? null : serde.decode(r);
                    }
                }
            }
            return Optional.ofNullable(latest);
        } catch (KafkaException | MailstreamException e) {
            if (e instanceof StateChangeException sce) {
                throw sce;
            }
            throw new StateChangeException(campaignId, "reading " + Topics.CAMPAIGNS + " failed: "
                    + CampaignLauncher.reason(e), e);
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (ownsClients) {
            consumer.close();
        }
    }
}
