//! Training evaluation by Kirkpatrick's levels (domain.md §5): reaction (level 1), learning from
//! the pre- and post-test (level 2), and the behaviour follow-up months later (level 3).

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Errors, FieldError};

// ---------------------------------------------------------------- level 1: reaction

/// A participant's reaction to a session, each aspect rated 1 (poor) to 5 (excellent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reaction {
    pub organisation: u8,
    pub trainers: u8,
    pub materials: u8,
    pub comment: Option<String>,
}

impl Reaction {
    pub fn parse(
        organisation: i64,
        trainers: i64,
        materials: i64,
        comment: Option<String>,
    ) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        for (field, v) in [
            ("organisation", organisation),
            ("trainers", trainers),
            ("materials", materials),
        ] {
            if !(1..=5).contains(&v) {
                errors.push(FieldError::new(
                    field,
                    "out_of_range",
                    "must be from 1 to 5",
                ));
            }
        }
        let comment = comment
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        if comment.as_ref().is_some_and(|c| c.chars().count() > 2000) {
            errors.push(FieldError::new(
                "comment",
                "too_long",
                "must be at most 2000 characters",
            ));
        }
        errors.finish()?;
        Ok(Self {
            organisation: organisation as u8,
            trainers: trainers as u8,
            materials: materials as u8,
            comment,
        })
    }
}

// ---------------------------------------------------------------- level 2: learning

/// Hake's normalised gain of one participant: the share of what they could still learn that
/// they did learn, `(post − pre) ÷ (100 − pre)`. `None` when the pre-test was already 100 %
/// (nothing left to gain). Negative when the post-test is lower.
pub fn normalised_gain(pre_percent: f64, post_percent: f64) -> Option<f64> {
    if !(pre_percent.is_finite() && post_percent.is_finite()) || pre_percent >= 100.0 {
        return None;
    }
    Some((post_percent - pre_percent) / (100.0 - pre_percent))
}

/// Hake's bands for a normalised gain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GainBand {
    /// g ≥ 0.7
    High,
    /// 0.3 ≤ g < 0.7
    Medium,
    /// g < 0.3
    Low,
}

pub fn band(g: f64) -> GainBand {
    if g >= 0.7 {
        GainBand::High
    } else if g >= 0.3 {
        GainBand::Medium
    } else {
        GainBand::Low
    }
}

/// A session's learning: participants with both tests, their mean scores, the raw gain in
/// percentage points and the class gain `(⟨post⟩ − ⟨pre⟩) ÷ (100 − ⟨pre⟩)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SessionGain {
    pub participants: u32,
    pub mean_pre: f64,
    pub mean_post: f64,
    pub raw_gain: f64,
    pub normalised_gain: Option<f64>,
}

/// Aggregates (pre, post) pairs; `None` without any pair.
pub fn session_gain(pairs: &[(f64, f64)]) -> Option<SessionGain> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mean_pre = pairs.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_post = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    Some(SessionGain {
        participants: pairs.len() as u32,
        mean_pre,
        mean_post,
        raw_gain: mean_post - mean_pre,
        normalised_gain: normalised_gain(mean_pre, mean_post),
    })
}

// ---------------------------------------------------------------- level 3: behaviour

/// Months after completion when the behaviour follow-up is due, unless the agency says
/// otherwise (domain.md §5: default 6, configurable).
pub const DEFAULT_FOLLOW_UP_MONTHS: u32 = 6;

/// Checks an agency's follow-up window: 1 to 24 months.
pub fn follow_up_months(months: i64) -> Result<u32, FieldError> {
    if (1..=24).contains(&months) {
        Ok(months as u32)
    } else {
        Err(FieldError::new(
            "follow_up_months",
            "out_of_range",
            "must be from 1 to 24 months",
        ))
    }
}

/// The day the follow-up is due: `months` after completion, on the same day of the month or
/// the month's last day when it is shorter (31 August + 6 months = 28 or 29 February).
pub fn follow_up_due(completed_on: NaiveDate, months: u32) -> NaiveDate {
    completed_on
        .checked_add_months(Months::new(months))
        .unwrap_or(completed_on)
}

/// Where a follow-up task stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    /// Not due yet: no task is created.
    NotDue,
    /// Due: the participant and the supervisor each have a task.
    Open,
    /// Reminders go out 7 and 14 days after the due date.
    Remind,
    /// More than 30 days past due without an answer: listed for admins.
    Overdue,
    Answered,
}

/// The status of a follow-up due on `due`, on `today` (time is given, never read).
pub fn follow_up_status(due: NaiveDate, today: NaiveDate, answered: bool) -> FollowUpStatus {
    if answered {
        return FollowUpStatus::Answered;
    }
    let late = (today - due).num_days();
    match late {
        d if d < 0 => FollowUpStatus::NotDue,
        d if d > 30 => FollowUpStatus::Overdue,
        7 | 14 => FollowUpStatus::Remind,
        _ => FollowUpStatus::Open,
    }
}

/// The year a follow-up belongs to in reports: the year it fell due.
pub fn follow_up_year(due: NaiveDate) -> i32 {
    due.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn reactions_are_one_to_five() {
        assert!(Reaction::parse(5, 4, 1, Some("  ".into())).is_ok_and(|r| r.comment.is_none()));
        let Err(DomainError::Validation(errs)) = Reaction::parse(0, 6, 3, None) else {
            panic!("expected errors");
        };
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["organisation", "trainers"]);
    }

    #[test]
    fn normalised_gain_is_hakes() {
        // From 40 to 70: 30 of the 60 points left = 0.5.
        assert_eq!(normalised_gain(40.0, 70.0), Some(0.5));
        assert_eq!(normalised_gain(0.0, 100.0), Some(1.0));
        assert_eq!(normalised_gain(50.0, 25.0), Some(-0.5));
        assert_eq!(normalised_gain(100.0, 100.0), None);
        assert_eq!(normalised_gain(f64::NAN, 10.0), None);
        assert_eq!(band(0.7), GainBand::High);
        assert_eq!(band(0.699), GainBand::Medium);
        assert_eq!(band(0.3), GainBand::Medium);
        assert_eq!(band(0.299), GainBand::Low);
        assert_eq!(band(-0.2), GainBand::Low);
    }

    #[test]
    fn a_sessions_gain_uses_the_class_means() {
        let g = session_gain(&[(40.0, 80.0), (60.0, 80.0)]).expect("gain");
        assert_eq!(g.participants, 2);
        assert_eq!((g.mean_pre, g.mean_post, g.raw_gain), (50.0, 80.0, 30.0));
        assert_eq!(g.normalised_gain, Some(0.6));
        assert_eq!(session_gain(&[]), None);
    }

    #[test]
    fn the_follow_up_falls_due_months_later_at_month_end_when_shorter() {
        assert_eq!(follow_up_due(d("2026-03-15"), 6), d("2026-09-15"));
        assert_eq!(follow_up_due(d("2026-08-31"), 6), d("2027-02-28"));
        assert_eq!(follow_up_due(d("2027-08-31"), 6), d("2028-02-29"));
        assert_eq!(follow_up_due(d("2026-12-31"), 1), d("2027-01-31"));
        assert_eq!(follow_up_year(follow_up_due(d("2026-08-31"), 6)), 2027);
        assert_eq!(follow_up_months(6), Ok(6));
        assert!(follow_up_months(0).is_err() && follow_up_months(25).is_err());
    }

    #[test]
    fn follow_up_status_by_the_day() {
        let due = d("2027-02-28");
        let on = |s: &str| follow_up_status(due, d(s), false);
        assert_eq!(on("2027-02-27"), FollowUpStatus::NotDue);
        assert_eq!(on("2027-02-28"), FollowUpStatus::Open);
        assert_eq!(on("2027-03-07"), FollowUpStatus::Remind);
        assert_eq!(on("2027-03-08"), FollowUpStatus::Open);
        assert_eq!(on("2027-03-14"), FollowUpStatus::Remind);
        assert_eq!(on("2027-03-30"), FollowUpStatus::Open);
        assert_eq!(on("2027-03-31"), FollowUpStatus::Overdue);
        assert_eq!(
            follow_up_status(due, d("2027-06-01"), true),
            FollowUpStatus::Answered
        );
    }
}
