//! Bulk imports (CSV, XLSX or multipart upload), their records and error reports, templates,
//! and exports in the same columns.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use pembina_domain::accounts::{ApiScope, Role as DRole};
use pembina_domain::imports::{ImportKind, RowError};
use pembina_domain::page::PageRequest;
use pembina_persistence::entities::imports as import_records;
use pembina_persistence::imports::{
    self, FileInfo, FileProblem, ImportError, ImportMode, ImportOptions, OnError, RowSource,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::common::Page;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidQuery;
use crate::imports::read::{self, CsvSource, Format, Spooled, XLSX_MIME, XlsxSource};
use crate::imports::write::{csv_bytes, xlsx_bytes};
use crate::startup::{AppState, actor, target_agency};

/// Largest accepted upload.
const MAX_UPLOAD: u64 = 512 << 20;

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Validate and count, write nothing.
    DryRun,
    /// Write.
    Commit,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnErrorParam {
    /// Any rejected row means nothing is written (the default).
    Abort,
    /// Write the valid rows and report the rest.
    Skip,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CreateImportQuery {
    /// `dry_run` (default) or `commit`.
    #[param(inline)]
    pub mode: Option<Mode>,
    /// `abort` (default: atomic) or `skip`.
    #[param(inline)]
    pub on_error: Option<OnErrorParam>,
    /// Employees only: mark the agency's employees missing from the file `inactive`.
    pub full_sync: Option<bool>,
    /// Super admins: the agency to import into.
    pub agency_id: Option<Uuid>,
    /// XLSX: the sheet to read (default the first).
    pub sheet: Option<String>,
    /// The file's name, for the record (also taken from Content-Disposition or the multipart part).
    pub file_name: Option<String>,
}

/// An error of one row (the header is row 1).
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportRowError {
    pub row: u64,
    /// The column, as documented; absent for problems of the whole row.
    pub column: Option<String>,
    #[schema(example = "nip_invalid_birth_date")]
    pub code: String,
    pub message: String,
}

impl From<RowError> for ImportRowError {
    fn from(e: RowError) -> Self {
        Self {
            row: e.row,
            column: e.column,
            code: e.code,
            message: e.message,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    /// `org-units`, `positions`, `employees`, `competencies`, `competency-standards`,
    /// `competency-assessments`, `external-trainings` or `skp-ratings`.
    pub kind: String,
    /// `dry_run` or `commit`.
    pub mode: String,
    /// `abort` or `skip`.
    pub on_error: String,
    pub full_sync: bool,
    /// `committed`, `dry_run`, or `rolled_back` (an atomic commit with rejected rows: nothing written).
    pub outcome: String,
    pub actor_user_id: Option<Uuid>,
    pub file_name: Option<String>,
    pub file_sha256: String,
    pub file_bytes: i64,
    /// `csv` or `xlsx`.
    pub format: String,
    pub total_rows: i64,
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub rejected: i64,
    /// Employees made inactive by `full_sync`.
    pub deactivated: i64,
    /// All errors found; `errors` holds the first 10,000.
    pub error_count: i64,
    /// Columns of the file that are not documented (ignored).
    pub unknown_columns: Vec<String>,
    pub errors: Vec<ImportRowError>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
}

fn respond(m: import_records::Model, errors: Vec<RowError>) -> ImportResponse {
    ImportResponse {
        id: m.id,
        agency_id: m.agency_id,
        kind: m.kind,
        mode: m.mode,
        on_error: m.on_error,
        full_sync: m.full_sync,
        outcome: m.outcome,
        actor_user_id: m.actor_user_id,
        file_name: m.file_name,
        file_sha256: m.file_sha256,
        file_bytes: m.file_bytes,
        format: m.format,
        total_rows: m.total_rows,
        created: m.created,
        updated: m.updated,
        unchanged: m.unchanged,
        rejected: m.rejected,
        deactivated: m.deactivated,
        error_count: m.error_count,
        unknown_columns: serde_json::from_value(m.unknown_columns).unwrap_or_default(),
        errors: errors.into_iter().map(Into::into).collect(),
        started_at: m.started_at,
        finished_at: m.finished_at,
    }
}

fn file_problem(p: FileProblem) -> ApiError {
    let status = match p.code {
        "payload_too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "storage_error" => return ApiError::internal(p.message),
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    ApiError::new(status, p.code, "The file cannot be imported", p.message)
        .with_row_errors(p.errors)
}

fn kind_of(raw: &str) -> Result<ImportKind, ApiError> {
    ImportKind::parse(raw).map_err(|_| ApiError::not_found("import kind"))
}

fn disposition_name(value: Option<&str>) -> Option<String> {
    let v = value?;
    let start = v.find("filename=")? + "filename=".len();
    let name = v[start..].split(';').next()?.trim().trim_matches('"');
    (!name.is_empty()).then(|| name.to_owned())
}

/// The uploaded file: the body itself, or the `file` part of a multipart form.
async fn receive(
    req: &HttpRequest,
    payload: web::Payload,
    file_name: Option<String>,
) -> Result<(Spooled, Option<String>, Option<String>), ApiError> {
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if content_type
        .as_deref()
        .is_some_and(|c| c.starts_with("multipart/form-data"))
    {
        let mut form = Multipart::new(req.headers(), payload);
        while let Some(field) = form.next().await {
            let field =
                field.map_err(|e| ApiError::bad_request("malformed_multipart", e.to_string()))?;
            let is_file = field.name() == Some("file")
                || field
                    .content_disposition()
                    .and_then(|d| d.get_filename())
                    .is_some();
            if !is_file {
                continue;
            }
            let name = file_name.clone().or_else(|| {
                field
                    .content_disposition()
                    .and_then(|d| d.get_filename())
                    .map(str::to_owned)
            });
            let part_type = field.content_type().map(ToString::to_string);
            let spooled = read::spool(field.map(|c| c.map_err(|e| e.to_string())), MAX_UPLOAD)
                .await
                .map_err(file_problem)?;
            return Ok((spooled, part_type, name));
        }
        return Err(ApiError::field(
            "file",
            "required",
            "the form has no file part (name it \"file\")",
        ));
    }
    let name = file_name.or_else(|| {
        disposition_name(
            req.headers()
                .get(CONTENT_DISPOSITION)
                .and_then(|v| v.to_str().ok()),
        )
    });
    let spooled = read::spool(payload.map(|c| c.map_err(|e| e.to_string())), MAX_UPLOAD)
        .await
        .map_err(file_problem)?;
    Ok((spooled, content_type, name))
}

/// Import org units, positions, employees, competency data or external trainings from CSV or
/// XLSX.
///
/// Competency data: the agency's technical competencies, position competency standards and
/// competency assessments. External trainings: activities outside Pembina credited to the JP
/// ledger, once per NIP and reference. Send the file as the body (`text/csv` or the XLSX media type) or as the `file` part of a
/// `multipart/form-data` form. Headers are matched case-insensitively; see
/// `GET /imports/{kind}/template` and docs/imports.md for the columns. Rows are upserted by their
/// natural key (NIP, unit code, position code, competency code, position and competency code;
/// NIP and reference for external trainings);
/// assessments are history, created once per NIP, competency, date and method and never
/// updated. Importing the same file twice changes nothing the second time. A dry run (the default) writes nothing. A commit is atomic unless
/// `on_error=skip`. A file that cannot be read at all is answered with problem+json (422)
/// naming the row and column.
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (their own agency); API keys
/// with `imports:write`.
#[utoipa::path(
    tag = "imports",
    params(("kind" = String, Path, description = "org-units, positions, employees, competencies, competency-standards, competency-assessments, external-trainings or skp-ratings"), CreateImportQuery),
    request_body(content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (Vec<u8> = "multipart/form-data"),
    )),
    responses((status = 200, body = ImportResponse), (status = 413, description = "The file is too large", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/imports/{kind}")]
pub async fn create_import(
    state: web::Data<AppState>,
    auth: Auth,
    kind: web::Path<String>,
    q: ValidQuery<CreateImportQuery>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::ImportsWrite,
        &[DRole::SuperAdmin, DRole::AgencyAdmin],
    )?;
    let kind = kind_of(&kind)?;
    let q = q.0;
    let agency_id = target_agency(&state, &auth, q.agency_id).await?;
    let (spooled, content_type, name) = receive(&req, payload, q.file_name).await?;
    let format = read::detect(content_type.as_deref(), name.as_deref(), &spooled);
    let mut source: Box<dyn RowSource> = match format {
        Format::Csv => Box::new(CsvSource::open(&spooled).map_err(file_problem)?),
        Format::Xlsx => {
            Box::new(XlsxSource::open(&spooled, q.sheet.as_deref()).map_err(file_problem)?)
        }
    };
    let opts = ImportOptions {
        kind,
        mode: match q.mode {
            Some(Mode::Commit) => ImportMode::Commit,
            _ => ImportMode::DryRun,
        },
        on_error: match q.on_error {
            Some(OnErrorParam::Skip) => OnError::Skip,
            _ => OnError::Abort,
        },
        full_sync: q.full_sync.unwrap_or(false),
        agency_id,
        actor: actor(&auth, &req),
        file: FileInfo {
            name,
            sha256: spooled.sha256.clone(),
            bytes: spooled.bytes,
            format: format.as_str(),
        },
    };
    let report = imports::run_import(&state.db, opts, source.as_mut())
        .await
        .map_err(|e| match e {
            ImportError::File(p) => file_problem(p),
            ImportError::Domain(d) => d.into(),
        })?;
    Ok(HttpResponse::Ok().json(respond(report.record, report.errors)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListImportsQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    /// `org-units`, `positions`, `employees`, `competencies`, `competency-standards`,
    /// `competency-assessments`, `external-trainings` or `skp-ratings`.
    pub kind: Option<String>,
}

/// Imports, newest first (without their errors).
///
/// **Who may call:** super_admin (all agencies); agency_admin (their agency); API keys with `imports:write`.
#[utoipa::path(tag = "imports", params(ListImportsQuery), responses((status = 200, body = Page<ImportResponse>)), security(("bearer" = [])))]
#[get("/imports")]
pub async fn list_imports(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListImportsQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::ImportsWrite,
        &[DRole::SuperAdmin, DRole::AgencyAdmin],
    )?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let kind = q.kind.as_deref().map(ImportKind::parse).transpose()?;
    let result = imports::list_imports(&state.db, auth.scope(), kind, page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, |m| Ok(respond(m, Vec::new())))?))
}

/// One import with its error report.
///
/// **Who may call:** super_admin; agency_admin (imports of their agency); API keys with `imports:write`.
#[utoipa::path(tag = "imports", params(("id" = Uuid, Path)), responses((status = 200, body = ImportResponse)), security(("bearer" = [])))]
#[get("/imports/{id}")]
pub async fn get_import(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::ImportsWrite,
        &[DRole::SuperAdmin, DRole::AgencyAdmin],
    )?;
    let id = id.into_inner();
    let record = imports::get_import(&state.db, auth.scope(), id).await?;
    let errors = imports::import_errors(&state.db, auth.scope(), id).await?;
    Ok(HttpResponse::Ok().json(respond(record, errors)))
}

/// The error report of an import as CSV (`row,column,code,message`).
///
/// **Who may call:** super_admin; agency_admin (imports of their agency); API keys with `imports:write`.
#[utoipa::path(tag = "imports", params(("id" = Uuid, Path)), responses((status = 200, content_type = "text/csv", body = String)), security(("bearer" = [])))]
#[get("/imports/{id}/errors")]
pub async fn get_import_errors(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::ImportsWrite,
        &[DRole::SuperAdmin, DRole::AgencyAdmin],
    )?;
    let id = id.into_inner();
    let errors = imports::import_errors(&state.db, auth.scope(), id).await?;
    let mut rows = vec![vec![
        "row".to_owned(),
        "column".to_owned(),
        "code".to_owned(),
        "message".to_owned(),
    ]];
    rows.extend(errors.into_iter().map(|e| {
        vec![
            e.row.to_string(),
            e.column.unwrap_or_default(),
            e.code,
            e.message,
        ]
    }));
    download(Format::Csv, &format!("import-{id}-errors"), "errors", &rows)
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    #[default]
    Csv,
    Xlsx,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    /// `csv` (default) or `xlsx`.
    #[param(inline)]
    pub format: Option<FileFormat>,
    /// Super admins: the agency to export (required for exports).
    pub agency_id: Option<Uuid>,
}

pub(crate) fn download(
    format: Format,
    stem: &str,
    sheet: &str,
    rows: &[Vec<String>],
) -> Result<HttpResponse, ApiError> {
    let (bytes, mime, ext) = match format {
        Format::Csv => (
            csv_bytes(rows).map_err(ApiError::internal)?,
            "text/csv; charset=utf-8",
            "csv",
        ),
        Format::Xlsx => (
            xlsx_bytes(sheet, rows).map_err(ApiError::internal)?,
            XLSX_MIME,
            "xlsx",
        ),
    };
    Ok(HttpResponse::Ok()
        .content_type(mime)
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{stem}.{ext}\""),
        ))
        .body(bytes))
}

pub(crate) fn format_of(q: &FormatQuery) -> Format {
    format_of_file(q.format.unwrap_or_default())
}

pub(crate) fn format_of_file(f: FileFormat) -> Format {
    match f {
        FileFormat::Csv => Format::Csv,
        FileFormat::Xlsx => Format::Xlsx,
    }
}

/// A file with the header row of `kind` and one example row.
///
/// **Who may call:** any signed-in user; API keys with `imports:write`.
#[utoipa::path(tag = "imports", params(("kind" = String, Path, description = "org-units, positions, employees, competencies, competency-standards, competency-assessments, external-trainings or skp-ratings"), FormatQuery), responses((status = 200, content_type = "text/csv", body = String)), security(("bearer" = [])))]
#[get("/imports/{kind}/template")]
pub async fn get_import_template(
    auth: Auth,
    kind: web::Path<String>,
    q: ValidQuery<FormatQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::ImportsWrite, &[])?;
    let kind = kind_of(&kind)?;
    let cols = pembina_domain::imports::columns(kind);
    let rows = vec![
        cols.iter().map(|c| c.name.to_owned()).collect(),
        cols.iter().map(|c| c.example.to_owned()).collect(),
    ];
    download(
        format_of(&q.0),
        &format!("pembina-{}-template", kind.as_str()),
        kind.as_str(),
        &rows,
    )
}

async fn export(
    state: &AppState,
    auth: &Auth,
    kind: ImportKind,
    q: &FormatQuery,
) -> Result<HttpResponse, ApiError> {
    let scope = if kind == ImportKind::Employees {
        ApiScope::EmployeesRead
    } else {
        ApiScope::OrgRead
    };
    auth.require(scope, &[DRole::SuperAdmin, DRole::AgencyAdmin])?;
    let agency_id = target_agency(state, auth, q.agency_id).await?;
    let mut rows = vec![imports::export::header(kind)];
    imports::export::export_rows(&state.db, agency_id, kind, |r| {
        rows.push(r);
        Ok(())
    })
    .await?;
    download(
        format_of(q),
        &format!("pembina-{}", kind.as_str()),
        kind.as_str(),
        &rows,
    )
}

/// Employees of the agency in the import's columns (export → import changes nothing).
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (their agency); API keys with `employees:read`.
#[utoipa::path(tag = "imports", params(FormatQuery), responses((status = 200, content_type = "text/csv", body = String)), security(("bearer" = [])))]
#[get("/employees/export")]
pub async fn export_employees(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<FormatQuery>,
) -> Result<HttpResponse, ApiError> {
    export(&state, &auth, ImportKind::Employees, &q.0).await
}

/// Org units of the agency in the import's columns.
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (their agency); API keys with `org:read`.
#[utoipa::path(tag = "imports", params(FormatQuery), responses((status = 200, content_type = "text/csv", body = String)), security(("bearer" = [])))]
#[get("/org-units/export")]
pub async fn export_org_units(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<FormatQuery>,
) -> Result<HttpResponse, ApiError> {
    export(&state, &auth, ImportKind::OrgUnits, &q.0).await
}

/// Positions of the agency in the import's columns.
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (their agency); API keys with `org:read`.
#[utoipa::path(tag = "imports", params(FormatQuery), responses((status = 200, content_type = "text/csv", body = String)), security(("bearer" = [])))]
#[get("/positions/export")]
pub async fn export_positions(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<FormatQuery>,
) -> Result<HttpResponse, ApiError> {
    export(&state, &auth, ImportKind::Positions, &q.0).await
}
