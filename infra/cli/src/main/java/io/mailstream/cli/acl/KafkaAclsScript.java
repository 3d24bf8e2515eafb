package io.mailstream.cli.acl;

import java.util.Locale;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;

/**
 * The ACLs as {@code kafka-acls.sh} calls, for clusters without Strimzi's user operator (Kafka's own
 * tools, the compose file's {@code kafka-init}): {@code topics --print-acls --acl-format kafka-acls}
 * prints them, and a refused service's hint shows the one line it lacks.
 */
public final class KafkaAclsScript {
    /** What the printed script expects: {@code KAFKA} the bootstrap servers, {@code ADMIN_CONFIG} an admin's client file. */
    public static final String INVOCATION = "kafka-acls.sh --bootstrap-server \"$KAFKA\" --command-config \"$ADMIN_CONFIG\"";

    private KafkaAclsScript() {
    }

    /** One line per binding of every service, in {@link ServiceAcls#all()} order. */
    public static String render(ServiceAcls acls) {
        StringBuilder b = new StringBuilder();
        for (AclBinding x : acls.all()) {
            b.append(line(x, INVOCATION)).append('\n');
        }
        return b.toString();
    }

    /** The call that adds {@code x}, after {@code invocation} (the script and its connection options). */
    public static String line(AclBinding x, String invocation) {
        String resource = switch (x.pattern().resourceType()) {
            case TOPIC -> "--topic " + x.pattern().name();
            case GROUP -> "--group " + x.pattern().name();
            case TRANSACTIONAL_ID -> "--transactional-id " + x.pattern().name();
            case CLUSTER -> "--cluster";
            default -> "--" + x.pattern().resourceType().name().toLowerCase(Locale.ROOT) + " " + x.pattern().name();
        };
        return invocation + " --add --allow-principal " + x.entry().principal() + " --operation " + pascal(x.entry().operation().name())
                + " " + resource + (x.pattern().patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
    }

    /** kafka-acls.sh spells operations as Kafka's docs do: {@code IdempotentWrite}, not {@code IDEMPOTENT_WRITE}. */
    private static String pascal(String constant) {
        StringBuilder b = new StringBuilder();
        for (String part : constant.split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }
}
