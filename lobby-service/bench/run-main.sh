#!/usr/bin/env bash
# Runs a bench main of lobby-service's test sources (ChatStoreBench, OutboxWriterBench) on the test classpath that
# surefire last used (Maven cannot print it for a module whose siblings are not installed). Build it first, from the
# repository root: ./mvnw -q -pl lobby-service -am verify -Dtest=ChatWriterTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
# Usage: bench/run-main.sh dev.skirmish.lobby.chat.ChatStoreBench 8000 8 2
set -euo pipefail
cd "$(dirname "$0")/.."
reports=(target/surefire-reports/TEST-*.xml)
report=${reports[0]}
[ -f "$report" ] || { echo "no surefire report under lobby-service/target: run a test first (see the top of this script)" >&2; exit 1; }
cp=$(python3 -c "import re,sys;print(re.search(r'name=\"java.class.path\" value=\"([^\"]*)\"',open(sys.argv[1]).read()).group(1))" "$report")
main=$1; shift
exec java -Xmx512m -cp "$cp" "$main" "$@"
