//! Bulk imports of org units, positions, employees, the competency module's technical
//! competencies, position standards and assessments, and trainings outside Pembina credited to
//! the JP ledger.
//!
//! An import reads its file in chunks and never holds the whole file: each chunk is validated
//! with the domain's own rules and parked in `import_rows`; cross-row rules (a NIP twice in the
//! file, a supervisor or parent that is neither in the database nor in the file, loops) are
//! then answered with SQL over those rows; finally the rows are written in dependency order
//! (parents and supervisors before the rows that point at them), chunk by chunk, in one
//! transaction. A dry run does everything but the writes; an atomic commit with a rejected row
//! writes nothing. The record of the import and its error report are stored either way.

mod competencies;
mod competency_assessments;
mod competency_standards;
mod employees;
mod engine;
pub mod export;
mod external_trainings;
mod org_units;
mod positions;
mod skp_ratings;

pub use engine::{
    FileInfo, FileProblem, ImportError, ImportMode, ImportOptions, ImportReport,
    MAX_REPORTED_ERRORS, OnError, RowSource, get_import, import_errors, list_imports, run_import,
};
