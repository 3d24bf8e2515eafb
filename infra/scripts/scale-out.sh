#!/usr/bin/env bash
# The scale-out run in one command, from a fresh clone (builds the CLI on first use):
#
#   infra/scripts/scale-out.sh [--messages N] [--partitions N] [--dispatchers N] [--work-dir DIR] [--json]
#
# Starts a 3-node KRaft cluster, the schema registry and the SMTP sink, each in its own JVM on free
# ports; launches one campaign with no dispatcher running (lag rises), adds dispatchers one at a
# time (lag drains; msg/s per phase), SIGKILLs one dispatcher and the group coordinator's broker,
# lets the rest finish, then checks the sink's per-recipient counts and mail.delivery-events.
# Exit code 0 (and "result: OK") only if nothing was lost, every message has exactly one terminal event,
# and the repeated SMTP deliveries do not exceed the transactions the killed dispatcher had in flight
# (started, outcome not yet durable in Kafka) at the kill, counted from the sink's transaction log.
# Cleanup: the orchestrating JVM stops every process it started when it ends (also on failure or
# Ctrl-C); should it be killed itself, the EXIT trap below SIGKILLs whatever it left running.
# Logs: <work dir>/logs (a temp dir, deleted after a passing run unless --work-dir is given).
# This is `./mailstream bench scale-out`; see docs/benchmarks.md "Scale-out" for every option.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PIDS="$(mktemp "${TMPDIR:-/tmp}/mailstream-scale-out-pids.XXXXXX")"

cleanup() {
  local pid name
  if [ -n "${RUN:-}" ] && kill -0 "$RUN" 2>/dev/null; then
    kill -TERM "$RUN" 2>/dev/null || true
    wait "$RUN" 2>/dev/null || true
  fi
  while read -r pid name; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "scale-out.sh: $name (pid $pid) was left running; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done < "$PIDS"
  rm -f "$PIDS"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Kafka clients in the orchestrator warn about every refused connection to the broker it kills on purpose.
export MAILSTREAM_JAVA_OPTS="${MAILSTREAM_JAVA_OPTS:--Dorg.slf4j.simpleLogger.log.org.apache.kafka=error}"
"$ROOT/mailstream" bench scale-out --pid-file "$PIDS" "$@" &
RUN=$!
wait "$RUN"
