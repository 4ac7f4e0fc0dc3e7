//! The appraisal history and what is read from it: each employee's yearly ratings (with the
//! credit of functional posts), the unit's organisational result and its distribution against
//! the curve (warnings, never a block), and the ratings of units before and after a training
//! session (Kirkpatrick level 4).
//!
//! Past years' ratings from earlier systems come in through the `skp-ratings` import kind.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, get, put, web};
use chrono::{DateTime, Datelike, Utc};
use pembina_domain::DomainError;
use pembina_domain::accounts::{ApiScope, Role};
use pembina_domain::appraisal::credit::{credit, default_coefficient, percent};
use pembina_domain::appraisal::curve::{Distribution, UnitResult as DUnitResult, warnings};
use pembina_domain::appraisal::plan::parse_year;
use pembina_domain::appraisal::predikat::Predikat as DPredikat;
use pembina_domain::appraisal::rating::{RatingSummary, percent_1dp};
use pembina_domain::org::FunctionalLevel;
use pembina_persistence::entities::{appraisal_ratings, positions};
use pembina_persistence::repositories::appraisal as repo;
use pembina_persistence::repositories::people;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{Predikat, Rating, stored};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor};

/// A unit's organisational result for a year: istimewa, baik, butuh_perbaikan, kurang,
/// sangat_kurang.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitResult {
    Istimewa,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

impl From<UnitResult> for DUnitResult {
    fn from(v: UnitResult) -> Self {
        match v {
            UnitResult::Istimewa => Self::Istimewa,
            UnitResult::Baik => Self::Baik,
            UnitResult::ButuhPerbaikan => Self::ButuhPerbaikan,
            UnitResult::Kurang => Self::Kurang,
            UnitResult::SangatKurang => Self::SangatKurang,
        }
    }
}

impl From<DUnitResult> for UnitResult {
    fn from(v: DUnitResult) -> Self {
        match v {
            DUnitResult::Istimewa => Self::Istimewa,
            DUnitResult::Baik => Self::Baik,
            DUnitResult::ButuhPerbaikan => Self::ButuhPerbaikan,
            DUnitResult::Kurang => Self::Kurang,
            DUnitResult::SangatKurang => Self::SangatKurang,
        }
    }
}

/// Where a year's rating came from: skp (a plan finalised in Pembina) or import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RatingSource {
    Skp,
    Import,
}

// ---------------------------------------------------------------- ratings of an employee

/// The credit a functional post earned in a rated year (PermenPANRB 1/2023).
#[derive(Debug, Serialize, ToSchema)]
pub struct FunctionalCredit {
    /// The level's yearly coefficient, e.g. 12.5 for Ahli Pertama.
    pub coefficient: f64,
    /// 150, 100, 75, 50 or 25 by predikat.
    pub percent: i64,
    pub months: i16,
    /// coefficient × percent × months / 12, to three decimals.
    pub amount: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AppraisalRatingResponse {
    pub year: i32,
    pub predikat: Predikat,
    pub results_rating: Option<Rating>,
    pub behaviour_rating: Option<Rating>,
    /// Months of the year the rating covers.
    pub months: i16,
    pub source: RatingSource,
    /// The plan the rating came from (source skp).
    pub plan_id: Option<Uuid>,
    /// The unit and position when the rating was recorded.
    pub org_unit_id: Option<Uuid>,
    pub position_id: Option<Uuid>,
    /// For a functional post with a level: the year's credit; null otherwise.
    pub credit: Option<FunctionalCredit>,
    pub updated_at: DateTime<Utc>,
}

fn functional_credit(
    level: Option<FunctionalLevel>,
    predikat: DPredikat,
    months: i16,
) -> Option<FunctionalCredit> {
    let level = level?;
    let coefficient = default_coefficient(level);
    let amount = credit(coefficient, predikat, u8::try_from(months).ok()?).ok()?;
    Some(FunctionalCredit {
        coefficient: coefficient.as_f64(),
        percent: percent(predikat),
        months,
        amount: amount.as_f64(),
    })
}

async fn ratings_response(
    state: &AppState,
    rows: Vec<appraisal_ratings::Model>,
) -> Result<Vec<AppraisalRatingResponse>, ApiError> {
    let position_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.position_id).collect();
    let levels: HashMap<Uuid, FunctionalLevel> = if position_ids.is_empty() {
        HashMap::new()
    } else {
        positions::Entity::find()
            .filter(positions::Column::Id.is_in(position_ids))
            .all(&state.db)
            .await
            .map_err(|e| ApiError::internal(e.to_string()))?
            .into_iter()
            .filter(|p| p.kind == "fungsional")
            .filter_map(|p| {
                let level = p.functional_level.as_deref()?.parse().ok()?;
                Some((p.id, level))
            })
            .collect()
    };
    rows.into_iter()
        .map(|r| {
            let p: DPredikat = stored(&r.predikat)?;
            let rating = |v: &Option<String>| -> Result<Option<Rating>, ApiError> {
                v.as_deref()
                    .map(stored::<pembina_domain::appraisal::predikat::Rating>)
                    .transpose()
                    .map(|x| x.map(Into::into))
            };
            Ok(AppraisalRatingResponse {
                year: r.year,
                predikat: p.into(),
                results_rating: rating(&r.results_rating)?,
                behaviour_rating: rating(&r.behaviour_rating)?,
                months: r.months,
                source: if r.source == "skp" {
                    RatingSource::Skp
                } else {
                    RatingSource::Import
                },
                plan_id: r.plan_id,
                org_unit_id: r.org_unit_id,
                position_id: r.position_id,
                credit: functional_credit(
                    r.position_id.and_then(|id| levels.get(&id).copied()),
                    p,
                    r.months,
                ),
                updated_at: r.updated_at,
            })
        })
        .collect()
}

/// An employee's yearly ratings, newest first, from plans finalised in Pembina and from
/// imports, with the credit earned when they held a functional post.
///
/// **Who may call:** administrators of the employee's agency (API keys with `employees:read`),
/// the employee, and their direct supervisor. Anyone else is told the employee does not exist
/// (404).
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path)), responses((status = 200, body = Vec<AppraisalRatingResponse>)), security(("bearer" = [])))]
#[get("/employees/{id}/appraisal-ratings")]
pub async fn get_employee_ratings(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let e = people::get_employee(&state.db, auth.scope(), id.into_inner()).await?;
    if auth.api_key.is_some() {
        auth.require(ApiScope::EmployeesRead, &[])?;
    } else if !auth.is_admin() {
        match auth.employee_id {
            Some(me) if me == e.id || e.supervisor_id == Some(me) => {}
            _ => return Err(DomainError::NotFound("employee").into()),
        }
    }
    let rows = repo::ratings_of_employee(&state.db, e.id).await?;
    Ok(HttpResponse::Ok().json(ratings_response(&state, rows).await?))
}

/// The caller's own yearly ratings, newest first (empty for an account without an employee
/// record).
///
/// **Who may call:** any signed-in user.
#[utoipa::path(tag = "skp", responses((status = 200, body = Vec<AppraisalRatingResponse>)), security(("bearer" = [])))]
#[get("/me/appraisal-ratings")]
pub async fn get_my_ratings(
    state: web::Data<AppState>,
    auth: Auth,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let rows = match auth.employee_id {
        Some(me) => repo::ratings_of_employee(&state.db, me).await?,
        None => Vec::new(),
    };
    Ok(HttpResponse::Ok().json(ratings_response(&state, rows).await?))
}

// ---------------------------------------------------------------- unit result and distribution

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PutUnitResultRequest {
    pub result: UnitResult,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitResultResponse {
    pub org_unit_id: Uuid,
    pub year: i32,
    pub result: UnitResult,
    pub updated_at: DateTime<Utc>,
}

/// Sets a unit's organisational result for a year (the head's work-results rating, and what the
/// unit's distribution is read against).
///
/// **Who may call:** administrators of the unit's agency (users only). Another agency's unit is
/// not found (404).
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path), ("year" = i32, Path)), request_body = PutUnitResultRequest, responses((status = 200, body = UnitResultResponse)), security(("bearer" = [])))]
#[put("/org-units/{id}/unit-results/{year}")]
pub async fn put_unit_result(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    path: web::Path<(Uuid, i64)>,
    body: ValidJson<PutUnitResultRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    auth.require_admin()?;
    let (id, year) = path.into_inner();
    let year = parse_year(year)?;
    let m = repo::set_unit_result(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id,
        year,
        body.0.result.into(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(UnitResultResponse {
        org_unit_id: m.org_unit_id,
        year: m.year,
        result: stored::<DUnitResult>(&m.result)?.into(),
        updated_at: m.updated_at,
    }))
}

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct DistributionQuery {
    /// The year rated; the current year when absent.
    pub year: Option<i64>,
}

/// How many of each predikat.
#[derive(Debug, Serialize, ToSchema)]
pub struct PredikatCounts {
    pub sangat_baik: u32,
    pub baik: u32,
    pub butuh_perbaikan: u32,
    pub kurang: u32,
    pub sangat_kurang: u32,
}

/// Shares of each predikat in percent (one decimal); null when nobody is rated.
#[derive(Debug, Serialize, ToSchema)]
pub struct PredikatShares {
    pub sangat_baik: Option<f64>,
    pub baik: Option<f64>,
    pub butuh_perbaikan: Option<f64>,
    pub kurang: Option<f64>,
    pub sangat_kurang: Option<f64>,
}

fn counts(d: Distribution) -> PredikatCounts {
    PredikatCounts {
        sangat_baik: d.sangat_baik,
        baik: d.baik,
        butuh_perbaikan: d.butuh_perbaikan,
        kurang: d.kurang,
        sangat_kurang: d.sangat_kurang,
    }
}

fn shares(d: Distribution) -> PredikatShares {
    let n = d.total();
    PredikatShares {
        sangat_baik: percent_1dp(d.sangat_baik, n),
        baik: percent_1dp(d.baik, n),
        butuh_perbaikan: percent_1dp(d.butuh_perbaikan, n),
        kurang: percent_1dp(d.kurang, n),
        sangat_kurang: percent_1dp(d.sangat_kurang, n),
    }
}

/// A departure from the curve: shown to whoever finalises ratings, never blocking.
#[derive(Debug, Serialize, ToSchema)]
pub struct CurveWarningResponse {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkpDistributionResponse {
    pub org_unit_id: Uuid,
    pub unit_name: String,
    pub year: i32,
    /// The unit's organisational result, when set; the curve is read against it.
    pub unit_result: Option<UnitResult>,
    pub total: u32,
    pub counts: PredikatCounts,
    pub shares: PredikatShares,
    /// Ratings from plans finalised in Pembina, and imported ones.
    pub from_plans: u32,
    pub imported: u32,
    /// Plans of the year in these units not final yet: their ratings are not counted.
    pub plans_not_final: u64,
    /// Departures from the curve (empty without a unit result or without ratings).
    pub warnings: Vec<CurveWarningResponse>,
}

/// The distribution of a year's predikat in a unit and the units below it, by the unit each
/// rating was recorded in, against the curve for the unit's organisational result.
///
/// **Who may call:** administrators of the unit's agency (API keys with `employees:read`).
/// Another agency's unit is not found (404).
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path), DistributionQuery), responses((status = 200, body = SkpDistributionResponse)), security(("bearer" = [])))]
#[get("/org-units/{id}/skp-distribution")]
pub async fn get_skp_distribution(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    q: ValidQuery<DistributionQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::EmployeesRead,
        &[Role::SuperAdmin, Role::AgencyAdmin],
    )?;
    let year = parse_year(q.0.year.unwrap_or_else(|| i64::from(Utc::now().year())))?;
    let d = repo::unit_distribution(&state.db, auth.scope(), id.into_inner(), year).await?;
    let warnings = d
        .unit_result
        .map(|u| warnings(u, d.distribution))
        .unwrap_or_default()
        .into_iter()
        .map(|w| CurveWarningResponse {
            code: w.code.to_owned(),
            message: w.message.to_owned(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(SkpDistributionResponse {
        org_unit_id: d.unit.id,
        unit_name: d.unit.name,
        year: d.year,
        unit_result: d.unit_result.map(Into::into),
        total: d.distribution.total(),
        counts: counts(d.distribution),
        shares: shares(d.distribution),
        from_plans: d.from_plans,
        imported: d.imported,
        plans_not_final: d.plans_not_final,
        warnings,
    }))
}

// ---------------------------------------------------------------- Kirkpatrick level 4

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct OutcomesQuery {
    /// The year before; the year before the session ended when absent.
    pub before_year: Option<i64>,
    /// The year after; the year after the session ended when absent.
    pub after_year: Option<i64>,
}

/// A group's ratings in one year.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingSummaryResponse {
    /// How many were rated (the sample size).
    pub rated: u32,
    pub at_least_baik: u32,
    /// Share rated Baik or Sangat Baik, percent to one decimal; null when nobody was rated.
    pub share_at_least_baik: Option<f64>,
    pub counts: PredikatCounts,
}

impl From<RatingSummary> for RatingSummaryResponse {
    fn from(s: RatingSummary) -> Self {
        Self {
            rated: s.rated(),
            at_least_baik: s.at_least_baik,
            share_at_least_baik: s.share_at_least_baik(),
            counts: counts(s.distribution),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitOutcomeResponse {
    pub org_unit_id: Uuid,
    pub code: String,
    pub name: String,
    /// Active staff of the unit now.
    pub staff: u64,
    /// Of them, how many completed the session.
    pub trained: u64,
    /// trained ÷ staff in percent, one decimal (null for a unit without active staff).
    pub trained_share: Option<f64>,
    /// Everyone rated in the unit, the year before and the year after.
    pub before: RatingSummaryResponse,
    pub after: RatingSummaryResponse,
    /// The participants' own ratings, before and after.
    pub trained_before: RatingSummaryResponse,
    pub trained_after: RatingSummaryResponse,
    /// Citizens' satisfaction with the unit (IKM) and their waiting times, the year before and
    /// the year after; `respondents` 0 and null figures when the unit had no counted ratings.
    pub satisfaction_before: UnitSatisfactionSummary,
    pub satisfaction_after: UnitSatisfactionSummary,
}

/// A unit's citizen satisfaction in one year, for the level-4 view.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitSatisfactionSummary {
    /// Counted responses (the sample size).
    pub respondents: u64,
    /// The converted IKM (25-100) at full precision; null without responses.
    pub score: Option<f64>,
    /// A (Sangat Baik), B (Baik), C (Kurang Baik), D (Tidak Baik); null without responses.
    pub grade: Option<String>,
    /// How many gave a waiting time, and its median and 90th percentile in minutes.
    pub waiting_count: u64,
    pub waiting_median_minutes: Option<f64>,
    pub waiting_p90_minutes: Option<u32>,
}

impl From<repo::Satisfaction> for UnitSatisfactionSummary {
    fn from(s: repo::Satisfaction) -> Self {
        Self {
            respondents: s.index.respondents,
            score: s.index.score,
            grade: s.index.grade.map(|g| g.as_str().to_owned()),
            waiting_count: s.waiting.map_or(0, |w| w.count),
            waiting_median_minutes: s.waiting.map(|w| w.median),
            waiting_p90_minutes: s.waiting.map(|w| w.p90),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionOutcomesResponse {
    pub session_id: Uuid,
    pub before_year: i32,
    pub after_year: i32,
    /// One row per unit in which a participant completed the session. An association between
    /// training and results, not proof that one caused the other.
    pub units: Vec<UnitOutcomeResponse>,
}

/// Kirkpatrick level 4: for each unit whose staff completed the session, the appraisal ratings
/// the year before and the year after, for the whole unit and for the participants, with the
/// share of staff trained and the sample sizes, and the unit's citizen satisfaction (IKM) and
/// waiting times in the same two years when it collects citizen ratings.
///
/// **Who may call:** administrators and trainers of the session's agency (API keys with
/// `learning:read`). Another agency's session is not found (404).
#[utoipa::path(tag = "evaluation", params(("id" = Uuid, Path), OutcomesQuery), responses((status = 200, body = SessionOutcomesResponse)), security(("bearer" = [])))]
#[get("/sessions/{id}/unit-outcomes")]
pub async fn get_session_outcomes(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    q: ValidQuery<OutcomesQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::LearningRead,
        &[Role::SuperAdmin, Role::AgencyAdmin, Role::Trainer],
    )?;
    let id = id.into_inner();
    // The session's end year, when the years are not given.
    let session =
        pembina_persistence::repositories::programmes::get_session(&state.db, auth.scope(), id)
            .await?;
    let ended = session.session.end_date.map(|d| i64::from(d.year()));
    let year = |given: Option<i64>, field: &'static str, shift: i64| match (given, ended) {
        (Some(y), _) => parse_year(y).map_err(ApiError::from),
        (None, Some(e)) => parse_year(e + shift).map_err(ApiError::from),
        (None, None) => Err(ApiError::field(
            field,
            "required",
            "the session has no end date: give the year",
        )),
    };
    let before_year = year(q.0.before_year, "before_year", -1)?;
    let after_year = year(q.0.after_year, "after_year", 1)?;
    if after_year <= before_year {
        return Err(ApiError::field(
            "after_year",
            "out_of_range",
            "must be later than before_year",
        ));
    }
    let (session, units) =
        repo::session_outcomes(&state.db, auth.scope(), id, before_year, after_year).await?;
    let units = units
        .into_iter()
        .map(|u| UnitOutcomeResponse {
            org_unit_id: u.unit.id,
            code: u.unit.code,
            name: u.unit.name,
            staff: u.staff,
            trained: u.trained,
            trained_share: percent_1dp(
                u32::try_from(u.trained).unwrap_or(u32::MAX),
                u32::try_from(u.staff).unwrap_or(u32::MAX),
            ),
            before: u.before.into(),
            after: u.after.into(),
            trained_before: u.trained_before.into(),
            trained_after: u.trained_after.into(),
            satisfaction_before: u.satisfaction_before.into(),
            satisfaction_after: u.satisfaction_after.into(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(SessionOutcomesResponse {
        session_id: session.id,
        before_year,
        after_year,
        units,
    }))
}
