//! File handling of bulk imports and exports: receiving uploads without holding them in
//! memory, reading CSV and XLSX row by row, and writing CSV and XLSX.

pub mod read;
pub mod write;
