//! The nine elements (*unsur*) of PermenPANRB 14/2017 and a respondent's answers to them.
//!
//! Elements are identified by their **code** (`U1`..`U9`), never by their position on a form:
//! printed questionnaires often swap U8 and U9 (domain.md §2).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Errors, FieldError};

/// One of the nine SKM elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Element {
    U1,
    U2,
    U3,
    U4,
    U5,
    U6,
    U7,
    U8,
    U9,
}

crate::string_enum!(Element {
    U1 => "U1",
    U2 => "U2",
    U3 => "U3",
    U4 => "U4",
    U5 => "U5",
    U6 => "U6",
    U7 => "U7",
    U8 => "U8",
    U9 => "U9",
});

/// How many elements the regulation defines.
pub const ELEMENT_COUNT: usize = 9;

/// The lowest and highest score of an element (1 = tidak sesuai ... 4 = sangat sesuai).
pub const MIN_SCORE: i64 = 1;
pub const MAX_SCORE: i64 = 4;

impl Element {
    /// The element's name in the regulation.
    pub fn name(self) -> &'static str {
        match self {
            Self::U1 => "Persyaratan",
            Self::U2 => "Sistem, Mekanisme, dan Prosedur",
            Self::U3 => "Waktu Penyelesaian",
            Self::U4 => "Biaya/Tarif",
            Self::U5 => "Produk Spesifikasi Jenis Pelayanan",
            Self::U6 => "Kompetensi Pelaksana",
            Self::U7 => "Perilaku Pelaksana",
            Self::U8 => "Penanganan Pengaduan, Saran dan Masukan",
            Self::U9 => "Sarana dan Prasarana",
        }
    }

    /// 0 for U1 ... 8 for U9: the element's slot in per-element arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A respondent's scores, by element; an element left out was not applicable to them.
/// Holds at least one score, and every score is 1-4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Answers([Option<u8>; ELEMENT_COUNT]);

impl Answers {
    /// Reads `{"U1": 4, ...}` as sent: each key with its value as the transport read it (see
    /// [`AnswerValue`]; a JSON `null` means not applicable, like an omitted element).
    ///
    /// Every problem is named by its key, as `answers.<key>`: `unknown_element` for a code that
    /// is not U1-U9, `out_of_range` for a score outside 1-4, `not_a_whole_number`, and
    /// `duplicate` when one element is sent twice (say `U1` and `u1`). Codes are read without
    /// regard to case. Without any score: `answers` `required`.
    pub fn parse<'a>(
        raw: impl IntoIterator<Item = (&'a str, AnswerValue)>,
    ) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let mut scores = [None; ELEMENT_COUNT];
        let mut seen = [false; ELEMENT_COUNT];
        // Sorted by key, so errors come out in a stable order whatever the map's order.
        let sorted: BTreeMap<&str, AnswerValue> = raw.into_iter().collect();
        for (key, value) in sorted {
            let field = format!("answers.{key}");
            let Ok(element) = key.trim().to_ascii_uppercase().parse::<Element>() else {
                errors.push(FieldError::new(
                    field,
                    "unknown_element",
                    "is not an element of PermenPANRB 14/2017 (U1-U9)",
                ));
                continue;
            };
            if std::mem::replace(&mut seen[element.index()], true) {
                errors.push(FieldError::new(
                    field,
                    "duplicate",
                    format!("{element} is answered twice"),
                ));
                continue;
            }
            match value {
                AnswerValue::NotApplicable => {}
                AnswerValue::Score(s) if (MIN_SCORE..=MAX_SCORE).contains(&s) => {
                    scores[element.index()] = Some(s as u8);
                }
                AnswerValue::Score(_) => errors.push(FieldError::new(
                    field,
                    "out_of_range",
                    format!("must be from {MIN_SCORE} to {MAX_SCORE}"),
                )),
                AnswerValue::Other => errors.push(FieldError::new(
                    field,
                    "not_a_whole_number",
                    format!("must be a whole number from {MIN_SCORE} to {MAX_SCORE}"),
                )),
            }
        }
        if errors.is_empty() && scores.iter().all(Option::is_none) {
            errors.push(FieldError::new(
                "answers",
                "required",
                "at least one element must be answered",
            ));
        }
        errors.finish()?;
        Ok(Self(scores))
    }

    /// Builds answers from scores already known to be valid (stored rows); `None` when a score
    /// is outside 1-4 or none is given.
    pub fn from_scores(scores: [Option<i16>; ELEMENT_COUNT]) -> Option<Self> {
        let mut out = [None; ELEMENT_COUNT];
        for (slot, s) in out.iter_mut().zip(scores) {
            match s {
                None => {}
                Some(v) if (1..=4).contains(&v) => *slot = Some(v as u8),
                Some(_) => return None,
            }
        }
        out.iter().any(Option::is_some).then_some(Self(out))
    }

    /// The score of `e`, or `None` when it was not applicable.
    pub fn score(&self, e: Element) -> Option<u8> {
        self.0[e.index()]
    }

    /// The scores in element order (U1 first).
    pub fn scores(&self) -> [Option<u8>; ELEMENT_COUNT] {
        self.0
    }

    /// The answered elements and their scores, in element order.
    pub fn iter(&self) -> impl Iterator<Item = (Element, u8)> + '_ {
        Element::ALL
            .iter()
            .filter_map(|e| self.score(*e).map(|s| (*e, s)))
    }
}

/// One value of the answers map, as the transport layer read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerValue {
    /// A whole number (checked against 1-4 by [`Answers::parse`]).
    Score(i64),
    /// `null`: the element did not apply to the respondent.
    NotApplicable,
    /// Anything else: a fraction, a string, a list.
    Other,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(e: DomainError) -> Vec<(String, &'static str)> {
        match e {
            DomainError::Validation(v) => v.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn the_nine_elements_have_their_regulation_codes_and_names() {
        let codes: Vec<&str> = Element::ALL.iter().map(|e| e.as_str()).collect();
        assert_eq!(
            codes,
            ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]
        );
        assert_eq!(Element::U1.name(), "Persyaratan");
        assert_eq!(Element::U4.name(), "Biaya/Tarif");
        assert_eq!(
            Element::U8.name(),
            "Penanganan Pengaduan, Saran dan Masukan"
        );
        assert_eq!(Element::U9.name(), "Sarana dan Prasarana");
        for (i, e) in Element::ALL.iter().enumerate() {
            assert_eq!(e.index(), i);
            assert_eq!(e.as_str().parse::<Element>().ok(), Some(*e));
        }
    }

    #[test]
    fn answers_are_read_by_code_whatever_the_order_or_case() {
        let a = Answers::parse([
            ("U9", AnswerValue::Score(1)),
            ("u1", AnswerValue::Score(4)),
            ("U8", AnswerValue::Score(2)),
        ])
        .expect("valid");
        assert_eq!(a.score(Element::U1), Some(4));
        assert_eq!(a.score(Element::U8), Some(2));
        assert_eq!(a.score(Element::U9), Some(1));
        assert_eq!(a.score(Element::U2), None);
        let answered: Vec<Element> = a.iter().map(|(e, _)| e).collect();
        assert_eq!(answered, [Element::U1, Element::U8, Element::U9]);
    }

    #[test]
    fn omitted_and_null_elements_are_not_applicable() {
        let a = Answers::parse([
            ("U1", AnswerValue::Score(3)),
            ("U4", AnswerValue::NotApplicable),
        ])
        .expect("valid");
        assert_eq!(
            a.scores(),
            [Some(3), None, None, None, None, None, None, None, None]
        );
    }

    #[test]
    fn every_bad_score_and_unknown_code_is_named_by_its_key() {
        let err = Answers::parse([
            ("U3", AnswerValue::Score(5)),
            ("U10", AnswerValue::Score(4)),
            ("U1", AnswerValue::Score(0)),
            ("U2", AnswerValue::Other),
            ("U5", AnswerValue::Score(-1)),
            ("Q1", AnswerValue::Score(2)),
        ])
        .expect_err("invalid");
        assert_eq!(
            fields(err),
            [
                ("answers.Q1".into(), "unknown_element"),
                ("answers.U1".into(), "out_of_range"),
                ("answers.U10".into(), "unknown_element"),
                ("answers.U2".into(), "not_a_whole_number"),
                ("answers.U3".into(), "out_of_range"),
                ("answers.U5".into(), "out_of_range"),
            ]
        );
    }

    #[test]
    fn scores_one_to_four_are_the_whole_range() {
        for s in 1..=4 {
            assert!(
                Answers::parse([("U6", AnswerValue::Score(s))]).is_ok(),
                "{s}"
            );
        }
        for s in [0, 5, 100, i64::MIN, i64::MAX] {
            assert!(
                Answers::parse([("U6", AnswerValue::Score(s))]).is_err(),
                "{s}"
            );
        }
    }

    #[test]
    fn an_element_sent_twice_is_refused() {
        let err = Answers::parse([("U1", AnswerValue::Score(3)), ("u1", AnswerValue::Score(4))])
            .expect_err("invalid");
        assert_eq!(fields(err), [("answers.u1".into(), "duplicate")]);
    }

    #[test]
    fn at_least_one_element_must_be_answered() {
        for raw in [
            vec![],
            vec![("U1", AnswerValue::NotApplicable)],
            vec![
                ("U1", AnswerValue::NotApplicable),
                ("U2", AnswerValue::NotApplicable),
            ],
        ] {
            let err = Answers::parse(raw).expect_err("no score");
            assert_eq!(fields(err), [("answers".into(), "required")]);
        }
    }

    #[test]
    fn stored_scores_round_trip_and_bad_ones_are_refused() {
        let a = Answers::parse([("U2", AnswerValue::Score(2)), ("U7", AnswerValue::Score(4))])
            .expect("valid");
        let stored = a.scores().map(|s| s.map(i16::from));
        assert_eq!(Answers::from_scores(stored), Some(a));
        assert_eq!(Answers::from_scores([None; 9]), None);
        let mut bad = stored;
        bad[0] = Some(5);
        assert_eq!(Answers::from_scores(bad), None);
    }
}
