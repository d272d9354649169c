-- A user's images in the quota's window are summed before every request, and all users' since
-- midnight where a global cap is set. With the counted column in the index, the sum reads the index
-- alone instead of looking up one row per charge: a busy user has thousands in a day.
CREATE INDEX charges_user_images ON charges (platform, user_id, charged_at, images);
DROP INDEX charges_user;
CREATE INDEX charges_at_images ON charges (charged_at, images);
DROP INDEX charges_at;
