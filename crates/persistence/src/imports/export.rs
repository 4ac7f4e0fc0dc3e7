//! Exports in the import's own columns, so exporting and importing back changes nothing.

use std::collections::HashMap;

use pembina_domain::DomainError;
use pembina_domain::imports::{ImportKind, columns};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::engine::CHUNK;
use crate::DbResultExt;
use crate::entities::{employees, org_units, positions};

/// The header row of `kind`.
pub fn header(kind: ImportKind) -> Vec<String> {
    columns(kind).iter().map(|c| c.name.to_owned()).collect()
}

fn opt(v: Option<&str>) -> String {
    v.unwrap_or_default().to_owned()
}

/// Whether `kind` has an export. The competency imports (dictionary, standards, assessments)
/// have none: the competency API and the development plan's spreadsheet read them; nor do
/// external trainings (the JP ledger and its shortfall export read them) or past SKP ratings
/// (the appraisal history reads them).
pub fn exportable(kind: ImportKind) -> bool {
    matches!(
        kind,
        ImportKind::OrgUnits | ImportKind::Positions | ImportKind::Employees
    )
}

/// Calls `row` for every record of `kind` in the agency, a chunk at a time, in key order.
pub async fn export_rows(
    db: &DatabaseConnection,
    agency_id: Uuid,
    kind: ImportKind,
    mut row: impl FnMut(Vec<String>) -> Result<(), DomainError>,
) -> Result<(), DomainError> {
    if !exportable(kind) {
        return Err(DomainError::NotFound("export of this kind"));
    }
    let units: Vec<(Uuid, String)> = org_units::Entity::find()
        .select_only()
        .column(org_units::Column::Id)
        .column(org_units::Column::Code)
        .filter(org_units::Column::AgencyId.eq(agency_id))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let unit_code: HashMap<Uuid, String> = units.into_iter().collect();
    match kind {
        ImportKind::OrgUnits => {
            let all = org_units::Entity::find()
                .filter(org_units::Column::AgencyId.eq(agency_id))
                .order_by_asc(org_units::Column::Path)
                .all(db)
                .await
                .dom()?;
            for u in all {
                let parent = u
                    .parent_id
                    .and_then(|p| unit_code.get(&p))
                    .cloned()
                    .unwrap_or_default();
                row(vec![u.code, u.name, u.kind, parent, u.active.to_string()])?;
            }
        }
        ImportKind::Positions => {
            let all = positions::Entity::find()
                .filter(positions::Column::AgencyId.eq(agency_id))
                .order_by_asc(positions::Column::Code)
                .all(db)
                .await
                .dom()?;
            for p in all {
                let unit = p
                    .org_unit_id
                    .and_then(|u| unit_code.get(&u))
                    .cloned()
                    .unwrap_or_default();
                row(vec![
                    p.code,
                    p.title,
                    p.kind,
                    opt(p.functional_level.as_deref()),
                    unit,
                    p.active.to_string(),
                ])?;
            }
        }
        ImportKind::Employees => {
            let positions: Vec<(Uuid, String)> = positions::Entity::find()
                .select_only()
                .column(positions::Column::Id)
                .column(positions::Column::Code)
                .filter(positions::Column::AgencyId.eq(agency_id))
                .into_tuple()
                .all(db)
                .await
                .dom()?;
            let position_code: HashMap<Uuid, String> = positions.into_iter().collect();
            let mut after = String::new();
            loop {
                let chunk = employees::Entity::find()
                    .filter(employees::Column::AgencyId.eq(agency_id))
                    .filter(employees::Column::Nip.gt(after.clone()))
                    .order_by_asc(employees::Column::Nip)
                    .limit(CHUNK as u64)
                    .all(db)
                    .await
                    .dom()?;
                let Some(last) = chunk.last() else { break };
                after = last.nip.clone();
                let sup_ids: Vec<Uuid> = chunk.iter().filter_map(|e| e.supervisor_id).collect();
                let sup_nip = super::employees::nips_of(db, sup_ids).await?;
                for e in chunk {
                    row(vec![
                        e.nip,
                        e.employment_type,
                        e.name,
                        opt(e.title_prefix.as_deref()),
                        opt(e.title_suffix.as_deref()),
                        e.sex,
                        e.birth_date.format("%Y-%m-%d").to_string(),
                        opt(e.rank.as_deref()),
                        unit_code.get(&e.org_unit_id).cloned().unwrap_or_default(),
                        e.position_id
                            .and_then(|p| position_code.get(&p))
                            .cloned()
                            .unwrap_or_default(),
                        e.supervisor_id
                            .and_then(|s| sup_nip.get(&s))
                            .cloned()
                            .unwrap_or_default(),
                        opt(e.email.as_deref()),
                        opt(e.phone.as_deref()),
                        e.status,
                    ])?;
                }
            }
        }
        ImportKind::Competencies
        | ImportKind::CompetencyStandards
        | ImportKind::CompetencyAssessments
        | ImportKind::ExternalTrainings
        | ImportKind::SkpRatings => {
            return Err(DomainError::NotFound("export of this kind"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_competency_kinds_have_no_export_and_say_so() {
        let db = crate::connect("sqlite::memory:", 1).await.expect("connect");
        crate::migrate(&db).await.expect("migrate");
        for kind in [
            ImportKind::Competencies,
            ImportKind::CompetencyStandards,
            ImportKind::CompetencyAssessments,
            ImportKind::ExternalTrainings,
            ImportKind::SkpRatings,
        ] {
            assert!(!exportable(kind));
            let mut rows = 0;
            let res = export_rows(&db, Uuid::now_v7(), kind, |_| {
                rows += 1;
                Ok(())
            })
            .await;
            assert!(
                matches!(res, Err(DomainError::NotFound(_))),
                "{kind:?}: {res:?}"
            );
            assert_eq!(rows, 0);
        }
        assert!(ImportKind::ALL[..3].iter().all(|k| exportable(*k)));
    }
}
