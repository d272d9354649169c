-- One row that admissions (the quota check and the insert of an accepted job) and charges lock
-- until their transaction ends, so every instance on the database counts the same images.
CREATE TABLE admission_lock (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO admission_lock (id) VALUES (1);
