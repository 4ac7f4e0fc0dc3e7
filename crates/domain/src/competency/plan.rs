//! The yearly development plan (AKPK): activities that close training needs, with their
//! targets, provider, schedule and budget.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{DomainError, Errors, FieldError};

/// Classroom (klasikal) or not (nonklasikal), PP 11/2017 art. 210.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DevelopmentForm {
    Classical,
    NonClassical,
}

crate::string_enum!(DevelopmentForm {
    Classical => "classical",
    NonClassical => "non_classical",
});

/// The kinds of development activity of domain.md §3; each belongs to one form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Training,
    Seminar,
    Workshop,
    Course,
    Bimtek,
    ELearning,
    Coaching,
    Mentoring,
    OnTheJob,
    DistanceLearning,
    Internship,
    Exchange,
    SelfStudy,
    CommunityOfPractice,
}

crate::string_enum!(ActivityKind {
    Training => "training",
    Seminar => "seminar",
    Workshop => "workshop",
    Course => "course",
    Bimtek => "bimtek",
    ELearning => "e_learning",
    Coaching => "coaching",
    Mentoring => "mentoring",
    OnTheJob => "on_the_job",
    DistanceLearning => "distance_learning",
    Internship => "internship",
    Exchange => "exchange",
    SelfStudy => "self_study",
    CommunityOfPractice => "community_of_practice",
});

impl ActivityKind {
    pub fn form(self) -> DevelopmentForm {
        match self {
            Self::Training | Self::Seminar | Self::Workshop | Self::Course | Self::Bimtek => {
                DevelopmentForm::Classical
            }
            _ => DevelopmentForm::NonClassical,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanItemInput {
    pub year: i64,
    pub competency_id: Uuid,
    pub org_unit_id: Option<Uuid>,
    pub title: String,
    pub activity_kind: ActivityKind,
    pub provider: Option<String>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    /// Rupiah.
    pub budget: Option<i64>,
    /// Learning hours (JP) per participant.
    pub jp: Option<i64>,
    pub need_score: Option<f64>,
    pub employee_ids: Vec<Uuid>,
}

/// A valid plan item.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPlanItem {
    pub year: i32,
    pub competency_id: Uuid,
    pub org_unit_id: Option<Uuid>,
    pub title: String,
    pub activity_kind: ActivityKind,
    pub provider: Option<String>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub budget: Option<i64>,
    pub jp: Option<i32>,
    pub need_score: Option<f64>,
    /// Distinct, in the order given.
    pub employee_ids: Vec<Uuid>,
}

/// Most targets one plan item can name.
pub const MAX_TARGETS: usize = 5000;

impl NewPlanItem {
    pub fn parse(i: PlanItemInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        if !(2000..=2100).contains(&i.year) {
            errors.push(FieldError::new(
                "year",
                "out_of_range",
                "must be a year from 2000 to 2100",
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
        let provider = i
            .provider
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty());
        if provider.as_ref().is_some_and(|p| p.chars().count() > 200) {
            errors.push(FieldError::new(
                "provider",
                "too_long",
                "must be at most 200 characters",
            ));
        }
        if let (Some(s), Some(e)) = (i.planned_start, i.planned_end)
            && e < s
        {
            errors.push(FieldError::new(
                "planned_end",
                "before_start",
                "cannot be earlier than planned_start",
            ));
        }
        for (field, d) in [
            ("planned_start", i.planned_start),
            ("planned_end", i.planned_end),
        ] {
            if let Some(d) = d
                && i64::from(chrono::Datelike::year(&d)) != i.year
            {
                errors.push(FieldError::new(
                    field,
                    "outside_year",
                    "must fall within the plan's year",
                ));
            }
        }
        if i.budget.is_some_and(|b| b < 0) {
            errors.push(FieldError::new(
                "budget",
                "out_of_range",
                "cannot be negative",
            ));
        }
        if i.jp.is_some_and(|j| !(1..=1000).contains(&j)) {
            errors.push(FieldError::new(
                "jp",
                "out_of_range",
                "must be from 1 to 1000 learning hours",
            ));
        }
        if i.employee_ids.len() > MAX_TARGETS {
            errors.push(FieldError::new(
                "employee_ids",
                "too_many",
                format!("at most {MAX_TARGETS} participants per activity"),
            ));
        }
        let mut employee_ids = Vec::with_capacity(i.employee_ids.len());
        for id in i.employee_ids {
            if !employee_ids.contains(&id) {
                employee_ids.push(id);
            }
        }
        errors.finish()?;
        Ok(Self {
            year: i.year as i32,
            competency_id: i.competency_id,
            org_unit_id: i.org_unit_id,
            title,
            activity_kind: i.activity_kind,
            provider,
            planned_start: i.planned_start,
            planned_end: i.planned_end,
            budget: i.budget,
            jp: i.jp.map(|j| j as i32),
            need_score: i.need_score.filter(|s| s.is_finite()),
            employee_ids,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn input() -> PlanItemInput {
        let e = Uuid::from_u128(7);
        PlanItemInput {
            year: 2027,
            competency_id: Uuid::nil(),
            org_unit_id: None,
            title: "  Pelatihan Manajemen Proyek ".into(),
            activity_kind: ActivityKind::Training,
            provider: Some(" BPSDM Provinsi Bengkulu ".into()),
            planned_start: Some(d("2027-03-01")),
            planned_end: Some(d("2027-03-05")),
            budget: Some(25_000_000),
            jp: Some(40),
            need_score: Some(75.0),
            employee_ids: vec![e, e, Uuid::from_u128(8)],
        }
    }

    #[test]
    fn a_valid_item_is_cleaned() {
        let p = NewPlanItem::parse(input()).expect("valid");
        assert_eq!(p.title, "Pelatihan Manajemen Proyek");
        assert_eq!(p.provider.as_deref(), Some("BPSDM Provinsi Bengkulu"));
        assert_eq!(p.employee_ids.len(), 2);
        assert_eq!(p.activity_kind.form(), DevelopmentForm::Classical);
    }

    #[test]
    fn every_broken_rule_is_reported() {
        let mut i = input();
        i.year = 1999;
        i.title = " ".into();
        i.planned_end = Some(d("2027-02-01"));
        i.budget = Some(-1);
        i.jp = Some(0);
        let Err(DomainError::Validation(errs)) = NewPlanItem::parse(i) else {
            panic!("expected validation errors");
        };
        let got: Vec<(&str, &str)> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [
                ("year", "out_of_range"),
                ("title", "required"),
                ("planned_end", "before_start"),
                ("planned_start", "outside_year"),
                ("planned_end", "outside_year"),
                ("budget", "out_of_range"),
                ("jp", "out_of_range"),
            ]
        );
    }

    #[test]
    fn each_kind_has_its_form() {
        let classical: Vec<&str> = ActivityKind::ALL
            .iter()
            .filter(|k| k.form() == DevelopmentForm::Classical)
            .map(|k| k.as_str())
            .collect();
        assert_eq!(
            classical,
            ["training", "seminar", "workshop", "course", "bimtek"]
        );
        assert_eq!(ActivityKind::Coaching.form(), DevelopmentForm::NonClassical);
        assert_eq!(ActivityKind::ALL.len(), 14);
    }
}
