//! Account administration: who may create accounts, grant which roles, reset and deactivate.

use pembina_domain::accounts::Role;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, db_test, id_of, problem};

db_test!(
    async fn an_employee_cannot_create_or_list_users(app) {
        let agency = app.agency("1771").await;
        let staff = app.create_user_direct("staff@test.local", Some(agency), vec![Role::Employee], None).await;
        let res = app.post("/users", Some(&staff.token), json!({"email": "x@test.local", "display_name": "X", "password": "long enough password", "roles": ["employee"]})).await;
        problem(res, 403, "forbidden").await;
        problem(app.get("/users", &staff.token).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn an_agency_admin_creates_accounts_in_their_own_agency_who_can_then_sign_in(app) {
        let admin = app.agency_admin("1771").await;
        let res = app.post("/users", Some(&admin.token), json!({"email": "Siti@Test.local", "display_name": "Siti", "password": "long enough password", "roles": ["employee", "supervisor"]})).await;
        assert_eq!(res.status(), 201);
        let user: Value = res.json().await.expect("json");
        assert_eq!(user["email"], "siti@test.local");
        assert_eq!(user["agency_id"], json!(app.agency("1771").await));
        assert_eq!(user["roles"], json!(["supervisor", "employee"]));
        assert_eq!(user["active"], true);
        let token = app.login("siti@test.local", "long enough password").await;
        assert_eq!(app.get("/me", &token).await.status(), 200);
    }
);

db_test!(
    async fn only_a_super_admin_can_grant_super_admin(app) {
        let admin = app.agency_admin("1771").await;
        let res = app.post("/users", Some(&admin.token), json!({"email": "boss@test.local", "display_name": "Boss", "password": "long enough password", "roles": ["super_admin"]})).await;
        problem(res, 403, "forbidden").await;
        let res = app.post("/users", Some(&app.root), json!({"email": "boss@test.local", "display_name": "Boss", "password": "long enough password", "roles": ["super_admin"]})).await;
        assert_eq!(res.status(), 201);
        let id = id_of(res).await;
        // Nor may an agency admin promote an account of their agency.
        let own = app.post("/users", Some(&admin.token), json!({"email": "own@test.local", "display_name": "Own", "password": "long enough password", "roles": ["employee"]})).await;
        let own_id = id_of(own).await;
        problem(app.patch(&format!("/users/{own_id}"), &admin.token, json!({"roles": ["super_admin"]})).await, 403, "forbidden").await;
        // And the super admin account is outside the agency admin's scope altogether.
        problem(app.get(&format!("/users/{id}"), &admin.token).await, 404, "not_found").await;
    }
);

db_test!(
    async fn agency_admins_never_see_or_touch_accounts_of_another_agency(app) {
        let a = app.agency_admin("1771").await;
        let b = app.agency_admin("1702").await;
        let other = app.agency("1702").await;
        let res = app.post("/users", Some(&a.token), json!({"email": "x@test.local", "display_name": "X", "password": "long enough password", "roles": ["employee"], "agency_id": other})).await;
        problem(res, 404, "not_found").await;
        let list: Value = app.get("/users", &a.token).await.json().await.expect("json");
        assert_eq!(list["total"], 1, "{list}");
        assert_eq!(list["items"][0]["email"], "admin.1771@test.local");
        problem(app.get(&format!("/users/{}", b.id), &a.token).await, 404, "not_found").await;
        problem(app.patch(&format!("/users/{}", b.id), &a.token, json!({"display_name": "hacked"})).await, 404, "not_found").await;
        problem(app.post(&format!("/users/{}/reset-password", b.id), Some(&a.token), json!({"password": "a new long password"})).await, 404, "not_found").await;
        let all: Value = app.get("/users?per_page=200", &app.root).await.json().await.expect("json");
        assert_eq!(all["total"], 3);
    }
);

db_test!(
    async fn account_input_is_validated_field_by_field(app) {
        let res = app.post("/users", Some(&app.root), json!({"email": "not an email", "display_name": "", "password": "short", "roles": ["employee"], "agency_id": app.agency("17").await})).await;
        let body = problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
        assert_eq!(fields, ["display_name", "email"]);
        let res = app.post("/users", Some(&app.root), json!({"email": "ok@test.local", "display_name": "Ok", "password": "short", "roles": ["employee"], "agency_id": app.agency("17").await})).await;
        assert_eq!(problem(res, 422, "validation_failed").await["errors"][0]["code"], "password_too_short");
        let res = app.post("/users", Some(&app.root), json!({"email": "ok@test.local", "display_name": "Ok", "password": "long enough password", "roles": ["employee"]})).await;
        assert_eq!(problem(res, 422, "validation_failed").await["errors"][0]["field"], "agency_id");
        let res = app.post("/users", Some(&app.root), json!({"email": "root@test.local", "display_name": "Dup", "password": "long enough password", "roles": ["super_admin"]})).await;
        problem(res, 409, "duplicate_email").await;
    }
);

db_test!(
    async fn a_password_reset_signs_the_account_out_and_lifts_a_lock(app) {
        let agency = app.agency("17").await;
        let user = app.create_user_direct("staff@test.local", Some(agency), vec![Role::Employee], None).await;
        let session: Value = app.post("/auth/login", None, json!({"username": "staff@test.local", "password": PASSWORD})).await.json().await.expect("json");
        for _ in 0..5 {
            app.post("/auth/login", None, json!({"username": "staff@test.local", "password": "wrong password"})).await;
        }
        let locked: Value = app.get(&format!("/users/{}", user.id), &app.root).await.json().await.expect("json");
        assert!(locked["locked_until"].is_string(), "{locked}");
        let res = app.post(&format!("/users/{}/reset-password", user.id), Some(&app.root), json!({"password": "a brand new password"})).await;
        assert_eq!(res.status(), 204);
        problem(app.post("/auth/refresh", None, json!({"refresh_token": session["refresh_token"]})).await, 401, "unauthorized").await;
        problem(app.post("/auth/login", None, json!({"username": "staff@test.local", "password": PASSWORD})).await, 401, "invalid_credentials").await;
        app.login("staff@test.local", "a brand new password").await;
    }
);

db_test!(
    async fn nobody_can_deactivate_their_own_account(app) {
        let admin = app.agency_admin("1771").await;
        let res = app.patch(&format!("/users/{}", admin.id), &admin.token, json!({"active": false})).await;
        assert_eq!(problem(res, 422, "validation_failed").await["errors"][0]["code"], "cannot_deactivate_self");
    }
);

db_test!(
    async fn account_changes_are_audited_without_the_password(app) {
        let admin = app.agency_admin("1771").await;
        let res = app.post("/users", Some(&admin.token), json!({"email": "a@test.local", "display_name": "A", "password": "long enough password", "roles": ["employee"]})).await;
        let id = id_of(res).await;
        app.patch(&format!("/users/{id}"), &admin.token, json!({"display_name": "B", "roles": ["employee", "trainer"]})).await;
        app.post(&format!("/users/{id}/reset-password"), Some(&admin.token), json!({"password": "another long password"})).await;
        let events: Value = app.get(&format!("/audit-events?entity_id={id}"), &admin.token).await.json().await.expect("json");
        let actions: Vec<&str> = events["items"].as_array().expect("items").iter().filter_map(|e| e["action"].as_str()).collect();
        assert_eq!(actions, ["reset_password", "update", "create"]);
        let update = &events["items"][1];
        assert_eq!(update["changes"]["display_name"], json!({"before": "A", "after": "B"}));
        assert_eq!(update["changes"]["roles"]["after"], json!(["employee", "trainer"]));
        assert_eq!(update["actor_user_id"], json!(admin.id));
        assert!(update["request_id"].is_string());
        let text = events.to_string();
        assert!(!text.contains("argon2") && !text.contains("password_hash"), "{text}");
    }
);
