//! Training evaluation by Kirkpatrick's levels (domain.md §5): reaction (level 1), learning from
//! the pre- and post-test (level 2), and the behaviour follow-up months later (level 3).

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Errors, FieldError};

/// Longest free text of a reaction or a follow-up answer, in characters.
pub const MAX_TEXT: usize = 2000;

// ---------------------------------------------------------------- level 1: reaction

/// A participant's reaction to a session, each aspect rated 1 (poor) to 5 (excellent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reaction {
    pub organisation: u8,
    pub trainers: u8,
    pub materials: u8,
    pub comment: Option<String>,
}

impl Reaction {
    pub fn parse(
        organisation: i64,
        trainers: i64,
        materials: i64,
        comment: Option<String>,
    ) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        for (field, v) in [
            ("organisation", organisation),
            ("trainers", trainers),
            ("materials", materials),
        ] {
            if !(1..=5).contains(&v) {
                errors.push(FieldError::new(
                    field,
                    "out_of_range",
                    "must be from 1 to 5",
                ));
            }
        }
        let comment = comment
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        if comment
            .as_ref()
            .is_some_and(|c| c.chars().count() > MAX_TEXT)
        {
            errors.push(FieldError::new(
                "comment",
                "too_long",
                format!("must be at most {MAX_TEXT} characters"),
            ));
        }
        errors.finish()?;
        Ok(Self {
            organisation: organisation as u8,
            trainers: trainers as u8,
            materials: materials as u8,
            comment,
        })
    }
}

/// Whether a participant may give their reaction on `today`: from the session's last day on
/// (the day a classroom session completes), or once their own enrolment is completed (the only
/// way for a self-paced session without an end date).
pub fn check_reaction_open(
    end_date: Option<NaiveDate>,
    completed: bool,
    today: NaiveDate,
) -> Result<(), DomainError> {
    if completed {
        return Ok(());
    }
    match end_date {
        Some(end) if today >= end => Ok(()),
        Some(end) => Err(DomainError::conflict(
            "session_not_over",
            None,
            format!("the session runs until {end}: the reaction opens on its last day"),
        )),
        None => Err(DomainError::conflict(
            "session_not_over",
            None,
            "this self-paced session has no end date: the reaction opens once you complete it",
        )),
    }
}

/// The reactions to a session (or several), added up as they come.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ReactionTally {
    pub respondents: u32,
    organisation: u32,
    trainers: u32,
    materials: u32,
}

/// Mean ratings, each 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReactionMeans {
    pub organisation: f64,
    pub trainers: f64,
    pub materials: f64,
    /// The mean of the three aspects.
    pub overall: f64,
}

impl ReactionTally {
    pub fn add(&mut self, r: &Reaction) {
        self.respondents += 1;
        self.organisation += u32::from(r.organisation);
        self.trainers += u32::from(r.trainers);
        self.materials += u32::from(r.materials);
    }

    pub fn merge(&mut self, other: &Self) {
        self.respondents += other.respondents;
        self.organisation += other.organisation;
        self.trainers += other.trainers;
        self.materials += other.materials;
    }

    /// The means, or `None` without any reaction.
    pub fn means(&self) -> Option<ReactionMeans> {
        if self.respondents == 0 {
            return None;
        }
        let n = f64::from(self.respondents);
        let (o, t, m) = (
            f64::from(self.organisation) / n,
            f64::from(self.trainers) / n,
            f64::from(self.materials) / n,
        );
        Some(ReactionMeans {
            organisation: o,
            trainers: t,
            materials: m,
            overall: (o + t + m) / 3.0,
        })
    }
}

/// `part` of `whole` as a share from 0 to 1; `None` of nothing.
pub fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

// ---------------------------------------------------------------- level 2: learning

/// Hake's normalised gain of one participant: the share of what they could still learn that
/// they did learn, `(post − pre) ÷ (100 − pre)`. `None` when the pre-test was already 100 %
/// (nothing left to gain). Negative when the post-test is lower.
pub fn normalised_gain(pre_percent: f64, post_percent: f64) -> Option<f64> {
    if !(pre_percent.is_finite() && post_percent.is_finite()) || pre_percent >= 100.0 {
        return None;
    }
    Some((post_percent - pre_percent) / (100.0 - pre_percent))
}

/// Hake's bands for a normalised gain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GainBand {
    /// g ≥ 0.7
    High,
    /// 0.3 ≤ g < 0.7
    Medium,
    /// g < 0.3
    Low,
}

crate::string_enum!(GainBand {
    High => "high",
    Medium => "medium",
    Low => "low",
});

pub fn band(g: f64) -> GainBand {
    if g >= 0.7 {
        GainBand::High
    } else if g >= 0.3 {
        GainBand::Medium
    } else {
        GainBand::Low
    }
}

/// A session's learning: participants with both tests, their mean scores, the raw gain in
/// percentage points and the class gain `(⟨post⟩ − ⟨pre⟩) ÷ (100 − ⟨pre⟩)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SessionGain {
    pub participants: u32,
    pub mean_pre: f64,
    pub mean_post: f64,
    pub raw_gain: f64,
    pub normalised_gain: Option<f64>,
}

/// Aggregates (pre, post) pairs; `None` without any pair.
pub fn session_gain(pairs: &[(f64, f64)]) -> Option<SessionGain> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mean_pre = pairs.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_post = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    Some(SessionGain {
        participants: pairs.len() as u32,
        mean_pre,
        mean_post,
        raw_gain: mean_post - mean_pre,
        normalised_gain: normalised_gain(mean_pre, mean_post),
    })
}

// ---------------------------------------------------------------- level 3: behaviour

/// Months after completion when the behaviour follow-up is due, unless the agency says
/// otherwise (domain.md §5: default 6, configurable).
pub const DEFAULT_FOLLOW_UP_MONTHS: u32 = 6;

/// Checks an agency's follow-up window: 1 to 24 months.
pub fn follow_up_months(months: i64) -> Result<u32, FieldError> {
    if (1..=24).contains(&months) {
        Ok(months as u32)
    } else {
        Err(FieldError::new(
            "follow_up_months",
            "out_of_range",
            "must be from 1 to 24 months",
        ))
    }
}

/// The day the follow-up is due: `months` after completion, on the same day of the month or
/// the month's last day when it is shorter (31 August + 6 months = 28 or 29 February).
pub fn follow_up_due(completed_on: NaiveDate, months: u32) -> NaiveDate {
    completed_on
        .checked_add_months(Months::new(months))
        .unwrap_or(completed_on)
}

/// Days past due after which an unanswered follow-up is overdue.
pub const OVERDUE_AFTER_DAYS: i64 = 30;

/// Where a follow-up task stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    /// Not due yet: no task is created.
    NotDue,
    /// Due: the participant and the supervisor each have a task.
    Open,
    /// Reminders go out 7 and 14 days after the due date.
    Remind,
    /// More than 30 days past due without an answer: listed for admins.
    Overdue,
    Answered,
}

/// The status of a follow-up due on `due`, on `today` (time is given, never read).
pub fn follow_up_status(due: NaiveDate, today: NaiveDate, answered: bool) -> FollowUpStatus {
    if answered {
        return FollowUpStatus::Answered;
    }
    let late = (today - due).num_days();
    match late {
        d if d < 0 => FollowUpStatus::NotDue,
        d if d > OVERDUE_AFTER_DAYS => FollowUpStatus::Overdue,
        7 | 14 => FollowUpStatus::Remind,
        _ => FollowUpStatus::Open,
    }
}

/// The latest completion date whose follow-up is due by `today` with a window of `months`:
/// completions on or before it get their tasks. (Month ends make the window shorter for some
/// days: completions on 29-31 August are all due on 28 February.)
pub fn latest_completion_due(today: NaiveDate, months: u32) -> NaiveDate {
    let mut d = today
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN);
    while let Some(next) = d.checked_add_days(Days::new(1)) {
        if follow_up_due(next, months) > today {
            break;
        }
        d = next;
    }
    d
}

/// The due dates before which an unanswered follow-up is overdue on `today`.
pub fn overdue_before(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(Days::new(OVERDUE_AFTER_DAYS as u64))
        .unwrap_or(NaiveDate::MIN)
}

/// Days between reminders of an open follow-up, unless the agency says otherwise.
pub const DEFAULT_REMINDER_DAYS: u32 = 14;

/// Checks an agency's reminder interval: 1 to 90 days.
pub fn reminder_days(days: i64) -> Result<u32, FieldError> {
    if (1..=90).contains(&days) {
        Ok(days as u32)
    } else {
        Err(FieldError::new(
            "reminder_days",
            "out_of_range",
            "must be from 1 to 90 days",
        ))
    }
}

/// An open follow-up is reminded on `today` when its last reminder, or if none its due date
/// and the day it was opened, lie at least `interval` days back: that is on or before the
/// day this returns.
pub fn remind_on_or_before(today: NaiveDate, interval: u32) -> NaiveDate {
    today
        .checked_sub_days(Days::new(u64::from(interval)))
        .unwrap_or(NaiveDate::MIN)
}

/// Who answers a follow-up: the participant about themselves, or their direct supervisor
/// about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpRole {
    Participant,
    Supervisor,
}

crate::string_enum!(FollowUpRole {
    Participant => "participant",
    Supervisor => "supervisor",
});

/// Whether what was learnt is used at work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Usage {
    NotUsed,
    Partly,
    Regularly,
}

crate::string_enum!(Usage {
    NotUsed => "not_used",
    Partly => "partly",
    Regularly => "regularly",
});

impl Usage {
    /// Partly or regularly: the learning is used.
    pub fn is_used(self) -> bool {
        !matches!(self, Self::NotUsed)
    }
}

/// An answer to a follow-up: how far the learning is used, examples of it (required unless it
/// is not used) and what stands in the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpAnswer {
    pub usage: Usage,
    pub examples: Option<String>,
    pub barriers: Option<String>,
}

impl FollowUpAnswer {
    pub fn parse(
        usage: Usage,
        examples: Option<String>,
        barriers: Option<String>,
    ) -> Result<Self, DomainError> {
        let tidy = |t: Option<String>| t.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        let (examples, barriers) = (tidy(examples), tidy(barriers));
        let mut errors = Errors::new();
        if examples.is_none() && usage.is_used() {
            errors.push(FieldError::new(
                "examples",
                "required",
                "give an example of how the learning is used at work",
            ));
        }
        for (field, text) in [("examples", &examples), ("barriers", &barriers)] {
            if text.as_ref().is_some_and(|t| t.chars().count() > MAX_TEXT) {
                errors.push(FieldError::new(
                    field,
                    "too_long",
                    format!("must be at most {MAX_TEXT} characters"),
                ));
            }
        }
        errors.finish()?;
        Ok(Self {
            usage,
            examples,
            barriers,
        })
    }
}

/// Days during which a given answer may still be changed.
pub const AMEND_DAYS: i64 = 7;

/// The last moment an answer first given at `answered_at` may be amended.
pub fn amendable_until(answered_at: DateTime<Utc>) -> DateTime<Utc> {
    answered_at + chrono::Duration::days(AMEND_DAYS)
}

/// Fails once the amendment window of an answer first given at `answered_at` has closed.
pub fn check_amendable(answered_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), DomainError> {
    let until = amendable_until(answered_at);
    if now <= until {
        Ok(())
    } else {
        Err(DomainError::conflict(
            "amend_window_closed",
            None,
            format!(
                "an answer can be amended for {AMEND_DAYS} days; this one closed at {}",
                until.format("%Y-%m-%d %H:%M UTC")
            ),
        ))
    }
}

/// Follow-up tasks of one role: how many were created and answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleTally {
    pub created: u32,
    pub answered: u32,
}

impl RoleTally {
    pub fn response_rate(&self) -> Option<f64> {
        share(self.answered, self.created)
    }
}

/// Level 3 of a session (or several): tasks and answers by role, the answers by usage, and
/// how many are overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BehaviourTally {
    pub participant: RoleTally,
    pub supervisor: RoleTally,
    pub not_used: u32,
    pub partly: u32,
    pub regularly: u32,
    pub overdue: u32,
}

impl BehaviourTally {
    /// Counts one task: its role, its answer's usage (if answered) and its status today.
    pub fn add(&mut self, role: FollowUpRole, usage: Option<Usage>, status: FollowUpStatus) {
        let r = match role {
            FollowUpRole::Participant => &mut self.participant,
            FollowUpRole::Supervisor => &mut self.supervisor,
        };
        r.created += 1;
        if let Some(u) = usage {
            r.answered += 1;
            match u {
                Usage::NotUsed => self.not_used += 1,
                Usage::Partly => self.partly += 1,
                Usage::Regularly => self.regularly += 1,
            }
        }
        if status == FollowUpStatus::Overdue {
            self.overdue += 1;
        }
    }

    pub fn merge(&mut self, o: &Self) {
        self.participant.created += o.participant.created;
        self.participant.answered += o.participant.answered;
        self.supervisor.created += o.supervisor.created;
        self.supervisor.answered += o.supervisor.answered;
        self.not_used += o.not_used;
        self.partly += o.partly;
        self.regularly += o.regularly;
        self.overdue += o.overdue;
    }

    pub fn created(&self) -> u32 {
        self.participant.created + self.supervisor.created
    }

    pub fn answered(&self) -> u32 {
        self.participant.answered + self.supervisor.answered
    }

    /// The share of answers saying the learning is used (partly or regularly).
    pub fn used_share(&self) -> Option<f64> {
        share(self.partly + self.regularly, self.answered())
    }
}

/// The year a follow-up belongs to in reports: the year it fell due.
pub fn follow_up_year(due: NaiveDate) -> i32 {
    due.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn reactions_are_one_to_five() {
        assert!(Reaction::parse(5, 4, 1, Some("  ".into())).is_ok_and(|r| r.comment.is_none()));
        let Err(DomainError::Validation(errs)) = Reaction::parse(0, 6, 3, None) else {
            panic!("expected errors");
        };
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["organisation", "trainers"]);
    }

    #[test]
    fn normalised_gain_is_hakes() {
        // From 40 to 70: 30 of the 60 points left = 0.5.
        assert_eq!(normalised_gain(40.0, 70.0), Some(0.5));
        assert_eq!(normalised_gain(0.0, 100.0), Some(1.0));
        assert_eq!(normalised_gain(50.0, 25.0), Some(-0.5));
        assert_eq!(normalised_gain(100.0, 100.0), None);
        assert_eq!(normalised_gain(f64::NAN, 10.0), None);
        assert_eq!(band(0.7), GainBand::High);
        assert_eq!(band(0.699), GainBand::Medium);
        assert_eq!(band(0.3), GainBand::Medium);
        assert_eq!(band(0.299), GainBand::Low);
        assert_eq!(band(-0.2), GainBand::Low);
    }

    #[test]
    fn a_sessions_gain_uses_the_class_means() {
        let g = session_gain(&[(40.0, 80.0), (60.0, 80.0)]).expect("gain");
        assert_eq!(g.participants, 2);
        assert_eq!((g.mean_pre, g.mean_post, g.raw_gain), (50.0, 80.0, 30.0));
        assert_eq!(g.normalised_gain, Some(0.6));
        assert_eq!(session_gain(&[]), None);
    }

    #[test]
    fn the_follow_up_falls_due_months_later_at_month_end_when_shorter() {
        assert_eq!(follow_up_due(d("2026-03-15"), 6), d("2026-09-15"));
        assert_eq!(follow_up_due(d("2026-08-31"), 6), d("2027-02-28"));
        assert_eq!(follow_up_due(d("2027-08-31"), 6), d("2028-02-29"));
        assert_eq!(follow_up_due(d("2026-12-31"), 1), d("2027-01-31"));
        assert_eq!(follow_up_year(follow_up_due(d("2026-08-31"), 6)), 2027);
        assert_eq!(follow_up_months(6), Ok(6));
        assert!(follow_up_months(0).is_err() && follow_up_months(25).is_err());
    }

    #[test]
    fn follow_up_status_by_the_day() {
        let due = d("2027-02-28");
        let on = |s: &str| follow_up_status(due, d(s), false);
        assert_eq!(on("2027-02-27"), FollowUpStatus::NotDue);
        assert_eq!(on("2027-02-28"), FollowUpStatus::Open);
        assert_eq!(on("2027-03-07"), FollowUpStatus::Remind);
        assert_eq!(on("2027-03-08"), FollowUpStatus::Open);
        assert_eq!(on("2027-03-14"), FollowUpStatus::Remind);
        assert_eq!(on("2027-03-30"), FollowUpStatus::Open);
        assert_eq!(on("2027-03-31"), FollowUpStatus::Overdue);
        assert_eq!(
            follow_up_status(due, d("2027-06-01"), true),
            FollowUpStatus::Answered
        );
    }

    #[test]
    fn the_reaction_opens_on_the_last_day_or_on_completion() {
        let end = Some(d("2026-03-20"));
        assert!(check_reaction_open(end, false, d("2026-03-20")).is_ok());
        assert!(check_reaction_open(end, false, d("2026-04-01")).is_ok());
        assert!(matches!(
            check_reaction_open(end, false, d("2026-03-19")),
            Err(DomainError::Conflict {
                code: "session_not_over",
                ..
            })
        ));
        assert!(check_reaction_open(end, true, d("2026-03-01")).is_ok());
        assert!(check_reaction_open(None, false, d("2030-01-01")).is_err());
        assert!(check_reaction_open(None, true, d("2026-01-01")).is_ok());
    }

    #[test]
    fn reactions_add_up_to_means_per_aspect() {
        let mut t = ReactionTally::default();
        assert_eq!(t.means(), None);
        for (o, tr, m) in [(5, 4, 3), (3, 4, 5)] {
            t.add(&Reaction::parse(o, tr, m, None).expect("reaction"));
        }
        let mut all = ReactionTally::default();
        all.merge(&t);
        all.add(&Reaction::parse(1, 1, 1, None).expect("reaction"));
        let m = t.means().expect("means");
        assert_eq!(
            (m.organisation, m.trainers, m.materials, m.overall),
            (4.0, 4.0, 4.0, 4.0)
        );
        assert_eq!(all.respondents, 3);
        assert_eq!(all.means().map(|m| m.organisation), Some(3.0));
        assert_eq!(share(1, 4), Some(0.25));
        assert_eq!(share(0, 0), None);
    }

    #[test]
    fn completions_get_tasks_up_to_the_last_date_due_by_today() {
        assert_eq!(latest_completion_due(d("2026-09-15"), 6), d("2026-03-15"));
        // 29-31 August are all due on 28 February.
        assert_eq!(latest_completion_due(d("2027-02-28"), 6), d("2026-08-31"));
        assert_eq!(latest_completion_due(d("2027-03-01"), 6), d("2026-09-01"));
        assert_eq!(latest_completion_due(d("2026-08-31"), 6), d("2026-02-28"));
        for today in ["2027-02-27", "2027-02-28", "2027-03-01", "2026-12-31"] {
            let today = d(today);
            for months in [1, 6, 24] {
                let last = latest_completion_due(today, months);
                assert!(follow_up_due(last, months) <= today);
                assert!(follow_up_due(last + Days::new(1), months) > today);
            }
        }
    }

    #[test]
    fn overdue_and_reminder_cut_offs_agree_with_the_status() {
        let today = d("2027-03-31");
        let cut = overdue_before(today);
        assert_eq!(cut, d("2027-03-01"));
        assert_eq!(follow_up_status(cut, today, false), FollowUpStatus::Open);
        assert_eq!(
            follow_up_status(cut - Days::new(1), today, false),
            FollowUpStatus::Overdue
        );
        assert_eq!(remind_on_or_before(d("2027-03-14"), 14), d("2027-02-28"));
        assert_eq!(reminder_days(14), Ok(14));
        assert!(reminder_days(0).is_err() && reminder_days(91).is_err());
    }

    #[test]
    fn an_answer_needs_examples_unless_the_learning_is_not_used() {
        let a = FollowUpAnswer::parse(Usage::NotUsed, Some("  ".into()), None).expect("answer");
        assert_eq!(a.examples, None);
        let Err(DomainError::Validation(errs)) =
            FollowUpAnswer::parse(Usage::Partly, None, Some("x".repeat(MAX_TEXT + 1)))
        else {
            panic!("expected errors");
        };
        let fields: Vec<_> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(fields, [("examples", "required"), ("barriers", "too_long")]);
        let a = FollowUpAnswer::parse(Usage::Regularly, Some(" Menyusun RAB ".into()), None)
            .expect("answer");
        assert_eq!(a.examples.as_deref(), Some("Menyusun RAB"));
        assert!(Usage::Partly.is_used() && !Usage::NotUsed.is_used());
        assert_eq!("regularly".parse::<Usage>(), Ok(Usage::Regularly));
        assert_eq!(FollowUpRole::Supervisor.as_str(), "supervisor");
    }

    #[test]
    fn answers_can_be_amended_for_seven_days() {
        let at = DateTime::parse_from_rfc3339("2027-03-01T08:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        assert!(check_amendable(at, at + chrono::Duration::days(7)).is_ok());
        assert!(matches!(
            check_amendable(
                at,
                at + chrono::Duration::days(7) + chrono::Duration::seconds(1)
            ),
            Err(DomainError::Conflict {
                code: "amend_window_closed",
                ..
            })
        ));
    }

    #[test]
    fn behaviour_tallies_count_roles_usage_and_overdue() {
        let mut t = BehaviourTally::default();
        t.add(
            FollowUpRole::Participant,
            Some(Usage::Regularly),
            FollowUpStatus::Answered,
        );
        t.add(
            FollowUpRole::Participant,
            Some(Usage::NotUsed),
            FollowUpStatus::Answered,
        );
        t.add(
            FollowUpRole::Supervisor,
            Some(Usage::Partly),
            FollowUpStatus::Answered,
        );
        t.add(FollowUpRole::Supervisor, None, FollowUpStatus::Overdue);
        assert_eq!((t.created(), t.answered(), t.overdue), (4, 3, 1));
        assert_eq!(t.participant.response_rate(), Some(1.0));
        assert_eq!(t.supervisor.response_rate(), Some(0.5));
        assert_eq!(t.used_share(), Some(2.0 / 3.0));
        let mut all = BehaviourTally::default();
        all.merge(&t);
        all.merge(&t);
        assert_eq!((all.created(), all.regularly), (8, 2));
        assert_eq!(BehaviourTally::default().used_share(), None);
    }
}
