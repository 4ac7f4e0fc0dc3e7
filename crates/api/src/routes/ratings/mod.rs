//! Citizen service ratings (SKM, PermenPANRB 14/2017): each unit's signed rating link, the
//! satisfaction index per unit, per agency and per month, the flagged-responses queue, and (in
//! [`public`]) the citizen's side. The method is in docs/ratings.md.
//!
//! Numbers (NRR, IKM, score) are at full precision; clients round them to 2 decimals for
//! display. Periods are WIB calendar days.

pub mod public;

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use pembina_domain::accounts::{ApiScope, Role};
use pembina_domain::page::PageRequest;
use pembina_domain::ratings::{
    Answers, DateRange, Element, ReviewState as DReviewState, SampleTarget, SatisfactionIndex,
    Tallies, WaitingTimes, Weighting as DWeighting,
};
use pembina_persistence::repositories::ratings::{self as repo, Flagged, RatingUnit};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{
    AgeBand, Decision, Education, FlagReason, Grade, Occupation, Page, ReviewState, Sex, Weighting,
    stored,
};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::routes::learning::today;
use crate::startup::{AppState, actor};

/// Who reads indexes: administrators, and API keys with `ratings:read`.
const READERS: &[Role] = &[Role::SuperAdmin, Role::AgencyAdmin];

/// A respondent's profile: coarse categories only, nothing identifying.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RespondentBody {
    pub sex: Sex,
    pub age_band: AgeBand,
    pub education: Education,
    pub occupation: Occupation,
}

/// An element's code and its name in the regulation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ElementName {
    #[schema(example = "U1")]
    pub code: String,
    #[schema(example = "Persyaratan")]
    pub name: String,
}

impl ElementName {
    pub fn of(e: Element) -> Self {
        Self {
            code: e.as_str().to_owned(),
            name: e.name().to_owned(),
        }
    }
}

// ---------------------------------------------------------------- rating links

/// A unit's rating link, for its QR code.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingLinkResponse {
    pub org_unit_id: Uuid,
    /// The unit's public code: `{agency code}-{unit code}` (unit codes are unique only inside
    /// an agency).
    #[schema(example = "1771-PKM-JK")]
    pub code: String,
    /// The rating page: `{PEMBINA_PUBLIC_BASE_URL}/r/{code}?t={token}`.
    #[schema(example = "https://pembina.example/r/1771-PKM-JK?t=Qm9vbXNoYWthbGFrYTEyMz")]
    pub url: String,
    /// The link's token: 22 characters, valid until the link is rotated.
    pub token: String,
    /// How many times the link was issued (1 until the first rotation).
    pub version: i32,
}

fn link_response(state: &AppState, req: &HttpRequest, u: &RatingUnit) -> RatingLinkResponse {
    let base = match state.settings.public_base_url.trim() {
        "" => {
            let info = req.connection_info();
            format!("{}://{}", info.scheme(), info.host())
        }
        configured => configured.trim_end_matches('/').to_owned(),
    };
    let token = state.rating_keys.link_token(u.unit.id, u.link_version);
    let code = u.public_code().to_string();
    RatingLinkResponse {
        org_unit_id: u.unit.id,
        url: format!("{base}/r/{code}?t={token}"),
        code,
        token,
        version: u.link_version,
    }
}

/// A unit's rating link (for its QR code and poster).
///
/// **Who may call:** super_admin; agency_admin (units of their agency). Another agency's unit
/// answers 404.
#[utoipa::path(tag = "ratings", params(("id" = Uuid, Path)), responses((status = 200, body = RatingLinkResponse)), security(("bearer" = [])))]
#[get("/org-units/{id}/rating-link")]
pub async fn get_rating_link(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let u = repo::rating_unit(&state.db, auth.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(link_response(&state, &req, &u)))
}

/// Rotate a unit's rating link: every earlier link (and printed QR code) stops working at once;
/// the answer is the new link. Audited.
///
/// **Who may call:** super_admin; agency_admin (units of their agency).
#[utoipa::path(tag = "ratings", params(("id" = Uuid, Path)), responses((status = 200, body = RatingLinkResponse)), security(("bearer" = [])))]
#[post("/org-units/{id}/rating-link/rotate")]
pub async fn rotate_rating_link(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let u = repo::rotate_link(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(link_response(&state, &req, &u)))
}

/// Image format of a QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QrFormat {
    Png,
    Svg,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QrQuery {
    /// `png` (default) or `svg`.
    #[param(inline)]
    pub format: Option<QrFormat>,
    /// PNG: pixels per module, 1-40 (default 10, about 450 px); SVG: ignored (it scales).
    #[param(minimum = 1, maximum = 40)]
    pub scale: Option<u32>,
}

fn download(content_type: &str, file_name: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(bytes)
}

/// The QR code of a unit's rating link, as PNG or SVG (four modules of quiet zone, error
/// correction level Q).
///
/// **Who may call:** super_admin; agency_admin (units of their agency).
#[utoipa::path(tag = "ratings", params(("id" = Uuid, Path), QrQuery), responses((status = 200, description = "The QR code", content(("image/png"), ("image/svg+xml")))), security(("bearer" = [])))]
#[get("/org-units/{id}/rating-link/qr")]
pub async fn get_rating_qr(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    q: ValidQuery<QrQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let scale = q.0.scale.unwrap_or(10);
    if !(1..=40).contains(&scale) {
        return Err(ApiError::field(
            "scale",
            "out_of_range",
            "must be from 1 to 40",
        ));
    }
    let u = repo::rating_unit(&state.db, auth.scope(), id.into_inner()).await?;
    let link = link_response(&state, &req, &u);
    let too_long = || ApiError::internal("the rating link does not fit a QR code");
    Ok(match q.0.format.unwrap_or(QrFormat::Png) {
        QrFormat::Png => {
            let bytes = crate::qr::png(&link.url, scale as usize).ok_or_else(too_long)?;
            download("image/png", &format!("skm-{}.png", link.code), bytes)
        }
        QrFormat::Svg => {
            let svg = crate::qr::svg(&link.url, 300).ok_or_else(too_long)?;
            download(
                "image/svg+xml",
                &format!("skm-{}.svg", link.code),
                svg.into_bytes(),
            )
        }
    })
}

/// A unit's printable A4 poster (PDF): the unit's name, the QR code of its rating link and the
/// link in print, in Bahasa Indonesia.
///
/// **Who may call:** super_admin; agency_admin (units of their agency).
#[utoipa::path(tag = "ratings", params(("id" = Uuid, Path)), responses((status = 200, description = "The poster", content_type = "application/pdf")), security(("bearer" = [])))]
#[get("/org-units/{id}/rating-link/poster")]
pub async fn get_rating_poster(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let u = repo::rating_unit(&state.db, auth.scope(), id.into_inner()).await?;
    let link = link_response(&state, &req, &u);
    let pdf = crate::pdf::rating_poster(&crate::pdf::RatingPosterData {
        agency_name: u.agency.name.clone(),
        unit_name: u.unit.name.clone(),
        url: link.url,
    })
    .ok_or_else(|| ApiError::internal("the rating link does not fit a QR code"))?;
    Ok(download(
        "application/pdf",
        &format!("poster-skm-{}.pdf", link.code),
        pdf,
    ))
}

/// The people a unit serves per year.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServedPopulationRequest {
    /// People served per year (the population N of the sample size), 1-100,000,000; null when
    /// unknown.
    #[schema(minimum = 1, maximum = 100_000_000, example = 12000)]
    pub served_population: Option<i64>,
}

/// Maximum served population accepted.
const MAX_POPULATION: i64 = 100_000_000;

#[derive(Debug, Serialize, ToSchema)]
pub struct ServedPopulationResponse {
    pub org_unit_id: Uuid,
    pub served_population: Option<i64>,
    /// Respondents a period needs by Krejcie-Morgan; null without a population.
    pub sample_required: Option<u64>,
}

/// Set the people a unit serves per year, from which the sample size each period must reach
/// is computed (Krejcie-Morgan). Audited.
///
/// **Who may call:** super_admin; agency_admin (units of their agency).
#[utoipa::path(tag = "ratings", params(("id" = Uuid, Path)), request_body = ServedPopulationRequest, responses((status = 200, body = ServedPopulationResponse)), security(("bearer" = [])))]
#[put("/org-units/{id}/served-population")]
pub async fn put_served_population(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<ServedPopulationRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let n = body.0.served_population;
    if n.is_some_and(|n| !(1..=MAX_POPULATION).contains(&n)) {
        return Err(ApiError::field(
            "served_population",
            "out_of_range",
            format!("must be from 1 to {MAX_POPULATION}, or null"),
        ));
    }
    let u = repo::set_served_population(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        n,
    )
    .await?;
    Ok(HttpResponse::Ok().json(ServedPopulationResponse {
        org_unit_id: u.unit.id,
        served_population: u.served_population,
        sample_required: population(u.served_population)
            .map(pembina_domain::ratings::required_sample),
    }))
}

fn population(n: Option<i64>) -> Option<u64> {
    n.and_then(|n| u64::try_from(n).ok())
}

// ---------------------------------------------------------------- the index

/// One element's result.
#[derive(Debug, Serialize, ToSchema)]
pub struct ElementResponse {
    #[schema(example = "U1")]
    pub code: String,
    #[schema(example = "Persyaratan")]
    pub name: String,
    /// Sum of scores ÷ respondents who answered it (1-4); null when nobody did.
    pub nrr: Option<f64>,
    /// Respondents who answered it.
    pub answered: u64,
}

/// The index of a set of responses.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndexResponse {
    /// Responses counted (unflagged, or flagged and accepted).
    pub respondents: u64,
    /// All nine elements, U1 first.
    pub elements: Vec<ElementResponse>,
    /// The mean of the answered elements' NRRs (1-4); null without responses.
    pub ikm: Option<f64>,
    /// IKM × 25 (25-100).
    pub score: Option<f64>,
    pub grade: Option<Grade>,
    /// Sangat Baik, Baik, Kurang Baik or Tidak Baik.
    pub grade_label: Option<String>,
}

impl IndexResponse {
    fn of(t: &Tallies, w: DWeighting) -> Self {
        let i = SatisfactionIndex::compute(t, w);
        Self {
            respondents: i.respondents,
            elements: i
                .elements
                .iter()
                .map(|e| ElementResponse {
                    code: e.element.as_str().to_owned(),
                    name: e.element.name().to_owned(),
                    nrr: e.nrr,
                    answered: e.answered,
                })
                .collect(),
            ikm: i.ikm,
            score: i.score,
            grade: i.grade.map(Into::into),
            grade_label: i.grade.map(|g| g.label().to_owned()),
        }
    }
}

/// Respondents against the Krejcie-Morgan sample size of the unit's served population.
#[derive(Debug, Serialize, ToSchema)]
pub struct SampleTargetResponse {
    /// People served per year (as set for the unit).
    pub population: u64,
    /// Respondents needed.
    pub required: u64,
    /// Whether the period's respondents reach it.
    pub reached: bool,
}

fn sample_target(population_n: Option<i64>, respondents: u64) -> Option<SampleTargetResponse> {
    population(population_n).map(|n| {
        let t = SampleTarget::of(n, respondents);
        SampleTargetResponse {
            population: t.population,
            required: t.required,
            reached: t.reached,
        }
    })
}

/// Waiting times given with the counted ratings.
#[derive(Debug, Serialize, ToSchema)]
pub struct WaitingResponse {
    /// Ratings that gave a waiting time.
    pub count: u64,
    /// Minutes; with an even count the mean of the two middle values.
    pub median: f64,
    /// 90th percentile by nearest rank (the value at rank ⌈0.9·n⌉), minutes.
    pub p90: u32,
}

/// The period and weighting of an index.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SatisfactionQuery {
    /// A year (`2026`), semester (`2026-S1`), quarter (`2026-Q3`) or month (`2026-07`); or give
    /// `from` and `to`. Neither: the current year.
    pub period: Option<String>,
    /// First day (WIB), with `to`; at most five years.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
    /// `exact` (default) or `compat_0_11`, the regulation's printed weight, labelled as such.
    pub weighting: Option<Weighting>,
}

impl SatisfactionQuery {
    fn range(&self) -> Result<DateRange, ApiError> {
        DateRange::resolve(self.period.as_deref(), self.from, self.to, today()).map_err(Into::into)
    }

    fn weighting(&self) -> DWeighting {
        self.weighting.map_or(DWeighting::Exact, Into::into)
    }
}

/// A unit's satisfaction index over a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct SatisfactionResponse {
    pub org_unit_id: Uuid,
    pub unit_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// `exact`, or `compat_0_11` when asked for (about 1 % low: not the regulation's intent).
    pub weighting: Weighting,
    #[serde(flatten)]
    pub index: IndexResponse,
    /// Null until the unit's served population is set.
    pub sample_target: Option<SampleTargetResponse>,
    /// Flagged responses of the period waiting for review (not in the index).
    pub flagged_pending: u64,
    /// Null when no counted rating gave a waiting time.
    pub waiting: Option<WaitingResponse>,
}

/// A unit's satisfaction index (IKM) over a period: NRR per element, IKM, converted score and
/// grade, respondents against the sample size, waiting times, and the flagged responses still
/// pending (not counted).
///
/// **Who may call:** super_admin; agency_admin (units of their agency); API keys with
/// `ratings:read`. Another agency's unit answers 404.
#[utoipa::path(tag = "ratings", params(("id" = Uuid, Path), SatisfactionQuery), responses((status = 200, body = SatisfactionResponse)), security(("bearer" = [])))]
#[get("/org-units/{id}/satisfaction")]
pub async fn get_unit_satisfaction(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    q: ValidQuery<SatisfactionQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::RatingsRead, READERS)?;
    let (range, weighting) = (q.0.range()?, q.0.weighting());
    let s = repo::unit_satisfaction(&state.db, auth.scope(), id.into_inner(), &range).await?;
    let index = IndexResponse::of(&s.tallies, weighting);
    Ok(HttpResponse::Ok().json(SatisfactionResponse {
        org_unit_id: s.unit.unit.id,
        unit_name: s.unit.unit.name,
        from: range.from,
        to: range.to,
        weighting: weighting.into(),
        sample_target: sample_target(s.unit.served_population, index.respondents),
        index,
        flagged_pending: s.flagged_pending,
        waiting: WaitingTimes::from_histogram(&s.waiting).map(|w| WaitingResponse {
            count: w.count,
            median: w.median,
            p90: w.p90,
        }),
    }))
}

/// One unit in an agency's overview.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitSatisfactionRow {
    pub org_unit_id: Uuid,
    pub code: String,
    pub name: String,
    #[serde(flatten)]
    pub index: IndexResponse,
    pub sample_target: Option<SampleTargetResponse>,
    pub flagged_pending: u64,
}

/// An agency's satisfaction over a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencySatisfactionResponse {
    pub agency_id: Uuid,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub weighting: Weighting,
    /// Every counted response of the agency's units pooled: NRR per element over all of them.
    pub overall: IndexResponse,
    /// Every active service unit, and any other unit with responses in the period, in the order
    /// of the unit tree.
    pub units: Vec<UnitSatisfactionRow>,
    pub flagged_pending: u64,
}

/// An agency's satisfaction over a period: each service unit's index, and the agency's over
/// all their responses pooled.
///
/// **Who may call:** super_admin; agency_admin (their agency); API keys with `ratings:read`.
/// Another agency answers 404.
#[utoipa::path(tag = "ratings", params(("id" = Uuid, Path), SatisfactionQuery), responses((status = 200, body = AgencySatisfactionResponse)), security(("bearer" = [])))]
#[get("/agencies/{id}/satisfaction")]
pub async fn get_agency_satisfaction(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    q: ValidQuery<SatisfactionQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::RatingsRead, READERS)?;
    let (range, weighting) = (q.0.range()?, q.0.weighting());
    let (agency, rows) =
        repo::agency_satisfaction(&state.db, auth.scope(), id.into_inner(), &range).await?;
    let mut overall = Tallies::default();
    let mut pending = 0;
    let units = rows
        .into_iter()
        .map(|r| {
            overall.merge(&r.tallies);
            pending += r.flagged_pending;
            UnitSatisfactionRow {
                org_unit_id: r.unit.id,
                code: r.unit.code,
                name: r.unit.name,
                sample_target: sample_target(r.served_population, r.tallies.respondents),
                index: IndexResponse::of(&r.tallies, weighting),
                flagged_pending: r.flagged_pending,
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(AgencySatisfactionResponse {
        agency_id: agency.id,
        from: range.from,
        to: range.to,
        weighting: weighting.into(),
        overall: IndexResponse::of(&overall, weighting),
        units,
        flagged_pending: pending,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrendQuery {
    /// The year, 2000-2100; the current year when absent.
    pub year: Option<i64>,
    /// `exact` (default) or `compat_0_11`.
    pub weighting: Option<Weighting>,
}

/// One month of a trend.
#[derive(Debug, Serialize, ToSchema)]
pub struct MonthSatisfaction {
    #[schema(example = "2026-07")]
    pub month: String,
    pub respondents: u64,
    pub ikm: Option<f64>,
    pub score: Option<f64>,
    pub grade: Option<Grade>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SatisfactionTrendResponse {
    pub org_unit_id: Uuid,
    pub year: i32,
    pub weighting: Weighting,
    /// Twelve months, January first; months without responses have null scores.
    pub months: Vec<MonthSatisfaction>,
}

/// A unit's index per month of a year (WIB months).
///
/// **Who may call:** super_admin; agency_admin (units of their agency); API keys with
/// `ratings:read`.
#[utoipa::path(tag = "ratings", params(("id" = Uuid, Path), TrendQuery), responses((status = 200, body = SatisfactionTrendResponse)), security(("bearer" = [])))]
#[get("/org-units/{id}/satisfaction/trend")]
pub async fn get_unit_satisfaction_trend(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    q: ValidQuery<TrendQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::RatingsRead, READERS)?;
    let year = match q.0.year {
        Some(y) => i32::try_from(y).unwrap_or(i32::MIN),
        None => today().year(),
    };
    let range = DateRange::year(year)?;
    let weighting = q.0.weighting.map_or(DWeighting::Exact, Into::into);
    let unit = repo::rating_unit(&state.db, auth.scope(), id.into_inner()).await?;
    let mut by_month = repo::monthly_tallies(&state.db, unit.unit.id, &range).await?;
    let months = (1..=12)
        .map(|m| {
            let t = by_month.remove(&(year * 100 + m)).unwrap_or_default();
            let i = SatisfactionIndex::compute(&t, weighting);
            MonthSatisfaction {
                month: format!("{year}-{m:02}"),
                respondents: i.respondents,
                ikm: i.ikm,
                score: i.score,
                grade: i.grade.map(Into::into),
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(SatisfactionTrendResponse {
        org_unit_id: unit.unit.id,
        year,
        weighting: weighting.into(),
        months,
    }))
}

// ---------------------------------------------------------------- flagged responses

/// A flagged rating, as administrators review it (its address hash is never shown).
#[derive(Debug, Serialize, ToSchema)]
pub struct FlaggedRatingResponse {
    pub id: Uuid,
    pub org_unit_id: Uuid,
    pub unit_code: String,
    pub unit_name: String,
    pub submitted_at: DateTime<Utc>,
    pub flag_reason: FlagReason,
    pub review_state: ReviewState,
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Scores by element code (elements not applicable are absent).
    #[schema(value_type = BTreeMap<String, u8>)]
    pub answers: BTreeMap<String, u8>,
    pub service_type: String,
    pub respondent: RespondentBody,
    pub comment: Option<String>,
    pub waiting_minutes: Option<i16>,
    pub ticket: Option<String>,
}

impl TryFrom<Flagged> for FlaggedRatingResponse {
    type Error = ApiError;
    fn try_from(f: Flagged) -> Result<Self, ApiError> {
        let r = f.rating;
        let (reason, state) = repo::flag_of(&r)?
            .ok_or_else(|| ApiError::internal("an unflagged rating in the flag queue"))?;
        let answers = Answers::from_scores([r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9])
            .ok_or_else(|| ApiError::internal("stored scores"))?
            .iter()
            .map(|(e, s)| (e.as_str().to_owned(), s))
            .collect();
        Ok(Self {
            id: r.id,
            org_unit_id: f.unit.id,
            unit_code: f.unit.code,
            unit_name: f.unit.name,
            submitted_at: r.submitted_at,
            flag_reason: reason.into(),
            review_state: state.into(),
            reviewed_at: r.reviewed_at,
            answers,
            respondent: RespondentBody {
                sex: stored(&r.sex)?,
                age_band: stored(&r.age_band)?,
                education: stored(&r.education)?,
                occupation: stored(&r.occupation)?,
            },
            service_type: r.service_type,
            comment: r.comment,
            waiting_minutes: r.waiting_minutes,
            ticket: r.ticket,
        })
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListFlagsQuery {
    /// pending (default), accepted or rejected.
    pub status: Option<ReviewState>,
    /// Only this unit's.
    pub org_unit_id: Option<Uuid>,
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
}

/// Flagged ratings (honeypot, bursts), newest first: by default those waiting for review, which
/// the index leaves out until accepted.
///
/// **Who may call:** super_admin; agency_admin (their agency's).
#[utoipa::path(tag = "ratings", params(ListFlagsQuery), responses((status = 200, body = Page<FlaggedRatingResponse>)), security(("bearer" = [])))]
#[get("/rating-flags")]
pub async fn list_rating_flags(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListFlagsQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let status = q.status.map_or(DReviewState::Pending, Into::into);
    let p = repo::list_flagged(&state.db, auth.scope(), status, q.org_unit_id, page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(p, FlaggedRatingResponse::try_from)?))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRatingRequest {
    pub decision: Decision,
}

/// Decide on a flagged rating: `accept` counts it in the index, `reject` keeps it out (it is
/// never deleted). A decision may be changed later; each is audited. 409 `not_flagged` for a
/// rating that was never flagged.
///
/// **Who may call:** super_admin; agency_admin (their agency's ratings).
#[utoipa::path(tag = "ratings", params(("id" = Uuid, Path)), request_body = ReviewRatingRequest, responses((status = 200, body = FlaggedRatingResponse)), security(("bearer" = [])))]
#[post("/ratings/{id}/review")]
pub async fn review_rating(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<ReviewRatingRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let f = repo::review(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        body.0.decision.into(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(FlaggedRatingResponse::try_from(f)?))
}
