//! The life of a yearly SKP: draft → agreed → in progress → evaluated → final, and who may take
//! each step. The employee owns the plan; their direct supervisor (the pejabat penilai) agrees it,
//! gives feedback and rates it. Nobody rates their own plan.

use serde::{Deserialize, Serialize};

use crate::error::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    /// Being written by the employee (and their supervisor).
    Draft,
    /// Expectations agreed with the supervisor.
    Agreed,
    /// Realisations are being recorded.
    InProgress,
    /// Rated by the supervisor; can still be sent back.
    Evaluated,
    /// Closed; the predikat stands.
    Final,
}

crate::string_enum!(PlanState {
    Draft => "draft",
    Agreed => "agreed",
    InProgress => "in_progress",
    Evaluated => "evaluated",
    Final => "final",
});

/// Who is acting on a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The employee whose plan it is.
    Owner,
    /// Their direct supervisor (pejabat penilai).
    Supervisor,
    /// An administrator of the agency (not a rater).
    Admin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The supervisor agrees the plan.
    Agree,
    /// The supervisor reopens an agreed plan for changes.
    Reopen,
    /// The owner starts recording realisations.
    Start,
    /// The supervisor rates results and behaviour.
    Evaluate,
    /// The supervisor sends an evaluation back.
    ReturnEvaluation,
    /// The supervisor (or an admin, when the supervisor cannot) closes the year.
    Finalise,
}

crate::string_enum!(Step {
    Agree => "agree",
    Reopen => "reopen",
    Start => "start",
    Evaluate => "evaluate",
    ReturnEvaluation => "return_evaluation",
    Finalise => "finalise",
});

/// The state after `step` by `actor`, or why it is not allowed.
pub fn next(state: PlanState, step: Step, actor: Actor) -> Result<PlanState, DomainError> {
    use Actor::*;
    use PlanState::*;
    use Step::*;
    let to = match (state, step) {
        (Draft, Agree) => Agreed,
        (Agreed, Reopen) => Draft,
        (Agreed, Start) => InProgress,
        (InProgress, Evaluate) => Evaluated,
        (Evaluated, ReturnEvaluation) => InProgress,
        (Evaluated, Finalise) => Final,
        _ => {
            return Err(DomainError::conflict(
                "invalid_transition",
                Some("step"),
                format!("a plan that is {state} cannot {step}"),
            ));
        }
    };
    let allowed = match step {
        Agree | Reopen | Evaluate | ReturnEvaluation => actor == Supervisor,
        Start => matches!(actor, Owner | Supervisor),
        Finalise => matches!(actor, Supervisor | Admin),
    };
    if !allowed {
        return Err(DomainError::Forbidden(match (step, actor) {
            (Evaluate, Owner) => "nobody rates their own plan".into(),
            _ => format!("{step} is not for this caller"),
        }));
    }
    Ok(to)
}

/// Whether `actor` may change the plan's work results and expectations.
pub fn may_edit(state: PlanState, actor: Actor) -> bool {
    state == PlanState::Draft && matches!(actor, Actor::Owner | Actor::Supervisor)
}

/// Whether `actor` may record quarterly realisations and evidence.
pub fn may_record_realisation(state: PlanState, actor: Actor) -> bool {
    matches!(state, PlanState::Agreed | PlanState::InProgress) && actor == Actor::Owner
}

/// Whether `actor` may leave feedback on a result (at any time once agreed, until final).
pub fn may_give_feedback(state: PlanState, actor: Actor) -> bool {
    matches!(
        state,
        PlanState::Agreed | PlanState::InProgress | PlanState::Evaluated
    ) && actor == Actor::Supervisor
}

/// Whether `actor` may rate a quarter (periodic evaluation): the rater only, while the plan is
/// agreed or in progress.
pub fn may_rate_periodic(state: PlanState, actor: Actor) -> bool {
    check_periodic(state, actor).is_ok()
}

/// Why `actor` may not rate a quarter of a plan in `state`: 403 for anyone but the rater (the
/// owner above all: nobody rates their own plan), 409 `invalid_state` for the rater outside
/// agreed and in progress.
pub fn check_periodic(state: PlanState, actor: Actor) -> Result<(), DomainError> {
    match actor {
        Actor::Owner => Err(DomainError::Forbidden("nobody rates their own plan".into())),
        Actor::Admin => Err(DomainError::Forbidden(
            "only the rater rates a quarter".into(),
        )),
        Actor::Supervisor if matches!(state, PlanState::Agreed | PlanState::InProgress) => Ok(()),
        Actor::Supervisor => Err(DomainError::conflict(
            "invalid_state",
            None,
            format!("a plan that is {state} cannot be rated by quarter"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::Actor::*;
    use super::PlanState::*;
    use super::Step::*;
    use super::*;

    const ACTORS: [Actor; 3] = [Owner, Supervisor, Admin];

    #[test]
    fn every_state_step_and_actor() {
        // (state, step) → (new state, who may)
        let allowed: &[(PlanState, Step, PlanState, &[Actor])] = &[
            (Draft, Agree, Agreed, &[Supervisor]),
            (Agreed, Reopen, Draft, &[Supervisor]),
            (Agreed, Start, InProgress, &[Owner, Supervisor]),
            (InProgress, Evaluate, Evaluated, &[Supervisor]),
            (Evaluated, ReturnEvaluation, InProgress, &[Supervisor]),
            (Evaluated, Finalise, Final, &[Supervisor, Admin]),
        ];
        let steps = [Agree, Reopen, Start, Evaluate, ReturnEvaluation, Finalise];
        for state in PlanState::ALL {
            for step in steps {
                for actor in ACTORS {
                    let got = next(*state, step, actor);
                    match allowed
                        .iter()
                        .find(|(s, st, _, _)| s == state && *st == step)
                    {
                        Some((_, _, to, who)) if who.contains(&actor) => {
                            assert_eq!(got.ok(), Some(*to), "{state} {step} by {actor:?}");
                        }
                        Some(_) => assert!(
                            matches!(got, Err(DomainError::Forbidden(_))),
                            "{state} {step} by {actor:?} must be forbidden"
                        ),
                        None => assert!(
                            matches!(
                                got,
                                Err(DomainError::Conflict {
                                    code: "invalid_transition",
                                    ..
                                })
                            ),
                            "{state} {step} must be an invalid transition"
                        ),
                    }
                }
            }
        }
    }

    #[test]
    fn nobody_rates_their_own_plan() {
        let Err(DomainError::Forbidden(why)) = next(InProgress, Evaluate, Owner) else {
            panic!("owner must not evaluate");
        };
        assert!(why.contains("own plan"));
    }

    #[test]
    fn editing_realisations_and_feedback_follow_the_state() {
        assert!(may_edit(Draft, Owner) && may_edit(Draft, Supervisor));
        assert!(!may_edit(Draft, Admin) && !may_edit(Agreed, Owner));
        assert!(may_record_realisation(InProgress, Owner));
        assert!(!may_record_realisation(InProgress, Supervisor));
        assert!(!may_record_realisation(Evaluated, Owner));
        assert!(may_give_feedback(Agreed, Supervisor) && may_give_feedback(Evaluated, Supervisor));
        assert!(!may_give_feedback(Final, Supervisor) && !may_give_feedback(InProgress, Owner));
    }

    #[test]
    fn only_the_rater_rates_a_quarter_while_the_plan_runs() {
        for state in PlanState::ALL {
            for actor in ACTORS {
                let got = check_periodic(*state, actor);
                match (actor, state) {
                    (Supervisor, Agreed | InProgress) => assert!(got.is_ok()),
                    (Supervisor, _) => assert!(
                        matches!(
                            got,
                            Err(DomainError::Conflict {
                                code: "invalid_state",
                                ..
                            })
                        ),
                        "{state}"
                    ),
                    _ => assert!(matches!(got, Err(DomainError::Forbidden(_)))),
                }
                assert_eq!(may_rate_periodic(*state, actor), got.is_ok());
            }
        }
        let Err(DomainError::Forbidden(why)) = check_periodic(InProgress, Owner) else {
            panic!("owner must not rate");
        };
        assert!(why.contains("own plan"));
    }
}
