//! Periodic (quarterly) evaluation of an SKP: in each Triwulan the rater rates work results and
//! work behaviour on the three levels and the predikat of the quarter follows from the same
//! matrix as the year's (PermenPANRB 6/2022). The quarters inform the annual evaluation; they
//! do not add up to it.

use super::plan::parse_quarter;
use super::predikat::{Predikat, Rating, predikat};
use crate::error::{DomainError, Errors, FieldError};

/// Longest note of a periodic evaluation, in characters.
pub const MAX_NOTE: usize = 2000;

/// A valid periodic evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPeriodicRating {
    /// 1-4.
    pub quarter: i16,
    pub results: Rating,
    pub behaviour: Rating,
    /// Read from the matrix.
    pub predikat: Predikat,
    /// Trimmed; `None` when absent or blank.
    pub note: Option<String>,
}

impl NewPeriodicRating {
    /// Checks a quarterly evaluation; every missing or bad field is named (`quarter`,
    /// `results_rating`, `behaviour_rating`, `note`).
    pub fn parse(
        quarter: i64,
        results: Option<Rating>,
        behaviour: Option<Rating>,
        note: Option<&str>,
    ) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let q = match parse_quarter(quarter) {
            Ok(q) => q,
            Err(DomainError::Validation(v)) => {
                v.into_iter().for_each(|e| errors.push(e));
                0
            }
            Err(other) => return Err(other),
        };
        for (field, missing) in [
            ("results_rating", results.is_none()),
            ("behaviour_rating", behaviour.is_none()),
        ] {
            if missing {
                errors.push(FieldError::new(field, "required", "is required"));
            }
        }
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > MAX_NOTE) {
            errors.push(FieldError::new(
                "note",
                "too_long",
                format!("must be at most {MAX_NOTE} characters"),
            ));
        }
        errors.finish()?;
        let (Some(results), Some(behaviour)) = (results, behaviour) else {
            return Err(DomainError::Internal("ratings checked above".into()));
        };
        Ok(Self {
            quarter: q,
            results,
            behaviour,
            predikat: predikat(results, behaviour),
            note: note.map(str::to_owned),
        })
    }
}

/// The quarter's name on the form: 1 → "Triwulan I" … 4 → "Triwulan IV".
pub fn triwulan(quarter: i16) -> String {
    let roman = match quarter {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        _ => "?",
    };
    format!("Triwulan {roman}")
}

#[cfg(test)]
mod tests {
    use super::Rating::*;
    use super::*;

    fn fields(e: DomainError) -> Vec<(String, &'static str)> {
        match e {
            DomainError::Validation(v) => v.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn a_quarter_gets_the_matrixs_predikat() {
        let r = NewPeriodicRating::parse(2, Some(Above), Some(Above), Some("  Bagus  "))
            .expect("valid");
        assert_eq!(r.quarter, 2);
        assert_eq!(r.predikat, Predikat::SangatBaik);
        assert_eq!(r.note.as_deref(), Some("Bagus"));
        let r = NewPeriodicRating::parse(4, Some(Below), Some(AsExpected), Some(" ")).expect("ok");
        assert_eq!(r.predikat, Predikat::ButuhPerbaikan);
        assert_eq!(r.note, None);
    }

    #[test]
    fn every_problem_is_named() {
        let err = NewPeriodicRating::parse(5, None, None, Some(&"n".repeat(MAX_NOTE + 1)))
            .expect_err("invalid");
        assert_eq!(
            fields(err),
            [
                ("quarter".into(), "out_of_range"),
                ("results_rating".into(), "required"),
                ("behaviour_rating".into(), "required"),
                ("note".into(), "too_long"),
            ]
        );
        assert!(
            NewPeriodicRating::parse(1, Some(Above), Some(Below), Some(&"n".repeat(2000))).is_ok()
        );
    }

    #[test]
    fn quarters_are_named_in_roman_numerals() {
        let names: Vec<String> = (1..=4).map(triwulan).collect();
        assert_eq!(
            names,
            ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]
        );
    }
}
