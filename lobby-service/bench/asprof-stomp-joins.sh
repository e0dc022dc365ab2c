#!/bin/bash
# The STOMP join's late rounds under async-profiler (issue 19): runs stomp-joins.mjs --rounds 12 --per-round 400 and
# loads the profiler into the lobby when round 6 has ended, stops it when round 12 has, so the profile holds rounds
# 7-12 (2,400 joins) and no start-up. Not a benchmark of CPU (the profiler costs): for shares and what a lever removes.
#   ./asprof-stomp-joins.sh JAR LABEL "event=cpu,interval=200us"   (or "event=alloc")  -> reports/LABEL.collapsed
# Then: python3 asprof-joins.py reports/LABEL.collapsed 2400 200 --view join|frames|upgrade (200: µs per sample)
# The agent's options go to jcmd as one quoted argument: unquoted, jcmd cuts them at the first comma.
set -u
JAR=$1 LABEL=$2 EV=$3 AGENT=${ASPROF:-/tmp/asprof/libasyncProfiler.so}
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
cd "$(dirname "$0")"
mkdir -p reports
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
node stomp-joins.mjs --rounds 12 --per-round 400 --jar "$JAR" --label "$LABEL" --jvm-args "-XX:+EnableDynamicAgentLoading" 2>&1 | while IFS= read -r line; do
  echo "$line"
  case "$line" in
    *"lobby "*" up;"*) PID=$(sed -E 's/.*lobby ([0-9]+) up;.*/\1/' <<<"$line") ;;
    *"round 6/12"*) "$JCMD" "$PID" JVMTI.agent_load "$AGENT" "\"start,$EV\"" ;;
    *"round 12/12"*) "$JCMD" "$PID" JVMTI.agent_load "$AGENT" "\"stop,file=$PWD/reports/$LABEL.collapsed,collapsed\"" ;;
  esac
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
