//! Yearly credit (angka kredit) of functional posts from the predikat (PermenPANRB 1/2023):
//! coefficient × percentage (Sangat Baik 150 %, Baik 100 %, Butuh Perbaikan 75 %, Kurang 50 %,
//! Sangat Kurang 25 %), pro-rated by the months served in the rated period.
//!
//! Amounts are kept in thousandths so that, e.g., 2/12 × 12.5 = 2.083 is exact to the unit shown
//! and rounding happens once, half up, at the end.

use serde::{Deserialize, Serialize};

use super::predikat::Predikat;
use crate::error::FieldError;
use crate::org::FunctionalLevel;

/// A credit amount in thousandths: `Credit(2083)` is 2.083.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Credit(pub i64);

impl Credit {
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// Parses a coefficient such as 12.5: positive, at most 1000, at most three decimals.
    pub fn parse(field: &str, value: f64) -> Result<Self, FieldError> {
        if !value.is_finite() || value <= 0.0 || value > 1000.0 {
            return Err(FieldError::new(
                field,
                "out_of_range",
                "must be more than 0 and at most 1000",
            ));
        }
        let milli = (value * 1000.0).round();
        if (value * 1000.0 - milli).abs() > 1e-6 {
            return Err(FieldError::new(
                field,
                "too_precise",
                "must have at most three decimals",
            ));
        }
        Ok(Self(milli as i64))
    }
}

/// The yearly coefficient of a functional level (PermenPANRB 1/2023): keahlian (expert) levels
/// Ahli Utama 50, Ahli Madya 37.5, Ahli Muda 25, Ahli Pertama 12.5; keterampilan (skill) levels
/// Penyelia 25, Mahir 12.5, Terampil 5, Pemula 3.75.
pub fn default_coefficient(level: FunctionalLevel) -> Credit {
    match level {
        FunctionalLevel::AhliUtama => Credit(50_000),
        FunctionalLevel::AhliMadya => Credit(37_500),
        FunctionalLevel::AhliMuda => Credit(25_000),
        FunctionalLevel::AhliPertama => Credit(12_500),
        FunctionalLevel::Penyelia => Credit(25_000),
        FunctionalLevel::Mahir => Credit(12_500),
        FunctionalLevel::Terampil => Credit(5_000),
        FunctionalLevel::Pemula => Credit(3_750),
    }
}

/// The credit a functional post earns for a rated year: its inputs and the amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCredit {
    pub coefficient: Credit,
    pub percent: i64,
    pub months: u8,
    pub amount: Credit,
}

/// The credit of a whole year (12 months) at `level`'s default coefficient with `predikat`.
pub fn year_credit(level: FunctionalLevel, predikat: Predikat) -> YearCredit {
    let coefficient = default_coefficient(level);
    let months = 12;
    YearCredit {
        coefficient,
        percent: percent(predikat),
        months,
        // 12 months is always in range.
        amount: credit(coefficient, predikat, months).unwrap_or_default(),
    }
}

/// The percentage of the coefficient each predikat earns.
pub fn percent(p: Predikat) -> i64 {
    match p {
        Predikat::SangatBaik => 150,
        Predikat::Baik => 100,
        Predikat::ButuhPerbaikan => 75,
        Predikat::Kurang => 50,
        Predikat::SangatKurang => 25,
    }
}

/// The credit earned for `months` (1–12) in a year with `predikat`, given the post's yearly
/// `coefficient`.
pub fn credit(coefficient: Credit, predikat: Predikat, months: u8) -> Result<Credit, FieldError> {
    if !(1..=12).contains(&months) {
        return Err(FieldError::new(
            "months",
            "out_of_range",
            "must be from 1 to 12",
        ));
    }
    // coefficient × percent / 100 × months / 12, rounded half up.
    let num = coefficient.0 * percent(predikat) * i64::from(months);
    let den = 100 * 12;
    Ok(Credit((num * 2 + den) / (2 * den)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_regulations_example() {
        // Coefficient 12.5, Baik for 2 months → 2/12 × 12.5 = 2.083.
        let c = credit(Credit(12_500), Predikat::Baik, 2).expect("credit");
        assert_eq!(c, Credit(2083));
        assert!((c.as_f64() - 2.083).abs() < 1e-9);
    }

    #[test]
    fn every_predikat_for_a_full_year() {
        let k = Credit(12_500);
        let got: Vec<i64> = [
            Predikat::SangatBaik,
            Predikat::Baik,
            Predikat::ButuhPerbaikan,
            Predikat::Kurang,
            Predikat::SangatKurang,
        ]
        .iter()
        .map(|p| credit(k, *p, 12).expect("credit").0)
        .collect();
        assert_eq!(got, [18_750, 12_500, 9_375, 6_250, 3_125]);
    }

    #[test]
    fn rounding_is_half_up_once() {
        // 1 month of 0.005 at 100 % = 0.000416… → 0.000; of 0.006 → 0.0005 → 0.001.
        assert_eq!(
            credit(Credit(5), Predikat::Baik, 1).expect("credit"),
            Credit(0)
        );
        assert_eq!(
            credit(Credit(6), Predikat::Baik, 1).expect("credit"),
            Credit(1)
        );
        // 25 % of 37.5 for 7 months = 5.46875 → 5.469.
        assert_eq!(
            credit(Credit(37_500), Predikat::SangatKurang, 7).expect("credit"),
            Credit(5_469)
        );
    }

    #[test]
    fn every_level_has_the_regulations_coefficient() {
        use FunctionalLevel::*;
        let table = [
            (AhliUtama, 50_000),
            (AhliMadya, 37_500),
            (AhliMuda, 25_000),
            (AhliPertama, 12_500),
            (Penyelia, 25_000),
            (Mahir, 12_500),
            (Terampil, 5_000),
            (Pemula, 3_750),
        ];
        assert_eq!(table.len(), FunctionalLevel::ALL.len());
        for (level, milli) in table {
            assert_eq!(default_coefficient(level), Credit(milli), "{level}");
        }
        assert!((default_coefficient(AhliMadya).as_f64() - 37.5).abs() < 1e-9);
        assert!((default_coefficient(Pemula).as_f64() - 3.75).abs() < 1e-9);
    }

    #[test]
    fn a_rated_year_of_a_functional_post() {
        let c = year_credit(FunctionalLevel::AhliPertama, Predikat::SangatBaik);
        assert_eq!(
            c,
            YearCredit {
                coefficient: Credit(12_500),
                percent: 150,
                months: 12,
                amount: Credit(18_750),
            }
        );
        assert_eq!(
            year_credit(FunctionalLevel::Pemula, Predikat::ButuhPerbaikan).amount,
            Credit(2_813)
        );
        assert_eq!(
            year_credit(FunctionalLevel::AhliUtama, Predikat::Baik).amount,
            Credit(50_000)
        );
    }

    #[test]
    fn months_and_coefficients_are_checked() {
        assert!(credit(Credit(12_500), Predikat::Baik, 0).is_err());
        assert!(credit(Credit(12_500), Predikat::Baik, 13).is_err());
        assert_eq!(Credit::parse("coefficient", 12.5), Ok(Credit(12_500)));
        assert_eq!(
            Credit::parse("coefficient", 12.5005)
                .expect_err("precise")
                .code,
            "too_precise"
        );
        assert_eq!(
            Credit::parse("coefficient", 0.0).expect_err("zero").code,
            "out_of_range"
        );
    }
}
