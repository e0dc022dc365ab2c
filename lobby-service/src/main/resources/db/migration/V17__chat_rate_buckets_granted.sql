-- climit21 (docs/scaling.md "Rate limits"): the chat limit charges a whole batch of lines in one statement, a key's
-- k lines at once; the statement writes how many of them its bucket granted here, so RETURNING can hand that number
-- back (it sees the row's new values only, and the refilled count it was taken from is not among them).
alter table chat_rate_buckets add column granted integer not null default 0;
