//! A year's rating as kept in the appraisal history: from a plan finalised in Pembina, or from
//! an earlier system (imported by NIP). The history feeds the unit's distribution against its
//! curve, the credit of functional posts and the before/after view of training (Kirkpatrick
//! level 4).

use serde::{Deserialize, Serialize};

use super::curve::Distribution;
use super::plan::parse_year;
use super::predikat::{Predikat, Rating, predikat};
use crate::error::{DomainError, FieldError};

/// Where a year's rating came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingSource {
    /// A plan finalised in Pembina.
    Skp,
    /// Imported from an earlier system.
    Import,
}

crate::string_enum!(RatingSource {
    Skp => "skp",
    Import => "import",
});

/// An imported year's rating, as read (spreadsheet values are strings).
#[derive(Debug, Clone, Default)]
pub struct PastRatingInput<'a> {
    pub year: Option<&'a str>,
    pub predikat: Option<&'a str>,
    pub results_rating: Option<&'a str>,
    pub behaviour_rating: Option<&'a str>,
    pub months: Option<&'a str>,
}

/// A checked year's rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastRating {
    pub year: i32,
    pub predikat: Predikat,
    pub results_rating: Option<Rating>,
    pub behaviour_rating: Option<Rating>,
    /// Months of the year the rating covers (1–12).
    pub months: i16,
}

/// Reads a predikat written as stored (`sangat_baik`) or as the regulation labels it
/// (`Sangat Baik`, `Kurang/Misconduct`), in any case.
pub fn parse_predikat(field: &str, s: &str) -> Result<Predikat, FieldError> {
    let norm = normalise(s);
    let norm = norm.strip_suffix("/misconduct").unwrap_or(&norm);
    Predikat::ALL
        .iter()
        .copied()
        .find(|p| p.as_str() == norm)
        .ok_or_else(|| {
            FieldError::new(
                field,
                "unknown_value",
                "must be one of sangat_baik, baik, butuh_perbaikan, kurang, sangat_kurang (or the labels Sangat Baik … Sangat Kurang)",
            )
        })
}

/// Reads a three-level rating written as stored (`as_expected`) or in the regulation's words
/// (`Sesuai Ekspektasi`, `di atas`, `di bawah`).
pub fn parse_rating(field: &str, s: &str) -> Result<Rating, FieldError> {
    let norm = normalise(s);
    let norm = norm.strip_suffix("_ekspektasi").unwrap_or(&norm);
    match norm {
        "above" | "di_atas" => Ok(Rating::Above),
        "as_expected" | "sesuai" => Ok(Rating::AsExpected),
        "below" | "di_bawah" => Ok(Rating::Below),
        _ => Err(FieldError::new(
            field,
            "unknown_value",
            "must be above, as_expected or below (or Di Atas, Sesuai, Di Bawah Ekspektasi)",
        )),
    }
}

fn normalise(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
}

impl PastRating {
    /// Checks an imported rating: a year Pembina accepts, a predikat, optionally both ratings
    /// (then the predikat must be the matrix's for them; one rating without the other is
    /// refused) and the months covered (default 12).
    pub fn parse(input: PastRatingInput<'_>) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let year = match input.year.map(str::trim) {
            None | Some("") => {
                errors.push(FieldError::new("year", "required", "is required"));
                None
            }
            Some(y) => match y.parse::<i64>() {
                Ok(y) => match parse_year(y) {
                    Ok(y) => Some(y),
                    Err(DomainError::Validation(mut f)) => {
                        errors.append(&mut f);
                        None
                    }
                    Err(e) => return Err(e),
                },
                Err(_) => {
                    errors.push(FieldError::new(
                        "year",
                        "invalid_value",
                        "must be a year such as 2025",
                    ));
                    None
                }
            },
        };
        let predikat_given = match input.predikat.map(str::trim) {
            None | Some("") => {
                errors.push(FieldError::new("predikat", "required", "is required"));
                None
            }
            Some(p) => match parse_predikat("predikat", p) {
                Ok(p) => Some(p),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        };
        let mut rating = |field: &str, v: Option<&str>| match v.map(str::trim) {
            None | Some("") => None,
            Some(v) => match parse_rating(field, v) {
                Ok(r) => Some(r),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        };
        let results_rating = rating("results_rating", input.results_rating);
        let behaviour_rating = rating("behaviour_rating", input.behaviour_rating);
        let results_given = input.results_rating.is_some_and(|v| !v.trim().is_empty());
        let behaviour_given = input.behaviour_rating.is_some_and(|v| !v.trim().is_empty());
        if results_given != behaviour_given {
            let missing = if results_given {
                "behaviour_rating"
            } else {
                "results_rating"
            };
            errors.push(FieldError::new(
                missing,
                "required",
                "give both ratings or neither",
            ));
        }
        if let (Some(p), Some(r), Some(b)) = (predikat_given, results_rating, behaviour_rating) {
            let expected = predikat(r, b);
            if expected != p {
                errors.push(FieldError::new(
                    "predikat",
                    "inconsistent",
                    format!(
                        "the matrix gives {} for these ratings, not {}",
                        expected.as_str(),
                        p.as_str()
                    ),
                ));
            }
        }
        let months = match input.months.map(str::trim) {
            None | Some("") => Some(12),
            Some(m) => match m.parse::<i16>() {
                Ok(m) if (1..=12).contains(&m) => Some(m),
                _ => {
                    errors.push(FieldError::new(
                        "months",
                        "out_of_range",
                        "must be a whole number from 1 to 12",
                    ));
                    None
                }
            },
        };
        match (year, predikat_given, months) {
            (Some(year), Some(predikat), Some(months)) if errors.is_empty() => Ok(Self {
                year,
                predikat,
                results_rating,
                behaviour_rating,
                months,
            }),
            _ => Err(DomainError::Validation(errors)),
        }
    }
}

/// A group's ratings summarised for comparison (before/after a training, trained/untrained).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RatingSummary {
    pub distribution: Distribution,
    /// How many were rated Baik or Sangat Baik.
    pub at_least_baik: u32,
}

impl RatingSummary {
    pub fn of(predikats: impl IntoIterator<Item = Predikat>) -> Self {
        let mut s = Self::default();
        for p in predikats {
            s.distribution.add(p);
            if matches!(p, Predikat::SangatBaik | Predikat::Baik) {
                s.at_least_baik += 1;
            }
        }
        s
    }

    pub fn rated(&self) -> u32 {
        self.distribution.total()
    }

    /// The share rated Baik or better, in percent to one decimal (none for nobody rated).
    pub fn share_at_least_baik(&self) -> Option<f64> {
        percent_1dp(self.at_least_baik, self.rated())
    }
}

/// `part / whole` in percent, rounded half up to one decimal; none when `whole` is 0.
pub fn percent_1dp(part: u32, whole: u32) -> Option<f64> {
    if whole == 0 {
        return None;
    }
    // Tenths of a percent, rounded half up in integers.
    let tenths = (u64::from(part) * 2000 + u64::from(whole)) / (2 * u64::from(whole));
    Some(tenths as f64 / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(year: &'a str, p: &'a str) -> PastRatingInput<'a> {
        PastRatingInput {
            year: Some(year),
            predikat: Some(p),
            ..Default::default()
        }
    }

    fn fields(e: DomainError) -> Vec<(String, String)> {
        match e {
            DomainError::Validation(f) => f
                .into_iter()
                .map(|f| (f.field, f.code.to_owned()))
                .collect(),
            other => panic!("expected validation, got {other:?}"),
        }
    }

    #[test]
    fn predikat_reads_codes_and_labels() {
        for (s, p) in [
            ("sangat_baik", Predikat::SangatBaik),
            ("Sangat Baik", Predikat::SangatBaik),
            ("  BAIK ", Predikat::Baik),
            ("Butuh Perbaikan", Predikat::ButuhPerbaikan),
            ("Kurang/Misconduct", Predikat::Kurang),
            ("kurang", Predikat::Kurang),
            ("Sangat   Kurang", Predikat::SangatKurang),
        ] {
            assert_eq!(parse_predikat("predikat", s), Ok(p), "{s}");
        }
        assert_eq!(
            parse_predikat("predikat", "istimewa")
                .expect_err("invalid")
                .code,
            "unknown_value"
        );
    }

    #[test]
    fn ratings_read_codes_and_the_regulations_words() {
        for (s, r) in [
            ("above", Rating::Above),
            ("Di Atas Ekspektasi", Rating::Above),
            ("di atas", Rating::Above),
            ("Sesuai Ekspektasi", Rating::AsExpected),
            ("as_expected", Rating::AsExpected),
            ("DI BAWAH EKSPEKTASI", Rating::Below),
        ] {
            assert_eq!(parse_rating("r", s), Ok(r), "{s}");
        }
        assert!(parse_rating("r", "good").is_err());
    }

    #[test]
    fn a_bare_predikat_covers_twelve_months() {
        let r = PastRating::parse(input("2025", "Baik")).expect("valid");
        assert_eq!(
            r,
            PastRating {
                year: 2025,
                predikat: Predikat::Baik,
                results_rating: None,
                behaviour_rating: None,
                months: 12
            }
        );
    }

    #[test]
    fn both_ratings_must_agree_with_the_matrix() {
        let ok = PastRating::parse(PastRatingInput {
            results_rating: Some("Di Atas Ekspektasi"),
            behaviour_rating: Some("Di Atas Ekspektasi"),
            months: Some("6"),
            ..input("2024", "Sangat Baik")
        })
        .expect("valid");
        assert_eq!(ok.results_rating, Some(Rating::Above));
        assert_eq!(ok.months, 6);
        let bad = PastRating::parse(PastRatingInput {
            results_rating: Some("below"),
            behaviour_rating: Some("below"),
            ..input("2024", "baik")
        })
        .expect_err("invalid");
        assert_eq!(fields(bad), [("predikat".into(), "inconsistent".into())]);
    }

    #[test]
    fn one_rating_without_the_other_is_refused() {
        let e = PastRating::parse(PastRatingInput {
            results_rating: Some("above"),
            ..input("2024", "baik")
        })
        .expect_err("invalid");
        assert_eq!(fields(e), [("behaviour_rating".into(), "required".into())]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let e = PastRating::parse(PastRatingInput {
            year: Some("20x5"),
            predikat: Some("great"),
            results_rating: Some("up"),
            behaviour_rating: Some("above"),
            months: Some("13"),
        })
        .expect_err("invalid");
        let got = fields(e);
        for want in [
            ("year", "invalid_value"),
            ("predikat", "unknown_value"),
            ("results_rating", "unknown_value"),
            ("months", "out_of_range"),
        ] {
            assert!(
                got.contains(&(want.0.into(), want.1.into())),
                "{want:?} in {got:?}"
            );
        }
        let e = PastRating::parse(PastRatingInput::default()).expect_err("invalid");
        assert_eq!(
            fields(e),
            [
                ("year".into(), "required".into()),
                ("predikat".into(), "required".into())
            ]
        );
        for m in ["0", "-1", "1.5"] {
            assert!(
                PastRating::parse(PastRatingInput {
                    months: Some(m),
                    ..input("2025", "baik")
                })
                .is_err(),
                "{m}"
            );
        }
    }

    #[test]
    fn year_bounds_are_the_plans() {
        assert!(PastRating::parse(input("1999", "baik")).is_err());
        assert!(PastRating::parse(input("2025", "baik")).is_ok());
    }

    #[test]
    fn summary_counts_and_rounds_half_up() {
        let s = RatingSummary::of([
            Predikat::SangatBaik,
            Predikat::Baik,
            Predikat::ButuhPerbaikan,
        ]);
        assert_eq!(s.rated(), 3);
        assert_eq!(s.at_least_baik, 2);
        assert_eq!(s.share_at_least_baik(), Some(66.7));
        assert_eq!(RatingSummary::default().share_at_least_baik(), None);
        assert_eq!(percent_1dp(1, 8), Some(12.5));
        assert_eq!(percent_1dp(1, 3), Some(33.3));
        assert_eq!(percent_1dp(1, 16), Some(6.3)); // 6.25 rounds up
        assert_eq!(percent_1dp(0, 5), Some(0.0));
        assert_eq!(percent_1dp(5, 5), Some(100.0));
    }
}
