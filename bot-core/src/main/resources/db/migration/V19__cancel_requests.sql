-- A cancel pressed on one instance for a job another instance runs: the holder sees the flag at its
-- next poll and cancels the job as if the press had reached it.
ALTER TABLE jobs ADD COLUMN cancel_requested BOOLEAN DEFAULT FALSE NOT NULL;
