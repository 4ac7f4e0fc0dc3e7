//! Civil servants (ASN): identity numbers, employment types, ranks and the employee record rules.

mod employee;
mod nip;
mod rank;

pub use employee::{
    EmployeeInput, EmployeeStatus, EmploymentType, NewEmployee, PersonName, Sex, validate_contact,
};
pub use nip::{IdNumber, IdNumberError, NiPppk, Nip};
pub use rank::Rank;
