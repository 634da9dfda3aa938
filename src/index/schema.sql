-- kith index, schema version 2 (PRAGMA user_version = 2,
-- PRAGMA application_id = 0x6B697468, "kith").
-- Derived from the notes: delete it any time, `kith scan` rebuilds it.

-- One row per note file.
CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,  -- relative to the vault, '/' separators
    size        INTEGER NOT NULL,      -- bytes, as last read
    mtime_ns    INTEGER NOT NULL,      -- modification time, ns since the epoch
    date        TEXT,                  -- the note's date, YYYY-MM-DD, or NULL
    date_source TEXT,                  -- 'frontmatter', 'filename', 'daily-notes', 'date-format', 'mtime' or NULL
    person_note TEXT                   -- JSON, when the note defines a person:
                                       -- {path, handle, aliases, interests, properties}
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

-- One row per mention, as `kith mentions` prints it.
CREATE TABLE mentions (
    id      INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id),
    name_id INTEGER NOT NULL REFERENCES names (id),
    line    INTEGER NOT NULL,
    col     INTEGER NOT NULL,
    raw     TEXT NOT NULL,
    source  TEXT NOT NULL CHECK (source IN ('body', 'frontmatter')),
    day     INTEGER,                   -- the note's date as days since 1970-01-01
    snippet TEXT NOT NULL
);

-- The context of each person mention: the interests and other people of
-- its block, headings and frontmatter (see `kith mentions`). Clustered by
-- note, so a note's rows are written and deleted together.
CREATE TABLE context (
    note_id    INTEGER NOT NULL REFERENCES notes (id),
    mention_id INTEGER NOT NULL REFERENCES mentions (id),
    name_id    INTEGER NOT NULL REFERENCES names (id),
    PRIMARY KEY (note_id, mention_id, name_id)
) WITHOUT ROWID;

-- Warnings from the last read of each note.
CREATE TABLE warnings (
    note_id INTEGER NOT NULL REFERENCES notes (id),
    path    TEXT NOT NULL,
    line    INTEGER,
    message TEXT NOT NULL
);
