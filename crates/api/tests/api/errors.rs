//! problem+json for every kind of bad request, and the operational endpoints.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{db_test, problem};

db_test!(
    async fn unknown_routes_are_404_and_wrong_methods_405_with_allow(app) {
        problem(app.get("/nothing-here", &app.root).await, 404, "not_found").await;
        let res = app.request(Method::PUT, "/employees", Some(&app.root), None).await;
        assert_eq!(res.headers().get("allow").and_then(|v| v.to_str().ok()), Some("GET, POST"));
        problem(res, 405, "method_not_allowed").await;
        let res = app.request(Method::POST, "/employees/0192f1d2-0000-7000-8000-000000000000", Some(&app.root), Some(json!({}))).await;
        problem(res, 405, "method_not_allowed").await;
    }
);

db_test!(
    async fn a_body_that_is_not_json_is_415_and_broken_json_400(app) {
        let res = app.client.post(app.url("/org-units")).bearer_auth(&app.root).header("content-type", "text/plain").body("code=X").send().await.expect("send");
        problem(res, 415, "unsupported_media_type").await;
        let res = app.client.post(app.url("/org-units")).bearer_auth(&app.root).header("content-type", "application/json").body("{\"code\": ").send().await.expect("send");
        problem(res, 400, "malformed_json").await;
        let res = app.client.post(app.url("/org-units")).bearer_auth(&app.root).header("content-type", "application/json").body("{} trailing").send().await.expect("send");
        problem(res, 400, "malformed_json").await;
    }
);

db_test!(
    async fn wrong_types_missing_and_unknown_fields_are_422_naming_the_field(app) {
        let agency = app.agency("17").await;
        let res = app.post("/org-units", Some(&app.root), json!({"agency_id": agency, "code": "X", "name": "X", "kind": "castle"})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "kind");
        assert!(body["errors"][0]["message"].as_str().is_some_and(|m| m.contains("service_unit")), "{body}");

        let res = app.post("/org-units", Some(&app.root), json!({"agency_id": agency, "name": "X", "kind": "agency"})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!((&body["errors"][0]["field"], &body["errors"][0]["code"]), (&json!("code"), &json!("required")));

        let res = app.post("/org-units", Some(&app.root), json!({"agency_id": agency, "code": "X", "name": "X", "kind": "agency", "colour": "red"})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!((&body["errors"][0]["field"], &body["errors"][0]["code"]), (&json!("colour"), &json!("unknown_field")));

        let res = app.post("/org-units", Some(&app.root), json!({"agency_id": "not-a-uuid", "code": "X", "name": "X", "kind": "agency"})).await;
        assert_eq!(problem(res, 422, "validation_failed").await["errors"][0]["field"], "agency_id");
    }
);

db_test!(
    async fn bad_query_parameters_are_422_naming_the_parameter(app) {
        let body = problem(app.get("/employees?per_page=500", &app.root).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "per_page");
        let body = problem(app.get("/employees?page=two", &app.root).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "page");
        let body = problem(app.get("/employees?sort=salary", &app.root).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "sort");
        let body = problem(app.get("/employees?status=sleeping", &app.root).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "status");
    }
);

db_test!(
    async fn an_id_that_is_not_a_uuid_is_simply_not_found(app) {
        problem(app.get("/employees/123", &app.root).await, 404, "not_found").await;
        problem(app.get(&format!("/employees/{}", uuid::Uuid::now_v7()), &app.root).await, 404, "not_found").await;
    }
);

db_test!(
    async fn an_oversized_body_is_413(app) {
        let big = "x".repeat(2 << 20);
        let res = app.post("/org-units", Some(&app.root), json!({"name": big})).await;
        problem(res, 413, "payload_too_large").await;
    }
);

db_test!(
    async fn health_and_readiness_answer_and_every_response_carries_a_request_id(app) {
        let res = app.request(Method::GET, "/health", None, None).await;
        assert!(res.headers().get("x-request-id").is_some());
        assert_eq!(res.json::<Value>().await.expect("json")["status"], "ok");
        let res = app.request(Method::GET, "/ready", None, None).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.json::<Value>().await.expect("json")["status"], "ready");
    }
);
