#!/usr/bin/env bash
# Issue 15's lobby cluster benchmark: the chat harness (chat-load.mjs) against three set-ups back to back, with the
# same sizes, on the same machine:
#   two-relay   two lobby nodes, profile cluster (RabbitMQ, PostgreSQL), each room's clients split over both nodes, so
#               lines cross nodes through RabbitMQ; the names are older than fan-out node, now the cluster's default
#               (one RabbitMQ connection per node); BENCH_LOBBY_ARGS="--skirmish.cluster.fanout=relay" for Spring's relay
#   one-relay   one node, profile cluster
#   one-simple  one node, profile postgres: Spring's in-memory simple broker on the same PostgreSQL
# Every set-up gets a fresh schema of its own (dropped afterwards when psql is there, after its tables' index scans
# and inserts are printed: counts of database work that do not depend on the machine's load). CPU per delivery is summed over
# the lobby processes; RabbitMQ's CPU is reported apart (the beam.smp listening on the relay port), and so are the
# Node clients', PostgreSQL's (all its processes) and the machine's busy share over the measured window. Loopback only.
#
#   cd lobby-service/bench && npm ci && ./cluster-bench.sh --clients 400 --rate 100 --seconds 5 --warmup 2
# Options are chat-load.mjs's (same for all three runs); --only "one-simple two-relay" picks runs.
# Environment (defaults: the test services of docs/scaling.md):
#   BENCH_DB_URL (jdbc:postgresql://127.0.0.1:5432/skirmish_test), BENCH_DB_USER / BENCH_DB_PASSWORD (skirmish),
#   SKIRMISH_RELAY_HOST / _PORT / _LOGIN / _PASSCODE (127.0.0.1, 61613, guest, guest), BENCH_RUN_TIMEOUT (900 s per run),
#   BENCH_LOBBY_ARGS (more lobby arguments for every run, e.g. "--skirmish.cluster.shared-chat-limit=false"),
#   BENCH_START_TIMEOUT (180 s: how long a node may take to become ready; more on a machine busy with other work).
# Bundles (skirmish.cluster.bundle-window=2ms, the default) against one frame per line: the same run
# with BENCH_LOBBY_ARGS="... --skirmish.cluster.bundle-window=0".
# Any chat-load.mjs option passes through, e.g. --jar /tmp/base.jar to compare another build back to back.
# --placement room (two-relay): every member of room r on node r mod 2, a what-if of room affinity (docs/scaling.md).
# --placement hint (two-relay): room affinity's real client path (route28): chat-load.mjs names the nodes lobby-1 and
# lobby-2 (skirmish.cluster.node-name), starts HAProxy (haproxy on the PATH) in front of them with the use-server rules
# of docker/haproxy/haproxy.cfg, and every member connects through it with ?node= from its own create or join answer.
# --placement balanced (two-relay): the same HAProxy and node names, every member through it without ?node= (leastconn
# spreads each room's members): the path of a client that ignores the hint, the base to compare hint with.
# Reports: reports/<prefix>-<set-up>.json and a summary table on stdout, also in reports/<prefix>-summary.md.
set -euo pipefail
cd "$(dirname "$0")"
runs=(two-relay one-relay one-simple)
pass=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --only) read -ra runs <<<"$2"; shift 2 ;;
    --label) echo "--label is set per run by this script" >&2; exit 2 ;;
    --jar) jar=$2; pass+=("$1" "$2"); shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
[[ -d node_modules ]] || { echo "run npm ci here first" >&2; exit 2; }
[[ -f ${jar:-../target/lobby-service.jar} ]] || { echo "build the jar first: ./mvnw -q -pl lobby-service -am package -DskipTests" >&2; exit 2; }

db_url=${BENCH_DB_URL:-${SKIRMISH_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/skirmish_test}}
export SKIRMISH_DB_USER=${BENCH_DB_USER:-${SKIRMISH_TEST_POSTGRES_USER:-skirmish}}
# the password reaches the lobbies through their environment, never a command line
export SKIRMISH_DB_PASSWORD=${BENCH_DB_PASSWORD:-${SKIRMISH_TEST_POSTGRES_PASSWORD:-skirmish}}
export SKIRMISH_RELAY_HOST=${SKIRMISH_RELAY_HOST:-127.0.0.1} SKIRMISH_RELAY_PORT=${SKIRMISH_RELAY_PORT:-61613}
export SKIRMISH_RELAY_LOGIN=${SKIRMISH_RELAY_LOGIN:-guest} SKIRMISH_RELAY_PASSCODE=${SKIRMISH_RELAY_PASSCODE:-guest}
[[ $SKIRMISH_RELAY_HOST =~ ^(127\.[0-9.]+|localhost)$ ]] || { echo "loopback only: SKIRMISH_RELAY_HOST" >&2; exit 2; }
prefix=cluster-$(date -u +%Y%m%d-%H%M%S)
mkdir -p reports

# load-independent counts of the run's database work (index scans per table, rows inserted and updated; rate_limit_buckets:
# one update per shared bucket check, chat_rate_buckets one per chat line since cluster20), before the schema goes
table_counts() {
  command -v psql >/dev/null 2>&1 || return 0
  local hostport=${db_url#jdbc:postgresql://}; hostport=${hostport%%/*}
  local db=${db_url##*/}; db=${db%%\?*}
  PGPASSWORD=$SKIRMISH_DB_PASSWORD timeout 30 psql -q -h "${hostport%%:*}" -p "${hostport##*:}" -U "$SKIRMISH_DB_USER" -d "$db" -A -F ' ' \
    -c "select relname, idx_scan, seq_scan, n_tup_ins, n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where schemaname = '$1' and relname in ('seat_claims', 'rooms', 'room_seats', 'chat_messages', 'player_presence', 'rate_limit_buckets', 'chat_rate_buckets') order by relname" \
    2>/dev/null | sed "s/^/[tables] /" || true
}

drop_schema() {
  command -v psql >/dev/null 2>&1 || return 0
  local hostport=${db_url#jdbc:postgresql://}; hostport=${hostport%%/*}
  local db=${db_url##*/}; db=${db%%\?*}
  PGPASSWORD=$SKIRMISH_DB_PASSWORD timeout 30 psql -q -h "${hostport%%:*}" -p "${hostport##*:}" -U "$SKIRMISH_DB_USER" -d "$db" \
    -c "drop schema if exists $1 cascade" >/dev/null 2>&1 || echo "could not drop schema $1" >&2
}

for run in "${runs[@]}"; do
  case $run in
    two-relay) nodes=2; profile=cluster ;;
    one-relay) nodes=1; profile=cluster ;;
    one-simple) nodes=1; profile=postgres ;;
    *) echo "unknown run $run (two-relay, one-relay, one-simple)" >&2; exit 2 ;;
  esac
  schema=bench_${run//-/_}_$(date +%s)_$RANDOM
  export SKIRMISH_DB_URL="$db_url$([[ $db_url == *\?* ]] && echo '&' || echo '?')currentSchema=$schema"
  echo "=== $run: $nodes node(s), profile $profile, schema $schema"
  rc=0
  timeout "${BENCH_RUN_TIMEOUT:-900}" node chat-load.mjs --nodes "$nodes" --label "$prefix-$run" --broker-port "$SKIRMISH_RELAY_PORT" \
    --lobby-args "--spring.profiles.active=$profile --spring.flyway.schemas=$schema ${BENCH_LOBBY_ARGS:-}" "${pass[@]}" >"reports/$prefix-$run.out" 2>&1 || rc=$?
  table_counts "$schema" >>"reports/$prefix-$run.out"
  drop_schema "$schema"
  grep -E '^\[|driver:' "reports/$prefix-$run.out" || true
  [[ $rc -eq 0 ]] || { echo "$run failed ($rc): see reports/$prefix-$run.out" >&2; exit 1; }
done

node --input-type=module - "$prefix" "${runs[@]}" <<'JS' | tee "reports/$prefix-summary.md"
import { readFileSync } from 'node:fs';
const [prefix, ...runs] = process.argv.slice(2);
console.log('| run | nodes | clients | lines sent | deliveries/s | p50 / p99 ms | lost | lobby CPU µs per delivery | RabbitMQ CPU µs per delivery | lobby + RabbitMQ | PostgreSQL / clients µs per delivery | machine busy | lobby run-queue wait ms/s (µs per slice) | load before / during |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const run of runs) {
  const r = JSON.parse(readFileSync(`reports/${prefix}-${run}.json`, 'utf8'));
  const total = r.cpuUsPerDelivery + (r.brokerCpuUsPerDelivery ?? 0);
  console.log(`| ${run}${r.placement && r.placement !== 'spread' ? ` (placement ${r.placement})` : ''} | ${r.nodes} | ${r.clients} | ${r.linesSent} | ${r.deliveriesPerSecond} | ${r.latencyMs.p50} / ${r.latencyMs.p99} | ${r.lost} | ${r.cpuUsPerDelivery} | ${r.brokerCpuUsPerDelivery ?? '–'} | ${total.toFixed(1)} | ${r.postgresCpuUsPerDelivery ?? '–'} / ${r.clientCpuUsPerDelivery ?? '–'} | ${r.machineBusyPercent ?? '–'} % | ${r.lobbySched ? `${r.lobbySched.waitMsPerS} (${r.lobbySched.waitUsPerSlice})` : '–'} | ${r.loadBefore.split(' ')[0]} / ${r.loadChat.split(' ')[0]} |`);
}
JS
