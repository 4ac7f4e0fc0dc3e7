//! Waiting times (minutes from arrival to being served): the median and the 90th percentile.
//!
//! Methods, chosen so that a reader can check them by hand:
//! - **median**: the middle value of the sorted minutes; with an even count, the mean of the two
//!   middle values (so it may end in .5);
//! - **90th percentile**: nearest rank — the value at rank ⌈0.9 · n⌉ of the sorted minutes
//!   (1-based), always a value that occurred; "90 % waited at most this long".
//!
//! Minutes are whole numbers from 0 to [`MAX_WAITING_MINUTES`], so the database can hand over a
//! histogram (minutes → count) instead of every row: [`WaitingTimes::from_histogram`] gives the
//! same answer as [`WaitingTimes::from_minutes`] on the rows it summarises.

use serde::Serialize;

/// The longest waiting time accepted: one day.
pub const MAX_WAITING_MINUTES: i64 = 1440;

/// The median and 90th percentile of a set of waiting times.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WaitingTimes {
    /// How many waiting times were given.
    pub count: u64,
    pub median: f64,
    pub p90: u32,
}

impl WaitingTimes {
    /// From individual waiting times; `None` for none.
    pub fn from_minutes(minutes: &[u32]) -> Option<Self> {
        let mut hist: Vec<(u32, u64)> = Vec::new();
        let mut sorted = minutes.to_vec();
        sorted.sort_unstable();
        for m in sorted {
            match hist.last_mut() {
                Some((v, n)) if *v == m => *n += 1,
                _ => hist.push((m, 1)),
            }
        }
        Self::from_histogram(&hist)
    }

    /// From `(minutes, how many)` pairs in any order (pairs with a count of 0 are ignored).
    pub fn from_histogram(pairs: &[(u32, u64)]) -> Option<Self> {
        let mut hist: Vec<(u32, u64)> = pairs.iter().copied().filter(|(_, n)| *n > 0).collect();
        hist.sort_unstable_by_key(|(m, _)| *m);
        let count: u64 = hist.iter().map(|(_, n)| n).sum();
        if count == 0 {
            return None;
        }
        // The value at 1-based rank `r` of the sorted minutes.
        let at = |r: u64| -> u32 {
            let mut seen = 0;
            for (m, n) in &hist {
                seen += n;
                if seen >= r {
                    return *m;
                }
            }
            hist.last().map_or(0, |(m, _)| *m)
        };
        let median = if count % 2 == 1 {
            f64::from(at(count / 2 + 1))
        } else {
            (f64::from(at(count / 2)) + f64::from(at(count / 2 + 1))) / 2.0
        };
        // ⌈0.9 · n⌉ in integers.
        let p90 = at((9 * count).div_ceil(10));
        Some(Self { count, median, p90 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(m: &[u32]) -> (u64, f64, u32) {
        let w = WaitingTimes::from_minutes(m).expect("some");
        (w.count, w.median, w.p90)
    }

    #[test]
    fn nothing_to_report_without_waiting_times() {
        assert_eq!(WaitingTimes::from_minutes(&[]), None);
        assert_eq!(WaitingTimes::from_histogram(&[(10, 0)]), None);
    }

    #[test]
    fn one_value_is_its_own_median_and_percentile() {
        assert_eq!(of(&[25]), (1, 25.0, 25));
    }

    #[test]
    fn odd_counts_take_the_middle_and_even_counts_the_mean_of_the_two_middles() {
        assert_eq!(of(&[30, 10, 20]).1, 20.0);
        assert_eq!(of(&[40, 10, 30, 20]).1, 25.0);
        assert_eq!(of(&[5, 6]).1, 5.5);
    }

    #[test]
    fn the_90th_percentile_is_the_nearest_rank() {
        // 1..=10: rank ⌈9⌉ = 9 → 9.
        let ten: Vec<u32> = (1..=10).collect();
        assert_eq!(of(&ten), (10, 5.5, 9));
        // 1..=11: rank ⌈9.9⌉ = 10 → 10; median the 6th → 6.
        let eleven: Vec<u32> = (1..=11).collect();
        assert_eq!(of(&eleven), (11, 6.0, 10));
        // 20 values, a long tail: rank 18 of [1×17, 100, 200, 300] is 100.
        let mut tail = vec![1; 17];
        tail.extend([300, 100, 200]);
        assert_eq!(of(&tail), (20, 1.0, 100));
        // Two values: rank ⌈1.8⌉ = 2 → the larger.
        assert_eq!(of(&[0, 1440]), (2, 720.0, 1440));
    }

    #[test]
    fn a_histogram_gives_the_same_answer_as_the_rows() {
        let rows = [15, 15, 15, 30, 45, 45, 60, 90, 120, 0, 0, 240];
        let hist = [
            (45, 2),
            (0, 2),
            (15, 3),
            (30, 1),
            (60, 1),
            (90, 1),
            (120, 1),
            (240, 1),
        ];
        assert_eq!(
            WaitingTimes::from_minutes(&rows),
            WaitingTimes::from_histogram(&hist)
        );
        // Sorted: 0 0 15 15 15 30 45 45 60 90 120 240 → median (30 + 45) / 2; p90 rank 11 → 120.
        assert_eq!(of(&rows), (12, 37.5, 120));
    }
}
