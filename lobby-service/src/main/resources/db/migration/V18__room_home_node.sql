-- Issue 15, room affinity's routing half (docs/scaling.md "Room affinity"): the name of the lobby node that created
-- the room (skirmish.cluster.node-name, HAProxy's server name for it), so the room's answers can name it and a client
-- can ask HAProxy for that node (/ws?node=). Written only by a node, with its own configured name, never from a
-- request; null without profile cluster, without a node name, and for rows from before this migration (no hint).
-- The lobby checks the format when it writes and again when it reads; the column refuses any other length.
alter table rooms add column home_node varchar(32);
alter table rooms add constraint rooms_home_node_length
    check (home_node is null or char_length(home_node) between 1 and 32);
