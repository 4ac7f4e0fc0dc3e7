//! Assessments: an employee's level in a competency, as found on a date by some method.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{DomainError, Errors, FieldError};

/// How a level was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentMethod {
    /// The employee's own rating.
    #[serde(rename = "self")]
    SelfAssessment,
    /// The supervisor's rating.
    Supervisor,
    /// An assessment centre (the strongest evidence).
    AssessmentCentre,
    /// A written or practical test.
    Test,
    /// Loaded from another system (SIMPEG, an assessment provider's file).
    Imported,
}

crate::string_enum!(AssessmentMethod {
    SelfAssessment => "self",
    Supervisor => "supervisor",
    AssessmentCentre => "assessment_centre",
    Test => "test",
    Imported => "imported",
});

/// Who is recording an assessment, relative to the employee assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorder {
    /// An administrator: any method.
    Admin,
    /// The employee themselves: `self` only.
    Themselves,
    /// Their direct supervisor: `supervisor` only.
    Supervisor,
}

/// The method an assessment is recorded with: admins choose (default assessment centre);
/// employees and supervisors get the one method they may use, and naming another is an error.
pub fn method_for(
    recorder: Recorder,
    requested: Option<AssessmentMethod>,
) -> Result<AssessmentMethod, DomainError> {
    let only = match recorder {
        Recorder::Admin => return Ok(requested.unwrap_or(AssessmentMethod::AssessmentCentre)),
        Recorder::Themselves => AssessmentMethod::SelfAssessment,
        Recorder::Supervisor => AssessmentMethod::Supervisor,
    };
    match requested {
        Some(m) if m != only => Err(DomainError::field(
            "method",
            "not_allowed",
            format!("you may only record method {only} for this employee"),
        )),
        _ => Ok(only),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentInput {
    pub employee_id: Uuid,
    pub competency_id: Uuid,
    pub level: i64,
    pub assessed_on: NaiveDate,
    pub method: AssessmentMethod,
    pub assessor_name: Option<String>,
    pub evidence: Option<String>,
    pub valid_until: Option<NaiveDate>,
    /// The current date, injected so the rule "not in the future" is testable.
    pub today: NaiveDate,
}

/// A valid assessment, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAssessment {
    pub employee_id: Uuid,
    pub competency_id: Uuid,
    pub level: u8,
    pub assessed_on: NaiveDate,
    pub method: AssessmentMethod,
    pub assessor_name: Option<String>,
    pub evidence: Option<String>,
    pub valid_until: Option<NaiveDate>,
}

fn optional_text(
    errors: &mut Errors,
    field: &str,
    v: Option<String>,
    max: usize,
) -> Option<String> {
    let v = v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())?;
    if v.chars().count() > max {
        errors.push(FieldError::new(
            field,
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    Some(v)
}

impl NewAssessment {
    pub fn parse(i: AssessmentInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let level = errors.check(super::check_level("level", i.level));
        if i.assessed_on > i.today {
            errors.push(FieldError::new(
                "assessed_on",
                "in_future",
                "cannot be later than today",
            ));
        }
        if let Some(until) = i.valid_until
            && until < i.assessed_on
        {
            errors.push(FieldError::new(
                "valid_until",
                "before_assessment",
                "cannot be earlier than the assessment date",
            ));
        }
        let assessor_name = optional_text(&mut errors, "assessor_name", i.assessor_name, 200);
        let evidence = optional_text(&mut errors, "evidence", i.evidence, 4000);
        errors.finish()?;
        Ok(Self {
            employee_id: i.employee_id,
            competency_id: i.competency_id,
            level: level.unwrap_or(1),
            assessed_on: i.assessed_on,
            method: i.method,
            assessor_name,
            evidence,
            valid_until: i.valid_until,
        })
    }
}

/// What decides which of an employee's assessments of one competency counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssessmentKey {
    pub assessed_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub voided: bool,
    /// Tie-break between two assessments of the same day: the one recorded later.
    pub recorded_seq: u128,
}

impl AssessmentKey {
    /// Whether the assessment may count on `today`: not voided and not expired.
    pub fn valid_on(&self, today: NaiveDate) -> bool {
        !self.voided && self.valid_until.is_none_or(|u| u >= today)
    }
}

/// The index of the assessment that counts on `today`: the latest valid one (by assessment
/// date, then by when it was recorded), or `None` when none is valid.
pub fn latest_valid(keys: &[AssessmentKey], today: NaiveDate) -> Option<usize> {
    keys.iter()
        .enumerate()
        .filter(|(_, k)| k.valid_on(today))
        .max_by_key(|(_, k)| (k.assessed_on, k.recorded_seq))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn input() -> AssessmentInput {
        AssessmentInput {
            employee_id: Uuid::nil(),
            competency_id: Uuid::nil(),
            level: 3,
            assessed_on: d("2026-05-01"),
            method: AssessmentMethod::Supervisor,
            assessor_name: Some("  Budi  ".into()),
            evidence: Some("   ".into()),
            valid_until: None,
            today: d("2026-11-27"),
        }
    }

    #[test]
    fn a_valid_assessment_is_trimmed() {
        let a = NewAssessment::parse(input()).expect("valid");
        assert_eq!(a.level, 3);
        assert_eq!(a.assessor_name.as_deref(), Some("Budi"));
        assert_eq!(a.evidence, None);
    }

    #[test]
    fn every_broken_rule_is_reported() {
        let mut i = input();
        i.level = 6;
        i.assessed_on = d("2026-11-28");
        i.valid_until = Some(d("2026-11-01"));
        i.assessor_name = Some("x".repeat(201));
        let Err(DomainError::Validation(errs)) = NewAssessment::parse(i) else {
            panic!("expected a validation error");
        };
        let got: Vec<(&str, &str)> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [
                ("level", "out_of_range"),
                ("assessed_on", "in_future"),
                ("valid_until", "before_assessment"),
                ("assessor_name", "too_long"),
            ]
        );
    }

    #[test]
    fn today_is_not_the_future_and_level_bounds_hold() {
        let mut i = input();
        i.assessed_on = i.today;
        i.level = 1;
        assert!(NewAssessment::parse(i.clone()).is_ok());
        i.level = 5;
        assert!(NewAssessment::parse(i.clone()).is_ok());
        i.level = 0;
        assert!(NewAssessment::parse(i).is_err());
    }

    #[test]
    fn the_latest_valid_assessment_counts() {
        let today = d("2026-11-27");
        let k = |on: &str, until: Option<&str>, voided: bool, seq: u128| AssessmentKey {
            assessed_on: d(on),
            valid_until: until.map(d),
            voided,
            recorded_seq: seq,
        };
        let keys = [
            k("2025-01-01", None, false, 1),
            k("2026-03-01", None, true, 2),                // voided
            k("2026-02-01", Some("2026-11-26"), false, 3), // expired yesterday
            k("2025-06-01", Some("2026-11-27"), false, 4), // still valid today
        ];
        assert_eq!(latest_valid(&keys, today), Some(3));
        // Same day: the one recorded later wins.
        let same = [
            k("2026-01-01", None, false, 9),
            k("2026-01-01", None, false, 5),
        ];
        assert_eq!(latest_valid(&same, today), Some(0));
        assert_eq!(latest_valid(&[k("2026-01-01", None, true, 1)], today), None);
        assert_eq!(latest_valid(&[], today), None);
    }

    #[test]
    fn only_admins_choose_the_method() {
        use AssessmentMethod::*;
        assert_eq!(
            method_for(Recorder::Admin, None).ok(),
            Some(AssessmentCentre)
        );
        assert_eq!(method_for(Recorder::Admin, Some(Test)).ok(), Some(Test));
        assert_eq!(
            method_for(Recorder::Themselves, None).ok(),
            Some(SelfAssessment)
        );
        assert_eq!(
            method_for(Recorder::Supervisor, Some(Supervisor)).ok(),
            Some(Supervisor)
        );
        let Err(DomainError::Validation(e)) =
            method_for(Recorder::Themselves, Some(AssessmentCentre))
        else {
            panic!("expected a refusal");
        };
        assert_eq!((e[0].field.as_str(), e[0].code), ("method", "not_allowed"));
    }
}
