-- Which process of the instance named lease_owner holds the lease: a start of the same name takes
-- back the jobs an earlier process held, never those it holds itself.
ALTER TABLE jobs ADD COLUMN lease_token VARCHAR(64);
