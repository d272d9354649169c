-- Updates received by any instance (Telegram webhooks behind a load balancer) wait here for one
-- instance to handle them: each carries the lane it is handled on in order (its chat) and, for an
-- album's item, the album it belongs to, so an album whose items reached different instances is
-- gathered into one request.
ALTER TABLE received_updates ADD COLUMN lane VARCHAR(64);
ALTER TABLE received_updates ADD COLUMN album VARCHAR(64);
CREATE INDEX received_updates_lane ON received_updates (platform, lane, update_id);
-- A lane is handled by one process at a time: the holder (an instance name and its process token)
-- renews its lease while it works; a lane whose holder died is taken over once the lease ran out.
CREATE TABLE update_lanes (
    platform    VARCHAR(16)  NOT NULL,
    lane        VARCHAR(64)  NOT NULL,
    holder      VARCHAR(170) NOT NULL,
    lease_until TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform, lane)
);
