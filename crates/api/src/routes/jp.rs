//! The 20 JP ledger: each civil servant's learning hours of the year (1 JP = 45 minutes; at
//! least 20 JP a year), the agency's conversion of non-classical activities, who falls short,
//! and the summary per unit.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use pembina_domain::accounts::{ApiScope, Role};
use pembina_domain::competency::plan::ActivityKind as DActivityKind;
use pembina_domain::learning::jp::{
    CentiJp, Conversion, RecordedActivity, RecordedActivityInput, YearStanding,
};
use pembina_domain::page::PageRequest;
use pembina_domain::{DomainError, FieldError};
use pembina_persistence::entities::jp_credits;
use pembina_persistence::repositories::jp::{
    self as repo, ConversionSetting, CreditSource, Shortfall, Staff, UnitStanding,
};
use pembina_persistence::repositories::{org, people};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{ActivityKind, DevelopmentForm, Page, stored};
use super::imports::{FileFormat, download, format_of_file};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor, target_agency};

/// JP as a number with two decimals (12.5, 2.22).
fn jp(c: CentiJp) -> f64 {
    c.as_f64()
}

/// The year asked for, or the current one; 2000-2100.
fn year_of(year: Option<i32>) -> Result<i32, ApiError> {
    let y = year.unwrap_or_else(|| Utc::now().year());
    if (2000..=2100).contains(&y) {
        Ok(y)
    } else {
        Err(ApiError::field(
            "year",
            "out_of_range",
            "must be a year from 2000 to 2100",
        ))
    }
}

/// Where a credit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JpCreditSource {
    /// Completion of a Pembina session (follows the enrolment).
    Session,
    /// A training outside Pembina (entered or imported).
    External,
    /// A non-classical activity recorded by an admin.
    Activity,
}

impl From<JpCreditSource> for CreditSource {
    fn from(s: JpCreditSource) -> Self {
        match s {
            JpCreditSource::Session => Self::Session,
            JpCreditSource::External => Self::External,
            JpCreditSource::Activity => Self::Activity,
        }
    }
}

impl JpCreditSource {
    fn of_stored(s: &str) -> Result<Self, ApiError> {
        match s {
            "session" => Ok(Self::Session),
            "external" => Ok(Self::External),
            "activity" => Ok(Self::Activity),
            other => Err(ApiError::internal(format!(
                "unknown stored credit source {other:?}"
            ))),
        }
    }
}

/// One credited activity.
#[derive(Debug, Serialize, ToSchema)]
pub struct JpCreditResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub employee_id: Uuid,
    /// The year credited: the year of `occurred_on`.
    pub year: i32,
    /// The day the activity ended.
    pub occurred_on: NaiveDate,
    pub source: JpCreditSource,
    /// The enrolment (sessions) or the caller's reference; unique per employee and source.
    pub reference: String,
    pub title: String,
    pub activity_kind: ActivityKind,
    pub form: DevelopmentForm,
    pub provider: Option<String>,
    /// The duration given, when it was given in minutes.
    pub minutes: Option<i32>,
    /// JP credited, after the agency's conversion and yearly cap (two decimals).
    #[schema(example = 12.5)]
    pub jp: f64,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<jp_credits::Model> for JpCreditResponse {
    type Error = ApiError;
    fn try_from(m: jp_credits::Model) -> Result<Self, ApiError> {
        let kind = stored::<DActivityKind>(&m.activity_kind)?;
        Ok(Self {
            id: m.id,
            agency_id: m.agency_id,
            employee_id: m.employee_id,
            year: m.year,
            occurred_on: m.occurred_on,
            source: JpCreditSource::of_stored(&m.source)?,
            reference: m.source_ref,
            title: m.title,
            activity_kind: kind.into(),
            form: kind.form().into(),
            provider: m.provider,
            minutes: m.minutes,
            jp: jp(CentiJp(i64::from(m.jp_centi))),
            recorded_by: m.recorded_by,
            created_at: m.created_at,
        })
    }
}

/// Where an employee stands against the yearly 20 JP.
#[derive(Debug, Serialize, ToSchema)]
pub struct JpStandingResponse {
    #[schema(example = 12.5)]
    pub total_jp: f64,
    #[schema(example = 20.0)]
    pub target_jp: f64,
    /// What is still missing (0 when met).
    #[schema(example = 7.5)]
    pub shortfall_jp: f64,
    pub meets: bool,
}

impl From<YearStanding> for JpStandingResponse {
    fn from(s: YearStanding) -> Self {
        Self {
            total_jp: jp(s.total),
            target_jp: jp(s.target),
            shortfall_jp: jp(s.shortfall),
            meets: s.meets,
        }
    }
}

/// An employee's JP ledger of one year.
#[derive(Debug, Serialize, ToSchema)]
pub struct JpLedgerResponse {
    /// `null` on `/me/jp` for an account without an employee record.
    pub employee_id: Option<Uuid>,
    pub year: i32,
    pub standing: JpStandingResponse,
    /// Newest first.
    pub credits: Vec<JpCreditResponse>,
}

async fn ledger(
    state: &AppState,
    employee_id: Option<Uuid>,
    year: i32,
) -> Result<JpLedgerResponse, ApiError> {
    let credits = match employee_id {
        Some(e) => repo::credits_of(&state.db, e, year).await?,
        None => Vec::new(),
    };
    let total: CentiJp = credits.iter().map(|c| CentiJp(i64::from(c.jp_centi))).sum();
    Ok(JpLedgerResponse {
        employee_id,
        year,
        standing: YearStanding::of(total).into(),
        credits: credits
            .into_iter()
            .map(JpCreditResponse::try_from)
            .collect::<Result<_, _>>()?,
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// Default: the current year.
    pub year: Option<i32>,
}

/// An employee's JP ledger of a year: the credited activities, newest first, and where they
/// stand against the yearly 20 JP.
///
/// **Who may call:** super_admin; agency_admin (their agency); the employee themselves; their
/// direct supervisor. Anyone else is told the employee does not exist (404).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path), YearQuery), responses((status = 200, body = JpLedgerResponse)), security(("bearer" = [])))]
#[get("/employees/{id}/jp")]
pub async fn get_employee_jp(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    q: ValidQuery<YearQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let year = year_of(q.0.year)?;
    let e = people::get_employee(&state.db, auth.scope(), id.into_inner()).await?;
    if !auth.is_admin() {
        match auth.employee_id {
            Some(me) if me == e.id || e.supervisor_id == Some(me) => {}
            _ => return Err(DomainError::NotFound("employee").into()),
        }
    }
    Ok(HttpResponse::Ok().json(ledger(&state, Some(e.id), year).await?))
}

/// The caller's own JP ledger of a year (empty for an account without an employee record).
///
/// **Who may call:** any signed-in user.
#[utoipa::path(tag = "learning", params(YearQuery), responses((status = 200, body = JpLedgerResponse)), security(("bearer" = [])))]
#[get("/me/jp")]
pub async fn get_my_jp(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<YearQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let year = year_of(q.0.year)?;
    Ok(HttpResponse::Ok().json(ledger(&state, auth.employee_id, year).await?))
}

// ---------------------------------------------------------------- recorded activities

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateJpCreditRequest {
    pub employee_id: Uuid,
    /// `external` (a training outside Pembina) or `activity` (a non-classical activity);
    /// `session` credits come from completed enrolments only.
    pub source: JpCreditSource,
    pub activity_kind: ActivityKind,
    #[schema(example = "Pelatihan Kepemimpinan Pengawas")]
    pub title: String,
    /// The day it ended; its year is the year credited.
    pub occurred_on: NaiveDate,
    #[schema(example = "BPSDM Provinsi Bengkulu")]
    pub provider: Option<String>,
    /// Your identifier of the activity for this employee (e.g. the certificate number), up to
    /// 100 characters: the same reference is never credited twice. Generated when absent.
    #[schema(example = "SERT-2026-0042")]
    pub reference: Option<String>,
    /// The JP stated (more than 0, at most 1000, two decimals). Give `jp` or `minutes`.
    #[schema(example = 12.5)]
    pub jp: Option<f64>,
    /// The duration in minutes, 1-100000 (45 minutes = 1 JP). Give `jp` or `minutes`.
    #[schema(example = 90)]
    pub minutes: Option<i64>,
}

/// Credit a training outside Pembina or a non-classical activity to an employee. The agency's
/// conversion for the kind applies (a share of the JP, and the kind's yearly cap: what exceeds
/// it is not credited). A reference already credited to the employee from the same source
/// answers 409 `duplicate`.
///
/// **Who may call:** super_admin; agency_admin (employees of their agency).
#[utoipa::path(tag = "learning", request_body = CreateJpCreditRequest, responses((status = 201, body = JpCreditResponse)), security(("bearer" = [])))]
#[post("/jp-credits")]
pub async fn create_jp_credit(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<CreateJpCreditRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    if b.source == JpCreditSource::Session {
        return Err(ApiError::field(
            "source",
            "not_allowed",
            "must be external or activity: session credits come from completed enrolments",
        ));
    }
    let a = RecordedActivity::parse(RecordedActivityInput {
        activity_kind: b.activity_kind.into(),
        title: b.title,
        occurred_on: b.occurred_on,
        provider: b.provider,
        reference: b.reference,
        jp: b.jp,
        minutes: b.minutes,
    })?;
    let m = repo::record_activity(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        b.employee_id,
        b.source.into(),
        a,
    )
    .await?;
    Ok(HttpResponse::Created().json(JpCreditResponse::try_from(m)?))
}

/// Remove an external or activity credit. Session credits follow their enrolment (409
/// `session_credit`).
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 204, description = "Removed")), security(("bearer" = [])))]
#[delete("/jp-credits/{id}")]
pub async fn delete_jp_credit(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    repo::delete_credit(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

// ---------------------------------------------------------------- conversions

/// How the agency credits one kind of activity.
#[derive(Debug, Serialize, ToSchema)]
pub struct JpConversionResponse {
    pub activity_kind: ActivityKind,
    pub form: DevelopmentForm,
    /// Share of the activity's JP that counts, 1-100.
    pub credit_percent: u8,
    /// Most JP of this kind that count in one year; `null` for no cap.
    pub yearly_cap_jp: Option<f64>,
    /// True when the agency has not set this kind (100 %, no cap).
    pub is_default: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JpConversionsResponse {
    pub agency_id: Uuid,
    /// Every kind of activity, in a fixed order.
    pub conversions: Vec<JpConversionResponse>,
}

fn conversions_response(agency_id: Uuid, all: Vec<ConversionSetting>) -> JpConversionsResponse {
    JpConversionsResponse {
        agency_id,
        conversions: all
            .into_iter()
            .map(|s| JpConversionResponse {
                activity_kind: s.conversion.activity_kind.into(),
                form: s.conversion.activity_kind.form().into(),
                credit_percent: s.conversion.credit_percent,
                yearly_cap_jp: s.conversion.yearly_cap.map(jp),
                is_default: s.is_default,
            })
            .collect(),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JpAgencyQuery {
    /// Super admins: the agency (required for them); others: their own.
    pub agency_id: Option<Uuid>,
}

/// The agency's JP conversion: for each kind of activity, the share of its JP that counts and
/// the yearly cap, or the default (100 %, no cap).
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (their agency); API keys
/// with `learning:read`.
#[utoipa::path(tag = "learning", params(JpAgencyQuery), responses((status = 200, body = JpConversionsResponse)), security(("bearer" = [])))]
#[get("/jp-conversions")]
pub async fn get_jp_conversions(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<JpAgencyQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::LearningRead,
        &[Role::SuperAdmin, Role::AgencyAdmin],
    )?;
    let agency_id = target_agency(&state, &auth, q.0.agency_id).await?;
    let all = repo::conversions(&state.db, agency_id).await?;
    Ok(HttpResponse::Ok().json(conversions_response(agency_id, all)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JpConversionItem {
    pub activity_kind: ActivityKind,
    /// 1-100.
    #[schema(minimum = 1, maximum = 100, example = 50)]
    pub credit_percent: i64,
    /// Most JP of this kind that count in one year (two decimals); absent or `null` for no cap.
    #[schema(example = 10)]
    pub yearly_cap_jp: Option<f64>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutJpConversionsRequest {
    /// Super admins: the agency (required for them).
    pub agency_id: Option<Uuid>,
    /// The whole table: kinds not listed go back to the default. Problems are named
    /// `conversions[<index>].<field>`.
    pub conversions: Vec<JpConversionItem>,
}

/// Replace the agency's JP conversion table. Credits already recorded keep their JP.
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (their agency).
#[utoipa::path(tag = "learning", request_body = PutJpConversionsRequest, responses((status = 200, body = JpConversionsResponse)), security(("bearer" = [])))]
#[put("/jp-conversions")]
pub async fn put_jp_conversions(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<PutJpConversionsRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let agency_id = target_agency(&state, &auth, b.agency_id).await?;
    let mut errors = Vec::new();
    let mut table = Vec::with_capacity(b.conversions.len());
    let mut seen: Vec<DActivityKind> = Vec::new();
    for (i, c) in b.conversions.into_iter().enumerate() {
        let kind: DActivityKind = c.activity_kind.into();
        if seen.contains(&kind) {
            errors.push(FieldError::new(
                format!("conversions[{i}].activity_kind"),
                "duplicate",
                "this kind is already listed",
            ));
        }
        seen.push(kind);
        match Conversion::new(kind, c.credit_percent, c.yearly_cap_jp) {
            Ok(conv) => table.push(conv),
            Err(es) => errors.extend(es.into_iter().map(|e| {
                FieldError::new(format!("conversions[{i}].{}", e.field), e.code, e.message)
            })),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let all = repo::replace_conversions(&state.db, &actor(&auth, &req), agency_id, table).await?;
    Ok(HttpResponse::Ok().json(conversions_response(agency_id, all)))
}

// ---------------------------------------------------------------- summary and shortfall

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JpSummaryQuery {
    /// Default: the current year.
    pub year: Option<i32>,
    /// A unit (with the units below it); without it, the whole agency.
    pub org_unit_id: Option<Uuid>,
    /// Super admins: the agency (required without `org_unit_id`).
    pub agency_id: Option<Uuid>,
}

/// The staff asked for: a unit's subtree (which names the agency) or the agency.
async fn staff_of(
    state: &AppState,
    auth: &Auth,
    year: Option<i32>,
    org_unit_id: Option<Uuid>,
    agency_id: Option<Uuid>,
) -> Result<Staff, ApiError> {
    let year = year_of(year)?;
    Ok(match org_unit_id {
        Some(u) => {
            let unit = org::get_unit(&state.db, auth.scope(), u).await?;
            Staff {
                agency_id: unit.agency_id,
                unit: Some(unit),
                year,
            }
        }
        None => Staff {
            agency_id: target_agency(state, auth, agency_id).await?,
            unit: None,
            year,
        },
    })
}

/// Share of `part` in `whole`, 0-1 with four decimals.
fn share(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0
    }
}

/// Mean JP of `employees` whose JP add up to `total_centi`, two decimals.
fn mean_jp(total_centi: i64, employees: i64) -> f64 {
    if employees <= 0 {
        0.0
    } else {
        (total_centi as f64 / employees as f64).round() / 100.0
    }
}

/// How one unit's active staff stand against the 20 JP.
#[derive(Debug, Serialize, ToSchema)]
pub struct JpUnitSummary {
    pub org_unit_id: Uuid,
    pub code: String,
    pub name: String,
    pub active_employees: i64,
    /// Of those, how many have at least 20 JP this year.
    pub meeting_target: i64,
    /// meeting_target ÷ active_employees, 0-1.
    pub share_meeting: f64,
    /// Mean JP of the active employees (two decimals).
    pub mean_jp: f64,
}

/// The same figures over every unit of the summary.
#[derive(Debug, Serialize, ToSchema)]
pub struct JpSummaryTotal {
    pub active_employees: i64,
    pub meeting_target: i64,
    pub share_meeting: f64,
    pub mean_jp: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JpSummaryResponse {
    pub agency_id: Uuid,
    /// Set when the summary is of one unit (and the units below it).
    pub org_unit_id: Option<Uuid>,
    pub year: i32,
    #[schema(example = 20.0)]
    pub target_jp: f64,
    /// Units with active employees, by code. Each counts the employees placed in it (not
    /// those of the units below it).
    pub units: Vec<JpUnitSummary>,
    pub total: JpSummaryTotal,
}

/// How the agency (or a unit and the units below it) stands against the yearly 20 JP, per unit:
/// active employees, how many meet the target, the share meeting it and the mean JP; and the
/// same over all of them.
///
/// **Who may call:** super_admin (naming `agency_id` or `org_unit_id`); agency_admin (their
/// agency); API keys with `learning:read`.
#[utoipa::path(tag = "learning", params(JpSummaryQuery), responses((status = 200, body = JpSummaryResponse)), security(("bearer" = [])))]
#[get("/jp-summary")]
pub async fn get_jp_summary(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<JpSummaryQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::LearningRead,
        &[Role::SuperAdmin, Role::AgencyAdmin],
    )?;
    let q = q.0;
    let staff = staff_of(&state, &auth, q.year, q.org_unit_id, q.agency_id).await?;
    let rows = repo::summary(&state.db, auth.scope(), &staff).await?;
    let (employees, meeting, total_centi) = rows.iter().fold((0, 0, 0), |(e, m, t), r| {
        (e + r.employees, m + r.meeting, t + r.total_centi)
    });
    let units = rows
        .into_iter()
        .map(|r: UnitStanding| JpUnitSummary {
            org_unit_id: r.org_unit_id,
            share_meeting: share(r.meeting, r.employees),
            mean_jp: mean_jp(r.total_centi, r.employees),
            code: r.code,
            name: r.name,
            active_employees: r.employees,
            meeting_target: r.meeting,
        })
        .collect();
    Ok(HttpResponse::Ok().json(JpSummaryResponse {
        agency_id: staff.agency_id,
        org_unit_id: q.org_unit_id,
        year: staff.year,
        target_jp: jp(pembina_domain::learning::jp::YEARLY_TARGET),
        units,
        total: JpSummaryTotal {
            active_employees: employees,
            meeting_target: meeting,
            share_meeting: share(meeting, employees),
            mean_jp: mean_jp(total_centi, employees),
        },
    }))
}

/// An active employee below 20 JP this year.
#[derive(Debug, Serialize, ToSchema)]
pub struct JpShortfallItem {
    pub employee_id: Uuid,
    pub nip: String,
    pub name: String,
    pub org_unit_id: Uuid,
    pub unit_name: String,
    #[schema(example = 7.5)]
    pub total_jp: f64,
    #[schema(example = 12.5)]
    pub shortfall_jp: f64,
}

impl From<Shortfall> for JpShortfallItem {
    fn from(s: Shortfall) -> Self {
        let standing = YearStanding::of(CentiJp(s.total_centi));
        Self {
            employee_id: s.employee_id,
            nip: s.nip,
            name: s.name,
            org_unit_id: s.org_unit_id,
            unit_name: s.unit_name,
            total_jp: jp(standing.total),
            shortfall_jp: jp(standing.shortfall),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JpShortfallQuery {
    /// Default: the current year.
    pub year: Option<i32>,
    /// A unit (with the units below it); without it, the whole agency.
    pub org_unit_id: Option<Uuid>,
    /// Super admins: the agency (required without `org_unit_id`).
    pub agency_id: Option<Uuid>,
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
}

/// Active employees below 20 JP in the year (those without any credit too), lowest total
/// first, then by name.
///
/// **Who may call:** super_admin (naming `agency_id` or `org_unit_id`); agency_admin (their
/// agency); API keys with `learning:read`.
#[utoipa::path(tag = "learning", params(JpShortfallQuery), responses((status = 200, body = Page<JpShortfallItem>)), security(("bearer" = [])))]
#[get("/jp-shortfall")]
pub async fn list_jp_shortfall(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<JpShortfallQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::LearningRead,
        &[Role::SuperAdmin, Role::AgencyAdmin],
    )?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let staff = staff_of(&state, &auth, q.year, q.org_unit_id, q.agency_id).await?;
    let result = repo::shortfall_page(&state.db, auth.scope(), &staff, page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, |s| Ok(JpShortfallItem::from(s)))?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportJpShortfallQuery {
    /// Default: the current year.
    pub year: Option<i32>,
    /// A unit (with the units below it); without it, the whole agency.
    pub org_unit_id: Option<Uuid>,
    /// Super admins: the agency (required without `org_unit_id`).
    pub agency_id: Option<Uuid>,
    /// `xlsx` (default) or `csv`.
    #[param(inline)]
    pub format: Option<FileFormat>,
}

/// The employees below 20 JP as a spreadsheet, in the order of `GET /jp-shortfall`: No, NIP,
/// name, unit, JP of the year and JP missing (JP written the Indonesian way, `12,5`).
///
/// **Who may call:** super_admin (naming `agency_id` or `org_unit_id`); agency_admin (their
/// agency); API keys with `learning:read`.
#[utoipa::path(tag = "learning", params(ExportJpShortfallQuery), responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>)), security(("bearer" = [])))]
#[get("/jp-shortfall/export")]
pub async fn export_jp_shortfall(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ExportJpShortfallQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::LearningRead,
        &[Role::SuperAdmin, Role::AgencyAdmin],
    )?;
    let q = q.0;
    let staff = staff_of(&state, &auth, q.year, q.org_unit_id, q.agency_id).await?;
    let rows_of = repo::shortfall_all(&state.db, auth.scope(), &staff).await?;
    let year = staff.year;
    let mut rows = vec![vec![
        "No".to_owned(),
        "NIP".to_owned(),
        "Nama".to_owned(),
        "Unit".to_owned(),
        format!("JP {year}"),
        "Kekurangan JP".to_owned(),
    ]];
    for (n, s) in rows_of.into_iter().enumerate() {
        let standing = YearStanding::of(CentiJp(s.total_centi));
        rows.push(vec![
            (n + 1).to_string(),
            s.nip,
            s.name,
            s.unit_name,
            standing.total.to_indonesian(),
            standing.shortfall.to_indonesian(),
        ]);
    }
    download(
        format_of_file(q.format.unwrap_or(FileFormat::Xlsx)),
        &format!("kekurangan-jp-{year}"),
        &format!("Kekurangan JP {year}"),
        &rows,
    )
}
