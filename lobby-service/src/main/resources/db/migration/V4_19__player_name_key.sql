-- Issue 19: a sign-up looks up players by name regardless of case. upper(name) = upper(?) could use no index, so
-- every sign-up scanned every player ever signed up. name_key is the name in lower case (names are ASCII letters,
-- digits, '_' and '-'), written by the lobby, and indexed. (Numbered 4_19 so it never collides with another
-- branch's V4.)
alter table players add column name_key varchar(16);
update players set name_key = lower(name);
alter table players alter column name_key set not null;
create index players_name_key on players (name_key);
