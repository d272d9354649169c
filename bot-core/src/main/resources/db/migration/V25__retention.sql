-- storage.retention: a conversation whose newest turn is older than the retention has its images
-- deleted; its turns stay, marked with when, so a reply to one of them is told why it cannot go on.
-- The jobs (and with them the usage ledger) stay as they are.
ALTER TABLE turns ADD COLUMN expired_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX turns_root_activity ON turns (root_id, created_at);
CREATE INDEX turns_mask ON turns (mask_sha256);
