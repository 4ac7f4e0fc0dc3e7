//! Rank and grade: golongan/ruang for PNS (`III/a`), golongan `I`–`XVII` for PPPK.

use std::fmt;

use super::employee::EmploymentType;
use crate::error::FieldError;

const ROMAN: [&str; 17] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII",
];

/// A rank valid for its employment type, kept in its canonical spelling (`III/a`, `IX`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rank(String);

impl Rank {
    /// Parses a rank, case-insensitively for the letter and the roman numeral.
    pub fn parse(raw: &str, kind: EmploymentType) -> Result<Self, FieldError> {
        let norm = raw.trim().to_ascii_uppercase().replace(' ', "");
        let ok = match kind {
            EmploymentType::Pns => match norm.split_once('/') {
                Some((g, r)) => {
                    let max = match g {
                        "I" | "II" | "III" => 'D',
                        "IV" => 'E',
                        _ => 'A',
                    };
                    ["I", "II", "III", "IV"].contains(&g)
                        && r.len() == 1
                        && ('A'..=max).contains(&r.chars().next().unwrap_or('Z'))
                }
                None => false,
            },
            EmploymentType::Pppk => ROMAN.contains(&norm.as_str()),
        };
        if !ok {
            let expected = match kind {
                EmploymentType::Pns => "a PNS golongan/ruang such as III/a (I/a-IV/e)",
                EmploymentType::Pppk => "a PPPK golongan from I to XVII",
            };
            return Err(FieldError::new(
                "rank",
                "invalid_rank",
                format!("must be {expected}"),
            ));
        }
        let canonical = match norm.split_once('/') {
            Some((g, r)) => format!("{g}/{}", r.to_ascii_lowercase()),
            None => norm,
        };
        Ok(Self(canonical))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pns_ranks_are_golongan_slash_ruang_in_canonical_spelling() {
        assert_eq!(
            Rank::parse("iii/A", EmploymentType::Pns).map(|r| r.0),
            Ok("III/a".to_owned())
        );
        assert_eq!(
            Rank::parse("IV/e", EmploymentType::Pns).map(|r| r.0),
            Ok("IV/e".to_owned())
        );
        for bad in ["III/e", "V/a", "IV/f", "III", "", "III/ab"] {
            assert!(Rank::parse(bad, EmploymentType::Pns).is_err(), "{bad}");
        }
    }

    #[test]
    fn pppk_ranks_are_roman_numerals_one_to_seventeen() {
        assert_eq!(
            Rank::parse("ix", EmploymentType::Pppk).map(|r| r.0),
            Ok("IX".to_owned())
        );
        assert!(Rank::parse("XVIII", EmploymentType::Pppk).is_err());
        assert!(Rank::parse("III/a", EmploymentType::Pppk).is_err());
    }
}
