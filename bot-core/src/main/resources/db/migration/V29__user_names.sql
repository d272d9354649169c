-- The name each user goes by on their platform, as last seen (Telegram: @username, else the first
-- name), for the credit a remix gives its original author. Deleted with the user's data by /forget.
CREATE TABLE user_names (
    platform  VARCHAR(16)  NOT NULL,
    user_id   VARCHAR(64)  NOT NULL,
    name      VARCHAR(128) NOT NULL,
    PRIMARY KEY (platform, user_id)
);
