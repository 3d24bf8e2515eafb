package io.mailstream.cli.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.topics.Topics;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class RefusalDiagnosisTest {
    private static KafkaClientSettings scram(String user) {
        return new KafkaClientSettings(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"secret\";"), Optional.empty());
    }

    /** As {@code producer.send(...).get()} throws it: Kafka's stackless error inside the producer future's exception. */
    private static ExecutionException fromProducer(Throwable cause) {
        ExecutionException e = new ExecutionException(cause);
        e.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.apache.kafka.clients.producer.internals.FutureRecordMetadata", "get", null, 1) });
        return e;
    }

    private static AuthorizedOperations allowing(AclOperation... ops) {
        return topic -> Optional.of(ops.length == 0 ? Set.of() : EnumSet.of(ops[0], ops));
    }

    @Test
    void aProducerWithoutDescribeShouldBeToldItLacksBothDescribeAndWrite() {
        AccessRefusal r = new RefusalDiagnosis(ServiceAcls.defaults(), scram("mailstream-campaigns"), allowing())
                .diagnose(fromProducer(new TopicAuthorizationException(Set.of(Topics.OUTBOUND)))).orElseThrow();
        assertThat(r.principal()).isEqualTo("User:mailstream-campaigns");
        assertThat(r.service()).contains(MailstreamService.CAMPAIGNS);
        assertThat(r.refused()).containsExactlyInAnyOrder(AclOperation.WRITE, AclOperation.DESCRIBE);
        assertThat(r.toApply()).hasSize(2).allSatisfy(b -> assertThat(b.pattern().name()).isEqualTo(Topics.OUTBOUND));
        assertThat(r.render()).contains("Kafka refused User:mailstream-campaigns WRITE, DESCRIBE on TOPIC " + Topics.OUTBOUND)
                .contains("--operation Describe --topic " + Topics.OUTBOUND).doesNotContain("must not");
    }

    @Test
    void aWriteOutsideTheLeastPrivilegeSetShouldSayTheServiceMustNotDoIt() {
        AccessRefusal r = new RefusalDiagnosis(ServiceAcls.defaults(), scram("mailstream-dispatcher"),
                allowing(AclOperation.READ, AclOperation.DESCRIBE))
                .diagnose(fromProducer(new TopicAuthorizationException(Set.of(Topics.SUPPRESSIONS)))).orElseThrow();
        assertThat(r.refused()).containsExactly(AclOperation.WRITE);
        assertThat(r.beyondLeastPrivilege()).containsExactly(AclOperation.WRITE);
        assertThat(r.toApply()).isEmpty();
        assertThat(r.render()).contains("it must not WRITE there");
    }

    @Test
    void aConsumerRefusalWithoutAStackShouldNameWhatTheServiceNeedsAndLacks() {
        AccessRefusal r = new RefusalDiagnosis(ServiceAcls.defaults(), scram("mailstream-dispatcher"), allowing(AclOperation.DESCRIBE))
                .diagnose(new TopicAuthorizationException(Set.of(Topics.OUTBOUND))).orElseThrow();
        assertThat(r.refused()).containsExactly(AclOperation.READ);
        assertThat(r.render()).contains("--operation Read --topic " + Topics.OUTBOUND);
    }

    @Test
    void aRefusedGroupAndTransactionalIdShouldNameTheirResource() {
        RefusalDiagnosis bounce = new RefusalDiagnosis(ServiceAcls.defaults(), scram("mailstream-bounce-processor"),
                AuthorizedOperations.unknown());
        AccessRefusal group = bounce.diagnose(new GroupAuthorizationException("no", ServiceAcls.DEFAULT_BOUNCE_APPLICATION_ID))
                .orElseThrow();
        assertThat(group.resourceType()).isEqualTo(ResourceType.GROUP);
        assertThat(group.render()).contains("READ on GROUP " + ServiceAcls.DEFAULT_BOUNCE_APPLICATION_ID)
                .contains("--operation Read --group " + ServiceAcls.DEFAULT_BOUNCE_APPLICATION_ID);
        AccessRefusal txn = bounce.diagnose(new TransactionalIdAuthorizationException("Transactional Id authorization failed."))
                .orElseThrow();
        assertThat(txn.resourceType()).isEqualTo(ResourceType.TRANSACTIONAL_ID);
        assertThat(txn.render()).contains("WRITE on TRANSACTIONAL_ID").contains("--resource-pattern-type prefixed");
    }

    @Test
    void anUnknownPrincipalShouldPointAtPrintAclsAndOtherErrorsShouldGiveNothing() {
        RefusalDiagnosis d = new RefusalDiagnosis(ServiceAcls.defaults(), scram("someone-else"), AuthorizedOperations.unknown());
        assertThat(d.diagnose(fromProducer(new TopicAuthorizationException(Set.of("t")))).orElseThrow().render())
                .startsWith("Kafka refused User:someone-else WRITE on TOPIC t.").contains("--print-acls");
        assertThat(d.diagnose(new IllegalStateException("not a refusal"))).isEmpty();
    }
}
