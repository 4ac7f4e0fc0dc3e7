//! The distribution curve: how a unit's predikat should spread given the unit's own result
//! (domain.md §1, likely). Departures are shown as warnings to whoever finalises ratings; they
//! never block a rating.
//!
//! Shares are compared in whole numbers (`count × 100 ≤ limit × total`), so 7 of 10 is exactly
//! 70 %.

use serde::{Deserialize, Serialize};

use super::predikat::Predikat;

/// The unit's organisational result for the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitResult {
    Istimewa,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

crate::string_enum!(UnitResult {
    Istimewa => "istimewa",
    Baik => "baik",
    ButuhPerbaikan => "butuh_perbaikan",
    Kurang => "kurang",
    SangatKurang => "sangat_kurang",
});

/// How many staff of a unit got each predikat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Distribution {
    pub sangat_baik: u32,
    pub baik: u32,
    pub butuh_perbaikan: u32,
    pub kurang: u32,
    pub sangat_kurang: u32,
}

impl Distribution {
    pub fn add(&mut self, p: Predikat) {
        match p {
            Predikat::SangatBaik => self.sangat_baik += 1,
            Predikat::Baik => self.baik += 1,
            Predikat::ButuhPerbaikan => self.butuh_perbaikan += 1,
            Predikat::Kurang => self.kurang += 1,
            Predikat::SangatKurang => self.sangat_kurang += 1,
        }
    }

    pub fn total(&self) -> u32 {
        self.sangat_baik + self.baik + self.butuh_perbaikan + self.kurang + self.sangat_kurang
    }
}

/// One departure from the curve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurveWarning {
    pub code: &'static str,
    pub message: &'static str,
}

fn at_most(count: u32, percent: u32, total: u32) -> bool {
    count * 100 <= percent * total
}

fn at_least(count: u32, percent: u32, total: u32) -> bool {
    count * 100 >= percent * total
}

/// The curve's rules the distribution breaks, for a unit whose result is `unit` (none for a
/// unit nobody has been rated in).
pub fn warnings(unit: UnitResult, d: Distribution) -> Vec<CurveWarning> {
    let n = d.total();
    if n == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut check = |ok: bool, code: &'static str, message: &'static str| {
        if !ok {
            out.push(CurveWarning { code, message });
        }
    };
    match unit {
        UnitResult::Istimewa => check(
            at_most(d.sangat_baik, 70, n),
            "too_many_sangat_baik",
            "at most 70 % Sangat Baik in an Istimewa unit",
        ),
        UnitResult::Baik => {
            check(
                at_most(d.baik, 70, n),
                "too_many_baik",
                "at most 70 % Baik in a Baik unit",
            );
            check(
                d.butuh_perbaikan + d.kurang >= 1,
                "none_below_baik",
                "a Baik unit has at least one Butuh Perbaikan or Kurang",
            );
        }
        UnitResult::ButuhPerbaikan => {
            check(
                at_least(d.butuh_perbaikan, 60, n),
                "too_few_butuh_perbaikan",
                "at least 60 % Butuh Perbaikan in a Butuh Perbaikan unit",
            );
            check(
                at_most(d.sangat_baik, 10, n),
                "too_many_sangat_baik",
                "at most 10 % Sangat Baik in a Butuh Perbaikan unit",
            );
        }
        UnitResult::Kurang => {
            check(
                at_least(d.kurang, 60, n),
                "too_few_kurang",
                "at least 60 % Kurang in a Kurang unit",
            );
            check(
                at_least(d.butuh_perbaikan, 10, n),
                "too_few_butuh_perbaikan",
                "at least 10 % Butuh Perbaikan in a Kurang unit",
            );
            check(
                at_most(d.sangat_baik, 10, n),
                "too_many_sangat_baik",
                "at most 10 % Sangat Baik in a Kurang unit",
            );
        }
        UnitResult::SangatKurang => {
            check(
                at_least(d.sangat_kurang, 60, n),
                "too_few_sangat_kurang",
                "at least 60 % Sangat Kurang in a Sangat Kurang unit",
            );
            check(
                at_least(d.kurang + d.butuh_perbaikan, 10, n),
                "too_few_kurang",
                "at least 10 % Kurang or Butuh Perbaikan in a Sangat Kurang unit",
            );
            check(
                d.sangat_baik == 0,
                "any_sangat_baik",
                "no Sangat Baik in a Sangat Kurang unit",
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(unit: UnitResult, d: Distribution) -> Vec<&'static str> {
        warnings(unit, d).into_iter().map(|w| w.code).collect()
    }

    fn dist(sb: u32, b: u32, bp: u32, k: u32, sk: u32) -> Distribution {
        Distribution {
            sangat_baik: sb,
            baik: b,
            butuh_perbaikan: bp,
            kurang: k,
            sangat_kurang: sk,
        }
    }

    #[test]
    fn an_empty_unit_breaks_nothing() {
        for u in UnitResult::ALL {
            assert!(warnings(*u, Distribution::default()).is_empty());
        }
    }

    #[test]
    fn istimewa_allows_exactly_seventy_percent_sangat_baik() {
        assert!(codes(UnitResult::Istimewa, dist(7, 3, 0, 0, 0)).is_empty());
        assert_eq!(
            codes(UnitResult::Istimewa, dist(8, 2, 0, 0, 0)),
            ["too_many_sangat_baik"]
        );
    }

    #[test]
    fn baik_needs_someone_below_and_at_most_seventy_percent_baik() {
        assert!(codes(UnitResult::Baik, dist(2, 7, 1, 0, 0)).is_empty());
        assert!(codes(UnitResult::Baik, dist(2, 7, 0, 1, 0)).is_empty());
        assert_eq!(
            codes(UnitResult::Baik, dist(1, 8, 1, 0, 0)),
            ["too_many_baik"]
        );
        assert_eq!(
            codes(UnitResult::Baik, dist(3, 7, 0, 0, 0)),
            ["none_below_baik"]
        );
    }

    #[test]
    fn butuh_perbaikan_boundaries() {
        assert!(codes(UnitResult::ButuhPerbaikan, dist(1, 3, 6, 0, 0)).is_empty());
        assert_eq!(
            codes(UnitResult::ButuhPerbaikan, dist(2, 3, 5, 0, 0)),
            ["too_few_butuh_perbaikan", "too_many_sangat_baik"]
        );
    }

    #[test]
    fn kurang_boundaries() {
        assert!(codes(UnitResult::Kurang, dist(1, 1, 1, 6, 1)).is_empty());
        assert_eq!(
            codes(UnitResult::Kurang, dist(2, 3, 0, 5, 0)),
            [
                "too_few_kurang",
                "too_few_butuh_perbaikan",
                "too_many_sangat_baik"
            ]
        );
    }

    #[test]
    fn sangat_kurang_boundaries() {
        assert!(codes(UnitResult::SangatKurang, dist(0, 3, 0, 1, 6)).is_empty());
        assert!(codes(UnitResult::SangatKurang, dist(0, 3, 1, 0, 6)).is_empty());
        assert_eq!(
            codes(UnitResult::SangatKurang, dist(1, 4, 0, 0, 5)),
            ["too_few_sangat_kurang", "too_few_kurang", "any_sangat_baik"]
        );
    }
}
