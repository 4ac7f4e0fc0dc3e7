//! Scoring a training need from its signals, in a way that can be explained line by line.
//!
//! A need is a competency some staff should develop. Its score (0-100) weighs five signals, each
//! normalised to 0..1:
//!
//! - **gap**: the share of the staff whose standard includes the competency who are below it;
//! - **depth**: how far below they are, the mean shortfall in levels divided by 4 (the largest
//!   possible shortfall, from level 5 required to level 1 achieved);
//! - **survey**: what the needs surveys say (see [`super::survey::likert_need`]);
//! - **performance**: the performance gap from appraisals (SKP) tied to the competency;
//! - **citizen**: complaints or low ratings from citizens (SKM) tied to the competency.
//!
//! The competency gap is always known; the other three may be missing. The weight of a missing
//! signal is redistributed among the present ones in proportion to their weights, so a
//! competency without survey data is neither punished nor favoured. Weights are relative: over
//! the present signals they are scaled to sum to 1 (with the default weights, which sum to 1,
//! that is exactly the proportional redistribution), so the score always stays within 0-100.
//! The default weights are a starting point that each agency may change.

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Errors, FieldError};

/// The largest shortfall in levels (5 required, 1 achieved).
pub const MAX_MEAN_GAP: f64 = 4.0;

/// What is known about one need, before weighting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NeedSignals {
    /// Share (0..1) of the staff whose standard includes the competency who are below it.
    pub gap_share: f64,
    /// Mean shortfall in levels (0..4) among those below the standard.
    pub mean_gap: f64,
    /// The survey signal (0..1), `None` when no survey asked about it.
    pub survey: Option<f64>,
    /// The performance signal (0..1), `None` without appraisal data.
    pub performance: Option<f64>,
    /// The citizen signal (0..1), `None` without service ratings.
    pub citizen: Option<f64>,
}

/// The weight of each signal, each from 0 to 1; an agency may set its own.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NeedWeights {
    pub gap: f64,
    pub depth: f64,
    pub survey: f64,
    pub performance: f64,
    pub citizen: f64,
}

impl Default for NeedWeights {
    fn default() -> Self {
        Self {
            gap: 0.40,
            depth: 0.20,
            survey: 0.15,
            performance: 0.15,
            citizen: 0.10,
        }
    }
}

impl NeedWeights {
    /// Checks that every weight is a finite number from 0 to 1 and that they are not all zero.
    pub fn validate(&self) -> Result<(), DomainError> {
        let mut errors = Errors::new();
        for (signal, w) in self.by_signal() {
            if !(w.is_finite() && (0.0..=1.0).contains(&w)) {
                errors.push(FieldError::new(
                    signal.as_str(),
                    "out_of_range",
                    "must be a number from 0 to 1",
                ));
            }
        }
        if errors.is_empty() && self.by_signal().iter().map(|(_, w)| w).sum::<f64>() <= 0.0 {
            errors.push(FieldError::new(
                "gap",
                "all_zero",
                "at least one weight must be above 0",
            ));
        }
        errors.finish()
    }

    /// The weight of one signal.
    pub fn of(&self, signal: Signal) -> f64 {
        match signal {
            Signal::Gap => self.gap,
            Signal::Depth => self.depth,
            Signal::Survey => self.survey,
            Signal::Performance => self.performance,
            Signal::Citizen => self.citizen,
        }
    }

    fn by_signal(&self) -> [(Signal, f64); 5] {
        [
            (Signal::Gap, self.gap),
            (Signal::Depth, self.depth),
            (Signal::Survey, self.survey),
            (Signal::Performance, self.performance),
            (Signal::Citizen, self.citizen),
        ]
    }
}

/// One of the signals a need score weighs. The field names of [`NeedWeights`] are these strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    Gap,
    Depth,
    Survey,
    Performance,
    Citizen,
}

crate::string_enum!(Signal {
    Gap => "gap",
    Depth => "depth",
    Survey => "survey",
    Performance => "performance",
    Citizen => "citizen",
});

/// What one present signal adds to a score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub signal: Signal,
    /// The signal normalised to 0..1.
    pub value: f64,
    /// The effective weight, after redistributing the weights of missing signals.
    pub weight: f64,
    /// 100 × weight × value.
    pub points: f64,
}

/// A need's score with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedScore {
    /// 0-100, the sum of the points, rounded to 1 decimal.
    pub score: f64,
    /// The present signals, the largest contribution first (ties in [`Signal`] order).
    pub contributions: Vec<Contribution>,
    /// The signals without data, in [`Signal`] order.
    pub missing: Vec<Signal>,
}

/// `x` clamped to 0..1, with NaN as 0.
fn unit(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

/// Scores one need. Signals are clamped to their ranges and NaN counts as 0; weights are
/// treated the same way, so even unvalidated weights give a score within 0-100. When every
/// present signal has weight 0 (say, all weight on a survey that has no data), the score is 0
/// and `missing` shows why.
pub fn score_need(signals: &NeedSignals, weights: &NeedWeights) -> NeedScore {
    let values = [
        (Signal::Gap, Some(signals.gap_share)),
        (Signal::Depth, Some(signals.mean_gap / MAX_MEAN_GAP)),
        (Signal::Survey, signals.survey),
        (Signal::Performance, signals.performance),
        (Signal::Citizen, signals.citizen),
    ];
    let present: Vec<(Signal, f64)> = values
        .iter()
        .filter_map(|&(s, v)| v.map(|v| (s, unit(v))))
        .collect();
    let missing: Vec<Signal> = values
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|&(s, _)| s)
        .collect();
    let total: f64 = present.iter().map(|&(s, _)| unit(weights.of(s))).sum();
    let mut contributions: Vec<Contribution> = present
        .into_iter()
        .map(|(signal, value)| {
            let weight = if total > 0.0 {
                unit(weights.of(signal)) / total
            } else {
                0.0
            };
            Contribution {
                signal,
                value,
                weight,
                points: 100.0 * weight * value,
            }
        })
        .collect();
    contributions.sort_by(|a, b| {
        b.points
            .total_cmp(&a.points)
            .then_with(|| a.signal.cmp(&b.signal))
    });
    let sum: f64 = contributions.iter().map(|c| c.points).sum();
    NeedScore {
        score: ((sum * 10.0).round() / 10.0).clamp(0.0, 100.0),
        contributions,
        missing,
    }
}

/// Orders needs by score, highest first; needs with equal scores keep their order.
pub fn rank<T>(mut items: Vec<(T, NeedScore)>) -> Vec<(T, NeedScore)> {
    items.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn full() -> NeedSignals {
        NeedSignals {
            gap_share: 0.5,
            mean_gap: 2.0,
            survey: Some(0.8),
            performance: Some(0.4),
            citizen: Some(0.2),
        }
    }

    fn partial(gap_share: f64, mean_gap: f64) -> NeedSignals {
        NeedSignals {
            gap_share,
            mean_gap,
            survey: None,
            performance: None,
            citizen: None,
        }
    }

    fn points(s: &NeedScore, signal: Signal) -> f64 {
        s.contributions
            .iter()
            .find(|c| c.signal == signal)
            .map_or(f64::NAN, |c| c.points)
    }

    #[test]
    fn the_default_weights_sum_to_one_and_are_valid() {
        let w = NeedWeights::default();
        assert!(close(
            w.by_signal().iter().map(|(_, w)| w).sum::<f64>(),
            1.0
        ));
        assert!(w.validate().is_ok());
    }

    #[test]
    fn a_hand_computed_score_with_every_signal() {
        // gap 0.40 × 0.5 = 20, depth 0.20 × 0.5 = 10, survey 0.15 × 0.8 = 12,
        // performance 0.15 × 0.4 = 6, citizen 0.10 × 0.2 = 2: 50 points.
        let s = score_need(&full(), &NeedWeights::default());
        assert_eq!(s.score, 50.0);
        assert!(s.missing.is_empty());
        let order: Vec<_> = s.contributions.iter().map(|c| c.signal).collect();
        assert_eq!(
            order,
            [
                Signal::Gap,
                Signal::Survey,
                Signal::Depth,
                Signal::Performance,
                Signal::Citizen
            ]
        );
        let depth = s.contributions[2];
        assert!(close(depth.value, 0.5) && close(depth.weight, 0.2) && close(depth.points, 10.0));
        assert!(close(points(&s, Signal::Survey), 12.0));
    }

    #[test]
    fn a_second_hand_computed_score_rounds_to_one_decimal() {
        // gap 0.40 × 0.3 = 12, depth 0.20 × (1.5 / 4) = 7.5, survey 0.15 × 0.6 = 9,
        // performance 0.15 × 0.1 = 1.5, citizen 0.10 × 0.327 = 3.27: 33.27 → 33.3.
        let s = score_need(
            &NeedSignals {
                gap_share: 0.3,
                mean_gap: 1.5,
                survey: Some(0.6),
                performance: Some(0.1),
                citizen: Some(0.327),
            },
            &NeedWeights::default(),
        );
        assert_eq!(s.score, 33.3);
        assert!(close(points(&s, Signal::Depth), 7.5));
        assert!(close(points(&s, Signal::Citizen), 3.27));
        let sum: f64 = s.contributions.iter().map(|c| c.points).sum();
        assert!(close(sum, 33.27));
    }

    #[test]
    fn missing_signals_give_their_weight_to_the_present_ones() {
        // Only gap (0.40) and depth (0.20) are known: they become 2/3 and 1/3.
        let s = score_need(&partial(0.5, 2.0), &NeedWeights::default());
        assert_eq!(
            s.missing,
            [Signal::Survey, Signal::Performance, Signal::Citizen]
        );
        assert_eq!(s.contributions.len(), 2);
        assert!(close(s.contributions[0].weight, 2.0 / 3.0));
        assert!(close(s.contributions[1].weight, 1.0 / 3.0));
        assert_eq!(s.score, 50.0);
        let weights: f64 = s.contributions.iter().map(|c| c.weight).sum();
        assert!(close(weights, 1.0));

        // Only citizen data missing: its 0.10 is shared in proportion, 0.40 → 0.40 / 0.90.
        let mut signals = full();
        signals.citizen = None;
        let s = score_need(&signals, &NeedWeights::default());
        assert_eq!(s.missing, [Signal::Citizen]);
        let gap = s.contributions.iter().find(|c| c.signal == Signal::Gap);
        assert!(close(gap.map_or(0.0, |c| c.weight), 0.4 / 0.9));
        // (20 + 10 + 12 + 6) / 0.9 = 53.33...
        assert_eq!(s.score, 53.3);
    }

    #[test]
    fn a_missing_signal_neither_punishes_nor_favours() {
        // If the survey says exactly what the other signals average, dropping it changes nothing.
        let with = NeedSignals {
            gap_share: 0.6,
            mean_gap: 2.4,
            survey: Some(0.6),
            performance: None,
            citizen: None,
        };
        let without = NeedSignals {
            survey: None,
            ..with
        };
        let w = NeedWeights::default();
        assert_eq!(score_need(&with, &w).score, score_need(&without, &w).score);
        assert_eq!(score_need(&with, &w).score, 60.0);
    }

    #[test]
    fn a_bigger_gap_never_lowers_the_score() {
        let steps: Vec<f64> = (0..=20).map(|i| f64::from(i) / 20.0).collect();
        for weights in [
            NeedWeights::default(),
            NeedWeights {
                gap: 0.0,
                depth: 0.1,
                survey: 1.0,
                performance: 0.3,
                citizen: 0.0,
            },
        ] {
            for signals in [full(), partial(0.0, 0.0)] {
                let mut last = -1.0;
                for &share in &steps {
                    let s = score_need(
                        &NeedSignals {
                            gap_share: share,
                            ..signals
                        },
                        &weights,
                    );
                    assert!(s.score >= last, "gap_share {share}");
                    last = s.score;
                }
                let mut last = -1.0;
                for &g in &steps {
                    let mean_gap = g * 4.0;
                    let s = score_need(
                        &NeedSignals {
                            mean_gap,
                            ..signals
                        },
                        &weights,
                    );
                    assert!(s.score >= last, "mean_gap {mean_gap}");
                    last = s.score;
                }
            }
        }
    }

    #[test]
    fn all_weight_on_one_signal() {
        let only_gap = NeedWeights {
            gap: 1.0,
            depth: 0.0,
            survey: 0.0,
            performance: 0.0,
            citizen: 0.0,
        };
        assert!(only_gap.validate().is_ok());
        let s = score_need(&full(), &only_gap);
        assert_eq!(s.score, 50.0);
        assert_eq!(s.contributions[0].signal, Signal::Gap);
        assert!(close(s.contributions[0].weight, 1.0));
        assert!(s.contributions[1..].iter().all(|c| c.weight == 0.0));

        let only_survey = NeedWeights {
            gap: 0.0,
            survey: 1.0,
            ..only_gap
        };
        assert_eq!(score_need(&full(), &only_survey).score, 80.0);
        // With no survey data there is nothing the agency counts: 0, and the reason is listed.
        let s = score_need(&partial(1.0, 4.0), &only_survey);
        assert_eq!(s.score, 0.0);
        assert!(s.missing.contains(&Signal::Survey));
        assert!(s.contributions.iter().all(|c| c.points == 0.0));
    }

    #[test]
    fn inputs_are_clamped_and_nan_counts_as_zero() {
        let wild = NeedSignals {
            gap_share: 1.7,
            mean_gap: 9.0,
            survey: Some(f64::NAN),
            performance: Some(-0.5),
            citizen: Some(f64::INFINITY),
        };
        let s = score_need(&wild, &NeedWeights::default());
        // gap 40 + depth 20 + survey 0 + performance 0 + citizen 10.
        assert_eq!(s.score, 70.0);
        assert!(
            s.missing.is_empty(),
            "a NaN signal is present, with value 0"
        );
        assert!(
            s.contributions
                .iter()
                .all(|c| (0.0..=1.0).contains(&c.value))
        );

        let nan = partial(f64::NAN, f64::NAN);
        assert_eq!(score_need(&nan, &NeedWeights::default()).score, 0.0);

        // Weights out of range are clamped too, so the score stays within 0-100.
        let heavy = NeedWeights {
            gap: 7.0,
            depth: f64::NAN,
            survey: -1.0,
            performance: 1.0,
            citizen: 1.0,
        };
        let s = score_need(&partial(1.0, 4.0), &heavy);
        assert_eq!(s.score, 100.0);
    }

    #[test]
    fn equal_points_are_listed_in_signal_order() {
        let s = score_need(
            &NeedSignals {
                gap_share: 0.0,
                mean_gap: 0.0,
                survey: Some(0.0),
                performance: Some(0.0),
                citizen: Some(0.0),
            },
            &NeedWeights::default(),
        );
        let order: Vec<_> = s.contributions.iter().map(|c| c.signal).collect();
        assert_eq!(order, Signal::ALL);
        assert_eq!(s.score, 0.0);
    }

    #[test]
    fn weights_are_validated_field_by_field() {
        let bad = NeedWeights {
            gap: -0.1,
            depth: f64::NAN,
            survey: 1.5,
            performance: f64::INFINITY,
            citizen: 0.1,
        };
        let Err(DomainError::Validation(e)) = bad.validate() else {
            panic!("expected a validation error")
        };
        let fields: Vec<_> = e.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            fields,
            [
                ("gap", "out_of_range"),
                ("depth", "out_of_range"),
                ("survey", "out_of_range"),
                ("performance", "out_of_range"),
            ]
        );

        let zero = NeedWeights {
            gap: 0.0,
            depth: 0.0,
            survey: 0.0,
            performance: 0.0,
            citizen: 0.0,
        };
        let Err(DomainError::Validation(e)) = zero.validate() else {
            panic!("expected a validation error")
        };
        assert_eq!((e[0].field.as_str(), e[0].code), ("gap", "all_zero"));
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn ranking_is_by_score_and_stable() {
        let w = NeedWeights::default();
        let items = vec![
            ("a", score_need(&partial(0.2, 1.0), &w)),
            ("b", score_need(&partial(0.9, 3.0), &w)),
            ("c", score_need(&partial(0.2, 1.0), &w)),
            ("d", score_need(&full(), &w)),
        ];
        let ranked: Vec<_> = rank(items).into_iter().map(|(name, _)| name).collect();
        assert_eq!(ranked, ["b", "d", "a", "c"]);
        assert!(rank::<()>(vec![]).is_empty());
    }

    #[test]
    fn signals_have_stable_strings() {
        assert_eq!(Signal::Performance.as_str(), "performance");
        assert_eq!("citizen".parse::<Signal>().ok(), Some(Signal::Citizen));
        assert_eq!(
            serde_json::to_string(&Signal::Depth).expect("json"),
            "\"depth\""
        );
    }
}
