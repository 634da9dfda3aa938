//! Integration tests: the real `kith` binary over fixture vaults.

mod browser;
mod check;
mod color;
mod digest;
mod harness;
mod hostile;
mod identity;
mod init;
mod interests;
mod man;
mod mentions;
mod mentions_context;
mod mentions_notes;
mod people;
mod person;
mod properties;
mod readme;
mod rows;
mod scan;
mod who;
