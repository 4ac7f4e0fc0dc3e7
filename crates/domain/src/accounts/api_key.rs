//! API keys for scripts: what each key may do, and key text that can be told from a JWT.

use serde::{Deserialize, Serialize};

/// Permissions an API key can carry. Keys have no roles: a key may call exactly the
/// operations its scopes name, inside its agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ApiScope {
    /// Run imports, read import records, download templates.
    #[serde(rename = "imports:write")]
    ImportsWrite,
    /// Read and export employees.
    #[serde(rename = "employees:read")]
    EmployeesRead,
    /// Read and export agencies, org units and positions.
    #[serde(rename = "org:read")]
    OrgRead,
    /// Read the competency dictionary, standards, assessments and gaps.
    #[serde(rename = "competencies:read")]
    CompetenciesRead,
    /// Read programmes, sessions, participants, JP ledgers and their dashboards.
    #[serde(rename = "learning:read")]
    LearningRead,
    /// Read citizens' satisfaction indexes (SKM/IKM) and their trends.
    #[serde(rename = "ratings:read")]
    RatingsRead,
}

crate::string_enum!(ApiScope {
    ImportsWrite => "imports:write",
    EmployeesRead => "employees:read",
    OrgRead => "org:read",
    CompetenciesRead => "competencies:read",
    LearningRead => "learning:read",
    RatingsRead => "ratings:read",
});

/// Every key starts with this, so the API can tell a key from a JWT without a lookup.
pub const API_KEY_PREFIX: &str = "pmb_";

/// Longest lifetime of a key.
pub const MAX_KEY_DAYS: i64 = 366;

/// Whether a bearer token is an API key.
pub fn is_api_key(token: &str) -> bool {
    token.starts_with(API_KEY_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_have_stable_names() {
        for s in ApiScope::ALL {
            assert_eq!(s.as_str().parse::<ApiScope>().ok(), Some(*s));
        }
        assert!("admin:all".parse::<ApiScope>().is_err());
        assert!(is_api_key("pmb_abc") && !is_api_key("eyJhbGciOi"));
    }
}
