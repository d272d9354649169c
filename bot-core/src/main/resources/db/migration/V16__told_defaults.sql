-- Stored defaults a user was told their request's model does not take ("your default size 4K is
-- left out: gemini-2.5-flash-image has no size choice"), so that each is told once rather than
-- under every request. Changing the settings forgets them: what is left out then is told anew.
CREATE TABLE told_defaults (
    platform  VARCHAR(16)  NOT NULL,
    user_id   VARCHAR(64)  NOT NULL,
    note      VARCHAR(600) NOT NULL,
    told_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform, user_id, note)
);
