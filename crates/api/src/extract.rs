//! Request extractors that fail with problem+json naming the offending field: JSON bodies
//! (checked media type, size, syntax, shape, then `validator` rules) and query strings.

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use pembina_domain::FieldError;
use serde::de::DeserializeOwned;
use validator::{Validate, ValidationErrors};

use crate::error::ApiError;

/// A JSON body that parsed and passed its `validator` rules.
#[derive(Debug)]
pub struct ValidJson<T>(pub T);

/// A query string that parsed into `T`.
#[derive(Debug)]
pub struct ValidQuery<T>(pub T);

fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .is_some_and(|m| {
            m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
        })
}

/// Turns a serde error at `path` into the field it concerns.
fn field_error(path: String, message: String) -> FieldError {
    // Missing and unknown fields are reported by serde at the parent level: name the field.
    let named = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(|name| {
                if path == "." {
                    name.to_owned()
                } else if path == name || path.ends_with(&format!(".{name}")) {
                    path.clone()
                } else {
                    format!("{path}.{name}")
                }
            })
    };
    if let Some(f) = named("missing field `") {
        return FieldError::new(f, "required", "is required");
    }
    if let Some(f) = named("unknown field `") {
        return FieldError::new(f, "unknown_field", "is not a field of this request");
    }
    let field = if path == "." { String::new() } else { path };
    // serde appends " at line L column C" to data errors; drop it for a cleaner message.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    FieldError::new(field, "invalid_value", message)
}

pub fn validation_errors(e: &ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    for (field, errs) in e.field_errors() {
        for err in errs {
            let message = err
                .message
                .as_ref()
                .map_or_else(|| err.code.to_string(), ToString::to_string);
            let code: &'static str = match err.code.as_ref() {
                "email" => "invalid_email",
                "length" => "invalid_length",
                "range" => "out_of_range",
                _ => "invalid_value",
            };
            out.push(FieldError::new(field.to_string(), code, message));
        }
    }
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = is_json(req);
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !json {
                return Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "Unsupported media type",
                    "the body must be JSON (Content-Type: application/json)",
                ));
            }
            let bytes = body.await.map_err(|e| {
                if e.as_response_error().status_code() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "payload_too_large",
                        "Payload too large",
                        "the body is larger than this endpoint accepts",
                    )
                } else {
                    ApiError::bad_request("unreadable_body", "the request body could not be read")
                }
            })?;
            // Syntax first (400), then shape (422 naming the field).
            let json: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
                ApiError::bad_request("malformed_json", format!("the body is not valid JSON: {e}"))
            })?;
            let value: T = serde_path_to_error::deserialize(json).map_err(|e| {
                let path = e.path().to_string();
                ApiError::validation(vec![field_error(path, e.into_inner().to_string())])
            })?;
            value
                .validate()
                .map_err(|e| ApiError::validation(validation_errors(&e)))?;
            Ok(Self(value))
        })
    }
}

impl<T: DeserializeOwned> FromRequest for ValidQuery<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(
            req.query_string().as_bytes(),
        ));
        std::future::ready(serde_path_to_error::deserialize(de).map(Self).map_err(|e| {
            ApiError::validation(vec![field_error(
                e.path().to_string(),
                e.into_inner().to_string(),
            )])
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_unknown_fields_are_named() {
        assert_eq!(
            field_error(".".into(), "missing field `nip`".into()).field,
            "nip"
        );
        let e = field_error(
            ".".into(),
            "unknown field `nipp`, expected one of `nip`".into(),
        );
        assert_eq!((e.field.as_str(), e.code), ("nipp", "unknown_field"));
        let e = field_error(
            "sex".into(),
            "unknown variant `x`, expected `male` or `female` at line 1 column 9".into(),
        );
        assert_eq!(
            (e.field.as_str(), e.message.as_str()),
            ("sex", "unknown variant `x`, expected `male` or `female`")
        );
    }
}
