//! The published API description: committed, served, complete and offline.

use serde_json::Value;

use crate::helpers::db_test;

/// The committed `openapi/openapi.json` must be exactly what the code generates.
#[test]
fn the_committed_spec_matches_the_code() {
    let generated = pembina_api::startup::openapi()
        .to_pretty_json()
        .expect("json")
        + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date: run `make openapi` (cargo run -p pembina-api -- openapi) and commit it"
    );
}

#[test]
fn every_operation_says_who_may_call_it_and_secured_ones_use_bearer() {
    let spec: Value =
        serde_json::from_str(&pembina_api::startup::openapi().to_json().expect("json"))
            .expect("parse");
    assert_eq!(spec["openapi"], "3.1.0");
    let mut count = 0;
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            count += 1;
            let description = op["description"].as_str().unwrap_or_default();
            assert!(
                description.contains("**Who may call:**"),
                "{method} {path} does not say who may call it"
            );
            let public = description.contains("**Who may call:** anyone");
            let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
            assert_eq!(
                secured, !public,
                "{method} {path}: security does not match its description"
            );
            assert!(
                op["operationId"].is_string(),
                "{method} {path} has no operationId"
            );
            assert!(
                op["responses"]["500"].is_object(),
                "{method} {path} lacks the shared 500 response"
            );
        }
    }
    assert!(count >= 30, "{count} operations");
}

db_test!(
    async fn the_spec_is_served_and_swagger_ui_works_without_the_internet(app) {
        let spec: Value = app.client.get(format!("{}/api/v1/openapi.json", app.address)).send().await.expect("send").json().await.expect("json");
        assert!(spec["paths"]["/api/v1/employees"]["get"].is_object());
        let redirect = app.client.get(format!("{}/docs", app.address)).send().await.expect("send");
        assert_eq!(redirect.status(), 308);
        let html = app.client.get(format!("{}/docs/", app.address)).send().await.expect("send").text().await.expect("text");
        assert!(html.contains("swagger-ui"));
        assert!(!html.contains("https://"), "the page loads something from the internet");
        let js = app.client.get(format!("{}/docs/swagger-ui-bundle.js", app.address)).send().await.expect("send");
        assert_eq!(js.status(), 200);
        let init = app.client.get(format!("{}/docs/swagger-initializer.js", app.address)).send().await.expect("send").text().await.expect("text");
        assert!(init.contains("/api/v1/openapi.json"));
    }
);

/// Every `$ref` points at something the document defines (client generators refuse dangling ones).
#[test]
fn every_reference_in_the_spec_resolves() {
    fn walk(v: &Value, refs: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    refs.push(r.clone());
                }
                m.values().for_each(|x| walk(x, refs));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, refs)),
            _ => {}
        }
    }
    let spec: Value =
        serde_json::from_str(&pembina_api::startup::openapi().to_json().expect("json"))
            .expect("parse");
    let mut refs = Vec::new();
    walk(&spec, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        let pointer = r.strip_prefix('#').expect("local reference");
        assert!(spec.pointer(pointer).is_some(), "dangling reference {r}");
    }
}
