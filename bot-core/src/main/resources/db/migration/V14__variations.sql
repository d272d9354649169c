-- How many images a request asked for (1 to 4). Quotas hold them all back while the job waits and
-- runs; each image made is its own model turn under the request (siblings), and only those are charged.
ALTER TABLE jobs ADD COLUMN variations INTEGER DEFAULT 1 NOT NULL;

-- The upstream tasks of a job whose images are made by calls side by side (a model with no count
-- field), one per call ("slot", from 0), with the provider that holds it: a restart resumes each
-- task instead of paying for it again, and makes anew only the calls that had no task yet.
CREATE TABLE variation_tasks (
    job_id   BIGINT       NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    slot     INTEGER      NOT NULL,
    provider VARCHAR(64)  NOT NULL,
    task_id  VARCHAR(256) NOT NULL,
    PRIMARY KEY (job_id, slot)
);

-- A bot message that shows every image of a request for several (Discord's one message, Telegram's
-- message of numbered buttons) is linked to the request's user turn with shows_several set: a reply
-- to it is not clear about which image to continue from, and is answered so.
ALTER TABLE message_links ADD COLUMN shows_several BOOLEAN DEFAULT FALSE NOT NULL;

-- A user's default number of images per request (2 to 4); empty makes one.
ALTER TABLE user_settings ADD COLUMN variations INTEGER;
