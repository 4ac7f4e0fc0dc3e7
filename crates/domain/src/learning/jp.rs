//! Learning hours (jam pelajaran, JP) and the yearly ledger.
//!
//! Every civil servant owes at least 20 JP of competency development a year (PP 11/2017
//! art. 203(4) as amended by PP 17/2020). One JP is 45 minutes. Non-classical activities are
//! credited by a conversion each agency configures (a percentage of their duration in JP, and an
//! optional yearly cap per kind), since the official table is not at hand (domain.md §3).
//!
//! JP are kept in hundredths ([`CentiJp`]) so that conversions such as 90 minutes at 50 % (1 JP)
//! or 100 minutes (2.22 JP) add up exactly, with no floating point.

use serde::{Deserialize, Serialize};

use chrono::{Datelike, NaiveDate};

use crate::competency::plan::ActivityKind;
use crate::error::{DomainError, Errors, FieldError};

/// Minutes in one JP.
pub const MINUTES_PER_JP: i64 = 45;
/// The yearly obligation, in hundredths of a JP.
pub const YEARLY_TARGET: CentiJp = CentiJp(2000);
/// Most JP one activity can credit.
pub const MAX_JP_PER_ACTIVITY: i64 = 1000;

/// The calendar day in the province (WIB, UTC+7) at instant `at`: the day an e-learning
/// completion is dated, and so the year its JP count toward.
pub fn province_date(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    (at + chrono::Duration::hours(7)).date_naive()
}

/// JP in hundredths: `CentiJp(1250)` is 12.5 JP.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CentiJp(pub i64);

impl CentiJp {
    pub fn from_jp(jp: i64) -> Self {
        Self(jp * 100)
    }

    /// JP as a decimal number (for display and JSON).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Indonesian notation: "12,5", "20", "2,22".
    pub fn to_indonesian(self) -> String {
        let whole = self.0 / 100;
        let frac = (self.0 % 100).abs();
        match frac {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole},{}", f / 10),
            f => format!("{whole},{f:02}"),
        }
    }

    /// Parses a JP amount given as a decimal (e.g. from JSON or a spreadsheet): positive, at most
    /// [`MAX_JP_PER_ACTIVITY`], at most two decimals.
    pub fn parse(field: &str, jp: f64) -> Result<Self, FieldError> {
        if !jp.is_finite() || jp <= 0.0 || jp > MAX_JP_PER_ACTIVITY as f64 {
            return Err(FieldError::new(
                field,
                "out_of_range",
                format!("must be more than 0 and at most {MAX_JP_PER_ACTIVITY} JP"),
            ));
        }
        let centi = (jp * 100.0).round();
        if (jp * 100.0 - centi).abs() > 1e-6 {
            return Err(FieldError::new(
                field,
                "too_precise",
                "must have at most two decimals",
            ));
        }
        Ok(Self(centi as i64))
    }
}

impl std::ops::Add for CentiJp {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        Self(self.0 + rhs.0)
    }
}

impl std::iter::Sum for CentiJp {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        Self(iter.map(|c| c.0).sum())
    }
}

/// How an agency credits one kind of activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversion {
    pub activity_kind: ActivityKind,
    /// Share of the activity's duration (in JP) that counts, 1-100 %.
    pub credit_percent: u8,
    /// Most JP of this kind that count in one year, if capped.
    pub yearly_cap: Option<CentiJp>,
}

impl Conversion {
    /// The default: classical activities count in full; non-classical ones too, uncapped, until
    /// the agency sets its own table.
    pub fn default_for(activity_kind: ActivityKind) -> Self {
        Self {
            activity_kind,
            credit_percent: 100,
            yearly_cap: None,
        }
    }

    /// Checks an agency's setting.
    pub fn new(
        activity_kind: ActivityKind,
        credit_percent: i64,
        yearly_cap_jp: Option<f64>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        if !(1..=100).contains(&credit_percent) {
            errors.push(FieldError::new(
                "credit_percent",
                "out_of_range",
                "must be from 1 to 100",
            ));
        }
        let cap = match yearly_cap_jp.map(|c| CentiJp::parse("yearly_cap_jp", c)) {
            Some(Err(e)) => {
                errors.push(e);
                None
            }
            Some(Ok(c)) => Some(c),
            None => None,
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            activity_kind,
            credit_percent: credit_percent as u8,
            yearly_cap: cap,
        })
    }

    /// JP credited for `minutes` of this activity, before any yearly cap (rounded down to the
    /// hundredth, so crediting never exceeds the time spent).
    pub fn credit_minutes(&self, minutes: i64) -> CentiJp {
        let minutes = minutes.max(0);
        // minutes / 45 JP × percent / 100, in hundredths of a JP.
        CentiJp(minutes * i64::from(self.credit_percent) / MINUTES_PER_JP)
    }

    /// JP credited for an activity worth `jp` (e.g. a programme's JP), before any yearly cap.
    pub fn credit_jp(&self, jp: CentiJp) -> CentiJp {
        CentiJp(jp.0.max(0) * i64::from(self.credit_percent) / 100)
    }

    /// What still counts of `credit` when `already` JP of this kind were credited this year.
    pub fn capped(&self, credit: CentiJp, already: CentiJp) -> CentiJp {
        match self.yearly_cap {
            Some(cap) => CentiJp(credit.0.min((cap.0 - already.0).max(0))),
            None => credit,
        }
    }
}

/// The standing of one employee in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearStanding {
    pub total: CentiJp,
    pub target: CentiJp,
    /// What is still missing to reach the target (0 when met).
    pub shortfall: CentiJp,
    pub meets: bool,
}

impl YearStanding {
    pub fn of(total: CentiJp) -> Self {
        let shortfall = CentiJp((YEARLY_TARGET.0 - total.0).max(0));
        Self {
            total,
            target: YEARLY_TARGET,
            shortfall,
            meets: total >= YEARLY_TARGET,
        }
    }
}

/// Most minutes one recorded activity can last.
pub const MAX_MINUTES: i64 = 100_000;
/// Longest reference of a recorded activity (the caller's identifier of it).
pub const MAX_REFERENCE: usize = 100;
const MAX_TEXT: usize = 200;

/// How much a recorded activity is worth before its conversion: a JP amount (as on a
/// certificate) or its duration in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityAmount {
    Jp(CentiJp),
    Minutes(i64),
}

/// An activity outside Pembina's own sessions (a training elsewhere, or a non-classical
/// activity), as an admin or an import states it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedActivityInput {
    pub activity_kind: ActivityKind,
    pub title: String,
    pub occurred_on: NaiveDate,
    pub provider: Option<String>,
    pub reference: Option<String>,
    pub jp: Option<f64>,
    pub minutes: Option<i64>,
}

/// A recorded activity whose fields obey every rule.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedActivity {
    pub activity_kind: ActivityKind,
    pub title: String,
    pub occurred_on: NaiveDate,
    pub provider: Option<String>,
    /// Trimmed; `None` when absent or blank.
    pub reference: Option<String>,
    pub amount: ActivityAmount,
}

impl RecordedActivity {
    /// Checks a recorded activity: a title (at most 200 characters), a date from 2000 to 2100,
    /// a provider of at most 200 characters, a reference of at most [`MAX_REFERENCE`], and
    /// exactly one of `jp` (more than 0, at most [`MAX_JP_PER_ACTIVITY`], two decimals) or
    /// `minutes` (1 to [`MAX_MINUTES`]). Fields are named as in the input.
    pub fn parse(input: RecordedActivityInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let title = input.title.trim().to_owned();
        if title.is_empty() {
            errors.push(FieldError::new("title", "required", "is required"));
        } else if title.chars().count() > MAX_TEXT {
            errors.push(FieldError::new(
                "title",
                "too_long",
                format!("must be at most {MAX_TEXT} characters"),
            ));
        }
        if !(2000..=2100).contains(&input.occurred_on.year()) {
            errors.push(FieldError::new(
                "occurred_on",
                "out_of_range",
                "must be a date from 2000 to 2100",
            ));
        }
        let provider = input
            .provider
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty());
        if provider
            .as_deref()
            .is_some_and(|p| p.chars().count() > MAX_TEXT)
        {
            errors.push(FieldError::new(
                "provider",
                "too_long",
                format!("must be at most {MAX_TEXT} characters"),
            ));
        }
        let reference = input
            .reference
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty());
        if reference
            .as_deref()
            .is_some_and(|r| r.chars().count() > MAX_REFERENCE)
        {
            errors.push(FieldError::new(
                "reference",
                "too_long",
                format!("must be at most {MAX_REFERENCE} characters"),
            ));
        }
        let amount = match (input.jp, input.minutes) {
            (Some(_), Some(_)) => {
                errors.push(FieldError::new(
                    "minutes",
                    "exclusive",
                    "give either jp or minutes, not both",
                ));
                None
            }
            (None, None) => {
                errors.push(FieldError::new(
                    "jp",
                    "required",
                    "give either jp or minutes",
                ));
                None
            }
            (Some(jp), None) => errors
                .check(CentiJp::parse("jp", jp))
                .map(ActivityAmount::Jp),
            (None, Some(m)) if (1..=MAX_MINUTES).contains(&m) => Some(ActivityAmount::Minutes(m)),
            (None, Some(_)) => {
                errors.push(FieldError::new(
                    "minutes",
                    "out_of_range",
                    format!("must be a whole number from 1 to {MAX_MINUTES}"),
                ));
                None
            }
        };
        errors.finish()?;
        let Some(amount) = amount else {
            return Err(DomainError::Internal("amount checked above".into()));
        };
        Ok(Self {
            activity_kind: input.activity_kind,
            title,
            occurred_on: input.occurred_on,
            provider,
            reference,
            amount,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(jp: Option<f64>, minutes: Option<i64>) -> RecordedActivityInput {
        RecordedActivityInput {
            activity_kind: ActivityKind::Coaching,
            title: "  Coaching kepemimpinan ".into(),
            occurred_on: NaiveDate::from_ymd_opt(2026, 3, 1).expect("date"),
            provider: Some(" ".into()),
            reference: Some(" REF-1 ".into()),
            jp,
            minutes,
        }
    }

    #[test]
    fn a_recorded_activity_gives_jp_or_minutes_not_both() {
        let ok = RecordedActivity::parse(recorded(None, Some(90))).expect("valid");
        assert_eq!(ok.amount, ActivityAmount::Minutes(90));
        assert_eq!(ok.title, "Coaching kepemimpinan");
        assert_eq!(ok.reference.as_deref(), Some("REF-1"));
        assert_eq!(ok.provider, None);
        let jp = RecordedActivity::parse(recorded(Some(2.5), None)).expect("valid");
        assert_eq!(jp.amount, ActivityAmount::Jp(CentiJp(250)));
        let fields = |r: Result<RecordedActivity, DomainError>| match r {
            Err(DomainError::Validation(e)) => {
                e.into_iter().map(|e| (e.field, e.code)).collect::<Vec<_>>()
            }
            other => panic!("expected a validation error, got {other:?}"),
        };
        assert_eq!(
            fields(RecordedActivity::parse(recorded(Some(1.0), Some(45)))),
            [("minutes".to_owned(), "exclusive")]
        );
        assert_eq!(
            fields(RecordedActivity::parse(recorded(None, None))),
            [("jp".to_owned(), "required")]
        );
        assert_eq!(
            fields(RecordedActivity::parse(recorded(None, Some(0)))),
            [("minutes".to_owned(), "out_of_range")]
        );
        assert_eq!(
            fields(RecordedActivity::parse(recorded(
                None,
                Some(MAX_MINUTES + 1)
            ))),
            [("minutes".to_owned(), "out_of_range")]
        );
        assert_eq!(
            fields(RecordedActivity::parse(recorded(Some(1.234), None))),
            [("jp".to_owned(), "too_precise")]
        );
        let mut bad = recorded(None, Some(45));
        bad.title = " ".into();
        bad.reference = Some("x".repeat(MAX_REFERENCE + 1));
        bad.occurred_on = NaiveDate::from_ymd_opt(1999, 12, 31).expect("date");
        assert_eq!(
            fields(RecordedActivity::parse(bad)),
            [
                ("title".to_owned(), "required"),
                ("occurred_on".to_owned(), "out_of_range"),
                ("reference".to_owned(), "too_long"),
            ]
        );
    }

    #[test]
    fn the_year_turns_at_midnight_in_bengkulu_not_in_greenwich() {
        use chrono::{NaiveDate, TimeZone, Utc};
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        // 16:59 UTC on 31 December is 23:59 WIB: still the old year.
        let before = Utc
            .with_ymd_and_hms(2026, 12, 31, 16, 59, 59)
            .single()
            .expect("time");
        assert_eq!(province_date(before), d(2026, 12, 31));
        // 17:00 UTC is midnight WIB: the new year, while Greenwich is still in the old one.
        let after = Utc
            .with_ymd_and_hms(2026, 12, 31, 17, 0, 0)
            .single()
            .expect("time");
        assert_eq!(province_date(after), d(2027, 1, 1));
    }

    #[test]
    fn twenty_jp_is_the_line() {
        assert!(!YearStanding::of(CentiJp(1999)).meets);
        assert_eq!(YearStanding::of(CentiJp(1999)).shortfall, CentiJp(1));
        assert!(YearStanding::of(CentiJp(2000)).meets);
        assert_eq!(YearStanding::of(CentiJp(2500)).shortfall, CentiJp(0));
        assert_eq!(YearStanding::of(CentiJp(0)).shortfall, CentiJp(2000));
    }

    #[test]
    fn forty_five_minutes_make_one_jp() {
        let full = Conversion::default_for(ActivityKind::Coaching);
        assert_eq!(full.credit_minutes(45), CentiJp(100));
        assert_eq!(full.credit_minutes(90), CentiJp(200));
        // 100 minutes = 2.222… JP, rounded down.
        assert_eq!(full.credit_minutes(100), CentiJp(222));
        assert_eq!(full.credit_minutes(0), CentiJp(0));
        assert_eq!(full.credit_minutes(-30), CentiJp(0));
    }

    #[test]
    fn a_conversion_credits_a_share_and_caps_the_year() {
        let half = Conversion::new(ActivityKind::SelfStudy, 50, Some(6.0)).expect("valid");
        assert_eq!(half.credit_minutes(90), CentiJp(100));
        assert_eq!(half.credit_jp(CentiJp(1000)), CentiJp(500));
        // 4 JP already credited this year, cap 6: only 2 of the next 5 count.
        assert_eq!(half.capped(CentiJp(500), CentiJp(400)), CentiJp(200));
        // Cap reached: nothing more counts, never a negative credit.
        assert_eq!(half.capped(CentiJp(500), CentiJp(700)), CentiJp(0));
        let uncapped = Conversion::default_for(ActivityKind::Training);
        assert_eq!(uncapped.capped(CentiJp(500), CentiJp(10_000)), CentiJp(500));
    }

    #[test]
    fn bad_conversions_name_their_fields() {
        let errs = Conversion::new(ActivityKind::Mentoring, 0, Some(-1.0)).expect_err("invalid");
        let got: Vec<_> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [
                ("credit_percent", "out_of_range"),
                ("yearly_cap_jp", "out_of_range")
            ]
        );
        assert!(Conversion::new(ActivityKind::Mentoring, 101, None).is_err());
        assert!(Conversion::new(ActivityKind::Mentoring, 100, None).is_ok());
    }

    #[test]
    fn jp_amounts_parse_with_two_decimals_at_most() {
        assert_eq!(CentiJp::parse("jp", 12.5), Ok(CentiJp(1250)));
        assert_eq!(CentiJp::parse("jp", 2.22), Ok(CentiJp(222)));
        assert_eq!(
            CentiJp::parse("jp", 2.225).expect_err("invalid").code,
            "too_precise"
        );
        assert_eq!(
            CentiJp::parse("jp", 0.0).expect_err("invalid").code,
            "out_of_range"
        );
        assert_eq!(
            CentiJp::parse("jp", f64::NAN).expect_err("invalid").code,
            "out_of_range"
        );
        assert_eq!(CentiJp::parse("jp", 1000.0), Ok(CentiJp(100_000)));
        assert!(CentiJp::parse("jp", 1000.01).is_err());
    }

    #[test]
    fn jp_reads_the_indonesian_way() {
        assert_eq!(CentiJp(2000).to_indonesian(), "20");
        assert_eq!(CentiJp(1250).to_indonesian(), "12,5");
        assert_eq!(CentiJp(222).to_indonesian(), "2,22");
        assert_eq!(CentiJp(5).to_indonesian(), "0,05");
        assert_eq!(
            [CentiJp(150), CentiJp(50)].into_iter().sum::<CentiJp>(),
            CentiJp(200)
        );
    }
}
