//! Bulk imports: the documented columns of each kind, header matching, and the errors a row
//! can have (with its row number and column). Reading files and writing rows happen elsewhere;
//! the rules a row must satisfy are the same `parse` functions the API uses.

mod columns;
mod header;

pub use columns::{Column, ImportKind, columns};
pub use header::{HeaderMap, RowError};
