package io.mailstream.cli.acl;

import io.mailstream.schemas.kafka.KafkaClientSettings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Turns a Kafka authorization error into an {@link AccessRefusal}: who was refused (from the client
 * file's SASL user), which right is missing, and the {@code topics --print-acls} line that grants it
 * or, when the service's least-privilege set does not grant it, that the service must not do this.
 *
 * <p>Kafka's errors carry the resource but not the operation. The operation the client attempted is
 * read from the error's stack (a producer's future: WRITE; a consumer: READ), and for topics the
 * cluster is asked what the principal may do ({@link AuthorizedOperations}): a producer lacking
 * DESCRIBE is refused at its metadata request before it ever tries to WRITE.
 */
public final class RefusalDiagnosis {
    private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*\"([^\"]+)\"");
    private static final Set<AclOperation> ALL_TOPIC_OPERATIONS = EnumSet.of(AclOperation.READ, AclOperation.WRITE,
            AclOperation.CREATE, AclOperation.DELETE, AclOperation.ALTER, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
            AclOperation.ALTER_CONFIGS);

    private final ServiceAcls acls;
    private final KafkaClientSettings settings;
    private final AuthorizedOperations authorized;

    /**
     * @param acls       the least-privilege ACLs to compare with (their principals tell the service)
     * @param settings   the refused client's settings (its SASL user is the principal)
     * @param authorized how to ask the cluster what the principal may do
     */
    public RefusalDiagnosis(ServiceAcls acls, KafkaClientSettings settings, AuthorizedOperations authorized) {
        this.acls = acls;
        this.settings = settings;
        this.authorized = authorized;
    }

    /** The refusal behind {@code error} (anywhere in its causes); empty when it is not an authorization error. */
    public Optional<AccessRefusal> diagnose(Throwable error) {
        AuthorizationException refusal = null;
        for (Throwable t = error; t != null && refusal == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthorizationException a) {
                refusal = a;
            }
        }
        if (refusal == null) {
            return Optional.empty();
        }
        String principal = principal();
        Optional<MailstreamService> service = serviceOf(principal);
        ClientKind kind = ClientKind.of(error);
        return Optional.of(switch (refusal) {
            case TopicAuthorizationException t -> onTopic(principal, service, kind,
                    t.unauthorizedTopics().isEmpty() ? "(topic not named by Kafka)" : t.unauthorizedTopics().iterator().next());
            case GroupAuthorizationException g -> build(principal, service, ResourceType.GROUP,
                    g.groupId() == null ? groupOf(service) : g.groupId(), EnumSet.of(AclOperation.READ));
            case TransactionalIdAuthorizationException x -> build(principal, service, ResourceType.TRANSACTIONAL_ID,
                    transactionalIdOf(service), EnumSet.of(AclOperation.WRITE));
            case ClusterAuthorizationException c -> build(principal, service, ResourceType.CLUSTER, "kafka-cluster",
                    kind == ClientKind.PRODUCER ? EnumSet.of(AclOperation.IDEMPOTENT_WRITE) : EnumSet.noneOf(AclOperation.class));
            default -> build(principal, service, ResourceType.UNKNOWN, String.valueOf(refusal.getMessage()),
                    EnumSet.noneOf(AclOperation.class));
        });
    }

    private AccessRefusal onTopic(String principal, Optional<MailstreamService> service, ClientKind kind, String topic) {
        Set<AclOperation> needed = leastPrivilege(service, ResourceType.TOPIC, topic);
        Set<AclOperation> attempted = EnumSet.noneOf(AclOperation.class);
        kind.topicOperation().ifPresent(op -> {
            attempted.add(op);
            attempted.add(AclOperation.DESCRIBE); // every client describes a topic (metadata) before using it
        });
        Optional<Set<AclOperation>> allowed = authorized.onTopic(topic);
        Set<AclOperation> refused = EnumSet.noneOf(AclOperation.class);
        if (allowed.isPresent()) {
            // what it tried, else (a consumer's error has no stack) everything its role needs there
            refused.addAll(attempted.isEmpty() ? needed : attempted);
            refused.removeAll(allowed.get());
        } else {
            kind.topicOperation().ifPresent(refused::add);
        }
        return build(principal, service, ResourceType.TOPIC, topic, refused);
    }

    private AccessRefusal build(String principal, Optional<MailstreamService> service, ResourceType type, String name,
            Set<AclOperation> refused) {
        Set<AclOperation> granted = leastPrivilege(service, type, name);
        List<AclBinding> toApply = new ArrayList<>();
        service.ifPresent(s -> {
            for (AclBinding b : acls.of(s)) {
                if (covers(b, type, name) && refused.contains(b.entry().operation())) {
                    toApply.add(b);
                }
            }
        });
        return new AccessRefusal(principal, service, type, name, refused, granted, toApply);
    }

    private Set<AclOperation> leastPrivilege(Optional<MailstreamService> service, ResourceType type, String name) {
        Set<AclOperation> ops = EnumSet.noneOf(AclOperation.class);
        service.ifPresent(s -> acls.of(s).stream().filter(b -> covers(b, type, name)).forEach(b -> {
            if (b.entry().operation() == AclOperation.ALL) {
                ops.addAll(ALL_TOPIC_OPERATIONS);
            } else {
                ops.add(b.entry().operation());
            }
        }));
        return ops;
    }

    private static boolean covers(AclBinding b, ResourceType type, String name) {
        if (b.pattern().resourceType() != type) {
            return false;
        }
        return b.pattern().patternType() == PatternType.PREFIXED ? name.startsWith(b.pattern().name()) : name.equals(b.pattern().name());
    }

    private String groupOf(Optional<MailstreamService> service) {
        return firstName(service, ResourceType.GROUP).orElse("(this client's group.id)");
    }

    private String transactionalIdOf(Optional<MailstreamService> service) {
        return firstName(service, ResourceType.TRANSACTIONAL_ID).orElse("(this client's transactional.id)");
    }

    private Optional<String> firstName(Optional<MailstreamService> service, ResourceType type) {
        return service.flatMap(s -> acls.of(s).stream().filter(b -> b.pattern().resourceType() == type)
                .map(b -> b.pattern().name()).findFirst());
    }

    /** The principal a SASL/SCRAM or PLAIN client authenticates as; a description for the other mechanisms. */
    String principal() {
        Optional<String> jaas = settings.get("sasl.jaas.config");
        String mechanism = settings.get("sasl.mechanism").orElse("GSSAPI").strip().toUpperCase(Locale.ROOT);
        if (jaas.isPresent() && (mechanism.startsWith("SCRAM") || mechanism.equals("PLAIN"))) {
            Matcher m = JAAS_USER.matcher(jaas.get());
            if (m.find()) {
                return "User:" + m.group(1);
            }
        }
        if (mechanism.equals("OAUTHBEARER") && jaas.isPresent()) {
            return "the principal of this client's OAuth token (its sub claim)";
        }
        if (settings.get("ssl.keystore.location").isPresent()) {
            return "the principal of the certificate in ssl.keystore.location";
        }
        return settings.entries().isEmpty() ? "User:ANONYMOUS" : "this client's principal";
    }

    private Optional<MailstreamService> serviceOf(String principal) {
        return acls.principals().entrySet().stream().filter(e -> e.getValue().equals(principal)).map(Map.Entry::getKey).findFirst();
    }

    /** Which kind of client met the refusal, read from the stack of the exceptions that have one. */
    enum ClientKind {
        PRODUCER, CONSUMER, ADMIN, UNKNOWN;

        Optional<AclOperation> topicOperation() {
            return switch (this) {
                case PRODUCER -> Optional.of(AclOperation.WRITE);
                case CONSUMER -> Optional.of(AclOperation.READ);
                case ADMIN -> Optional.of(AclOperation.DESCRIBE);
                case UNKNOWN -> Optional.empty();
            };
        }

        static ClientKind of(Throwable error) {
            // Kafka's own API exceptions have no stack; the futures and callers that wrap them do
            for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    String c = frame.getClassName();
                    if (c.startsWith("org.apache.kafka.clients.producer.")) {
                        return PRODUCER;
                    }
                    if (c.startsWith("org.apache.kafka.clients.consumer.")) {
                        return CONSUMER;
                    }
                    if (c.startsWith("org.apache.kafka.clients.admin.")) {
                        return ADMIN;
                    }
                }
            }
            return UNKNOWN;
        }
    }
}
