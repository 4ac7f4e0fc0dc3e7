//! The JP ledger: every credited learning activity of every employee, by year, and each agency's
//! conversion of non-classical activities (domain.md §3).
//!
//! A credit is unique per employee, source and reference (`ux_jp_credits_employee_id_source_
//! source_ref`), so completing the same enrolment twice, or importing the same external training
//! twice, never credits twice.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Utc};
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::competency::plan::ActivityKind;
use pembina_domain::learning::jp::{
    ActivityAmount, CentiJp, Conversion, RecordedActivity, YEARLY_TARGET,
};
use pembina_domain::page::{Page, PageRequest};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Order, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::Serialize;
use uuid::Uuid;

use super::people::get_employee;
use super::{scoped, subtree_ids};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::entities::{employees, jp_conversions, jp_credits, org_units};

/// Where a credit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditSource {
    /// Completion of a Pembina session; the reference is the enrolment id.
    Session,
    /// A training outside Pembina (imported or entered); the reference is the caller's.
    External,
    /// A non-classical activity recorded by an admin; the reference is the caller's or generated.
    Activity,
}

impl CreditSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Session => "session",
            Self::External => "external",
            Self::Activity => "activity",
        }
    }
}

/// What to credit: either a fixed JP amount (a programme's JP) or a duration in minutes, both
/// converted by the agency's setting for the activity kind.
#[derive(Debug, Clone)]
pub struct CreditRequest {
    pub agency_id: Uuid,
    pub employee_id: Uuid,
    pub occurred_on: NaiveDate,
    pub source: CreditSource,
    pub source_ref: String,
    pub title: String,
    pub activity_kind: ActivityKind,
    pub provider: Option<String>,
    pub amount: Amount,
}

#[derive(Debug, Clone, Copy)]
pub enum Amount {
    Jp(CentiJp),
    Minutes(i64),
}

/// The agency's conversion for `kind` (the default when it has set none).
pub async fn conversion_of<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    kind: ActivityKind,
) -> Result<Conversion, DomainError> {
    let row = jp_conversions::Entity::find_by_id((agency_id, kind.as_str().to_owned()))
        .one(db)
        .await
        .dom()?;
    Ok(match row {
        Some(r) => Conversion {
            activity_kind: kind,
            credit_percent: r.credit_percent.clamp(1, 100) as u8,
            yearly_cap: r.yearly_cap_centi.map(|c| CentiJp(i64::from(c))),
        },
        None => Conversion::default_for(kind),
    })
}

/// Credits one activity, once: returns the new credit, or `None` when this employee already has
/// a credit from the same source and reference. The year is the year the activity ended.
pub async fn credit<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    r: CreditRequest,
) -> Result<Option<jp_credits::Model>, DomainError> {
    let existing = jp_credits::Entity::find()
        .filter(jp_credits::Column::EmployeeId.eq(r.employee_id))
        .filter(jp_credits::Column::Source.eq(r.source.as_str()))
        .filter(jp_credits::Column::SourceRef.eq(r.source_ref.as_str()))
        .one(db)
        .await
        .dom()?;
    if existing.is_some() {
        return Ok(None);
    }
    let conversion = conversion_of(db, r.agency_id, r.activity_kind).await?;
    let year = r.occurred_on.year();
    let (raw, minutes) = match r.amount {
        Amount::Jp(jp) => (conversion.credit_jp(jp), None),
        Amount::Minutes(m) => (conversion.credit_minutes(m), Some(m as i32)),
    };
    let jp = if conversion.yearly_cap.is_some() {
        let already: Option<i64> = jp_credits::Entity::find()
            .select_only()
            .column_as(Expr::col(jp_credits::Column::JpCenti).sum(), "s")
            .filter(jp_credits::Column::EmployeeId.eq(r.employee_id))
            .filter(jp_credits::Column::Year.eq(year))
            .filter(jp_credits::Column::ActivityKind.eq(r.activity_kind.as_str()))
            .into_tuple::<Option<i64>>()
            .one(db)
            .await
            .dom()?
            .flatten();
        conversion.capped(raw, CentiJp(already.unwrap_or(0)))
    } else {
        raw
    };
    let m = jp_credits::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(r.agency_id),
        employee_id: Set(r.employee_id),
        year: Set(year),
        occurred_on: Set(r.occurred_on),
        source: Set(r.source.as_str().to_owned()),
        source_ref: Set(r.source_ref),
        title: Set(r.title),
        activity_kind: Set(r.activity_kind.as_str().to_owned()),
        provider: Set(r.provider),
        minutes: Set(minutes),
        jp_centi: Set(jp.0 as i32),
        recorded_by: Set(actor.user_id),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .dom()?;
    Ok(Some(m))
}

impl From<ActivityAmount> for Amount {
    fn from(a: ActivityAmount) -> Self {
        match a {
            ActivityAmount::Jp(jp) => Self::Jp(jp),
            ActivityAmount::Minutes(m) => Self::Minutes(m),
        }
    }
}

// ---------------------------------------------------------------- the ledger

/// One employee's credits in one year, newest first.
pub async fn credits_of<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
    year: i32,
) -> Result<Vec<jp_credits::Model>, DomainError> {
    jp_credits::Entity::find()
        .filter(jp_credits::Column::EmployeeId.eq(employee_id))
        .filter(jp_credits::Column::Year.eq(year))
        .order_by_desc(jp_credits::Column::OccurredOn)
        .order_by_desc(jp_credits::Column::CreatedAt)
        .order_by_desc(jp_credits::Column::Id)
        .all(db)
        .await
        .dom()
}

pub async fn get_credit<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<jp_credits::Model, DomainError> {
    scoped(
        jp_credits::Entity::find_by_id(id),
        jp_credits::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("JP credit"))
}

/// Credits `r` through [`credit`] and records the audit event of a new credit (inside the
/// caller's transaction). `None` when the same source and reference were credited already.
pub(crate) async fn credit_audited<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    r: CreditRequest,
) -> Result<Option<jp_credits::Model>, DomainError> {
    let Some(m) = credit(db, actor, r).await? else {
        return Ok(None);
    };
    audit::record(
        db,
        actor,
        Change {
            agency_id: Some(m.agency_id),
            entity_type: "jp_credit",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    Ok(Some(m))
}

/// Records an activity outside Pembina's sessions (`External` or `Activity`) for an employee
/// visible in `scope`, converted and capped by the employee's agency. Without a reference, one
/// is generated (so the activity can never be credited twice by mistake only when the caller
/// names it). A reference already credited to the employee from the same source is a conflict.
pub async fn record_activity(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    employee_id: Uuid,
    source: CreditSource,
    a: RecordedActivity,
) -> Result<jp_credits::Model, DomainError> {
    if source == CreditSource::Session {
        return Err(DomainError::field(
            "source",
            "not_allowed",
            "session credits come from completed enrolments",
        ));
    }
    let txn = db.begin().await.dom()?;
    let e = get_employee(&txn, scope, employee_id).await?;
    let reference = a
        .reference
        .unwrap_or_else(|| format!("pembina-{}", Uuid::now_v7()));
    let created = credit_audited(
        &txn,
        actor,
        CreditRequest {
            agency_id: e.agency_id,
            employee_id: e.id,
            occurred_on: a.occurred_on,
            source,
            source_ref: reference.clone(),
            title: a.title,
            activity_kind: a.activity_kind,
            provider: a.provider,
            amount: a.amount.into(),
        },
    )
    .await?;
    let Some(m) = created else {
        return Err(DomainError::conflict(
            "duplicate",
            Some("reference"),
            format!(
                "{reference} is already credited to this employee as {} activity",
                source.as_str()
            ),
        ));
    };
    txn.commit().await.dom()?;
    Ok(m)
}

/// Deletes an external or activity credit. Session credits follow their enrolment and cannot
/// be deleted here (a conflict).
pub async fn delete_credit(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
) -> Result<(), DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_credit(&txn, scope, id).await?;
    if before.source == CreditSource::Session.as_str() {
        return Err(DomainError::conflict(
            "session_credit",
            None,
            "a credit of a Pembina session follows its enrolment and cannot be deleted here",
        ));
    }
    jp_credits::Entity::delete_by_id(id)
        .exec(&txn)
        .await
        .dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(before.agency_id),
            entity_type: "jp_credit",
            entity_id: id,
            action: "delete",
            before: Some(&before),
            after: None,
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(())
}

// ---------------------------------------------------------------- conversions

/// An agency's conversion of one kind, and whether it is the default (nothing stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConversionSetting {
    pub conversion: Conversion,
    pub is_default: bool,
}

/// Every kind of activity with the agency's conversion or the default, in the kinds' order.
pub async fn conversions<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
) -> Result<Vec<ConversionSetting>, DomainError> {
    let stored: BTreeMap<String, jp_conversions::Model> = jp_conversions::Entity::find()
        .filter(jp_conversions::Column::AgencyId.eq(agency_id))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|r| (r.activity_kind.clone(), r))
        .collect();
    Ok(ActivityKind::ALL
        .iter()
        .map(|kind| match stored.get(kind.as_str()) {
            Some(r) => ConversionSetting {
                conversion: Conversion {
                    activity_kind: *kind,
                    credit_percent: r.credit_percent.clamp(1, 100) as u8,
                    yearly_cap: r.yearly_cap_centi.map(|c| CentiJp(i64::from(c))),
                },
                is_default: false,
            },
            None => ConversionSetting {
                conversion: Conversion::default_for(*kind),
                is_default: true,
            },
        })
        .collect())
}

/// The audit snapshot of an agency's table: kind → its setting.
#[derive(Serialize)]
struct StoredConversion {
    credit_percent: i32,
    yearly_cap_centi: Option<i32>,
}

async fn conversion_snapshot<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
) -> Result<BTreeMap<String, StoredConversion>, DomainError> {
    Ok(jp_conversions::Entity::find()
        .filter(jp_conversions::Column::AgencyId.eq(agency_id))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|r| {
            (
                r.activity_kind,
                StoredConversion {
                    credit_percent: r.credit_percent,
                    yearly_cap_centi: r.yearly_cap_centi,
                },
            )
        })
        .collect())
}

/// Replaces the agency's conversion table: the kinds listed get their setting, the others the
/// default. Credits already recorded keep the JP they were given.
pub async fn replace_conversions(
    db: &DatabaseConnection,
    actor: &Actor,
    agency_id: Uuid,
    table: Vec<Conversion>,
) -> Result<Vec<ConversionSetting>, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = conversion_snapshot(&txn, agency_id).await?;
    jp_conversions::Entity::delete_many()
        .filter(jp_conversions::Column::AgencyId.eq(agency_id))
        .exec(&txn)
        .await
        .dom()?;
    if !table.is_empty() {
        jp_conversions::Entity::insert_many(table.iter().map(|c| jp_conversions::ActiveModel {
            agency_id: Set(agency_id),
            activity_kind: Set(c.activity_kind.as_str().to_owned()),
            credit_percent: Set(i32::from(c.credit_percent)),
            yearly_cap_centi: Set(c.yearly_cap.map(|cap| cap.0 as i32)),
        }))
        .exec_without_returning(&txn)
        .await
        .dom()?;
    }
    let after = conversion_snapshot(&txn, agency_id).await?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(agency_id),
            entity_type: "jp_conversions",
            entity_id: agency_id,
            action: "update",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    let out = conversions(&txn, agency_id).await?;
    txn.commit().await.dom()?;
    Ok(out)
}

// ---------------------------------------------------------------- summary and shortfall

/// Who counts: the agency's active employees, or those of a unit and the units below it.
#[derive(Debug, Clone)]
pub struct Staff {
    pub agency_id: Uuid,
    pub unit: Option<org_units::Model>,
    pub year: i32,
}

fn t() -> Alias {
    Alias::new("t")
}

/// Each employee's total of the year: `SELECT employee_id, SUM(jp_centi) AS total ... GROUP BY
/// employee_id`.
fn year_totals(agency_id: Uuid, year: i32) -> SelectStatement {
    Query::select()
        .column(jp_credits::Column::EmployeeId)
        .expr_as(
            Expr::col(jp_credits::Column::JpCenti).sum(),
            Alias::new("total"),
        )
        .from(jp_credits::Entity)
        .and_where(Expr::col(jp_credits::Column::AgencyId).eq(agency_id))
        .and_where(Expr::col(jp_credits::Column::Year).eq(year))
        .group_by_col(jp_credits::Column::EmployeeId)
        .to_owned()
}

/// An employee's total (0 without credits), in hundredths.
fn total_expr() -> Expr {
    Func::coalesce([Expr::col((t(), Alias::new("total"))), Expr::val(0i64)]).into()
}

/// `FROM employees LEFT JOIN (year totals) t` restricted to the active staff of `s`.
fn staff_query(s: &Staff) -> SelectStatement {
    let mut q = Query::select();
    q.from(employees::Entity)
        .join_subquery(
            JoinType::LeftJoin,
            year_totals(s.agency_id, s.year),
            t(),
            Expr::col((t(), jp_credits::Column::EmployeeId))
                .equals((employees::Entity, employees::Column::Id)),
        )
        .and_where(Expr::col((employees::Entity, employees::Column::AgencyId)).eq(s.agency_id))
        .and_where(Expr::col((employees::Entity, employees::Column::Status)).eq("active"));
    if let Some(u) = &s.unit {
        q.and_where(
            Expr::col((employees::Entity, employees::Column::OrgUnitId))
                .in_subquery(subtree_ids(u)),
        );
    }
    q
}

/// How one unit's active staff stand in a year.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct UnitStanding {
    pub org_unit_id: Uuid,
    pub code: String,
    pub name: String,
    pub employees: i64,
    /// Of those, how many have at least the yearly target.
    pub meeting: i64,
    /// The sum of their totals, in hundredths of a JP.
    pub total_centi: i64,
}

/// Per unit (with active employees), the active staff, how many meet the target and the sum
/// of their JP: one grouped query, whatever the number of employees.
pub async fn summary<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    s: &Staff,
) -> Result<Vec<UnitStanding>, DomainError> {
    if !scope.allows(s.agency_id) {
        return Err(DomainError::NotFound("agency"));
    }
    let u = Alias::new("u");
    let mut q = staff_query(s);
    q.join_as(
        JoinType::InnerJoin,
        org_units::Entity,
        u.clone(),
        Expr::col((u.clone(), org_units::Column::Id))
            .equals((employees::Entity, employees::Column::OrgUnitId)),
    )
    .expr_as(
        Expr::col((employees::Entity, employees::Column::OrgUnitId)),
        Alias::new("org_unit_id"),
    )
    .expr_as(
        Expr::col((u.clone(), org_units::Column::Code)),
        Alias::new("code"),
    )
    .expr_as(
        Expr::col((u.clone(), org_units::Column::Name)),
        Alias::new("name"),
    )
    .expr_as(
        Func::cast_as(
            Expr::col((employees::Entity, employees::Column::Id)).count(),
            Alias::new("bigint"),
        ),
        Alias::new("employees"),
    )
    .expr_as(
        Func::cast_as(
            Expr::case(total_expr().gte(YEARLY_TARGET.0), 1i64)
                .finally(0i64)
                .sum(),
            Alias::new("bigint"),
        ),
        Alias::new("meeting"),
    )
    .expr_as(
        Func::cast_as(total_expr().sum(), Alias::new("bigint")),
        Alias::new("total_centi"),
    )
    .group_by_col((employees::Entity, employees::Column::OrgUnitId))
    .group_by_col((u.clone(), org_units::Column::Code))
    .group_by_col((u.clone(), org_units::Column::Name))
    .order_by((u.clone(), org_units::Column::Code), Order::Asc);
    let stmt = db.get_database_backend().build(&q);
    UnitStanding::find_by_statement(stmt).all(db).await.dom()
}

/// An active employee below the yearly target.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct Shortfall {
    pub employee_id: Uuid,
    pub nip: String,
    pub name: String,
    pub org_unit_id: Uuid,
    pub unit_name: String,
    /// Their total of the year, in hundredths of a JP.
    pub total_centi: i64,
}

fn below_target(s: &Staff) -> SelectStatement {
    let mut q = staff_query(s);
    q.and_where(total_expr().lt(YEARLY_TARGET.0));
    q
}

/// The rows of [`shortfall_page`] and [`shortfall_all`], in their order.
fn shortfall_query(s: &Staff) -> SelectStatement {
    let u = Alias::new("u");
    let mut q = below_target(s);
    q.join_as(
        JoinType::InnerJoin,
        org_units::Entity,
        u.clone(),
        Expr::col((u.clone(), org_units::Column::Id))
            .equals((employees::Entity, employees::Column::OrgUnitId)),
    )
    .expr_as(
        Expr::col((employees::Entity, employees::Column::Id)),
        Alias::new("employee_id"),
    )
    .expr_as(
        Expr::col((employees::Entity, employees::Column::Nip)),
        Alias::new("nip"),
    )
    .expr_as(
        Expr::col((employees::Entity, employees::Column::Name)),
        Alias::new("name"),
    )
    .expr_as(
        Expr::col((employees::Entity, employees::Column::OrgUnitId)),
        Alias::new("org_unit_id"),
    )
    .expr_as(
        Expr::col((u, org_units::Column::Name)),
        Alias::new("unit_name"),
    )
    .expr_as(
        Func::cast_as(total_expr(), Alias::new("bigint")),
        Alias::new("total_centi"),
    )
    .order_by_expr(total_expr(), Order::Asc)
    .order_by_expr(
        Func::lower(Expr::col((employees::Entity, employees::Column::Name))).into(),
        Order::Asc,
    )
    .order_by((employees::Entity, employees::Column::Id), Order::Asc);
    q
}

/// One page of the active staff below the target (those without any credit too), lowest
/// total first, then by name.
pub async fn shortfall_page<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    s: &Staff,
    page: PageRequest,
) -> Result<Page<Shortfall>, DomainError> {
    if !scope.allows(s.agency_id) {
        return Err(DomainError::NotFound("agency"));
    }
    let backend = db.get_database_backend();
    let mut count = below_target(s);
    count.expr_as(
        Func::cast_as(
            Expr::col((employees::Entity, employees::Column::Id)).count(),
            Alias::new("bigint"),
        ),
        Alias::new("n"),
    );
    let total = match db.query_one_raw(backend.build(&count)).await.dom()? {
        Some(row) => row.try_get::<i64>("", "n").dom()?,
        None => 0,
    };
    let mut q = shortfall_query(s);
    q.offset(page.offset()).limit(page.per_page);
    let items = Shortfall::find_by_statement(backend.build(&q))
        .all(db)
        .await
        .dom()?;
    Ok(Page::new(items, u64::try_from(total).unwrap_or(0), page))
}

/// Every active employee below the target, in the order of [`shortfall_page`] (for exports).
pub async fn shortfall_all<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    s: &Staff,
) -> Result<Vec<Shortfall>, DomainError> {
    if !scope.allows(s.agency_id) {
        return Err(DomainError::NotFound("agency"));
    }
    let stmt = db.get_database_backend().build(&shortfall_query(s));
    Shortfall::find_by_statement(stmt).all(db).await.dom()
}
