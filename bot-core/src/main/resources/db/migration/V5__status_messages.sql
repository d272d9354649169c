-- The message that shows a job's state (queued, drawing, progress), so the next start can clean it
-- up after a crash instead of leaving "Drawing…" behind.
ALTER TABLE jobs ADD COLUMN status_message_id VARCHAR(64);

-- A result the platform refuses for good (the bot was removed from the chat) is not retried forever.
ALTER TABLE jobs DROP CONSTRAINT jobs_delivery;
ALTER TABLE jobs ADD CONSTRAINT jobs_delivery
    CHECK (delivery_state IN ('PENDING', 'DELIVERING', 'DELIVERED', 'UNDELIVERABLE'));
