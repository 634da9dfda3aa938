//! kith reads a folder of markdown notes and tells its owner who they know
//! and in what context.
//!
//! The pipeline: [`vault::walk`] → [`note`] (decode, frontmatter, body
//! blocks) → [`extract`] (mentions with context).

pub mod error;
pub mod extract;
pub mod note;
pub mod vault;
