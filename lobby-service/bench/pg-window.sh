#!/usr/bin/env bash
# chat-load.mjs --window-hook (pg26): PostgreSQL's work over the measured window. "from": resets pg_stat_statements
# and prints pg_stat_wal and the database's commit counters; "to": prints them again with the window's statements
# (top 25 by execution time, this database only). Reset and read as the postgres superuser (the skirmish role may
# not reset, and sees no other role's statement texts); needs pg_stat_statements loaded and created in the database.
# PostgreSQL's database is BENCH_PG_DB (default skirmish_test, the harness's); local socket, so root runs it via su.
set -euo pipefail
end=$1 label=${2:-}
db=${BENCH_PG_DB:-skirmish_test}
q() { su postgres -c "psql -X -q -d $db -A -F '|' -P footer=off $(printf '%q ' "$@")"; }
echo "== $end $label $(date -u +%H:%M:%S.%N)"
if [[ $end == from ]]; then q -c "select pg_stat_statements_reset()" >/dev/null; fi
q -c "select clock_timestamp() as at, wal_records, wal_fpi, wal_bytes, wal_write, wal_sync from pg_stat_wal" \
  -c "select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched, blks_hit, blks_read from pg_stat_database where datname = current_database()"
if [[ $end == to ]]; then
  q -c "select stats_reset from pg_stat_statements_info" \
    -c "select s.calls, s.rows, round(s.total_exec_time::numeric, 1) as total_ms, round(s.mean_exec_time::numeric, 4) as mean_ms, s.wal_bytes, s.shared_blks_hit, s.shared_blks_dirtied, regexp_replace(left(s.query, 300), '\s+', ' ', 'g') as query
        from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = current_database() order by s.total_exec_time desc limit 25" \
    -c "select sum(calls) as calls, round(sum(total_exec_time)::numeric, 1) as total_ms, sum(wal_bytes) as wal_bytes from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = current_database()"
fi
