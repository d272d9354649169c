-- The output size (1K, 2K, 4K) a request asked for, kept with the turn so a branch keeps it.
ALTER TABLE turns ADD COLUMN image_size VARCHAR(8);
