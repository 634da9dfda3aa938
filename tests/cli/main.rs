//! Integration tests: the real `kith` binary over fixture vaults.

mod digest;
mod harness;
mod mentions;
mod mentions_context;
mod mentions_notes;
mod rows;
