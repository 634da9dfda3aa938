//! The index's `meta` values: what the last scan that wrote knew.

use rusqlite::{Connection, OptionalExtension};

use super::{IDENTITY_KEY, IDENTITY_WARNINGS_KEY, VAULT_KEY, VaultRecord, WALK_WARNINGS_KEY};

/// The `meta` value of `key`, if the index has one.
pub(crate) fn meta_value(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
        row.get(0)
    })
    .optional()
}

/// The `meta` value of `key` read as JSON; `None` when it is missing or
/// not what this build writes (an index of an earlier build).
pub(crate) fn meta_json<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    key: &str,
) -> rusqlite::Result<Option<T>> {
    Ok(meta_value(conn, key)?.and_then(|json| serde_json::from_str(&json).ok()))
}

/// The fingerprint the index was built with, if any.
pub(crate) fn stored_fingerprint(conn: &Connection) -> rusqlite::Result<Option<String>> {
    meta_value(conn, IDENTITY_KEY)
}

/// The who-is-who warnings the last scan that wrote met, as text (none
/// for an index that kept none).
pub(crate) fn stored_identity_warnings(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    Ok(meta_json(conn, IDENTITY_WARNINGS_KEY)?.unwrap_or_default())
}

/// What the walk met at the last scan that wrote, as text
/// ([`WALK_WARNINGS_KEY`]; nothing for an index that kept none).
pub(crate) fn stored_walk_warnings(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    Ok(meta_json(conn, WALK_WARNINGS_KEY)?.unwrap_or_default())
}

/// The vault the last scan that wrote read ([`VAULT_KEY`]), if any.
pub(crate) fn stored_vault(conn: &Connection) -> rusqlite::Result<Option<VaultRecord>> {
    meta_json(conn, VAULT_KEY)
}
