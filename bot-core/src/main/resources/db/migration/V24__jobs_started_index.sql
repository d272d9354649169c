-- When each user was last served, read by every instance's runner to keep its order fair across
-- instances, looks at the jobs started in the last hour.
CREATE INDEX jobs_started ON jobs (started_at);
-- The job a platform message became, looked up when a message is handled again after a crash.
CREATE INDEX jobs_request ON jobs (platform, chat_id, request_message_id);
