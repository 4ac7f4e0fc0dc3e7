//! Accounts: roles and what each may do, and the password policy.

mod api_key;
mod role;

pub use api_key::{API_KEY_PREFIX, ApiScope, MAX_KEY_DAYS, is_api_key};
pub use role::{Principal, Role, Scope};

use crate::error::{DomainError, FieldError};

/// Minimum password length. Length beats composition rules (NIST SP 800-63B).
pub const MIN_PASSWORD_LEN: usize = 10;

/// Checks a new password against the policy.
pub fn validate_password(password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        return Err(FieldError::new(
            "password",
            "password_too_short",
            format!("must be at least {MIN_PASSWORD_LEN} characters"),
        ));
    }
    if n > 128 {
        return Err(FieldError::new(
            "password",
            "password_too_long",
            "must be at most 128 characters",
        ));
    }
    Ok(())
}

/// Checks that `by` may give an account exactly `roles`: at least one role, and only a super
/// admin may make another super admin. A super admin belongs to no agency; everyone else to one.
pub fn check_role_grant(
    by: &Principal,
    roles: &[Role],
    agency_id: Option<uuid::Uuid>,
) -> Result<(), DomainError> {
    if roles.is_empty() {
        return Err(DomainError::field(
            "roles",
            "required",
            "give the account at least one role",
        ));
    }
    let makes_super = roles.contains(&Role::SuperAdmin);
    if makes_super && !by.has(Role::SuperAdmin) {
        return Err(DomainError::Forbidden(
            "only a super admin can grant super_admin".into(),
        ));
    }
    match (makes_super, agency_id) {
        (true, Some(_)) => Err(DomainError::field(
            "agency_id",
            "not_allowed",
            "a super admin belongs to no agency",
        )),
        (false, None) => Err(DomainError::field(
            "agency_id",
            "required",
            "the account needs an agency",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_super_admins_grant_super_admin_and_roles_match_the_agency() {
        let agency = Some(uuid::Uuid::from_u128(1));
        let admin = Principal {
            user_id: uuid::Uuid::nil(),
            agency_id: agency,
            roles: vec![Role::AgencyAdmin],
            employee_id: None,
            api_key: None,
        };
        let root = Principal {
            user_id: uuid::Uuid::nil(),
            agency_id: None,
            roles: vec![Role::SuperAdmin],
            employee_id: None,
            api_key: None,
        };
        assert!(matches!(
            check_role_grant(&admin, &[Role::SuperAdmin], None),
            Err(DomainError::Forbidden(_))
        ));
        assert!(check_role_grant(&admin, &[Role::Employee], agency).is_ok());
        assert!(check_role_grant(&admin, &[], agency).is_err());
        assert!(check_role_grant(&root, &[Role::SuperAdmin], None).is_ok());
        assert!(check_role_grant(&root, &[Role::SuperAdmin], agency).is_err());
        assert!(check_role_grant(&root, &[Role::AgencyAdmin], None).is_err());
    }

    #[test]
    fn passwords_must_be_ten_to_128_characters() {
        assert!(validate_password("123456789").is_err());
        assert!(validate_password("1234567890").is_ok());
        assert!(validate_password(&"x".repeat(129)).is_err());
    }
}
