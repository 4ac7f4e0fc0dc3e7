//! RFC 9457 problem details: the one error type of the API and the one place that picks status
//! codes. Every failure, from a malformed body to a database outage, leaves as
//! `application/problem+json` with a stable `code`.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use pembina_domain::{DomainError, FieldError};
use serde::Serialize;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem with one field of the request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemField {
    /// The field, as named in the request (`nip`, `birth_date`, `per_page`).
    #[schema(example = "nip")]
    pub field: String,
    /// Stable snake_case reason that clients translate.
    #[schema(example = "nip_invalid_birth_date")]
    pub code: String,
    /// English explanation.
    #[schema(example = "digits 1-8 must be a real birth date (YYYYMMDD)")]
    pub message: String,
    /// For imports: the row of the file (the header is row 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// For imports: the column of the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// URI naming the kind of problem: `urn:pembina:problem:<code>`.
    #[serde(rename = "type")]
    #[schema(example = "urn:pembina:problem:validation_failed")]
    pub type_: String,
    /// Short, fixed summary of the kind of problem.
    #[schema(example = "Validation failed")]
    pub title: String,
    /// The HTTP status code.
    #[schema(example = 422)]
    pub status: u16,
    /// What went wrong in this occurrence.
    pub detail: String,
    /// Stable snake_case code of the problem.
    #[schema(example = "validation_failed")]
    pub code: String,
    /// Problems with individual fields, when there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

/// The error every handler and extractor returns.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    title: &'static str,
    detail: String,
    errors: Vec<ProblemField>,
    headers: Vec<(header::HeaderName, HeaderValue)>,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            status,
            code,
            title,
            detail: detail.into(),
            errors: Vec::new(),
            headers: Vec::new(),
        }
    }

    pub fn with_errors(mut self, errors: impl IntoIterator<Item = FieldError>) -> Self {
        self.errors.extend(errors.into_iter().map(|e| ProblemField {
            field: e.field,
            code: e.code.to_owned(),
            message: e.message,
            row: None,
            column: None,
        }));
        self
    }

    /// Adds errors located in an imported file.
    pub fn with_row_errors(
        mut self,
        errors: impl IntoIterator<Item = pembina_domain::imports::RowError>,
    ) -> Self {
        self.errors.extend(errors.into_iter().map(|e| ProblemField {
            field: e.column.clone().unwrap_or_default(),
            code: e.code,
            message: e.message,
            row: Some(e.row),
            column: e.column,
        }));
        self
    }

    pub fn with_header(mut self, name: header::HeaderName, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.push((name, v));
        }
        self
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn validation(errors: Vec<FieldError>) -> Self {
        let detail = match errors.as_slice() {
            [one] => format!("{}: {}", one.field, one.message),
            many => format!("{} fields are invalid", many.len()),
        };
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "Validation failed",
            detail,
        )
        .with_errors(errors)
    }

    pub fn field(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError::new(field, code, message)])
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Not found",
            format!("{what} not found"),
        )
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Unauthorized",
            detail,
        )
        .with_header(header::WWW_AUTHENTICATE, "Bearer")
    }

    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, "Bad request", detail)
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "Internal server error",
            "something went wrong on our side; the x-request-id header identifies this request in our logs",
        )
    }

    fn problem(&self) -> Problem {
        Problem {
            type_: format!("urn:pembina:problem:{}", self.code),
            title: self.title.to_owned(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            code: self.code.to_owned(),
            errors: self.errors.clone(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.detail)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status);
        res.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        for (k, v) in &self.headers {
            res.insert_header((k.clone(), v.clone()));
        }
        res.json(self.problem())
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        Self::validation(vec![e])
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Validation(errors) => Self::validation(errors),
            DomainError::NotFound(what) => Self::not_found(what),
            DomainError::Conflict {
                code,
                field,
                message,
            } => {
                let err = Self::new(StatusCode::CONFLICT, code, "Conflict", message.clone());
                match field {
                    Some(f) => err.with_errors([FieldError::new(f, code, message)]),
                    None => err,
                }
            }
            DomainError::Forbidden(detail) => {
                Self::new(StatusCode::FORBIDDEN, "forbidden", "Forbidden", detail)
            }
            DomainError::Internal(detail) => Self::internal(detail),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::to_bytes;

    #[actix_web::test]
    async fn validation_errors_become_problem_json_with_fields() {
        let err: ApiError =
            DomainError::field("nip", "nip_wrong_length", "must be exactly 18 digits").into();
        let res = err.error_response();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            res.headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some(PROBLEM_JSON)
        );
        let body: serde_json::Value =
            serde_json::from_slice(&to_bytes(res.into_body()).await.expect("body")).expect("json");
        assert_eq!(body["code"], "validation_failed");
        assert_eq!(body["type"], "urn:pembina:problem:validation_failed");
        assert_eq!(body["errors"][0]["field"], "nip");
        assert_eq!(body["errors"][0]["code"], "nip_wrong_length");
    }

    #[actix_web::test]
    async fn internal_errors_hide_their_cause() {
        let res = ApiError::from(DomainError::Internal(
            "password=hunter2 connection refused".into(),
        ))
        .error_response();
        let body = to_bytes(res.into_body()).await.expect("body");
        assert!(!String::from_utf8_lossy(&body).contains("hunter2"));
    }
}
