//! Citizen service ratings (SKM) and the satisfaction index (IKM) of PermenPANRB 14/2017
//! (domain.md §2): the nine elements and a respondent's answers, the index and its grade, the
//! Krejcie-Morgan sample size, reporting periods, waiting times, and the integrity rules of
//! public submissions.

pub mod element;
pub mod ikm;
pub mod link;
pub mod period;
pub mod response;
pub mod sample;
pub mod waiting;

pub use element::{AnswerValue, Answers, ELEMENT_COUNT, Element};
pub use ikm::{Grade, SatisfactionIndex, Tallies, Tally, Weighting, round2};
pub use link::PublicUnitCode;
pub use period::{DateRange, month_key};
pub use response::{
    AgeBand, Decision, Education, FlagReason, NewServiceRating, Occupation, RatingInput,
    RecentActivity, Respondent, ReviewState, exceeds_limit, flag_reason,
};
pub use sample::{SampleTarget, required_sample};
pub use waiting::WaitingTimes;
