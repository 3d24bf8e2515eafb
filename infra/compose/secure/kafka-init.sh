#!/bin/bash
# Sets up the secured compose cluster as its admin (CN=mailstream-admin, a super user, over the
# brokers' mTLS listener): the topics, one SCRAM user per service, exactly the ACLs of
# `mailstream topics --print-acls`, and one client properties file per service in /clients/<service>/,
# which only that service mounts. Safe to run again.
# infra/cli's ComposePrincipalsTest fails when this file drifts from the code's topics and ACLs.
set -euo pipefail
export PATH=/opt/kafka/bin:$PATH
P="${MAILSTREAM_TLS_PASSWORD:?set MAILSTREAM_TLS_PASSWORD}"
KAFKA=kafka-1:9094,kafka-2:9094,kafka-3:9094
CLIENT_BOOTSTRAP=kafka-1:9092,kafka-2:9092,kafka-3:9092
ADMIN_CONFIG=/tmp/admin.properties
cat > "$ADMIN_CONFIG" <<PROPS
security.protocol=SSL
ssl.keystore.type=PKCS12
ssl.keystore.location=/certs/mailstream-admin.p12
ssl.keystore.password=$P
ssl.key.password=$P
ssl.truststore.type=PKCS12
ssl.truststore.location=/certs/truststore.p12
ssl.truststore.password=$P
PROPS
until kafka-broker-api-versions.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" > /dev/null 2>&1; do sleep 2; done

# Topics: io.mailstream.schemas.topics.Topics.all(12), replication 3.
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.campaigns --partitions 1 --replication-factor 3 --config cleanup.policy=compact
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.outbound --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.transactional --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.delivery-events --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.bounces.raw --partitions 3 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=1209600000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.suppressions --partitions 3 --replication-factor 3 --config cleanup.policy=compact
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.dead-letter --partitions 1 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.webhooks.dead-letter --partitions 1 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.received-bounces --partitions 3 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.engagement --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.tls-reports --partitions 1 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.warmup-counters --partitions 1 --replication-factor 3 --config cleanup.policy=compact
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.shard-map --partitions 1 --replication-factor 3 --config cleanup.policy=compact
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.throttle-state --partitions 1 --replication-factor 3 --config cleanup.policy=compact
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.guard-decisions --partitions 1 --replication-factor 3 --config cleanup.policy=compact
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.idempotency-keys --partitions 3 --replication-factor 3 --config cleanup.policy=compact,delete --config retention.ms=86400000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.transactional-status --partitions 3 --replication-factor 3 --config cleanup.policy=compact,delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.retry.1m --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.retry.5m --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.retry.30m --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.retry.120m --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.retry.360m --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.retry.transactional.1m --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.retry.transactional.5m --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.retry.transactional.30m --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.retry.transactional.120m --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --create --if-not-exists --topic mail.retry.transactional.360m --partitions 12 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=604800000

# One SCRAM-SHA-512 user per service; the passwords come from the environment, never from a command line.
scram_user() {
  kafka-configs.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --alter --entity-type users \
    --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"
}
scram_user mailstream-dispatcher "${MAILSTREAM_KAFKA_PASSWORD_DISPATCHER:?}"
scram_user mailstream-bounce-processor "${MAILSTREAM_KAFKA_PASSWORD_BOUNCE_PROCESSOR:?}"
scram_user mailstream-api "${MAILSTREAM_KAFKA_PASSWORD_API:?}"
scram_user mailstream-campaigns "${MAILSTREAM_KAFKA_PASSWORD_CAMPAIGNS:?}"
scram_user mailstream-registry "${MAILSTREAM_KAFKA_PASSWORD_REGISTRY:?}"
scram_user mailstream-webhooks "${MAILSTREAM_KAFKA_PASSWORD_WEBHOOKS:?}"
scram_user mailstream-tracking "${MAILSTREAM_KAFKA_PASSWORD_TRACKING:?}"
scram_user mailstream-console "${MAILSTREAM_KAFKA_PASSWORD_CONSOLE:?}"

# ACLs: the output of `mailstream topics --print-acls --acl-format kafka-acls`, unchanged.
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Read --topic mail.outbound
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Describe --topic mail.outbound
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Read --topic mail.transactional
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Describe --topic mail.transactional
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Read --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Describe --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Read --topic mail.suppressions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Describe --topic mail.suppressions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Read --topic mail.delivery-events
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Describe --topic mail.delivery-events
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Read --topic mail.warmup-counters
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Describe --topic mail.warmup-counters
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Read --topic mail.tls-reports
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Describe --topic mail.tls-reports
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Read --topic mail.shard-map
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Describe --topic mail.shard-map
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Read --topic mail.throttle-state
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Describe --topic mail.throttle-state
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Write --topic mail.delivery-events
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Write --topic mail.dead-letter
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Describe --topic mail.dead-letter
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Write --topic mail.warmup-counters
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Write --topic mail.tls-reports
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Write --topic mail.throttle-state
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Read --topic mail.retry. --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Write --topic mail.retry. --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Describe --topic mail.retry. --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-dispatcher --operation Read --group mailstream-dispatcher
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Read --topic mail.bounces.raw
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Describe --topic mail.bounces.raw
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Read --topic mail.delivery-events
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Describe --topic mail.delivery-events
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Read --topic mail.suppressions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Describe --topic mail.suppressions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Read --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Describe --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Read --topic mail.engagement
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Describe --topic mail.engagement
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Write --topic mail.bounces.raw
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Write --topic mail.suppressions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Write --topic mail.dead-letter
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Describe --topic mail.dead-letter
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Write --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Write --topic mail.guard-decisions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Describe --topic mail.guard-decisions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Write --topic mail.received-bounces
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Describe --topic mail.received-bounces
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Write --transactional-id mailstream-campaign-state- --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Describe --transactional-id mailstream-campaign-state- --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation All --topic mailstream-bounce-processor- --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-bounce-processor --operation Read --group mailstream-bounce-processor
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Read --topic mail.delivery-events
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Describe --topic mail.delivery-events
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Read --topic mail.idempotency-keys
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Describe --topic mail.idempotency-keys
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Read --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Describe --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Read --topic mail.transactional-status
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Describe --topic mail.transactional-status
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Read --topic mail.shard-map
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Describe --topic mail.shard-map
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Write --topic mail.transactional
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Describe --topic mail.transactional
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Write --topic mail.idempotency-keys
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Write --topic mail.transactional-status
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-api --operation Read --group mailstream-api-status
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-campaigns --operation Read --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-campaigns --operation Describe --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-campaigns --operation Read --topic mail.shard-map
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-campaigns --operation Describe --topic mail.shard-map
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-campaigns --operation Write --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-campaigns --operation Write --topic mail.outbound
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-campaigns --operation Describe --topic mail.outbound
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-campaigns --operation Write --topic mail.shard-map
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-campaigns --operation Write --transactional-id mailstream-campaign-state- --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-campaigns --operation Describe --transactional-id mailstream-campaign-state- --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-registry --operation Read --topic _schemas
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-registry --operation Describe --topic _schemas
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-registry --operation Write --topic _schemas
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-registry --operation Create --topic _schemas
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Read --topic mail.delivery-events
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Describe --topic mail.delivery-events
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Read --topic mail.suppressions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Describe --topic mail.suppressions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Read --topic mail.engagement
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Describe --topic mail.engagement
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Read --topic mail.guard-decisions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Describe --topic mail.guard-decisions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Read --topic mail.received-bounces
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Describe --topic mail.received-bounces
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Write --topic mail.webhooks.dead-letter
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Describe --topic mail.webhooks.dead-letter
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-webhooks --operation Read --group mailstream-webhooks- --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-tracking --operation Write --topic mail.engagement
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-tracking --operation Describe --topic mail.engagement
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Read --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Describe --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Read --topic mail.delivery-events
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Describe --topic mail.delivery-events
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Read --topic mail.bounces.raw
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Describe --topic mail.bounces.raw
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Read --topic mail.suppressions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Describe --topic mail.suppressions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Read --topic mail.throttle-state
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Describe --topic mail.throttle-state
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Read --topic mail.warmup-counters
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Describe --topic mail.warmup-counters
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Read --topic mail.engagement
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Describe --topic mail.engagement
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Read --topic mail.guard-decisions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Describe --topic mail.guard-decisions
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Write --topic mail.campaigns
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Write --transactional-id mailstream-campaign-state- --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Describe --transactional-id mailstream-campaign-state- --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Describe --topic mail. --resource-pattern-type prefixed
kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add --allow-principal User:mailstream-console --operation Describe --group mailstream --resource-pattern-type prefixed

# A client file per service, with the trust store beside it: the service mounts only its own folder.
client_file() {
  mkdir -p "/clients/$1"
  cp /certs/truststore.p12 "/clients/$1/truststore.p12"
  cat > "/clients/$1/kafka.properties" <<PROPS
bootstrap.servers=$CLIENT_BOOTSTRAP
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="mailstream-$1" password="$2";
ssl.truststore.type=PKCS12
ssl.truststore.location=/etc/mailstream/kafka/truststore.p12
ssl.truststore.password=$P
PROPS
  chmod 600 "/clients/$1/kafka.properties"
  chown -R 1000:1000 "/clients/$1"
}
client_file dispatcher "$MAILSTREAM_KAFKA_PASSWORD_DISPATCHER"
client_file bounce-processor "$MAILSTREAM_KAFKA_PASSWORD_BOUNCE_PROCESSOR"
client_file api "$MAILSTREAM_KAFKA_PASSWORD_API"
client_file campaigns "$MAILSTREAM_KAFKA_PASSWORD_CAMPAIGNS"
client_file webhooks "$MAILSTREAM_KAFKA_PASSWORD_WEBHOOKS"
client_file tracking "$MAILSTREAM_KAFKA_PASSWORD_TRACKING"
client_file console "$MAILSTREAM_KAFKA_PASSWORD_CONSOLE"
echo "kafka-init: topics, users, ACLs and client files are in place"
