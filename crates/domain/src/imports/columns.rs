//! The columns of each import kind. Exports use the same columns in the same order, so an
//! exported file imports back as "unchanged".

use crate::error::FieldError;

/// What is being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportKind {
    OrgUnits,
    Positions,
    Employees,
}

impl ImportKind {
    pub const ALL: [ImportKind; 3] = [Self::OrgUnits, Self::Positions, Self::Employees];

    /// The name used in URLs (`/imports/org-units`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OrgUnits => "org-units",
            Self::Positions => "positions",
            Self::Employees => "employees",
        }
    }

    pub fn parse(s: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                FieldError::new(
                    "kind",
                    "unknown_value",
                    "must be one of org-units, positions, employees",
                )
            })
    }
}

/// One documented column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub description: &'static str,
    pub example: &'static str,
}

const fn col(
    name: &'static str,
    required: bool,
    description: &'static str,
    example: &'static str,
) -> Column {
    Column {
        name,
        required,
        description,
        example,
    }
}

const ORG_UNITS: &[Column] = &[
    col(
        "code",
        true,
        "Unit code, unique in the agency (the natural key)",
        "DINKES.PKM-LB",
    ),
    col("name", true, "Unit name", "Puskesmas Lingkar Barat"),
    col(
        "kind",
        true,
        "secretariat, agency, division, technical_unit or service_unit",
        "service_unit",
    ),
    col(
        "parent_code",
        false,
        "Code of the unit above; empty for a top-level unit",
        "DINKES",
    ),
    col("active", false, "true or false (default true)", "true"),
];

const POSITIONS: &[Column] = &[
    col(
        "code",
        true,
        "Position code, unique in the agency (the natural key)",
        "PRWT-AP",
    ),
    col("title", true, "Position title", "Perawat Ahli Pertama"),
    col(
        "kind",
        true,
        "jpt_madya, jpt_pratama, administrator, pengawas, pelaksana or fungsional",
        "fungsional",
    ),
    col(
        "functional_level",
        false,
        "Required for fungsional: ahli_utama … pemula",
        "ahli_pertama",
    ),
    col(
        "unit_code",
        false,
        "Code of the unit the position sits in",
        "DINKES.PKM-LB",
    ),
    col("active", false, "true or false (default true)", "true"),
];

const EMPLOYEES: &[Column] = &[
    col(
        "nip",
        true,
        "NIP (PNS) or NI PPPK, 18 digits (the natural key)",
        "198507152010011003",
    ),
    col("employment_type", true, "pns or pppk", "pns"),
    col("name", true, "Name without academic titles", "Ahmad Fauzi"),
    col("title_prefix", false, "Titles before the name", "dr."),
    col("title_suffix", false, "Titles after the name", "M.Kes."),
    col(
        "sex",
        false,
        "male or female; must agree with the NIP",
        "male",
    ),
    col(
        "birth_date",
        false,
        "YYYY-MM-DD; must agree with the NIP",
        "1985-07-15",
    ),
    col(
        "rank",
        false,
        "Golongan/ruang (III/a) or PPPK golongan (IX)",
        "III/c",
    ),
    col(
        "unit_code",
        true,
        "Code of the employee's unit",
        "DINKES.PKM-LB",
    ),
    col(
        "position_code",
        false,
        "Code of the employee's position",
        "PRWT-AP",
    ),
    col(
        "supervisor_nip",
        false,
        "NIP of the direct supervisor (in the database or in the same file)",
        "197803122003121002",
    ),
    col(
        "email",
        false,
        "E-mail address",
        "ahmad.fauzi@bengkuluprov.go.id",
    ),
    col("phone", false, "Phone number", "081273001234"),
    col(
        "status",
        false,
        "active, leave, transferred, retired or inactive (default active)",
        "active",
    ),
];

/// The columns of `kind`, in file order.
pub fn columns(kind: ImportKind) -> &'static [Column] {
    match kind {
        ImportKind::OrgUnits => ORG_UNITS,
        ImportKind::Positions => POSITIONS,
        ImportKind::Employees => EMPLOYEES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_url_names() {
        for k in ImportKind::ALL {
            assert_eq!(ImportKind::parse(k.as_str()), Ok(k));
        }
        assert!(ImportKind::parse("users").is_err());
    }

    #[test]
    fn every_kind_starts_with_its_natural_key_and_names_are_unique() {
        assert_eq!(columns(ImportKind::Employees)[0].name, "nip");
        assert_eq!(columns(ImportKind::OrgUnits)[0].name, "code");
        for k in ImportKind::ALL {
            let mut names: Vec<_> = columns(k).iter().map(|c| c.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), columns(k).len());
        }
    }
}
