-- The instances running jobs on this database, by jobs.instance name: the process holding a name
-- (token) moves seen_at every poll. A start whose name another live process holds is refused.
CREATE TABLE instances (
    name    VARCHAR(100) NOT NULL PRIMARY KEY,
    token   VARCHAR(64)  NOT NULL,
    seen_at TIMESTAMP    NOT NULL
);
