//! The public code of a service unit in rating links (`/r/{code}`).
//!
//! Unit codes are unique only inside their agency (two regencies may both have a `PKM-01`), so
//! the public code prefixes the agency's regional code: `1771-PKM-01` is unit `PKM-01` of Kota
//! Bengkulu (1771). Regional codes are digits only, so the first `-` always ends the agency part.

use std::fmt;

use crate::org::validate_unit_code;

/// An agency's regional code and one of its unit codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUnitCode {
    pub agency_code: String,
    pub unit_code: String,
}

impl PublicUnitCode {
    pub fn new(agency_code: &str, unit_code: &str) -> Self {
        Self {
            agency_code: agency_code.to_owned(),
            unit_code: unit_code.to_owned(),
        }
    }

    /// Reads `1771-PKM-01` (the unit part in any case); `None` for anything else, which the API
    /// answers as an unknown unit.
    pub fn parse(raw: &str) -> Option<Self> {
        let (agency, unit) = raw.trim().split_once('-')?;
        let agency_ok = matches!(agency.len(), 2 | 4) && agency.bytes().all(|b| b.is_ascii_digit());
        if !agency_ok {
            return None;
        }
        let unit = validate_unit_code(unit).ok()?;
        Some(Self::new(agency, &unit))
    }
}

impl fmt::Display for PublicUnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.agency_code, self.unit_code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agency_code_comes_first_and_the_unit_code_may_hold_dashes() {
        let c = PublicUnitCode::parse("1771-pkm-01").expect("valid");
        assert_eq!(c, PublicUnitCode::new("1771", "PKM-01"));
        assert_eq!(c.to_string(), "1771-PKM-01");
        assert_eq!(
            PublicUnitCode::parse("17-RSUD.MY"),
            Some(PublicUnitCode::new("17", "RSUD.MY"))
        );
    }

    #[test]
    fn anything_else_is_no_code() {
        for bad in [
            "PKM-01",
            "1771",
            "1771-",
            "177-PKM",
            "17710-PKM",
            "1771-PKM 01",
            "",
            "-PKM",
        ] {
            assert_eq!(PublicUnitCode::parse(bad), None, "{bad}");
        }
    }
}
