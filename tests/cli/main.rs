//! Integration tests: the real `kith` binary over fixture vaults.

mod check;
mod digest;
mod harness;
mod identity;
mod init;
mod interests;
mod mentions;
mod mentions_context;
mod mentions_notes;
mod people;
mod person;
mod rows;
mod scan;
mod who;
