-- Requests a platform was promised an answer to before they became jobs (a Discord interaction
-- deferred as "thinking…"), with what it takes to answer them: a credential, dropped once the
-- request is answered and never logged. A start after a crash answers each one still open, through
-- the job made for it or by saying that the request was lost.
CREATE TABLE open_requests (
    platform    VARCHAR(16)   NOT NULL,
    request_id  VARCHAR(64)   NOT NULL,
    user_id     VARCHAR(64)   NOT NULL,
    address     VARCHAR(1024) NOT NULL,
    opened_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform, request_id)
);
