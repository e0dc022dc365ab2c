-- Issue 19: every chat line paid an insert into this index (a third B-tree per row, and in H2 its copy-on-write pages
-- and undo-log entry), and only the retention job read it. Ids grow with time (one writer per node stamps each line
-- as it accepts it), so retention now walks the primary key from the oldest id instead (RetentionJobs.purgeChat).
drop index chat_messages_sent;
