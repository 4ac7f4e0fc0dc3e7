//! The OpenAPI 3.1 document: built from the same route tree as the server, completed here with
//! the security scheme and the error responses every operation shares (declared once), plus the
//! method table that lets unknown methods answer 405 instead of 404.

use std::collections::BTreeMap;

use actix_web::http::Method;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use crate::error::{PROBLEM_JSON, Problem, ProblemField};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Pembina API",
        description = "Pembina runs a government's performance-based development programme for civil servants (ASN): \
organisations and people, competencies and training needs, training and the 20 JP ledger, evaluation, performance \
appraisal (SKP) and citizen ratings.\n\n\
**Authentication**: `POST /api/v1/auth/login` returns a short-lived bearer access token and a rotating refresh token.\n\n\
**Tenancy**: every agency (province, regency, city) sees only its own data; super admins see all. An object of \
another agency answers 404, exactly like one that does not exist.\n\n\
**Errors**: RFC 9457 `application/problem+json` with a stable `code` and, for invalid input, `errors: [{field, code, message}]`.\n\n\
**Lists**: `page` (from 1), `per_page` (1-200, default 20), answered as `{items, total, page, per_page}`.",
        license(name = "Apache-2.0"),
    ),
    tags(
        (name = "auth", description = "Sign-in, tokens and the current account"),
        (name = "org", description = "Agencies, org units and positions"),
        (name = "people", description = "Employees (PNS and PPPK)"),
        (name = "accounts", description = "User accounts and roles"),
        (name = "audit", description = "The audit trail"),
        (name = "imports", description = "Bulk imports and exports (CSV, XLSX)"),
        (name = "surveys", description = "Needs surveys of employees, supervisors and the public"),
        (name = "competencies", description = "Competency dictionary, position standards, assessments and gaps (PermenPANRB 38/2017)"),
        (name = "learning", description = "Training programmes, sessions, e-learning, and the yearly 20 JP ledger (1 JP = 45 minutes)"),
        (name = "evaluation", description = "Training evaluation by Kirkpatrick's levels 1-3: reactions, learning gain from the pre- and post-test, and the behaviour follow-up of participants and supervisors months after completion"),
        (name = "skp", description = "Yearly performance plans (SKP, PermenPANRB 6/2022): work results, quarterly realisations, feedback and the rater's evaluation"),
        (name = "ratings", description = "Citizen service ratings (SKM, PermenPANRB 14/2017): public rating links, the satisfaction index (IKM) per unit and agency, flagged responses, and the public results page"),
        (name = "operations", description = "Health and readiness"),
    ),
    components(schemas(Problem, ProblemField)),
)]
pub struct ApiDoc;

/// Completes the document once every route is in: the bearer scheme and the shared problem
/// responses of every operation. (utoipa runs `modifiers` before utoipa-actix-web adds the
/// paths, hence a function called after `split_for_parts`.)
pub fn complete(mut api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    SharedResponses.modify(&mut api);
    api
}

struct SharedResponses;

const SHARED: [(&str, &str, &str); 8] = [
    (
        "400",
        "BadRequest",
        "The body is not valid JSON (`malformed_json`).",
    ),
    (
        "401",
        "Unauthorized",
        "No valid access token (`unauthorized`).",
    ),
    (
        "403",
        "Forbidden",
        "The caller's roles do not allow this (`forbidden`).",
    ),
    (
        "404",
        "NotFound",
        "No such object in the caller's scope (`not_found`).",
    ),
    (
        "409",
        "Conflict",
        "The change conflicts with existing data, such as a duplicate NIP or code.",
    ),
    (
        "415",
        "UnsupportedMediaType",
        "The body must be `application/json`.",
    ),
    (
        "422",
        "ValidationFailed",
        "Invalid input; `errors` names each field and reason.",
    ),
    (
        "500",
        "InternalError",
        "Unexpected failure; the `x-request-id` header identifies it in the logs.",
    ),
];

impl Modify for SharedResponses {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        for (_, name, description) in SHARED {
            let content = ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build();
            components.responses.insert(
                name.to_owned(),
                RefOr::T(
                    ResponseBuilder::new()
                        .description(description)
                        .content(PROBLEM_JSON, content)
                        .build(),
                ),
            );
        }
        for (path, item) in api.paths.paths.iter_mut() {
            let has_id = path.contains('{');
            for (method, op) in operations_mut(item) {
                let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
                let writes = matches!(method, "post" | "patch" | "put");
                let with_body = op.request_body.is_some();
                let has_query = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
                let wanted = [
                    ("400", with_body),
                    ("401", secured),
                    ("403", secured),
                    ("404", has_id),
                    ("409", writes && secured),
                    ("415", with_body),
                    ("422", with_body || has_query),
                    ("500", true),
                ];
                for ((code, want), (_, name, _)) in wanted.into_iter().zip(SHARED) {
                    if want {
                        op.responses
                            .responses
                            .entry(code.to_owned())
                            .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
                    }
                }
            }
        }
    }
}

fn operations_mut(item: &mut PathItem) -> Vec<(&'static str, &mut Operation)> {
    let mut ops = Vec::new();
    for (name, op) in [
        ("get", &mut item.get),
        ("post", &mut item.post),
        ("put", &mut item.put),
        ("patch", &mut item.patch),
        ("delete", &mut item.delete),
    ] {
        if let Some(op) = op.as_mut() {
            ops.push((name, op));
        }
    }
    ops
}

/// Which methods each documented path accepts, for answering 405 with an `Allow` header.
#[derive(Debug, Clone, Default)]
pub struct RouteTable(Vec<(Vec<Option<String>>, Vec<Method>)>);

impl RouteTable {
    pub fn from_openapi(api: &utoipa::openapi::OpenApi) -> Self {
        let mut routes = Vec::new();
        for (path, item) in &api.paths.paths {
            let segments = path
                .trim_matches('/')
                .split('/')
                .map(|s| {
                    if s.starts_with('{') {
                        None
                    } else {
                        Some(s.to_owned())
                    }
                })
                .collect();
            let mut methods = Vec::new();
            for (m, op) in [
                (Method::GET, &item.get),
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::PATCH, &item.patch),
                (Method::DELETE, &item.delete),
            ] {
                if op.is_some() {
                    methods.push(m);
                }
            }
            routes.push((segments, methods));
        }
        Self(routes)
    }

    /// The methods allowed on `path`, or `None` when no route has that shape.
    pub fn allowed(&self, path: &str) -> Option<Vec<Method>> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let mut found: BTreeMap<String, Method> = BTreeMap::new();
        let mut matched = false;
        for (segments, methods) in &self.0 {
            if segments.len() == parts.len()
                && segments
                    .iter()
                    .zip(&parts)
                    .all(|(s, p)| s.as_deref().is_none_or(|s| s == *p))
            {
                matched = true;
                for m in methods {
                    found.insert(m.to_string(), m.clone());
                }
            }
        }
        matched.then(|| found.into_values().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_route_table_knows_methods_by_path_shape() {
        let api = crate::startup::openapi();
        let table = RouteTable::from_openapi(&api);
        let allowed = table
            .allowed("/api/v1/employees/0192f1d2-0000-7000-8000-000000000000")
            .expect("known path");
        assert!(
            allowed.contains(&Method::GET)
                && allowed.contains(&Method::PATCH)
                && allowed.contains(&Method::DELETE)
        );
        assert!(!allowed.contains(&Method::POST));
        assert!(table.allowed("/api/v1/nothing-here").is_none());
    }
}
