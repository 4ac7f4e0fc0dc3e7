//! Accounts: roles and what each may do, and the password policy.

mod role;

pub use role::{Principal, Role, Scope};

use crate::error::FieldError;

/// Minimum password length. Length beats composition rules (NIST SP 800-63B).
pub const MIN_PASSWORD_LEN: usize = 10;

/// Checks a new password against the policy.
pub fn validate_password(password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        return Err(FieldError::new("password", "password_too_short", format!("must be at least {MIN_PASSWORD_LEN} characters")));
    }
    if n > 128 {
        return Err(FieldError::new("password", "password_too_long", "must be at most 128 characters"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_must_be_ten_to_128_characters() {
        assert!(validate_password("123456789").is_err());
        assert!(validate_password("1234567890").is_ok());
        assert!(validate_password(&"x".repeat(129)).is_err());
    }
}
