//! Positions (jabatan): structural posts (JPT, administrator, pengawas), pelaksana and
//! functional posts with their level.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::unit::{validate_title, validate_unit_code};
use crate::error::{DomainError, Errors, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionKind {
    /// Jabatan Pimpinan Tinggi Madya (e.g. Sekretaris Daerah Provinsi).
    JptMadya,
    /// Jabatan Pimpinan Tinggi Pratama (head of an OPD).
    JptPratama,
    /// Jabatan Administrator (head of a division).
    Administrator,
    /// Jabatan Pengawas (head of a section or sub-division).
    Pengawas,
    /// Jabatan Pelaksana (staff).
    Pelaksana,
    /// Jabatan Fungsional, with a level.
    Fungsional,
}

crate::string_enum!(PositionKind {
    JptMadya => "jpt_madya",
    JptPratama => "jpt_pratama",
    Administrator => "administrator",
    Pengawas => "pengawas",
    Pelaksana => "pelaksana",
    Fungsional => "fungsional",
});

/// The level of a functional post: expert levels (keahlian) and skill levels (keterampilan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionalLevel {
    AhliUtama,
    AhliMadya,
    AhliMuda,
    AhliPertama,
    Penyelia,
    Mahir,
    Terampil,
    Pemula,
}

crate::string_enum!(FunctionalLevel {
    AhliUtama => "ahli_utama",
    AhliMadya => "ahli_madya",
    AhliMuda => "ahli_muda",
    AhliPertama => "ahli_pertama",
    Penyelia => "penyelia",
    Mahir => "mahir",
    Terampil => "terampil",
    Pemula => "pemula",
});

#[derive(Debug, Clone, PartialEq)]
pub struct PositionInput {
    pub agency_id: Uuid,
    pub org_unit_id: Option<Uuid>,
    pub code: String,
    pub title: String,
    pub kind: PositionKind,
    pub functional_level: Option<FunctionalLevel>,
}

/// A position whose own fields obey the rules: a level exactly when the post is functional.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPosition {
    pub agency_id: Uuid,
    pub org_unit_id: Option<Uuid>,
    pub code: String,
    pub title: String,
    pub kind: PositionKind,
    pub functional_level: Option<FunctionalLevel>,
}

impl NewPosition {
    pub fn parse(input: PositionInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let code = errors
            .check(validate_unit_code(&input.code))
            .unwrap_or_default();
        let title = validate_title(&mut errors, "title", &input.title, 200);
        match (input.kind, input.functional_level) {
            (PositionKind::Fungsional, None) => errors.push(FieldError::new(
                "functional_level",
                "required",
                "a functional position needs its level (ahli_pertama, terampil, ...)",
            )),
            (kind, Some(_)) if kind != PositionKind::Fungsional => errors.push(FieldError::new(
                "functional_level",
                "not_allowed",
                "only functional positions have a level",
            )),
            _ => {}
        }
        errors.finish()?;
        Ok(Self {
            agency_id: input.agency_id,
            org_unit_id: input.org_unit_id,
            code,
            title,
            kind: input.kind,
            functional_level: input.functional_level,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: PositionKind, level: Option<FunctionalLevel>) -> PositionInput {
        PositionInput {
            agency_id: Uuid::nil(),
            org_unit_id: None,
            code: "p-1".into(),
            title: "Perawat".into(),
            kind,
            functional_level: level,
        }
    }

    #[test]
    fn functional_positions_need_a_level_and_others_must_not_have_one() {
        assert!(
            NewPosition::parse(input(
                PositionKind::Fungsional,
                Some(FunctionalLevel::AhliMuda)
            ))
            .is_ok()
        );
        assert!(NewPosition::parse(input(PositionKind::Pelaksana, None)).is_ok());
        for (kind, level) in [
            (PositionKind::Fungsional, None),
            (PositionKind::Pengawas, Some(FunctionalLevel::Mahir)),
        ] {
            let Err(DomainError::Validation(e)) = NewPosition::parse(input(kind, level)) else {
                panic!("expected error")
            };
            assert_eq!(e[0].field, "functional_level");
        }
    }
}
