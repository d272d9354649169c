-- When each queued user was last served, read by every instance's runner to keep its order fair
-- across instances: the user's jobs started in the last hour.
CREATE INDEX jobs_user_started ON jobs (user_id, started_at);
-- The job a platform message became, looked up when a message is handled again after a crash.
CREATE INDEX jobs_request ON jobs (platform, chat_id, request_message_id);
