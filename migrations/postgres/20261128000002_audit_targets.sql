-- Audit entries name what they touched: the kind of thing (user, organisation, application)
-- and its id, besides who did it and when.
ALTER TABLE audit_log ADD COLUMN target_kind TEXT;
ALTER TABLE audit_log ADD COLUMN target_id BIGINT;
