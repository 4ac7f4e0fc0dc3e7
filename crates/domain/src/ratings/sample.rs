//! How many respondents a unit needs: Krejcie and Morgan's sample size for a finite population,
//! as PermenPANRB 14/2017 prescribes (domain.md §2):
//!
//! s = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)), with χ² = 3.841 (one degree of freedom, 95 %),
//! P = 0.5 and d = 0.05, rounded to the nearest whole respondent (N = 300 → 169, N = 500 → 217).

use serde::Serialize;

/// χ² for one degree of freedom at 95 % confidence.
pub const CHI_SQUARE: f64 = 3.841;
/// The assumed population proportion (the most conservative).
pub const PROPORTION: f64 = 0.5;
/// The margin of error.
pub const MARGIN: f64 = 0.05;

/// The Krejcie-Morgan sample size for a population of `population` people served (0 for 0).
pub fn required_sample(population: u64) -> u64 {
    if population == 0 {
        return 0;
    }
    let n = population as f64;
    let pq = PROPORTION * (1.0 - PROPORTION);
    let s = CHI_SQUARE * n * pq / (MARGIN * MARGIN * (n - 1.0) + CHI_SQUARE * pq);
    // Never more than the population, whatever the rounding.
    (s.round() as u64).min(population)
}

/// A unit's respondents against its sample size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SampleTarget {
    /// The people the unit serves in the period.
    pub population: u64,
    /// Respondents needed.
    pub required: u64,
    /// Whether the respondents counted reach it.
    pub reached: bool,
}

impl SampleTarget {
    pub fn of(population: u64, respondents: u64) -> Self {
        let required = required_sample(population);
        Self {
            population,
            required,
            reached: respondents >= required,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_regulations_examples() {
        assert_eq!(required_sample(300), 169);
        assert_eq!(required_sample(500), 217);
    }

    #[test]
    fn krejcie_and_morgans_published_table() {
        // Rows of the 1970 table.
        let table = [
            (10, 10),
            (15, 14),
            (50, 44),
            (100, 80),
            (200, 132),
            (1_000, 278),
            (2_000, 322),
            (5_000, 357),
            (10_000, 370),
            (75_000, 382),
            (1_000_000, 384),
        ];
        for (n, s) in table {
            assert_eq!(required_sample(n), s, "N = {n}");
        }
    }

    #[test]
    fn tiny_and_huge_populations() {
        assert_eq!(required_sample(0), 0);
        // Everyone, when there is one person.
        assert_eq!(required_sample(1), 1);
        assert_eq!(required_sample(2), 2);
        // 9.77 → 10: all ten.
        assert_eq!(required_sample(10), 10);
        // The limit χ²·P(1−P) / d² = 384.16.
        assert_eq!(required_sample(1_000_000), 384);
        assert_eq!(required_sample(u64::from(u32::MAX)), 384);
        for n in 1..2_000 {
            assert!(required_sample(n) <= n, "{n}");
        }
    }

    #[test]
    fn the_target_is_reached_at_the_required_count() {
        let t = SampleTarget::of(300, 168);
        assert_eq!((t.population, t.required, t.reached), (300, 169, false));
        assert!(SampleTarget::of(300, 169).reached);
        assert!(SampleTarget::of(0, 0).reached);
    }
}
