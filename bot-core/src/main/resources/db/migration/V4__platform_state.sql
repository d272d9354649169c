-- Platform updates already handled, so one delivered twice (after a restart) never makes a second job.
CREATE TABLE processed_updates (
    platform    VARCHAR(16)  NOT NULL,
    update_key  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform, update_key)
);

-- A user's defaults for new requests (set with /settings), and the language the platform last reported.
CREATE TABLE user_settings (
    platform      VARCHAR(16)  NOT NULL,
    user_id       VARCHAR(64)  NOT NULL,
    model         VARCHAR(128),
    aspect_ratio  VARCHAR(16),
    image_size    VARCHAR(8),
    language      VARCHAR(16),
    private_results BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (platform, user_id)
);

-- A chat's settings: whether everyone may use the buttons under results (community remixing).
CREATE TABLE chat_settings (
    platform       VARCHAR(16)  NOT NULL,
    chat_id        VARCHAR(64)  NOT NULL,
    remix_allowed  BOOLEAN      NOT NULL,
    PRIMARY KEY (platform, chat_id)
);
