package io.mailstream.cli.standalone;

import io.mailstream.cli.KafkaClusterOptions;
import io.mailstream.cli.acl.MailstreamService;
import io.mailstream.cli.acl.ServiceAcls;
import io.mailstream.cli.acl.StrimziKafkaUsers;
import io.mailstream.schemas.kafka.KafkaConfigException;
import io.mailstream.schemas.topics.ProvisioningResult;
import io.mailstream.schemas.topics.TopicProvisioner;
import io.mailstream.schemas.topics.Topics;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream topics}: creates every mailstream topic that is missing on a cluster, with a
 * replication factor and {@code min.insync.replicas} fit for it (3 / 2 on a 3-broker cluster).
 * Exit code 1 when an existing topic has another partition count than asked for.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create the mailstream topics that are missing (replication factor, min.insync.replicas, partitions).")
public final class TopicsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClusterOptions kafka;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions of the outbound, transactional, retry and event topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", description = "Replicas per partition (default: min(3, brokers)).")
    Short replicationFactor;

    @Option(names = "--min-insync-replicas", description = "min.insync.replicas of the created topics (default: the broker's).")
    Integer minInsyncReplicas;

    @Option(names = "--print-acls", description = "Print the least-privilege ACLs of every service instead (no connection).")
    boolean printAcls;

    @Option(names = "--acl-principal", paramLabel = "SERVICE=PRINCIPAL", description = "With --print-acls: the principal of a"
            + " service (dispatcher, bounce-processor, api, campaigns, registry, webhooks; default User:mailstream-<service>; repeatable).")
    Map<String, String> aclPrincipals = new LinkedHashMap<>();

    @Option(names = "--acl-format", defaultValue = "table", description = "With --print-acls: table (default), strimzi "
            + "(KafkaUser resources, one SCRAM user per service, as infra/k8s/kafka-users.strimzi.yaml) or kafka-acls "
            + "(kafka-acls.sh calls, as infra/compose/docker-compose.secure.yml's kafka-init runs them).")
    String aclFormat;

    @Option(names = "--strimzi-cluster", defaultValue = "mailstream", description = "With --acl-format strimzi: the Kafka resource's "
            + "name (default: ${DEFAULT-VALUE}).")
    String strimziCluster;

    @Option(names = "--namespace", defaultValue = "kafka", description = "With --acl-format strimzi: the namespace of the Kafka "
            + "resource, where Strimzi's user operator watches KafkaUsers (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--dispatcher-group", defaultValue = ServiceAcls.DEFAULT_DISPATCHER_GROUP,
            description = "With --print-acls: the dispatchers' --group-id (default: ${DEFAULT-VALUE}).")
    String dispatcherGroup;

    @Override
    public Integer call() {
        if (printAcls) {
            return printAcls();
        }
        ProvisioningResult result;
        try (TopicProvisioner provisioner = TopicProvisioner.forCluster(kafka.connection())) {
            if (replicationFactor == null && minInsyncReplicas == null) {
                result = provisioner.provision(Topics.all(partitions));
            } else if (replicationFactor == null) {
                spec.commandLine().getErr().println("mailstream topics: --min-insync-replicas needs --replication-factor");
                return 2;
            } else {
                result = provisioner.provision(Topics.all(partitions), replicationFactor,
                        minInsyncReplicas == null ? OptionalInt.empty() : OptionalInt.of(minInsyncReplicas));
            }
        } catch (IllegalArgumentException | KafkaConfigException e) {
            spec.commandLine().getErr().println("mailstream topics: " + e.getMessage());
            return 2;
        }
        spec.commandLine().getOut().println("created " + result.created() + ", already there " + result.existing());
        result.mismatches().forEach(m -> spec.commandLine().getErr().println("topic " + m.topic() + " has "
                + m.actualPartitions() + " partitions, not " + m.expectedPartitions() + "; left unchanged"));
        return result.hasMismatches() ? 1 : 0;
    }

    private int printAcls() {
        Map<MailstreamService, String> principals = new EnumMap<>(MailstreamService.class);
        for (MailstreamService s : MailstreamService.values()) {
            principals.put(s, s.defaultPrincipal());
        }
        for (Map.Entry<String, String> e : aclPrincipals.entrySet()) {
            MailstreamService service = Arrays.stream(MailstreamService.values()).filter(s -> s.id().equals(e.getKey()))
                    .findFirst().orElse(null);
            if (service == null || !e.getValue().contains(":")) {
                spec.commandLine().getErr().println("mailstream topics: --acl-principal wants SERVICE=Type:name with SERVICE one of"
                        + " dispatcher, bounce-processor, api, campaigns, registry, webhooks, tracking, console; was " + e.getKey() + "=" + e.getValue());
                return 2;
            }
            principals.put(service, e.getValue());
        }
        ServiceAcls acls = new ServiceAcls(principals, dispatcherGroup, ServiceAcls.DEFAULT_BOUNCE_APPLICATION_ID);
        if (aclFormat.equals("strimzi")) {
            spec.commandLine().getOut().print(StrimziKafkaUsers.render(acls, strimziCluster, namespace));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (aclFormat.equals("kafka-acls")) {
            spec.commandLine().getOut().print(io.mailstream.cli.acl.KafkaAclsScript.render(acls));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (!aclFormat.equals("table")) {
            spec.commandLine().getErr().println("mailstream topics: --acl-format is table, strimzi or kafka-acls, was " + aclFormat);
            return 2;
        }
        for (MailstreamService s : MailstreamService.values()) {
            spec.commandLine().getOut().println("# " + s.id());
            spec.commandLine().getOut().print(ServiceAcls.render(acls.of(s)));
        }
        return 0;
    }
}
