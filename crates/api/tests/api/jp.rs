//! The 20 JP ledger: crediting activities (minutes and JP, the agency's conversion and yearly
//! cap, the year of the activity), references credited once, session credits left to their
//! enrolment, who may see a ledger, the summary per unit, the shortfall list and its export, and
//! the `external-trainings` import.

use chrono::NaiveDate;
use pembina_domain::accounts::Role;
use pembina_domain::competency::plan::ActivityKind;
use pembina_domain::learning::jp::CentiJp;
use pembina_persistence::audit::Actor;
use pembina_persistence::repositories::jp::{Amount, CreditRequest, CreditSource};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, db_test, problem};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `n`-th test NIP (valid: born 1990-02-02, appointed 2015-03, female).
fn nip(n: u32) -> String {
    format!("199002022015032{n:03}")
}

async fn json_of(res: reqwest::Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.unwrap_or_default();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).expect("json")
}

async fn get_json(app: &TestApp, path: &str, token: &str) -> Value {
    json_of(app.get(path, token).await, 200).await
}

/// Creates an employee in `unit` and returns its id.
async fn employee(
    app: &TestApp,
    token: &str,
    unit: Uuid,
    n: u32,
    name: &str,
    supervisor: Option<Uuid>,
) -> Uuid {
    let e = app
        .employee(token, None, unit, &nip(n), name, supervisor)
        .await;
    e["id"].as_str().expect("id").parse().expect("uuid")
}

/// Credits `body` (an employee, kind, date and amount; the title and source are filled in).
async fn credit(app: &TestApp, token: &str, mut body: Value) -> reqwest::Response {
    let obj = body.as_object_mut().expect("object");
    obj.entry("title").or_insert(json!("Kegiatan pengembangan"));
    obj.entry("source").or_insert(json!("external"));
    obj.entry("activity_kind").or_insert(json!("training"));
    app.post("/jp-credits", Some(token), body).await
}

/// Credits `jp` JP of training on `date` and returns the credit.
async fn credit_jp(app: &TestApp, token: &str, employee: Uuid, jp: f64, date: &str) -> Value {
    json_of(
        credit(
            app,
            token,
            json!({"employee_id": employee, "jp": jp, "occurred_on": date}),
        )
        .await,
        201,
    )
    .await
}

async fn ledger(app: &TestApp, token: &str, employee: Uuid, year: i32) -> Value {
    get_json(app, &format!("/employees/{employee}/jp?year={year}"), token).await
}

fn titles(ledger: &Value) -> Vec<String> {
    ledger["credits"]
        .as_array()
        .expect("credits")
        .iter()
        .map(|c| c["title"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn error_fields(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap_or_default().to_owned(),
                e["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn pairs(want: &[(&str, &str)]) -> Vec<(String, String)> {
    want.iter()
        .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
        .collect()
}

async fn audit_total(app: &TestApp, token: &str, entity_type: &str) -> i64 {
    get_json(
        app,
        &format!("/audit-events?entity_type={entity_type}&per_page=1"),
        token,
    )
    .await["total"]
        .as_i64()
        .expect("total")
}

db_test!(
    async fn minutes_are_credited_by_the_agencys_conversion_up_to_its_yearly_cap(app) {
        let kota = app.agency_admin("1771").await;
        let unit = app.unit(&kota.token, None, None, "DINKES").await;
        let e = employee(&app, &kota.token, unit, 1, "Siti Aminah", None).await;

        // The default: 45 minutes make 1 JP, 100 minutes 2.22 JP (rounded down).
        let one = json_of(credit(&app, &kota.token, json!({"employee_id": e, "minutes": 45, "occurred_on": "2026-02-01", "title": "Bimtek SIPD", "activity_kind": "bimtek", "provider": "Kemendagri", "reference": "BIMTEK-1"})).await, 201).await;
        assert_eq!(one["jp"], 1.0);
        assert_eq!(one["minutes"], 45);
        assert_eq!(one["year"], 2026);
        assert_eq!(one["source"], "external");
        assert_eq!(one["reference"], "BIMTEK-1");
        assert_eq!(one["activity_kind"], "bimtek");
        assert_eq!(one["form"], "classical");
        assert_eq!(one["provider"], "Kemendagri");
        assert_eq!(one["employee_id"], e.to_string());
        let odd = json_of(credit(&app, &kota.token, json!({"employee_id": e, "minutes": 100, "occurred_on": "2026-02-02", "title": "Seminar", "activity_kind": "seminar"})).await, 201).await;
        assert_eq!(odd["jp"], 2.22);
        assert!(odd["reference"].as_str().is_some_and(|r| !r.is_empty()), "a reference is generated");

        // Every kind has a setting, the default until the agency sets its own.
        let before = get_json(&app, "/jp-conversions", &kota.token).await;
        let table = before["conversions"].as_array().expect("conversions");
        assert_eq!(table.len(), 14);
        assert!(table.iter().all(|c| c["is_default"] == true && c["credit_percent"] == 100 && c["yearly_cap_jp"].is_null()));

        // Self-study counts half, at most 2.5 JP a year.
        let res = app.put("/jp-conversions", &kota.token, json!({"conversions": [{"activity_kind": "self_study", "credit_percent": 50, "yearly_cap_jp": 2.5}]})).await;
        let after = json_of(res, 200).await;
        let self_study = after["conversions"].as_array().expect("c").iter().find(|c| c["activity_kind"] == "self_study").cloned().expect("self_study");
        assert_eq!((self_study["credit_percent"].as_i64(), self_study["yearly_cap_jp"].as_f64(), self_study["is_default"].as_bool()), (Some(50), Some(2.5), Some(false)));
        assert_eq!(self_study["form"], "non_classical");
        let coaching = after["conversions"].as_array().expect("c").iter().find(|c| c["activity_kind"] == "coaching").cloned().expect("coaching");
        assert_eq!(coaching["is_default"], true);
        assert_eq!(audit_total(&app, &kota.token, "jp_conversions").await, 1);

        let study = |date: &str, title: &str| json!({"employee_id": e, "minutes": 90, "occurred_on": date, "title": title, "source": "activity", "activity_kind": "self_study"});
        let first = json_of(credit(&app, &kota.token, study("2026-03-01", "Belajar mandiri 1")).await, 201).await;
        assert_eq!(first["jp"], 1.0, "90 minutes are 2 JP, half of it counts");
        assert_eq!(first["source"], "activity");
        let second = json_of(credit(&app, &kota.token, study("2026-04-01", "Belajar mandiri 2")).await, 201).await;
        assert_eq!(second["jp"], 1.0);
        let third = json_of(credit(&app, &kota.token, study("2026-05-01", "Belajar mandiri 3")).await, 201).await;
        assert_eq!(third["jp"], 0.5, "only what is left under the cap of 2.5 JP");
        let fourth = json_of(credit(&app, &kota.token, study("2026-06-01", "Belajar mandiri 4")).await, 201).await;
        assert_eq!(fourth["jp"], 0.0, "the cap is reached");
        // The cap is per year: 2027 starts afresh.
        let next_year = json_of(credit(&app, &kota.token, study("2027-01-15", "Belajar mandiri 2027")).await, 201).await;
        assert_eq!(next_year["jp"], 1.0);

        let l = ledger(&app, &kota.token, e, 2026).await;
        assert_eq!(l["employee_id"], e.to_string());
        assert_eq!(l["year"], 2026);
        assert_eq!(titles(&l), ["Belajar mandiri 4", "Belajar mandiri 3", "Belajar mandiri 2", "Belajar mandiri 1", "Seminar", "Bimtek SIPD"], "newest first");
        // 1 + 2.22 + 1 + 1 + 0.5 + 0 = 5.72
        assert_eq!(l["standing"], json!({"total_jp": 5.72, "target_jp": 20.0, "shortfall_jp": 14.28, "meets": false}));
        assert_eq!(audit_total(&app, &kota.token, "jp_credit").await, 7);

        // Bad settings are named by their place in the list.
        let res = app.put("/jp-conversions", &kota.token, json!({"conversions": [
            {"activity_kind": "coaching", "credit_percent": 100},
            {"activity_kind": "mentoring", "credit_percent": 0, "yearly_cap_jp": 1.234},
            {"activity_kind": "coaching", "credit_percent": 101}
        ]})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), pairs(&[
            ("conversions[1].credit_percent", "out_of_range"),
            ("conversions[1].yearly_cap_jp", "too_precise"),
            ("conversions[2].activity_kind", "duplicate"),
            ("conversions[2].credit_percent", "out_of_range"),
        ]));
        // Replacing the table with an empty one brings back the defaults.
        let reset = json_of(app.put("/jp-conversions", &kota.token, json!({"conversions": []})).await, 200).await;
        assert!(reset["conversions"].as_array().expect("c").iter().all(|c| c["is_default"] == true));
        // Super admins name the agency.
        problem(app.get("/jp-conversions", &app.root).await, 422, "validation_failed").await;
        let agency = app.agency("1771").await;
        let root_view = get_json(&app, &format!("/jp-conversions?agency_id={agency}"), &app.root).await;
        assert_eq!(root_view["agency_id"], agency.to_string());
    }
);

db_test!(
    async fn the_year_of_the_activity_is_the_year_credited(app) {
        let kota = app.agency_admin("1771").await;
        let unit = app.unit(&kota.token, None, None, "DINKES").await;
        let e = employee(&app, &kota.token, unit, 1, "Siti Aminah", None).await;
        let dec = credit_jp(&app, &kota.token, e, 8.0, "2026-12-31").await;
        assert_eq!(dec["year"], 2026);
        let jan = credit_jp(&app, &kota.token, e, 3.0, "2027-01-01").await;
        assert_eq!(jan["year"], 2027);
        let y2026 = ledger(&app, &kota.token, e, 2026).await;
        assert_eq!(y2026["credits"].as_array().map(Vec::len), Some(1));
        assert_eq!(y2026["credits"][0]["occurred_on"], "2026-12-31");
        assert_eq!(y2026["standing"]["total_jp"], 8.0);
        let y2027 = ledger(&app, &kota.token, e, 2027).await;
        assert_eq!(y2027["credits"].as_array().map(Vec::len), Some(1));
        assert_eq!(y2027["credits"][0]["occurred_on"], "2027-01-01");
        assert_eq!(y2027["standing"]["total_jp"], 3.0);
        assert_eq!(y2027["standing"]["shortfall_jp"], 17.0);
        problem(app.get(&format!("/employees/{e}/jp?year=1999"), &kota.token).await, 422, "validation_failed").await;
    }
);

db_test!(
    async fn a_reference_is_credited_once_and_session_credits_follow_their_enrolment(app) {
        let kota = app.agency_admin("1771").await;
        let unit = app.unit(&kota.token, None, None, "DINKES").await;
        let e = employee(&app, &kota.token, unit, 1, "Siti Aminah", None).await;
        let body = json!({"employee_id": e, "jp": 12.5, "occurred_on": "2026-05-10", "reference": "SERT-2026-0042"});
        let first = json_of(credit(&app, &kota.token, body.clone()).await, 201).await;
        assert_eq!(first["jp"], 12.5);
        let dup = problem(credit(&app, &kota.token, body).await, 409, "duplicate").await;
        assert_eq!(error_fields(&dup), pairs(&[("reference", "duplicate")]));
        let l = ledger(&app, &kota.token, e, 2026).await;
        assert_eq!(l["credits"].as_array().map(Vec::len), Some(1), "no second credit");
        assert_eq!(l["standing"]["total_jp"], 12.5);

        // A session credit (written by the session module on completion).
        let agency = app.agency("1771").await;
        let session = pembina_persistence::repositories::jp::credit(
            &app.db,
            &Actor::system(),
            CreditRequest {
                agency_id: agency,
                employee_id: e,
                occurred_on: NaiveDate::from_ymd_opt(2026, 6, 30).expect("date"),
                source: CreditSource::Session,
                source_ref: Uuid::now_v7().to_string(),
                title: "Pelatihan Dasar CPNS".into(),
                activity_kind: ActivityKind::Training,
                provider: None,
                amount: Amount::Jp(CentiJp(3000)),
            },
        )
        .await
        .expect("credit")
        .expect("created");
        let l = ledger(&app, &kota.token, e, 2026).await;
        assert_eq!(l["credits"][0]["source"], "session");
        assert_eq!(l["standing"], json!({"total_jp": 42.5, "target_jp": 20.0, "shortfall_jp": 0.0, "meets": true}));
        let res = app.request(Method::DELETE, &format!("/jp-credits/{}", session.id), Some(&kota.token), None).await;
        problem(res, 409, "session_credit").await;

        // External credits can be removed (once), and the removal is audited.
        let id = first["id"].as_str().expect("id");
        let res = app.request(Method::DELETE, &format!("/jp-credits/{id}"), Some(&kota.token), None).await;
        assert_eq!(res.status(), 204);
        let res = app.request(Method::DELETE, &format!("/jp-credits/{id}"), Some(&kota.token), None).await;
        problem(res, 404, "not_found").await;
        let l = ledger(&app, &kota.token, e, 2026).await;
        assert_eq!(l["standing"]["total_jp"], 30.0);
        let events = get_json(&app, "/audit-events?entity_type=jp_credit", &kota.token).await;
        let actions: Vec<&str> = events["items"].as_array().expect("items").iter().filter_map(|e| e["action"].as_str()).collect();
        assert_eq!(actions, ["delete", "create"]);
        // Once removed, the reference can be credited again.
        json_of(credit(&app, &kota.token, json!({"employee_id": e, "jp": 2, "occurred_on": "2026-05-10", "reference": "SERT-2026-0042"})).await, 201).await;
    }
);

db_test!(
    async fn jp_or_minutes_must_be_given_and_the_fields_are_named(app) {
        let kota = app.agency_admin("1771").await;
        let unit = app.unit(&kota.token, None, None, "DINKES").await;
        let e = employee(&app, &kota.token, unit, 1, "Siti Aminah", None).await;
        let both = problem(credit(&app, &kota.token, json!({"employee_id": e, "jp": 2, "minutes": 90, "occurred_on": "2026-05-10"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&both), pairs(&[("minutes", "exclusive")]));
        let neither = problem(credit(&app, &kota.token, json!({"employee_id": e, "occurred_on": "2026-05-10"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&neither), pairs(&[("jp", "required")]));
        let precise = problem(credit(&app, &kota.token, json!({"employee_id": e, "jp": 1.234, "occurred_on": "2026-05-10"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&precise), pairs(&[("jp", "too_precise")]));
        let long = problem(credit(&app, &kota.token, json!({"employee_id": e, "minutes": 100_001, "occurred_on": "2026-05-10", "title": " "})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&long), pairs(&[("title", "required"), ("minutes", "out_of_range")]));
        let fraction = problem(credit(&app, &kota.token, json!({"employee_id": e, "minutes": 1.5, "occurred_on": "2026-05-10"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&fraction)[0].0, "minutes");
        let session = problem(credit(&app, &kota.token, json!({"employee_id": e, "jp": 2, "occurred_on": "2026-05-10", "source": "session"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&session), pairs(&[("source", "not_allowed")]));
        let kind = problem(credit(&app, &kota.token, json!({"employee_id": e, "jp": 2, "occurred_on": "2026-05-10", "activity_kind": "nap"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&kind)[0].0, "activity_kind");
        problem(credit(&app, &kota.token, json!({"employee_id": Uuid::now_v7(), "jp": 2, "occurred_on": "2026-05-10"})).await, 404, "not_found").await;
        assert_eq!(ledger(&app, &kota.token, e, 2026).await["credits"], json!([]));
    }
);

/// Kota Bengkulu: unit JPA with JPB below it. In JPA: Dewi 25 JP, Andi 10 JP, Citra and Budi
/// none; in JPB: Eka exactly 20 JP, and Fajar (30 JP) who is inactive.
struct Staff {
    token: String,
    unit_a: Uuid,
    unit_b: Uuid,
}

async fn arrange_staff(app: &TestApp) -> Staff {
    let kota = app.agency_admin("1771").await;
    let unit_a = app.unit(&kota.token, None, None, "JPA").await;
    let unit_b = app.unit(&kota.token, None, Some(unit_a), "JPB").await;
    let dewi = employee(app, &kota.token, unit_a, 1, "Dewi", None).await;
    let andi = employee(app, &kota.token, unit_a, 2, "Andi", None).await;
    employee(app, &kota.token, unit_a, 3, "citra", None).await;
    employee(app, &kota.token, unit_a, 4, "Budi", None).await;
    let eka = employee(app, &kota.token, unit_b, 5, "Eka", None).await;
    let fajar = employee(app, &kota.token, unit_b, 6, "Fajar", None).await;
    credit_jp(app, &kota.token, dewi, 20.0, "2026-03-01").await;
    credit_jp(app, &kota.token, dewi, 5.0, "2026-04-01").await;
    credit_jp(app, &kota.token, andi, 10.0, "2026-03-01").await;
    // Last year's credits do not count this year.
    credit_jp(app, &kota.token, andi, 30.0, "2025-12-31").await;
    credit_jp(app, &kota.token, eka, 20.0, "2026-03-01").await;
    credit_jp(app, &kota.token, fajar, 30.0, "2026-03-01").await;
    let res = app
        .request(
            Method::DELETE,
            &format!("/employees/{fajar}"),
            Some(&kota.token),
            None,
        )
        .await;
    assert!(res.status().is_success(), "deactivate");
    Staff {
        token: kota.token,
        unit_a,
        unit_b,
    }
}

db_test!(
    async fn the_summary_counts_active_staff_per_unit_and_in_total(app) {
        let s = arrange_staff(&app).await;
        let sum = get_json(&app, "/jp-summary?year=2026", &s.token).await;
        assert_eq!(sum["year"], 2026);
        assert_eq!(sum["target_jp"], 20.0);
        assert!(sum["org_unit_id"].is_null());
        assert_eq!(sum["units"], json!([
            {"org_unit_id": s.unit_a, "code": "JPA", "name": "Unit JPA", "active_employees": 4, "meeting_target": 1, "share_meeting": 0.25, "mean_jp": 8.75},
            {"org_unit_id": s.unit_b, "code": "JPB", "name": "Unit JPB", "active_employees": 1, "meeting_target": 1, "share_meeting": 1.0, "mean_jp": 20.0},
        ]));
        // (25 + 10 + 0 + 0 + 20) / 5 = 11; 2 of 5 meet.
        assert_eq!(sum["total"], json!({"active_employees": 5, "meeting_target": 2, "share_meeting": 0.4, "mean_jp": 11.0}));

        let sub = get_json(&app, &format!("/jp-summary?year=2026&org_unit_id={}", s.unit_b), &s.token).await;
        assert_eq!(sub["org_unit_id"], s.unit_b.to_string());
        assert_eq!(sub["units"].as_array().map(Vec::len), Some(1));
        assert_eq!(sub["total"], json!({"active_employees": 1, "meeting_target": 1, "share_meeting": 1.0, "mean_jp": 20.0}));
        let last_year = get_json(&app, "/jp-summary?year=2025", &s.token).await;
        assert_eq!(last_year["total"], json!({"active_employees": 5, "meeting_target": 1, "share_meeting": 0.2, "mean_jp": 6.0}));

        // Another agency sees none of it, and none of its units.
        let rl = app.agency_admin("1702").await;
        let theirs = get_json(&app, "/jp-summary?year=2026", &rl.token).await;
        assert_eq!(theirs["units"], json!([]));
        assert_eq!(theirs["total"]["active_employees"], 0);
        problem(app.get(&format!("/jp-summary?org_unit_id={}", s.unit_a), &rl.token).await, 404, "not_found").await;

        // API keys with learning:read may read it; keys without it may not.
        let key = json_of(app.post("/api-keys", Some(&s.token), json!({"name": "dasbor", "scopes": ["learning:read"]})).await, 201).await;
        let secret = key["secret"].as_str().expect("secret");
        let by_key = get_json(&app, "/jp-summary?year=2026", secret).await;
        assert_eq!(by_key["total"]["active_employees"], 5);
        let other_key = json_of(app.post("/api-keys", Some(&s.token), json!({"name": "impor", "scopes": ["imports:write", "competencies:read"]})).await, 201).await;
        problem(app.get("/jp-summary", other_key["secret"].as_str().expect("secret")).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn the_shortfall_lists_the_lowest_first_by_page_and_exports(app) {
        let s = arrange_staff(&app).await;
        let names = |v: &Value| -> Vec<String> {
            v["items"].as_array().expect("items").iter().map(|i| i["name"].as_str().unwrap_or_default().to_owned()).collect()
        };
        let p1 = get_json(&app, "/jp-shortfall?year=2026&per_page=2", &s.token).await;
        assert_eq!((p1["total"].as_u64(), p1["page"].as_u64(), p1["per_page"].as_u64()), (Some(3), Some(1), Some(2)));
        assert_eq!(names(&p1), ["Budi", "citra"], "no credit at all first, then by name (case-insensitive)");
        assert_eq!(p1["items"][0]["nip"], nip(4));
        assert_eq!(p1["items"][0]["unit_name"], "Unit JPA");
        assert_eq!(p1["items"][0]["org_unit_id"], s.unit_a.to_string());
        assert_eq!((p1["items"][0]["total_jp"].as_f64(), p1["items"][0]["shortfall_jp"].as_f64()), (Some(0.0), Some(20.0)));
        let p2 = get_json(&app, "/jp-shortfall?year=2026&per_page=2&page=2", &s.token).await;
        assert_eq!(names(&p2), ["Andi"]);
        assert_eq!((p2["items"][0]["total_jp"].as_f64(), p2["items"][0]["shortfall_jp"].as_f64()), (Some(10.0), Some(10.0)));
        let sub = get_json(&app, &format!("/jp-shortfall?year=2026&org_unit_id={}", s.unit_b), &s.token).await;
        assert_eq!(sub["total"], 0, "Eka meets the target exactly and Fajar is inactive");
        problem(app.get("/jp-shortfall?per_page=500", &s.token).await, 422, "validation_failed").await;

        let res = app.get("/jp-shortfall/export?year=2026&format=csv", &s.token).await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().expect("ct").starts_with("text/csv"));
        let csv = res.text().await.expect("text");
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "No,NIP,Nama,Unit,JP 2026,Kekurangan JP");
        assert_eq!(lines[1], format!("1,{},Budi,Unit JPA,0,20", nip(4)));
        assert_eq!(lines[3], format!("3,{},Andi,Unit JPA,10,10", nip(2)));
        assert_eq!(lines.len(), 4);
        for n in [2, 3, 4] {
            assert!(csv.contains(&nip(n)), "{csv}");
        }
        for n in [1, 5, 6] {
            assert!(!csv.contains(&nip(n)), "{csv}");
        }
        let res = app.get("/jp-shortfall/export?year=2026", &s.token).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], XLSX);
        assert!(res.headers()["content-disposition"].to_str().expect("cd").contains("kekurangan-jp-2026.xlsx"));
        let bytes = res.bytes().await.expect("bytes");
        assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip");

        let rl = app.agency_admin("1702").await;
        let theirs = get_json(&app, "/jp-shortfall?year=2026", &rl.token).await;
        assert_eq!(theirs["total"], 0);
        let res = app.get("/jp-shortfall/export?year=2026&format=csv", &rl.token).await;
        assert!(!res.text().await.expect("text").contains(&nip(4)));
    }
);

db_test!(
    async fn employees_see_their_own_ledger_supervisors_their_reports_and_other_agencies_nothing(app) {
        let kota = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&kota.token, None, None, "DINKES").await;
        let boss = employee(&app, &kota.token, unit, 1, "Kepala", None).await;
        let worker = employee(&app, &kota.token, unit, 2, "Staf", Some(boss)).await;
        let colleague = employee(&app, &kota.token, unit, 3, "Rekan", None).await;
        let c = credit_jp(&app, &kota.token, worker, 4.5, "2026-02-01").await;
        credit_jp(&app, &kota.token, colleague, 6.0, "2026-02-01").await;
        let me = app.create_user_direct("staf@test.local", Some(agency), vec![Role::Employee], Some(worker)).await;
        let sup = app.create_user_direct("kepala@test.local", Some(agency), vec![Role::Supervisor, Role::Employee], Some(boss)).await;
        let nobody = app.create_user_direct("tamu@test.local", Some(agency), vec![Role::Employee], None).await;

        let mine = get_json(&app, "/me/jp?year=2026", &me.token).await;
        assert_eq!(mine["employee_id"], worker.to_string());
        assert_eq!(mine["standing"]["total_jp"], 4.5);
        assert_eq!(mine["credits"][0]["id"], c["id"]);
        let own = get_json(&app, &format!("/employees/{worker}/jp?year=2026"), &me.token).await;
        assert_eq!(own["standing"]["total_jp"], 4.5);
        problem(app.get(&format!("/employees/{colleague}/jp?year=2026"), &me.token).await, 404, "not_found").await;
        problem(app.get(&format!("/employees/{boss}/jp?year=2026"), &me.token).await, 404, "not_found").await;

        let report = get_json(&app, &format!("/employees/{worker}/jp?year=2026"), &sup.token).await;
        assert_eq!(report["standing"]["total_jp"], 4.5);
        problem(app.get(&format!("/employees/{colleague}/jp?year=2026"), &sup.token).await, 404, "not_found").await;
        let empty = get_json(&app, "/me/jp?year=2026", &nobody.token).await;
        assert_eq!(empty, json!({"employee_id": null, "year": 2026, "standing": {"total_jp": 0.0, "target_jp": 20.0, "shortfall_jp": 20.0, "meets": false}, "credits": []}));

        // Employees do not record, remove or summarise.
        problem(credit(&app, &me.token, json!({"employee_id": worker, "jp": 20, "occurred_on": "2026-02-01"})).await, 403, "forbidden").await;
        problem(app.request(Method::DELETE, &format!("/jp-credits/{}", c["id"].as_str().expect("id")), Some(&me.token), None).await, 403, "forbidden").await;
        problem(app.get("/jp-summary", &sup.token).await, 403, "forbidden").await;
        problem(app.get("/jp-shortfall", &me.token).await, 403, "forbidden").await;
        problem(app.get("/jp-conversions", &me.token).await, 403, "forbidden").await;

        // Another agency's admin: the employee, their credit and their ledger do not exist.
        let rl = app.agency_admin("1702").await;
        problem(app.get(&format!("/employees/{worker}/jp?year=2026"), &rl.token).await, 404, "not_found").await;
        problem(app.request(Method::DELETE, &format!("/jp-credits/{}", c["id"].as_str().expect("id")), Some(&rl.token), None).await, 404, "not_found").await;
        problem(credit(&app, &rl.token, json!({"employee_id": worker, "jp": 20, "occurred_on": "2026-02-01"})).await, 404, "not_found").await;
        let still = ledger(&app, &kota.token, worker, 2026).await;
        assert_eq!(still["standing"]["total_jp"], 4.5);
        // Super admins see every agency.
        let root_view = ledger(&app, &app.root, worker, 2026).await;
        assert_eq!(root_view["standing"]["total_jp"], 4.5);
    }
);

// ---------------------------------------------------------------- import

const HEADER: &str = "nip,title,activity_kind,occurred_on,jp,minutes,provider,reference";

async fn import(app: &TestApp, token: &str, query: &str, csv: &str) -> Value {
    let res = app
        .client
        .post(app.url(&format!("/imports/external-trainings?{query}")))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .expect("send");
    json_of(res, 200).await
}

fn counts(report: &Value) -> (i64, i64, i64, i64) {
    let n = |k: &str| report[k].as_i64().unwrap_or(-1);
    (n("created"), n("updated"), n("unchanged"), n("rejected"))
}

fn row_errors(report: &Value) -> Vec<(u64, String, String)> {
    report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap_or(0),
                e["column"].as_str().unwrap_or("").to_owned(),
                e["code"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

db_test!(
    async fn external_trainings_import_by_nip_and_reference_once(app) {
        let kota = app.agency_admin("1771").await;
        let unit = app.unit(&kota.token, None, None, "DINKES").await;
        let worker = employee(&app, &kota.token, unit, 1, "Siti Aminah", None).await;
        let rl = app.agency_admin("1702").await;
        let rl_unit = app.unit(&rl.token, None, None, "RL-DINKES").await;
        let outsider = employee(&app, &rl.token, rl_unit, 9, "Orang Lain", None).await;
        let w = nip(1);
        let o = nip(9);
        let good = format!(
            "{HEADER}\r\n\
             {w},Pelatihan Kepemimpinan,training,2026-03-01,\"12,5\",,BPSDM Bengkulu,SERT-1\r\n\
             {w},Coaching kinerja,COACHING,2026-04-01,,90,,COACH-1\r\n"
        );
        let bad_rows = format!(
            "199001012015011001,Tidak dikenal,training,2026-03-01,2,,,X-1\r\n\
             {w},Dua-duanya,training,2026-03-01,2,90,,X-2\r\n\
             {w},Tanggal salah,training,01/03/2026,2,,,X-3\r\n\
             {w},Jenis salah,nap,2026-03-01,2,,,X-4\r\n\
             {w},Tanpa referensi,training,2026-03-01,2,,,\r\n\
             {o},Agensi lain,training,2026-03-01,2,,,X-6\r\n\
             {w},Lagi,training,2026-03-01,3,,,SERT-1\r\n\
             {w},Terlalu teliti,training,2026-03-01,1.234,,,X-8\r\n\
             {w},,training,2026-03-01,,abc,,X-9\r\n"
        );
        let csv = format!("{good}{bad_rows}");
        let dry = import(&app, &kota.token, "mode=dry_run", &csv).await;
        assert_eq!(dry["kind"], "external-trainings");
        assert_eq!(dry["outcome"], "dry_run");
        assert_eq!(counts(&dry), (2, 0, 0, 9), "{dry}");
        let want: Vec<(u64, String, String)> = [
            (4, "nip", "unknown_reference"),
            (5, "minutes", "exclusive"),
            (6, "occurred_on", "invalid_date"),
            (7, "activity_kind", "unknown_value"),
            (8, "reference", "required"),
            (9, "nip", "unknown_reference"),
            (10, "nip", "duplicate_in_file"),
            (11, "jp", "too_precise"),
            (12, "title", "required"),
            (12, "minutes", "invalid_value"),
        ]
        .iter()
        .map(|(r, c, k)| (*r, (*c).to_owned(), (*k).to_owned()))
        .collect();
        assert_eq!(row_errors(&dry), want, "{dry}");
        assert!(!dry.to_string().contains("Rejang"), "the other agency is not revealed");
        assert_eq!(ledger(&app, &kota.token, worker, 2026).await["credits"], json!([]), "a dry run writes nothing");
        let atomic = import(&app, &kota.token, "mode=commit", &csv).await;
        assert_eq!(atomic["outcome"], "rolled_back");
        assert_eq!(ledger(&app, &kota.token, worker, 2026).await["credits"], json!([]));

        let committed = import(&app, &kota.token, "mode=commit&on_error=skip", &csv).await;
        assert_eq!(committed["outcome"], "committed");
        assert_eq!(counts(&committed), (2, 0, 0, 9), "{committed}");
        let l = ledger(&app, &kota.token, worker, 2026).await;
        assert_eq!(titles(&l), ["Coaching kinerja", "Pelatihan Kepemimpinan"]);
        assert_eq!(l["standing"]["total_jp"], 14.5, "12.5 JP and 90 minutes");
        let training = &l["credits"][1];
        assert_eq!((training["source"].as_str(), training["reference"].as_str(), training["provider"].as_str()), (Some("external"), Some("SERT-1"), Some("BPSDM Bengkulu")));
        assert_eq!(l["credits"][0]["activity_kind"], "coaching");
        assert_eq!(l["credits"][0]["minutes"], 90);
        assert_eq!(audit_total(&app, &kota.token, "jp_credit").await, 2);
        assert_eq!(ledger(&app, &rl.token, outsider, 2026).await["credits"], json!([]));

        // The same file again: unchanged, nothing new.
        let again = import(&app, &kota.token, "mode=commit", &good).await;
        assert_eq!((counts(&again), again["outcome"].as_str()), ((0, 0, 2, 0), Some("committed")), "{again}");
        let l = ledger(&app, &kota.token, worker, 2026).await;
        assert_eq!(l["credits"].as_array().map(Vec::len), Some(2));
        assert_eq!(audit_total(&app, &kota.token, "jp_credit").await, 2);

        // The template has the documented columns.
        let res = app.get("/imports/external-trainings/template", &kota.token).await;
        assert_eq!(res.status(), 200);
        let template = res.text().await.expect("text");
        assert_eq!(template.trim_start_matches('\u{feff}').lines().next(), Some(HEADER));
    }
);
