-- Secondary indexes: dropped during a full rebuild's bulk insert and
-- created again after it.
CREATE INDEX IF NOT EXISTS mentions_by_name ON mentions (name_id, day, note_id);
CREATE INDEX IF NOT EXISTS mentions_by_note ON mentions (note_id);
CREATE INDEX IF NOT EXISTS context_by_name ON context (name_id);
CREATE INDEX IF NOT EXISTS warnings_by_note ON warnings (note_id);
