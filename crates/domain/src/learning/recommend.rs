//! Recommended programmes: for one employee, the published programmes that close the largest
//! part of their competency gap.
//!
//! A programme closes, for each competency it targets, the distance from the employee's achieved
//! level (0 when not assessed) up to the lower of the programme's level and the position's
//! requirement: training beyond the requirement does not close a gap. Programmes aimed at other
//! positions or units, and ones the employee is already in or has completed, are left out.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::competency::gap::GapItem;

use super::programme::CompetencyTarget;

/// What the ranking needs to know of one programme.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub programme_id: Uuid,
    pub title: String,
    pub targets: Vec<CompetencyTarget>,
    /// Whether the programme is open to the employee's position and unit.
    pub open_to_employee: bool,
    /// Whether the employee is enrolled in, waiting for or has completed it.
    pub taken: bool,
}

/// One competency a recommendation closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closes {
    pub competency_id: Uuid,
    pub from: u8,
    pub to: u8,
    pub required: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub programme_id: Uuid,
    /// Levels of gap closed in all.
    pub levels_closed: u32,
    pub closes: Vec<Closes>,
}

/// The programmes that close some gap, most levels closed first (then by title), at most `limit`.
pub fn recommend(gaps: &[GapItem], candidates: &[Candidate], limit: usize) -> Vec<Recommendation> {
    let by_competency: HashMap<Uuid, &GapItem> =
        gaps.iter().map(|g| (g.competency_id, g)).collect();
    let mut ranked: Vec<(&Candidate, Recommendation)> = candidates
        .iter()
        .filter(|c| c.open_to_employee && !c.taken)
        .filter_map(|c| {
            let closes: Vec<Closes> = c
                .targets
                .iter()
                .filter_map(|t| {
                    let g = by_competency.get(&t.competency_id)?;
                    let from = g.achieved.unwrap_or(0);
                    let to = t.level.min(g.required);
                    (to > from).then_some(Closes {
                        competency_id: t.competency_id,
                        from,
                        to,
                        required: g.required,
                    })
                })
                .collect();
            let levels_closed: u32 = closes.iter().map(|x| u32::from(x.to - x.from)).sum();
            (levels_closed > 0).then_some((
                c,
                Recommendation {
                    programme_id: c.programme_id,
                    levels_closed,
                    closes,
                },
            ))
        })
        .collect();
    ranked.sort_by(|(a, ra), (b, rb)| {
        rb.levels_closed
            .cmp(&ra.levels_closed)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.programme_id.cmp(&b.programme_id))
    });
    ranked.into_iter().take(limit).map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competency::gap::Requirement;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn gap(c: u128, required: u8, achieved: Option<u8>) -> GapItem {
        GapItem::new(
            Requirement {
                competency_id: id(c),
                required,
            },
            achieved,
        )
    }

    fn cand(p: u128, title: &str, targets: &[(u128, u8)]) -> Candidate {
        Candidate {
            programme_id: id(p),
            title: title.into(),
            targets: targets
                .iter()
                .map(|(c, l)| CompetencyTarget {
                    competency_id: id(*c),
                    level: *l,
                })
                .collect(),
            open_to_employee: true,
            taken: false,
        }
    }

    #[test]
    fn the_largest_gap_closed_comes_first() {
        // Needs competency 1 at 3 (has 1) and competency 2 at 2 (not assessed).
        let gaps = [gap(1, 3, Some(1)), gap(2, 2, None), gap(3, 2, Some(4))];
        let out = recommend(
            &gaps,
            &[
                cand(10, "B: one level", &[(1, 2)]),
                cand(11, "A: beyond the requirement", &[(1, 5)]),
                cand(12, "C: both", &[(1, 3), (2, 2)]),
                cand(13, "D: a surplus only", &[(3, 5)]),
            ],
            10,
        );
        let order: Vec<_> = out
            .iter()
            .map(|r| (r.programme_id, r.levels_closed))
            .collect();
        // C closes 2 + 2; A closes 1 → 3 (capped at the requirement) = 2; B closes 1 → 2 = 1.
        assert_eq!(order, [(id(12), 4), (id(11), 2), (id(10), 1)]);
        assert_eq!(
            out[1].closes,
            [Closes {
                competency_id: id(1),
                from: 1,
                to: 3,
                required: 3
            }]
        );
    }

    #[test]
    fn taken_or_closed_programmes_are_left_out() {
        let gaps = [gap(1, 3, Some(1))];
        let mut taken = cand(10, "taken", &[(1, 3)]);
        taken.taken = true;
        let mut elsewhere = cand(11, "elsewhere", &[(1, 3)]);
        elsewhere.open_to_employee = false;
        assert!(recommend(&gaps, &[taken, elsewhere], 10).is_empty());
        let many: Vec<_> = (0..5)
            .map(|i| cand(i, &format!("P{i}"), &[(1, 3)]))
            .collect();
        let out = recommend(&gaps, &many, 3);
        assert_eq!(out.len(), 3);
        // Ties by title.
        assert_eq!(out[0].programme_id, id(0));
    }
}
