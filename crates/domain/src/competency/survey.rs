//! Training-needs surveys that agency admins build: questions, answers and their aggregation.
//!
//! A survey goes to one audience. Questions are Likert items on a fixed 1-5 scale, single or
//! multiple choice, or free text; a question may be tied to a competency so that its answers
//! become the survey signal of that competency's training need (see [`likert_need`]).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::check_code;
use super::check_text;
use crate::error::{DomainError, Errors, FieldError};

/// The lowest point of the Likert scale.
pub const LIKERT_MIN: u8 = 1;
/// The highest point of the Likert scale.
pub const LIKERT_MAX: u8 = 5;
/// The longest survey title.
pub const MAX_TITLE_LEN: usize = 200;
/// The longest survey description.
pub const MAX_DESCRIPTION_LEN: usize = 4000;
/// The most questions a survey may have.
pub const MAX_QUESTIONS: usize = 100;
/// The longest question text.
pub const MAX_QUESTION_LEN: usize = 1000;
/// The fewest options of a choice question.
pub const MIN_OPTIONS: usize = 2;
/// The most options of a choice question.
pub const MAX_OPTIONS: usize = 20;
/// The longest option.
pub const MAX_OPTION_LEN: usize = 200;
/// The longest free-text answer.
pub const MAX_TEXT_ANSWER_LEN: usize = 4000;

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// A point on the fixed scale 1-5 (1 = not at all, 5 = very much); no options.
    Likert,
    /// Exactly one of the options.
    SingleChoice,
    /// One or more of the options.
    MultipleChoice,
    /// Free text; no options.
    Text,
}

crate::string_enum!(QuestionKind {
    Likert => "likert",
    SingleChoice => "single_choice",
    MultipleChoice => "multiple_choice",
    Text => "text",
});

/// Who answers a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyAudience {
    /// Employees, each about themselves.
    Employees,
    /// Supervisors, once about each of their direct reports.
    Supervisors,
    /// Citizens, anonymously, through a public link of one service unit.
    Public,
}

crate::string_enum!(SurveyAudience {
    Employees => "employees",
    Supervisors => "supervisors",
    Public => "public",
});

/// A question as the admin gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionInput {
    pub text: String,
    pub kind: QuestionKind,
    /// The options of a choice question, in display order; empty for other kinds.
    #[serde(default)]
    pub options: Vec<String>,
    /// Whether a respondent must answer it.
    pub required: bool,
    /// The code of the competency the question asks about, if any.
    #[serde(default)]
    pub competency_code: Option<String>,
}

/// A survey as the admin gives it, before any rule has been checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyInput {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    pub audience: SurveyAudience,
    pub questions: Vec<QuestionInput>,
}

/// A survey whose fields obey every rule. Texts are trimmed, an empty description is `None`,
/// options are trimmed and competency codes upper-cased; whether a competency code exists is
/// checked on save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSurvey {
    pub title: String,
    pub description: Option<String>,
    pub audience: SurveyAudience,
    pub questions: Vec<QuestionInput>,
}

impl NewSurvey {
    /// Checks every rule and reports every broken one (`questions[2].options[1]`).
    pub fn parse(input: SurveyInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let title = check_text(&mut errors, "title", &input.title, MAX_TITLE_LEN, true);
        let description = input
            .description
            .as_deref()
            .map(|d| check_text(&mut errors, "description", d, MAX_DESCRIPTION_LEN, false))
            .filter(|d| !d.is_empty());
        if input.questions.is_empty() {
            errors.push(FieldError::new(
                "questions",
                "required",
                "a survey needs at least one question",
            ));
        } else if input.questions.len() > MAX_QUESTIONS {
            errors.push(FieldError::new(
                "questions",
                "too_many",
                format!("a survey has at most {MAX_QUESTIONS} questions"),
            ));
        }
        let questions = input
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| parse_question(&mut errors, i, q))
            .collect();
        errors.finish()?;
        Ok(Self {
            title,
            description,
            audience: input.audience,
            questions,
        })
    }
}

fn parse_question(errors: &mut Errors, i: usize, q: &QuestionInput) -> QuestionInput {
    let text = check_text(
        errors,
        &format!("questions[{i}].text"),
        &q.text,
        MAX_QUESTION_LEN,
        true,
    );
    let options = match q.kind {
        QuestionKind::Likert | QuestionKind::Text => {
            if !q.options.is_empty() {
                let message = if q.kind == QuestionKind::Likert {
                    "a Likert question has the fixed scale 1 to 5 and no options"
                } else {
                    "a text question has no options"
                };
                errors.push(FieldError::new(
                    format!("questions[{i}].options"),
                    "no_options",
                    message,
                ));
            }
            Vec::new()
        }
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            check_options(errors, i, &q.options)
        }
    };
    let competency_code = q
        .competency_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .and_then(|c| errors.check(check_code(&format!("questions[{i}].competency_code"), c)));
    QuestionInput {
        text,
        kind: q.kind,
        options,
        required: q.required,
        competency_code,
    }
}

fn check_options(errors: &mut Errors, i: usize, raw: &[String]) -> Vec<String> {
    if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&raw.len()) {
        errors.push(FieldError::new(
            format!("questions[{i}].options"),
            "option_count",
            format!("a choice question needs {MIN_OPTIONS} to {MAX_OPTIONS} options"),
        ));
    }
    let mut seen = HashSet::new();
    raw.iter()
        .enumerate()
        .map(|(j, o)| {
            let field = format!("questions[{i}].options[{j}]");
            let option = check_text(errors, &field, o, MAX_OPTION_LEN, true);
            if !option.is_empty() && !seen.insert(option.to_lowercase()) {
                errors.push(FieldError::new(
                    field,
                    "duplicate_option",
                    "repeats an earlier option",
                ));
            }
            option
        })
        .collect()
}

/// An answer as it arrives in JSON, before it is checked against its question: a number (a
/// Likert point or an option index), a list of option indexes, or text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Number(i64),
    List(Vec<i64>),
    Text(String),
}

/// A checked answer. Option indexes count from 0 in the question's option order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// A point of the scale, 1-5.
    Likert(u8),
    /// The index of the chosen option.
    Single(u16),
    /// The distinct indexes of the chosen options, in ascending order.
    Multiple(Vec<u16>),
    /// Trimmed, non-empty text.
    Text(String),
}

/// Checks an answer against its question's kind and number of options. The error is a stable
/// code and an English message, for the caller to place under the question's field.
pub fn check_answer(
    kind: QuestionKind,
    options: usize,
    value: &AnswerValue,
) -> Result<Answer, (&'static str, String)> {
    let option_index = |n: i64| -> Result<u16, (&'static str, String)> {
        usize::try_from(n)
            .ok()
            .filter(|&i| i < options)
            .and_then(|i| u16::try_from(i).ok())
            .ok_or_else(|| {
                (
                    "unknown_option",
                    format!(
                        "must be the index of an option, from 0 to {}",
                        options.max(1) - 1
                    ),
                )
            })
    };
    match (kind, value) {
        (QuestionKind::Likert, AnswerValue::Number(n)) => u8::try_from(*n)
            .ok()
            .filter(|p| (LIKERT_MIN..=LIKERT_MAX).contains(p))
            .map(Answer::Likert)
            .ok_or((
                "out_of_range",
                "must be a whole number from 1 to 5".to_owned(),
            )),
        (QuestionKind::SingleChoice, AnswerValue::Number(n)) => {
            option_index(*n).map(Answer::Single)
        }
        (QuestionKind::MultipleChoice, AnswerValue::List(list)) => {
            if list.is_empty() {
                return Err(("required", "must choose at least one option".to_owned()));
            }
            let mut chosen = list
                .iter()
                .map(|&n| option_index(n))
                .collect::<Result<Vec<u16>, _>>()?;
            chosen.sort_unstable();
            if chosen.windows(2).any(|w| w[0] == w[1]) {
                return Err((
                    "duplicate_option",
                    "must not choose the same option twice".to_owned(),
                ));
            }
            Ok(Answer::Multiple(chosen))
        }
        (QuestionKind::Text, AnswerValue::Text(s)) => {
            let s = s.trim();
            if s.is_empty() {
                Err(("required", "must not be empty".to_owned()))
            } else if s.chars().count() > MAX_TEXT_ANSWER_LEN {
                Err((
                    "too_long",
                    format!("must be at most {MAX_TEXT_ANSWER_LEN} characters"),
                ))
            } else {
                Ok(Answer::Text(s.to_owned()))
            }
        }
        (kind, _) => Err((
            "wrong_type",
            match kind {
                QuestionKind::Likert => "must be a number from 1 to 5",
                QuestionKind::SingleChoice => "must be the index of one option",
                QuestionKind::MultipleChoice => "must be a list of option indexes",
                QuestionKind::Text => "must be text",
            }
            .to_owned(),
        )),
    }
}

/// The answers to one question, summed up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    /// How many answers were counted.
    pub responses: u32,
    /// The mean of a Likert question, rounded to 2 decimals; `None` for other kinds or without
    /// answers.
    pub mean: Option<f64>,
    /// Likert: the count of each point 1-5 (five buckets). Choice: the count of each option
    /// (with multiple choice, every chosen option counts). Text: empty.
    pub distribution: Vec<u32>,
}

/// Sums up the answers to one question. Answers of another kind than the question's, and
/// option indexes or Likert points outside the question's range, are ignored.
pub fn aggregate(kind: QuestionKind, options: usize, answers: &[Answer]) -> QuestionResult {
    let mut responses = 0u32;
    match kind {
        QuestionKind::Likert => {
            let mut distribution = vec![0u32; usize::from(LIKERT_MAX - LIKERT_MIN + 1)];
            let mut sum = 0u64;
            for a in answers {
                if let Answer::Likert(p) = *a
                    && (LIKERT_MIN..=LIKERT_MAX).contains(&p)
                {
                    distribution[usize::from(p - LIKERT_MIN)] += 1;
                    sum += u64::from(p);
                    responses += 1;
                }
            }
            let mean = (responses > 0)
                .then(|| (sum as f64 / f64::from(responses) * 100.0).round() / 100.0);
            QuestionResult {
                responses,
                mean,
                distribution,
            }
        }
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            let mut distribution = vec![0u32; options];
            for a in answers {
                let chosen: &[u16] = match (kind, a) {
                    (QuestionKind::SingleChoice, Answer::Single(i)) => std::slice::from_ref(i),
                    (QuestionKind::MultipleChoice, Answer::Multiple(list)) => list,
                    _ => continue,
                };
                let mut counted = false;
                let mut seen = HashSet::new();
                for &i in chosen {
                    let i = usize::from(i);
                    if i < options && seen.insert(i) {
                        distribution[i] += 1;
                        counted = true;
                    }
                }
                responses += u32::from(counted);
            }
            QuestionResult {
                responses,
                mean: None,
                distribution,
            }
        }
        QuestionKind::Text => QuestionResult {
            responses: answers
                .iter()
                .filter(|a| matches!(a, Answer::Text(_)))
                .count()
                .try_into()
                .unwrap_or(u32::MAX),
            mean: None,
            distribution: Vec::new(),
        },
    }
}

/// The need signal (0..1) of a Likert mean.
///
/// Needs questions are worded "How much do you need training in X?", with 1 = not at all and
/// 5 = very much, so the signal rises with the mean: (mean − 1) ÷ 4, clamped to 0..1. A mean of
/// 1 gives 0, 3 gives 0.5 and 5 gives 1; NaN gives 0.
pub fn likert_need(mean: f64) -> f64 {
    let signal = (mean - f64::from(LIKERT_MIN)) / f64::from(LIKERT_MAX - LIKERT_MIN);
    if signal.is_nan() {
        0.0
    } else {
        signal.clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind, options: &[&str]) -> QuestionInput {
        QuestionInput {
            text: " Seberapa perlu Anda pelatihan pelayanan prima? ".into(),
            kind,
            options: options.iter().map(|s| (*s).to_owned()).collect(),
            required: true,
            competency_code: None,
        }
    }

    fn survey(questions: Vec<QuestionInput>) -> SurveyInput {
        SurveyInput {
            title: " Analisis Kebutuhan Pelatihan 2026 ".into(),
            description: Some("  ".into()),
            audience: SurveyAudience::Employees,
            questions,
        }
    }

    fn errors(input: SurveyInput) -> Vec<FieldError> {
        match NewSurvey::parse(input) {
            Err(DomainError::Validation(e)) => e,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    fn has(e: &[FieldError], field: &str, code: &str) -> bool {
        e.iter().any(|f| f.field == field && f.code == code)
    }

    #[test]
    fn a_valid_survey_is_normalised() {
        let mut likert = question(QuestionKind::Likert, &[]);
        likert.competency_code = Some(" m5 ".into());
        let mut blank_code = question(QuestionKind::Text, &[]);
        blank_code.competency_code = Some("  ".into());
        let s = NewSurvey::parse(survey(vec![
            likert,
            question(QuestionKind::SingleChoice, &[" Ya ", "Tidak"]),
            question(
                QuestionKind::MultipleChoice,
                &["Klasikal", "E-learning", "Coaching"],
            ),
            blank_code,
        ]))
        .expect("valid");
        assert_eq!(s.title, "Analisis Kebutuhan Pelatihan 2026");
        assert_eq!(s.description, None);
        assert_eq!(
            s.questions[0].text,
            "Seberapa perlu Anda pelatihan pelayanan prima?"
        );
        assert_eq!(s.questions[0].competency_code.as_deref(), Some("M5"));
        assert_eq!(s.questions[1].options, ["Ya", "Tidak"]);
        assert_eq!(s.questions[3].competency_code, None);
    }

    #[test]
    fn title_description_and_question_count() {
        let mut i = survey(vec![]);
        i.title = " ".into();
        i.description = Some("x".repeat(4001));
        let e = errors(i);
        assert!(has(&e, "title", "required"));
        assert!(has(&e, "description", "too_long"));
        assert!(has(&e, "questions", "required"));

        let mut i = survey(vec![question(QuestionKind::Text, &[]); 101]);
        i.title = "x".repeat(201);
        let e = errors(i);
        assert!(has(&e, "title", "too_long"));
        assert!(has(&e, "questions", "too_many"));

        let mut i = survey(vec![question(QuestionKind::Text, &[]); 100]);
        i.title = "x".repeat(200);
        i.description = Some("x".repeat(4000));
        assert!(
            NewSurvey::parse(i).is_ok(),
            "the limits themselves are allowed"
        );
    }

    #[test]
    fn question_texts_are_required_and_limited() {
        let mut empty = question(QuestionKind::Likert, &[]);
        empty.text = "\t".into();
        let mut long = question(QuestionKind::Likert, &[]);
        long.text = "x".repeat(1001);
        let e = errors(survey(vec![empty, long]));
        assert!(has(&e, "questions[0].text", "required"));
        assert!(has(&e, "questions[1].text", "too_long"));
    }

    #[test]
    fn likert_and_text_questions_have_no_options() {
        let e = errors(survey(vec![
            question(QuestionKind::Likert, &["1", "2", "3", "4", "5"]),
            question(QuestionKind::Text, &["a"]),
        ]));
        assert!(has(&e, "questions[0].options", "no_options"));
        assert!(has(&e, "questions[1].options", "no_options"));
        assert!(e[0].message.contains("1 to 5"));
    }

    #[test]
    fn choice_questions_have_two_to_twenty_distinct_options() {
        let twenty: Vec<String> = (1..=20).map(|n| format!("Opsi {n}")).collect();
        let twenty: Vec<&str> = twenty.iter().map(String::as_str).collect();
        let twenty_one: Vec<String> = (1..=21).map(|n| format!("Opsi {n}")).collect();
        let twenty_one: Vec<&str> = twenty_one.iter().map(String::as_str).collect();
        let long = "x".repeat(201);
        let e = errors(survey(vec![
            question(QuestionKind::SingleChoice, &["Ya"]),
            question(QuestionKind::MultipleChoice, &twenty_one),
            question(QuestionKind::SingleChoice, &["Ya", " ", &long]),
            question(
                QuestionKind::MultipleChoice,
                &["Coaching", "Mentoring", " coaching "],
            ),
            question(QuestionKind::SingleChoice, &[]),
        ]));
        assert!(has(&e, "questions[0].options", "option_count"));
        assert!(has(&e, "questions[1].options", "option_count"));
        assert!(has(&e, "questions[2].options[1]", "required"));
        assert!(has(&e, "questions[2].options[2]", "too_long"));
        assert!(has(&e, "questions[3].options[2]", "duplicate_option"));
        assert!(!has(&e, "questions[3].options[0]", "duplicate_option"));
        assert!(has(&e, "questions[4].options", "option_count"));

        assert!(
            NewSurvey::parse(survey(vec![
                question(QuestionKind::MultipleChoice, &twenty),
                question(QuestionKind::SingleChoice, &["Ya", "Tidak"]),
            ]))
            .is_ok()
        );
    }

    #[test]
    fn options_are_compared_without_regard_to_case_beyond_ascii() {
        let e = errors(survey(vec![question(
            QuestionKind::SingleChoice,
            &["Émile", "ÉMILE"],
        )]));
        assert!(has(&e, "questions[0].options[1]", "duplicate_option"));
    }

    #[test]
    fn competency_codes_are_upper_cased_and_limited() {
        let mut long = question(QuestionKind::Likert, &[]);
        long.competency_code = Some("A".repeat(33));
        let mut bad = question(QuestionKind::Likert, &[]);
        bad.competency_code = Some("M 1".into());
        let e = errors(survey(vec![long, bad]));
        assert!(has(&e, "questions[0].competency_code", "invalid_code"));
        assert!(has(&e, "questions[1].competency_code", "invalid_code"));

        let mut ok = question(QuestionKind::Likert, &[]);
        ok.competency_code = Some("tek.kes-01".into());
        let s = NewSurvey::parse(survey(vec![ok])).expect("valid");
        assert_eq!(
            s.questions[0].competency_code.as_deref(),
            Some("TEK.KES-01")
        );
    }

    #[test]
    fn likert_answers_are_points_one_to_five() {
        for p in 1..=5 {
            assert_eq!(
                check_answer(QuestionKind::Likert, 0, &AnswerValue::Number(p)),
                Ok(Answer::Likert(u8::try_from(p).expect("small")))
            );
        }
        for bad in [0, 6, -1, 300] {
            let e = check_answer(QuestionKind::Likert, 0, &AnswerValue::Number(bad));
            assert_eq!(e.map_err(|(c, _)| c), Err("out_of_range"), "{bad}");
        }
        for wrong in [AnswerValue::Text("5".into()), AnswerValue::List(vec![5])] {
            let e = check_answer(QuestionKind::Likert, 0, &wrong);
            assert_eq!(e.map_err(|(c, _)| c), Err("wrong_type"));
        }
    }

    #[test]
    fn single_choice_answers_are_an_option_index() {
        assert_eq!(
            check_answer(QuestionKind::SingleChoice, 3, &AnswerValue::Number(2)),
            Ok(Answer::Single(2))
        );
        for bad in [3, -1, i64::MAX] {
            let e = check_answer(QuestionKind::SingleChoice, 3, &AnswerValue::Number(bad));
            assert_eq!(e.map_err(|(c, _)| c), Err("unknown_option"), "{bad}");
        }
        let e = check_answer(QuestionKind::SingleChoice, 3, &AnswerValue::List(vec![1]));
        assert_eq!(e.map_err(|(c, _)| c), Err("wrong_type"));
    }

    #[test]
    fn multiple_choice_answers_are_distinct_option_indexes() {
        assert_eq!(
            check_answer(
                QuestionKind::MultipleChoice,
                4,
                &AnswerValue::List(vec![3, 0, 2])
            ),
            Ok(Answer::Multiple(vec![0, 2, 3]))
        );
        let code = |list: Vec<i64>| {
            check_answer(QuestionKind::MultipleChoice, 4, &AnswerValue::List(list))
                .map_err(|(c, _)| c)
        };
        assert_eq!(code(vec![]), Err("required"));
        assert_eq!(code(vec![0, 4]), Err("unknown_option"));
        assert_eq!(code(vec![-1]), Err("unknown_option"));
        assert_eq!(code(vec![1, 2, 1]), Err("duplicate_option"));
        let e = check_answer(QuestionKind::MultipleChoice, 4, &AnswerValue::Number(1));
        assert_eq!(e.map_err(|(c, _)| c), Err("wrong_type"));
    }

    #[test]
    fn text_answers_are_trimmed_and_limited() {
        assert_eq!(
            check_answer(
                QuestionKind::Text,
                0,
                &AnswerValue::Text("  Pelatihan SIMPUS  ".into())
            ),
            Ok(Answer::Text("Pelatihan SIMPUS".into()))
        );
        let code = |s: String| {
            check_answer(QuestionKind::Text, 0, &AnswerValue::Text(s)).map_err(|(c, _)| c)
        };
        assert_eq!(code(" \n ".into()), Err("required"));
        assert_eq!(code("é".repeat(4001)), Err("too_long"));
        assert!(code("é".repeat(4000)).is_ok());
        let e = check_answer(QuestionKind::Text, 0, &AnswerValue::Number(1));
        assert_eq!(e.map_err(|(c, _)| c), Err("wrong_type"));
    }

    #[test]
    fn answer_values_are_read_from_plain_json() {
        let read = |s: &str| serde_json::from_str::<AnswerValue>(s).expect(s);
        assert_eq!(read("4"), AnswerValue::Number(4));
        assert_eq!(read("[0, 2]"), AnswerValue::List(vec![0, 2]));
        assert_eq!(read("\"Ya\""), AnswerValue::Text("Ya".into()));
        assert!(serde_json::from_str::<AnswerValue>("{\"a\": 1}").is_err());
        assert_eq!(
            serde_json::to_string(&AnswerValue::List(vec![1])).expect("json"),
            "[1]"
        );
    }

    #[test]
    fn checked_answers_are_stored_with_their_kind() {
        let cases = [
            (Answer::Likert(4), r#"{"kind":"likert","value":4}"#),
            (Answer::Single(1), r#"{"kind":"single","value":1}"#),
            (
                Answer::Multiple(vec![0, 2]),
                r#"{"kind":"multiple","value":[0,2]}"#,
            ),
            (Answer::Text("Ya".into()), r#"{"kind":"text","value":"Ya"}"#),
        ];
        for (answer, json) in cases {
            assert_eq!(serde_json::to_string(&answer).expect("json"), json);
            assert_eq!(serde_json::from_str::<Answer>(json).expect("json"), answer);
        }
    }

    #[test]
    fn likert_results_have_five_buckets_and_a_mean() {
        let answers = [
            Answer::Likert(5),
            Answer::Likert(4),
            Answer::Likert(4),
            Answer::Likert(1),
            Answer::Likert(0),
            Answer::Likert(9),
            Answer::Text("ignored".into()),
            Answer::Single(2),
        ];
        let r = aggregate(QuestionKind::Likert, 0, &answers);
        assert_eq!(r.responses, 4);
        assert_eq!(r.distribution, [1, 0, 0, 2, 1]);
        assert_eq!(r.mean, Some(3.5));

        let r = aggregate(
            QuestionKind::Likert,
            0,
            &[Answer::Likert(1), Answer::Likert(2), Answer::Likert(2)],
        );
        assert_eq!(r.mean, Some(1.67));

        let r = aggregate(QuestionKind::Likert, 0, &[]);
        assert_eq!((r.responses, r.mean), (0, None));
        assert_eq!(r.distribution, [0; 5]);
    }

    #[test]
    fn single_choice_results_count_each_option() {
        let answers = [
            Answer::Single(0),
            Answer::Single(2),
            Answer::Single(2),
            Answer::Single(7),
            Answer::Multiple(vec![1]),
            Answer::Likert(1),
        ];
        let r = aggregate(QuestionKind::SingleChoice, 3, &answers);
        assert_eq!(r.responses, 3);
        assert_eq!(r.distribution, [1, 0, 2]);
        assert_eq!(r.mean, None);
    }

    #[test]
    fn multiple_choice_results_count_every_chosen_option() {
        let answers = [
            Answer::Multiple(vec![0, 1]),
            Answer::Multiple(vec![1, 2]),
            Answer::Multiple(vec![1, 1]),
            Answer::Multiple(vec![5]),
            Answer::Single(0),
        ];
        let r = aggregate(QuestionKind::MultipleChoice, 3, &answers);
        assert_eq!(
            r.responses, 3,
            "the answer with only an unknown option is ignored"
        );
        assert_eq!(r.distribution, [1, 3, 1]);
        assert_eq!(r.mean, None);
    }

    #[test]
    fn text_results_count_responses_only() {
        let answers = [
            Answer::Text("a".into()),
            Answer::Text("b".into()),
            Answer::Likert(3),
        ];
        let r = aggregate(QuestionKind::Text, 0, &answers);
        assert_eq!(
            r,
            QuestionResult {
                responses: 2,
                mean: None,
                distribution: vec![]
            }
        );
    }

    #[test]
    fn the_likert_need_rises_with_the_mean() {
        assert_eq!(likert_need(1.0), 0.0);
        assert_eq!(likert_need(3.0), 0.5);
        assert_eq!(likert_need(4.0), 0.75);
        assert_eq!(likert_need(5.0), 1.0);
        assert_eq!(likert_need(0.0), 0.0);
        assert_eq!(likert_need(7.0), 1.0);
        assert_eq!(likert_need(f64::NAN), 0.0);
        assert!(likert_need(2.0) < likert_need(2.5));
    }

    #[test]
    fn kinds_and_audiences_have_stable_strings() {
        assert_eq!(QuestionKind::MultipleChoice.as_str(), "multiple_choice");
        assert_eq!(
            "single_choice".parse::<QuestionKind>().ok(),
            Some(QuestionKind::SingleChoice)
        );
        assert_eq!(
            "supervisors".parse::<SurveyAudience>().ok(),
            Some(SurveyAudience::Supervisors)
        );
        assert_eq!(
            serde_json::to_string(&SurveyAudience::Public).expect("json"),
            "\"public\""
        );
        assert_eq!(
            serde_json::to_string(&QuestionKind::SingleChoice).expect("json"),
            "\"single_choice\""
        );
    }
}
