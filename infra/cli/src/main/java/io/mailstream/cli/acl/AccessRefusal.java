package io.mailstream.cli.acl;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What a secured cluster refused, to whom, and what to do about it: Kafka's own message names the
 * resource only ("Not authorized to access topics: [mail.suppressions]"). Built by
 * {@link RefusalDiagnosis}; {@link #render()} is the text the CLI prints under the error.
 *
 * @param principal      who was refused, e.g. {@code User:mailstream-dispatcher}, as far as the client file says
 * @param service        the mailstream service running as that principal, when known
 * @param resourceType   TOPIC, GROUP, TRANSACTIONAL_ID or CLUSTER
 * @param resourceName   the topic, group or transactional id (prefix)
 * @param refused        the operations the principal lacks for what it tried; empty when they cannot be told
 * @param leastPrivilege what the service's least-privilege ACLs grant it on this resource
 * @param toApply        the {@code topics --print-acls} bindings that grant the refused operations (those the service needs)
 */
public record AccessRefusal(String principal, Optional<MailstreamService> service, ResourceType resourceType, String resourceName,
        Set<AclOperation> refused, Set<AclOperation> leastPrivilege, List<AclBinding> toApply) {

    public AccessRefusal {
        refused = refused.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(refused));
        leastPrivilege = Set.copyOf(leastPrivilege);
        toApply = List.copyOf(toApply);
    }

    /** The refused operations that the service's least-privilege set does not grant: it must not do them. */
    public Set<AclOperation> beyondLeastPrivilege() {
        return refused.stream().filter(op -> !leastPrivilege.contains(op))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AclOperation.class)));
    }

    /** Several lines: who lacks which right on what, then the ACL to apply or why none should be. */
    public String render() {
        StringBuilder b = new StringBuilder("Kafka refused ").append(principal).append(' ');
        b.append(refused.isEmpty() ? "an operation" : names(refused)).append(" on ").append(resourceType).append(' ')
                .append(resourceName).append('.');
        if (service.isEmpty()) {
            return b.append(" 'mailstream topics --print-acls' prints the ACLs each service needs (read/write per topic, group,"
                    + " transactional id); apply the lines of the service this client runs as.").toString();
        }
        String who = service.get().id();
        if (!toApply.isEmpty()) {
            b.append("\nThe ").append(who).append(" needs ").append(toApply.size() == 1 ? "this right" : "these rights")
                    .append(": apply ").append(toApply.size() == 1 ? "this line" : "these lines")
                    .append(" of 'mailstream topics --print-acls':\n");
            ServiceAcls.render(toApply).lines().forEach(l -> b.append("  ").append(l.strip()).append('\n'));
            b.append("for example with: ");
            b.append(toApply.stream().map(AccessRefusal::kafkaAcls).collect(Collectors.joining("\n                  ")));
        }
        Set<AclOperation> beyond = beyondLeastPrivilege();
        if (!beyond.isEmpty()) {
            b.append("\nThe ").append(who).append("'s least-privilege ACLs ('mailstream topics --print-acls') grant it ")
                    .append(leastPrivilege.isEmpty() ? "nothing" : "only " + names(leastPrivilege)).append(" on ")
                    .append(resourceType).append(' ').append(resourceName).append(": it must not ").append(names(beyond))
                    .append(" there. Check that --kafka-config is the ").append(who).append("'s own file; do not widen its ACLs.");
        }
        if (refused.isEmpty()) {
            b.append("\nThe ").append(who).append("'s least-privilege ACLs grant it ")
                    .append(leastPrivilege.isEmpty() ? "nothing" : names(leastPrivilege)).append(" on this resource; "
                    + "'mailstream topics --print-acls' prints them all.");
        }
        return b.toString();
    }

    private static String names(Set<AclOperation> ops) {
        return ops.stream().sorted().map(AclOperation::name).collect(Collectors.joining(", "));
    }

    /** The {@code kafka-acls.sh} call that adds one binding, run by an admin of the cluster. */
    static String kafkaAcls(AclBinding x) {
        return KafkaAclsScript.line(x, "kafka-acls.sh --bootstrap-server HOST:PORT --command-config ADMIN.properties");
    }
}
