//! Training programmes (the curriculum): what they teach, to whom, how long, and when a
//! participant has completed one.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::competency::plan::{ActivityKind, DevelopmentForm};
use crate::error::{DomainError, Errors, FieldError};

/// Most competencies, target positions or target units one programme can name.
pub const MAX_TARGETS: usize = 200;
/// The attendance a classroom session asks for unless the programme says otherwise.
pub const DEFAULT_MIN_ATTENDANCE: u8 = 80;

/// Whether a programme can be enrolled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeStatus {
    /// Being written; only admins see it.
    Draft,
    /// Open for sessions and enrolment.
    Published,
    /// Kept for history; no new sessions.
    Archived,
}

crate::string_enum!(ProgrammeStatus {
    Draft => "draft",
    Published => "published",
    Archived => "archived",
});

/// A level a programme raises a competency to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CompetencyTarget {
    pub competency_id: Uuid,
    /// 1-5: the level a participant should reach.
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeInput {
    pub code: String,
    pub title: String,
    pub objectives: Option<String>,
    pub activity_kind: ActivityKind,
    pub jp: i64,
    pub competencies: Vec<(Uuid, i64)>,
    pub position_ids: Vec<Uuid>,
    pub org_unit_ids: Vec<Uuid>,
    pub self_registration: bool,
    pub min_attendance_percent: Option<i64>,
    pub require_post_test: bool,
    pub status: ProgrammeStatus,
}

/// A valid programme.
#[derive(Debug, Clone, PartialEq)]
pub struct NewProgramme {
    /// Upper case, unique within the agency.
    pub code: String,
    pub title: String,
    pub objectives: Option<String>,
    pub activity_kind: ActivityKind,
    pub form: DevelopmentForm,
    /// Learning hours credited on completion.
    pub jp: i32,
    pub competencies: Vec<CompetencyTarget>,
    /// Empty: open to every position.
    pub position_ids: Vec<Uuid>,
    /// Empty: open to every unit.
    pub org_unit_ids: Vec<Uuid>,
    pub self_registration: bool,
    pub min_attendance_percent: u8,
    pub require_post_test: bool,
    pub status: ProgrammeStatus,
}

fn distinct(ids: Vec<Uuid>) -> Vec<Uuid> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

impl NewProgramme {
    pub fn parse(i: ProgrammeInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let code = i.code.trim().to_uppercase();
        if code.is_empty() {
            errors.push(FieldError::new("code", "required", "is required"));
        } else if code.len() > 40
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        {
            errors.push(FieldError::new(
                "code",
                "invalid",
                "use 1 to 40 letters, digits, '.', '-' or '_'",
            ));
        }
        let title = i.title.trim().to_owned();
        if title.is_empty() {
            errors.push(FieldError::new("title", "required", "is required"));
        } else if title.chars().count() > 200 {
            errors.push(FieldError::new(
                "title",
                "too_long",
                "must be at most 200 characters",
            ));
        }
        let objectives = i
            .objectives
            .map(|o| o.trim().to_owned())
            .filter(|o| !o.is_empty());
        if objectives
            .as_ref()
            .is_some_and(|o| o.chars().count() > 4000)
        {
            errors.push(FieldError::new(
                "objectives",
                "too_long",
                "must be at most 4000 characters",
            ));
        }
        if !(1..=1000).contains(&i.jp) {
            errors.push(FieldError::new(
                "jp",
                "out_of_range",
                "must be from 1 to 1000 learning hours",
            ));
        }
        let mut competencies: Vec<CompetencyTarget> = Vec::new();
        for (n, (competency_id, level)) in i.competencies.iter().enumerate() {
            if !(1..=5).contains(level) {
                errors.push(FieldError::new(
                    format!("competencies[{n}].level"),
                    "out_of_range",
                    "must be from 1 to 5",
                ));
            } else if competencies
                .iter()
                .any(|c| c.competency_id == *competency_id)
            {
                errors.push(FieldError::new(
                    format!("competencies[{n}].competency_id"),
                    "duplicate",
                    "appears more than once",
                ));
            } else {
                competencies.push(CompetencyTarget {
                    competency_id: *competency_id,
                    level: *level as u8,
                });
            }
        }
        for (field, len) in [
            ("competencies", i.competencies.len()),
            ("position_ids", i.position_ids.len()),
            ("org_unit_ids", i.org_unit_ids.len()),
        ] {
            if len > MAX_TARGETS {
                errors.push(FieldError::new(
                    field,
                    "too_many",
                    format!("at most {MAX_TARGETS}"),
                ));
            }
        }
        let min_attendance = i
            .min_attendance_percent
            .unwrap_or(i64::from(DEFAULT_MIN_ATTENDANCE));
        if !(0..=100).contains(&min_attendance) {
            errors.push(FieldError::new(
                "min_attendance_percent",
                "out_of_range",
                "must be from 0 to 100",
            ));
        }
        errors.finish()?;
        Ok(Self {
            code,
            title,
            objectives,
            form: i.activity_kind.form(),
            activity_kind: i.activity_kind,
            jp: i.jp as i32,
            competencies,
            position_ids: distinct(i.position_ids),
            org_unit_ids: distinct(i.org_unit_ids),
            self_registration: i.self_registration,
            min_attendance_percent: min_attendance as u8,
            require_post_test: i.require_post_test,
            status: i.status,
        })
    }
}

/// A module of a programme: a unit of learning with its materials and, optionally, a quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct NewModule {
    pub title: String,
    pub summary: Option<String>,
    /// Expected study time.
    pub minutes: i32,
}

impl NewModule {
    pub fn parse(
        title: String,
        summary: Option<String>,
        minutes: i64,
    ) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let title = title.trim().to_owned();
        if title.is_empty() {
            errors.push(FieldError::new("title", "required", "is required"));
        } else if title.chars().count() > 200 {
            errors.push(FieldError::new(
                "title",
                "too_long",
                "must be at most 200 characters",
            ));
        }
        let summary = summary
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty());
        if summary.as_ref().is_some_and(|s| s.chars().count() > 4000) {
            errors.push(FieldError::new(
                "summary",
                "too_long",
                "must be at most 4000 characters",
            ));
        }
        if !(1..=10_000).contains(&minutes) {
            errors.push(FieldError::new(
                "minutes",
                "out_of_range",
                "must be from 1 to 10000 minutes",
            ));
        }
        errors.finish()?;
        Ok(Self {
            title,
            summary,
            minutes: minutes as i32,
        })
    }
}

/// Checks a material's link: http or https, at most 2000 characters.
pub fn check_link(field: &str, url: &str) -> Result<String, FieldError> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') && url.len() <= 2000 => {
            if url.chars().any(char::is_whitespace) {
                Err(FieldError::new(field, "invalid", "must not contain spaces"))
            } else {
                Ok(url.to_owned())
            }
        }
        _ => Err(FieldError::new(
            field,
            "invalid",
            "must be an http:// or https:// address of at most 2000 characters",
        )),
    }
}

/// What is known about one participant when deciding completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Days present and days the session ran (classroom and live online sessions).
    pub attendance: Option<(u32, u32)>,
    /// Modules done and modules in the programme (e-learning).
    pub modules: Option<(u32, u32)>,
    /// Whether the programme has a post-test, and whether the participant passed it.
    pub post_test: Option<bool>,
}

/// Why a participant has not completed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unmet {
    Attendance,
    Modules,
    PostTest,
}

crate::string_enum!(Unmet {
    Attendance => "attendance",
    Modules => "modules",
    PostTest => "post_test",
});

/// The completion rule of a programme: enough attendance (classroom), every module done
/// (e-learning), and the post-test passed when the programme requires it and has one.
pub fn unmet(programme_min_attendance: u8, require_post_test: bool, p: Progress) -> Vec<Unmet> {
    let mut out = Vec::new();
    if let Some((present, days)) = p.attendance
        && (days == 0 || present * 100 < u32::from(programme_min_attendance) * days)
    {
        out.push(Unmet::Attendance);
    }
    if let Some((done, total)) = p.modules
        && done < total
    {
        out.push(Unmet::Modules);
    }
    if require_post_test && p.post_test == Some(false) {
        out.push(Unmet::PostTest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProgrammeInput {
        let c = Uuid::from_u128(1);
        ProgrammeInput {
            code: " pm-01 ".into(),
            title: " Manajemen Proyek Infrastruktur ".into(),
            objectives: Some("  ".into()),
            activity_kind: ActivityKind::Training,
            jp: 24,
            competencies: vec![(c, 3)],
            position_ids: vec![Uuid::from_u128(2), Uuid::from_u128(2)],
            org_unit_ids: vec![],
            self_registration: true,
            min_attendance_percent: None,
            require_post_test: true,
            status: ProgrammeStatus::Published,
        }
    }

    #[test]
    fn a_valid_programme_is_cleaned() {
        let p = NewProgramme::parse(input()).expect("valid");
        assert_eq!(p.code, "PM-01");
        assert_eq!(p.title, "Manajemen Proyek Infrastruktur");
        assert_eq!(p.objectives, None);
        assert_eq!(p.form, DevelopmentForm::Classical);
        assert_eq!(p.position_ids.len(), 1);
        assert_eq!(p.min_attendance_percent, DEFAULT_MIN_ATTENDANCE);
        let mut e = input();
        e.activity_kind = ActivityKind::ELearning;
        assert_eq!(
            NewProgramme::parse(e).expect("valid").form,
            DevelopmentForm::NonClassical
        );
    }

    #[test]
    fn every_broken_rule_is_reported() {
        let c = Uuid::from_u128(1);
        let mut i = input();
        i.code = "PM 01".into();
        i.title = String::new();
        i.jp = 0;
        i.competencies = vec![(c, 6), (c, 2), (c, 3)];
        i.min_attendance_percent = Some(101);
        let Err(DomainError::Validation(errs)) = NewProgramme::parse(i) else {
            panic!("expected validation errors");
        };
        let got: Vec<_> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [
                ("code", "invalid"),
                ("title", "required"),
                ("jp", "out_of_range"),
                ("competencies[0].level", "out_of_range"),
                ("competencies[2].competency_id", "duplicate"),
                ("min_attendance_percent", "out_of_range"),
            ]
        );
    }

    #[test]
    fn attendance_is_compared_in_whole_numbers() {
        let p = |present, days| Progress {
            attendance: Some((present, days)),
            ..Progress::default()
        };
        // 4 of 5 days = 80 %: meets an 80 % rule; 3 of 4 = 75 % does not.
        assert!(unmet(80, false, p(4, 5)).is_empty());
        assert_eq!(unmet(80, false, p(3, 4)), [Unmet::Attendance]);
        assert!(unmet(0, false, p(0, 3)).is_empty());
        assert!(unmet(100, false, p(3, 3)).is_empty());
        // A session with no days yet cannot be complete.
        assert_eq!(unmet(0, false, p(0, 0)), [Unmet::Attendance]);
    }

    #[test]
    fn modules_and_post_test_complete_e_learning() {
        let p = |done, passed| Progress {
            attendance: None,
            modules: Some((done, 3)),
            post_test: passed,
        };
        assert!(unmet(80, true, p(3, Some(true))).is_empty());
        assert_eq!(unmet(80, true, p(2, Some(true))), [Unmet::Modules]);
        assert_eq!(
            unmet(80, true, p(2, Some(false))),
            [Unmet::Modules, Unmet::PostTest]
        );
        // Not required, or no post-test in the programme: the test does not hold completion.
        assert!(unmet(80, false, p(3, Some(false))).is_empty());
        assert!(unmet(80, true, p(3, None)).is_empty());
    }

    #[test]
    fn links_must_be_web_addresses() {
        assert_eq!(
            check_link("url", " https://elearning.bengkuluprov.go.id/modul/1 "),
            Ok("https://elearning.bengkuluprov.go.id/modul/1".into())
        );
        assert!(check_link("url", "http://a.id").is_ok());
        for bad in [
            "javascript:alert(1)",
            "ftp://x",
            "https://",
            "https:///x",
            "https://a b",
        ] {
            assert_eq!(
                check_link("url", bad).expect_err("invalid").code,
                "invalid",
                "{bad}"
            );
        }
    }

    #[test]
    fn modules_need_a_title_and_a_duration() {
        assert!(NewModule::parse("Modul 1".into(), None, 90).is_ok());
        let Err(DomainError::Validation(errs)) = NewModule::parse(" ".into(), None, 0) else {
            panic!("expected validation errors");
        };
        assert_eq!(errs.len(), 2);
    }
}
