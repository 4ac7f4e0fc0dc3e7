//! Sessions (angkatan): one run of a programme, with dates, place or link, trainers, capacity
//! and a waiting list.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Errors, FieldError};

use super::programme::check_link;

/// How a session is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// In a room, on set days; attendance is taken.
    Classroom,
    /// Live online, on set days; attendance is taken.
    Online,
    /// Self-paced: modules open any time; completion by modules (and the post-test).
    ELearning,
}

crate::string_enum!(Delivery {
    Classroom => "classroom",
    Online => "online",
    ELearning => "e_learning",
});

impl Delivery {
    /// Whether attendance is taken per day.
    pub fn takes_attendance(self) -> bool {
        !matches!(self, Self::ELearning)
    }
}

/// Where a participant stands in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentStatus {
    Enrolled,
    /// The session was full; moved up in order when a place frees.
    Waitlisted,
    Completed,
    Cancelled,
}

crate::string_enum!(EnrolmentStatus {
    Enrolled => "enrolled",
    Waitlisted => "waitlisted",
    Completed => "completed",
    Cancelled => "cancelled",
});

impl EnrolmentStatus {
    /// Whether the enrolment takes a place of the session's capacity.
    pub fn holds_place(self) -> bool {
        matches!(self, Self::Enrolled | Self::Completed)
    }
}

/// How an enrolment came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentSource {
    Admin,
    SelfRegistration,
    TrainingNeeds,
}

crate::string_enum!(EnrolmentSource {
    Admin => "admin",
    SelfRegistration => "self",
    TrainingNeeds => "training_needs",
});

#[derive(Debug, Clone, PartialEq)]
pub struct SessionInput {
    pub name: String,
    pub delivery: Delivery,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub trainers: Vec<String>,
    pub capacity: Option<i64>,
    pub self_registration: bool,
}

/// A valid session.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSession {
    pub name: String,
    pub delivery: Delivery,
    /// Required unless e-learning (which may be open-ended).
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub trainers: Vec<String>,
    /// `None`: no limit.
    pub capacity: Option<i32>,
    pub self_registration: bool,
}

/// Longest session in days.
pub const MAX_DAYS: i64 = 366;

impl NewSession {
    pub fn parse(i: SessionInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let name = i.name.trim().to_owned();
        if name.is_empty() {
            errors.push(FieldError::new("name", "required", "is required"));
        } else if name.chars().count() > 200 {
            errors.push(FieldError::new(
                "name",
                "too_long",
                "must be at most 200 characters",
            ));
        }
        if i.delivery.takes_attendance() {
            for (field, d) in [("start_date", i.start_date), ("end_date", i.end_date)] {
                if d.is_none() {
                    errors.push(FieldError::new(
                        field,
                        "required",
                        "is required for classroom and online sessions",
                    ));
                }
            }
        }
        match (i.start_date, i.end_date) {
            (Some(s), Some(e)) if e < s => errors.push(FieldError::new(
                "end_date",
                "before_start",
                "cannot be earlier than start_date",
            )),
            (Some(s), Some(e)) if (e - s).num_days() + 1 > MAX_DAYS => {
                errors.push(FieldError::new(
                    "end_date",
                    "out_of_range",
                    format!("a session lasts at most {MAX_DAYS} days"),
                ));
            }
            (None, Some(_)) => errors.push(FieldError::new(
                "start_date",
                "required",
                "is required when end_date is given",
            )),
            _ => {}
        }
        let place = i
            .place
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty());
        if i.delivery == Delivery::Classroom && place.is_none() {
            errors.push(FieldError::new(
                "place",
                "required",
                "is required for a classroom session",
            ));
        }
        if place.as_ref().is_some_and(|p| p.chars().count() > 300) {
            errors.push(FieldError::new(
                "place",
                "too_long",
                "must be at most 300 characters",
            ));
        }
        let online_url = match i.online_url.as_deref().map(str::trim) {
            Some("") | None => None,
            Some(u) => errors.check(check_link("online_url", u)),
        };
        if i.delivery == Delivery::Online && online_url.is_none() && errors.is_empty() {
            errors.push(FieldError::new(
                "online_url",
                "required",
                "is required for an online session",
            ));
        }
        let trainers: Vec<String> = i
            .trainers
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        if trainers.len() > 30 || trainers.iter().any(|t| t.chars().count() > 200) {
            errors.push(FieldError::new(
                "trainers",
                "invalid",
                "at most 30 trainers of at most 200 characters each",
            ));
        }
        if i.capacity.is_some_and(|c| !(1..=100_000).contains(&c)) {
            errors.push(FieldError::new(
                "capacity",
                "out_of_range",
                "must be from 1 to 100000",
            ));
        }
        errors.finish()?;
        Ok(Self {
            name,
            delivery: i.delivery,
            start_date: i.start_date,
            end_date: i.end_date,
            place,
            online_url,
            trainers,
            capacity: i.capacity.map(|c| c as i32),
            self_registration: i.self_registration,
        })
    }

    /// The days attendance is taken on (empty for e-learning).
    pub fn days(&self) -> u32 {
        session_days(self.delivery, self.start_date, self.end_date)
    }
}

/// Days of a session, counting both ends (0 for e-learning or missing dates).
pub fn session_days(delivery: Delivery, start: Option<NaiveDate>, end: Option<NaiveDate>) -> u32 {
    match (delivery.takes_attendance(), start, end) {
        (true, Some(s), Some(e)) if e >= s => ((e - s).num_days() + 1) as u32,
        _ => 0,
    }
}

/// Whether a newcomer gets a place or joins the waiting list.
pub fn admit(capacity: Option<i32>, places_taken: u64) -> EnrolmentStatus {
    match capacity {
        Some(c) if places_taken >= c.max(0) as u64 => EnrolmentStatus::Waitlisted,
        _ => EnrolmentStatus::Enrolled,
    }
}

/// How many from the waiting list move up when `places_taken` of `capacity` are used.
pub fn places_free(capacity: Option<i32>, places_taken: u64, waiting: u64) -> u64 {
    match capacity {
        Some(c) => (c.max(0) as u64).saturating_sub(places_taken).min(waiting),
        None => waiting,
    }
}

/// Checks that an attendance day falls within the session.
pub fn check_day(
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    day: NaiveDate,
) -> Result<(), FieldError> {
    match (start, end) {
        (Some(s), Some(e)) if (s..=e).contains(&day) => Ok(()),
        _ => Err(FieldError::new(
            "day",
            "outside_session",
            "must fall within the session's dates",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn classroom() -> SessionInput {
        SessionInput {
            name: " Angkatan I ".into(),
            delivery: Delivery::Classroom,
            start_date: Some(d("2026-03-02")),
            end_date: Some(d("2026-03-06")),
            place: Some("Aula BPSDM Provinsi Bengkulu".into()),
            online_url: None,
            trainers: vec![" Dr. Andi ".into(), " ".into()],
            capacity: Some(30),
            self_registration: false,
        }
    }

    #[test]
    fn a_classroom_session_counts_its_days() {
        let s = NewSession::parse(classroom()).expect("valid");
        assert_eq!(s.name, "Angkatan I");
        assert_eq!(s.trainers, ["Dr. Andi"]);
        assert_eq!(s.days(), 5);
        let mut one = classroom();
        one.end_date = one.start_date;
        assert_eq!(NewSession::parse(one).expect("valid").days(), 1);
    }

    #[test]
    fn e_learning_may_be_open_ended_and_has_no_days() {
        let s = NewSession::parse(SessionInput {
            delivery: Delivery::ELearning,
            start_date: None,
            end_date: None,
            place: None,
            capacity: None,
            ..classroom()
        })
        .expect("valid");
        assert_eq!(s.days(), 0);
    }

    #[test]
    fn each_delivery_needs_its_details() {
        let Err(DomainError::Validation(errs)) = NewSession::parse(SessionInput {
            start_date: None,
            place: None,
            capacity: Some(0),
            ..classroom()
        }) else {
            panic!("expected errors");
        };
        let got: Vec<_> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [
                ("start_date", "required"),
                ("start_date", "required"),
                ("place", "required"),
                ("capacity", "out_of_range"),
            ]
        );
        let Err(DomainError::Validation(errs)) = NewSession::parse(SessionInput {
            delivery: Delivery::Online,
            place: None,
            ..classroom()
        }) else {
            panic!("expected errors");
        };
        assert_eq!(errs[0].field, "online_url");
        let Err(DomainError::Validation(errs)) = NewSession::parse(SessionInput {
            end_date: Some(d("2026-03-01")),
            ..classroom()
        }) else {
            panic!("expected errors");
        };
        assert_eq!(errs[0].code, "before_start");
    }

    #[test]
    fn the_waiting_list_starts_at_capacity() {
        assert_eq!(admit(Some(2), 1), EnrolmentStatus::Enrolled);
        assert_eq!(admit(Some(2), 2), EnrolmentStatus::Waitlisted);
        assert_eq!(admit(None, 10_000), EnrolmentStatus::Enrolled);
        assert_eq!(places_free(Some(3), 1, 5), 2);
        assert_eq!(places_free(Some(3), 3, 5), 0);
        assert_eq!(places_free(Some(3), 4, 5), 0);
        assert_eq!(places_free(Some(3), 0, 1), 1);
        assert_eq!(places_free(None, 0, 7), 7);
        assert!(EnrolmentStatus::Completed.holds_place());
        assert!(!EnrolmentStatus::Waitlisted.holds_place());
    }

    #[test]
    fn attendance_days_fall_within_the_session() {
        let (s, e) = (Some(d("2026-03-02")), Some(d("2026-03-06")));
        assert!(check_day(s, e, d("2026-03-02")).is_ok());
        assert!(check_day(s, e, d("2026-03-06")).is_ok());
        assert!(check_day(s, e, d("2026-03-07")).is_err());
        assert!(check_day(s, e, d("2026-03-01")).is_err());
        assert!(check_day(None, None, d("2026-03-01")).is_err());
    }
}
