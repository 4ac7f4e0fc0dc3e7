//! Performance appraisal (SKP) under PermenPANRB 6/2022: the three-level ratings, the final
//! predikat, the unit's distribution curve, functional-post credit, the plan's workflow, the
//! BerAKHLAK behaviour expectations and the quarterly evaluation (domain.md §1).

pub mod behaviour;
pub mod credit;
pub mod curve;
pub mod periodic;
pub mod plan;
pub mod predikat;
pub mod rating;
pub mod workflow;
