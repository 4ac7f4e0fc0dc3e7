//! Performance appraisal (SKP) under PermenPANRB 6/2022: the three-level ratings, the final
//! predikat, the unit's distribution curve, functional-post credit and the plan's workflow
//! (domain.md §1).

pub mod credit;
pub mod curve;
pub mod plan;
pub mod predikat;
pub mod workflow;
