//! Pembina's domain: the rules and types of the programme, free of HTTP, SQL and I/O.
//!
//! Types here cannot hold bad data ("parse, don't validate"): a [`people::Nip`] is always an
//! 18-digit number whose birth date, appointment month, sex and sequence are plausible. The API
//! and the persistence layer convert into these types at their edges, so each rule is written once.

#[macro_use]
mod string_enum;
pub mod accounts;
pub mod appraisal;
pub mod competency;
pub mod error;
pub mod imports;
pub mod learning;
pub mod org;
pub mod page;
pub mod people;
pub mod ratings;

pub use error::{DomainError, FieldError};
