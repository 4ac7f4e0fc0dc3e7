//! The yearly development plan (AKPK).

use std::collections::HashMap;

use chrono::Utc;
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::competency::plan::NewPlanItem;
use pembina_domain::page::{Page, PageRequest};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use uuid::Uuid;

use super::competency::get_competency;
use super::org::get_unit;
use super::{fetch_page, ids_in_agency, scoped, unknown_refs};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::bulk::any_of;
use crate::entities::{employees, plan_items, plan_targets};

/// A plan item with the employees it targets.
#[derive(Debug, Clone)]
pub struct PlanItem {
    pub item: plan_items::Model,
    pub employee_ids: Vec<Uuid>,
}

#[derive(Debug, Clone, Default)]
pub struct PlanFilter {
    pub agency_id: Option<Uuid>,
    pub year: Option<i32>,
    pub org_unit_id: Option<Uuid>,
    pub competency_id: Option<Uuid>,
}

async fn targets_of<C: ConnectionTrait>(
    db: &C,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, Vec<Uuid>>, DomainError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = plan_targets::Entity::find()
        .filter(any_of(
            db.get_database_backend(),
            plan_targets::Column::PlanItemId,
            ids,
        ))
        .order_by_asc(plan_targets::Column::EmployeeId)
        .all(db)
        .await
        .dom()?;
    let mut out: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for r in rows {
        out.entry(r.plan_item_id).or_default().push(r.employee_id);
    }
    Ok(out)
}

pub async fn list_plan(
    db: &DatabaseConnection,
    scope: Scope,
    f: PlanFilter,
    page: PageRequest,
) -> Result<Page<PlanItem>, DomainError> {
    let mut q = scoped(
        plan_items::Entity::find(),
        plan_items::Column::AgencyId,
        scope,
    );
    if let Some(a) = f.agency_id {
        q = q.filter(plan_items::Column::AgencyId.eq(a));
    }
    if let Some(y) = f.year {
        q = q.filter(plan_items::Column::Year.eq(y));
    }
    if let Some(u) = f.org_unit_id {
        q = q.filter(plan_items::Column::OrgUnitId.eq(u));
    }
    if let Some(c) = f.competency_id {
        q = q.filter(plan_items::Column::CompetencyId.eq(c));
    }
    let q = q
        .order_by_desc(plan_items::Column::Year)
        .order_by_asc(plan_items::Column::PlannedStart)
        .order_by_asc(plan_items::Column::Id);
    let page = fetch_page(db, q, page).await?;
    let mut targets = targets_of(db, page.items.iter().map(|i| i.id).collect()).await?;
    Ok(Page {
        items: page
            .items
            .into_iter()
            .map(|item| PlanItem {
                employee_ids: targets.remove(&item.id).unwrap_or_default(),
                item,
            })
            .collect(),
        total: page.total,
        page: page.page,
        per_page: page.per_page,
    })
}

/// Every item of an agency's plan for a year (for the export), in schedule order.
pub async fn plan_of_year<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    year: i32,
) -> Result<Vec<PlanItem>, DomainError> {
    let items = plan_items::Entity::find()
        .filter(plan_items::Column::AgencyId.eq(agency_id))
        .filter(plan_items::Column::Year.eq(year))
        .order_by_asc(plan_items::Column::PlannedStart)
        .order_by_asc(plan_items::Column::Id)
        .all(db)
        .await
        .dom()?;
    let mut targets = targets_of(db, items.iter().map(|i| i.id).collect()).await?;
    Ok(items
        .into_iter()
        .map(|item| PlanItem {
            employee_ids: targets.remove(&item.id).unwrap_or_default(),
            item,
        })
        .collect())
}

pub async fn get_plan_item<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<PlanItem, DomainError> {
    let item = scoped(
        plan_items::Entity::find_by_id(id),
        plan_items::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("plan item"))?;
    let employee_ids = targets_of(db, vec![id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    Ok(PlanItem { item, employee_ids })
}

/// Checks the references of `p` in `agency_id`: the competency (national or the agency's),
/// the unit and every target employee.
async fn check_refs<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    p: &NewPlanItem,
) -> Result<(), DomainError> {
    let mut errors = Vec::new();
    let scope = Scope::Agency(agency_id);
    if get_competency(db, scope, p.competency_id).await.is_err() {
        errors.push(pembina_domain::FieldError::new(
            "competency_id",
            "unknown_reference",
            "no such competency in the national catalogue or this agency",
        ));
    }
    if let Some(u) = p.org_unit_id
        && get_unit(db, scope, u).await.is_err()
    {
        errors.push(pembina_domain::FieldError::new(
            "org_unit_id",
            "unknown_reference",
            "no such unit in this agency",
        ));
    }
    let found = ids_in_agency::<employees::Entity, _>(
        db,
        employees::Column::Id,
        employees::Column::AgencyId,
        agency_id,
        &p.employee_ids,
    )
    .await?;
    errors.extend(unknown_refs(
        &p.employee_ids,
        &found,
        |i| format!("employee_ids[{i}]"),
        "no such employee in this agency",
    ));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Validation(errors))
    }
}

async fn write_targets<C: ConnectionTrait>(
    txn: &C,
    item_id: Uuid,
    employee_ids: &[Uuid],
) -> Result<(), DomainError> {
    plan_targets::Entity::delete_many()
        .filter(plan_targets::Column::PlanItemId.eq(item_id))
        .exec(txn)
        .await
        .dom()?;
    for chunk in employee_ids.chunks(500) {
        plan_targets::Entity::insert_many(chunk.iter().map(|e| plan_targets::ActiveModel {
            plan_item_id: Set(item_id),
            employee_id: Set(*e),
        }))
        .exec_without_returning(txn)
        .await
        .dom()?;
    }
    Ok(())
}

fn apply(am: &mut plan_items::ActiveModel, p: &NewPlanItem) {
    am.year = Set(p.year);
    am.competency_id = Set(p.competency_id);
    am.org_unit_id = Set(p.org_unit_id);
    am.title = Set(p.title.clone());
    am.activity_kind = Set(p.activity_kind.as_str().to_owned());
    am.form = Set(p.activity_kind.form().as_str().to_owned());
    am.provider = Set(p.provider.clone());
    am.planned_start = Set(p.planned_start);
    am.planned_end = Set(p.planned_end);
    am.budget = Set(p.budget);
    am.jp = Set(p.jp);
    am.need_score = Set(p.need_score);
}

pub async fn create_plan_item(
    db: &DatabaseConnection,
    actor: &Actor,
    agency_id: Uuid,
    p: NewPlanItem,
) -> Result<PlanItem, DomainError> {
    let txn = db.begin().await.dom()?;
    check_refs(&txn, agency_id, &p).await?;
    let now = Utc::now();
    let mut am = plan_items::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(&mut am, &p);
    let m = am.insert(&txn).await.dom()?;
    write_targets(&txn, m.id, &p.employee_ids).await?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(agency_id),
            entity_type: "plan_item",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(PlanItem {
        item: m,
        employee_ids: p.employee_ids,
    })
}

pub async fn update_plan_item(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    change: impl FnOnce(&PlanItem) -> Result<NewPlanItem, DomainError>,
) -> Result<PlanItem, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_plan_item(&txn, scope, id).await?;
    let p = change(&before)?;
    check_refs(&txn, before.item.agency_id, &p).await?;
    let mut am = before.item.clone().into_active_model();
    apply(&mut am, &p);
    am.updated_at = Set(Utc::now());
    let after = am.update(&txn).await.dom()?;
    write_targets(&txn, id, &p.employee_ids).await?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "plan_item",
            entity_id: id,
            action: "update",
            before: Some(&before.item),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(PlanItem {
        item: after,
        employee_ids: p.employee_ids,
    })
}

pub async fn delete_plan_item(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
) -> Result<(), DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_plan_item(&txn, scope, id).await?;
    plan_targets::Entity::delete_many()
        .filter(plan_targets::Column::PlanItemId.eq(id))
        .exec(&txn)
        .await
        .dom()?;
    plan_items::Entity::delete_by_id(id)
        .exec(&txn)
        .await
        .dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(before.item.agency_id),
            entity_type: "plan_item",
            entity_id: id,
            action: "delete",
            before: Some(&before.item),
            after: None,
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(())
}

/// A year's plan with what its export names: competencies, units and participants' NIPs.
#[derive(Debug, Clone)]
pub struct PlanExport {
    pub items: Vec<PlanItem>,
    pub competencies: HashMap<Uuid, crate::entities::competencies::Model>,
    pub unit_names: HashMap<Uuid, String>,
    pub nips: HashMap<Uuid, String>,
}

pub async fn plan_export<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    year: i32,
) -> Result<PlanExport, DomainError> {
    use crate::entities::{competencies, org_units};
    let items = plan_of_year(db, agency_id, year).await?;
    let backend = db.get_database_backend();
    let mut comp_ids: Vec<Uuid> = items.iter().map(|i| i.item.competency_id).collect();
    comp_ids.sort_unstable();
    comp_ids.dedup();
    let competencies = if comp_ids.is_empty() {
        HashMap::new()
    } else {
        competencies::Entity::find()
            .filter(any_of(backend, competencies::Column::Id, comp_ids))
            .all(db)
            .await
            .dom()?
            .into_iter()
            .map(|c| (c.id, c))
            .collect()
    };
    let unit_names = org_units::Entity::find()
        .filter(org_units::Column::AgencyId.eq(agency_id))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut targets: Vec<Uuid> = items.iter().flat_map(|i| i.employee_ids.clone()).collect();
    targets.sort_unstable();
    targets.dedup();
    let nips = if targets.is_empty() {
        HashMap::new()
    } else {
        employees::Entity::find()
            .select_only()
            .column(employees::Column::Id)
            .column(employees::Column::Nip)
            .filter(any_of(backend, employees::Column::Id, targets))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await
            .dom()?
            .into_iter()
            .collect()
    };
    Ok(PlanExport {
        items,
        competencies,
        unit_names,
        nips,
    })
}
