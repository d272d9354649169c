-- A user's queued and running jobs, counted by every request's quota check: found through their
-- status instead of among all the jobs the user ever made.
CREATE INDEX jobs_user_status ON jobs (platform, user_id, status);
