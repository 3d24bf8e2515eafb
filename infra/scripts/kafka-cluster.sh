#!/usr/bin/env bash
# A 3-node KRaft Kafka cluster as three local JVM processes, from Maven Central jars (no Docker,
# no Kafka download): each node is a combined broker + controller.
#
#   infra/scripts/kafka-cluster.sh start  [DATA_DIR]   # format (first time) and start the 3 nodes
#   infra/scripts/kafka-cluster.sh status [DATA_DIR]   # which nodes run and answer
#   infra/scripts/kafka-cluster.sh stop   [DATA_DIR]   # SIGTERM, wait for a clean shutdown
#
# Clients: --bootstrap-servers localhost:19092,localhost:19093,localhost:19094
# Controllers listen on 19192..19194. DATA_DIR (default $KAFKA_CLUSTER_DIR or
# ~/.mailstream/kafka-cluster) holds lib/ (the jars), node-N/{server.properties,logs,server.log,pid}.
# Environment: KAFKA_VERSION (4.4.0), SLF4J_VERSION (2.0.17), JACKSON_VERSION (2.19.2), KAFKA_HEAP_OPTS (-Xmx512m),
# MVN (mvn), MVN_ARGS (extra Maven arguments, e.g. -o).
set -euo pipefail

KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
SLF4J_VERSION="${SLF4J_VERSION:-2.0.17}"
JACKSON_VERSION="${JACKSON_VERSION:-2.19.2}"
HEAP="${KAFKA_HEAP_OPTS:--Xmx512m}"
# JDK 25 (found as ./mvnw and ./mailstream find it); Kafka still calls sun.misc.Unsafe and RocksDB loads native code.
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.mvn/jdk.sh"
HEAP="$HEAP --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
NODES=(1 2 3)
broker_port() { echo $((19091 + $1)); }
controller_port() { echo $((19191 + $1)); }

cmd="${1:-}"
DATA="${2:-${KAFKA_CLUSTER_DIR:-$HOME/.mailstream/kafka-cluster}}"
mkdir -p "$DATA"
DATA="$(cd "$DATA" && pwd)"
LIB="$DATA/lib"

die() { echo "kafka-cluster: $*" >&2; exit 1; }

fetch_jars() {
  [ -f "$LIB/.complete-$KAFKA_VERSION" ] && return 0
  echo "kafka-cluster: copying kafka_2.13 $KAFKA_VERSION and its dependencies from Maven into $LIB" >&2
  local pom="$DATA/fetch-pom.xml"
  cat > "$pom" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.mailstream.local</groupId><artifactId>kafka-cluster-lib</artifactId><version>1</version>
  <packaging>pom</packaging>
  <!-- One Jackson version for everything (mixed versions break the broker, see NOTES-build). -->
  <dependencyManagement><dependencies>
    <dependency><groupId>com.fasterxml.jackson</groupId><artifactId>jackson-bom</artifactId><version>$JACKSON_VERSION</version><type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>$SLF4J_VERSION</version></dependency>
  </dependencies>
</project>
POM
  rm -rf "$LIB"
  # shellcheck disable=SC2086
  "${MVN:-mvn}" -B -q ${MVN_ARGS:-} -f "$pom" dependency:copy-dependencies \
      -DoutputDirectory="$LIB" -DincludeScope=runtime >&2 || die "Maven could not copy the Kafka jars"
  touch "$LIB/.complete-$KAFKA_VERSION"
}

voters() {
  local v=() n
  for n in "${NODES[@]}"; do v+=("$n@localhost:$(controller_port "$n")"); done
  (IFS=,; echo "${v[*]}")
}

write_config() {
  local n="$1" dir="$DATA/node-$1"
  mkdir -p "$dir"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$(voters)
listeners=PLAINTEXT://localhost:$(broker_port "$n"),CONTROLLER://localhost:$(controller_port "$n")
advertised.listeners=PLAINTEXT://localhost:$(broker_port "$n")
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/logs
num.partitions=3
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=4194304
PROPS
}

java_cp() { java $HEAP -Dorg.slf4j.simpleLogger.defaultLogLevel=info -cp "$LIB/*" "$@"; }

format_all() {
  local id n meta
  meta="$DATA/node-1/logs/meta.properties"
  # A restart must reuse the cluster id: --ignore-formatted still checks it.
  if [ -f "$meta" ]; then
    id="$(sed -n 's/^cluster.id=//p' "$meta")"
  elif [ -f "$DATA/cluster.id" ]; then
    id="$(cat "$DATA/cluster.id")"
  else
    id="$(java_cp kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
  fi
  [ -n "$id" ] || die "could not determine a cluster id"
  echo "$id" > "$DATA/cluster.id"
  for n in "${NODES[@]}"; do
    java_cp kafka.tools.StorageTool format -t "$id" -c "$DATA/node-$n/server.properties" --ignore-formatted \
        > "$DATA/node-$n/format.log" 2>&1 || die "formatting node $n failed, see $DATA/node-$n/format.log"
  done
}

pid_of() {
  local f="$DATA/node-$1/pid"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
}

port_open() { (exec 3<>"/dev/tcp/localhost/$1") 2>/dev/null; }

start() {
  command -v java > /dev/null || die "java is not on the PATH"
  fetch_jars
  local n
  for n in "${NODES[@]}"; do write_config "$n"; done
  format_all
  for n in "${NODES[@]}"; do
    if pid_of "$n" > /dev/null; then
      echo "node $n already running (pid $(pid_of "$n"))"
      continue
    fi
    port_open "$(broker_port "$n")" && die "port $(broker_port "$n") is taken by another process"
    nohup java $HEAP -Dorg.slf4j.simpleLogger.defaultLogLevel=info -cp "$LIB/*" kafka.Kafka \
        "$DATA/node-$n/server.properties" > "$DATA/node-$n/server.log" 2>&1 < /dev/null &
    echo $! > "$DATA/node-$n/pid"
    echo "node $n starting (pid $!, log $DATA/node-$n/server.log)"
  done
  local deadline=$((SECONDS + ${START_TIMEOUT:-90}))
  for n in "${NODES[@]}"; do
    until port_open "$(broker_port "$n")"; do
      pid_of "$n" > /dev/null || die "node $n exited, see $DATA/node-$n/server.log"
      [ $SECONDS -lt $deadline ] || die "node $n did not open port $(broker_port "$n") in time, see $DATA/node-$n/server.log"
      sleep 1
    done
  done
  echo "cluster up: --bootstrap-servers localhost:19092,localhost:19093,localhost:19094"
}

stop() {
  local n pid
  for n in "${NODES[@]}"; do
    if pid="$(pid_of "$n")"; then
      kill -TERM "$pid"
      echo "node $n stopping (pid $pid)"
    fi
  done
  local deadline=$((SECONDS + ${STOP_TIMEOUT:-60}))
  for n in "${NODES[@]}"; do
    while pid_of "$n" > /dev/null; do
      [ $SECONDS -lt $deadline ] || die "node $n (pid $(pid_of "$n")) did not stop in time"
      sleep 1
    done
    rm -f "$DATA/node-$n/pid"
  done
  echo "cluster stopped"
}

status() {
  local n pid up=0
  for n in "${NODES[@]}"; do
    if pid="$(pid_of "$n")"; then
      if port_open "$(broker_port "$n")"; then
        echo "node $n: running (pid $pid), broker localhost:$(broker_port "$n"), controller localhost:$(controller_port "$n")"
        up=$((up + 1))
      else
        echo "node $n: process $pid is up but port $(broker_port "$n") does not answer yet"
      fi
    else
      echo "node $n: stopped"
    fi
  done
  [ "$up" -eq "${#NODES[@]}" ]
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status [DATA_DIR]" >&2; exit 2 ;;
esac
