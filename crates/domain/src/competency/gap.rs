//! The competency gap of one employee against a standard, and the job–person match.
//!
//! The job–person match (JPM) compares what an employee has achieved with what the post
//! requires: Σ min(achieved, required) ÷ Σ required, as a percentage. Capping each competency at
//! its requirement means a surplus in one competency never hides a gap in another; a competency
//! that has not been assessed counts as 0. The bands (domain.md §4, likely): at least 80 %
//! meets, 68 % to 80 % still meets, below 68 % does not meet.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The lowest match percentage that meets the post.
pub const MEETS_PERCENT: u32 = 80;
/// The lowest match percentage that still meets the post.
pub const STILL_MEETS_PERCENT: u32 = 68;

/// The level a standard requires of one competency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Requirement {
    pub competency_id: Uuid,
    /// 1-5.
    pub required: u8,
}

/// One competency of the standard, compared with the employee's achieved level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GapItem {
    pub competency_id: Uuid,
    pub required: u8,
    /// `None` when the employee has not been assessed in this competency.
    pub achieved: Option<u8>,
    /// Achieved (0 when not assessed) minus required: negative is a shortfall, positive a surplus.
    pub gap: i8,
    /// Whether the achieved level reaches the required one (never when not assessed).
    pub meets: bool,
}

impl GapItem {
    /// Compares an achieved level with a requirement.
    pub fn new(requirement: Requirement, achieved: Option<u8>) -> Self {
        let diff = i16::from(achieved.unwrap_or(0)) - i16::from(requirement.required);
        let gap = i8::try_from(diff).unwrap_or(if diff < 0 { i8::MIN } else { i8::MAX });
        Self {
            competency_id: requirement.competency_id,
            required: requirement.required,
            achieved,
            gap,
            meets: achieved.is_some_and(|a| a >= requirement.required),
        }
    }
}

/// The band a job–person match falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchCategory {
    /// At least 80 %: memenuhi syarat.
    Meets,
    /// From 68 % to below 80 %: masih memenuhi syarat.
    StillMeets,
    /// Below 68 %: kurang memenuhi syarat.
    DoesNotMeet,
}

crate::string_enum!(MatchCategory {
    Meets => "meets",
    StillMeets => "still_meets",
    DoesNotMeet => "does_not_meet",
});

impl MatchCategory {
    /// The band of `achieved` out of `required` points, decided in exact integer arithmetic so
    /// that exactly 80 % meets and exactly 68 % still meets.
    pub fn of(achieved_points: u32, required_points: u32) -> Self {
        let achieved = u64::from(achieved_points) * 100;
        let required = u64::from(required_points);
        if achieved >= u64::from(MEETS_PERCENT) * required {
            Self::Meets
        } else if achieved >= u64::from(STILL_MEETS_PERCENT) * required {
            Self::StillMeets
        } else {
            Self::DoesNotMeet
        }
    }
}

/// How well an employee matches a post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobPersonMatch {
    /// Σ min(achieved, required); an unassessed competency counts 0.
    pub achieved_points: u32,
    /// Σ required.
    pub required_points: u32,
    /// achieved ÷ required × 100, rounded to 2 decimals, for display only.
    pub percent: f64,
    /// Decided from the exact points, not from the rounded percentage.
    pub category: MatchCategory,
}

/// The gap of one employee against one standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmployeeGap {
    /// One item per requirement, in the order of the requirements.
    pub items: Vec<GapItem>,
    /// `None` when the standard requires nothing.
    pub matching: Option<JobPersonMatch>,
    /// How many required competencies have no assessment yet.
    pub unassessed: usize,
}

/// Compares the achieved levels of an employee (by competency) with the requirements of a
/// standard. Achieved levels of competencies the standard does not list are ignored.
pub fn employee_gap(requirements: &[Requirement], achieved: &HashMap<Uuid, u8>) -> EmployeeGap {
    let items: Vec<GapItem> = requirements
        .iter()
        .map(|r| GapItem::new(*r, achieved.get(&r.competency_id).copied()))
        .collect();
    let unassessed = items.iter().filter(|i| i.achieved.is_none()).count();
    EmployeeGap {
        matching: job_person_match(&items),
        items,
        unassessed,
    }
}

/// The job–person match of compared items; `None` when there are none, or when they require
/// nothing at all (every required level 0, which a valid standard never has).
pub fn job_person_match(items: &[GapItem]) -> Option<JobPersonMatch> {
    let required_points: u32 = items.iter().map(|i| u32::from(i.required)).sum();
    if required_points == 0 {
        return None;
    }
    let achieved_points: u32 = items
        .iter()
        .map(|i| u32::from(i.achieved.unwrap_or(0).min(i.required)))
        .sum();
    let percent =
        (f64::from(achieved_points) * 100.0 / f64::from(required_points) * 100.0).round() / 100.0;
    Some(JobPersonMatch {
        achieved_points,
        required_points,
        percent,
        category: MatchCategory::of(achieved_points, required_points),
    })
}

/// How a group of staff stands in one competency: how many have it in their standard, how
/// many of those are below it (unassessed counts as below), and their summed shortfall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub with_standard: u32,
    pub below: u32,
    /// Levels missing, summed over those below.
    pub shortfall: u32,
}

impl Tally {
    pub fn add(&mut self, item: &GapItem) {
        self.with_standard += 1;
        if !item.meets {
            self.below += 1;
            self.shortfall += u32::from(item.gap.unsigned_abs());
        }
    }

    /// below ÷ with_standard (0 for nobody).
    pub fn share_below(&self) -> f64 {
        if self.with_standard == 0 {
            0.0
        } else {
            f64::from(self.below) / f64::from(self.with_standard)
        }
    }

    /// The mean shortfall of those below (0 for nobody below).
    pub fn mean_gap(&self) -> f64 {
        if self.below == 0 {
            0.0
        } else {
            f64::from(self.shortfall) / f64::from(self.below)
        }
    }
}

/// The tally of each competency over the gaps of a group of staff.
pub fn tally<'a>(gaps: impl IntoIterator<Item = &'a EmployeeGap>) -> HashMap<Uuid, Tally> {
    let mut out: HashMap<Uuid, Tally> = HashMap::new();
    for g in gaps {
        for i in &g.items {
            out.entry(i.competency_id).or_default().add(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn req(n: u128, required: u8) -> Requirement {
        Requirement {
            competency_id: id(n),
            required,
        }
    }

    fn item(required: u8, achieved: Option<u8>) -> GapItem {
        GapItem::new(req(0, required), achieved)
    }

    fn matching(items: &[GapItem]) -> JobPersonMatch {
        job_person_match(items).expect("a match")
    }

    #[test]
    fn gap_items_compare_achieved_with_required() {
        let short = item(3, Some(1));
        assert_eq!((short.gap, short.meets), (-2, false));
        let exact = item(3, Some(3));
        assert_eq!((exact.gap, exact.meets), (0, true));
        let surplus = item(2, Some(5));
        assert_eq!((surplus.gap, surplus.meets), (3, true));
        let unassessed = item(4, None);
        assert_eq!((unassessed.gap, unassessed.meets), (-4, false));
    }

    #[test]
    fn exactly_eighty_percent_meets() {
        // 4 of 5 points.
        let m = matching(&[item(5, Some(4))]);
        assert_eq!((m.achieved_points, m.required_points), (4, 5));
        assert_eq!(m.percent, 80.0);
        assert_eq!(m.category, MatchCategory::Meets);
        assert_eq!(MatchCategory::of(80, 100), MatchCategory::Meets);
        assert_eq!(MatchCategory::of(100, 100), MatchCategory::Meets);
    }

    #[test]
    fn just_below_eighty_percent_still_meets_even_when_it_rounds_to_eighty() {
        // 7999 / 10000 = 79.99 %.
        assert_eq!(MatchCategory::of(7999, 10000), MatchCategory::StillMeets);
        // 399 999 / 500 000 = 79.9998 %, displayed as 80.00 but still below the line.
        assert_eq!(
            MatchCategory::of(399_999, 500_000),
            MatchCategory::StillMeets
        );
        // Through items: 27 of 34 points = 79.41 %.
        let mut items = vec![item(5, Some(4)); 6];
        items.push(item(4, Some(3)));
        let m = matching(&items);
        assert_eq!((m.achieved_points, m.required_points), (27, 34));
        assert_eq!(m.percent, 79.41);
        assert_eq!(m.category, MatchCategory::StillMeets);
        // 19 999 of 25 000 points = 79.996 %: shown as 80.00, yet it does not reach 80 %.
        let mut items = vec![item(5, Some(4)); 5000];
        items[0].achieved = Some(3);
        let m = matching(&items);
        assert_eq!((m.achieved_points, m.required_points), (19_999, 25_000));
        assert_eq!(m.percent, 80.0);
        assert_eq!(m.category, MatchCategory::StillMeets);
    }

    #[test]
    fn exactly_sixty_eight_percent_still_meets_and_below_does_not() {
        assert_eq!(MatchCategory::of(68, 100), MatchCategory::StillMeets);
        assert_eq!(MatchCategory::of(17, 25), MatchCategory::StillMeets);
        assert_eq!(MatchCategory::of(6799, 10000), MatchCategory::DoesNotMeet);
        assert_eq!(
            MatchCategory::of(339_999, 500_000),
            MatchCategory::DoesNotMeet
        );
        // 17 of 25 points through items.
        let items = [
            item(5, Some(3)),
            item(5, Some(3)),
            item(5, Some(3)),
            item(5, Some(4)),
            item(5, Some(4)),
        ];
        let m = matching(&items);
        assert_eq!((m.achieved_points, m.required_points), (17, 25));
        assert_eq!(m.percent, 68.0);
        assert_eq!(m.category, MatchCategory::StillMeets);
        let m = matching(&[item(3, Some(2))]);
        assert_eq!(m.percent, 66.67);
        assert_eq!(m.category, MatchCategory::DoesNotMeet);
    }

    #[test]
    fn a_surplus_never_hides_a_gap() {
        // Uncapped this would be (5 + 1) / (1 + 5) = 100 %.
        let m = matching(&[item(1, Some(5)), item(5, Some(1))]);
        assert_eq!((m.achieved_points, m.required_points), (2, 6));
        assert_eq!(m.percent, 33.33);
        assert_eq!(m.category, MatchCategory::DoesNotMeet);
    }

    #[test]
    fn the_employee_gap_keeps_the_order_of_the_requirements() {
        let reqs = [req(3, 3), req(1, 2), req(2, 4)];
        let achieved = HashMap::from([(id(1), 2), (id(3), 1), (id(9), 5)]);
        let g = employee_gap(&reqs, &achieved);
        assert_eq!(
            g.items.iter().map(|i| i.competency_id).collect::<Vec<_>>(),
            [id(3), id(1), id(2)]
        );
        assert_eq!(g.items[0].achieved, Some(1));
        assert_eq!(g.items[2].achieved, None);
        assert_eq!(g.unassessed, 1);
        let m = g.matching.expect("a match");
        // (1 + 2 + 0) / (3 + 2 + 4): the unassessed competency counts 0.
        assert_eq!((m.achieved_points, m.required_points), (3, 9));
        assert_eq!(m.category, MatchCategory::DoesNotMeet);
    }

    #[test]
    fn nobody_assessed_yet() {
        let g = employee_gap(&[req(1, 2), req(2, 3)], &HashMap::new());
        assert_eq!(g.unassessed, 2);
        let m = g.matching.expect("a match");
        assert_eq!((m.achieved_points, m.percent), (0, 0.0));
        assert_eq!(m.category, MatchCategory::DoesNotMeet);
    }

    #[test]
    fn an_empty_standard_has_no_match() {
        let g = employee_gap(&[], &HashMap::from([(id(1), 3)]));
        assert!(g.items.is_empty());
        assert_eq!(g.unassessed, 0);
        assert_eq!(g.matching, None);
        assert_eq!(job_person_match(&[]), None);
        assert_eq!(job_person_match(&[item(0, Some(2))]), None);
    }

    #[test]
    fn categories_have_stable_strings() {
        assert_eq!(MatchCategory::DoesNotMeet.as_str(), "does_not_meet");
        assert_eq!(
            serde_json::to_string(&MatchCategory::StillMeets).expect("json"),
            "\"still_meets\""
        );
    }

    #[test]
    fn a_tally_counts_the_staff_below_and_their_shortfall() {
        let c = Uuid::from_u128(1);
        let reqs = [Requirement {
            competency_id: c,
            required: 3,
        }];
        let gaps: Vec<EmployeeGap> = [Some(3), Some(1), None]
            .into_iter()
            .map(|a| {
                employee_gap(
                    &reqs,
                    &a.map(|l| HashMap::from([(c, l)])).unwrap_or_default(),
                )
            })
            .collect();
        let t = tally(&gaps)[&c];
        assert_eq!((t.with_standard, t.below, t.shortfall), (3, 2, 5));
        assert!((t.share_below() - 2.0 / 3.0).abs() < 1e-12);
        assert!((t.mean_gap() - 2.5).abs() < 1e-12);
        assert_eq!(Tally::default().share_below(), 0.0);
        assert_eq!(Tally::default().mean_gap(), 0.0);
    }
}
