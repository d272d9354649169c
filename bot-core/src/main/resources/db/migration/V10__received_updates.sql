-- Platform updates received and not yet handled, kept so that the platform can be told they arrived
-- (Telegram forgets what it was told) while they are still being handled; a start after a crash
-- handles those still here. A row goes once its update was handled.
CREATE TABLE received_updates (
    platform    VARCHAR(16)       NOT NULL,
    update_id   BIGINT            NOT NULL,
    body        VARCHAR(1000000)  NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform, update_id)
);
