//! The index's `meta` values: what the last scan that wrote knew.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Warning, WarningKind};

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

/// What the walk met at the last scan that wrote ([`WALK_WARNINGS_KEY`];
/// nothing for an index that kept none, or kept them as an earlier build
/// did, as text only).
pub(crate) fn stored_walk_warnings(conn: &Connection) -> rusqlite::Result<Vec<Warning>> {
    let stored: Vec<StoredWarning> = meta_json(conn, WALK_WARNINGS_KEY)?.unwrap_or_default();
    Ok(stored.into_iter().map(Warning::from).collect())
}

/// The JSON of `warnings`, as [`stored_walk_warnings`] reads it back.
pub(crate) fn walk_warnings_json(warnings: &[Warning]) -> String {
    let stored: Vec<StoredWarning> = warnings.iter().map(StoredWarning::from).collect();
    serde_json::to_string(&stored).expect("warnings serialize to JSON")
}

/// A warning as the index keeps it: `{path, line, message, kind}`.
#[derive(Serialize, Deserialize)]
struct StoredWarning {
    path: String,
    line: Option<usize>,
    message: String,
    kind: String,
}

impl From<&Warning> for StoredWarning {
    fn from(warning: &Warning) -> Self {
        StoredWarning {
            path: warning.path.clone(),
            line: warning.line,
            message: warning.message.clone(),
            kind: warning.kind.as_str().to_owned(),
        }
    }
}

impl From<StoredWarning> for Warning {
    fn from(stored: StoredWarning) -> Self {
        Warning {
            path: stored.path,
            line: stored.line,
            message: stored.message,
            kind: WarningKind::from_name(&stored.kind),
        }
    }
}

/// The vault the last scan that wrote read ([`VAULT_KEY`]), if any.
pub(crate) fn stored_vault(conn: &Connection) -> rusqlite::Result<Option<VaultRecord>> {
    meta_json(conn, VAULT_KEY)
}
