//! The demo data behind `serve --demo`: realistic, valid and idempotent.

use pembina_domain::people::{IdNumber, Nip};
use serde_json::Value;

use crate::helpers::{PASSWORD, db_test};

db_test!(
    async fn demo_data_is_seeded_once_with_valid_people_and_an_admin_per_agency(app) {
        let hash = pembina_api::auth::hash_password(PASSWORD).expect("hash");
        let first = pembina_api::demo::seed(&app.db, &hash).await.expect("seed");
        assert!(!first.skipped);
        assert!((250..=400).contains(&first.employees), "{} employees", first.employees);
        assert_eq!(first.agencies, 11);
        let again = pembina_api::demo::seed(&app.db, &hash).await.expect("seed again");
        assert!(again.skipped);
        assert_eq!(again.employees, 0);

        let all: Value = app.get("/employees?per_page=1", &app.root).await.json().await.expect("json");
        assert_eq!(all["total"], first.employees as u64, "a second seed must not add anyone");

        // The super admin and every agency admin can sign in with the demo password.
        app.login("admin@pembina.local", PASSWORD).await;
        for code in ["17", "1701", "1702", "1703", "1704", "1705", "1706", "1707", "1708", "1709", "1771"] {
            let token = app.login(&format!("admin.{code}@pembina.local"), PASSWORD).await;
            let agency = app.agency(code).await;
            let page: Value = app.get("/employees?per_page=200", &token).await.json().await.expect("json");
            let items = page["items"].as_array().expect("items");
            assert!(!items.is_empty(), "agency {code} has no employees");
            for e in items {
                assert_eq!(e["agency_id"], serde_json::json!(agency));
                let nip = e["nip"].as_str().expect("nip");
                let kind = if e["employment_type"] == "pns" { pembina_domain::people::EmploymentType::Pns } else { pembina_domain::people::EmploymentType::Pppk };
                let parsed = IdNumber::parse(nip, kind).expect("demo NIPs are valid");
                assert_eq!(e["birth_date"], parsed.birth_date().to_string());
            }
        }

        // Dinas Kesehatan of Kota Bengkulu has its Puskesmas.
        let token = app.login("admin.1771@pembina.local", PASSWORD).await;
        let units: Value = app.get("/org-units?kind=service_unit&per_page=200", &token).await.json().await.expect("json");
        let names: Vec<&str> = units["items"].as_array().expect("items").iter().filter_map(|u| u["name"].as_str()).collect();
        assert!(names.iter().filter(|n| n.starts_with("Puskesmas")).count() >= 5, "{names:?}");
        assert!(Nip::parse("198507152010011003").is_ok());

        // Kota Bengkulu has two years of appraisal history and last year's unit results, added
        // once: a second run changes nothing.
        let today = pembina_api::routes::learning::today();
        let last = chrono::Datelike::year(&today) - 1;
        pembina_api::demo_appraisal::seed(&app.db, today).await.expect("seed appraisal");
        pembina_api::demo_appraisal::seed(&app.db, today).await.expect("seed appraisal again");
        let tops: Value = app.get("/org-units?per_page=200", &token).await.json().await.expect("json");
        let top = tops["items"].as_array().expect("items").iter().find(|u| u["parent_id"].is_null()).expect("a top unit");
        let d: Value = app.get(&format!("/org-units/{}/skp-distribution?year={last}", top["id"].as_str().expect("id")), &token).await.json().await.expect("json");
        assert_eq!(d["unit_result"], "baik", "{d}");
        let total = d["total"].as_u64().expect("total");
        assert!(total > 0 && total == d["imported"].as_u64().expect("imported"), "{d}");
        assert!(d["counts"]["baik"].as_u64().expect("baik") * 2 > total, "mostly Baik: {d}");
        let all: Value = app.get(&format!("/org-units/{}/skp-distribution?year={}", top["id"].as_str().expect("id"), last - 1), &token).await.json().await.expect("json");
        assert!(all["total"].as_u64().expect("total") > 0);

        // A year of citizen ratings for each service unit, published without signing in; a
        // second run adds nothing.
        pembina_api::demo_ratings::seed(&app.db, chrono::Utc::now()).await.expect("seed ratings");
        pembina_api::demo_ratings::seed(&app.db, chrono::Utc::now()).await.expect("seed ratings again");
        let public: Value = app.client.get(app.url("/public/agencies/1771/satisfaction")).send().await.expect("send").json().await.expect("json");
        let rated = public["units"].as_array().expect("units");
        assert!(rated.len() >= 5, "{public}");
        for u in rated {
            let n = u["respondents"].as_u64().expect("respondents");
            // 60 a year, spread over 360 days: nearly all fall in the last twelve months.
            assert!((55..=60).contains(&n), "{u}");
            let score = u["score"].as_f64().expect("score");
            assert!((65.0..=100.0).contains(&score), "{u}");
        }
    }
);
