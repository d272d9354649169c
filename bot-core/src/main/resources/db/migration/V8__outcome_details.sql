-- A finished job's outcome as data (what the request must change, when to try again, whether a
-- failure is transient, the upstream's own words …), so each platform says it in the user's
-- language. Rows finished before this keep only their English sentence in outcome_message.
ALTER TABLE jobs ADD COLUMN outcome_details VARCHAR;
