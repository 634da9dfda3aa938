//! Integration tests: the real `kith` binary over fixture vaults.

mod digest;
mod harness;
mod interests;
mod mentions;
mod mentions_context;
mod mentions_notes;
mod people;
mod person;
mod rows;
mod scan;
mod who;
