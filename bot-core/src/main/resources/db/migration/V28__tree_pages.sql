-- Private links to the web page of a conversation tree, {public-url}/t/<token>. As with image links,
-- only a hash of each token is kept; a link dies when it expires or with the conversation. The
-- page shows what the user who asked for it (platform, chat, user) may see.
CREATE TABLE tree_links (
    token_hash  CHAR(64)                 NOT NULL PRIMARY KEY,
    root_id     BIGINT                   NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
    marked_id   BIGINT                   REFERENCES turns (id) ON DELETE SET NULL,
    platform    VARCHAR(16)              NOT NULL,
    chat_id     VARCHAR(64)              NOT NULL,
    user_id     VARCHAR(64)              NOT NULL,
    language    VARCHAR(16)              NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tree_links_expiry ON tree_links (expires_at);
CREATE INDEX tree_links_root ON tree_links (root_id);
CREATE INDEX tree_links_marked ON tree_links (marked_id);

-- Telegram links that open a private chat with the bot continuing from a turn,
-- t.me/<bot>?start=<token>; hashed like the others.
CREATE TABLE start_links (
    token_hash  CHAR(64)                 NOT NULL PRIMARY KEY,
    turn_id     BIGINT                   NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX start_links_expiry ON start_links (expires_at);
CREATE INDEX start_links_turn ON start_links (turn_id);

-- Small copies of stored images, made once for the tree pages; they go with their image.
CREATE TABLE thumbnails (
    sha256     CHAR(64)     NOT NULL PRIMARY KEY REFERENCES images (sha256) ON DELETE CASCADE,
    mime_type  VARCHAR(32)  NOT NULL,
    data       BYTEA        NOT NULL
);
