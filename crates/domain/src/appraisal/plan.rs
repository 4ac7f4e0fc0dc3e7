//! The contents of a yearly SKP: its work results (rencana hasil kerja, RHK) with indicator and
//! target, quarterly realisations with evidence, and the supervisor's feedback. Also who a caller
//! is to a plan (owner, rater, admin) and which steps they may take.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::predikat::Rating;
use super::workflow::{Actor, PlanState, Step, next};
use crate::error::{DomainError, Errors, FieldError};

/// Main (utama) or additional (tambahan) work result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Main,
    Additional,
}

crate::string_enum!(Section {
    Main => "main",
    Additional => "additional",
});

/// How the result is measured: quantitatively (a number) or qualitatively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approach {
    Quantitative,
    Qualitative,
}

crate::string_enum!(Approach {
    Quantitative => "quantitative",
    Qualitative => "qualitative",
});

/// Most results one plan may hold.
pub const MAX_RESULTS: usize = 100;

/// Most evidence files one quarterly realisation may hold.
pub const MAX_EVIDENCE_FILES: usize = 10;

/// The years a plan may be for.
pub fn parse_year(year: i64) -> Result<i32, DomainError> {
    if (2000..=2100).contains(&year) {
        Ok(year as i32)
    } else {
        Err(DomainError::field(
            "year",
            "out_of_range",
            "must be a year from 2000 to 2100",
        ))
    }
}

/// One work result as sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultInput {
    pub section: Section,
    pub description: String,
    pub supports_result_id: Option<Uuid>,
    pub indicator: String,
    pub target: String,
    pub approach: Approach,
}

/// A valid work result (texts trimmed).
#[derive(Debug, Clone, PartialEq)]
pub struct NewResult {
    pub section: Section,
    pub description: String,
    pub supports_result_id: Option<Uuid>,
    pub indicator: String,
    pub target: String,
    pub approach: Approach,
}

/// Trims `s` and checks it holds 1 to `max` characters.
fn text(errors: &mut Errors, field: String, s: &str, max: usize) -> String {
    let t = s.trim();
    if t.is_empty() {
        errors.push(FieldError::new(field, "required", "is required"));
    } else if t.chars().count() > max {
        errors.push(FieldError::new(
            field,
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    t.to_owned()
}

/// Checks a plan's whole list of results; each error names `results[i].field`.
pub fn parse_results(inputs: Vec<ResultInput>) -> Result<Vec<NewResult>, DomainError> {
    let mut errors = Errors::new();
    if inputs.len() > MAX_RESULTS {
        errors.push(FieldError::new(
            "results",
            "too_many",
            format!("at most {MAX_RESULTS} results per plan"),
        ));
    }
    let out = inputs
        .into_iter()
        .enumerate()
        .map(|(i, r)| NewResult {
            section: r.section,
            description: text(
                &mut errors,
                format!("results[{i}].description"),
                &r.description,
                1000,
            ),
            supports_result_id: r.supports_result_id,
            indicator: text(
                &mut errors,
                format!("results[{i}].indicator"),
                &r.indicator,
                1000,
            ),
            target: text(&mut errors, format!("results[{i}].target"), &r.target, 500),
            approach: r.approach,
        })
        .collect();
    errors.finish()?;
    Ok(out)
}

/// A quarter of the year, 1 to 4.
pub fn parse_quarter(q: i64) -> Result<i16, DomainError> {
    if (1..=4).contains(&q) {
        Ok(q as i16)
    } else {
        Err(DomainError::field(
            "quarter",
            "out_of_range",
            "must be a quarter from 1 to 4",
        ))
    }
}

/// A valid realisation of one quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRealisation {
    pub realisation: String,
    pub evidence_url: Option<String>,
}

/// Checks a link to evidence: an absolute http or https URL with a host, no spaces.
fn evidence_url(url: &str) -> Result<String, FieldError> {
    let u = url.trim();
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    match host {
        _ if u.chars().count() > 2000 => Err(FieldError::new(
            "evidence_url",
            "too_long",
            "must be at most 2000 characters",
        )),
        Some(h) if !h.is_empty() && !u.chars().any(char::is_whitespace) => Ok(u.to_owned()),
        _ => Err(FieldError::new(
            "evidence_url",
            "invalid_url",
            "must be an http or https address",
        )),
    }
}

impl NewRealisation {
    pub fn parse(realisation: &str, url: Option<&str>) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let realisation = text(&mut errors, "realisation".into(), realisation, 2000);
        let evidence_url = url
            .filter(|u| !u.trim().is_empty())
            .and_then(|u| errors.check(evidence_url(u)));
        errors.finish()?;
        Ok(Self {
            realisation,
            evidence_url,
        })
    }
}

/// Feedback text: 1 to 2000 characters, trimmed.
pub fn parse_feedback(t: &str) -> Result<String, DomainError> {
    let mut errors = Errors::new();
    let t = text(&mut errors, "text".into(), t, 2000);
    errors.finish()?;
    Ok(t)
}

/// Who the caller is to a plan: its owner first, then its rater, then an administrator of its
/// agency; `None` for anyone else (who is told the plan does not exist).
pub fn actor_of(
    owner: Uuid,
    rater: Uuid,
    caller: Option<Uuid>,
    admin_of_agency: bool,
) -> Option<Actor> {
    match caller {
        Some(c) if c == owner => Some(Actor::Owner),
        Some(c) if c == rater => Some(Actor::Supervisor),
        _ if admin_of_agency => Some(Actor::Admin),
        _ => None,
    }
}

/// The steps `actor` may take on a plan in `state`, in workflow order.
pub fn allowed_steps(state: PlanState, actor: Actor) -> Vec<Step> {
    Step::ALL
        .iter()
        .copied()
        .filter(|s| next(state, *s, actor).is_ok())
        .collect()
}

/// The ratings a step carries: `evaluate` needs both (each missing one is named); other steps
/// take none.
pub fn step_ratings(
    step: Step,
    results: Option<Rating>,
    behaviour: Option<Rating>,
) -> Result<Option<(Rating, Rating)>, DomainError> {
    let mut errors = Errors::new();
    if step == Step::Evaluate {
        if results.is_none() {
            errors.push(FieldError::new(
                "results_rating",
                "required",
                "is required to evaluate",
            ));
        }
        if behaviour.is_none() {
            errors.push(FieldError::new(
                "behaviour_rating",
                "required",
                "is required to evaluate",
            ));
        }
        errors.finish()?;
        return Ok(results.zip(behaviour));
    }
    for (field, v) in [
        ("results_rating", results.is_some()),
        ("behaviour_rating", behaviour.is_some()),
    ] {
        if v {
            errors.push(FieldError::new(
                field,
                "not_allowed",
                "only the evaluate step takes ratings",
            ));
        }
    }
    errors.finish()?;
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(description: &str, indicator: &str, target: &str) -> ResultInput {
        ResultInput {
            section: Section::Main,
            description: description.into(),
            supports_result_id: None,
            indicator: indicator.into(),
            target: target.into(),
            approach: Approach::Quantitative,
        }
    }

    fn fields(e: DomainError) -> Vec<(String, &'static str)> {
        match e {
            DomainError::Validation(v) => v.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn results_are_trimmed_and_each_error_names_its_row() {
        let ok = parse_results(vec![input("  Laporan  ", "Jumlah laporan", "12 laporan")])
            .expect("valid");
        assert_eq!(ok[0].description, "Laporan");
        let long = "x".repeat(1001);
        let err = parse_results(vec![
            input("a", "b", "c"),
            input(" ", &long, &"t".repeat(501)),
        ])
        .expect_err("invalid");
        assert_eq!(
            fields(err),
            [
                ("results[1].description".into(), "required"),
                ("results[1].indicator".into(), "too_long"),
                ("results[1].target".into(), "too_long"),
            ]
        );
        assert!(parse_results(vec![input(&"x".repeat(1000), "b", &"t".repeat(500))]).is_ok());
        let many = vec![input("a", "b", "c"); MAX_RESULTS + 1];
        assert_eq!(
            fields(parse_results(many).expect_err("too many"))[0].1,
            "too_many"
        );
    }

    #[test]
    fn years_and_quarters() {
        assert_eq!(parse_year(2026).ok(), Some(2026));
        assert!(parse_year(1999).is_err() && parse_year(2101).is_err());
        for q in 1..=4 {
            assert_eq!(parse_quarter(q).ok(), Some(q as i16));
        }
        for q in [0, 5, -1] {
            assert_eq!(
                fields(parse_quarter(q).expect_err("q")),
                [("quarter".into(), "out_of_range")]
            );
        }
    }

    #[test]
    fn realisations_and_evidence_links() {
        let r = NewRealisation::parse(" 3 laporan ", Some("https://drive.example.id/a b"));
        assert_eq!(
            fields(r.expect_err("space")),
            [("evidence_url".into(), "invalid_url")]
        );
        for bad in ["ftp://x.id/f", "https://", "javascript:alert(1)", "x.id"] {
            assert!(NewRealisation::parse("a", Some(bad)).is_err(), "{bad}");
        }
        let ok = NewRealisation::parse(" 3 laporan ", Some("http://x.id/f?a=1")).expect("ok");
        assert_eq!(ok.realisation, "3 laporan");
        assert_eq!(ok.evidence_url.as_deref(), Some("http://x.id/f?a=1"));
        assert_eq!(
            NewRealisation::parse("a", Some("  "))
                .expect("ok")
                .evidence_url,
            None
        );
        assert_eq!(
            fields(NewRealisation::parse("", None).expect_err("empty")),
            [("realisation".into(), "required")]
        );
        assert!(NewRealisation::parse(&"r".repeat(2001), None).is_err());
        assert_eq!(parse_feedback(" Bagus ").ok().as_deref(), Some("Bagus"));
        assert!(parse_feedback("").is_err() && parse_feedback(&"f".repeat(2001)).is_err());
    }

    #[test]
    fn who_the_caller_is_to_a_plan() {
        let (owner, rater, other) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        assert_eq!(
            actor_of(owner, rater, Some(owner), true),
            Some(Actor::Owner)
        );
        assert_eq!(
            actor_of(owner, rater, Some(rater), true),
            Some(Actor::Supervisor)
        );
        assert_eq!(
            actor_of(owner, rater, Some(other), true),
            Some(Actor::Admin)
        );
        assert_eq!(actor_of(owner, rater, None, true), Some(Actor::Admin));
        assert_eq!(actor_of(owner, rater, Some(other), false), None);
        assert_eq!(actor_of(owner, rater, None, false), None);
    }

    #[test]
    fn allowed_steps_follow_the_workflow() {
        use PlanState::*;
        assert_eq!(allowed_steps(Draft, Actor::Supervisor), [Step::Agree]);
        assert!(allowed_steps(Draft, Actor::Owner).is_empty());
        assert_eq!(allowed_steps(Agreed, Actor::Owner), [Step::Start]);
        assert_eq!(
            allowed_steps(Evaluated, Actor::Supervisor),
            [Step::ReturnEvaluation, Step::Finalise]
        );
        assert_eq!(allowed_steps(Evaluated, Actor::Admin), [Step::Finalise]);
        assert!(allowed_steps(Final, Actor::Supervisor).is_empty());
    }

    #[test]
    fn evaluate_needs_both_ratings_and_nothing_else_takes_them() {
        use Rating::*;
        assert_eq!(
            step_ratings(Step::Evaluate, Some(Above), Some(AsExpected)).ok(),
            Some(Some((Above, AsExpected)))
        );
        assert_eq!(
            fields(step_ratings(Step::Evaluate, Some(Above), None).expect_err("missing")),
            [("behaviour_rating".into(), "required")]
        );
        assert_eq!(
            fields(step_ratings(Step::Evaluate, None, None).expect_err("x")).len(),
            2
        );
        assert_eq!(step_ratings(Step::Agree, None, None).ok(), Some(None));
        assert_eq!(
            fields(step_ratings(Step::Finalise, Some(Above), None).expect_err("x")),
            [("results_rating".into(), "not_allowed")]
        );
    }
}
