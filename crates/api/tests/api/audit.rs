//! Every write leaves an audit event; the trail is scoped like everything else.

use serde_json::{Value, json};

use crate::helpers::{db_test, id_of, problem};

db_test!(
    async fn every_kind_of_write_is_audited_with_its_actor_and_agency(app) {
        let agency = app.agency("1771").await;
        let created = app.post("/agencies", Some(&app.root), json!({"code": "1772", "name": "Kabupaten Contoh", "kind": "regency", "seat": "Contoh"})).await;
        let new_agency = id_of(created).await;
        let unit = app.unit(&app.root, Some(agency), None, "AUDIT").await;
        let position = id_of(app.post("/positions", Some(&app.root), json!({"agency_id": agency, "code": "P1", "title": "Pengadministrasi", "kind": "pelaksana"})).await).await;
        let employee = app.employee(&app.root, Some(agency), unit, "198507152010011003", "Ahmad Fauzi", None).await;
        let user = id_of(app.post("/users", Some(&app.root), json!({"email": "u@test.local", "display_name": "U", "password": "long enough password", "roles": ["employee"], "agency_id": agency})).await).await;
        app.patch(&format!("/org-units/{unit}"), &app.root, json!({"name": "Unit Audit"})).await;

        let events: Value = app.get("/audit-events?per_page=200", &app.root).await.json().await.expect("json");
        let items = events["items"].as_array().expect("items");
        let find = |kind: &str, id: String, action: &str| {
            items.iter().find(|e| e["entity_type"] == kind && e["entity_id"] == json!(id) && e["action"] == action).cloned().unwrap_or_else(|| panic!("no {action} event for {kind} {id}: {events}"))
        };
        let root_id = app.get("/me", &app.root).await.json::<Value>().await.expect("json")["id"].clone();
        for (kind, id, action) in [
            ("agency", new_agency.to_string(), "create"),
            ("org_unit", unit.to_string(), "create"),
            ("org_unit", unit.to_string(), "update"),
            ("position", position.to_string(), "create"),
            ("employee", employee["id"].as_str().expect("id").to_owned(), "create"),
            ("user", user.to_string(), "create"),
        ] {
            let e = find(kind, id, action);
            assert_eq!(e["actor_user_id"], root_id, "{e}");
        }
        let rename = find("org_unit", unit.to_string(), "update");
        assert_eq!(rename["changes"], json!({"name": {"before": "Unit AUDIT", "after": "Unit Audit"}}));
        assert_eq!(rename["agency_id"], json!(agency));
        assert_eq!(find("employee", employee["id"].as_str().expect("id").to_owned(), "create")["changes"]["nip"]["after"], "198507152010011003");
    }
);

db_test!(
    async fn agency_admins_read_only_their_agencys_trail_and_employees_none(app) {
        let a = app.agency_admin("1771").await;
        let b = app.agency_admin("1702").await;
        app.unit(&a.token, None, None, "MINE").await;
        app.unit(&b.token, None, None, "THEIRS").await;
        let mine: Value = app.get("/audit-events", &a.token).await.json().await.expect("json");
        let agency = app.agency("1771").await;
        assert!(mine["total"].as_u64().is_some_and(|n| n >= 1));
        for e in mine["items"].as_array().expect("items") {
            assert_eq!(e["agency_id"], json!(agency), "{e}");
        }
        let theirs: Value = app.get(&format!("/audit-events?actor_user_id={}", b.id), &a.token).await.json().await.expect("json");
        assert_eq!(theirs["total"], 0);
        let staff = app.create_user_direct("staff@test.local", Some(agency), vec![pembina_domain::accounts::Role::Employee], None).await;
        problem(app.get("/audit-events", &staff.token).await, 403, "forbidden").await;
    }
);
