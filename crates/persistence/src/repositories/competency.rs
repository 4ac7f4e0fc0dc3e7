//! The competency dictionary, position standards, assessments and the gaps between them.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Utc};
use pembina_domain::accounts::Scope;
use pembina_domain::competency::assessment::{AssessmentKey, NewAssessment, latest_valid};
use pembina_domain::competency::gap::{EmployeeGap, Requirement, employee_gap};
use pembina_domain::competency::needs::NeedWeights;
use pembina_domain::competency::standard::ManagerialDefaults;
use pembina_domain::competency::{CompetencyGroup, LevelDescription, NewCompetency};
use pembina_domain::org::{FunctionalLevel, PositionKind};
use pembina_domain::page::{Page, PageRequest};
use pembina_domain::{DomainError, FieldError};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

use super::org::{get_position, get_unit};
use super::people::get_employee;
use super::{contains_ci, fetch_page, scoped, starts_with, subtree_ids};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::bulk::any_of;
use crate::entities::{
    competencies, competency_assessments as assessments, competency_settings as settings,
    competency_standards as standards, employees, org_units, positions,
};

// ---------------------------------------------------------------- dictionary

/// Filters of the dictionary; the national catalogue is always included.
#[derive(Debug, Clone, Default)]
pub struct CompetencyFilter {
    /// Super admins: the technical competencies of this agency only.
    pub agency_id: Option<Uuid>,
    pub group: Option<CompetencyGroup>,
    /// Name contains (case-insensitive) or code starts with.
    pub q: Option<String>,
    pub include_retired: bool,
}

/// Rows of the national catalogue, or of an agency `scope` may see.
fn visible(scope: Scope, agency: Option<Uuid>) -> sea_orm::Condition {
    let own = match (scope.agency(), agency) {
        (Some(a), _) => Some(a),
        (None, a) => a,
    };
    let c = sea_orm::Condition::any().add(competencies::Column::AgencyId.is_null());
    match own {
        Some(a) => c.add(competencies::Column::AgencyId.eq(a)),
        None => c.add(competencies::Column::AgencyId.is_not_null()),
    }
}

pub async fn list_competencies(
    db: &DatabaseConnection,
    scope: Scope,
    f: CompetencyFilter,
    page: PageRequest,
) -> Result<Page<competencies::Model>, DomainError> {
    let mut q = competencies::Entity::find().filter(visible(scope, f.agency_id));
    if let Some(g) = f.group {
        q = q.filter(competencies::Column::CompetencyGroup.eq(g.as_str()));
    }
    if !f.include_retired {
        q = q.filter(competencies::Column::RetiredAt.is_null());
    }
    if let Some(text) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            contains_ci(competencies::Column::Name, text).or(starts_with(
                competencies::Column::Code,
                &text.to_uppercase(),
            )),
        );
    }
    // The national catalogue first (M1..M8, SK1), then each agency's technical competencies.
    let q = q
        .order_by(
            Expr::col(competencies::Column::AgencyId).is_null(),
            sea_orm::Order::Desc,
        )
        .order_by_asc(competencies::Column::Code)
        .order_by_asc(competencies::Column::Id);
    fetch_page(db, q, page).await
}

pub async fn get_competency<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<competencies::Model, DomainError> {
    competencies::Entity::find_by_id(id)
        .filter(visible(scope, None))
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("competency"))
}

fn levels_json(levels: &[LevelDescription]) -> serde_json::Value {
    serde_json::to_value(levels).unwrap_or_else(|_| json!([]))
}

/// The five level descriptions stored with a competency.
pub fn levels_of(m: &competencies::Model) -> Result<Vec<LevelDescription>, DomainError> {
    serde_json::from_value(m.levels.clone())
        .map_err(|e| DomainError::Internal(format!("stored competency levels: {e}")))
}

async fn check_code<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    code: &str,
    except: Option<Uuid>,
) -> Result<(), DomainError> {
    let mut q = competencies::Entity::find()
        .filter(competencies::Column::AgencyId.eq(agency_id))
        .filter(competencies::Column::Code.eq(code));
    if let Some(id) = except {
        q = q.filter(competencies::Column::Id.ne(id));
    }
    if q.one(db).await.dom()?.is_some() {
        return Err(DomainError::conflict(
            "duplicate_code",
            Some("code"),
            format!("competency code {code} is taken in this agency"),
        ));
    }
    Ok(())
}

pub async fn create_competency(
    db: &DatabaseConnection,
    actor: &Actor,
    agency_id: Uuid,
    c: NewCompetency,
) -> Result<competencies::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let m = insert_competency(&txn, actor, agency_id, c).await?;
    txn.commit().await.dom()?;
    Ok(m)
}

pub async fn insert_competency<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    agency_id: Uuid,
    c: NewCompetency,
) -> Result<competencies::Model, DomainError> {
    insert_competency_with(txn, actor, agency_id, c, false).await
}

/// Inserts a technical competency, retired from the start when `retired` (an import of a
/// competency the agency no longer uses), with its one audit event.
pub(crate) async fn insert_competency_with<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    agency_id: Uuid,
    c: NewCompetency,
    retired: bool,
) -> Result<competencies::Model, DomainError> {
    check_code(txn, agency_id, &c.code, None).await?;
    let now = Utc::now();
    let m = competencies::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(Some(agency_id)),
        code: Set(c.code),
        competency_group: Set(c.group.as_str().to_owned()),
        name: Set(c.name),
        description: Set(c.description),
        levels: Set(levels_json(&c.levels)),
        retired_at: Set(retired.then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await
    .dom()?;
    audit::record(
        txn,
        actor,
        Change {
            agency_id: Some(agency_id),
            entity_type: "competency",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    Ok(m)
}

/// Changes, retires or reinstates a technical competency. The national catalogue is read-only.
pub async fn update_competency(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    change: impl FnOnce(&competencies::Model) -> Result<(NewCompetency, bool), DomainError>,
) -> Result<competencies::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_competency(&txn, scope, id).await?;
    if before.agency_id.is_none() {
        return Err(DomainError::Forbidden(
            "the national competencies of PermenPANRB 38/2017 cannot be changed".into(),
        ));
    }
    let (c, retired) = change(&before)?;
    let after = save_competency(&txn, actor, before, c, retired).await?;
    txn.commit().await.dom()?;
    Ok(after)
}

/// Writes `c` (and the retired state) over the technical competency `before` inside the
/// caller's transaction, with its audit event.
pub(crate) async fn save_competency<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    before: competencies::Model,
    c: NewCompetency,
    retired: bool,
) -> Result<competencies::Model, DomainError> {
    let id = before.id;
    let Some(agency_id) = before.agency_id else {
        return Err(DomainError::Forbidden(
            "the national competencies of PermenPANRB 38/2017 cannot be changed".into(),
        ));
    };
    check_code(txn, agency_id, &c.code, Some(id)).await?;
    let now = Utc::now();
    let mut am = before.clone().into_active_model();
    am.code = Set(c.code);
    am.name = Set(c.name);
    am.description = Set(c.description);
    am.levels = Set(levels_json(&c.levels));
    am.retired_at = Set(match (retired, before.retired_at) {
        (true, Some(t)) => Some(t),
        (true, None) => Some(now),
        (false, _) => None,
    });
    am.updated_at = Set(now);
    let after = am.update(txn).await.dom()?;
    audit::record(
        txn,
        actor,
        Change {
            agency_id: Some(agency_id),
            entity_type: "competency",
            entity_id: id,
            action: "update",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    Ok(after)
}

// ---------------------------------------------------------------- settings

/// The needs-analysis settings of an agency (the defaults until an admin changes them).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    pub managerial_defaults: ManagerialDefaults,
    pub need_weights: NeedWeights,
}

pub async fn settings<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
) -> Result<Settings, DomainError> {
    let Some(m) = settings::Entity::find_by_id(agency_id)
        .one(db)
        .await
        .dom()?
    else {
        return Ok(Settings::default());
    };
    let bad = |e: serde_json::Error| DomainError::Internal(format!("stored settings: {e}"));
    Ok(Settings {
        managerial_defaults: serde_json::from_value(m.managerial_defaults).map_err(bad)?,
        need_weights: serde_json::from_value(m.need_weights).map_err(bad)?,
    })
}

pub async fn save_settings(
    db: &DatabaseConnection,
    actor: &Actor,
    agency_id: Uuid,
    s: Settings,
) -> Result<Settings, DomainError> {
    s.managerial_defaults.validate()?;
    s.need_weights.validate()?;
    let txn = db.begin().await.dom()?;
    let before = settings::Entity::find_by_id(agency_id)
        .one(&txn)
        .await
        .dom()?;
    let am = settings::ActiveModel {
        agency_id: Set(agency_id),
        managerial_defaults: Set(json!(s.managerial_defaults)),
        need_weights: Set(json!(s.need_weights)),
        updated_at: Set(Utc::now()),
    };
    let after = match &before {
        Some(_) => am.update(&txn).await.dom()?,
        None => am.insert(&txn).await.dom()?,
    };
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(agency_id),
            entity_type: "competency_settings",
            entity_id: agency_id,
            action: "update",
            before: before.as_ref(),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(s)
}

// ---------------------------------------------------------------- standards

/// One competency of a position's standard.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardEntry {
    pub competency: competencies::Model,
    pub required_level: u8,
    /// Set by an admin (`true`) or the default for the post's kind (`false`).
    pub explicit: bool,
}

fn kind_of(p: &positions::Model) -> Result<(PositionKind, Option<FunctionalLevel>), DomainError> {
    let bad = |_| DomainError::Internal("stored position kind".into());
    let kind = p.kind.parse().map_err(bad)?;
    let level = p
        .functional_level
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(bad)?;
    Ok((kind, level))
}

/// The national catalogue, in code order.
async fn national<C: ConnectionTrait>(db: &C) -> Result<Vec<competencies::Model>, DomainError> {
    competencies::Entity::find()
        .filter(competencies::Column::AgencyId.is_null())
        .filter(competencies::Column::RetiredAt.is_null())
        .order_by_asc(competencies::Column::Code)
        .all(db)
        .await
        .dom()
}

/// The effective standards of `positions` (all of one agency): explicit levels, and the
/// agency's default level for every national competency not set explicitly. Retired
/// competencies are left out.
pub async fn standards_of<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    positions: &[positions::Model],
) -> Result<HashMap<Uuid, Vec<StandardEntry>>, DomainError> {
    let defaults = settings(db, agency_id).await?.managerial_defaults;
    let national = national(db).await?;
    let ids: Vec<Uuid> = positions.iter().map(|p| p.id).collect();
    let explicit = if ids.is_empty() {
        Vec::new()
    } else {
        standards::Entity::find()
            .filter(any_of(
                db.get_database_backend(),
                standards::Column::PositionId,
                ids,
            ))
            .all(db)
            .await
            .dom()?
    };
    let mut comp_ids: Vec<Uuid> = explicit.iter().map(|s| s.competency_id).collect();
    comp_ids.sort_unstable();
    comp_ids.dedup();
    let comps: HashMap<Uuid, competencies::Model> = if comp_ids.is_empty() {
        HashMap::new()
    } else {
        competencies::Entity::find()
            .filter(any_of(
                db.get_database_backend(),
                competencies::Column::Id,
                comp_ids,
            ))
            .filter(competencies::Column::RetiredAt.is_null())
            .all(db)
            .await
            .dom()?
            .into_iter()
            .map(|c| (c.id, c))
            .collect()
    };
    let mut by_position: HashMap<Uuid, Vec<&standards::Model>> = HashMap::new();
    for s in &explicit {
        by_position.entry(s.position_id).or_default().push(s);
    }
    let mut out = HashMap::new();
    for p in positions {
        let (kind, level) = kind_of(p)?;
        let default_level = defaults.level_for(kind, level);
        let rows = by_position.remove(&p.id).unwrap_or_default();
        let mut entries: Vec<StandardEntry> = national
            .iter()
            .filter(|n| !rows.iter().any(|s| s.competency_id == n.id))
            .map(|n| StandardEntry {
                competency: n.clone(),
                required_level: default_level,
                explicit: false,
            })
            .collect();
        entries.extend(rows.iter().filter_map(|s| {
            comps.get(&s.competency_id).map(|c| StandardEntry {
                competency: c.clone(),
                required_level: s.required_level.clamp(1, 5) as u8,
                explicit: true,
            })
        }));
        entries.sort_by(|a, b| {
            (a.competency.agency_id.is_some(), &a.competency.code)
                .cmp(&(b.competency.agency_id.is_some(), &b.competency.code))
        });
        out.insert(p.id, entries);
    }
    Ok(out)
}

pub async fn position_standard<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    position_id: Uuid,
) -> Result<(positions::Model, Vec<StandardEntry>), DomainError> {
    let p = get_position(db, scope, position_id).await?;
    let mut all = standards_of(db, p.agency_id, std::slice::from_ref(&p)).await?;
    let entries = all.remove(&p.id).unwrap_or_default();
    Ok((p, entries))
}

/// Replaces the explicit levels of a position's standard with `entries` (competency, level).
/// National competencies left out keep their default level.
pub async fn set_position_standard(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    position_id: Uuid,
    entries: Vec<(Uuid, u8)>,
) -> Result<(positions::Model, Vec<StandardEntry>), DomainError> {
    let txn = db.begin().await.dom()?;
    let p = get_position(&txn, scope, position_id).await?;
    save_standard(&txn, actor, &p, entries).await?;
    let mut all = standards_of(&txn, p.agency_id, std::slice::from_ref(&p)).await?;
    txn.commit().await.dom()?;
    let entries = all.remove(&p.id).unwrap_or_default();
    Ok((p, entries))
}

/// Writes the explicit standard of `p` inside the caller's transaction.
pub(crate) async fn save_standard<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    p: &positions::Model,
    entries: Vec<(Uuid, u8)>,
) -> Result<(), DomainError> {
    let mut errors = Vec::new();
    let mut seen = HashMap::new();
    for (i, (cid, level)) in entries.iter().enumerate() {
        if let Some(first) = seen.insert(*cid, i) {
            errors.push(FieldError::new(
                format!("standards[{i}].competency_id"),
                "duplicate",
                format!("this competency is already in standards[{first}]"),
            ));
        }
        if !(1..=5).contains(level) {
            errors.push(FieldError::new(
                format!("standards[{i}].required_level"),
                "out_of_range",
                "must be a level from 1 to 5",
            ));
        }
    }
    let ids: Vec<Uuid> = entries.iter().map(|(c, _)| *c).collect();
    let known: HashMap<Uuid, competencies::Model> = if ids.is_empty() {
        HashMap::new()
    } else {
        competencies::Entity::find()
            .filter(any_of(
                txn.get_database_backend(),
                competencies::Column::Id,
                ids,
            ))
            .filter(visible(Scope::Agency(p.agency_id), None))
            .filter(competencies::Column::RetiredAt.is_null())
            .all(txn)
            .await
            .dom()?
            .into_iter()
            .map(|c| (c.id, c))
            .collect()
    };
    for (i, (cid, _)) in entries.iter().enumerate() {
        if !known.contains_key(cid) {
            errors.push(FieldError::new(
                format!("standards[{i}].competency_id"),
                "unknown_reference",
                "no such competency in the national catalogue or this agency (or it is retired)",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors));
    }
    let before_rows = standards::Entity::find()
        .filter(standards::Column::PositionId.eq(p.id))
        .all(txn)
        .await
        .dom()?;
    let code_of = |id: Uuid, fallback: &HashMap<Uuid, String>| {
        known
            .get(&id)
            .map(|c| c.code.clone())
            .or_else(|| fallback.get(&id).cloned())
            .unwrap_or_else(|| id.to_string())
    };
    let old_codes: HashMap<Uuid, String> = if before_rows.is_empty() {
        HashMap::new()
    } else {
        competencies::Entity::find()
            .filter(any_of(
                txn.get_database_backend(),
                competencies::Column::Id,
                before_rows
                    .iter()
                    .map(|s| s.competency_id)
                    .collect::<Vec<_>>(),
            ))
            .all(txn)
            .await
            .dom()?
            .into_iter()
            .map(|c| (c.id, c.code))
            .collect()
    };
    let before: BTreeMap<String, i16> = before_rows
        .iter()
        .map(|s| (code_of(s.competency_id, &old_codes), s.required_level))
        .collect();
    let after: BTreeMap<String, i16> = entries
        .iter()
        .map(|(c, l)| (code_of(*c, &old_codes), i16::from(*l)))
        .collect();
    standards::Entity::delete_many()
        .filter(standards::Column::PositionId.eq(p.id))
        .exec(txn)
        .await
        .dom()?;
    let now = Utc::now();
    if !entries.is_empty() {
        standards::Entity::insert_many(entries.iter().map(|(cid, level)| standards::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(p.agency_id),
            position_id: Set(p.id),
            competency_id: Set(*cid),
            required_level: Set(i16::from(*level)),
            updated_at: Set(now),
        }))
        .exec_without_returning(txn)
        .await
        .dom()?;
    }
    audit::record(
        txn,
        actor,
        Change {
            agency_id: Some(p.agency_id),
            entity_type: "position_standard",
            entity_id: p.id,
            action: "update",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    Ok(())
}

/// The codes of the competencies `ids` (for audit events, which name competencies by code).
async fn codes_of<C: ConnectionTrait>(
    txn: &C,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, String>, DomainError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(competencies::Entity::find()
        .select_only()
        .column(competencies::Column::Id)
        .column(competencies::Column::Code)
        .filter(any_of(
            txn.get_database_backend(),
            competencies::Column::Id,
            ids,
        ))
        .into_tuple::<(Uuid, String)>()
        .all(txn)
        .await
        .dom()?
        .into_iter()
        .collect())
}

/// Sets the explicit level of each (competency, level) of `entries` in the standard of `p`,
/// inside the caller's transaction, leaving its other explicit levels alone (an import adds
/// and changes pairs, never removes them). The caller has checked the competencies (national
/// or of the position's agency, not retired) and the levels. One audit event records the
/// whole explicit standard before and after, as [`save_standard`] does; nothing is written
/// or recorded when no level changes.
pub(crate) async fn merge_standard<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    p: &positions::Model,
    entries: Vec<(Uuid, u8)>,
) -> Result<(), DomainError> {
    let before_rows = standards::Entity::find()
        .filter(standards::Column::PositionId.eq(p.id))
        .all(txn)
        .await
        .dom()?;
    let mut ids: Vec<Uuid> = before_rows
        .iter()
        .map(|s| s.competency_id)
        .chain(entries.iter().map(|(c, _)| *c))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let codes = codes_of(txn, ids).await?;
    let code_of = |id: Uuid| codes.get(&id).cloned().unwrap_or_else(|| id.to_string());
    let mut current: HashMap<Uuid, standards::Model> = before_rows
        .iter()
        .map(|s| (s.competency_id, s.clone()))
        .collect();
    let now = Utc::now();
    let mut changed = false;
    for (cid, level) in entries {
        let level = i16::from(level);
        match current.get(&cid) {
            Some(s) if s.required_level == level => {}
            Some(s) => {
                let mut am = s.clone().into_active_model();
                am.required_level = Set(level);
                am.updated_at = Set(now);
                let after = am.update(txn).await.dom()?;
                current.insert(cid, after);
                changed = true;
            }
            None => {
                let m = standards::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    agency_id: Set(p.agency_id),
                    position_id: Set(p.id),
                    competency_id: Set(cid),
                    required_level: Set(level),
                    updated_at: Set(now),
                }
                .insert(txn)
                .await
                .dom()?;
                current.insert(cid, m);
                changed = true;
            }
        }
    }
    if !changed {
        return Ok(());
    }
    let before: BTreeMap<String, i16> = before_rows
        .iter()
        .map(|s| (code_of(s.competency_id), s.required_level))
        .collect();
    let after: BTreeMap<String, i16> = current
        .values()
        .map(|s| (code_of(s.competency_id), s.required_level))
        .collect();
    audit::record(
        txn,
        actor,
        Change {
            agency_id: Some(p.agency_id),
            entity_type: "position_standard",
            entity_id: p.id,
            action: "update",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await
}

// ---------------------------------------------------------------- assessments

pub async fn create_assessment(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    a: NewAssessment,
) -> Result<assessments::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let e = get_employee(&txn, scope, a.employee_id).await?;
    let c = get_competency(&txn, Scope::Agency(e.agency_id), a.competency_id)
        .await
        .map_err(|_| {
            DomainError::field(
                "competency_id",
                "unknown_reference",
                "no such competency in the national catalogue or the employee's agency",
            )
        })?;
    if c.retired_at.is_some() {
        return Err(DomainError::field(
            "competency_id",
            "retired",
            "this competency is retired",
        ));
    }
    let m = insert_assessment(&txn, actor, e.agency_id, a).await?;
    txn.commit().await.dom()?;
    Ok(m)
}

pub(crate) async fn insert_assessment<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    agency_id: Uuid,
    a: NewAssessment,
) -> Result<assessments::Model, DomainError> {
    let m = assessments::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        employee_id: Set(a.employee_id),
        competency_id: Set(a.competency_id),
        level: Set(i16::from(a.level)),
        assessed_on: Set(a.assessed_on),
        method: Set(a.method.as_str().to_owned()),
        assessor_user_id: Set(actor.user_id),
        assessor_name: Set(a.assessor_name),
        evidence: Set(a.evidence),
        valid_until: Set(a.valid_until),
        created_by: Set(actor.user_id),
        created_at: Set(Utc::now()),
        voided_at: Set(None),
        void_reason: Set(None),
    }
    .insert(txn)
    .await
    .dom()?;
    audit::record(
        txn,
        actor,
        Change {
            agency_id: Some(agency_id),
            entity_type: "competency_assessment",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    Ok(m)
}

#[derive(Debug, Clone, Default)]
pub struct AssessmentFilter {
    pub agency_id: Option<Uuid>,
    pub employee_id: Option<Uuid>,
    pub competency_id: Option<Uuid>,
    /// Employees whose supervisor is this employee (a supervisor's view of their team).
    pub supervisor_id: Option<Uuid>,
    pub include_voided: bool,
}

/// Assessments, newest first (history included).
pub async fn list_assessments(
    db: &DatabaseConnection,
    scope: Scope,
    f: AssessmentFilter,
    page: PageRequest,
) -> Result<Page<assessments::Model>, DomainError> {
    let mut q = scoped(
        assessments::Entity::find(),
        assessments::Column::AgencyId,
        scope,
    );
    if let Some(a) = f.agency_id {
        q = q.filter(assessments::Column::AgencyId.eq(a));
    }
    if let Some(e) = f.employee_id {
        q = q.filter(assessments::Column::EmployeeId.eq(e));
    }
    if let Some(c) = f.competency_id {
        q = q.filter(assessments::Column::CompetencyId.eq(c));
    }
    if let Some(s) = f.supervisor_id {
        q = q.filter(
            assessments::Column::EmployeeId.in_subquery(
                Query::select()
                    .column(employees::Column::Id)
                    .from(employees::Entity)
                    .and_where(Expr::col(employees::Column::SupervisorId).eq(s))
                    .to_owned(),
            ),
        );
    }
    if !f.include_voided {
        q = q.filter(assessments::Column::VoidedAt.is_null());
    }
    let q = q
        .order_by_desc(assessments::Column::AssessedOn)
        .order_by_desc(assessments::Column::Id);
    fetch_page(db, q, page).await
}

pub async fn get_assessment<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<assessments::Model, DomainError> {
    scoped(
        assessments::Entity::find_by_id(id),
        assessments::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("assessment"))
}

/// Voids an assessment (it stays in the history, and stops counting).
pub async fn void_assessment(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    reason: String,
) -> Result<assessments::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_assessment(&txn, scope, id).await?;
    if before.voided_at.is_some() {
        return Err(DomainError::conflict(
            "already_voided",
            None,
            "this assessment is already void",
        ));
    }
    let mut am = before.clone().into_active_model();
    am.voided_at = Set(Some(Utc::now()));
    am.void_reason = Set(Some(reason));
    let after = am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "competency_assessment",
            entity_id: id,
            action: "void",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(after)
}

/// The level that counts today for each (employee, competency) among `employee_ids`.
pub async fn current_levels<C: ConnectionTrait>(
    db: &C,
    employee_ids: &[Uuid],
    today: NaiveDate,
) -> Result<HashMap<(Uuid, Uuid), u8>, DomainError> {
    if employee_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, Uuid, Uuid, i16, NaiveDate, Option<NaiveDate>)> =
        assessments::Entity::find()
            .select_only()
            .columns([
                assessments::Column::Id,
                assessments::Column::EmployeeId,
                assessments::Column::CompetencyId,
                assessments::Column::Level,
                assessments::Column::AssessedOn,
                assessments::Column::ValidUntil,
            ])
            .filter(any_of(
                db.get_database_backend(),
                assessments::Column::EmployeeId,
                employee_ids.to_vec(),
            ))
            .filter(assessments::Column::VoidedAt.is_null())
            .into_tuple()
            .all(db)
            .await
            .dom()?;
    let mut grouped: HashMap<(Uuid, Uuid), Vec<(AssessmentKey, u8)>> = HashMap::new();
    for (id, emp, comp, level, on, until) in rows {
        grouped.entry((emp, comp)).or_default().push((
            AssessmentKey {
                assessed_on: on,
                valid_until: until,
                voided: false,
                // v7 ids grow with the time they were made.
                recorded_seq: id.as_u128(),
            },
            level.clamp(1, 5) as u8,
        ));
    }
    Ok(grouped
        .into_iter()
        .filter_map(|(k, v)| {
            let keys: Vec<AssessmentKey> = v.iter().map(|(k, _)| *k).collect();
            latest_valid(&keys, today).map(|i| (k, v[i].1))
        })
        .collect())
}

// ---------------------------------------------------------------- gaps

/// An employee's gap: their position's standard against their current levels.
#[derive(Debug, Clone)]
pub struct EmployeeGapReport {
    pub employee: employees::Model,
    pub position: Option<positions::Model>,
    pub standard: Vec<StandardEntry>,
    pub gap: EmployeeGap,
}

pub async fn employee_gap_report<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    employee_id: Uuid,
    today: NaiveDate,
) -> Result<EmployeeGapReport, DomainError> {
    let employee = get_employee(db, scope, employee_id).await?;
    let position = match employee.position_id {
        Some(p) => positions::Entity::find_by_id(p).one(db).await.dom()?,
        None => None,
    };
    let standard = match &position {
        Some(p) => standards_of(db, employee.agency_id, std::slice::from_ref(p))
            .await?
            .remove(&p.id)
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let levels = current_levels(db, &[employee.id], today).await?;
    let achieved: HashMap<Uuid, u8> = levels.into_iter().map(|((_, c), l)| (c, l)).collect();
    let reqs: Vec<Requirement> = standard
        .iter()
        .map(|s| Requirement {
            competency_id: s.competency.id,
            required: s.required_level,
        })
        .collect();
    let gap = employee_gap(&reqs, &achieved);
    Ok(EmployeeGapReport {
        employee,
        position,
        standard,
        gap,
    })
}

/// The staff of a unit (and the units below it) with their gaps: the rows of a heat map.
#[derive(Debug, Clone)]
pub struct UnitGaps {
    pub unit: org_units::Model,
    /// Every competency that appears in a staff member's standard, national ones first.
    pub competencies: Vec<competencies::Model>,
    /// Active employees, by name, each with their gap items (in their standard's order).
    pub employees: Vec<(employees::Model, EmployeeGap)>,
}

pub async fn unit_gaps<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    unit_id: Uuid,
    today: NaiveDate,
) -> Result<UnitGaps, DomainError> {
    let unit = get_unit(db, scope, unit_id).await?;
    let subtree = subtree_ids(&unit);
    let staff = employees::Entity::find()
        .filter(employees::Column::AgencyId.eq(unit.agency_id))
        .filter(employees::Column::OrgUnitId.in_subquery(subtree))
        .filter(employees::Column::Status.ne("inactive"))
        .order_by_asc(employees::Column::Name)
        .order_by_asc(employees::Column::Id)
        .all(db)
        .await
        .dom()?;
    gaps_of_staff(db, unit.agency_id, staff, today)
        .await
        .map(|(competencies, employees)| UnitGaps {
            unit,
            competencies,
            employees,
        })
}

/// The gaps of `staff` (all of one agency), and the competencies they involve.
pub async fn gaps_of_staff<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    staff: Vec<employees::Model>,
    today: NaiveDate,
) -> Result<
    (
        Vec<competencies::Model>,
        Vec<(employees::Model, EmployeeGap)>,
    ),
    DomainError,
> {
    let mut position_ids: Vec<Uuid> = staff.iter().filter_map(|e| e.position_id).collect();
    position_ids.sort_unstable();
    position_ids.dedup();
    let positions = if position_ids.is_empty() {
        Vec::new()
    } else {
        positions::Entity::find()
            .filter(any_of(
                db.get_database_backend(),
                positions::Column::Id,
                position_ids,
            ))
            .all(db)
            .await
            .dom()?
    };
    let standards = standards_of(db, agency_id, &positions).await?;
    let ids: Vec<Uuid> = staff.iter().map(|e| e.id).collect();
    let levels = current_levels(db, &ids, today).await?;
    let mut comps: BTreeMap<(bool, String), competencies::Model> = BTreeMap::new();
    let mut rows = Vec::with_capacity(staff.len());
    for e in staff {
        let standard = e
            .position_id
            .and_then(|p| standards.get(&p))
            .map(Vec::as_slice)
            .unwrap_or_default();
        for s in standard {
            comps
                .entry((s.competency.agency_id.is_some(), s.competency.code.clone()))
                .or_insert_with(|| s.competency.clone());
        }
        let reqs: Vec<Requirement> = standard
            .iter()
            .map(|s| Requirement {
                competency_id: s.competency.id,
                required: s.required_level,
            })
            .collect();
        let achieved: HashMap<Uuid, u8> = reqs
            .iter()
            .filter_map(|r| {
                levels
                    .get(&(e.id, r.competency_id))
                    .map(|l| (r.competency_id, *l))
            })
            .collect();
        let gap = employee_gap(&reqs, &achieved);
        rows.push((e, gap));
    }
    Ok((comps.into_values().collect(), rows))
}

// ---------------------------------------------------------------- training needs

/// Someone below the standard in a competency.
#[derive(Debug, Clone)]
pub struct Shortfall {
    pub employee: employees::Model,
    pub required: u8,
    pub achieved: Option<u8>,
}

/// One ranked training need, with the signals that make its score.
#[derive(Debug, Clone)]
pub struct TrainingNeed {
    pub competency: competencies::Model,
    pub with_standard: u32,
    pub below: Vec<Shortfall>,
    pub signals: pembina_domain::competency::needs::NeedSignals,
    pub score: pembina_domain::competency::needs::NeedScore,
}

/// The ranked training needs of a unit (and the units below it), or of a whole agency.
pub async fn training_needs<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    agency_id: Uuid,
    unit_id: Option<Uuid>,
    survey_signals: &HashMap<Uuid, f64>,
    today: NaiveDate,
) -> Result<(Settings, Vec<TrainingNeed>), DomainError> {
    use pembina_domain::competency::needs::{NeedSignals, rank, score_need};
    if !scope.allows(agency_id) {
        return Err(DomainError::NotFound("agency"));
    }
    let mut q = employees::Entity::find()
        .filter(employees::Column::AgencyId.eq(agency_id))
        .filter(employees::Column::Status.ne("inactive"));
    if let Some(u) = unit_id {
        let unit = get_unit(db, scope, u).await?;
        if unit.agency_id != agency_id {
            return Err(DomainError::NotFound("org unit"));
        }
        q = q.filter(employees::Column::OrgUnitId.in_subquery(subtree_ids(&unit)));
    }
    let staff = q
        .order_by_asc(employees::Column::Name)
        .order_by_asc(employees::Column::Id)
        .all(db)
        .await
        .dom()?;
    let settings = settings(db, agency_id).await?;
    let (mut comps, rows) = gaps_of_staff(db, agency_id, staff, today).await?;
    // Competencies the surveys ask about, even where no standard requires them.
    let extra: Vec<Uuid> = survey_signals
        .keys()
        .filter(|id| !comps.iter().any(|c| c.id == **id))
        .copied()
        .collect();
    if !extra.is_empty() {
        comps.extend(
            competencies::Entity::find()
                .filter(any_of(
                    db.get_database_backend(),
                    competencies::Column::Id,
                    extra,
                ))
                .filter(competencies::Column::RetiredAt.is_null())
                .all(db)
                .await
                .dom()?,
        );
    }
    let mut per: HashMap<Uuid, (u32, Vec<Shortfall>)> = HashMap::new();
    for (e, g) in &rows {
        for i in &g.items {
            let entry = per.entry(i.competency_id).or_default();
            entry.0 += 1;
            if !i.meets {
                entry.1.push(Shortfall {
                    employee: e.clone(),
                    required: i.required,
                    achieved: i.achieved,
                });
            }
        }
    }
    let mut needs = Vec::new();
    for c in comps {
        let (with, below) = per.remove(&c.id).unwrap_or_default();
        let survey = survey_signals.get(&c.id).copied();
        if below.is_empty() && survey.is_none_or(|s| s <= 0.0) {
            continue;
        }
        let depth_sum: u32 = below
            .iter()
            .map(|s| u32::from(s.required - Ord::min(s.achieved.unwrap_or(0), s.required)))
            .sum();
        let signals = NeedSignals {
            gap_share: if with == 0 {
                0.0
            } else {
                below.len() as f64 / f64::from(with)
            },
            mean_gap: if below.is_empty() {
                0.0
            } else {
                f64::from(depth_sum) / below.len() as f64
            },
            survey,
            performance: None,
            citizen: None,
        };
        let score = score_need(&signals, &settings.need_weights);
        needs.push(((c, with, below, signals), score));
    }
    let ranked = rank(needs)
        .into_iter()
        .map(
            |((competency, with_standard, below, signals), score)| TrainingNeed {
                competency,
                with_standard,
                below,
                signals,
                score,
            },
        )
        .collect();
    Ok((settings, ranked))
}
