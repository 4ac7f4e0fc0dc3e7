//! The curriculum: programmes aimed at competencies and positions, their modules with materials
//! (uploaded files or links) and tests; and their sessions (angkatan).

use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use futures_util::StreamExt;
use pembina_domain::accounts::{ApiScope, Role};
use pembina_domain::learning::programme::{NewModule, NewProgramme, ProgrammeInput, check_link};
use pembina_domain::learning::quiz::{Question as DQuestion, QuizSpec};
use pembina_domain::learning::session::{NewSession, SessionInput};
use pembina_domain::page::PageRequest;
use pembina_persistence::entities::{module_materials, programme_modules, programme_tests};
use pembina_persistence::repositories::learning as learning_repo;
use pembina_persistence::repositories::programmes::{
    self as repo, NewMaterial, Programme, ProgrammeDetail, ProgrammeFilter, Session, SessionFilter,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{
    ActivityKind, Delivery, DevelopmentForm, Page, ProgrammeStatus, TestKind, stored,
};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor, target_agency};
use crate::storage::StorageError;

/// Who manages the curriculum and sessions.
const ADMINS: &[Role] = &[Role::SuperAdmin, Role::AgencyAdmin];
/// Who may read the curriculum and run sessions (attendance).
const STAFF: &[Role] = &[Role::SuperAdmin, Role::AgencyAdmin, Role::Trainer];

// ---------------------------------------------------------------- shapes

#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyTargetResponse {
    pub competency_id: Uuid,
    /// 1-5: the level participants should reach.
    pub level: u8,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub code: String,
    pub title: String,
    pub objectives: Option<String>,
    pub activity_kind: ActivityKind,
    /// Follows from the kind.
    pub form: DevelopmentForm,
    /// Learning hours credited on completion.
    pub jp: i32,
    pub competencies: Vec<CompetencyTargetResponse>,
    /// Empty: open to every position.
    pub position_ids: Vec<Uuid>,
    /// Empty: open to every unit.
    pub org_unit_ids: Vec<Uuid>,
    pub self_registration: bool,
    /// Classroom and online sessions: the attendance needed to complete, in %.
    pub min_attendance_percent: i32,
    /// Whether passing the post-test (when there is one) is needed to complete.
    pub require_post_test: bool,
    pub status: ProgrammeStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<Programme> for ProgrammeResponse {
    type Error = ApiError;
    fn try_from(p: Programme) -> Result<Self, ApiError> {
        let m = p.programme;
        Ok(Self {
            id: m.id,
            agency_id: m.agency_id,
            code: m.code,
            title: m.title,
            objectives: m.objectives,
            activity_kind: stored::<pembina_domain::competency::plan::ActivityKind>(
                &m.activity_kind,
            )?
            .into(),
            form: stored::<pembina_domain::competency::plan::DevelopmentForm>(&m.form)?.into(),
            jp: m.jp,
            competencies: p
                .competencies
                .into_iter()
                .map(|c| CompetencyTargetResponse {
                    competency_id: c.competency_id,
                    level: c.level.clamp(1, 5) as u8,
                })
                .collect(),
            position_ids: p.position_ids,
            org_unit_ids: p.org_unit_ids,
            self_registration: m.self_registration,
            min_attendance_percent: m.min_attendance_percent,
            require_post_test: m.require_post_test,
            status: stored::<pembina_domain::learning::programme::ProgrammeStatus>(&m.status)?
                .into(),
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MaterialResponse {
    pub id: Uuid,
    pub module_id: Uuid,
    pub seq: i32,
    pub title: String,
    /// `file` (download at `download_path`) or `link` (open `url`).
    pub kind: String,
    pub url: Option<String>,
    /// For files: the API path that serves the content to authorised callers.
    pub download_path: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub size_bytes: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl From<module_materials::Model> for MaterialResponse {
    fn from(m: module_materials::Model) -> Self {
        Self {
            download_path: (m.kind == "file")
                .then(|| format!("/api/v1/materials/{}/content", m.id)),
            id: m.id,
            module_id: m.module_id,
            seq: m.seq,
            title: m.title,
            kind: m.kind,
            url: m.url,
            file_name: m.file_name,
            content_type: m.content_type,
            size_bytes: m.size_bytes,
            created_at: m.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleResponse {
    pub id: Uuid,
    pub programme_id: Uuid,
    /// Position in the programme, from 1.
    pub seq: i32,
    pub title: String,
    pub summary: Option<String>,
    /// Expected study time.
    pub minutes: i32,
    pub materials: Vec<MaterialResponse>,
}

fn module_response(
    m: programme_modules::Model,
    materials: Vec<module_materials::Model>,
) -> ModuleResponse {
    ModuleResponse {
        id: m.id,
        programme_id: m.programme_id,
        seq: m.seq,
        title: m.title,
        summary: m.summary,
        minutes: m.minutes,
        materials: materials.into_iter().map(Into::into).collect(),
    }
}

/// A question as written by the programme's editor, with its answer key.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    #[schema(example = "Apa tujuan utama rencana manajemen risiko proyek?")]
    pub prompt: String,
    /// 2-10 choices.
    pub choices: Vec<String>,
    /// Indexes (from 0) of the right choices.
    pub correct: Vec<u8>,
    /// Whether several choices may be picked (all right ones, and only those, score).
    #[serde(default)]
    pub multiple: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TestResponse {
    pub id: Uuid,
    pub programme_id: Uuid,
    /// Set for a module's quiz.
    pub module_id: Option<Uuid>,
    pub kind: TestKind,
    /// 0-100: the percentage of right answers that passes.
    pub pass_mark: i32,
    pub questions: Vec<Question>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<programme_tests::Model> for TestResponse {
    type Error = ApiError;
    fn try_from(t: programme_tests::Model) -> Result<Self, ApiError> {
        let quiz = repo::quiz_of(&t)?;
        Ok(Self {
            id: t.id,
            programme_id: t.programme_id,
            module_id: t.module_id,
            kind: stored::<pembina_domain::learning::quiz::TestKind>(&t.kind)?.into(),
            pass_mark: t.pass_mark,
            questions: quiz
                .questions
                .into_iter()
                .map(|q| Question {
                    prompt: q.prompt,
                    choices: q.choices,
                    correct: q.correct,
                    multiple: q.multiple,
                })
                .collect(),
            updated_at: t.updated_at,
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeDetailResponse {
    #[serde(flatten)]
    pub programme: ProgrammeResponse,
    pub modules: Vec<ModuleResponse>,
    /// The pre- and post-test and the modules' quizzes, with answer keys.
    pub tests: Vec<TestResponse>,
}

impl TryFrom<ProgrammeDetail> for ProgrammeDetailResponse {
    type Error = ApiError;
    fn try_from(d: ProgrammeDetail) -> Result<Self, ApiError> {
        Ok(Self {
            programme: d.programme.try_into()?,
            modules: d
                .modules
                .into_iter()
                .map(|m| module_response(m.module, m.materials))
                .collect(),
            tests: d
                .tests
                .into_iter()
                .map(TryInto::try_into)
                .collect::<Result<_, _>>()?,
        })
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetencyTargetRequest {
    pub competency_id: Uuid,
    /// 1-5.
    pub level: i64,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeRequest {
    /// Super admins must name the agency (on create); agency admins always use their own.
    pub agency_id: Option<Uuid>,
    /// Unique within the agency: letters, digits, '.', '-', '_' (stored upper case).
    #[schema(example = "PM-INFRA-01")]
    pub code: String,
    #[schema(example = "Manajemen Proyek Infrastruktur")]
    pub title: String,
    pub objectives: Option<String>,
    pub activity_kind: ActivityKind,
    /// 1-1000 learning hours.
    #[schema(example = 24)]
    pub jp: i64,
    #[serde(default)]
    pub competencies: Vec<CompetencyTargetRequest>,
    #[serde(default)]
    pub position_ids: Vec<Uuid>,
    #[serde(default)]
    pub org_unit_ids: Vec<Uuid>,
    #[serde(default)]
    pub self_registration: bool,
    /// 0-100, default 80.
    pub min_attendance_percent: Option<i64>,
    #[serde(default)]
    pub require_post_test: bool,
    /// Default draft.
    pub status: Option<ProgrammeStatus>,
}

impl ProgrammeRequest {
    fn parse(self) -> Result<NewProgramme, ApiError> {
        Ok(NewProgramme::parse(ProgrammeInput {
            code: self.code,
            title: self.title,
            objectives: self.objectives,
            activity_kind: self.activity_kind.into(),
            jp: self.jp,
            competencies: self
                .competencies
                .into_iter()
                .map(|c| (c.competency_id, c.level))
                .collect(),
            position_ids: self.position_ids,
            org_unit_ids: self.org_unit_ids,
            self_registration: self.self_registration,
            min_attendance_percent: self.min_attendance_percent,
            require_post_test: self.require_post_test,
            status: self.status.unwrap_or(ProgrammeStatus::Draft).into(),
        })?)
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListProgrammesQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    /// Super admins: only this agency.
    pub agency_id: Option<Uuid>,
    pub status: Option<ProgrammeStatus>,
    /// Programmes that raise this competency.
    pub competency_id: Option<Uuid>,
    /// Text in the title or code.
    pub q: Option<String>,
}

// ---------------------------------------------------------------- programmes

/// Programmes, by title.
///
/// **Who may call:** super_admin; agency_admin and trainer (their agency); API keys with
/// `learning:read`.
#[utoipa::path(tag = "learning", params(ListProgrammesQuery), responses((status = 200, body = Page<ProgrammeResponse>)), security(("bearer" = [])))]
#[get("/programmes")]
pub async fn list_programmes(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListProgrammesQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::LearningRead, STAFF)?;
    let q = q.0;
    let page = repo::list_programmes(
        &state.db,
        auth.scope(),
        ProgrammeFilter {
            agency_id: q.agency_id,
            status: q.status.map(Into::into),
            competency_id: q.competency_id,
            q: q.q,
        },
        PageRequest::parse(q.page, q.per_page)?,
    )
    .await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(page, ProgrammeResponse::try_from)?))
}

/// Creates a programme (draft unless `status` says otherwise).
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (their agency).
#[utoipa::path(tag = "learning", request_body = ProgrammeRequest, responses((status = 201, body = ProgrammeResponse), (status = 409, description = "Code taken")), security(("bearer" = [])))]
#[post("/programmes")]
pub async fn create_programme(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    body: ValidJson<ProgrammeRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let body = body.0;
    let agency = target_agency(&state, &auth, body.agency_id).await?;
    let p = body.parse()?;
    let out = repo::create_programme(&state.db, &actor(&auth, &req), agency, p).await?;
    Ok(HttpResponse::Created().json(ProgrammeResponse::try_from(out)?))
}

/// A programme with its modules, materials and tests (answer keys included).
///
/// **Who may call:** super_admin; agency_admin and trainer (their agency); API keys with
/// `learning:read`.
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, body = ProgrammeDetailResponse), (status = 404)), security(("bearer" = [])))]
#[get("/programmes/{id}")]
pub async fn get_programme(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::LearningRead, STAFF)?;
    let d = repo::get_programme_detail(&state.db, auth.scope(), *id).await?;
    Ok(HttpResponse::Ok().json(ProgrammeDetailResponse::try_from(d)?))
}

/// Replaces a programme's fields, targets and audience.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), request_body = ProgrammeRequest, responses((status = 200, body = ProgrammeResponse), (status = 404), (status = 409)), security(("bearer" = [])))]
#[put("/programmes/{id}")]
pub async fn update_programme(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidJson<ProgrammeRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let p = body.0.parse()?;
    let out = repo::update_programme(&state.db, &actor(&auth, &req), auth.scope(), *id, p).await?;
    Ok(HttpResponse::Ok().json(ProgrammeResponse::try_from(out)?))
}

// ---------------------------------------------------------------- modules

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModuleRequest {
    #[schema(example = "Modul 1: Perencanaan Proyek")]
    pub title: String,
    pub summary: Option<String>,
    /// 1-10000 minutes of study.
    #[schema(example = 90)]
    pub minutes: i64,
}

/// Adds a module at the end of a programme.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), request_body = ModuleRequest, responses((status = 201, body = ModuleResponse), (status = 404)), security(("bearer" = [])))]
#[post("/programmes/{id}/modules")]
pub async fn add_module(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidJson<ModuleRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let b = body.0;
    let m = NewModule::parse(b.title, b.summary, b.minutes)?;
    let out = repo::add_module(&state.db, &actor(&auth, &req), auth.scope(), *id, m).await?;
    Ok(HttpResponse::Created().json(module_response(out, Vec::new())))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModuleOrderRequest {
    /// Every module of the programme, once, in the new order.
    pub module_ids: Vec<Uuid>,
}

/// Puts a programme's modules in a new order.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), request_body = ModuleOrderRequest, responses((status = 200, body = Vec<ModuleResponse>), (status = 404), (status = 422)), security(("bearer" = [])))]
#[put("/programmes/{id}/module-order")]
pub async fn reorder_modules(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidJson<ModuleOrderRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let out = repo::reorder_modules(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        *id,
        body.0.module_ids,
    )
    .await?;
    Ok(HttpResponse::Ok().json(
        out.into_iter()
            .map(|m| module_response(m, Vec::new()))
            .collect::<Vec<_>>(),
    ))
}

/// Changes a module's title, summary or study time.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), request_body = ModuleRequest, responses((status = 200, body = ModuleResponse), (status = 404)), security(("bearer" = [])))]
#[put("/programme-modules/{id}")]
pub async fn update_module(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidJson<ModuleRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let b = body.0;
    let m = NewModule::parse(b.title, b.summary, b.minutes)?;
    let out = repo::update_module(&state.db, &actor(&auth, &req), auth.scope(), *id, m).await?;
    Ok(HttpResponse::Ok().json(module_response(out, Vec::new())))
}

/// Deletes a module nobody has started, with its materials (files included) and quiz.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 204), (status = 404), (status = 409, description = "Participants have started it")), security(("bearer" = [])))]
#[delete("/programme-modules/{id}")]
pub async fn delete_module(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let keys = repo::delete_module(&state.db, &actor(&auth, &req), auth.scope(), *id).await?;
    for k in keys {
        remove_file(&state, &k).await;
    }
    Ok(HttpResponse::NoContent().finish())
}

// ---------------------------------------------------------------- materials

async fn remove_file(state: &AppState, key: &str) {
    if let Err(e) = state.storage.delete(key).await {
        // The row is gone; an orphaned file wastes space but exposes nothing.
        tracing::warn!(key, error = %e, "could not delete a stored file");
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkMaterialRequest {
    #[schema(example = "Video: menyusun jadwal proyek")]
    pub title: String,
    /// An http(s) address.
    #[schema(example = "https://elearning.bengkuluprov.go.id/video/jadwal")]
    pub url: String,
}

/// Adds a link to a module.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), request_body = LinkMaterialRequest, responses((status = 201, body = MaterialResponse), (status = 404), (status = 422)), security(("bearer" = [])))]
#[post("/programme-modules/{id}/links")]
pub async fn add_link(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidJson<LinkMaterialRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let b = body.0;
    let url = check_link("url", &b.url).map_err(|e| ApiError::validation(vec![e]))?;
    let out = repo::add_material(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        *id,
        b.title,
        NewMaterial::Link { url },
    )
    .await?;
    Ok(HttpResponse::Created().json(MaterialResponse::from(out)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// Shown to learners; defaults to the file name.
    pub title: Option<String>,
    /// The file's name, e.g. `modul-1.pdf`.
    pub file_name: String,
}

/// File types accepted as materials (and as SKP evidence files): documents, slides, video, audio
/// and images.
pub(crate) const ACCEPTED: &[&str] = &[
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint",
    "application/msword",
    "video/mp4",
    "video/webm",
    "audio/mpeg",
    "image/png",
    "image/jpeg",
    "text/plain",
];

/// Uploads a file to a module: the body is the file itself, with its `Content-Type` (PDF,
/// slides, documents, MP4/WebM video, MP3, PNG/JPEG, plain text), at most the configured size
/// (`PEMBINA_STORAGE__MAX_UPLOAD_MB`, default 200 MB).
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path), UploadQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file"), responses((status = 201, body = MaterialResponse), (status = 404), (status = 413), (status = 415), (status = 422)), security(("bearer" = [])))]
#[post("/programme-modules/{id}/files")]
pub async fn upload_file(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    q: ValidQuery<UploadQuery>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let q = q.0;
    // The module must be ours before anything is read or stored.
    repo::get_module(&state.db, auth.scope(), *id).await?;
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    if !ACCEPTED.contains(&content_type.as_str()) {
        return Err(ApiError::new(
            actix_web::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Unsupported file type",
            format!("accepted types: {}", ACCEPTED.join(", ")),
        ));
    }
    let file_name = q.file_name.trim().replace(['/', '\\', '"'], "_");
    if file_name.is_empty() || file_name.chars().count() > 255 {
        return Err(ApiError::field(
            "file_name",
            "invalid",
            "needs 1 to 255 characters",
        ));
    }
    let max = state.storage.max_bytes();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::bad_request("bad_body", e.to_string()))?;
        if (body.len() + chunk.len()) as u64 > max {
            return Err(ApiError::new(
                actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "File too large",
                format!("files may be at most {} MB", max / (1024 * 1024)),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    if body.is_empty() {
        return Err(ApiError::bad_request("empty_body", "the file is empty"));
    }
    let size = body.len() as i64;
    let key = format!("materials/{}", Uuid::now_v7());
    state
        .storage
        .put(&key, body.freeze())
        .await
        .map_err(ApiError::internal)?;
    let result = repo::add_material(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        *id,
        q.title.unwrap_or_else(|| file_name.clone()),
        NewMaterial::File {
            storage_key: key.clone(),
            file_name,
            content_type,
            size_bytes: size,
        },
    )
    .await;
    match result {
        Ok(m) => Ok(HttpResponse::Created().json(MaterialResponse::from(m))),
        Err(e) => {
            // Nothing refers to the stored file: remove it so a failed upload leaves nothing.
            remove_file(&state, &key).await;
            Err(e.into())
        }
    }
}

/// Deletes a material (and its stored file).
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 204), (status = 404)), security(("bearer" = [])))]
#[delete("/materials/{id}")]
pub async fn delete_material(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    if let Some(k) =
        repo::delete_material(&state.db, &actor(&auth, &req), auth.scope(), *id).await?
    {
        remove_file(&state, &k).await;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Streams a material's file.
///
/// **Who may call:** super_admin; agency_admin and trainer (their agency); an employee holding a
/// place (enrolled or completed) in a session of the material's programme. Anyone else gets 404.
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404)), security(("bearer" = [])))]
#[get("/materials/{id}/content")]
pub async fn download_material(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let staff = STAFF.iter().any(|r| auth.has(*r));
    let (material, module) = if staff {
        repo::get_material(&state.db, auth.scope(), *id).await?
    } else {
        let me = auth.employee_id.ok_or(ApiError::not_found("material"))?;
        let (material, module) = repo::get_material(
            &state.db,
            pembina_domain::accounts::Scope::Agency(auth.agency_id.unwrap_or_default()),
            *id,
        )
        .await?;
        if !learning_repo::holds_place_in(&state.db, me, module.programme_id).await? {
            return Err(ApiError::not_found("material"));
        }
        (material, module)
    };
    let _ = module;
    let Some(key) = material.storage_key else {
        return Err(ApiError::not_found("material"));
    };
    let (size, stream) = state.storage.get(&key).await.map_err(|e| match e {
        StorageError::NotFound => ApiError::not_found("material"),
        other => ApiError::internal(other),
    })?;
    let name = material.file_name.unwrap_or_else(|| "materi".into());
    Ok(HttpResponse::Ok()
        .content_type(
            material
                .content_type
                .unwrap_or_else(|| "application/octet-stream".into()),
        )
        .insert_header((
            CONTENT_DISPOSITION,
            format!("inline; filename=\"{}\"", name.replace('"', "_")),
        ))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .no_chunking(size)
        .streaming(
            stream
                .map(|r| r.map_err(|e| actix_web::error::ErrorInternalServerError(e.to_string()))),
        ))
}

// ---------------------------------------------------------------- tests

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TestRequest {
    /// 0-100 % of right answers to pass.
    #[schema(example = 70)]
    pub pass_mark: i64,
    /// 1-100 questions.
    pub questions: Vec<Question>,
}

impl TestRequest {
    fn parse(self) -> Result<QuizSpec, ApiError> {
        Ok(QuizSpec::parse(
            self.pass_mark,
            self.questions
                .into_iter()
                .map(|q| DQuestion {
                    prompt: q.prompt,
                    choices: q.choices,
                    correct: q.correct,
                    multiple: q.multiple,
                })
                .collect(),
        )?)
    }
}

/// Sets the programme's pre-test or post-test (`kind` = `pre` or `post`), replacing its
/// questions. Attempts already made keep their scores.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path), ("kind" = TestKind, Path)), request_body = TestRequest, responses((status = 200, body = TestResponse), (status = 404), (status = 422)), security(("bearer" = [])))]
#[put("/programmes/{id}/tests/{kind}")]
pub async fn put_programme_test(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    path: web::Path<(Uuid, String)>,
    body: ValidJson<TestRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let (id, kind) = path.into_inner();
    let kind = match kind.as_str() {
        "pre" => pembina_domain::learning::quiz::TestKind::Pre,
        "post" => pembina_domain::learning::quiz::TestKind::Post,
        _ => {
            return Err(ApiError::field(
                "kind",
                "unknown_value",
                "must be pre or post (a module's quiz is set on the module)",
            ));
        }
    };
    let quiz = body.0.parse()?;
    let t = repo::put_test(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id,
        kind,
        None,
        quiz,
    )
    .await?;
    Ok(HttpResponse::Ok().json(TestResponse::try_from(t)?))
}

/// Sets a module's quiz: learners must pass it to finish the module.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), request_body = TestRequest, responses((status = 200, body = TestResponse), (status = 404), (status = 422)), security(("bearer" = [])))]
#[put("/programme-modules/{id}/quiz")]
pub async fn put_module_quiz(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidJson<TestRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let quiz = body.0.parse()?;
    let (module, _) = repo::get_module(&state.db, auth.scope(), *id).await?;
    let t = repo::put_test(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        module.programme_id,
        pembina_domain::learning::quiz::TestKind::Module,
        Some(module.id),
        quiz,
    )
    .await?;
    Ok(HttpResponse::Ok().json(TestResponse::try_from(t)?))
}

// ---------------------------------------------------------------- sessions

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub programme_id: Uuid,
    pub programme_title: String,
    #[schema(example = "Angkatan I 2026")]
    pub name: String,
    pub delivery: Delivery,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub trainers: Vec<String>,
    /// `null`: no limit.
    pub capacity: Option<i32>,
    pub self_registration: bool,
    /// Days attendance is taken on (0 for e-learning).
    pub days: u32,
    pub enrolled: u64,
    pub waitlisted: u64,
    pub completed: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<Session> for SessionResponse {
    type Error = ApiError;
    fn try_from(s: Session) -> Result<Self, ApiError> {
        let m = s.session;
        let delivery: pembina_domain::learning::session::Delivery = stored(&m.delivery)?;
        Ok(Self {
            days: pembina_domain::learning::session::session_days(
                delivery,
                m.start_date,
                m.end_date,
            ),
            id: m.id,
            agency_id: m.agency_id,
            programme_id: m.programme_id,
            programme_title: s.programme_title,
            name: m.name,
            delivery: delivery.into(),
            start_date: m.start_date,
            end_date: m.end_date,
            place: m.place,
            online_url: m.online_url,
            trainers: serde_json::from_str(&m.trainers).unwrap_or_default(),
            capacity: m.capacity,
            self_registration: m.self_registration,
            enrolled: s.enrolled,
            waitlisted: s.waitlisted,
            completed: s.completed,
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionRequest {
    /// On create only: the programme this session runs.
    pub programme_id: Option<Uuid>,
    #[schema(example = "Angkatan I 2026")]
    pub name: String,
    pub delivery: Delivery,
    /// Required for classroom and online sessions.
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// Required for classroom sessions.
    #[schema(example = "Aula BPSDM Provinsi Bengkulu")]
    pub place: Option<String>,
    /// Required for online sessions.
    pub online_url: Option<String>,
    #[serde(default)]
    pub trainers: Vec<String>,
    /// 1-100000; absent: no limit.
    pub capacity: Option<i64>,
    /// Whether employees may register themselves.
    #[serde(default)]
    pub self_registration: bool,
}

impl SessionRequest {
    fn parse(self) -> Result<NewSession, ApiError> {
        Ok(NewSession::parse(SessionInput {
            name: self.name,
            delivery: self.delivery.into(),
            start_date: self.start_date,
            end_date: self.end_date,
            place: self.place,
            online_url: self.online_url,
            trainers: self.trainers,
            capacity: self.capacity,
            self_registration: self.self_registration,
        })?)
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListSessionsQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    /// Super admins: only this agency.
    pub agency_id: Option<Uuid>,
    pub programme_id: Option<Uuid>,
    /// Sessions still running on or after this day (open-ended e-learning always).
    pub from: Option<NaiveDate>,
    /// Sessions starting on or before this day.
    pub to: Option<NaiveDate>,
}

/// Sessions, latest start first.
///
/// **Who may call:** super_admin; agency_admin and trainer (their agency); API keys with
/// `learning:read`.
#[utoipa::path(tag = "learning", params(ListSessionsQuery), responses((status = 200, body = Page<SessionResponse>)), security(("bearer" = [])))]
#[get("/sessions")]
pub async fn list_sessions(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListSessionsQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::LearningRead, STAFF)?;
    let q = q.0;
    let page = repo::list_sessions(
        &state.db,
        auth.scope(),
        SessionFilter {
            agency_id: q.agency_id,
            programme_id: q.programme_id,
            from: q.from,
            to: q.to,
            open_for_registration: false,
        },
        PageRequest::parse(q.page, q.per_page)?,
    )
    .await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(page, SessionResponse::try_from)?))
}

/// Creates a session of a programme (not an archived one).
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", request_body = SessionRequest, responses((status = 201, body = SessionResponse), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/sessions")]
pub async fn create_session(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    body: ValidJson<SessionRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let body = body.0;
    let Some(programme_id) = body.programme_id else {
        return Err(ApiError::field("programme_id", "required", "is required"));
    };
    let s = body.parse()?;
    let out = repo::create_session(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        programme_id,
        s,
    )
    .await?;
    Ok(HttpResponse::Created().json(SessionResponse::try_from(out)?))
}

/// A session with its counts.
///
/// **Who may call:** super_admin; agency_admin and trainer (their agency); API keys with
/// `learning:read`.
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, body = SessionResponse), (status = 404)), security(("bearer" = [])))]
#[get("/sessions/{id}")]
pub async fn get_session(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::LearningRead, STAFF)?;
    let s = repo::get_session(&state.db, auth.scope(), *id).await?;
    Ok(HttpResponse::Ok().json(SessionResponse::try_from(s)?))
}

/// Replaces a session's details (the programme stays; the delivery only while nobody is
/// enrolled).
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), request_body = SessionRequest, responses((status = 200, body = SessionResponse), (status = 404), (status = 409), (status = 422)), security(("bearer" = [])))]
#[put("/sessions/{id}")]
pub async fn update_session(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidJson<SessionRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let s = body.0.parse()?;
    let out = repo::update_session(&state.db, &actor(&auth, &req), auth.scope(), *id, s).await?;
    Ok(HttpResponse::Ok().json(SessionResponse::try_from(out)?))
}
