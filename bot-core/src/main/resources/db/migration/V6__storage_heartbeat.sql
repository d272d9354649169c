-- One row the bot rewrites at every start, to learn that the database accepts writes before it
-- takes any request.
CREATE TABLE storage_heartbeat (
    id INT PRIMARY KEY,
    written_at TIMESTAMP NOT NULL
);
