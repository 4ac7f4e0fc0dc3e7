//! Learning: training programmes (curriculum), their sessions (angkatan), e-learning, tests,
//! certificates and the yearly 20 JP ledger (domain.md §3).
//!
//! Everything here is pure: the persistence layer stores what these functions decide.

pub mod certificate;
pub mod evaluation;
pub mod jp;
pub mod programme;
pub mod quiz;
pub mod recommend;
pub mod session;
