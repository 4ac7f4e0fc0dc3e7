//! Roles, the principal making a request, and the data scope that follows from them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::api_key::ApiScope;
use crate::error::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Administers every agency.
    SuperAdmin,
    /// Administers one agency.
    AgencyAdmin,
    /// Leads a team: evaluates and gives feedback to their reports.
    Supervisor,
    /// A civil servant using Pembina for their own learning and appraisal.
    Employee,
    /// Teaches training sessions.
    Trainer,
}

crate::string_enum!(Role {
    SuperAdmin => "super_admin",
    AgencyAdmin => "agency_admin",
    Supervisor => "supervisor",
    Employee => "employee",
    Trainer => "trainer",
});

/// Which agencies' data a principal may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every agency (super admins).
    All,
    /// One agency.
    Agency(Uuid),
}

impl Scope {
    /// Whether an object of `agency_id` is visible in this scope.
    pub fn allows(&self, agency_id: Uuid) -> bool {
        match self {
            Self::All => true,
            Self::Agency(a) => *a == agency_id,
        }
    }

    /// The agency to filter by, or `None` for all.
    pub fn agency(&self) -> Option<Uuid> {
        match self {
            Self::All => None,
            Self::Agency(a) => Some(*a),
        }
    }
}

/// The authenticated caller of a use case: a signed-in user, or a script holding an API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The user, or for an API key the user who created it.
    pub user_id: Uuid,
    pub agency_id: Option<Uuid>,
    pub roles: Vec<Role>,
    pub employee_id: Option<Uuid>,
    /// Set when the caller is an API key: its id and scopes (keys have no roles).
    pub api_key: Option<(Uuid, Vec<ApiScope>)>,
}

impl Principal {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn is_admin(&self) -> bool {
        self.has(Role::SuperAdmin) || self.has(Role::AgencyAdmin)
    }

    /// The data this principal may read. A principal without an agency and without the
    /// super-admin role sees nothing; that is expressed as the nil agency, which owns no rows.
    pub fn scope(&self) -> Scope {
        if self.has(Role::SuperAdmin) {
            Scope::All
        } else {
            Scope::Agency(self.agency_id.unwrap_or(Uuid::nil()))
        }
    }

    /// Fails unless the principal holds one of `roles`.
    pub fn require_any(&self, roles: &[Role]) -> Result<(), DomainError> {
        if roles.iter().any(|r| self.has(*r)) {
            Ok(())
        } else {
            let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            Err(DomainError::Forbidden(format!(
                "requires one of the roles: {}",
                names.join(", ")
            )))
        }
    }

    /// Users pass when they hold one of `roles`; API keys when they carry `scope`.
    pub fn require(&self, scope: ApiScope, roles: &[Role]) -> Result<(), DomainError> {
        match &self.api_key {
            Some((_, scopes)) if scopes.contains(&scope) => Ok(()),
            Some(_) => Err(DomainError::Forbidden(format!(
                "this API key lacks the scope {scope}"
            ))),
            None if roles.is_empty() => Ok(()),
            None => self.require_any(roles),
        }
    }

    /// Fails for API keys: the operation is for people only.
    pub fn require_user(&self) -> Result<(), DomainError> {
        match self.api_key {
            Some(_) => Err(DomainError::Forbidden(
                "API keys cannot call this operation".into(),
            )),
            None => Ok(()),
        }
    }

    /// Fails unless the principal is an administrator.
    pub fn require_admin(&self) -> Result<(), DomainError> {
        self.require_any(&[Role::SuperAdmin, Role::AgencyAdmin])
    }

    /// The agency a new object goes into: agency admins always write into their own agency;
    /// super admins must name one.
    pub fn target_agency(&self, requested: Option<Uuid>) -> Result<Uuid, DomainError> {
        match (self.scope(), requested) {
            (Scope::Agency(own), None) => Ok(own),
            (Scope::Agency(own), Some(r)) if r == own => Ok(own),
            // Naming another agency is answered as if it did not exist.
            (Scope::Agency(_), Some(_)) => Err(DomainError::NotFound("agency")),
            (Scope::All, Some(r)) => Ok(r),
            (Scope::All, None) => Err(DomainError::field(
                "agency_id",
                "required",
                "super admins must name the agency",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(roles: Vec<Role>, agency: Option<Uuid>) -> Principal {
        Principal {
            user_id: Uuid::nil(),
            agency_id: agency,
            roles,
            employee_id: None,
            api_key: None,
        }
    }

    #[test]
    fn super_admins_see_everything_and_others_only_their_agency() {
        let a = Uuid::from_u128(1);
        assert_eq!(principal(vec![Role::SuperAdmin], None).scope(), Scope::All);
        let admin = principal(vec![Role::AgencyAdmin], Some(a));
        assert!(admin.scope().allows(a));
        assert!(!admin.scope().allows(Uuid::from_u128(2)));
        assert!(!principal(vec![Role::Employee], None).scope().allows(a));
    }

    #[test]
    fn agency_admins_write_only_into_their_own_agency() {
        let a = Uuid::from_u128(1);
        let admin = principal(vec![Role::AgencyAdmin], Some(a));
        assert_eq!(admin.target_agency(None).ok(), Some(a));
        assert!(matches!(
            admin.target_agency(Some(Uuid::from_u128(2))),
            Err(DomainError::NotFound(_))
        ));
        assert!(
            principal(vec![Role::SuperAdmin], None)
                .target_agency(None)
                .is_err()
        );
    }

    #[test]
    fn api_keys_may_do_what_their_scopes_say_and_nothing_a_role_grants() {
        let mut key = principal(vec![], Some(Uuid::from_u128(1)));
        key.api_key = Some((Uuid::nil(), vec![ApiScope::ImportsWrite]));
        assert!(
            key.require(ApiScope::ImportsWrite, &[Role::AgencyAdmin])
                .is_ok()
        );
        assert!(key.require(ApiScope::EmployeesRead, &[]).is_err());
        assert!(key.require_admin().is_err());
        assert!(key.require_user().is_err());
        let admin = principal(vec![Role::AgencyAdmin], Some(Uuid::from_u128(1)));
        assert!(
            admin
                .require(ApiScope::ImportsWrite, &[Role::AgencyAdmin])
                .is_ok()
        );
        assert!(
            principal(vec![Role::Employee], None)
                .require(ApiScope::ImportsWrite, &[Role::AgencyAdmin])
                .is_err()
        );
        assert!(
            principal(vec![Role::Employee], None)
                .require(ApiScope::OrgRead, &[])
                .is_ok()
        );
    }

    #[test]
    fn role_checks_name_the_missing_roles() {
        let e = principal(vec![Role::Employee], None).require_admin();
        assert!(matches!(e, Err(DomainError::Forbidden(m)) if m.contains("agency_admin")));
    }
}
