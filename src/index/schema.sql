-- kith index, schema version 8 (PRAGMA user_version = 8,
-- PRAGMA application_id = 0x6B697468, "kith").
-- Derived from the notes: delete it any time, `kith scan` rebuilds it.

-- One row per note file.
CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,  -- relative to the vault, '/' separators
    size        INTEGER NOT NULL,      -- bytes, as last read
    mtime_ns    INTEGER NOT NULL,      -- modification time, ns since the epoch
    change_stamp INTEGER NOT NULL,     -- inode and status-change time, mixed
                                       -- (a note is read again when size, time
                                       -- or this differ; size is -1 for a note
                                       -- that could not be read)
    date        TEXT,                  -- the note's date, YYYY-MM-DD, or NULL
    day         INTEGER,               -- the same as days since 1970-01-01
    date_source TEXT,                  -- 'frontmatter', 'filename', 'daily-notes', 'date-format', 'mtime' or NULL
    person_note TEXT                   -- JSON, when the note defines a person:
                                       -- {path, handle, aliases, interests, properties}
);

-- Each note's mentions, in one blob (postcard, see src/index/facts.rs):
-- name id, line, column, spelling, source, snippet and context of each.
-- Apart from `notes`, so that reading the notes table stays cheap. A note
-- that says `kith: generated` (or `ignore`) has no row: it does not count.
CREATE TABLE note_mentions (
    note_id  INTEGER PRIMARY KEY,
    mentions BLOB NOT NULL
);

-- Facts about the index itself: 'identity' is a fingerprint of everything
-- that decides who a name is (person notes, aliases, ignored names).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every person and interest, by canonical name.
CREATE TABLE names (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'interest')),
    name TEXT NOT NULL,
    UNIQUE (kind, name)
);

-- Posting lists: for each name (other_id = 0), the notes that mention it;
-- for each person and each name in the context of their mentions
-- (other_id = that name), the notes where the two meet. `entries` lists
-- (day, note id, mentions, mask) sorted by day, then note (postcard; the
-- mask marks which of the person's mentions in the note are counted).
CREATE TABLE postings (
    name_id   INTEGER NOT NULL,
    other_id  INTEGER NOT NULL,
    mentions  INTEGER NOT NULL,        -- sum over the entries
    first_day INTEGER,                 -- earliest dated entry, or NULL
    last_day  INTEGER,                 -- latest dated entry, or NULL
    entries   BLOB NOT NULL,
    -- Clustered by the other name: a name's own lists, and the people
    -- seen with one interest, are each one range of the table.
    PRIMARY KEY (other_id, name_id)
) WITHOUT ROWID;

-- How each name was written, and how often.
CREATE TABLE spellings (
    name_id  INTEGER NOT NULL,
    raw      TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (name_id, raw)
) WITHOUT ROWID;

-- Every link each note holds, in its body or frontmatter, by the
-- canonical file stem of its target (`[[People/Alex Bec#Work|Alex]]` is
-- `alex bec`), whether it names a note or not: when a note of that name
-- comes or goes, or its person changes, a scan reads the notes that link
-- to it again, and only those.
CREATE TABLE links (
    note_id INTEGER NOT NULL,
    stem    TEXT NOT NULL,
    PRIMARY KEY (note_id, stem)
) WITHOUT ROWID;

-- Warnings from the last read of each note.
CREATE TABLE warnings (
    note_id INTEGER NOT NULL,
    path    TEXT NOT NULL,
    line    INTEGER,
    message TEXT NOT NULL,
    kind    TEXT NOT NULL  -- 'frontmatter', 'ambiguous-link' or 'other'
);
