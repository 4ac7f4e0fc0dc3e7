//! The curriculum: programmes with their competency targets, audience, modules, materials and
//! tests; and their sessions (angkatan).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use pembina_domain::accounts::Scope;
use pembina_domain::learning::programme::{NewModule, NewProgramme, ProgrammeStatus};
use pembina_domain::learning::quiz::{QuizSpec, TestKind};
use pembina_domain::learning::session::NewSession;
use pembina_domain::page::{Page, PageRequest};
use pembina_domain::{DomainError, FieldError};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use uuid::Uuid;

use super::competency::get_competency;
use super::{contains_ci, fetch_page, ids_in_agency, scoped, unknown_refs};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::bulk::any_of;
use crate::entities::{
    enrolments, learning_sessions, module_materials, module_progress, org_units, positions,
    programme_competencies, programme_modules, programme_positions, programme_tests,
    programme_units, programmes, test_attempts,
};

/// A programme with its targets and audience.
#[derive(Debug, Clone)]
pub struct Programme {
    pub programme: programmes::Model,
    pub competencies: Vec<programme_competencies::Model>,
    pub position_ids: Vec<Uuid>,
    pub org_unit_ids: Vec<Uuid>,
}

#[derive(Debug, Clone)]
pub struct Module {
    pub module: programme_modules::Model,
    pub materials: Vec<module_materials::Model>,
}

/// A programme with everything a learner or editor sees.
#[derive(Debug, Clone)]
pub struct ProgrammeDetail {
    pub programme: Programme,
    pub modules: Vec<Module>,
    pub tests: Vec<programme_tests::Model>,
}

#[derive(Debug, Clone, Default)]
pub struct ProgrammeFilter {
    pub agency_id: Option<Uuid>,
    pub status: Option<ProgrammeStatus>,
    pub competency_id: Option<Uuid>,
    pub q: Option<String>,
}

async fn attach<C: ConnectionTrait>(
    db: &C,
    items: Vec<programmes::Model>,
) -> Result<Vec<Programme>, DomainError> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = items.iter().map(|p| p.id).collect();
    let backend = db.get_database_backend();
    let mut comps: HashMap<Uuid, Vec<programme_competencies::Model>> = HashMap::new();
    for c in programme_competencies::Entity::find()
        .filter(any_of(
            backend,
            programme_competencies::Column::ProgrammeId,
            ids.clone(),
        ))
        .order_by_desc(programme_competencies::Column::Level)
        .order_by_asc(programme_competencies::Column::CompetencyId)
        .all(db)
        .await
        .dom()?
    {
        comps.entry(c.programme_id).or_default().push(c);
    }
    let mut pos: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for p in programme_positions::Entity::find()
        .filter(any_of(
            backend,
            programme_positions::Column::ProgrammeId,
            ids.clone(),
        ))
        .order_by_asc(programme_positions::Column::PositionId)
        .all(db)
        .await
        .dom()?
    {
        pos.entry(p.programme_id).or_default().push(p.position_id);
    }
    let mut units: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for u in programme_units::Entity::find()
        .filter(any_of(backend, programme_units::Column::ProgrammeId, ids))
        .order_by_asc(programme_units::Column::OrgUnitId)
        .all(db)
        .await
        .dom()?
    {
        units.entry(u.programme_id).or_default().push(u.org_unit_id);
    }
    Ok(items
        .into_iter()
        .map(|p| Programme {
            competencies: comps.remove(&p.id).unwrap_or_default(),
            position_ids: pos.remove(&p.id).unwrap_or_default(),
            org_unit_ids: units.remove(&p.id).unwrap_or_default(),
            programme: p,
        })
        .collect())
}

pub async fn list_programmes(
    db: &DatabaseConnection,
    scope: Scope,
    f: ProgrammeFilter,
    page: PageRequest,
) -> Result<Page<Programme>, DomainError> {
    let mut q = scoped(
        programmes::Entity::find(),
        programmes::Column::AgencyId,
        scope,
    );
    if let Some(a) = f.agency_id {
        q = q.filter(programmes::Column::AgencyId.eq(a));
    }
    if let Some(s) = f.status {
        q = q.filter(programmes::Column::Status.eq(s.as_str()));
    }
    if let Some(c) = f.competency_id {
        q = q.filter(
            programmes::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(programme_competencies::Column::ProgrammeId)
                    .from(programme_competencies::Entity)
                    .and_where(Expr::col(programme_competencies::Column::CompetencyId).eq(c))
                    .to_owned(),
            ),
        );
    }
    if let Some(text) = f.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        q = q.filter(
            contains_ci(programmes::Column::Title, text)
                .or(contains_ci(programmes::Column::Code, text)),
        );
    }
    let page = fetch_page(
        db,
        q.order_by_asc(programmes::Column::Title)
            .order_by_asc(programmes::Column::Id),
        page,
    )
    .await?;
    let items = attach(db, page.items).await?;
    Ok(Page {
        items,
        total: page.total,
        page: page.page,
        per_page: page.per_page,
    })
}

pub async fn get_programme<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<Programme, DomainError> {
    let p = scoped(
        programmes::Entity::find_by_id(id),
        programmes::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("programme"))?;
    Ok(attach(db, vec![p]).await?.remove(0))
}

pub async fn get_programme_detail<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<ProgrammeDetail, DomainError> {
    let programme = get_programme(db, scope, id).await?;
    let modules = programme_modules::Entity::find()
        .filter(programme_modules::Column::ProgrammeId.eq(id))
        .order_by_asc(programme_modules::Column::Seq)
        .order_by_asc(programme_modules::Column::Id)
        .all(db)
        .await
        .dom()?;
    let mut materials: HashMap<Uuid, Vec<module_materials::Model>> = HashMap::new();
    if !modules.is_empty() {
        for m in module_materials::Entity::find()
            .filter(any_of(
                db.get_database_backend(),
                module_materials::Column::ModuleId,
                modules.iter().map(|m| m.id).collect::<Vec<_>>(),
            ))
            .order_by_asc(module_materials::Column::Seq)
            .order_by_asc(module_materials::Column::Id)
            .all(db)
            .await
            .dom()?
        {
            materials.entry(m.module_id).or_default().push(m);
        }
    }
    let tests = programme_tests::Entity::find()
        .filter(programme_tests::Column::ProgrammeId.eq(id))
        .order_by_asc(programme_tests::Column::CreatedAt)
        .order_by_asc(programme_tests::Column::Id)
        .all(db)
        .await
        .dom()?;
    Ok(ProgrammeDetail {
        programme,
        modules: modules
            .into_iter()
            .map(|module| Module {
                materials: materials.remove(&module.id).unwrap_or_default(),
                module,
            })
            .collect(),
        tests,
    })
}

/// Checks that every competency, position and unit `p` names exists for `agency_id`.
async fn check_refs<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    p: &NewProgramme,
) -> Result<(), DomainError> {
    let scope = Scope::Agency(agency_id);
    let mut errors = Vec::new();
    for (i, c) in p.competencies.iter().enumerate() {
        if get_competency(db, scope, c.competency_id).await.is_err() {
            errors.push(FieldError::new(
                format!("competencies[{i}].competency_id"),
                "unknown_reference",
                "no such competency in the national catalogue or this agency",
            ));
        }
    }
    let positions = ids_in_agency::<positions::Entity, _>(
        db,
        positions::Column::Id,
        positions::Column::AgencyId,
        agency_id,
        &p.position_ids,
    )
    .await?;
    errors.extend(unknown_refs(
        &p.position_ids,
        &positions,
        |i| format!("position_ids[{i}]"),
        "no such position in this agency",
    ));
    let units = ids_in_agency::<org_units::Entity, _>(
        db,
        org_units::Column::Id,
        org_units::Column::AgencyId,
        agency_id,
        &p.org_unit_ids,
    )
    .await?;
    errors.extend(unknown_refs(
        &p.org_unit_ids,
        &units,
        |i| format!("org_unit_ids[{i}]"),
        "no such unit in this agency",
    ));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Validation(errors))
    }
}

async fn write_targets<C: ConnectionTrait>(
    txn: &C,
    id: Uuid,
    p: &NewProgramme,
) -> Result<(), DomainError> {
    programme_competencies::Entity::delete_many()
        .filter(programme_competencies::Column::ProgrammeId.eq(id))
        .exec(txn)
        .await
        .dom()?;
    programme_positions::Entity::delete_many()
        .filter(programme_positions::Column::ProgrammeId.eq(id))
        .exec(txn)
        .await
        .dom()?;
    programme_units::Entity::delete_many()
        .filter(programme_units::Column::ProgrammeId.eq(id))
        .exec(txn)
        .await
        .dom()?;
    if !p.competencies.is_empty() {
        programme_competencies::Entity::insert_many(p.competencies.iter().map(|c| {
            programme_competencies::ActiveModel {
                programme_id: Set(id),
                competency_id: Set(c.competency_id),
                level: Set(i32::from(c.level)),
            }
        }))
        .exec_without_returning(txn)
        .await
        .dom()?;
    }
    if !p.position_ids.is_empty() {
        programme_positions::Entity::insert_many(p.position_ids.iter().map(|pid| {
            programme_positions::ActiveModel {
                programme_id: Set(id),
                position_id: Set(*pid),
            }
        }))
        .exec_without_returning(txn)
        .await
        .dom()?;
    }
    if !p.org_unit_ids.is_empty() {
        programme_units::Entity::insert_many(p.org_unit_ids.iter().map(|u| {
            programme_units::ActiveModel {
                programme_id: Set(id),
                org_unit_id: Set(*u),
            }
        }))
        .exec_without_returning(txn)
        .await
        .dom()?;
    }
    Ok(())
}

fn apply(am: &mut programmes::ActiveModel, p: &NewProgramme) {
    am.code = Set(p.code.clone());
    am.title = Set(p.title.clone());
    am.objectives = Set(p.objectives.clone());
    am.activity_kind = Set(p.activity_kind.as_str().to_owned());
    am.form = Set(p.form.as_str().to_owned());
    am.jp = Set(p.jp);
    am.self_registration = Set(p.self_registration);
    am.min_attendance_percent = Set(i32::from(p.min_attendance_percent));
    am.require_post_test = Set(p.require_post_test);
    am.status = Set(p.status.as_str().to_owned());
}

async fn code_taken<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    code: &str,
    except: Option<Uuid>,
) -> Result<bool, DomainError> {
    let mut q = programmes::Entity::find()
        .filter(programmes::Column::AgencyId.eq(agency_id))
        .filter(programmes::Column::Code.eq(code));
    if let Some(id) = except {
        q = q.filter(programmes::Column::Id.ne(id));
    }
    Ok(q.one(db).await.dom()?.is_some())
}

fn duplicate_code(code: &str) -> DomainError {
    DomainError::conflict(
        "duplicate",
        Some("code"),
        format!("the agency already has a programme with code {code}"),
    )
}

pub async fn create_programme(
    db: &DatabaseConnection,
    actor: &Actor,
    agency_id: Uuid,
    p: NewProgramme,
) -> Result<Programme, DomainError> {
    let txn = db.begin().await.dom()?;
    check_refs(&txn, agency_id, &p).await?;
    if code_taken(&txn, agency_id, &p.code, None).await? {
        return Err(duplicate_code(&p.code));
    }
    let now = Utc::now();
    let mut am = programmes::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(&mut am, &p);
    let m = am.insert(&txn).await.dom()?;
    write_targets(&txn, m.id, &p).await?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(agency_id),
            entity_type: "programme",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    let out = get_programme(&txn, Scope::Agency(agency_id), m.id).await?;
    txn.commit().await.dom()?;
    Ok(out)
}

pub async fn update_programme(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    p: NewProgramme,
) -> Result<Programme, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_programme(&txn, scope, id).await?;
    let agency_id = before.programme.agency_id;
    check_refs(&txn, agency_id, &p).await?;
    if code_taken(&txn, agency_id, &p.code, Some(id)).await? {
        return Err(duplicate_code(&p.code));
    }
    let mut am = before.programme.clone().into_active_model();
    apply(&mut am, &p);
    am.updated_at = Set(Utc::now());
    let after = am.update(&txn).await.dom()?;
    write_targets(&txn, id, &p).await?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(agency_id),
            entity_type: "programme",
            entity_id: id,
            action: "update",
            before: Some(&before.programme),
            after: Some(&after),
        },
    )
    .await?;
    let out = get_programme(&txn, scope, id).await?;
    txn.commit().await.dom()?;
    Ok(out)
}

// ---------------------------------------------------------------- modules

/// A module with its programme, within `scope`.
pub async fn get_module<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<(programme_modules::Model, programmes::Model), DomainError> {
    let module = programme_modules::Entity::find_by_id(id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("module"))?;
    let programme = scoped(
        programmes::Entity::find_by_id(module.programme_id),
        programmes::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("module"))?;
    Ok((module, programme))
}

pub async fn add_module(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    programme_id: Uuid,
    m: NewModule,
) -> Result<programme_modules::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let p = get_programme(&txn, scope, programme_id).await?;
    let last: Option<i32> = programme_modules::Entity::find()
        .select_only()
        .column_as(Expr::col(programme_modules::Column::Seq).max(), "m")
        .filter(programme_modules::Column::ProgrammeId.eq(programme_id))
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await
        .dom()?
        .flatten();
    let now = Utc::now();
    let module = programme_modules::ActiveModel {
        id: Set(Uuid::now_v7()),
        programme_id: Set(programme_id),
        seq: Set(last.map_or(1, |s| s + 1)),
        title: Set(m.title),
        summary: Set(m.summary),
        minutes: Set(m.minutes),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(p.programme.agency_id),
            entity_type: "programme_module",
            entity_id: module.id,
            action: "create",
            before: None,
            after: Some(&module),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(module)
}

pub async fn update_module(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    m: NewModule,
) -> Result<programme_modules::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let (before, p) = get_module(&txn, scope, id).await?;
    let mut am = before.clone().into_active_model();
    am.title = Set(m.title);
    am.summary = Set(m.summary);
    am.minutes = Set(m.minutes);
    am.updated_at = Set(Utc::now());
    let after = am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(p.agency_id),
            entity_type: "programme_module",
            entity_id: id,
            action: "update",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(after)
}

/// Puts a programme's modules in the order given (every module exactly once).
pub async fn reorder_modules(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    programme_id: Uuid,
    order: Vec<Uuid>,
) -> Result<Vec<programme_modules::Model>, DomainError> {
    let txn = db.begin().await.dom()?;
    let p = get_programme(&txn, scope, programme_id).await?;
    let modules = programme_modules::Entity::find()
        .filter(programme_modules::Column::ProgrammeId.eq(programme_id))
        .all(&txn)
        .await
        .dom()?;
    let mut sorted_given = order.clone();
    sorted_given.sort();
    let mut existing: Vec<Uuid> = modules.iter().map(|m| m.id).collect();
    existing.sort();
    if sorted_given != existing {
        return Err(DomainError::field(
            "module_ids",
            "mismatch",
            "list every module of the programme exactly once",
        ));
    }
    for (i, id) in order.iter().enumerate() {
        programme_modules::Entity::update_many()
            .col_expr(programme_modules::Column::Seq, Expr::val(i as i32 + 1))
            .filter(programme_modules::Column::Id.eq(*id))
            .exec(&txn)
            .await
            .dom()?;
    }
    audit::record(
        &txn,
        actor,
        Change::<serde_json::Value> {
            agency_id: Some(p.programme.agency_id),
            entity_type: "programme",
            entity_id: programme_id,
            action: "reorder_modules",
            before: None,
            after: Some(&serde_json::json!({ "module_ids": order })),
        },
    )
    .await?;
    let out = programme_modules::Entity::find()
        .filter(programme_modules::Column::ProgrammeId.eq(programme_id))
        .order_by_asc(programme_modules::Column::Seq)
        .all(&txn)
        .await
        .dom()?;
    txn.commit().await.dom()?;
    Ok(out)
}

/// Deletes a module nobody has started yet, with its materials and quiz. Returns the storage
/// keys of its files, for the caller to remove once the transaction has committed.
pub async fn delete_module(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
) -> Result<Vec<String>, DomainError> {
    let txn = db.begin().await.dom()?;
    let (module, p) = get_module(&txn, scope, id).await?;
    let started = module_progress::Entity::find()
        .filter(module_progress::Column::ModuleId.eq(id))
        .count_rows(&txn)
        .await?;
    let quiz_ids: Vec<Uuid> = programme_tests::Entity::find()
        .select_only()
        .column(programme_tests::Column::Id)
        .filter(programme_tests::Column::ModuleId.eq(id))
        .into_tuple()
        .all(&txn)
        .await
        .dom()?;
    let attempts = if quiz_ids.is_empty() {
        0
    } else {
        test_attempts::Entity::find()
            .filter(test_attempts::Column::TestId.is_in(quiz_ids.clone()))
            .count_rows(&txn)
            .await?
    };
    if started + attempts > 0 {
        return Err(DomainError::conflict(
            "in_use",
            None,
            "participants have started this module; it can be edited but not deleted",
        ));
    }
    let keys: Vec<String> = module_materials::Entity::find()
        .filter(module_materials::Column::ModuleId.eq(id))
        .all(&txn)
        .await
        .dom()?
        .into_iter()
        .filter_map(|m| m.storage_key)
        .collect();
    module_materials::Entity::delete_many()
        .filter(module_materials::Column::ModuleId.eq(id))
        .exec(&txn)
        .await
        .dom()?;
    programme_tests::Entity::delete_many()
        .filter(programme_tests::Column::ModuleId.eq(id))
        .exec(&txn)
        .await
        .dom()?;
    programme_modules::Entity::delete_by_id(id)
        .exec(&txn)
        .await
        .dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(p.agency_id),
            entity_type: "programme_module",
            entity_id: id,
            action: "delete",
            before: Some(&module),
            after: None,
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(keys)
}

trait CountRows {
    async fn count_rows<C: ConnectionTrait>(self, db: &C) -> Result<u64, DomainError>;
}

impl<E: EntityTrait> CountRows for sea_orm::Select<E>
where
    E::Model: Sync,
{
    async fn count_rows<C: ConnectionTrait>(self, db: &C) -> Result<u64, DomainError> {
        sea_orm::PaginatorTrait::count(self, db).await.dom()
    }
}

// ---------------------------------------------------------------- materials

/// A material to add: a link, or a file already stored under `storage_key`.
#[derive(Debug, Clone)]
pub enum NewMaterial {
    Link {
        url: String,
    },
    File {
        storage_key: String,
        file_name: String,
        content_type: String,
        size_bytes: i64,
    },
}

pub async fn add_material(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    module_id: Uuid,
    title: String,
    material: NewMaterial,
) -> Result<module_materials::Model, DomainError> {
    let title = title.trim().to_owned();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(DomainError::field(
            "title",
            "invalid",
            "needs 1 to 200 characters",
        ));
    }
    let txn = db.begin().await.dom()?;
    let (module, p) = get_module(&txn, scope, module_id).await?;
    let last: Option<i32> = module_materials::Entity::find()
        .select_only()
        .column_as(Expr::col(module_materials::Column::Seq).max(), "m")
        .filter(module_materials::Column::ModuleId.eq(module.id))
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await
        .dom()?
        .flatten();
    let mut am = module_materials::ActiveModel {
        id: Set(Uuid::now_v7()),
        module_id: Set(module.id),
        agency_id: Set(p.agency_id),
        seq: Set(last.map_or(1, |s| s + 1)),
        title: Set(title),
        created_at: Set(Utc::now()),
        url: Set(None),
        storage_key: Set(None),
        file_name: Set(None),
        content_type: Set(None),
        size_bytes: Set(None),
        kind: Set(String::new()),
    };
    match material {
        NewMaterial::Link { url } => {
            am.kind = Set("link".into());
            am.url = Set(Some(url));
        }
        NewMaterial::File {
            storage_key,
            file_name,
            content_type,
            size_bytes,
        } => {
            am.kind = Set("file".into());
            am.storage_key = Set(Some(storage_key));
            am.file_name = Set(Some(file_name));
            am.content_type = Set(Some(content_type));
            am.size_bytes = Set(Some(size_bytes));
        }
    }
    let m = am.insert(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(p.agency_id),
            entity_type: "module_material",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(m)
}

/// A material within `scope`, with its module and programme.
pub async fn get_material<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<(module_materials::Model, programme_modules::Model), DomainError> {
    let m = scoped(
        module_materials::Entity::find_by_id(id),
        module_materials::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("material"))?;
    let module = programme_modules::Entity::find_by_id(m.module_id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("material"))?;
    Ok((m, module))
}

/// Deletes a material; returns its storage key (if a file) for the caller to remove.
pub async fn delete_material(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
) -> Result<Option<String>, DomainError> {
    let txn = db.begin().await.dom()?;
    let (m, _) = get_material(&txn, scope, id).await?;
    module_materials::Entity::delete_by_id(id)
        .exec(&txn)
        .await
        .dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(m.agency_id),
            entity_type: "module_material",
            entity_id: id,
            action: "delete",
            before: Some(&m),
            after: None,
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(m.storage_key)
}

// ---------------------------------------------------------------- tests

/// The parsed questions of a stored test.
pub fn quiz_of(t: &programme_tests::Model) -> Result<QuizSpec, DomainError> {
    let questions =
        serde_json::from_str(&t.questions).map_err(|e| DomainError::Internal(e.to_string()))?;
    Ok(QuizSpec {
        pass_mark: t.pass_mark.clamp(0, 100) as u8,
        questions,
    })
}

/// Sets a programme's pre- or post-test, or a module's quiz (`module_id`), replacing the
/// questions of the one there. Attempts already made keep their scores.
pub async fn put_test(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    programme_id: Uuid,
    kind: TestKind,
    module_id: Option<Uuid>,
    quiz: QuizSpec,
) -> Result<programme_tests::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let p = get_programme(&txn, scope, programme_id).await?;
    if let Some(m) = module_id {
        let (module, _) = get_module(&txn, scope, m).await?;
        if module.programme_id != programme_id {
            return Err(DomainError::NotFound("module"));
        }
    }
    let mut q = programme_tests::Entity::find()
        .filter(programme_tests::Column::ProgrammeId.eq(programme_id))
        .filter(programme_tests::Column::Kind.eq(kind.as_str()));
    q = match module_id {
        Some(m) => q.filter(programme_tests::Column::ModuleId.eq(m)),
        None => q.filter(programme_tests::Column::ModuleId.is_null()),
    };
    let before = q.one(&txn).await.dom()?;
    let questions =
        serde_json::to_string(&quiz.questions).map_err(|e| DomainError::Internal(e.to_string()))?;
    let now = Utc::now();
    let after = match &before {
        Some(b) => {
            let mut am = b.clone().into_active_model();
            am.pass_mark = Set(i32::from(quiz.pass_mark));
            am.questions = Set(questions);
            am.updated_at = Set(now);
            am.update(&txn).await.dom()?
        }
        None => programme_tests::ActiveModel {
            id: Set(Uuid::now_v7()),
            programme_id: Set(programme_id),
            module_id: Set(module_id),
            kind: Set(kind.as_str().to_owned()),
            pass_mark: Set(i32::from(quiz.pass_mark)),
            questions: Set(questions),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await
        .dom()?,
    };
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(p.programme.agency_id),
            entity_type: "programme_test",
            entity_id: after.id,
            action: if before.is_some() { "update" } else { "create" },
            before: before.as_ref(),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(after)
}

// ---------------------------------------------------------------- sessions

/// A session with its programme's title and how many places are taken.
#[derive(Debug, Clone)]
pub struct Session {
    pub session: learning_sessions::Model,
    pub programme_title: String,
    pub enrolled: u64,
    pub waitlisted: u64,
    pub completed: u64,
}

#[derive(Debug, Clone, Default)]
pub struct SessionFilter {
    pub agency_id: Option<Uuid>,
    pub programme_id: Option<Uuid>,
    /// Sessions that end on or after this day (open-ended ones always).
    pub from: Option<NaiveDate>,
    /// Sessions that start on or before this day.
    pub to: Option<NaiveDate>,
    /// Only sessions employees may register for themselves.
    pub open_for_registration: bool,
}

async fn with_counts<C: ConnectionTrait>(
    db: &C,
    sessions: Vec<learning_sessions::Model>,
) -> Result<Vec<Session>, DomainError> {
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let ids: Vec<Uuid> = sessions.iter().map(|s| s.id).collect();
    let counts: Vec<(Uuid, String, i64)> = enrolments::Entity::find()
        .select_only()
        .column(enrolments::Column::SessionId)
        .column(enrolments::Column::Status)
        .column_as(Expr::col(enrolments::Column::Id).count(), "n")
        .filter(any_of(backend, enrolments::Column::SessionId, ids))
        .group_by(enrolments::Column::SessionId)
        .group_by(enrolments::Column::Status)
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let mut programme_ids: Vec<Uuid> = sessions.iter().map(|s| s.programme_id).collect();
    programme_ids.sort();
    programme_ids.dedup();
    let titles: HashMap<Uuid, String> = programmes::Entity::find()
        .select_only()
        .column(programmes::Column::Id)
        .column(programmes::Column::Title)
        .filter(any_of(backend, programmes::Column::Id, programme_ids))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await
        .dom()?
        .into_iter()
        .collect();
    let count = |id: Uuid, status: &str| {
        counts
            .iter()
            .find(|(s, st, _)| *s == id && st == status)
            .map_or(0, |(_, _, n)| *n as u64)
    };
    Ok(sessions
        .into_iter()
        .map(|s| Session {
            programme_title: titles.get(&s.programme_id).cloned().unwrap_or_default(),
            enrolled: count(s.id, "enrolled"),
            waitlisted: count(s.id, "waitlisted"),
            completed: count(s.id, "completed"),
            session: s,
        })
        .collect())
}

pub async fn list_sessions(
    db: &DatabaseConnection,
    scope: Scope,
    f: SessionFilter,
    page: PageRequest,
) -> Result<Page<Session>, DomainError> {
    let mut q = scoped(
        learning_sessions::Entity::find(),
        learning_sessions::Column::AgencyId,
        scope,
    );
    if let Some(a) = f.agency_id {
        q = q.filter(learning_sessions::Column::AgencyId.eq(a));
    }
    if let Some(p) = f.programme_id {
        q = q.filter(learning_sessions::Column::ProgrammeId.eq(p));
    }
    if let Some(from) = f.from {
        q = q.filter(
            learning_sessions::Column::EndDate
                .gte(from)
                .or(learning_sessions::Column::EndDate.is_null()),
        );
    }
    if let Some(to) = f.to {
        q = q.filter(
            learning_sessions::Column::StartDate
                .lte(to)
                .or(learning_sessions::Column::StartDate.is_null()),
        );
    }
    if f.open_for_registration {
        q = q
            .filter(learning_sessions::Column::SelfRegistration.eq(true))
            .filter(
                learning_sessions::Column::ProgrammeId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(programmes::Column::Id)
                        .from(programmes::Entity)
                        .and_where(
                            Expr::col(programmes::Column::Status)
                                .eq(ProgrammeStatus::Published.as_str()),
                        )
                        .to_owned(),
                ),
            );
    }
    let page = fetch_page(
        db,
        q.order_by_desc(learning_sessions::Column::StartDate)
            .order_by_asc(learning_sessions::Column::Id),
        page,
    )
    .await?;
    let items = with_counts(db, page.items).await?;
    Ok(Page {
        items,
        total: page.total,
        page: page.page,
        per_page: page.per_page,
    })
}

pub async fn get_session<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<Session, DomainError> {
    let s = scoped(
        learning_sessions::Entity::find_by_id(id),
        learning_sessions::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("session"))?;
    Ok(with_counts(db, vec![s]).await?.remove(0))
}

fn apply_session(am: &mut learning_sessions::ActiveModel, s: &NewSession) {
    am.name = Set(s.name.clone());
    am.delivery = Set(s.delivery.as_str().to_owned());
    am.start_date = Set(s.start_date);
    am.end_date = Set(s.end_date);
    am.place = Set(s.place.clone());
    am.online_url = Set(s.online_url.clone());
    am.trainers = Set(serde_json::to_string(&s.trainers).unwrap_or_else(|_| "[]".into()));
    am.capacity = Set(s.capacity);
    am.self_registration = Set(s.self_registration);
}

pub async fn create_session(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    programme_id: Uuid,
    s: NewSession,
) -> Result<Session, DomainError> {
    let txn = db.begin().await.dom()?;
    let p = get_programme(&txn, scope, programme_id)
        .await
        .map_err(|_| {
            DomainError::field(
                "programme_id",
                "unknown_reference",
                "no such programme in this agency",
            )
        })?;
    if p.programme.status == ProgrammeStatus::Archived.as_str() {
        return Err(DomainError::conflict(
            "archived",
            Some("programme_id"),
            "the programme is archived: it takes no new sessions",
        ));
    }
    let now = Utc::now();
    let mut am = learning_sessions::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(p.programme.agency_id),
        programme_id: Set(programme_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply_session(&mut am, &s);
    let m = am.insert(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(m.agency_id),
            entity_type: "learning_session",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    let out = with_counts(&txn, vec![m]).await?.remove(0);
    txn.commit().await.dom()?;
    Ok(out)
}

pub async fn update_session(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    s: NewSession,
) -> Result<Session, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_session(&txn, scope, id).await?.session;
    if before.delivery != s.delivery.as_str() {
        let any = enrolments::Entity::find()
            .filter(enrolments::Column::SessionId.eq(id))
            .count_rows(&txn)
            .await?;
        if any > 0 {
            return Err(DomainError::conflict(
                "in_use",
                Some("delivery"),
                "the delivery cannot change once participants are enrolled",
            ));
        }
    }
    let mut am = before.clone().into_active_model();
    apply_session(&mut am, &s);
    am.updated_at = Set(Utc::now());
    let after = am.update(&txn).await.dom()?;
    // More places (or no limit any more): the waiting list moves up.
    super::learning::promote(&txn, &after).await?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "learning_session",
            entity_id: id,
            action: "update",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    let out = with_counts(&txn, vec![after]).await?.remove(0);
    txn.commit().await.dom()?;
    Ok(out)
}
