-- A running job is held by one instance (lease_owner, its jobs.instance name) until lease_until,
-- which that instance keeps moving ahead while it runs the job. Once the lease has run out the job
-- may be taken over by any instance. Claims lock claim_lock, so the per-user and per-provider
-- limits are counted by one claim at a time across instances.
ALTER TABLE jobs ADD COLUMN lease_owner VARCHAR(100);
ALTER TABLE jobs ADD COLUMN lease_until TIMESTAMP;
CREATE INDEX jobs_lease ON jobs (status, lease_until);
CREATE TABLE claim_lock (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO claim_lock (id) VALUES (1);
