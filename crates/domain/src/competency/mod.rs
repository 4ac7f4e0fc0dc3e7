//! Competencies (kompetensi) and the analysis of development needs (AKPK).
//!
//! PermenPANRB 38/2017 sorts competencies into three groups: technical ones, which each agency
//! defines for its own sector, and the national managerial (M1-M8) and socio-cultural (SK1)
//! catalogue in [`national`]. Every competency has five levels, each with a description and
//! behavioural indicators. The submodules hold the rest of the analysis: the levels employees
//! are assessed at ([`assessment`]), default required levels by post ([`standard`]), the gap
//! between an employee and a standard ([`gap`]), the scoring of a training need from its
//! signals ([`needs`]) and the needs surveys admins build ([`survey`]).

pub mod assessment;
pub mod gap;
pub mod national;
pub mod needs;
pub mod plan;
pub mod standard;
pub mod survey;

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Errors, FieldError};

/// The three groups of PermenPANRB 38/2017.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompetencyGroup {
    /// Kompetensi teknis: the knowledge and skills of a sector, defined by each agency.
    Technical,
    /// Kompetensi manajerial: the eight national competencies M1-M8.
    Managerial,
    /// Kompetensi sosial kultural: the national competency SK1 Perekat Bangsa.
    SocioCultural,
}

crate::string_enum!(CompetencyGroup {
    Technical => "technical",
    Managerial => "managerial",
    SocioCultural => "socio_cultural",
});

/// The lowest competency level.
pub const MIN_LEVEL: u8 = 1;
/// The highest competency level.
pub const MAX_LEVEL: u8 = 5;

/// The number of levels every competency describes.
pub const LEVEL_COUNT: usize = (MAX_LEVEL - MIN_LEVEL + 1) as usize;

/// The longest competency code.
pub const MAX_CODE_LEN: usize = 32;
/// The longest competency name.
pub const MAX_NAME_LEN: usize = 200;
/// The longest competency definition.
pub const MAX_DESCRIPTION_LEN: usize = 4000;
/// The longest description of one level.
pub const MAX_LEVEL_DESCRIPTION_LEN: usize = 2000;
/// The longest behavioural indicator.
pub const MAX_INDICATOR_LEN: usize = 500;
/// The most behavioural indicators one level may list.
pub const MAX_INDICATORS: usize = 20;

/// Checks that `level` is a competency level (1-5) and narrows it.
pub fn check_level(field: &str, level: i64) -> Result<u8, FieldError> {
    match u8::try_from(level) {
        Ok(l) if (MIN_LEVEL..=MAX_LEVEL).contains(&l) => Ok(l),
        _ => Err(FieldError::new(
            field,
            "out_of_range",
            "must be a level from 1 to 5",
        )),
    }
}

/// A competency code: trimmed and upper-cased, 1-32 characters of `A-Z`, `0-9`, `.`, `-` or
/// `_`, starting with a letter (`TEK.KES-01`).
pub fn check_code(field: &str, raw: &str) -> Result<String, FieldError> {
    let code = raw.trim().to_ascii_uppercase();
    let ok = (1..=MAX_CODE_LEN).contains(&code.len())
        && code.as_bytes()[0].is_ascii_uppercase()
        && code.bytes().all(|b| {
            b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_')
        });
    if ok {
        Ok(code)
    } else {
        Err(FieldError::new(
            field,
            "invalid_code",
            "must be 1-32 letters, digits, '.', '-' or '_', starting with a letter",
        ))
    }
}

/// Whether `code` (already upper-cased) names a competency of the national catalogue.
///
/// Separators are ignored, so `M.1` and `SK-1`, the way many agencies write the national codes,
/// are reserved as well as `M1` and `SK1`.
pub fn is_reserved_code(code: &str) -> bool {
    let bare: String = code
        .chars()
        .filter(|c| !matches!(c, '.' | '-' | '_'))
        .collect::<String>()
        .to_ascii_uppercase();
    national::NATIONAL.iter().any(|c| c.code == bare)
}

/// One level of a competency: what the level means and the behaviour that shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelDescription {
    /// 1-5.
    pub level: u8,
    pub description: String,
    /// Behavioural indicators (indikator perilaku), in the order they are shown.
    pub indicators: Vec<String>,
}

/// A competency as an agency admin gives it, before any rule has been checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyInput {
    pub code: String,
    pub group: CompetencyGroup,
    pub name: String,
    pub description: String,
    pub levels: Vec<LevelDescription>,
}

/// A technical competency defined by an agency, whose fields obey every rule: a well-formed code
/// outside the national catalogue, a name, and exactly the five levels in order, each described.
/// Uniqueness of the code inside the agency is checked on save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCompetency {
    pub code: String,
    pub group: CompetencyGroup,
    pub name: String,
    pub description: String,
    /// Levels 1 to 5, in this order.
    pub levels: Vec<LevelDescription>,
}

impl NewCompetency {
    /// Checks every rule and reports every broken one. Field paths of level errors use the
    /// index in the input (`levels[2].indicators[0]`), not the level number.
    pub fn parse(input: CompetencyInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let code = match errors.check(check_code("code", &input.code)) {
            Some(code) if is_reserved_code(&code) => {
                errors.push(FieldError::new(
                    "code",
                    "reserved_code",
                    format!("{code} is a competency of the national catalogue"),
                ));
                code
            }
            Some(code) => code,
            None => String::new(),
        };
        if input.group != CompetencyGroup::Technical {
            errors.push(FieldError::new(
                "group",
                "national_group",
                "managerial and socio-cultural competencies are the national catalogue; \
                 an agency defines technical competencies only",
            ));
        }
        let name = check_text(&mut errors, "name", &input.name, MAX_NAME_LEN, true);
        let description = check_text(
            &mut errors,
            "description",
            &input.description,
            MAX_DESCRIPTION_LEN,
            false,
        );
        let levels = check_levels(&mut errors, input.levels);
        errors.finish()?;
        Ok(Self {
            code,
            group: input.group,
            name,
            description,
            levels,
        })
    }
}

/// Trims `raw` and checks its length in characters; `required` also rejects an empty value.
pub(crate) fn check_text(
    errors: &mut Errors,
    field: &str,
    raw: &str,
    max: usize,
    required: bool,
) -> String {
    let v = raw.trim().to_owned();
    if required && v.is_empty() {
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

/// Checks the five levels of a competency and returns them trimmed and sorted by level.
fn check_levels(errors: &mut Errors, levels: Vec<LevelDescription>) -> Vec<LevelDescription> {
    let mut seen = [0usize; LEVEL_COUNT];
    let mut stray = false;
    for l in &levels {
        match (MIN_LEVEL..=MAX_LEVEL).contains(&l.level) {
            true => seen[usize::from(l.level - MIN_LEVEL)] += 1,
            false => stray = true,
        }
    }
    if levels.len() != LEVEL_COUNT || stray || seen.iter().any(|&n| n != 1) {
        errors.push(FieldError::new(
            "levels",
            "five_levels",
            "must describe exactly the five levels 1 to 5, each once",
        ));
    }
    let mut out: Vec<LevelDescription> = levels
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let description = check_text(
                errors,
                &format!("levels[{i}].description"),
                &l.description,
                MAX_LEVEL_DESCRIPTION_LEN,
                true,
            );
            if l.indicators.len() > MAX_INDICATORS {
                errors.push(FieldError::new(
                    format!("levels[{i}].indicators"),
                    "too_many",
                    format!("must list at most {MAX_INDICATORS} indicators"),
                ));
            }
            let indicators = l
                .indicators
                .iter()
                .enumerate()
                .map(|(j, s)| {
                    check_text(
                        errors,
                        &format!("levels[{i}].indicators[{j}]"),
                        s,
                        MAX_INDICATOR_LEN,
                        true,
                    )
                })
                .collect();
            LevelDescription {
                level: l.level,
                description,
                indicators,
            }
        })
        .collect();
    out.sort_by_key(|l| l.level);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(level: u8) -> LevelDescription {
        LevelDescription {
            level,
            description: format!("Level {level}"),
            indicators: vec![
                format!("Indikator {level}.1"),
                format!("Indikator {level}.2"),
            ],
        }
    }

    fn input() -> CompetencyInput {
        CompetencyInput {
            code: " tek.kes-01 ".into(),
            group: CompetencyGroup::Technical,
            name: "  Manajemen Puskesmas ".into(),
            description: "Mengelola puskesmas sesuai standar.".into(),
            levels: [3, 1, 5, 2, 4].into_iter().map(level).collect(),
        }
    }

    fn errors(input: CompetencyInput) -> Vec<FieldError> {
        match NewCompetency::parse(input) {
            Err(DomainError::Validation(e)) => e,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    fn has(e: &[FieldError], field: &str, code: &str) -> bool {
        e.iter().any(|f| f.field == field && f.code == code)
    }

    #[test]
    fn groups_have_stable_strings() {
        assert_eq!(CompetencyGroup::SocioCultural.as_str(), "socio_cultural");
        assert_eq!(
            "managerial".parse::<CompetencyGroup>().ok(),
            Some(CompetencyGroup::Managerial)
        );
        assert!("teknis".parse::<CompetencyGroup>().is_err());
        assert_eq!(CompetencyGroup::ALL.len(), 3);
        for g in CompetencyGroup::ALL {
            let json = serde_json::to_string(g).expect("serialize");
            assert_eq!(json, format!("\"{}\"", g.as_str()));
        }
    }

    #[test]
    fn a_valid_competency_is_normalised_and_its_levels_sorted() {
        let c = NewCompetency::parse(input()).expect("valid");
        assert_eq!(c.code, "TEK.KES-01");
        assert_eq!(c.name, "Manajemen Puskesmas");
        assert_eq!(
            c.levels.iter().map(|l| l.level).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5]
        );
        assert_eq!(c.levels[0].description, "Level 1");
    }

    #[test]
    fn levels_are_checked_between_one_and_five() {
        assert_eq!(check_level("required", 1).ok(), Some(1));
        assert_eq!(check_level("required", 5).ok(), Some(5));
        for bad in [0, 6, -1, 256, i64::MAX] {
            let e = check_level("required", bad).expect_err("out of range");
            assert_eq!((e.field.as_str(), e.code), ("required", "out_of_range"));
            assert_eq!(e.message, "must be a level from 1 to 5");
        }
    }

    #[test]
    fn codes_start_with_a_letter_and_use_safe_characters() {
        assert_eq!(check_code("code", "a1").ok().as_deref(), Some("A1"));
        assert_eq!(
            check_code("code", &"A".repeat(32)).ok(),
            Some("A".repeat(32))
        );
        for bad in [
            "",
            "  ",
            "1ABC",
            "-A",
            "TEK KES",
            "A/B",
            "É1",
            &"A".repeat(33),
        ] {
            let e = check_code("code", bad).expect_err(bad);
            assert_eq!(e.code, "invalid_code", "{bad}");
        }
    }

    #[test]
    fn national_codes_are_reserved_in_any_spelling() {
        for code in ["M1", "m8", "SK1", "M.1", "SK-1", "M_4"] {
            let mut i = input();
            i.code = code.into();
            assert!(has(&errors(i), "code", "reserved_code"), "{code}");
        }
        for free in ["M9", "M10", "SK2", "M1A"] {
            let mut i = input();
            i.code = free.into();
            assert!(NewCompetency::parse(i).is_ok(), "{free}");
        }
    }

    #[test]
    fn agencies_define_technical_competencies_only() {
        for group in [CompetencyGroup::Managerial, CompetencyGroup::SocioCultural] {
            let mut i = input();
            i.group = group;
            let e = errors(i);
            assert!(has(&e, "group", "national_group"));
            assert!(e[0].message.contains("national catalogue"));
        }
    }

    #[test]
    fn name_and_description_lengths() {
        let mut i = input();
        i.name = "   ".into();
        assert!(has(&errors(i), "name", "required"));
        let mut i = input();
        i.name = "x".repeat(201);
        assert!(has(&errors(i), "name", "too_long"));
        let mut i = input();
        i.name = "é".repeat(200);
        assert!(NewCompetency::parse(i).is_ok(), "length counts characters");
        let mut i = input();
        i.description = String::new();
        assert!(NewCompetency::parse(i).is_ok(), "a definition is optional");
        let mut i = input();
        i.description = "x".repeat(4001);
        assert!(has(&errors(i), "description", "too_long"));
    }

    #[test]
    fn exactly_the_five_levels_each_once() {
        for levels in [
            vec![1, 2, 3, 4],
            vec![1, 2, 3, 4, 5, 5],
            vec![1, 2, 3, 4, 4],
            vec![0, 1, 2, 3, 4],
            vec![1, 2, 3, 4, 6],
            vec![],
        ] {
            let mut i = input();
            i.levels = levels.iter().copied().map(level).collect();
            let e = errors(i);
            assert!(has(&e, "levels", "five_levels"), "{levels:?}");
        }
    }

    #[test]
    fn level_descriptions_and_indicators_are_checked_at_their_input_index() {
        let mut i = input();
        i.levels[2].description = " ".into();
        i.levels[1].description = "x".repeat(2001);
        i.levels[0].indicators = vec!["ok".into(), "".into(), "y".repeat(501)];
        i.levels[4].indicators = (0..21).map(|n| n.to_string()).collect();
        let e = errors(i);
        assert!(has(&e, "levels[2].description", "required"));
        assert!(has(&e, "levels[1].description", "too_long"));
        assert!(has(&e, "levels[0].indicators[1]", "required"));
        assert!(has(&e, "levels[0].indicators[2]", "too_long"));
        assert!(has(&e, "levels[4].indicators", "too_many"));
        assert!(!e.iter().any(|f| f.field == "levels[0].indicators[0]"));

        let mut i = input();
        i.levels[0].indicators = (0..20).map(|n| n.to_string()).collect();
        assert!(
            NewCompetency::parse(i).is_ok(),
            "twenty indicators are allowed"
        );
    }

    #[test]
    fn every_broken_rule_is_reported_at_once() {
        let i = CompetencyInput {
            code: "1".into(),
            group: CompetencyGroup::Managerial,
            name: String::new(),
            description: "x".repeat(4001),
            levels: vec![],
        };
        let e = errors(i);
        let fields: Vec<_> = e.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            fields,
            [
                ("code", "invalid_code"),
                ("group", "national_group"),
                ("name", "required"),
                ("description", "too_long"),
                ("levels", "five_levels"),
            ]
        );
    }
}
