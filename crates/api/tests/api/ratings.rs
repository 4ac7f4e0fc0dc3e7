//! Citizen service ratings (SKM): the public link and its token, validation naming elements,
//! idempotent retries, tickets, flags and their review, rate limits, the exact index, the
//! sample target, trends, the public results page and tenant isolation of the admin views.
//!
//! Citizens are told apart by `X-Forwarded-For` (the apps here trust it, as behind a proxy), so
//! that the per-address burst rule applies only where a test means it to.

use pembina_domain::accounts::Role;
use reqwest::{Method, Response};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, db_test_with, problem};

async fn expect_json(res: Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).expect("json")
}

/// A service unit (a Puskesmas) created through the API.
async fn service_unit(app: &TestApp, token: &str, code: &str, name: &str) -> Uuid {
    let res = app
        .post(
            "/org-units",
            Some(token),
            json!({"code": code, "name": name, "kind": "service_unit"}),
        )
        .await;
    let v = expect_json(res, 201).await;
    v["id"].as_str().expect("id").parse().expect("uuid")
}

/// The unit's public code and link token.
async fn link(app: &TestApp, token: &str, unit: Uuid) -> (String, String) {
    let l = expect_json(
        app.get(&format!("/org-units/{unit}/rating-link"), token)
            .await,
        200,
    )
    .await;
    (
        l["code"].as_str().expect("code").to_owned(),
        l["token"].as_str().expect("token").to_owned(),
    )
}

fn rating(scores: &[Option<i64>; 9]) -> Value {
    let answers: serde_json::Map<String, Value> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (format!("U{}", i + 1), json!(s))))
        .collect();
    json!({
        "answers": answers,
        "service_type": "Pemeriksaan umum",
        "respondent": {"sex": "female", "age_band": "30_39", "education": "sma", "occupation": "entrepreneur"}
    })
}

fn all(score: i64) -> Value {
    rating(&[Some(score); 9])
}

/// Sends a rating as a citizen at `ip`, without signing in.
async fn rate(app: &TestApp, ip: &str, code: &str, token: &str, body: Value) -> Response {
    app.client
        .post(app.url(&format!("/public/units/{code}/ratings?t={token}")))
        .header("x-forwarded-for", ip)
        .json(&body)
        .send()
        .await
        .expect("send")
}

async fn public_get(app: &TestApp, path: &str) -> Response {
    app.request(Method::GET, path, None, None).await
}

fn field_codes(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["field"].as_str().expect("field").to_owned(),
                e["code"].as_str().expect("code").to_owned(),
            )
        })
        .collect()
}

fn close(v: &Value, want: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!((got - want).abs() < 1e-9, "{got} != {want}");
}

const TRUST_PROXY: (&str, &str) = ("trust_forwarded_for", "true");

db_test_with!(
    async fn a_citizen_rates_through_the_unit_link_and_bad_scores_are_named_by_element(app) with [TRUST_PROXY] {
        let kota = app.agency_admin("1771").await;
        let unit = service_unit(&app, &kota.token, "PKM-JK", "Puskesmas Jembatan Kecil").await;
        let l = expect_json(app.get(&format!("/org-units/{unit}/rating-link"), &kota.token).await, 200).await;
        // Unit codes are unique per agency only: the public code carries the agency's.
        assert_eq!(l["code"], "1771-PKM-JK");
        assert_eq!(l["version"], 1);
        let token = l["token"].as_str().expect("token").to_owned();
        assert_eq!(token.len(), 22);
        let url = l["url"].as_str().expect("url");
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        assert!(url.ends_with(&format!("/r/1771-PKM-JK?t={token}")), "{url}");

        // The rating page's data, without signing in.
        let form = expect_json(public_get(&app, &format!("/public/units/1771-pkm-jk?t={token}")).await, 200).await;
        assert_eq!(form["unit_name"], "Puskesmas Jembatan Kecil");
        assert_eq!(form["agency_name"], "Pemerintah Kota Bengkulu");
        assert_eq!(form["elements"].as_array().map(Vec::len), Some(9));
        assert_eq!(form["elements"][8], json!({"code": "U9", "name": "Sarana dan Prasarana"}));

        let ok = expect_json(rate(&app, "198.51.100.1", "1771-PKM-JK", &token, all(4)).await, 201).await;
        assert!(ok["id"].is_string() && ok["submitted_at"].is_string());
        // Whether a rating was flagged is not the client's business.
        assert_eq!(ok.as_object().map(|o| o.len()), Some(2), "{ok}");

        // Every bad score and unknown code is named by its key, at once.
        let mut bad = all(4);
        bad["answers"]["U3"] = json!(5);
        bad["answers"]["U10"] = json!(4);
        bad["answers"]["U1"] = json!(0);
        bad["answers"]["U2"] = json!(2.5);
        let body = problem(rate(&app, "198.51.100.1", "1771-PKM-JK", &token, bad).await, 422, "validation_failed").await;
        assert_eq!(
            field_codes(&body),
            [
                ("answers.U1".to_owned(), "out_of_range".to_owned()),
                ("answers.U10".to_owned(), "unknown_element".to_owned()),
                ("answers.U2".to_owned(), "not_a_whole_number".to_owned()),
                ("answers.U3".to_owned(), "out_of_range".to_owned()),
            ]
        );
        // Elements may be left out, not all of them.
        let body = problem(rate(&app, "198.51.100.1", "1771-PKM-JK", &token, rating(&[None; 9])).await, 422, "validation_failed").await;
        assert_eq!(field_codes(&body), [("answers".to_owned(), "required".to_owned())]);
        let mut bad = all(3);
        bad["respondent"]["age_band"] = json!("25");
        bad["waiting_minutes"] = json!(1441);
        let body = problem(rate(&app, "198.51.100.1", "1771-PKM-JK", &token, bad).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "respondent.age_band");
        let mut bad = all(3);
        bad["waiting_minutes"] = json!(1441);
        bad["service_type"] = json!(" ");
        bad["comment"] = json!("x".repeat(1001));
        let body = problem(rate(&app, "198.51.100.1", "1771-PKM-JK", &token, bad).await, 422, "validation_failed").await;
        assert_eq!(
            field_codes(&body),
            [
                ("service_type".to_owned(), "required".to_owned()),
                ("comment".to_owned(), "too_long".to_owned()),
                ("waiting_minutes".to_owned(), "out_of_range".to_owned()),
            ]
        );

        // An unknown unit, a missing or wrong token, another agency's prefix: the same 404.
        for path in [
            format!("/public/units/1771-NOPE/ratings?t={token}"),
            "/public/units/1771-PKM-JK/ratings".to_owned(),
            "/public/units/1771-PKM-JK/ratings?t=AAAAAAAAAAAAAAAAAAAAAA".to_owned(),
            format!("/public/units/1702-PKM-JK/ratings?t={token}"),
            format!("/public/units/PKM-JK/ratings?t={token}"),
        ] {
            problem(app.post(&path, None, all(4)).await, 404, "not_found").await;
        }
        problem(public_get(&app, "/public/units/1771-PKM-JK?t=wrong").await, 404, "not_found").await;

        // An inactive unit takes no ratings.
        expect_json(app.patch(&format!("/org-units/{unit}"), &kota.token, json!({"active": false})).await, 200).await;
        problem(rate(&app, "198.51.100.1", "1771-PKM-JK", &token, all(4)).await, 404, "not_found").await;
    }
);

db_test_with!(
    async fn a_retried_submission_is_stored_once_and_a_ticket_rates_a_unit_once(app) with [TRUST_PROXY] {
        let kota = app.agency_admin("1771").await;
        let unit = service_unit(&app, &kota.token, "PKM-SL", "Puskesmas Sawah Lebar").await;
        let other = service_unit(&app, &kota.token, "PKM-NI", "Puskesmas Nusa Indah").await;
        let (code, token) = link(&app, &kota.token, unit).await;
        let (other_code, other_token) = link(&app, &kota.token, other).await;

        // Made offline, sent twice when the signal returns: stored once.
        let id = Uuid::new_v4();
        let mut body = all(4);
        body["id"] = json!(id);
        let first = expect_json(rate(&app, "198.51.100.1", &code, &token, body.clone()).await, 201).await;
        assert_eq!(first["id"], id.to_string());
        let again = expect_json(rate(&app, "198.51.100.2", &code, &token, body.clone()).await, 200).await;
        assert_eq!(again, first);
        // The stored rating is immutable: a retry with other scores changes nothing.
        let mut changed = all(1);
        changed["id"] = json!(id);
        expect_json(rate(&app, "198.51.100.1", &code, &token, changed).await, 200).await;
        let s = expect_json(app.get(&format!("/org-units/{unit}/satisfaction"), &kota.token).await, 200).await;
        assert_eq!(s["respondents"], 1);
        assert_eq!(s["score"], 100.0);
        // The same id for another unit is a client bug.
        let body409 = problem(rate(&app, "198.51.100.1", &other_code, &other_token, body).await, 409, "duplicate_id").await;
        assert_eq!(body409["errors"][0]["field"], "id");

        // One response per visit when the unit hands out tickets (case does not matter).
        let mut t = all(3);
        t["ticket"] = json!("a-17");
        expect_json(rate(&app, "198.51.100.3", &code, &token, t.clone()).await, 201).await;
        t["ticket"] = json!(" A-17 ");
        let b = problem(rate(&app, "198.51.100.4", &code, &token, t.clone()).await, 409, "ticket_used").await;
        assert_eq!(b["errors"][0]["field"], "ticket");
        // Another unit's ticket numbers are its own.
        expect_json(rate(&app, "198.51.100.4", &other_code, &other_token, t).await, 201).await;
        let s = expect_json(app.get(&format!("/org-units/{unit}/satisfaction"), &kota.token).await, 200).await;
        assert_eq!(s["respondents"], 2);
    }
);

db_test_with!(
    async fn honeypots_and_bursts_are_flagged_kept_and_counted_only_once_accepted(app) with [TRUST_PROXY] {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let unit = service_unit(&app, &kota.token, "PKM-LB", "Puskesmas Lingkar Barat").await;
        let (code, token) = link(&app, &kota.token, unit).await;

        // One address: the first four count, the fifth within ten minutes is flagged.
        for _ in 0..4 {
            expect_json(rate(&app, "203.0.113.5", &code, &token, all(4)).await, 201).await;
        }
        let burst = expect_json(rate(&app, "203.0.113.5", &code, &token, all(1)).await, 201).await;
        let burst_id = burst["id"].as_str().expect("id").to_owned();
        // A robot fills the hidden field: stored, answered like anyone, flagged.
        let mut robot = all(1);
        robot["website"] = json!("http://spam.example");
        let robot = expect_json(rate(&app, "203.0.113.99", &code, &token, robot).await, 201).await;
        let robot_id = robot["id"].as_str().expect("id").to_owned();

        let s = expect_json(app.get(&format!("/org-units/{unit}/satisfaction"), &kota.token).await, 200).await;
        assert_eq!((s["respondents"].as_u64(), s["flagged_pending"].as_u64()), (Some(4), Some(2)));
        assert_eq!(s["score"], 100.0);

        let flags = expect_json(app.get("/rating-flags", &kota.token).await, 200).await;
        assert_eq!(flags["total"], 2);
        let reasons: Vec<(&str, &str)> = flags["items"].as_array().expect("items").iter().map(|f| (f["id"].as_str().expect("id"), f["flag_reason"].as_str().expect("r"))).collect();
        // Newest first.
        assert_eq!(reasons, [(robot_id.as_str(), "honeypot"), (burst_id.as_str(), "address_burst")]);
        let first = &flags["items"][1];
        assert_eq!(first["review_state"], "pending");
        assert_eq!(first["unit_code"], "PKM-LB");
        assert_eq!(first["answers"]["U9"], 1);
        assert_eq!(first["respondent"]["occupation"], "entrepreneur");
        assert!(first.get("address_hash").is_none());

        // Another agency sees none and cannot decide.
        assert_eq!(expect_json(app.get("/rating-flags", &rl.token).await, 200).await["total"], 0);
        problem(app.post(&format!("/ratings/{burst_id}/review"), Some(&rl.token), json!({"decision": "accept"})).await, 404, "not_found").await;

        // Accepted: counted (4 × 100 % and one all-1 → NRR 3.4 each → 85.00). Rejected: kept, never counted.
        let accepted = expect_json(app.post(&format!("/ratings/{burst_id}/review"), Some(&kota.token), json!({"decision": "accept"})).await, 200).await;
        assert_eq!(accepted["review_state"], "accepted");
        expect_json(app.post(&format!("/ratings/{robot_id}/review"), Some(&kota.token), json!({"decision": "reject"})).await, 200).await;
        let s = expect_json(app.get(&format!("/org-units/{unit}/satisfaction"), &kota.token).await, 200).await;
        assert_eq!((s["respondents"].as_u64(), s["flagged_pending"].as_u64()), (Some(5), Some(0)));
        close(&s["score"], 85.0);
        assert_eq!(expect_json(app.get("/rating-flags", &kota.token).await, 200).await["total"], 0);
        let rejected = expect_json(app.get("/rating-flags?status=rejected", &kota.token).await, 200).await;
        assert_eq!(rejected["items"][0]["id"], robot_id);
        problem(app.get("/rating-flags?status=maybe", &kota.token).await, 422, "validation_failed").await;

        // Decisions are audited; an unflagged rating is not reviewed.
        let events = expect_json(app.get("/audit-events?entity_type=service_rating", &kota.token).await, 200).await;
        assert_eq!(events["total"], 2);
        let plain = expect_json(rate(&app, "203.0.113.7", &code, &token, all(4)).await, 201).await;
        problem(app.post(&format!("/ratings/{}/review", plain["id"].as_str().expect("id")), Some(&kota.token), json!({"decision": "accept"})).await, 409, "not_flagged").await;
        problem(app.post(&format!("/ratings/{burst_id}/review"), Some(&kota.token), json!({"decision": "maybe"})).await, 422, "validation_failed").await;
    }
);

db_test_with!(
    async fn sixty_ratings_to_one_unit_within_a_minute_flag_the_sixtieth(app) with [TRUST_PROXY] {
        let kota = app.agency_admin("1771").await;
        let unit = service_unit(&app, &kota.token, "PKM-KB", "Puskesmas Kampung Bali").await;
        let (code, token) = link(&app, &kota.token, unit).await;
        for i in 0..60 {
            expect_json(rate(&app, &format!("10.1.{}.{}", i / 200, i % 200 + 1), &code, &token, all(3)).await, 201).await;
        }
        let flags = expect_json(app.get("/rating-flags", &kota.token).await, 200).await;
        assert_eq!(flags["total"], 1);
        assert_eq!(flags["items"][0]["flag_reason"], "unit_burst");
        let s = expect_json(app.get(&format!("/org-units/{unit}/satisfaction"), &kota.token).await, 200).await;
        assert_eq!((s["respondents"].as_u64(), s["flagged_pending"].as_u64()), (Some(59), Some(1)));
    }
);

db_test_with!(
    async fn beyond_the_rate_limits_submissions_get_429_with_retry_after(app) with [TRUST_PROXY, ("public_rate_limit", "2"), ("public_unit_rate_limit", "3")] {
        let kota = app.agency_admin("1771").await;
        let unit = service_unit(&app, &kota.token, "PKM-PI", "Puskesmas Pasar Ikan").await;
        let (code, token) = link(&app, &kota.token, unit).await;
        let id = Uuid::new_v4();
        let mut first = all(4);
        first["id"] = json!(id);
        expect_json(rate(&app, "192.0.2.1", &code, &token, first.clone()).await, 201).await;
        expect_json(rate(&app, "192.0.2.1", &code, &token, all(4)).await, 201).await;
        let res = rate(&app, "192.0.2.1", &code, &token, all(4)).await;
        let retry: u64 = res.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).expect("Retry-After");
        assert!((1..=60).contains(&retry), "{retry}");
        problem(res, 429, "rate_limited").await;
        // A retry of a stored rating is no new submission: still answered.
        expect_json(rate(&app, "192.0.2.1", &code, &token, first).await, 200).await;
        // Per unit: the third of the minute passes, the fourth does not, whoever sends it.
        expect_json(rate(&app, "192.0.2.2", &code, &token, all(4)).await, 201).await;
        problem(rate(&app, "192.0.2.3", &code, &token, all(4)).await, 429, "rate_limited").await;
        let s = expect_json(app.get(&format!("/org-units/{unit}/satisfaction"), &kota.token).await, 200).await;
        assert_eq!(s["respondents"], 3);
    }
);

db_test_with!(
    async fn rotating_a_link_invalidates_the_old_one(app) with [TRUST_PROXY, ("public_base_url", "https://pembina.example/")] {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let unit = service_unit(&app, &kota.token, "PKM-BR", "Puskesmas Beringin Raya").await;
        let before = expect_json(app.get(&format!("/org-units/{unit}/rating-link"), &kota.token).await, 200).await;
        let old = before["token"].as_str().expect("token").to_owned();
        assert_eq!(before["url"], format!("https://pembina.example/r/1771-PKM-BR?t={old}"));
        // The link is stable until rotated (printed QR codes keep working).
        assert_eq!(expect_json(app.get(&format!("/org-units/{unit}/rating-link"), &kota.token).await, 200).await, before);
        expect_json(rate(&app, "192.0.2.1", "1771-PKM-BR", &old, all(4)).await, 201).await;

        let after = expect_json(app.post(&format!("/org-units/{unit}/rating-link/rotate"), Some(&kota.token), json!({})).await, 200).await;
        let new = after["token"].as_str().expect("token").to_owned();
        assert_ne!(new, old);
        assert_eq!(after["version"], 2);
        problem(rate(&app, "192.0.2.1", "1771-PKM-BR", &old, all(4)).await, 404, "not_found").await;
        expect_json(rate(&app, "192.0.2.1", "1771-PKM-BR", &new, all(4)).await, 201).await;
        assert_eq!(expect_json(app.get(&format!("/org-units/{unit}/rating-link"), &kota.token).await, 200).await, after);
        let events = expect_json(app.get(&format!("/audit-events?entity_type=service_rating_unit&entity_id={unit}"), &kota.token).await, 200).await;
        assert_eq!(events["items"][0]["action"], "rotate_link");

        // Another agency can neither see nor rotate it.
        problem(app.get(&format!("/org-units/{unit}/rating-link"), &rl.token).await, 404, "not_found").await;
        problem(app.post(&format!("/org-units/{unit}/rating-link/rotate"), Some(&rl.token), json!({})).await, 404, "not_found").await;
        expect_json(rate(&app, "192.0.2.1", "1771-PKM-BR", &new, all(4)).await, 201).await;
    }
);

db_test_with!(
    async fn the_link_comes_as_a_qr_code_and_a_printable_poster(app) with [("public_base_url", "https://pembina.example")] {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let unit = service_unit(&app, &kota.token, "PKM-AA", "Puskesmas Anggut Atas").await;
        let get = |path: String, token: String| {
            let client = app.client.clone();
            let url = app.url(&path);
            async move { client.get(url).bearer_auth(token).send().await.expect("send") }
        };
        let png = get(format!("/org-units/{unit}/rating-link/qr"), kota.token.clone()).await;
        assert_eq!(png.status(), 200);
        assert_eq!(png.headers()["content-type"], "image/png");
        assert!(png.headers()["content-disposition"].to_str().expect("ascii").contains("skm-1771-PKM-AA.png"));
        let bytes = png.bytes().await.expect("body");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let small = get(format!("/org-units/{unit}/rating-link/qr?scale=2"), kota.token.clone()).await.bytes().await.expect("body");
        assert!(small.len() < bytes.len());
        let svg = get(format!("/org-units/{unit}/rating-link/qr?format=svg"), kota.token.clone()).await;
        assert_eq!(svg.headers()["content-type"], "image/svg+xml");
        assert!(svg.text().await.expect("text").contains("<svg"));
        problem(get(format!("/org-units/{unit}/rating-link/qr?scale=41"), kota.token.clone()).await, 422, "validation_failed").await;
        problem(get(format!("/org-units/{unit}/rating-link/qr?format=gif"), kota.token.clone()).await, 422, "validation_failed").await;

        let poster = get(format!("/org-units/{unit}/rating-link/poster"), kota.token.clone()).await;
        assert_eq!(poster.status(), 200);
        assert_eq!(poster.headers()["content-type"], "application/pdf");
        let pdf = poster.bytes().await.expect("body");
        assert!(pdf.starts_with(b"%PDF-"));
        let doc = lopdf::Document::load_mem(&pdf).expect("a PDF");
        let text = doc.extract_text(&[1]).expect("text");
        assert!(text.contains("Puskesmas Anggut Atas"), "{text}");
        let url = expect_json(app.get(&format!("/org-units/{unit}/rating-link"), &kota.token).await, 200).await["url"].as_str().expect("url").to_owned();
        assert!(url.starts_with("https://pembina.example/r/1771-PKM-AA?t="));
        assert!(text.contains(&url), "{text}");

        // Another agency's unit: not found; other roles: forbidden.
        problem(get(format!("/org-units/{unit}/rating-link/qr"), rl.token.clone()).await, 404, "not_found").await;
        problem(get(format!("/org-units/{unit}/rating-link/poster"), rl.token.clone()).await, 404, "not_found").await;
    }
);

db_test_with!(
    async fn the_index_of_a_known_data_set_is_exact(app) with [TRUST_PROXY] {
        let kota = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = service_unit(&app, &kota.token, "PKM-JG", "Puskesmas Jalan Gedang").await;
        let other = service_unit(&app, &kota.token, "PKM-PS", "Puskesmas Padang Serai").await;
        let (code, token) = link(&app, &kota.token, unit).await;
        let (other_code, other_token) = link(&app, &kota.token, other).await;

        // Three respondents; the second found U4 (cost) not applicable:
        //        U1 U2 U3 U4 U5 U6 U7 U8 U9   waiting
        //   R1    4  4  4  4  4  4  4  4  4   10
        //   R2    3  3  3  -  3  3  3  3  3   20
        //   R3    2  3  4  1  2  3  4  2  3   45
        // NRR: U1 9/3 = 3, U2 10/3, U3 11/3, U4 5/2 = 2.5, U5 3, U6 10/3, U7 11/3, U8 3, U9 10/3.
        // IKM = Σ NRR / 9 = (11.5 + 52/3) / 9 = 173/54 = 3.2037…; score 4325/54 = 80.0926 → B.
        // With 0.11: × 0.99 → 79.2917, still B.
        let rows: [([Option<i64>; 9], i64); 3] = [
            ([Some(4); 9], 10),
            ([Some(3), Some(3), Some(3), None, Some(3), Some(3), Some(3), Some(3), Some(3)], 20),
            ([Some(2), Some(3), Some(4), Some(1), Some(2), Some(3), Some(4), Some(2), Some(3)], 45),
        ];
        for (i, (scores, wait)) in rows.iter().enumerate() {
            let mut b = rating(scores);
            b["waiting_minutes"] = json!(wait);
            expect_json(rate(&app, &format!("192.0.2.{}", i + 1), &code, &token, b).await, 201).await;
        }
        // One respondent of the other unit, all 2: NRR 2, IKM 2, score 50 → D.
        expect_json(rate(&app, "192.0.2.9", &other_code, &other_token, all(2)).await, 201).await;

        let s = expect_json(app.get(&format!("/org-units/{unit}/satisfaction"), &kota.token).await, 200).await;
        assert_eq!(s["respondents"], 3);
        assert_eq!(s["weighting"], "exact");
        let nrr: Vec<(String, Option<f64>, u64)> = s["elements"].as_array().expect("elements").iter().map(|e| (e["code"].as_str().expect("c").to_owned(), e["nrr"].as_f64(), e["answered"].as_u64().expect("n"))).collect();
        assert_eq!(nrr.len(), 9);
        assert_eq!(nrr[0], ("U1".to_owned(), Some(3.0), 3));
        assert_eq!(nrr[3], ("U4".to_owned(), Some(2.5), 2));
        close(&s["elements"][2]["nrr"], 11.0 / 3.0);
        assert_eq!(s["elements"][3]["name"], "Biaya/Tarif");
        close(&s["ikm"], 173.0 / 54.0);
        close(&s["score"], 4325.0 / 54.0);
        assert_eq!((s["grade"].as_str(), s["grade_label"].as_str()), (Some("B"), Some("Baik")));
        // Waiting: 10, 20, 45 → median 20, 90th percentile rank ⌈2.7⌉ = 3 → 45.
        assert_eq!(s["waiting"], json!({"count": 3, "median": 20.0, "p90": 45}));
        assert_eq!(s["sample_target"], Value::Null);
        assert_eq!(s["flagged_pending"], 0);

        let c = expect_json(app.get(&format!("/org-units/{unit}/satisfaction?weighting=compat_0_11"), &kota.token).await, 200).await;
        assert_eq!(c["weighting"], "compat_0_11");
        close(&c["score"], 4325.0 / 54.0 * 0.99);
        assert_eq!(c["elements"], s["elements"]);

        // The sample target: N = 300 needs 169 respondents (Krejcie-Morgan).
        let p = expect_json(app.put(&format!("/org-units/{unit}/served-population"), &kota.token, json!({"served_population": 300})).await, 200).await;
        assert_eq!(p["sample_required"], 169);
        problem(app.put(&format!("/org-units/{unit}/served-population"), &kota.token, json!({"served_population": 0})).await, 422, "validation_failed").await;
        let s = expect_json(app.get(&format!("/org-units/{unit}/satisfaction"), &kota.token).await, 200).await;
        assert_eq!(s["sample_target"], json!({"population": 300, "required": 169, "reached": false}));

        // Periods: this month, a custom range and the default year agree; another year is empty.
        let today = pembina_api::routes::learning::today();
        let month = today.format("%Y-%m").to_string();
        let m = expect_json(app.get(&format!("/org-units/{unit}/satisfaction?period={month}"), &kota.token).await, 200).await;
        assert_eq!(m["score"], s["score"]);
        let r = expect_json(app.get(&format!("/org-units/{unit}/satisfaction?from={today}&to={today}"), &kota.token).await, 200).await;
        assert_eq!((r["respondents"].as_u64(), r["from"].as_str()), (Some(3), Some(today.to_string().as_str())));
        let empty = expect_json(app.get(&format!("/org-units/{unit}/satisfaction?period=2001-Q1"), &kota.token).await, 200).await;
        assert_eq!((empty["respondents"].as_u64(), empty["ikm"].clone(), empty["grade"].clone()), (Some(0), Value::Null, Value::Null));
        assert_eq!(empty["elements"][0]["nrr"], Value::Null);
        assert_eq!(empty["waiting"], Value::Null);
        for (q, field) in [("period=2026-Q5", "period"), ("period=2026&from=2026-01-01", "period"), ("from=2026-01-01", "to"), ("from=2026-02-01&to=2026-01-01", "to"), ("from=2020-01-01&to=2026-01-01", "to"), ("weighting=0.11", "weighting")] {
            let body = problem(app.get(&format!("/org-units/{unit}/satisfaction?{q}"), &kota.token).await, 422, "validation_failed").await;
            assert_eq!(body["errors"][0]["field"], field, "{q}");
        }

        // The month's trend holds the three; the other months are empty.
        let year = today.format("%Y").to_string();
        let t = expect_json(app.get(&format!("/org-units/{unit}/satisfaction/trend?year={year}"), &kota.token).await, 200).await;
        let months = t["months"].as_array().expect("months");
        assert_eq!(months.len(), 12);
        let this = months.iter().find(|m| m["month"] == month.as_str()).expect("this month");
        assert_eq!(this["respondents"], 3);
        assert_eq!(this["score"], s["score"]);
        assert_eq!(months.iter().filter(|m| m["respondents"] == 0).count(), 11);
        problem(app.get(&format!("/org-units/{unit}/satisfaction/trend?year=1999"), &kota.token).await, 422, "validation_failed").await;

        // The agency: each service unit, and all four responses pooled.
        // U1 (9 + 2) / 4 = 2.75, U2 3, U3 3.25, U4 7/3, U5 2.75, U6 3, U7 3.25, U8 2.75, U9 3:
        // Σ = 313/12, IKM 313/108 = 2.8981, score 7825/108 = 72.4537 → C.
        let a = expect_json(app.get(&format!("/agencies/{agency}/satisfaction"), &kota.token).await, 200).await;
        assert_eq!(a["overall"]["respondents"], 4);
        close(&a["overall"]["ikm"], 313.0 / 108.0);
        close(&a["overall"]["score"], 7825.0 / 108.0);
        assert_eq!(a["overall"]["grade"], "C");
        let units: Vec<(&str, u64, Option<&str>)> = a["units"].as_array().expect("units").iter().map(|u| (u["code"].as_str().expect("c"), u["respondents"].as_u64().expect("n"), u["grade"].as_str())).collect();
        assert_eq!(units, [("PKM-JG", 3, Some("B")), ("PKM-PS", 1, Some("D"))]);
        assert_eq!(a["units"][0]["sample_target"]["required"], 169);
        assert_eq!(a["units"][1]["sample_target"], Value::Null);

        // API keys read it with ratings:read, not with another scope.
        let key = expect_json(app.post("/api-keys", Some(&kota.token), json!({"name": "Dashboard", "scopes": ["ratings:read"]})).await, 201).await;
        let secret = key["secret"].as_str().expect("secret");
        let k = expect_json(app.get(&format!("/org-units/{unit}/satisfaction"), secret).await, 200).await;
        assert_eq!(k["score"], s["score"]);
        let key = expect_json(app.post("/api-keys", Some(&kota.token), json!({"name": "Org", "scopes": ["org:read"]})).await, 201).await;
        problem(app.get(&format!("/org-units/{unit}/satisfaction"), key["secret"].as_str().expect("secret")).await, 403, "forbidden").await;

        // The public results page, without signing in.
        let p = expect_json(public_get(&app, "/public/agencies/1771/satisfaction").await, 200).await;
        assert_eq!(p["agency_name"], "Pemerintah Kota Bengkulu");
        assert_eq!(p["to"], today.to_string());
        let pu = p["units"].as_array().expect("units");
        assert_eq!(pu.len(), 2);
        assert_eq!(pu[0]["code"], "1771-PKM-JG");
        assert_eq!(pu[0]["name"], "Puskesmas Jalan Gedang");
        assert_eq!(pu[0]["respondents"], 3);
        close(&pu[0]["score"], 4325.0 / 54.0);
        assert_eq!((pu[0]["grade"].as_str(), pu[0]["grade_label"].as_str()), (Some("B"), Some("Baik")));
        assert_eq!((pu[0]["previous_score"].clone(), pu[0]["trend"].clone()), (Value::Null, Value::Null));
        let empty = expect_json(public_get(&app, "/public/agencies/1702/satisfaction").await, 200).await;
        assert_eq!(empty["units"], json!([]));
        problem(public_get(&app, "/public/agencies/9999/satisfaction").await, 404, "not_found").await;
    }
);

db_test_with!(
    async fn admin_views_are_isolated_by_agency_and_closed_to_other_roles(app) with [TRUST_PROXY] {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let kota_agency = app.agency("1771").await;
        let unit = service_unit(&app, &kota.token, "PKM-TD", "Puskesmas Telaga Dewa").await;
        let (code, token) = link(&app, &kota.token, unit).await;
        expect_json(rate(&app, "192.0.2.1", &code, &token, all(4)).await, 201).await;

        for path in [
            format!("/org-units/{unit}/satisfaction"),
            format!("/org-units/{unit}/satisfaction/trend"),
            format!("/org-units/{unit}/rating-link"),
            format!("/agencies/{kota_agency}/satisfaction"),
        ] {
            problem(app.get(&path, &rl.token).await, 404, "not_found").await;
        }
        problem(app.put(&format!("/org-units/{unit}/served-population"), &rl.token, json!({"served_population": 10})).await, 404, "not_found").await;
        // Their own agency's overview does not list our units.
        let theirs = expect_json(app.get(&format!("/agencies/{}/satisfaction", app.agency("1702").await), &rl.token).await, 200).await;
        assert_eq!((theirs["units"].clone(), theirs["overall"]["respondents"].as_u64()), (json!([]), Some(0)));
        // The super admin sees every agency.
        let all_view = expect_json(app.get(&format!("/org-units/{unit}/satisfaction"), &app.root).await, 200).await;
        assert_eq!(all_view["respondents"], 1);

        // Employees are not administrators; nobody reads without signing in.
        let clerk = app.create_user_direct("clerk@test.local", Some(kota_agency), vec![Role::Employee], None).await;
        problem(app.get(&format!("/org-units/{unit}/satisfaction"), &clerk.token).await, 403, "forbidden").await;
        problem(app.get("/rating-flags", &clerk.token).await, 403, "forbidden").await;
        problem(app.get(&format!("/org-units/{unit}/rating-link"), &clerk.token).await, 403, "forbidden").await;
        problem(app.request(Method::GET, &format!("/org-units/{unit}/satisfaction"), None, None).await, 401, "unauthorized").await;
    }
);
