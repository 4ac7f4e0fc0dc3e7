//! One citizen's rating (an SKM response) and the integrity rules around it.
//!
//! **What is collected**: the scores, the service received, a coarse respondent profile (sex,
//! age band, education, occupation: the profile PermenPANRB 14/2017's questionnaire asks for),
//! an optional comment, waiting time and ticket number. **Never** a name, a NIK, a phone number
//! or an address; the client's network address is kept only as a salted hash (by the API).
//!
//! **Integrity** without personal data: a response is *flagged* for review — never dropped —
//! when the hidden honeypot field is filled (a form-filling robot), when the same address sent
//! [`ADDRESS_BURST`] or more within [`ADDRESS_WINDOW_MINUTES`] minutes, or when the unit received
//! [`UNIT_BURST`] or more within a minute (counting the response itself). Flagged responses are
//! left out of the index until an administrator accepts them.

use serde::{Deserialize, Serialize};

use super::element::{AnswerValue, Answers};
use super::waiting::MAX_WAITING_MINUTES;
use crate::error::{DomainError, Errors, FieldError};
use crate::people::Sex;

/// Longest service type, in characters.
pub const MAX_SERVICE_TYPE: usize = 200;
/// Longest comment, in characters.
pub const MAX_COMMENT: usize = 1000;
/// Longest ticket (queue or registration number), in characters.
pub const MAX_TICKET: usize = 50;

/// Age bands of the respondent profile (*umur*), in years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgeBand {
    /// Under 20.
    Under20,
    /// 20-29.
    From20To29,
    /// 30-39.
    From30To39,
    /// 40-49.
    From40To49,
    /// 50-59.
    From50To59,
    /// 60 and over.
    From60,
}

crate::string_enum!(AgeBand {
    Under20 => "under_20",
    From20To29 => "20_29",
    From30To39 => "30_39",
    From40To49 => "40_49",
    From50To59 => "50_59",
    From60 => "60_plus",
});

/// Highest education completed (*pendidikan terakhir*), as the SKM questionnaire lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Education {
    /// SD (primary school) or less.
    Sd,
    /// SMP (junior secondary).
    Smp,
    /// SMA/SMK (senior secondary) or equivalent.
    Sma,
    /// D1-D4 (diploma).
    Diploma,
    /// S1 (bachelor).
    S1,
    /// S2 (master).
    S2,
    /// S3 (doctorate).
    S3,
}

crate::string_enum!(Education {
    Sd => "sd",
    Smp => "smp",
    Sma => "sma",
    Diploma => "diploma",
    S1 => "s1",
    S2 => "s2",
    S3 => "s3",
});

/// Occupation (*pekerjaan*), as the SKM questionnaire groups it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Occupation {
    /// PNS, TNI or Polri (civil servant, armed forces, police).
    PnsTniPolri,
    /// Pegawai swasta (private-sector employee).
    PrivateEmployee,
    /// Wirausaha (self-employed).
    Entrepreneur,
    /// Pelajar/mahasiswa (school or university student).
    Student,
    /// Lainnya (anything else, including not working).
    Other,
}

crate::string_enum!(Occupation {
    PnsTniPolri => "pns_tni_polri",
    PrivateEmployee => "private_employee",
    Entrepreneur => "entrepreneur",
    Student => "student",
    Other => "other",
});

/// The respondent's profile: coarse categories only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Respondent {
    pub sex: Sex,
    pub age_band: AgeBand,
    pub education: Education,
    pub occupation: Occupation,
}

/// A rating as the transport layer read it.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingInput {
    /// The answers map's entries: key as sent, value as read.
    pub answers: Vec<(String, AnswerValue)>,
    pub service_type: String,
    pub respondent: Respondent,
    pub comment: Option<String>,
    pub waiting_minutes: Option<i64>,
    pub ticket: Option<String>,
    /// The hidden `website` field; people never see it, robots fill it in.
    pub honeypot: Option<String>,
}

/// A rating whose fields obey the rules.
#[derive(Debug, Clone, PartialEq)]
pub struct NewServiceRating {
    pub answers: Answers,
    /// Trimmed, 1-200 characters.
    pub service_type: String,
    pub respondent: Respondent,
    /// Trimmed; `None` when absent or blank.
    pub comment: Option<String>,
    /// 0-1440.
    pub waiting_minutes: Option<i16>,
    /// Trimmed and upper-cased, so `a-12` and `A-12` are one ticket; `None` when blank.
    pub ticket: Option<String>,
    pub honeypot_filled: bool,
}

fn optional_text(
    errors: &mut Errors,
    field: &str,
    raw: Option<String>,
    max: usize,
) -> Option<String> {
    let v = raw.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty())?;
    if v.chars().count() > max {
        errors.push(FieldError::new(
            field,
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    Some(v)
}

impl NewServiceRating {
    /// Checks a rating; every broken rule is named (`answers.U3`, `service_type`, `comment`,
    /// `waiting_minutes`, `ticket`). The honeypot is not an error: it only flags.
    pub fn parse(input: RatingInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let answers = match Answers::parse(input.answers.iter().map(|(k, v)| (k.as_str(), *v))) {
            Ok(a) => Some(a),
            Err(DomainError::Validation(v)) => {
                v.into_iter().for_each(|e| errors.push(e));
                None
            }
            Err(other) => return Err(other),
        };
        let service_type = input.service_type.trim().to_owned();
        if service_type.is_empty() {
            errors.push(FieldError::new(
                "service_type",
                "required",
                "must name the service received",
            ));
        } else if service_type.chars().count() > MAX_SERVICE_TYPE {
            errors.push(FieldError::new(
                "service_type",
                "too_long",
                format!("must be at most {MAX_SERVICE_TYPE} characters"),
            ));
        }
        let comment = optional_text(&mut errors, "comment", input.comment, MAX_COMMENT);
        let ticket = optional_text(&mut errors, "ticket", input.ticket, MAX_TICKET)
            .map(|t| t.to_uppercase());
        if ticket
            .as_deref()
            .is_some_and(|t| t.chars().any(char::is_control))
        {
            errors.push(FieldError::new(
                "ticket",
                "invalid_value",
                "must not contain control characters",
            ));
        }
        let waiting_minutes = match input.waiting_minutes {
            None => None,
            Some(m) if (0..=MAX_WAITING_MINUTES).contains(&m) => Some(m as i16),
            Some(_) => {
                errors.push(FieldError::new(
                    "waiting_minutes",
                    "out_of_range",
                    format!("must be from 0 to {MAX_WAITING_MINUTES} minutes"),
                ));
                None
            }
        };
        errors.finish()?;
        let answers = answers.ok_or_else(|| DomainError::Internal("answers checked".into()))?;
        Ok(Self {
            answers,
            service_type,
            respondent: input.respondent,
            comment,
            waiting_minutes,
            ticket,
            honeypot_filled: input.honeypot.is_some_and(|h| !h.trim().is_empty()),
        })
    }
}

/// Why a response was set aside for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FlagReason {
    /// The hidden honeypot field was filled in.
    Honeypot,
    /// The same address sent [`ADDRESS_BURST`] or more within [`ADDRESS_WINDOW_MINUTES`].
    AddressBurst,
    /// The unit received [`UNIT_BURST`] or more within [`UNIT_WINDOW_MINUTES`].
    UnitBurst,
}

crate::string_enum!(FlagReason {
    Honeypot => "honeypot",
    AddressBurst => "address_burst",
    UnitBurst => "unit_burst",
});

/// Responses from one address, this one included, that flag it within the window.
pub const ADDRESS_BURST: u64 = 5;
pub const ADDRESS_WINDOW_MINUTES: i64 = 10;
/// Responses to one unit, this one included, that flag it within the window.
pub const UNIT_BURST: u64 = 60;
pub const UNIT_WINDOW_MINUTES: i64 = 1;

/// What was stored just before a response arrived.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecentActivity {
    /// Earlier responses from the same address within [`ADDRESS_WINDOW_MINUTES`].
    pub from_address: u64,
    /// Earlier responses to the same unit within [`UNIT_WINDOW_MINUTES`].
    pub to_unit: u64,
}

/// Whether a response is flagged, and why (the first reason that applies, in the order
/// honeypot, address burst, unit burst).
pub fn flag_reason(honeypot_filled: bool, recent: RecentActivity) -> Option<FlagReason> {
    if honeypot_filled {
        Some(FlagReason::Honeypot)
    } else if recent.from_address + 1 >= ADDRESS_BURST {
        Some(FlagReason::AddressBurst)
    } else if recent.to_unit + 1 >= UNIT_BURST {
        Some(FlagReason::UnitBurst)
    } else {
        None
    }
}

/// Whether a per-minute limit refuses one more submission: `limit` 0 is off; otherwise the
/// submission is refused when `earlier` submissions in the last minute already reach it.
pub fn exceeds_limit(limit: u32, earlier: u64) -> bool {
    limit > 0 && earlier >= u64::from(limit)
}

/// Where a flagged response stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReviewState {
    /// Waiting for an administrator; not counted.
    Pending,
    /// Counted like any other response.
    Accepted,
    /// Kept (responses are never deleted) but never counted.
    Rejected,
}

crate::string_enum!(ReviewState {
    Pending => "pending",
    Accepted => "accepted",
    Rejected => "rejected",
});

impl ReviewState {
    /// Whether a response in this state counts in the index (unflagged responses always do).
    pub fn counts(self) -> bool {
        self == Self::Accepted
    }
}

/// An administrator's decision on a flagged response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    Accept,
    Reject,
}

crate::string_enum!(Decision { Accept => "accept", Reject => "reject" });

impl Decision {
    pub fn state(self) -> ReviewState {
        match self {
            Self::Accept => ReviewState::Accepted,
            Self::Reject => ReviewState::Rejected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> RatingInput {
        RatingInput {
            answers: vec![
                ("U1".into(), AnswerValue::Score(4)),
                ("U2".into(), AnswerValue::Score(3)),
            ],
            service_type: "  Pemeriksaan umum ".into(),
            respondent: Respondent {
                sex: Sex::Female,
                age_band: AgeBand::From30To39,
                education: Education::Sma,
                occupation: Occupation::Entrepreneur,
            },
            comment: Some("  Antrean cepat. ".into()),
            waiting_minutes: Some(25),
            ticket: Some(" a-012 ".into()),
            honeypot: None,
        }
    }

    fn fields(e: DomainError) -> Vec<(String, &'static str)> {
        match e {
            DomainError::Validation(v) => v.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn a_valid_rating_is_trimmed_and_its_ticket_upper_cased() {
        let r = NewServiceRating::parse(input()).expect("valid");
        assert_eq!(r.service_type, "Pemeriksaan umum");
        assert_eq!(r.comment.as_deref(), Some("Antrean cepat."));
        assert_eq!(r.ticket.as_deref(), Some("A-012"));
        assert_eq!(r.waiting_minutes, Some(25));
        assert!(!r.honeypot_filled);
        assert_eq!(r.answers.scores()[0], Some(4));
    }

    #[test]
    fn blank_optional_texts_are_absent() {
        let mut i = input();
        i.comment = Some("   ".into());
        i.ticket = Some("".into());
        i.honeypot = Some("  ".into());
        let r = NewServiceRating::parse(i).expect("valid");
        assert_eq!(
            (r.comment, r.ticket, r.honeypot_filled),
            (None, None, false)
        );
    }

    #[test]
    fn every_broken_rule_is_named_at_once() {
        let mut i = input();
        i.answers.push(("U3".into(), AnswerValue::Score(7)));
        i.answers.push(("U10".into(), AnswerValue::Score(1)));
        i.service_type = " ".into();
        i.comment = Some("x".repeat(MAX_COMMENT + 1));
        i.waiting_minutes = Some(1441);
        i.ticket = Some("T".repeat(MAX_TICKET + 1));
        assert_eq!(
            fields(NewServiceRating::parse(i).expect_err("invalid")),
            [
                ("answers.U10".into(), "unknown_element"),
                ("answers.U3".into(), "out_of_range"),
                ("service_type".into(), "required"),
                ("comment".into(), "too_long"),
                ("ticket".into(), "too_long"),
                ("waiting_minutes".into(), "out_of_range"),
            ]
        );
    }

    #[test]
    fn limits_are_inclusive() {
        let mut i = input();
        i.service_type = "s".repeat(MAX_SERVICE_TYPE);
        i.comment = Some("c".repeat(MAX_COMMENT));
        i.ticket = Some("t".repeat(MAX_TICKET));
        i.waiting_minutes = Some(MAX_WAITING_MINUTES);
        assert!(NewServiceRating::parse(i).is_ok());
        let mut i = input();
        i.waiting_minutes = Some(0);
        assert!(NewServiceRating::parse(i).is_ok());
        let mut i = input();
        i.waiting_minutes = Some(-1);
        i.service_type = "s".repeat(MAX_SERVICE_TYPE + 1);
        assert_eq!(
            fields(NewServiceRating::parse(i).expect_err("invalid")),
            [
                ("service_type".into(), "too_long"),
                ("waiting_minutes".into(), "out_of_range")
            ]
        );
    }

    #[test]
    fn the_honeypot_flags_and_does_not_refuse() {
        let mut i = input();
        i.honeypot = Some("http://spam.example".into());
        let r = NewServiceRating::parse(i).expect("accepted for review");
        assert!(r.honeypot_filled);
        assert_eq!(
            flag_reason(r.honeypot_filled, RecentActivity::default()),
            Some(FlagReason::Honeypot)
        );
    }

    #[test]
    fn the_fifth_response_from_one_address_in_ten_minutes_is_flagged() {
        let from = |n| RecentActivity {
            from_address: n,
            to_unit: n,
        };
        assert_eq!(flag_reason(false, from(3)), None);
        assert_eq!(flag_reason(false, from(4)), Some(FlagReason::AddressBurst));
        assert_eq!(flag_reason(true, from(4)), Some(FlagReason::Honeypot));
    }

    #[test]
    fn the_sixtieth_response_to_a_unit_in_a_minute_is_flagged() {
        let unit = |n| RecentActivity {
            from_address: 0,
            to_unit: n,
        };
        assert_eq!(flag_reason(false, unit(58)), None);
        assert_eq!(flag_reason(false, unit(59)), Some(FlagReason::UnitBurst));
    }

    #[test]
    fn limits_refuse_the_one_past_the_limit_and_zero_is_off() {
        assert!(!exceeds_limit(10, 9));
        assert!(exceeds_limit(10, 10));
        assert!(!exceeds_limit(0, 1_000_000));
        assert!(exceeds_limit(1, 1));
    }

    #[test]
    fn profile_values_have_stable_names() {
        let ages: Vec<&str> = AgeBand::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            ages,
            ["under_20", "20_29", "30_39", "40_49", "50_59", "60_plus"]
        );
        let edu: Vec<&str> = Education::ALL.iter().map(|e| e.as_str()).collect();
        assert_eq!(edu, ["sd", "smp", "sma", "diploma", "s1", "s2", "s3"]);
        let occ: Vec<&str> = Occupation::ALL.iter().map(|o| o.as_str()).collect();
        assert_eq!(
            occ,
            [
                "pns_tni_polri",
                "private_employee",
                "entrepreneur",
                "student",
                "other"
            ]
        );
        for r in FlagReason::ALL {
            assert_eq!(r.as_str().parse::<FlagReason>().ok(), Some(*r));
        }
    }

    #[test]
    fn only_accepted_flagged_responses_count() {
        assert!(ReviewState::Accepted.counts());
        assert!(!ReviewState::Pending.counts());
        assert!(!ReviewState::Rejected.counts());
        assert_eq!(Decision::Accept.state(), ReviewState::Accepted);
        assert_eq!(Decision::Reject.state(), ReviewState::Rejected);
    }
}
