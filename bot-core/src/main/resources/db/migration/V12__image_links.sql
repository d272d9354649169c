-- Public links to stored images, for upstream models that take images as URLs. Only a hash of
-- each token is kept, so the table cannot be turned back into working links; a link dies with its
-- image (a forgotten conversation) or when it expires.
CREATE TABLE image_links (
    token_hash CHAR(64)                 NOT NULL PRIMARY KEY,
    sha256     CHAR(64)                 NOT NULL REFERENCES images (sha256) ON DELETE CASCADE,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX image_links_expiry ON image_links (expires_at);
CREATE INDEX image_links_image ON image_links (sha256);
