//! Agencies are Pembina's tenants: a province, a regency (kabupaten) or a city (kota),
//! identified by the code of Kemendagri's regional register (domain.md §7).

use serde::{Deserialize, Serialize};

use super::unit::validate_title;
use crate::error::{DomainError, Errors, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    Province,
    Regency,
    City,
}

crate::string_enum!(AgencyKind { Province => "province", Regency => "regency", City => "city" });

/// An agency that ships with Pembina.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedAgency {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: AgencyKind,
    /// The seat of government.
    pub seat: &'static str,
}

/// The Province of Bengkulu and its 9 regencies and 1 city, with their regional codes.
pub const BENGKULU_AGENCIES: [SeedAgency; 11] = [
    SeedAgency {
        code: "17",
        name: "Pemerintah Provinsi Bengkulu",
        kind: AgencyKind::Province,
        seat: "Kota Bengkulu",
    },
    SeedAgency {
        code: "1701",
        name: "Pemerintah Kabupaten Bengkulu Selatan",
        kind: AgencyKind::Regency,
        seat: "Manna",
    },
    SeedAgency {
        code: "1702",
        name: "Pemerintah Kabupaten Rejang Lebong",
        kind: AgencyKind::Regency,
        seat: "Curup",
    },
    SeedAgency {
        code: "1703",
        name: "Pemerintah Kabupaten Bengkulu Utara",
        kind: AgencyKind::Regency,
        seat: "Argamakmur",
    },
    SeedAgency {
        code: "1704",
        name: "Pemerintah Kabupaten Kaur",
        kind: AgencyKind::Regency,
        seat: "Bintuhan",
    },
    SeedAgency {
        code: "1705",
        name: "Pemerintah Kabupaten Seluma",
        kind: AgencyKind::Regency,
        seat: "Tais",
    },
    SeedAgency {
        code: "1706",
        name: "Pemerintah Kabupaten Mukomuko",
        kind: AgencyKind::Regency,
        seat: "Mukomuko",
    },
    SeedAgency {
        code: "1707",
        name: "Pemerintah Kabupaten Lebong",
        kind: AgencyKind::Regency,
        seat: "Tubei",
    },
    SeedAgency {
        code: "1708",
        name: "Pemerintah Kabupaten Kepahiang",
        kind: AgencyKind::Regency,
        seat: "Kepahiang",
    },
    SeedAgency {
        code: "1709",
        name: "Pemerintah Kabupaten Bengkulu Tengah",
        kind: AgencyKind::Regency,
        seat: "Karang Tinggi",
    },
    SeedAgency {
        code: "1771",
        name: "Pemerintah Kota Bengkulu",
        kind: AgencyKind::City,
        seat: "Bengkulu",
    },
];

/// A regional code: 2 digits for a province, 4 for a regency or city (`17`, `1771`).
pub fn validate_agency_code(code: &str, kind: AgencyKind) -> Result<(), FieldError> {
    let want = if kind == AgencyKind::Province { 2 } else { 4 };
    if code.len() == want && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(FieldError::new(
            "code",
            "invalid_agency_code",
            format!("a {kind} code has exactly {want} digits"),
        ))
    }
}

/// An agency as the client gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyInput {
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
    pub seat: String,
}

/// An agency whose fields obey the rules.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAgency {
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
    pub seat: String,
}

impl NewAgency {
    pub fn parse(input: AgencyInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let code = input.code.trim().to_owned();
        errors.check(validate_agency_code(&code, input.kind));
        let name = validate_title(&mut errors, "name", &input.name, 200);
        let seat = validate_title(&mut errors, "seat", &input.seat, 100);
        errors.finish()?;
        Ok(Self {
            code,
            name,
            kind: input.kind,
            seat,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_holds_one_province_nine_regencies_and_one_city_with_valid_codes() {
        let count = |k| BENGKULU_AGENCIES.iter().filter(|a| a.kind == k).count();
        assert_eq!(
            (
                count(AgencyKind::Province),
                count(AgencyKind::Regency),
                count(AgencyKind::City)
            ),
            (1, 9, 1)
        );
        for a in BENGKULU_AGENCIES {
            assert!(validate_agency_code(a.code, a.kind).is_ok(), "{}", a.code);
            assert!(a.code.starts_with("17"));
        }
    }

    #[test]
    fn agency_codes_have_the_width_of_their_kind() {
        assert!(validate_agency_code("1771", AgencyKind::Province).is_err());
        assert!(validate_agency_code("17", AgencyKind::City).is_err());
        assert!(validate_agency_code("17a1", AgencyKind::Regency).is_err());
    }
}
