//! Reporting periods of the index: a year (`2026`), a semester (`2026-S1`), a quarter
//! (`2026-Q3`), a month (`2026-07`), or custom dates. Dates are the province's calendar (WIB,
//! UTC+7): a rating given at 23:30 WIB on 30 June belongs to June and the first semester.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

use crate::error::{DomainError, Errors, FieldError};
use crate::learning::jp::province_date;

/// The longest custom range, in years.
pub const MAX_YEARS: u32 = 5;
/// Years accepted in periods.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

/// WIB is UTC+7 all year.
const WIB_OFFSET_HOURS: i64 = 7;

/// An inclusive range of calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

fn period_error() -> FieldError {
    FieldError::new(
        "period",
        "invalid_period",
        format!(
            "must be a year (2026), semester (2026-S1), quarter (2026-Q3) or month (2026-07), \
             years {FIRST_YEAR}-{LAST_YEAR}"
        ),
    )
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, FieldError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(period_error)
}

/// The last day of month `m` of `y`.
fn month_end(y: i32, m: u32) -> Result<NaiveDate, FieldError> {
    let first = date(y, m, 1)?;
    first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .ok_or_else(period_error)
}

impl DateRange {
    /// Months `first..=last` of year `y`.
    fn months(y: i32, first: u32, last: u32) -> Result<Self, FieldError> {
        Ok(Self {
            from: date(y, first, 1)?,
            to: month_end(y, last)?,
        })
    }

    /// The whole year `y`.
    pub fn year(y: i32) -> Result<Self, FieldError> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&y) {
            return Err(FieldError::new(
                "year",
                "out_of_range",
                format!("must be a year from {FIRST_YEAR} to {LAST_YEAR}"),
            ));
        }
        Self::months(y, 1, 12)
    }

    /// Reads `2026`, `2026-S1`/`S2`, `2026-Q1`..`Q4` or `2026-01`..`2026-12` (letters in
    /// either case). Errors name the field `period`.
    pub fn parse_period(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        let (year, rest) = match raw.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (raw, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(period_error());
        }
        let y: i32 = year.parse().map_err(|_| period_error())?;
        if !(FIRST_YEAR..=LAST_YEAR).contains(&y) {
            return Err(period_error());
        }
        let Some(rest) = rest else {
            return Self::months(y, 1, 12);
        };
        let upper = rest.to_ascii_uppercase();
        let number = |s: &str, max: u32| -> Result<u32, FieldError> {
            match s.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) && s.len() == 1 => Ok(n),
                _ => Err(period_error()),
            }
        };
        if let Some(s) = upper.strip_prefix('S') {
            let s = number(s, 2)?;
            return Self::months(y, 6 * s - 5, 6 * s);
        }
        if let Some(q) = upper.strip_prefix('Q') {
            let q = number(q, 4)?;
            return Self::months(y, 3 * q - 2, 3 * q);
        }
        if upper.len() == 2 && upper.bytes().all(|b| b.is_ascii_digit()) {
            let m: u32 = upper.parse().map_err(|_| period_error())?;
            if (1..=12).contains(&m) {
                return Self::months(y, m, m);
            }
        }
        Err(period_error())
    }

    /// A custom range: `from` ≤ `to`, at most five years long (2022-01-01 to 2026-12-31 is the
    /// longest from 2022-01-01).
    pub fn custom(from: NaiveDate, to: NaiveDate) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        for (field, d) in [("from", from), ("to", to)] {
            if !(FIRST_YEAR..=LAST_YEAR).contains(&d.year()) {
                errors.push(FieldError::new(
                    field,
                    "out_of_range",
                    format!("must be a date from {FIRST_YEAR} to {LAST_YEAR}"),
                ));
            }
        }
        if to < from {
            errors.push(FieldError::new(
                "to",
                "before_from",
                "must not be before from",
            ));
        } else if from
            .checked_add_months(Months::new(12 * MAX_YEARS))
            .is_none_or(|limit| to >= limit)
        {
            errors.push(FieldError::new(
                "to",
                "range_too_long",
                format!("the range may cover at most {MAX_YEARS} years"),
            ));
        }
        errors.finish()?;
        Ok(Self { from, to })
    }

    /// The period asked for by query parameters: `period`, or both `from` and `to`; neither
    /// gives the current year (by `today`); `period` together with dates is refused.
    pub fn resolve(
        period: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Self, DomainError> {
        match (period, from, to) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Err(DomainError::field(
                "period",
                "conflicting_period",
                "give either period or from and to, not both",
            )),
            (Some(p), None, None) => {
                Self::parse_period(p).map_err(|e| DomainError::Validation(vec![e]))
            }
            (None, Some(f), Some(t)) => Self::custom(f, t),
            (None, Some(_), None) => Err(DomainError::field(
                "to",
                "required",
                "is required with from",
            )),
            (None, None, Some(_)) => Err(DomainError::field(
                "from",
                "required",
                "is required with to",
            )),
            (None, None, None) => {
                Self::year(today.year()).map_err(|e| DomainError::Validation(vec![e]))
            }
        }
    }

    /// The twelve months up to and including `today`: the public page's current period.
    pub fn trailing_year(today: NaiveDate) -> Self {
        let from = today
            .checked_sub_months(Months::new(12))
            .and_then(|d| d.checked_add_days(Days::new(1)))
            .unwrap_or(today);
        Self { from, to: today }
    }

    /// The same range twelve months earlier (for a trend against the previous period).
    pub fn year_before(&self) -> Self {
        let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
        Self {
            from: back(self.from),
            to: back(self.to),
        }
    }

    /// The half-open span of instants `[start of from, end of to)` in WIB, for queries.
    pub fn instants(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = |d: NaiveDate| {
            d.and_time(NaiveTime::MIN).and_utc() - chrono::Duration::hours(WIB_OFFSET_HOURS)
        };
        let end = self.to.succ_opt().unwrap_or(self.to);
        (start(self.from), start(end))
    }
}

/// The month of an instant in the province's calendar, as `YYYYMM` (202607 for July 2026):
/// stored with each rating so that monthly trends group by a plain integer on every database.
pub fn month_key(at: DateTime<Utc>) -> i32 {
    let d = province_date(at);
    d.year() * 100 + d.month() as i32
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn range(from: NaiveDate, to: NaiveDate) -> DateRange {
        DateRange { from, to }
    }

    #[test]
    fn years_semesters_quarters_and_months() {
        let cases = [
            ("2026", d(2026, 1, 1), d(2026, 12, 31)),
            ("2026-S1", d(2026, 1, 1), d(2026, 6, 30)),
            ("2026-s2", d(2026, 7, 1), d(2026, 12, 31)),
            ("2026-Q1", d(2026, 1, 1), d(2026, 3, 31)),
            ("2026-Q3", d(2026, 7, 1), d(2026, 9, 30)),
            ("2026-q4", d(2026, 10, 1), d(2026, 12, 31)),
            ("2026-07", d(2026, 7, 1), d(2026, 7, 31)),
            ("2028-02", d(2028, 2, 1), d(2028, 2, 29)),
            ("2026-02", d(2026, 2, 1), d(2026, 2, 28)),
            (" 2026-12 ", d(2026, 12, 1), d(2026, 12, 31)),
        ];
        for (raw, from, to) in cases {
            assert_eq!(DateRange::parse_period(raw), Ok(range(from, to)), "{raw}");
        }
    }

    #[test]
    fn malformed_periods_are_refused_as_period() {
        for bad in [
            "",
            "26",
            "20266",
            "2026-",
            "2026-S0",
            "2026-S3",
            "2026-Q0",
            "2026-Q5",
            "2026-Q12",
            "2026-13",
            "2026-00",
            "2026-7",
            "2026-H1",
            "1999",
            "2101",
            "2026-07-01",
            "abcd",
        ] {
            let e = DateRange::parse_period(bad).expect_err(bad);
            assert_eq!(
                (e.field.as_str(), e.code),
                ("period", "invalid_period"),
                "{bad}"
            );
        }
    }

    #[test]
    fn custom_ranges_run_forward_for_at_most_five_years() {
        assert_eq!(
            DateRange::custom(d(2026, 3, 1), d(2026, 3, 1)).ok(),
            Some(range(d(2026, 3, 1), d(2026, 3, 1)))
        );
        assert!(DateRange::custom(d(2022, 1, 1), d(2026, 12, 31)).is_ok());
        let code = |r: Result<DateRange, DomainError>| match r {
            Err(DomainError::Validation(v)) => (v[0].field.clone(), v[0].code),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            code(DateRange::custom(d(2022, 1, 1), d(2027, 1, 1))),
            ("to".into(), "range_too_long")
        );
        assert_eq!(
            code(DateRange::custom(d(2026, 3, 2), d(2026, 3, 1))),
            ("to".into(), "before_from")
        );
        assert_eq!(
            code(DateRange::custom(d(1999, 12, 31), d(2000, 1, 5))),
            ("from".into(), "out_of_range")
        );
    }

    #[test]
    fn query_parameters_resolve_to_one_range() {
        let today = d(2026, 8, 17);
        let r = |p: Option<&str>, f: Option<NaiveDate>, t: Option<NaiveDate>| {
            DateRange::resolve(p, f, t, today)
        };
        assert_eq!(
            r(None, None, None).ok(),
            Some(range(d(2026, 1, 1), d(2026, 12, 31)))
        );
        assert_eq!(
            r(Some("2025-Q2"), None, None).ok(),
            Some(range(d(2025, 4, 1), d(2025, 6, 30)))
        );
        assert_eq!(
            r(None, Some(d(2026, 1, 5)), Some(d(2026, 2, 5))).ok(),
            Some(range(d(2026, 1, 5), d(2026, 2, 5)))
        );
        let field = |res: Result<DateRange, DomainError>| match res {
            Err(DomainError::Validation(v)) => (v[0].field.clone(), v[0].code),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(r(Some("2026"), Some(today), None)),
            ("period".into(), "conflicting_period")
        );
        assert_eq!(field(r(None, Some(today), None)), ("to".into(), "required"));
        assert_eq!(
            field(r(None, None, Some(today))),
            ("from".into(), "required")
        );
        assert_eq!(
            field(r(Some("2026-Q9"), None, None)),
            ("period".into(), "invalid_period")
        );
    }

    #[test]
    fn days_start_and_end_at_midnight_wib() {
        let (start, end) = DateRange::parse_period("2026-07")
            .expect("valid")
            .instants();
        // 1 July 00:00 WIB is 30 June 17:00 UTC; the range ends where August begins.
        assert_eq!(
            start,
            Utc.with_ymd_and_hms(2026, 6, 30, 17, 0, 0)
                .single()
                .expect("t")
        );
        assert_eq!(
            end,
            Utc.with_ymd_and_hms(2026, 7, 31, 17, 0, 0)
                .single()
                .expect("t")
        );
    }

    #[test]
    fn months_are_keyed_in_wib() {
        let late_june_utc = Utc
            .with_ymd_and_hms(2026, 6, 30, 16, 59, 59)
            .single()
            .expect("t");
        assert_eq!(month_key(late_june_utc), 202606);
        let july_in_wib = Utc
            .with_ymd_and_hms(2026, 6, 30, 17, 0, 0)
            .single()
            .expect("t");
        assert_eq!(month_key(july_in_wib), 202607);
    }

    #[test]
    fn the_public_page_looks_at_the_last_twelve_months_and_the_twelve_before() {
        let cur = DateRange::trailing_year(d(2026, 8, 17));
        assert_eq!(cur, range(d(2025, 8, 18), d(2026, 8, 17)));
        assert_eq!(cur.year_before(), range(d(2024, 8, 18), d(2025, 8, 17)));
        let leap = DateRange::trailing_year(d(2028, 2, 29));
        assert_eq!(leap, range(d(2027, 3, 1), d(2028, 2, 29)));
    }

    #[test]
    fn whole_years_are_bounded() {
        assert!(DateRange::year(2026).is_ok());
        assert_eq!(
            DateRange::year(1999).map_err(|e| e.code),
            Err("out_of_range")
        );
    }
}
