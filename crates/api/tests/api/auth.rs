//! Sign-in, lock-out, token refresh rotation and revocation, and `GET /me`.

use pembina_domain::accounts::Role;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, db_test, problem};

db_test!(
    async fn sign_in_by_email_gives_tokens_and_me_describes_the_account(app) {
        let res = app.post("/auth/login", None, json!({"username": "ROOT@test.local", "password": PASSWORD})).await;
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.expect("json");
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 900);
        assert!(body["refresh_token"].as_str().is_some_and(|t| t.len() >= 43));
        let me: Value = app.get("/me", body["access_token"].as_str().expect("token")).await.json().await.expect("json");
        assert_eq!(me["email"], "root@test.local");
        assert_eq!(me["roles"], json!(["super_admin"]));
        assert_eq!(me["agency"], Value::Null);
    }
);

db_test!(
    async fn sign_in_by_nip_works_for_an_account_linked_to_an_employee(app) {
        let admin = app.agency_admin("1771").await;
        let unit = app.unit(&admin.token, None, None, "DINKES").await;
        let emp = app.employee(&admin.token, None, unit, "198507152010011003", "Ahmad Fauzi", None).await;
        let agency = app.agency("1771").await;
        app.create_user_direct("ahmad@test.local", Some(agency), vec![Role::Employee], emp["id"].as_str().map(|s| s.parse().expect("uuid"))).await;
        let token = app.login("198507152010011003", PASSWORD).await;
        let me: Value = app.get("/me", &token).await.json().await.expect("json");
        assert_eq!(me["email"], "ahmad@test.local");
        assert_eq!(me["employee_id"], emp["id"]);
        assert_eq!(me["agency"]["code"], "1771");
    }
);

db_test!(
    async fn a_wrong_password_and_an_unknown_user_get_the_same_answer(app) {
        let wrong = app.post("/auth/login", None, json!({"username": "root@test.local", "password": "wrong password"})).await;
        let body = problem(wrong, 401, "invalid_credentials").await;
        let unknown = app.post("/auth/login", None, json!({"username": "nobody@test.local", "password": "wrong password"})).await;
        let body2 = problem(unknown, 401, "invalid_credentials").await;
        assert_eq!(body["detail"], body2["detail"]);
    }
);

db_test!(
    async fn five_wrong_passwords_lock_the_account_even_against_the_right_one(app) {
        for attempt in 1..=4 {
            let res = app.post("/auth/login", None, json!({"username": "root@test.local", "password": "wrong password"})).await;
            assert_eq!(res.status(), 401, "attempt {attempt}");
        }
        let fifth = app.post("/auth/login", None, json!({"username": "root@test.local", "password": "wrong password"})).await;
        let retry: u64 = fifth.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).expect("retry-after");
        assert!(retry > 800 && retry <= 900, "{retry}");
        problem(fifth, 423, "account_locked").await;
        let right = app.post("/auth/login", None, json!({"username": "root@test.local", "password": PASSWORD})).await;
        problem(right, 423, "account_locked").await;
    }
);

db_test!(
    async fn a_refresh_rotates_the_token_and_the_old_one_no_longer_works(app) {
        let login: Value = app.post("/auth/login", None, json!({"username": "root@test.local", "password": PASSWORD})).await.json().await.expect("json");
        let first = login["refresh_token"].as_str().expect("token").to_owned();
        let res = app.post("/auth/refresh", None, json!({"refresh_token": first})).await;
        assert_eq!(res.status(), 200);
        let second: Value = res.json().await.expect("json");
        let second_token = second["refresh_token"].as_str().expect("token").to_owned();
        assert_ne!(first, second_token);
        assert_eq!(app.get("/me", second["access_token"].as_str().expect("access")).await.status(), 200);

        // Replaying the first token is refused and, as it may have been stolen, revokes the
        // whole sign-in: the second token stops working too.
        problem(app.post("/auth/refresh", None, json!({"refresh_token": first})).await, 401, "unauthorized").await;
        problem(app.post("/auth/refresh", None, json!({"refresh_token": second_token})).await, 401, "unauthorized").await;
    }
);

db_test!(
    async fn logout_revokes_the_refresh_token_but_not_other_sign_ins(app) {
        let a: Value = app.post("/auth/login", None, json!({"username": "root@test.local", "password": PASSWORD})).await.json().await.expect("json");
        let b: Value = app.post("/auth/login", None, json!({"username": "root@test.local", "password": PASSWORD})).await.json().await.expect("json");
        let res = app.post("/auth/logout", None, json!({"refresh_token": a["refresh_token"]})).await;
        assert_eq!(res.status(), 204);
        problem(app.post("/auth/refresh", None, json!({"refresh_token": a["refresh_token"]})).await, 401, "unauthorized").await;
        assert_eq!(app.post("/auth/refresh", None, json!({"refresh_token": b["refresh_token"]})).await.status(), 200);
        // Logging out twice is harmless.
        assert_eq!(app.post("/auth/logout", None, json!({"refresh_token": a["refresh_token"]})).await.status(), 204);
    }
);

db_test!(
    async fn requests_without_a_valid_access_token_get_401_with_a_bearer_challenge(app) {
        let none = app.request(reqwest::Method::GET, "/me", None, None).await;
        assert_eq!(none.headers().get("www-authenticate").and_then(|v| v.to_str().ok()), Some("Bearer"));
        problem(none, 401, "unauthorized").await;
        problem(app.get("/me", "not-a-jwt").await, 401, "unauthorized").await;
        let forged = format!("{}x", app.root);
        problem(app.get("/employees", &forged).await, 401, "unauthorized").await;
    }
);

db_test!(
    async fn a_deactivated_account_cannot_sign_in_or_refresh(app) {
        let agency = app.agency("17").await;
        let login: Value = {
            app.create_user_direct("staff@test.local", Some(agency), vec![Role::Employee], None).await;
            app.post("/auth/login", None, json!({"username": "staff@test.local", "password": PASSWORD})).await.json().await.expect("json")
        };
        let users: Value = app.get("/users?q=staff@test.local", &app.root).await.json().await.expect("json");
        let id = users["items"][0]["id"].as_str().expect("id").to_owned();
        assert_eq!(app.patch(&format!("/users/{id}"), &app.root, json!({"active": false})).await.status(), 200);
        problem(app.post("/auth/login", None, json!({"username": "staff@test.local", "password": PASSWORD})).await, 403, "account_disabled").await;
        problem(app.post("/auth/refresh", None, json!({"refresh_token": login["refresh_token"]})).await, 401, "unauthorized").await;
    }
);
