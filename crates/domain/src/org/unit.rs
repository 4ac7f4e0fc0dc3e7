//! Org units: the tree of OPDs, divisions, UPTs and service units inside one agency.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{DomainError, Errors, FieldError};

/// What kind of unit this is; service units (a Puskesmas, a licensing desk) serve citizens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgUnitKind {
    /// Sekretariat Daerah, Sekretariat DPRD.
    Secretariat,
    /// An OPD: dinas, badan, inspektorat.
    Agency,
    /// Bidang, bagian, seksi inside an OPD.
    Division,
    /// Unit Pelaksana Teknis.
    TechnicalUnit,
    /// A unit serving the public directly: Puskesmas, RSUD, licensing desk.
    ServiceUnit,
}

crate::string_enum!(OrgUnitKind {
    Secretariat => "secretariat",
    Agency => "agency",
    Division => "division",
    TechnicalUnit => "technical_unit",
    ServiceUnit => "service_unit",
});

/// A unit code: 1-30 characters of letters, digits, `.`, `-` or `_`, unique inside the agency.
pub fn validate_unit_code(code: &str) -> Result<String, FieldError> {
    let code = code.trim().to_ascii_uppercase();
    let ok = (1..=30).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if ok {
        Ok(code)
    } else {
        Err(FieldError::new(
            "code",
            "invalid_code",
            "must be 1-30 letters, digits, '.', '-' or '_'",
        ))
    }
}

pub(crate) fn validate_title(errors: &mut Errors, field: &str, raw: &str, max: usize) -> String {
    let v = raw.trim().to_owned();
    if v.is_empty() {
        errors.push(FieldError::new(field, "required", "must not be empty"));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(
            field,
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    v
}

/// A unit as the client gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgUnitInput {
    pub agency_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub code: String,
    pub name: String,
    pub kind: OrgUnitKind,
    pub active: bool,
}

/// A unit whose own fields obey the rules; the parent is checked on save.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOrgUnit {
    pub agency_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub code: String,
    pub name: String,
    pub kind: OrgUnitKind,
    pub active: bool,
}

impl NewOrgUnit {
    pub fn parse(input: OrgUnitInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let code = errors
            .check(validate_unit_code(&input.code))
            .unwrap_or_default();
        let name = validate_title(&mut errors, "name", &input.name, 200);
        errors.finish()?;
        Ok(Self {
            agency_id: input.agency_id,
            parent_id: input.parent_id,
            code,
            name,
            kind: input.kind,
            active: input.active,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_codes_are_upper_cased_and_limited_to_safe_characters() {
        assert_eq!(
            validate_unit_code(" dinkes.pkm-01 ").ok(),
            Some("DINKES.PKM-01".to_owned())
        );
        for bad in ["", "DINAS KESEHATAN", "a/b", &"X".repeat(31)] {
            assert!(validate_unit_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_unit_needs_a_name() {
        let input = OrgUnitInput {
            agency_id: Uuid::nil(),
            parent_id: None,
            code: "X".into(),
            name: "  ".into(),
            kind: OrgUnitKind::Agency,
            active: true,
        };
        assert!(
            matches!(NewOrgUnit::parse(input), Err(DomainError::Validation(e)) if e[0].field == "name")
        );
    }
}
