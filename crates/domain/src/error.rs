//! The one error type that leaves the domain and the persistence layer.
//!
//! The API maps each variant to an HTTP status in exactly one place; nothing below the API
//! knows about status codes.

use std::fmt;

/// A problem with one input field: which field, a stable machine code and a human message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as the client sent it (`nip`, `birth_date`, `supervisor_id`, ...).
    pub field: String,
    /// A stable snake_case code that clients translate (`nip_invalid_birth_date`).
    pub code: &'static str,
    /// An English explanation for people reading the raw response.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Everything that can go wrong in a use case, in terms the caller can act on.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The input breaks one or more rules; every broken rule is listed.
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldError>),
    /// The object does not exist, or exists outside the caller's scope (never say which).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The request conflicts with the current state, such as a duplicate natural key.
    #[error("conflict: {message}")]
    Conflict {
        code: &'static str,
        field: Option<String>,
        message: String,
    },
    /// The caller is known but may not do this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// A failure of the infrastructure (database down, I/O). Logged, never shown in detail.
    #[error("internal error: {0}")]
    Internal(String),
}

impl DomainError {
    /// A validation error about one field.
    pub fn field(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    /// A conflict about one field (typically a duplicate natural key).
    pub fn conflict(code: &'static str, field: Option<&str>, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            field: field.map(str::to_owned),
            message: message.into(),
        }
    }
}

/// Collects field errors so a request reports every problem at once, not the first only.
#[derive(Debug, Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Records the error of `r`, if any, and returns its value.
    pub fn check<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was recorded, otherwise a validation error with every entry.
    pub fn finish(self) -> Result<(), DomainError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Validation(self.0))
        }
    }
}
