-- The quality a request asked for and the mask (a stored image) it sent with its first image,
-- kept with the turn so the job that answers it sends them.
ALTER TABLE turns ADD COLUMN quality VARCHAR(16);
ALTER TABLE turns ADD COLUMN mask_sha256 VARCHAR(64);
