#!/usr/bin/env bash
# One Kafka principal per service on a Strimzi cluster. Run after the KafkaUsers of
# kafka-users.strimzi.yaml exist (`kubectl apply -f infra/k8s/kafka-users.strimzi.yaml`): Strimzi's user
# operator has then written a Secret per user holding its sasl.jaas.config. This makes, in the
# mailstream namespace:
#   mailstream-kafka-<service>  client.properties (+ ca.crt) for --kafka-config, mounted by each Deployment
#                               at /etc/mailstream-kafka with MAILSTREAM_KAFKA_CONFIG pointing at it
#   mailstream-kafka-registry   sasl.jaas.config and ca.crt for the schema registry's KAFKASTORE settings
#   mailstream-kafka            KEDA's credentials, as the dispatcher's user (it may describe its group)
# Secrets go from one Secret to another through a pipe, never through a command-line argument.
#   KAFKA_NS (default kafka), CLUSTER (default mailstream), NS (default mailstream)
set -euo pipefail
KAFKA_NS=${KAFKA_NS:-kafka}
CLUSTER=${CLUSTER:-mailstream}
NS=${NS:-mailstream}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
kubectl -n "$KAFKA_NS" get secret "$CLUSTER-cluster-ca-cert" -o jsonpath='{.data.ca\.crt}' | base64 -d > "$work/ca.crt"

for service in dispatcher bounce-processor api campaigns webhooks tracking console; do
  user="mailstream-$service"
  kubectl -n "$KAFKA_NS" get secret "$user" -o jsonpath='{.data.sasl\.jaas\.config}' | base64 -d > "$work/jaas"
  {
    echo "security.protocol=SASL_SSL"
    echo "sasl.mechanism=SCRAM-SHA-512"
    printf 'sasl.jaas.config=%s\n' "$(cat "$work/jaas")"
    echo "ssl.truststore.type=PEM"
    echo "ssl.truststore.location=/etc/mailstream-kafka/ca.crt"
  } > "$work/client.properties"
  kubectl -n "$NS" create secret generic "mailstream-kafka-$service" \
    --from-file=client.properties="$work/client.properties" --from-file=ca.crt="$work/ca.crt" \
    --dry-run=client -o yaml | kubectl apply -f -
  echo "secret $NS/mailstream-kafka-$service: $user"
done

# The schema registry (Confluent's image) takes its SASL settings as environment variables: its Secret
# holds the bare sasl.jaas.config and the CA.
kubectl -n "$KAFKA_NS" get secret mailstream-registry -o jsonpath='{.data.sasl\.jaas\.config}' | base64 -d > "$work/jaas"
kubectl -n "$NS" create secret generic mailstream-kafka-registry \
  --from-file=sasl.jaas.config="$work/jaas" --from-file=ca.crt="$work/ca.crt" \
  --dry-run=client -o yaml | kubectl apply -f -
echo "secret $NS/mailstream-kafka-registry: mailstream-registry"

kubectl -n "$KAFKA_NS" get secret mailstream-dispatcher -o jsonpath='{.data.password}' | base64 -d > "$work/password"
kubectl -n "$NS" create secret generic mailstream-kafka \
  --from-literal=sasl=scram_sha512 --from-literal=username=mailstream-dispatcher \
  --from-file=password="$work/password" --from-literal=tls=enable --from-file=ca="$work/ca.crt" \
  --dry-run=client -o yaml | kubectl apply -f -
echo "secret $NS/mailstream-kafka: KEDA as mailstream-dispatcher"
