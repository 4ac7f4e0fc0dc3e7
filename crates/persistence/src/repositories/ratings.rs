//! Citizen service ratings (SKM): storing public submissions exactly once, the rate checks and
//! burst rule (by counting recent rows, so every replica sees the same counts), the aggregates
//! behind the satisfaction index, the flagged-responses queue, and each unit's rating-link
//! version and served population.
//!
//! **Which responses count.** Unflagged responses, and flagged ones an administrator accepted.
//! Flagged responses still pending are *not* counted (they appear as `flagged_pending` beside
//! the index) and rejected ones never are; all stay stored, since responses are immutable.
//!
//! **The index is one aggregate query**: `COUNT(*)` and, per element column `u1`..`u9`,
//! `SUM` and `COUNT` (which skips the nulls of elements not applicable), over the rows of the
//! unit and period, through the `(org_unit_id, submitted_at)` index. The domain turns the
//! tallies into NRRs, IKM and grade.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::page::{Page, PageRequest};
use pembina_domain::ratings::{
    DateRange, Decision, ELEMENT_COUNT, FlagReason, NewServiceRating, PublicUnitCode,
    RecentActivity, ReviewState, Tallies, Tally, exceeds_limit, flag_reason, month_key,
    response::{ADDRESS_WINDOW_MINUTES, UNIT_WINDOW_MINUTES},
};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QueryResult, QuerySelect, Set, SqlErr,
    TransactionTrait,
};
use uuid::Uuid;

use super::fetch_page;
use super::org::{find_agency_by_code, find_unit_by_code, get_agency, get_unit};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::entities::{agencies, org_units, service_rating_units, service_ratings};

/// The link version of a unit whose link was never rotated.
pub const FIRST_LINK_VERSION: i32 = 1;

/// The element columns, U1 first.
const SCORES: [service_ratings::Column; ELEMENT_COUNT] = [
    service_ratings::Column::U1,
    service_ratings::Column::U2,
    service_ratings::Column::U3,
    service_ratings::Column::U4,
    service_ratings::Column::U5,
    service_ratings::Column::U6,
    service_ratings::Column::U7,
    service_ratings::Column::U8,
    service_ratings::Column::U9,
];

// ---------------------------------------------------------------- units: link and population

/// A unit with its agency and rating settings.
#[derive(Debug, Clone)]
pub struct RatingUnit {
    pub unit: org_units::Model,
    pub agency: agencies::Model,
    /// Signed into the unit's rating link.
    pub link_version: i32,
    /// People served per year, when known.
    pub served_population: Option<i64>,
}

impl RatingUnit {
    /// The unit's code in public links: `{agency code}-{unit code}`.
    pub fn public_code(&self) -> PublicUnitCode {
        PublicUnitCode::new(&self.agency.code, &self.unit.code)
    }
}

async fn settings_of<C: ConnectionTrait>(
    db: &C,
    unit_id: Uuid,
) -> Result<Option<service_rating_units::Model>, DomainError> {
    service_rating_units::Entity::find_by_id(unit_id)
        .one(db)
        .await
        .dom()
}

async fn with_settings<C: ConnectionTrait>(
    db: &C,
    unit: org_units::Model,
    agency: agencies::Model,
) -> Result<RatingUnit, DomainError> {
    let s = settings_of(db, unit.id).await?;
    Ok(RatingUnit {
        link_version: s.as_ref().map_or(FIRST_LINK_VERSION, |s| s.link_version),
        served_population: s.and_then(|s| s.served_population),
        unit,
        agency,
    })
}

/// The unit `unit_id` (in `scope`) with its rating settings.
pub async fn rating_unit<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    unit_id: Uuid,
) -> Result<RatingUnit, DomainError> {
    let unit = get_unit(db, scope, unit_id).await?;
    let agency = get_agency(db, Scope::All, unit.agency_id).await?;
    with_settings(db, unit, agency).await
}

/// The active unit a public code names, or `None`.
pub async fn public_unit<C: ConnectionTrait>(
    db: &C,
    code: &PublicUnitCode,
) -> Result<Option<RatingUnit>, DomainError> {
    let Some(agency) = find_agency_by_code(db, &code.agency_code).await? else {
        return Ok(None);
    };
    let Some(unit) = find_unit_by_code(db, agency.id, &code.unit_code).await? else {
        return Ok(None);
    };
    if !unit.active {
        return Ok(None);
    }
    with_settings(db, unit, agency).await.map(Some)
}

/// Changes a unit's settings row (creating it with the defaults first), audited.
async fn change_settings(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    unit_id: Uuid,
    action: &'static str,
    change: impl FnOnce(&mut service_rating_units::Model),
) -> Result<RatingUnit, DomainError> {
    let txn = db.begin().await.dom()?;
    let unit = get_unit(&txn, scope, unit_id).await?;
    let now = Utc::now();
    let before = settings_of(&txn, unit.id).await?;
    let mut after = before.clone().unwrap_or(service_rating_units::Model {
        org_unit_id: unit.id,
        agency_id: unit.agency_id,
        link_version: FIRST_LINK_VERSION,
        served_population: None,
        created_at: now,
        updated_at: now,
    });
    change(&mut after);
    after.updated_at = now;
    let saved = match &before {
        Some(_) => {
            let mut m = after.clone().into_active_model();
            m.link_version = Set(after.link_version);
            m.served_population = Set(after.served_population);
            m.updated_at = Set(now);
            m.update(&txn).await.dom()?
        }
        None => after.clone().into_active_model().insert(&txn).await.dom()?,
    };
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(unit.agency_id),
            entity_type: "service_rating_unit",
            entity_id: unit.id,
            action,
            before: before.as_ref(),
            after: Some(&saved),
        },
    )
    .await?;
    let agency = get_agency(&txn, Scope::All, unit.agency_id).await?;
    txn.commit().await.dom()?;
    Ok(RatingUnit {
        link_version: saved.link_version,
        served_population: saved.served_population,
        unit,
        agency,
    })
}

/// Invalidates every earlier link of the unit (and so every printed QR code), audited.
pub async fn rotate_link(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    unit_id: Uuid,
) -> Result<RatingUnit, DomainError> {
    change_settings(db, actor, scope, unit_id, "rotate_link", |s| {
        s.link_version = s.link_version.saturating_add(1);
    })
    .await
}

/// Sets (or with `None` clears) the people the unit serves per year, audited.
pub async fn set_served_population(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    unit_id: Uuid,
    population: Option<i64>,
) -> Result<RatingUnit, DomainError> {
    change_settings(db, actor, scope, unit_id, "set_served_population", |s| {
        s.served_population = population;
    })
    .await
}

// ---------------------------------------------------------------- submissions

/// Per-minute limits of public submissions; 0 turns one off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub per_address: u32,
    pub per_unit: u32,
}

/// A public submission, checked by the domain.
#[derive(Debug, Clone)]
pub struct Submission<'a> {
    /// The client's id (or a fresh one).
    pub id: Uuid,
    pub unit: &'a org_units::Model,
    pub rating: &'a NewServiceRating,
    /// The address's hash under the current salt first (stored), then under any earlier salt
    /// whose rows may still be inside the burst window.
    pub address_hashes: &'a [String],
    pub at: DateTime<Utc>,
}

/// What became of a submission.
#[derive(Debug, Clone)]
pub enum Submitted {
    /// Stored now.
    Created(service_ratings::Model),
    /// The same id was stored before for this unit (a retry): nothing was written.
    Replayed(service_ratings::Model),
    /// A per-minute limit is reached; nothing was written.
    Limited { retry_after_seconds: u64 },
}

/// How many rows match `cond` since `since`, and the oldest of them.
async fn recent<C: ConnectionTrait>(
    db: &C,
    cond: Condition,
    since: DateTime<Utc>,
) -> Result<(u64, Option<DateTime<Utc>>), DomainError> {
    let (n, oldest): (i64, Option<DateTime<Utc>>) = service_ratings::Entity::find()
        .select_only()
        .column_as(bigint(Expr::col(service_ratings::Column::Id).count()), "n")
        .column_as(
            Expr::col(service_ratings::Column::SubmittedAt).min(),
            "oldest",
        )
        .filter(cond)
        .filter(service_ratings::Column::SubmittedAt.gt(since))
        .into_tuple()
        .one(db)
        .await
        .dom()?
        .unwrap_or((0, None));
    Ok((u64::try_from(n).unwrap_or(0), oldest))
}

/// Seconds until the oldest row of a one-minute window leaves it (at least 1).
fn retry_after(oldest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> u64 {
    let window = Duration::minutes(1);
    let seconds = oldest
        .map(|o| (o + window - now).num_milliseconds())
        .map_or(60, |ms| u64::try_from(ms).unwrap_or(0).div_ceil(1000));
    Ord::max(seconds, 1)
}

/// An existing row of this id: the same unit's is a retry, another unit's a conflict.
async fn replay<C: ConnectionTrait>(
    db: &C,
    s: &Submission<'_>,
) -> Result<Option<Submitted>, DomainError> {
    match service_ratings::Entity::find_by_id(s.id)
        .one(db)
        .await
        .dom()?
    {
        Some(r) if r.org_unit_id == s.unit.id => Ok(Some(Submitted::Replayed(r))),
        Some(_) => Err(DomainError::conflict(
            "duplicate_id",
            Some("id"),
            "this id belongs to another rating: generate a new one",
        )),
        None => Ok(None),
    }
}

fn ticket_used() -> DomainError {
    DomainError::conflict(
        "ticket_used",
        Some("ticket"),
        "this ticket has already been used to rate this unit",
    )
}

/// Stores a public rating once: a retry with the same id answers the stored row; the
/// per-address and per-unit limits refuse; the burst rule and the honeypot flag (the row is
/// stored, pending review). The checks count recent rows and are not atomic with the insert:
/// two requests racing may both pass a limit by one, which a rate limit can afford.
pub async fn submit<C: ConnectionTrait>(
    db: &C,
    s: Submission<'_>,
    limits: Limits,
) -> Result<Submitted, DomainError> {
    if let Some(done) = replay(db, &s).await? {
        return Ok(done);
    }
    let address = service_ratings::Column::AddressHash.is_in(s.address_hashes.to_vec());
    let minute_ago = s.at - Duration::minutes(UNIT_WINDOW_MINUTES);
    let (from_address_minute, oldest_address) =
        recent(db, Condition::all().add(address.clone()), minute_ago).await?;
    if exceeds_limit(limits.per_address, from_address_minute) {
        return Ok(Submitted::Limited {
            retry_after_seconds: retry_after(oldest_address, s.at),
        });
    }
    let unit_cond = Condition::all().add(service_ratings::Column::OrgUnitId.eq(s.unit.id));
    let (to_unit, oldest_unit) = recent(db, unit_cond, minute_ago).await?;
    if exceeds_limit(limits.per_unit, to_unit) {
        return Ok(Submitted::Limited {
            retry_after_seconds: retry_after(oldest_unit, s.at),
        });
    }
    let (from_address, _) = recent(
        db,
        Condition::all().add(address),
        s.at - Duration::minutes(ADDRESS_WINDOW_MINUTES),
    )
    .await?;
    let r = s.rating;
    if let Some(ticket) = &r.ticket {
        let used = service_ratings::Entity::find()
            .filter(service_ratings::Column::OrgUnitId.eq(s.unit.id))
            .filter(service_ratings::Column::Ticket.eq(ticket.as_str()))
            .one(db)
            .await
            .dom()?;
        if used.is_some() {
            return Err(ticket_used());
        }
    }
    let flag = flag_reason(
        r.honeypot_filled,
        RecentActivity {
            from_address,
            to_unit,
        },
    );
    let scores = r.answers.scores().map(|s| s.map(i16::from));
    let row = service_ratings::ActiveModel {
        id: Set(s.id),
        agency_id: Set(s.unit.agency_id),
        org_unit_id: Set(s.unit.id),
        submitted_at: Set(s.at),
        month: Set(month_key(s.at)),
        u1: Set(scores[0]),
        u2: Set(scores[1]),
        u3: Set(scores[2]),
        u4: Set(scores[3]),
        u5: Set(scores[4]),
        u6: Set(scores[5]),
        u7: Set(scores[6]),
        u8: Set(scores[7]),
        u9: Set(scores[8]),
        service_type: Set(r.service_type.clone()),
        sex: Set(r.respondent.sex.as_str().to_owned()),
        age_band: Set(r.respondent.age_band.as_str().to_owned()),
        education: Set(r.respondent.education.as_str().to_owned()),
        occupation: Set(r.respondent.occupation.as_str().to_owned()),
        comment: Set(r.comment.clone()),
        waiting_minutes: Set(r.waiting_minutes),
        ticket: Set(r.ticket.clone()),
        address_hash: Set(s.address_hashes.first().cloned().unwrap_or_default()),
        flag_reason: Set(flag.map(|f| f.as_str().to_owned())),
        review_state: Set(flag.map(|_| ReviewState::Pending.as_str().to_owned())),
        reviewed_at: Set(None),
        reviewed_by: Set(None),
    };
    match row.insert(db).await {
        Ok(m) => Ok(Submitted::Created(m)),
        // A retry racing its original, or a ticket used at the same moment.
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            match replay(db, &s).await? {
                Some(done) => Ok(done),
                None if r.ticket.is_some() => Err(ticket_used()),
                None => Err(crate::db_err(e)),
            }
        }
        Err(e) => Err(crate::db_err(e)),
    }
}

// ---------------------------------------------------------------- aggregates

/// Rows that count in the index: unflagged, or flagged and accepted.
fn counted() -> Condition {
    Condition::any()
        .add(Expr::col(service_ratings::Column::ReviewState).is_null())
        .add(Expr::col(service_ratings::Column::ReviewState).eq(ReviewState::Accepted.as_str()))
}

fn in_range(range: &DateRange) -> Condition {
    let (start, end) = range.instants();
    Condition::all()
        .add(Expr::col(service_ratings::Column::SubmittedAt).gte(start))
        .add(Expr::col(service_ratings::Column::SubmittedAt).lt(end))
}

fn bigint(e: Expr) -> Expr {
    Func::cast_as(e, Alias::new("bigint")).into()
}

/// `SELECT COUNT(*) AS respondents, SUM(u1) AS s0, COUNT(u1) AS n0, ... FROM service_ratings`
/// over the counted rows matching `filter`.
fn tallies_query(filter: Condition) -> SelectStatement {
    let mut q = Query::select();
    q.from(service_ratings::Entity)
        .expr_as(
            bigint(Expr::col(service_ratings::Column::Id).count()),
            Alias::new("respondents"),
        )
        .cond_where(filter.add(counted()));
    for (i, col) in SCORES.iter().enumerate() {
        q.expr_as(bigint(Expr::col(*col).sum()), Alias::new(format!("s{i}")))
            .expr_as(bigint(Expr::col(*col).count()), Alias::new(format!("n{i}")));
    }
    q
}

fn count(row: &QueryResult, col: &str) -> Result<u64, DomainError> {
    let v: Option<i64> = row.try_get("", col).dom()?;
    Ok(v.and_then(|v| u64::try_from(v).ok()).unwrap_or(0))
}

fn tallies_of(row: &QueryResult) -> Result<Tallies, DomainError> {
    let mut t = Tallies {
        respondents: count(row, "respondents")?,
        ..Tallies::default()
    };
    for (i, e) in t.elements.iter_mut().enumerate() {
        *e = Tally {
            sum: count(row, &format!("s{i}"))?,
            count: count(row, &format!("n{i}"))?,
        };
    }
    Ok(t)
}

async fn rows<C: ConnectionTrait>(
    db: &C,
    q: &SelectStatement,
) -> Result<Vec<QueryResult>, DomainError> {
    db.query_all_raw(db.get_database_backend().build(q))
        .await
        .dom()
}

/// The tallies of one unit's counted responses in `range`: one aggregate query.
pub async fn unit_tallies<C: ConnectionTrait>(
    db: &C,
    unit_id: Uuid,
    range: &DateRange,
) -> Result<Tallies, DomainError> {
    let q = tallies_query(
        Condition::all()
            .add(Expr::col(service_ratings::Column::OrgUnitId).eq(unit_id))
            .add(in_range(range)),
    );
    match rows(db, &q).await?.first() {
        Some(row) => tallies_of(row),
        None => Ok(Tallies::default()),
    }
}

/// The tallies of each unit of an agency with counted responses in `range`: one grouped query.
pub async fn tallies_by_unit<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    range: &DateRange,
) -> Result<HashMap<Uuid, Tallies>, DomainError> {
    let mut q = tallies_query(
        Condition::all()
            .add(Expr::col(service_ratings::Column::AgencyId).eq(agency_id))
            .add(in_range(range)),
    );
    q.column(service_ratings::Column::OrgUnitId)
        .group_by_col(service_ratings::Column::OrgUnitId);
    rows(db, &q)
        .await?
        .iter()
        .map(|row| {
            let unit: Uuid = row.try_get("", "org_unit_id").dom()?;
            Ok((unit, tallies_of(row)?))
        })
        .collect()
}

/// The tallies of each month (`YYYYMM`, WIB) of one unit in `range`: one grouped query.
pub async fn monthly_tallies<C: ConnectionTrait>(
    db: &C,
    unit_id: Uuid,
    range: &DateRange,
) -> Result<BTreeMap<i32, Tallies>, DomainError> {
    let mut q = tallies_query(
        Condition::all()
            .add(Expr::col(service_ratings::Column::OrgUnitId).eq(unit_id))
            .add(in_range(range)),
    );
    q.column(service_ratings::Column::Month)
        .group_by_col(service_ratings::Column::Month);
    rows(db, &q)
        .await?
        .iter()
        .map(|row| {
            let month: i32 = row.try_get("", "month").dom()?;
            Ok((month, tallies_of(row)?))
        })
        .collect()
}

/// Waiting times of one unit's counted responses in `range` as `(minutes, count)`: at most
/// 1,441 rows whatever the number of responses.
pub async fn waiting_histogram<C: ConnectionTrait>(
    db: &C,
    unit_id: Uuid,
    range: &DateRange,
) -> Result<Vec<(u32, u64)>, DomainError> {
    let pairs: Vec<(i16, i64)> = service_ratings::Entity::find()
        .select_only()
        .column(service_ratings::Column::WaitingMinutes)
        .column_as(bigint(Expr::col(service_ratings::Column::Id).count()), "n")
        .filter(service_ratings::Column::OrgUnitId.eq(unit_id))
        .filter(in_range(range))
        .filter(counted())
        .filter(service_ratings::Column::WaitingMinutes.is_not_null())
        .group_by(service_ratings::Column::WaitingMinutes)
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    Ok(pairs
        .into_iter()
        .filter_map(|(m, n)| Some((u32::try_from(m).ok()?, u64::try_from(n).ok()?)))
        .collect())
}

/// Flagged responses still pending in `range`, per unit of the agency.
pub async fn pending_by_unit<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    unit_id: Option<Uuid>,
    range: &DateRange,
) -> Result<HashMap<Uuid, u64>, DomainError> {
    let mut q = service_ratings::Entity::find()
        .select_only()
        .column(service_ratings::Column::OrgUnitId)
        .column_as(bigint(Expr::col(service_ratings::Column::Id).count()), "n")
        .filter(service_ratings::Column::AgencyId.eq(agency_id))
        .filter(in_range(range))
        .filter(service_ratings::Column::ReviewState.eq(ReviewState::Pending.as_str()));
    if let Some(u) = unit_id {
        q = q.filter(service_ratings::Column::OrgUnitId.eq(u));
    }
    let pairs: Vec<(Uuid, i64)> = q
        .group_by(service_ratings::Column::OrgUnitId)
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    Ok(pairs
        .into_iter()
        .map(|(u, n)| (u, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// One unit's responses over a period.
#[derive(Debug, Clone)]
pub struct UnitSatisfaction {
    pub unit: RatingUnit,
    pub tallies: Tallies,
    pub waiting: Vec<(u32, u64)>,
    pub flagged_pending: u64,
}

/// The unit `unit_id` (in `scope`) over `range`.
pub async fn unit_satisfaction<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    unit_id: Uuid,
    range: &DateRange,
) -> Result<UnitSatisfaction, DomainError> {
    let unit = rating_unit(db, scope, unit_id).await?;
    let tallies = unit_tallies(db, unit.unit.id, range).await?;
    let waiting = waiting_histogram(db, unit.unit.id, range).await?;
    let pending = pending_by_unit(db, unit.unit.agency_id, Some(unit.unit.id), range).await?;
    Ok(UnitSatisfaction {
        flagged_pending: pending.get(&unit.unit.id).copied().unwrap_or(0),
        unit,
        tallies,
        waiting,
    })
}

/// One unit of an agency's overview.
#[derive(Debug, Clone)]
pub struct UnitRow {
    pub unit: org_units::Model,
    pub tallies: Tallies,
    pub served_population: Option<i64>,
    pub flagged_pending: u64,
}

/// Every service unit of the agency (and any other unit with counted responses or pending
/// flags in `range`), ordered by the unit tree.
pub async fn agency_satisfaction<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    agency_id: Uuid,
    range: &DateRange,
) -> Result<(agencies::Model, Vec<UnitRow>), DomainError> {
    let agency = get_agency(db, scope, agency_id).await?;
    let mut tallies = tallies_by_unit(db, agency.id, range).await?;
    let pending = pending_by_unit(db, agency.id, None, range).await?;
    let with_rows: Vec<Uuid> = tallies.keys().chain(pending.keys()).copied().collect();
    let units = org_units::Entity::find()
        .filter(org_units::Column::AgencyId.eq(agency.id))
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(org_units::Column::Kind.eq("service_unit"))
                        .add(org_units::Column::Active.eq(true)),
                )
                .add(org_units::Column::Id.is_in(with_rows)),
        )
        .order_by_asc(org_units::Column::Path)
        .all(db)
        .await
        .dom()?;
    let populations: HashMap<Uuid, Option<i64>> = service_rating_units::Entity::find()
        .filter(service_rating_units::Column::AgencyId.eq(agency.id))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|s| (s.org_unit_id, s.served_population))
        .collect();
    let rows = units
        .into_iter()
        .map(|unit| UnitRow {
            tallies: tallies.remove(&unit.id).unwrap_or_default(),
            served_population: populations.get(&unit.id).copied().flatten(),
            flagged_pending: pending.get(&unit.id).copied().unwrap_or(0),
            unit,
        })
        .collect();
    Ok((agency, rows))
}

/// One unit on the public page: its counted responses now and a year earlier.
#[derive(Debug, Clone)]
pub struct PublicUnitRow {
    pub unit: org_units::Model,
    pub current: Tallies,
    pub previous: Tallies,
}

/// The public results of the agency with regional code `code`: each active unit with counted
/// responses in `current`, with its tallies of `previous`. `None` for an unknown agency.
pub async fn public_agency<C: ConnectionTrait>(
    db: &C,
    code: &str,
    current: &DateRange,
    previous: &DateRange,
) -> Result<Option<(agencies::Model, Vec<PublicUnitRow>)>, DomainError> {
    let Some(agency) = find_agency_by_code(db, code).await? else {
        return Ok(None);
    };
    let mut now = tallies_by_unit(db, agency.id, current).await?;
    now.retain(|_, t| t.respondents > 0);
    if now.is_empty() {
        return Ok(Some((agency, Vec::new())));
    }
    let mut before = tallies_by_unit(db, agency.id, previous).await?;
    let units = org_units::Entity::find()
        .filter(org_units::Column::AgencyId.eq(agency.id))
        .filter(org_units::Column::Active.eq(true))
        .filter(org_units::Column::Id.is_in(now.keys().copied().collect::<Vec<_>>()))
        .order_by_asc(org_units::Column::Path)
        .all(db)
        .await
        .dom()?;
    let rows = units
        .into_iter()
        .map(|unit| PublicUnitRow {
            current: now.remove(&unit.id).unwrap_or_default(),
            previous: before.remove(&unit.id).unwrap_or_default(),
            unit,
        })
        .collect();
    Ok(Some((agency, rows)))
}

// ---------------------------------------------------------------- review

/// A flagged response with its unit.
#[derive(Debug, Clone)]
pub struct Flagged {
    pub rating: service_ratings::Model,
    pub unit: org_units::Model,
}

async fn with_units<C: ConnectionTrait>(
    db: &C,
    ratings: Vec<service_ratings::Model>,
) -> Result<Vec<Flagged>, DomainError> {
    let ids: HashSet<Uuid> = ratings.iter().map(|r| r.org_unit_id).collect();
    let units: HashMap<Uuid, org_units::Model> = org_units::Entity::find()
        .filter(org_units::Column::Id.is_in(ids))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    ratings
        .into_iter()
        .map(|rating| {
            let unit = units
                .get(&rating.org_unit_id)
                .cloned()
                .ok_or_else(|| DomainError::Internal("a rating without its unit".into()))?;
            Ok(Flagged { rating, unit })
        })
        .collect()
}

/// Flagged responses in `state`, newest first, in `scope` (and one unit when asked).
pub async fn list_flagged<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    state: ReviewState,
    unit_id: Option<Uuid>,
    page: PageRequest,
) -> Result<Page<Flagged>, DomainError> {
    let mut q = super::scoped(
        service_ratings::Entity::find(),
        service_ratings::Column::AgencyId,
        scope,
    )
    .filter(service_ratings::Column::ReviewState.eq(state.as_str()));
    if let Some(u) = unit_id {
        q = q.filter(service_ratings::Column::OrgUnitId.eq(u));
    }
    let q = q
        .order_by_desc(service_ratings::Column::SubmittedAt)
        .order_by_desc(service_ratings::Column::Id);
    let p = fetch_page(db, q, page).await?;
    let items = with_units(db, p.items).await?;
    Ok(Page {
        items,
        total: p.total,
        page: p.page,
        per_page: p.per_page,
    })
}

/// Accepts (counted from now on) or rejects (never counted) a flagged response, audited. A
/// decision may be changed; the response itself never is. 409 `not_flagged` for a response
/// that was never flagged.
pub async fn review(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    decision: Decision,
) -> Result<Flagged, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = super::scoped(
        service_ratings::Entity::find_by_id(id),
        service_ratings::Column::AgencyId,
        scope,
    )
    .one(&txn)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("rating"))?;
    if before.flag_reason.is_none() {
        return Err(DomainError::conflict(
            "not_flagged",
            None,
            "only flagged responses are reviewed; this one already counts",
        ));
    }
    let state = decision.state();
    if before.review_state.as_deref() == Some(state.as_str()) {
        txn.commit().await.dom()?;
        return Ok(with_units(db, vec![before]).await?.remove(0));
    }
    let mut m = before.clone().into_active_model();
    m.review_state = Set(Some(state.as_str().to_owned()));
    m.reviewed_at = Set(Some(Utc::now()));
    m.reviewed_by = Set(actor.user_id);
    let after = m.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "service_rating",
            entity_id: after.id,
            action: "review",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(with_units(db, vec![after]).await?.remove(0))
}

/// The stored flag of a row, read back.
pub fn flag_of(
    r: &service_ratings::Model,
) -> Result<Option<(FlagReason, ReviewState)>, DomainError> {
    let bad = |_| DomainError::Internal("stored flag".into());
    match (&r.flag_reason, &r.review_state) {
        (Some(f), Some(s)) => Ok(Some((f.parse().map_err(bad)?, s.parse().map_err(bad)?))),
        (None, None) => Ok(None),
        _ => Err(DomainError::Internal(
            "a flag without a review state".into(),
        )),
    }
}
