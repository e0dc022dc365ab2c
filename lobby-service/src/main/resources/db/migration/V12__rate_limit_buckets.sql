-- Issue 15 (profile cluster, docs/scaling.md "Rate limits"): the abuse limits' and chat's token buckets shared by
-- every node, so a player gets each limit once across the cluster. Bucket4j's PostgreSQL proxy manager owns the rows
-- (one per limit and key, taken with select ... for update); expires_at (epoch millis) is when the bucket would be
-- full again, after which the cleaner deletes the row: the table holds only keys active within their limit's period.
-- Created on H2 as well (like V4), where nothing uses it.
create table rate_limit_buckets (
    id         varchar(160) primary key,
    state      bytea,
    expires_at bigint
);
create index rate_limit_buckets_expires on rate_limit_buckets (expires_at);
