-- Image bytes in a table of their own. Kept in the images row, every read of that row (a history's
-- join, the check for an image already stored, the clean-up after /forget) read the whole image
-- with it; now only a request for the bytes does. On PostgreSQL, the dropped column's space goes
-- back to the system with VACUUM FULL images.
CREATE TABLE image_data (
    sha256 CHAR(64) NOT NULL PRIMARY KEY REFERENCES images (sha256) ON DELETE CASCADE,
    data   BYTEA    NOT NULL
);
INSERT INTO image_data (sha256, data) SELECT sha256, data FROM images;
ALTER TABLE images DROP COLUMN data;
