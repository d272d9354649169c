-- When each user was last served, read by every instance's runner to keep its order fair across
-- instances, looks at the jobs started in the last hour.
CREATE INDEX jobs_started ON jobs (started_at);
