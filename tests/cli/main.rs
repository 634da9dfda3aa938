//! Integration tests: the real `kith` binary over fixture vaults.

mod harness;
mod mentions;
