-- Lease times are instants, like the jobs' other times: instances in different time zones, or one
-- crossing a clock change, compare them correctly.
ALTER TABLE jobs ALTER COLUMN lease_until SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE instances ALTER COLUMN seen_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
