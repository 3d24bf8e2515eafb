package io.mailstream.cli.acl;

import io.mailstream.producer.launch.KafkaClients;
import io.mailstream.producer.api.status.StatusStoreConfig;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.webhooks.config.WebhooksConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least-privilege ACLs of each service, as Kafka {@link AclBinding}s: which topics it reads
 * (READ, DESCRIBE) and writes (WRITE, DESCRIBE), its consumer group, and for the bounce
 * processor's Kafka Streams app its internal topics (prefixed by its application id). No service
 * uses transactions, so none needs a transactional id; idempotent producers need nothing more than
 * WRITE on their topics (Kafka 2.8+). {@code AclIT} runs every service as its principal with only
 * these ACLs on a broker with an authorizer.
 *
 * @param principals          the principal of each service (e.g. {@code User:mailstream-dispatcher})
 * @param dispatcherGroup     the dispatchers' consumer group ({@code --group-id})
 * @param bounceApplicationId the bounce processor's Kafka Streams application id
 */
public record ServiceAcls(Map<MailstreamService, String> principals, String dispatcherGroup, String bounceApplicationId) {
    public static final String DEFAULT_DISPATCHER_GROUP = "mailstream-dispatcher";
    public static final String DEFAULT_BOUNCE_APPLICATION_ID = "mailstream-bounce-processor";
    private static final String RETRY_PREFIX = "mail.retry.";

    public ServiceAcls {
        for (MailstreamService s : MailstreamService.values()) {
            if (!principals.containsKey(s)) {
                throw new IllegalArgumentException("no principal for " + s.id());
            }
        }
        principals = Map.copyOf(principals);
    }

    /** Principals {@code User:mailstream-<service>}, the default group and application id. */
    public static ServiceAcls defaults() {
        Map<MailstreamService, String> p = new java.util.EnumMap<>(MailstreamService.class);
        for (MailstreamService s : MailstreamService.values()) {
            p.put(s, s.defaultPrincipal());
        }
        return new ServiceAcls(p, DEFAULT_DISPATCHER_GROUP, DEFAULT_BOUNCE_APPLICATION_ID);
    }

    /** Every service's bindings. */
    public List<AclBinding> all() {
        List<AclBinding> all = new ArrayList<>();
        for (MailstreamService s : MailstreamService.values()) {
            all.addAll(of(s));
        }
        return all;
    }

    public List<AclBinding> of(MailstreamService service) {
        Acls a = new Acls(principals.get(service));
        switch (service) {
            case DISPATCHER -> {
                a.read(Topics.OUTBOUND, Topics.TRANSACTIONAL, Topics.CAMPAIGNS, Topics.SUPPRESSIONS, Topics.DELIVERY_EVENTS,
                        Topics.WARMUP_COUNTERS, Topics.TLS_REPORTS, Topics.SHARD_MAP, Topics.THROTTLE_STATE);
                // TLS-RPT: dispatchers write their counts; `tlsrpt send` (run as the dispatcher) reads them and marks sent days
                a.write(Topics.DELIVERY_EVENTS, Topics.DEAD_LETTER, Topics.WARMUP_COUNTERS, Topics.TLS_REPORTS, Topics.THROTTLE_STATE);
                a.topicPrefix(RETRY_PREFIX, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
                a.group(dispatcherGroup, PatternType.LITERAL);
            }
            case BOUNCE_PROCESSOR -> {
                // mail.engagement: the clicks and opens of the campaign statistics (issue 18)
                a.read(Topics.BOUNCES_RAW, Topics.DELIVERY_EVENTS, Topics.SUPPRESSIONS, Topics.CAMPAIGNS, Topics.ENGAGEMENT);
                a.write(Topics.BOUNCES_RAW, Topics.SUPPRESSIONS, Topics.DEAD_LETTER, Topics.CAMPAIGNS);
                // the campaign guard's decisions (its holds go into mail.campaigns with the compare-and-set below)
                a.write(Topics.GUARD_DECISIONS);
                // every DSN tied to its message (failed or delayed), for the webhooks
                a.write(Topics.RECEIVED_BOUNCES);
                // DONE is written with the campaign writers' compare-and-set (CampaignCompletion)
                a.transactionalIdPrefix(KafkaClients.CAMPAIGN_STATE_TRANSACTIONAL_ID_PREFIX, AclOperation.WRITE, AclOperation.DESCRIBE);
                // Kafka Streams creates, reads, writes and purges its repartition and changelog topics
                a.topicPrefix(bounceApplicationId + "-", AclOperation.ALL);
                a.group(bounceApplicationId, PatternType.LITERAL);
            }
            case API -> {
                a.read(Topics.DELIVERY_EVENTS, Topics.IDEMPOTENCY_KEYS, Topics.CAMPAIGNS, Topics.TRANSACTIONAL_STATUS, Topics.SHARD_MAP);
                a.write(Topics.TRANSACTIONAL, Topics.IDEMPOTENCY_KEYS, Topics.TRANSACTIONAL_STATUS);
                // the status store (Kafka Streams): the replicas share one application id, hence one group
                a.group(StatusStoreConfig.DEFAULT_APPLICATION_ID, PatternType.LITERAL);
            }
            case CAMPAIGNS -> {
                a.read(Topics.CAMPAIGNS, Topics.SHARD_MAP);
                a.write(Topics.CAMPAIGNS, Topics.OUTBOUND);
                // the operator's 'mailstream policies apply' runs as this principal: it publishes the fleet's shard map
                a.write(Topics.SHARD_MAP);
                // launch, pause, resume and cancel write the campaign record in a transaction (compare-and-set)
                a.transactionalIdPrefix(KafkaClients.CAMPAIGN_STATE_TRANSACTIONAL_ID_PREFIX, AclOperation.WRITE, AclOperation.DESCRIBE);
            }
            case WEBHOOKS -> {
                a.read(Topics.DELIVERY_EVENTS, Topics.SUPPRESSIONS, Topics.ENGAGEMENT, Topics.GUARD_DECISIONS);
                a.read(Topics.RECEIVED_BOUNCES);
                a.write(Topics.WEBHOOKS_DEAD_LETTER);
                // one consumer group per endpoint, <groupPrefix>-<endpoint name>: endpoints are added without new ACLs
                a.group(WebhooksConfig.DEFAULT_GROUP_PREFIX + "-", PatternType.PREFIXED);
            }
            case TRACKING -> {
                // a stateless HTTP service: it only writes what it saw (idempotent producer, no group, no transactions)
                a.write(Topics.ENGAGEMENT);
            }
            case CONSOLE -> {
                // what the pages show, read from the beginning without a consumer group (it commits nothing)
                a.read(Topics.CAMPAIGNS, Topics.DELIVERY_EVENTS, Topics.BOUNCES_RAW, Topics.SUPPRESSIONS, Topics.THROTTLE_STATE,
                        Topics.WARMUP_COUNTERS, Topics.ENGAGEMENT, Topics.GUARD_DECISIONS);
                // pause, resume, cancel and resume --provider: the campaign writers' compare-and-set, nothing else written
                a.write(Topics.CAMPAIGNS);
                a.transactionalIdPrefix(KafkaClients.CAMPAIGN_STATE_TRANSACTIONAL_ID_PREFIX, AclOperation.WRITE, AclOperation.DESCRIBE);
                // the lag page: end offsets of the mail topics and the mailstream groups' positions and members, no READ
                a.topicPrefix("mail.", AclOperation.DESCRIBE);
                a.groupDescribe("mailstream", PatternType.PREFIXED);
            }
            case REGISTRY -> {
                a.read(Topics.SCHEMAS);
                a.write(Topics.SCHEMAS);
                a.topic(Topics.SCHEMAS, AclOperation.CREATE);
            }
        }
        return a.bindings;
    }

    /** One line per binding, as {@code kafka-acls.sh --list} groups them: principal, operation, resource. */
    public static String render(List<AclBinding> bindings) {
        StringBuilder b = new StringBuilder();
        for (AclBinding x : bindings) {
            b.append(String.format("%-36s %-8s %-16s %-5s %-8s %s%n", x.entry().principal(), x.entry().permissionType(),
                    x.entry().operation(), x.pattern().resourceType(), x.pattern().patternType(), x.pattern().name()));
        }
        return b.toString();
    }

    private static final class Acls {
        private final String principal;
        private final List<AclBinding> bindings = new ArrayList<>();

        Acls(String principal) {
            this.principal = principal;
        }

        void read(String... topics) {
            for (String t : topics) {
                topic(t, AclOperation.READ, AclOperation.DESCRIBE);
            }
        }

        void write(String... topics) {
            for (String t : topics) {
                topic(t, AclOperation.WRITE, AclOperation.DESCRIBE);
            }
        }

        void topic(String name, AclOperation... ops) {
            add(new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL), ops);
        }

        void topicPrefix(String prefix, AclOperation... ops) {
            add(new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED), ops);
        }

        void transactionalIdPrefix(String prefix, AclOperation... ops) {
            add(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED), ops);
        }

        void group(String name, PatternType type) {
            add(new ResourcePattern(ResourceType.GROUP, name, type), AclOperation.READ);
        }

        void groupDescribe(String name, PatternType type) {
            add(new ResourcePattern(ResourceType.GROUP, name, type), AclOperation.DESCRIBE);
        }

        private void add(ResourcePattern pattern, AclOperation... ops) {
            for (AclOperation op : ops) {
                AclBinding binding = new AclBinding(pattern, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
                if (!bindings.contains(binding)) {
                    bindings.add(binding);
                }
            }
        }
    }
}
