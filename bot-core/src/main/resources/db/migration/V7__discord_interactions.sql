-- A Discord job's status message may be its interaction's deferred response: stored as the
-- application id, interaction id and token it takes to edit that response after a restart. Tokens
-- are longer than message ids. (The token is a credential; the adapter removes it once the result is
-- posted, and it is never logged.)
ALTER TABLE jobs ALTER COLUMN status_message_id SET DATA TYPE VARCHAR(1024);
