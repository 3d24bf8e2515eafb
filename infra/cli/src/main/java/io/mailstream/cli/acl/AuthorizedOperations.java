package io.mailstream.cli.acl;

import io.mailstream.schemas.kafka.KafkaConnection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * What the cluster lets the refused principal do on a topic, asked as that principal (Kafka's
 * {@code includeAuthorizedOperations}): the difference with what it needs is the missing right.
 */
@FunctionalInterface
public interface AuthorizedOperations {
    /** The operations allowed on {@code topic}; empty when the cluster could not be asked. */
    Optional<Set<AclOperation>> onTopic(String topic);

    /** For when there is no connection to ask with. */
    static AuthorizedOperations unknown() {
        return topic -> Optional.empty();
    }

    /** Asks the cluster with the client's own connection; a refused DESCRIBE means no operation at all. */
    static AuthorizedOperations askingAs(KafkaConnection connection) {
        return topic -> {
            Map<String, Object> owned = Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, "mailstream-refusal-diagnosis",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
            try (Admin admin = Admin.create(connection.merge(owned))) {
                TopicDescription d = admin.describeTopics(java.util.List.of(topic),
                        new DescribeTopicsOptions().includeAuthorizedOperations(true)).allTopicNames().get(20, TimeUnit.SECONDS).get(topic);
                Set<AclOperation> ops = d.authorizedOperations();
                return Optional.of(ops == null || ops.isEmpty() ? Set.of() : EnumSet.copyOf(ops));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AuthorizationException) {
                    return Optional.of(Set.of());
                }
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (Exception e) {
                // the diagnosis only adds to an error already shown: never let it hide that error
                return Optional.empty();
            }
        };
    }
}
