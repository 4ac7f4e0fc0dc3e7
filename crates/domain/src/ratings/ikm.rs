//! The satisfaction index (IKM) of PermenPANRB 14/2017 from per-element tallies (domain.md §2).
//!
//! - **NRR** of an element = the sum of its scores ÷ the number of respondents who answered it.
//! - **IKM** = the mean of the NRRs of the answered elements: with all nine answered, each
//!   weighs exactly 1/9. The regulation prints the weight as 0.11, which caps the index at 99 %
//!   of the truth; that variant exists only as [`Weighting::Compat011`], asked for by name.
//! - **Converted score** = IKM × 25 (25-100), graded on half-open cut-offs:
//!   D (Tidak Baik) < 65.00 ≤ C (Kurang Baik) < 76.61 ≤ B (Baik) < 88.31 ≤ A (Sangat Baik).
//!
//! Everything is computed at full precision; [`round2`] is for display only.

use serde::{Deserialize, Serialize};

use super::element::{Answers, ELEMENT_COUNT, Element};

/// The scores of one element over a set of responses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Sum of the scores given.
    pub sum: u64,
    /// Respondents who answered the element.
    pub count: u64,
}

impl Tally {
    /// NRR: the mean score, or `None` when nobody answered.
    pub fn nrr(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum as f64 / self.count as f64)
    }
}

/// Per-element tallies of a set of responses, and how many responses there were.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tallies {
    pub respondents: u64,
    pub elements: [Tally; ELEMENT_COUNT],
}

impl Tallies {
    /// Counts one response.
    pub fn add(&mut self, answers: &Answers) {
        self.respondents += 1;
        for (e, s) in answers.iter() {
            let t = &mut self.elements[e.index()];
            t.sum += u64::from(s);
            t.count += 1;
        }
    }

    /// Adds the responses counted in `other` (units into their agency).
    pub fn merge(&mut self, other: &Tallies) {
        self.respondents += other.respondents;
        for (t, o) in self.elements.iter_mut().zip(other.elements) {
            t.sum += o.sum;
            t.count += o.count;
        }
    }

    pub fn tally(&self, e: Element) -> Tally {
        self.elements[e.index()]
    }
}

impl<'a> FromIterator<&'a Answers> for Tallies {
    fn from_iter<I: IntoIterator<Item = &'a Answers>>(iter: I) -> Self {
        let mut t = Self::default();
        iter.into_iter().for_each(|a| t.add(a));
        t
    }
}

/// How the NRRs are combined into the IKM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Weighting {
    /// The mean of the answered elements' NRRs: exactly 1/9 each when all nine are answered.
    Exact,
    /// The regulation's printed weight 0.11 per element (Σ NRR × 0.11 with nine elements, i.e.
    /// the mean × 0.99; with fewer answered elements, likewise the mean × 0.99). Reads about
    /// 1 % low and caps the converted score at 99. Only for comparison with older reports.
    Compat011,
}

crate::string_enum!(Weighting {
    Exact => "exact",
    Compat011 => "compat_0_11",
});

impl Weighting {
    /// The factor applied to the mean of the NRRs.
    fn factor(self) -> f64 {
        match self {
            Self::Exact => 1.0,
            Self::Compat011 => 0.11 * ELEMENT_COUNT as f64,
        }
    }
}

/// The quality grade (*mutu pelayanan*) of a converted score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

crate::string_enum!(Grade { A => "A", B => "B", C => "C", D => "D" });

/// The lowest converted score of grade C, B and A.
pub const CUT_OFF_C: f64 = 65.00;
pub const CUT_OFF_B: f64 = 76.61;
pub const CUT_OFF_A: f64 = 88.31;

/// How far below a cut-off a computed score may fall and still be read as on it. Decimal cut-offs
/// such as 65.00 (IKM 2.60) and scores such as 13 ÷ 5 × 25 are not exact in binary floating
/// point; an exact boundary must grade upward. 1e-9 is far above the rounding error of the
/// computation (about 1e-13 at 100) and far below anything the two-decimal display can show.
pub const GRADE_TOLERANCE: f64 = 1e-9;

impl Grade {
    /// The grade of a converted score (25-100).
    pub fn of(score: f64) -> Self {
        let at_least = |cut: f64| score + GRADE_TOLERANCE >= cut;
        if at_least(CUT_OFF_A) {
            Self::A
        } else if at_least(CUT_OFF_B) {
            Self::B
        } else if at_least(CUT_OFF_C) {
            Self::C
        } else {
            Self::D
        }
    }

    /// The grade's meaning in the regulation (*kinerja unit pelayanan*).
    pub fn label(self) -> &'static str {
        match self {
            Self::A => "Sangat Baik",
            Self::B => "Baik",
            Self::C => "Kurang Baik",
            Self::D => "Tidak Baik",
        }
    }
}

/// One element's result.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ElementResult {
    pub element: Element,
    /// `None` when nobody answered it.
    pub nrr: Option<f64>,
    pub answered: u64,
}

/// The index of a set of responses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SatisfactionIndex {
    pub respondents: u64,
    /// All nine, in code order.
    pub elements: [ElementResult; ELEMENT_COUNT],
    /// 1-4; `None` without any answer.
    pub ikm: Option<f64>,
    /// IKM × 25 (25-100).
    pub score: Option<f64>,
    pub grade: Option<Grade>,
    pub weighting: Weighting,
}

impl SatisfactionIndex {
    pub fn compute(t: &Tallies, weighting: Weighting) -> Self {
        let elements: [ElementResult; ELEMENT_COUNT] = std::array::from_fn(|i| {
            let e = Element::ALL[i];
            let tally = t.tally(e);
            ElementResult {
                element: e,
                nrr: tally.nrr(),
                answered: tally.count,
            }
        });
        let nrrs: Vec<f64> = elements.iter().filter_map(|e| e.nrr).collect();
        let ikm = (!nrrs.is_empty())
            .then(|| nrrs.iter().sum::<f64>() / nrrs.len() as f64 * weighting.factor());
        let score = ikm.map(|i| i * 25.0);
        Self {
            respondents: t.respondents,
            elements,
            ikm,
            score,
            grade: score.map(Grade::of),
            weighting,
        }
    }
}

/// Rounds to two decimals (half away from zero), for display only.
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ratings::element::AnswerValue;

    /// Every element with the same tally.
    fn uniform(sum: u64, count: u64) -> Tallies {
        Tallies {
            respondents: count,
            elements: [Tally { sum, count }; ELEMENT_COUNT],
        }
    }

    fn exact(t: &Tallies) -> SatisfactionIndex {
        SatisfactionIndex::compute(t, Weighting::Exact)
    }

    fn answers(scores: &[(&str, i64)]) -> Answers {
        Answers::parse(scores.iter().map(|(k, v)| (*k, AnswerValue::Score(*v)))).expect("valid")
    }

    #[test]
    fn nrr_divides_by_those_who_answered() {
        assert_eq!(Tally { sum: 7, count: 2 }.nrr(), Some(3.5));
        assert_eq!(Tally::default().nrr(), None);
    }

    #[test]
    fn all_nine_answered_weigh_exactly_one_ninth_each() {
        // One respondent: 4 4 4 4 4 4 4 4 1 → NRRs sum 33 → IKM 33/9 = 3.6667 → 91.67.
        let t: Tallies = [answers(&[
            ("U1", 4),
            ("U2", 4),
            ("U3", 4),
            ("U4", 4),
            ("U5", 4),
            ("U6", 4),
            ("U7", 4),
            ("U8", 4),
            ("U9", 1),
        ])]
        .iter()
        .collect();
        let r = exact(&t);
        assert_eq!(r.respondents, 1);
        let ikm = r.ikm.expect("ikm");
        assert!((ikm - 33.0 / 9.0).abs() < 1e-12, "{ikm}");
        assert_eq!(round2(r.score.expect("score")), 91.67);
        assert_eq!(r.grade, Some(Grade::A));
        // With 0.11 the same answers read 33 × 0.11 = 3.63 → 90.75: graded A still, ~1 % low.
        let c = SatisfactionIndex::compute(&t, Weighting::Compat011);
        assert!((c.ikm.expect("ikm") - 3.63).abs() < 1e-12);
        assert_eq!(round2(c.score.expect("score")), 90.75);
        assert_eq!(c.weighting, Weighting::Compat011);
    }

    #[test]
    fn the_compatibility_weight_caps_the_score_at_99() {
        let best = uniform(40, 10);
        assert_eq!(exact(&best).score, Some(100.0));
        let c = SatisfactionIndex::compute(&best, Weighting::Compat011);
        assert!((c.score.expect("score") - 99.0).abs() < 1e-9);
        // NRR 3.6 everywhere: exactly 90.00, and 89.10 with 0.11, which changes the grade.
        let t = uniform(36, 10);
        assert!((exact(&t).score.expect("s") - 90.0).abs() < 1e-9);
        assert_eq!(exact(&t).grade, Some(Grade::A));
        let c = SatisfactionIndex::compute(&t, Weighting::Compat011);
        assert_eq!(round2(c.score.expect("s")), 89.1);
        // And 3.55 (88.75, A) becomes 87.86: B.
        let t = uniform(355, 100);
        assert_eq!(exact(&t).grade, Some(Grade::A));
        assert_eq!(
            SatisfactionIndex::compute(&t, Weighting::Compat011).grade,
            Some(Grade::B)
        );
    }

    #[test]
    fn partial_answers_average_only_the_answered_elements() {
        // A answered U1=4, U2=3; B answered U1=2 only; C answered U3=1 only.
        // NRR U1 = 6/2 = 3, U2 = 3/1 = 3, U3 = 1/1 = 1; the other six are unanswered.
        // IKM = (3 + 3 + 1) / 3 = 2.3333 → 58.33 → D.
        let t: Tallies = [
            answers(&[("U1", 4), ("U2", 3)]),
            answers(&[("U1", 2)]),
            answers(&[("U3", 1)]),
        ]
        .iter()
        .collect();
        let r = exact(&t);
        assert_eq!(r.respondents, 3);
        let got: Vec<(Element, Option<f64>, u64)> = r
            .elements
            .iter()
            .map(|e| (e.element, e.nrr, e.answered))
            .collect();
        assert_eq!(got[0], (Element::U1, Some(3.0), 2));
        assert_eq!(got[1], (Element::U2, Some(3.0), 1));
        assert_eq!(got[2], (Element::U3, Some(1.0), 1));
        assert!(got[3..].iter().all(|(_, nrr, n)| nrr.is_none() && *n == 0));
        assert!((r.ikm.expect("ikm") - 7.0 / 3.0).abs() < 1e-12);
        assert_eq!(round2(r.score.expect("score")), 58.33);
        assert_eq!(r.grade, Some(Grade::D));
        // An element nobody answered does not pull the index down as a zero would.
        let mut one = Tallies::default();
        one.add(&answers(&[("U5", 4)]));
        assert_eq!(exact(&one).score, Some(100.0));
    }

    #[test]
    fn no_responses_no_index() {
        let r = exact(&Tallies::default());
        assert_eq!(
            (r.respondents, r.ikm, r.score, r.grade),
            (0, None, None, None)
        );
        assert!(r.elements.iter().all(|e| e.nrr.is_none()));
    }

    #[test]
    fn exact_boundaries_grade_upward_and_just_below_grades_down() {
        // (sum, count) per element hitting each cut-off exactly, and 0.01 below it.
        let cases = [
            // IKM 2.60 → 65.00 (C); 13/5 is not exact in binary.
            ((13, 5), 65.00, Grade::C),
            ((260, 100), 65.00, Grade::C),
            ((25_996, 10_000), 64.99, Grade::D),
            // IKM 3.0644 → 76.61 (B).
            ((30_644, 10_000), 76.61, Grade::B),
            ((30_640, 10_000), 76.60, Grade::C),
            // IKM 3.5324 → 88.31 (A).
            ((35_324, 10_000), 88.31, Grade::A),
            ((35_320, 10_000), 88.30, Grade::B),
        ];
        for ((sum, count), score, grade) in cases {
            let r = exact(&uniform(sum, count));
            let got = r.score.expect("score");
            assert!((got - score).abs() < 1e-9, "{sum}/{count}: {got}");
            assert_eq!(r.grade, Some(grade), "{sum}/{count} → {got}");
        }
        // The smallest step below a boundary that a tally can express still grades down.
        let r = exact(&uniform(2_599_999, 1_000_000));
        assert_eq!(r.grade, Some(Grade::D));
    }

    #[test]
    fn a_boundary_reached_by_a_mixed_set_of_elements_grades_upward() {
        // NRRs 2, 3, 2.8 and 2.6 six times: mean (2 + 3 + 2.8 + 15.6) / 9 = 23.4 / 9 = 2.6.
        let mut t = uniform(13, 5);
        t.elements[0] = Tally { sum: 10, count: 5 };
        t.elements[1] = Tally { sum: 15, count: 5 };
        t.elements[2] = Tally { sum: 14, count: 5 };
        let r = exact(&t);
        assert!((r.score.expect("score") - 65.0).abs() < 1e-9);
        assert_eq!(r.grade, Some(Grade::C));
    }

    #[test]
    fn grades_follow_the_half_open_cut_offs() {
        let table = [
            (25.0, Grade::D),
            (64.99, Grade::D),
            (65.0, Grade::C),
            (76.6099, Grade::C),
            (76.61, Grade::B),
            (88.3099, Grade::B),
            (88.31, Grade::A),
            (100.0, Grade::A),
        ];
        for (score, grade) in table {
            assert_eq!(Grade::of(score), grade, "{score}");
        }
        // Float noise just under a cut-off counts as on it.
        assert_eq!(Grade::of(65.0 - 1e-12), Grade::C);
        assert_eq!(Grade::of(76.61 - 1e-12), Grade::B);
        assert_eq!(Grade::of(88.31 - 1e-12), Grade::A);
        let labels: Vec<&str> = [Grade::A, Grade::B, Grade::C, Grade::D]
            .iter()
            .map(|g| g.label())
            .collect();
        assert_eq!(labels, ["Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik"]);
    }

    #[test]
    fn tallies_of_units_merge_into_their_agencys() {
        let mut a = uniform(30, 10);
        let b = Tallies {
            respondents: 2,
            elements: {
                let mut e = [Tally::default(); ELEMENT_COUNT];
                e[0] = Tally { sum: 8, count: 2 };
                e
            },
        };
        a.merge(&b);
        assert_eq!(a.respondents, 12);
        assert_eq!(a.tally(Element::U1), Tally { sum: 38, count: 12 });
        assert_eq!(a.tally(Element::U2), Tally { sum: 30, count: 10 });
    }

    #[test]
    fn display_rounding_is_half_away_from_zero_to_two_decimals() {
        assert_eq!(round2(91.666_666), 91.67);
        assert_eq!(round2(58.333_333), 58.33);
        assert_eq!(round2(65.0), 65.0);
        assert_eq!(Weighting::Compat011.as_str(), "compat_0_11");
        assert_eq!("exact".parse::<Weighting>().ok(), Some(Weighting::Exact));
    }
}
