#!/usr/bin/env python3
# linger24 (docs/benchmarks.md, "The chat writer's linger on two nodes"): a pgbench script of one chat writer
# transaction of K lines, as ChatStore and the shared chat limit run it: the chat_rate_buckets upsert of K distinct
# players (SharedBuckets.TAKE_CHAT_BATCH, its parameters as literals), the insert of K rows as power-of-two chunks
# (mode c, as ChatStore) or one insert ... select * from unnest(...) (mode u), commit. Usage:
#   python3 pgbench-chat-tx.py K c|u > txK.sql
#   PGOPTIONS="-c search_path=SCRATCH" pgbench -n -M prepared -h 127.0.0.1 -U skirmish -c 2 -j 1 -R $((2500 / K)) -T 26 -f txK.sql skirmish_test
# on a scratch schema holding the lobby's chat_messages (V1, V15) and chat_rate_buckets (V16, V17) tables.
import sys
k=int(sys.argv[1]); mode=sys.argv[2]  # mode: c (power-of-two chunks, as ChatStore) or u (one unnest insert)
out=["\\set b random(0, 3999)"]
for i in range(k): out.append(f"\\set p{i} (:b + {i} * 125) % 4000 + 1")
out.append("BEGIN;")
ids=",".join(f"'CHAT_RATE_LIMITED:00000000-0000-0000-0000-' || lpad(:p{i}::text, 12, '0')" for i in range(k))
cnt=",".join("1" for i in range(k))
cap="10::float8"; rate="5::float8"
refill=f"least({cap}, b.tokens + greatest(0, excluded.refilled_at - b.refilled_at) * {rate})"
out.append(f"""insert into chat_rate_buckets as b (id, tokens, refilled_at, full_at, granted) select r.id, {cap} - least(r.n, floor({cap})), c.now, c.now + least(r.n, floor({cap})) / {rate}, least(r.n, floor({cap})) from unnest(array[{ids}]::varchar[], array[{cnt}]::int[]) as r(id, n), (select extract(epoch from clock_timestamp())::float8 as now) c order by r.id on conflict (id) do update set granted = least(excluded.granted, floor({refill})), tokens = {refill} - least(excluded.granted, floor({refill})), refilled_at = greatest(b.refilled_at, excluded.refilled_at), full_at = greatest(b.refilled_at, excluded.refilled_at) + ({cap} - {refill} + least(excluded.granted, floor({refill}))) / {rate} where {refill} >= 1 returning b.id, b.granted;""")
row=lambda i: f"('00000000-0000-0000-0000-' || lpad((:p{i} / 8)::text, 12, '0'), '00000000-0000-0000-0000-' || lpad(:p{i}::text, 12, '0'), 'player' || :p{i}, '1765108800.123|12345|1|....................', now())"
if mode=='c':
    i=0; rest=k
    while rest:
        n=1<<(rest.bit_length()-1); n=min(n,64)
        out.append("insert into chat_messages (channel, player_id, player_name, text, sent_at) values " + ",".join(row(j) for j in range(i,i+n)) + " returning id;")
        i+=n; rest-=n
else:
    col=lambda f: "array[" + ",".join(f(j) for j in range(k)) + "]"
    out.append("insert into chat_messages (channel, player_id, player_name, text, sent_at) select * from unnest("
      + col(lambda j: f"'00000000-0000-0000-0000-' || lpad((:p{j} / 8)::text, 12, '0')") + "::varchar[], "
      + col(lambda j: f"'00000000-0000-0000-0000-' || lpad(:p{j}::text, 12, '0')") + "::varchar[], "
      + col(lambda j: f"'player' || :p{j}") + "::varchar[], "
      + col(lambda j: "'1765108800.123|12345|1|....................'") + "::varchar[], "
      + col(lambda j: "now()") + "::timestamptz[]) returning id;")
out.append("COMMIT;")
print("\n".join(out))
