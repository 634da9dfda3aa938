//! Turning results into text: JSON, JSON Lines, CSV, tables, markdown.

pub mod mentions;
pub mod table;
