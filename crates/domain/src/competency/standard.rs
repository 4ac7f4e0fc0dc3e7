//! Default required levels of the managerial and socio-cultural competencies by post.
//!
//! PermenPANRB 38/2017 has each agency set the standard (standar kompetensi jabatan) of every
//! post. The levels usually seen — pelaksana 1, pengawas 2, administrator 3, JPT pratama 4, JPT
//! madya 5 — are not confirmed as a rule (domain.md §4 marks them open), so they are only the
//! defaults an agency starts from when it drafts a standard, and each agency may change them.

use serde::{Deserialize, Serialize};

use super::{MAX_LEVEL, MIN_LEVEL};
use crate::error::{DomainError, Errors, FieldError};
use crate::org::{FunctionalLevel, PositionKind};

/// The default required level (1-5) of every managerial and socio-cultural competency, by post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ManagerialDefaults {
    pub jpt_madya: u8,
    pub jpt_pratama: u8,
    pub administrator: u8,
    pub pengawas: u8,
    pub pelaksana: u8,
    pub ahli_utama: u8,
    pub ahli_madya: u8,
    pub ahli_muda: u8,
    pub ahli_pertama: u8,
    /// The skill levels of functional posts: penyelia, mahir, terampil and pemula.
    pub skilled: u8,
}

impl Default for ManagerialDefaults {
    fn default() -> Self {
        Self {
            jpt_madya: 5,
            jpt_pratama: 4,
            administrator: 3,
            pengawas: 2,
            pelaksana: 1,
            ahli_utama: 4,
            ahli_madya: 3,
            ahli_muda: 2,
            ahli_pertama: 1,
            skilled: 1,
        }
    }
}

impl ManagerialDefaults {
    /// Checks that every level is from 1 to 5, reporting each bad field by its name.
    pub fn validate(&self) -> Result<(), DomainError> {
        let mut errors = Errors::new();
        for (field, level) in self.fields() {
            if !(MIN_LEVEL..=MAX_LEVEL).contains(&level) {
                errors.push(FieldError::new(
                    field,
                    "out_of_range",
                    "must be a level from 1 to 5",
                ));
            }
        }
        errors.finish()
    }

    /// The default level for a post. A functional post without a recorded level gets `skilled`,
    /// the lowest band, rather than an expert level it may not hold.
    pub fn level_for(&self, kind: PositionKind, functional: Option<FunctionalLevel>) -> u8 {
        match kind {
            PositionKind::JptMadya => self.jpt_madya,
            PositionKind::JptPratama => self.jpt_pratama,
            PositionKind::Administrator => self.administrator,
            PositionKind::Pengawas => self.pengawas,
            PositionKind::Pelaksana => self.pelaksana,
            PositionKind::Fungsional => match functional {
                Some(FunctionalLevel::AhliUtama) => self.ahli_utama,
                Some(FunctionalLevel::AhliMadya) => self.ahli_madya,
                Some(FunctionalLevel::AhliMuda) => self.ahli_muda,
                Some(FunctionalLevel::AhliPertama) => self.ahli_pertama,
                Some(
                    FunctionalLevel::Penyelia
                    | FunctionalLevel::Mahir
                    | FunctionalLevel::Terampil
                    | FunctionalLevel::Pemula,
                )
                | None => self.skilled,
            },
        }
    }

    /// Every field with its name, in declaration order.
    fn fields(&self) -> [(&'static str, u8); 10] {
        [
            ("jpt_madya", self.jpt_madya),
            ("jpt_pratama", self.jpt_pratama),
            ("administrator", self.administrator),
            ("pengawas", self.pengawas),
            ("pelaksana", self.pelaksana),
            ("ahli_utama", self.ahli_utama),
            ("ahli_madya", self.ahli_madya),
            ("ahli_muda", self.ahli_muda),
            ("ahli_pertama", self.ahli_pertama),
            ("skilled", self.skilled),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_follow_the_usual_levels_and_are_valid() {
        let d = ManagerialDefaults::default();
        assert!(d.validate().is_ok());
        assert_eq!(d.fields().map(|(_, l)| l), [5, 4, 3, 2, 1, 4, 3, 2, 1, 1]);
    }

    #[test]
    fn structural_and_pelaksana_posts() {
        let d = ManagerialDefaults::default();
        let cases = [
            (PositionKind::JptMadya, 5),
            (PositionKind::JptPratama, 4),
            (PositionKind::Administrator, 3),
            (PositionKind::Pengawas, 2),
            (PositionKind::Pelaksana, 1),
        ];
        for (kind, level) in cases {
            assert_eq!(d.level_for(kind, None), level, "{kind}");
        }
        assert_eq!(
            cases.len() + 1,
            PositionKind::ALL.len(),
            "every kind is tested"
        );
    }

    #[test]
    fn functional_posts_by_level() {
        let d = ManagerialDefaults::default();
        let cases = [
            (FunctionalLevel::AhliUtama, 4),
            (FunctionalLevel::AhliMadya, 3),
            (FunctionalLevel::AhliMuda, 2),
            (FunctionalLevel::AhliPertama, 1),
            (FunctionalLevel::Penyelia, 1),
            (FunctionalLevel::Mahir, 1),
            (FunctionalLevel::Terampil, 1),
            (FunctionalLevel::Pemula, 1),
        ];
        assert_eq!(cases.len(), FunctionalLevel::ALL.len());
        for (level, expected) in cases {
            assert_eq!(
                d.level_for(PositionKind::Fungsional, Some(level)),
                expected,
                "{level}"
            );
        }
    }

    #[test]
    fn each_field_is_used_for_its_post() {
        let d = ManagerialDefaults {
            jpt_madya: 5,
            jpt_pratama: 5,
            administrator: 4,
            pengawas: 4,
            pelaksana: 3,
            ahli_utama: 5,
            ahli_madya: 4,
            ahli_muda: 3,
            ahli_pertama: 2,
            skilled: 2,
        };
        assert_eq!(d.level_for(PositionKind::JptPratama, None), 5);
        assert_eq!(d.level_for(PositionKind::Pelaksana, None), 3);
        assert_eq!(
            d.level_for(PositionKind::Fungsional, Some(FunctionalLevel::AhliPertama)),
            2
        );
        assert_eq!(
            d.level_for(PositionKind::Fungsional, Some(FunctionalLevel::Mahir)),
            2
        );
    }

    #[test]
    fn a_functional_post_without_a_level_gets_the_skilled_level() {
        let d = ManagerialDefaults {
            skilled: 2,
            ..ManagerialDefaults::default()
        };
        assert_eq!(d.level_for(PositionKind::Fungsional, None), 2);
    }

    #[test]
    fn a_level_given_to_a_non_functional_post_is_ignored() {
        let d = ManagerialDefaults::default();
        assert_eq!(
            d.level_for(PositionKind::Pengawas, Some(FunctionalLevel::AhliUtama)),
            2
        );
    }

    #[test]
    fn every_bad_level_is_reported_by_its_field() {
        let d = ManagerialDefaults {
            jpt_madya: 6,
            pelaksana: 0,
            skilled: 9,
            ..ManagerialDefaults::default()
        };
        let Err(DomainError::Validation(e)) = d.validate() else {
            panic!("expected a validation error")
        };
        let fields: Vec<_> = e.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            fields,
            [
                ("jpt_madya", "out_of_range"),
                ("pelaksana", "out_of_range"),
                ("skilled", "out_of_range"),
            ]
        );
    }
}
