//! Tests (pre-test, post-test, module quizzes): questions with choices, scored automatically.
//!
//! A question is right when exactly the correct choices are picked (all of them for a
//! multiple-answer question, none more). The pass mark is a whole percentage; passing is decided
//! in integers (`right × 100 ≥ pass_mark × total`), so 7 of 10 passes a 70 % mark exactly.

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Errors, FieldError};

/// Most questions in one test.
pub const MAX_QUESTIONS: usize = 100;
/// Most choices in one question.
pub const MAX_CHOICES: usize = 10;

/// Where a test sits in a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestKind {
    /// Before learning starts (Kirkpatrick level 2 baseline).
    Pre,
    /// After learning; a programme may require passing it to complete.
    Post,
    /// A quiz at the end of one module (e-learning).
    Module,
}

crate::string_enum!(TestKind {
    Pre => "pre",
    Post => "post",
    Module => "module",
});

/// One question, with its answer key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub prompt: String,
    pub choices: Vec<String>,
    /// Indexes of the right choices, ascending, at least one.
    pub correct: Vec<u8>,
    /// Whether more than one choice may be picked.
    pub multiple: bool,
}

/// A test's questions and pass mark, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizSpec {
    pub pass_mark: u8,
    pub questions: Vec<Question>,
}

impl QuizSpec {
    /// Checks every question; errors name `questions[i].field`.
    pub fn parse(pass_mark: i64, questions: Vec<Question>) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        if !(0..=100).contains(&pass_mark) {
            errors.push(FieldError::new(
                "pass_mark",
                "out_of_range",
                "must be from 0 to 100",
            ));
        }
        if questions.is_empty() {
            errors.push(FieldError::new(
                "questions",
                "required",
                "needs at least one question",
            ));
        } else if questions.len() > MAX_QUESTIONS {
            errors.push(FieldError::new(
                "questions",
                "too_many",
                format!("at most {MAX_QUESTIONS} questions"),
            ));
        }
        let mut clean = Vec::with_capacity(questions.len());
        for (i, q) in questions.into_iter().enumerate() {
            let at = |f: &str| format!("questions[{i}].{f}");
            let prompt = q.prompt.trim().to_owned();
            if prompt.is_empty() {
                errors.push(FieldError::new(at("prompt"), "required", "is required"));
            } else if prompt.chars().count() > 2000 {
                errors.push(FieldError::new(
                    at("prompt"),
                    "too_long",
                    "must be at most 2000 characters",
                ));
            }
            let choices: Vec<String> = q.choices.iter().map(|c| c.trim().to_owned()).collect();
            if !(2..=MAX_CHOICES).contains(&choices.len()) {
                errors.push(FieldError::new(
                    at("choices"),
                    "out_of_range",
                    format!("needs 2 to {MAX_CHOICES} choices"),
                ));
            } else if choices
                .iter()
                .any(|c| c.is_empty() || c.chars().count() > 500)
            {
                errors.push(FieldError::new(
                    at("choices"),
                    "invalid",
                    "every choice needs 1 to 500 characters",
                ));
            } else if (1..choices.len()).any(|j| choices[..j].contains(&choices[j])) {
                errors.push(FieldError::new(
                    at("choices"),
                    "duplicate",
                    "choices must differ",
                ));
            }
            let mut correct = q.correct.clone();
            correct.sort_unstable();
            correct.dedup();
            if correct.is_empty() {
                errors.push(FieldError::new(
                    at("correct"),
                    "required",
                    "name at least one right choice",
                ));
            } else if correct.iter().any(|&c| usize::from(c) >= choices.len()) {
                errors.push(FieldError::new(
                    at("correct"),
                    "out_of_range",
                    "names a choice that does not exist",
                ));
            } else if !q.multiple && correct.len() > 1 {
                errors.push(FieldError::new(
                    at("correct"),
                    "too_many",
                    "a single-answer question has one right choice",
                ));
            }
            clean.push(Question {
                prompt,
                choices,
                correct,
                multiple: q.multiple,
            });
        }
        errors.finish()?;
        Ok(Self {
            pass_mark: pass_mark as u8,
            questions: clean,
        })
    }

    /// Scores one attempt: `answers[i]` holds the picked choices of question `i`.
    pub fn score(&self, answers: &[Vec<u8>]) -> Result<Score, DomainError> {
        if answers.len() != self.questions.len() {
            return Err(DomainError::field(
                "answers",
                "wrong_length",
                format!("answer all {} questions", self.questions.len()),
            ));
        }
        let mut errors = Errors::new();
        let mut right = 0u32;
        for (i, (q, a)) in self.questions.iter().zip(answers).enumerate() {
            let mut picked = a.clone();
            picked.sort_unstable();
            picked.dedup();
            if picked.iter().any(|&c| usize::from(c) >= q.choices.len()) {
                errors.push(FieldError::new(
                    format!("answers[{i}]"),
                    "out_of_range",
                    "names a choice that does not exist",
                ));
                continue;
            }
            if !q.multiple && picked.len() > 1 {
                errors.push(FieldError::new(
                    format!("answers[{i}]"),
                    "too_many",
                    "pick one choice",
                ));
                continue;
            }
            if picked == q.correct {
                right += 1;
            }
        }
        errors.finish()?;
        let total = self.questions.len() as u32;
        Ok(Score {
            right,
            total,
            percent: f64::from(right) * 100.0 / f64::from(total),
            passed: right * 100 >= u32::from(self.pass_mark) * total,
        })
    }
}

/// The result of one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub right: u32,
    pub total: u32,
    /// 0-100.
    pub percent: f64,
    pub passed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(choices: usize, correct: &[u8], multiple: bool) -> Question {
        Question {
            prompt: "Apa tujuan manajemen risiko proyek?".into(),
            choices: (0..choices).map(|c| format!("Pilihan {c}")).collect(),
            correct: correct.to_vec(),
            multiple,
        }
    }

    fn ten_questions(pass_mark: i64) -> QuizSpec {
        QuizSpec::parse(pass_mark, (0..10).map(|_| q(4, &[1], false)).collect()).expect("valid")
    }

    #[test]
    fn the_pass_mark_is_exact_at_the_boundary() {
        let quiz = ten_questions(70);
        let answers = |right: usize| -> Vec<Vec<u8>> {
            (0..10)
                .map(|i| if i < right { vec![1] } else { vec![0] })
                .collect()
        };
        let seven = quiz.score(&answers(7)).expect("scored");
        assert_eq!((seven.right, seven.total), (7, 10));
        assert!(seven.passed);
        assert!((seven.percent - 70.0).abs() < 1e-9);
        assert!(!quiz.score(&answers(6)).expect("scored").passed);
        // A 0 % mark passes everyone; a 100 % mark needs every answer right.
        assert!(ten_questions(0).score(&answers(0)).expect("scored").passed);
        assert!(
            !ten_questions(100)
                .score(&answers(9))
                .expect("scored")
                .passed
        );
        assert!(
            ten_questions(100)
                .score(&answers(10))
                .expect("scored")
                .passed
        );
    }

    #[test]
    fn a_third_of_three_questions_does_not_round_up() {
        let quiz = QuizSpec::parse(34, vec![q(2, &[0], false); 3]).expect("valid");
        let s = quiz.score(&[vec![0], vec![1], vec![1]]).expect("scored");
        // 1/3 = 33.3 % < 34 %.
        assert!(!s.passed);
        let quiz = QuizSpec::parse(33, vec![q(2, &[0], false); 3]).expect("valid");
        assert!(
            quiz.score(&[vec![0], vec![1], vec![1]])
                .expect("scored")
                .passed
        );
    }

    #[test]
    fn multiple_answers_need_exactly_the_right_set() {
        let quiz = QuizSpec::parse(100, vec![q(4, &[2, 0], true)]).expect("valid");
        assert_eq!(quiz.questions[0].correct, [0, 2]);
        assert!(quiz.score(&[vec![2, 0]]).expect("scored").passed);
        assert!(quiz.score(&[vec![0, 2, 2]]).expect("scored").passed);
        assert!(!quiz.score(&[vec![0]]).expect("scored").passed);
        assert!(!quiz.score(&[vec![0, 1, 2]]).expect("scored").passed);
        assert!(!quiz.score(&[vec![]]).expect("scored").passed);
    }

    #[test]
    fn bad_answers_are_named_by_index() {
        let quiz = QuizSpec::parse(50, vec![q(3, &[0], false), q(3, &[1], false)]).expect("valid");
        let Err(DomainError::Validation(errs)) = quiz.score(&[vec![5], vec![0, 1]]) else {
            panic!("expected validation errors");
        };
        let got: Vec<_> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [("answers[0]", "out_of_range"), ("answers[1]", "too_many")]
        );
        let Err(DomainError::Validation(errs)) = quiz.score(&[vec![0]]) else {
            panic!("expected a length error");
        };
        assert_eq!(errs[0].code, "wrong_length");
    }

    #[test]
    fn bad_questions_are_all_reported() {
        let mut dup = q(2, &[0], false);
        dup.choices = vec!["Ya".into(), " Ya ".into()];
        let Err(DomainError::Validation(errs)) = QuizSpec::parse(
            101,
            vec![
                Question {
                    prompt: "  ".into(),
                    ..q(4, &[0], false)
                },
                q(1, &[0], false),
                q(4, &[], false),
                q(4, &[4], false),
                q(4, &[0, 1], false),
                dup,
            ],
        ) else {
            panic!("expected validation errors");
        };
        let got: Vec<_> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [
                ("pass_mark", "out_of_range"),
                ("questions[0].prompt", "required"),
                ("questions[1].choices", "out_of_range"),
                ("questions[2].correct", "required"),
                ("questions[3].correct", "out_of_range"),
                ("questions[4].correct", "too_many"),
                ("questions[5].choices", "duplicate"),
            ]
        );
        assert!(QuizSpec::parse(50, vec![]).is_err());
    }
}
