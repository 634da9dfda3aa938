-- Secondary indexes: dropped during a full rebuild's bulk insert and
-- created again after it.
CREATE INDEX IF NOT EXISTS notes_by_day ON notes (day, path);
-- What a scan compares with the vault, in path order, without the table.
CREATE INDEX IF NOT EXISTS notes_by_path ON notes (path, size, mtime_ns, change_stamp);
CREATE INDEX IF NOT EXISTS notes_of_people ON notes (path) WHERE person_note IS NOT NULL;
CREATE INDEX IF NOT EXISTS postings_by_name ON postings (name_id, mentions);
CREATE INDEX IF NOT EXISTS warnings_by_note ON warnings (note_id);
CREATE INDEX IF NOT EXISTS links_by_stem ON links (stem);
