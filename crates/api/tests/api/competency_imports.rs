//! Bulk imports of the competency module: the agency's technical competencies, position
//! standards and assessments. Each is seen through the competency API afterwards; the same file
//! twice changes nothing; dry runs and atomic commits write nothing; every rule is reported
//! with its row and column; another agency's objects are unknown.

use pembina_domain::accounts::Role;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, db_test, id_of, problem};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn upload(
    app: &TestApp,
    token: &str,
    kind: &str,
    query: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/imports/{kind}?{query}")))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("send")
}

/// Imports `csv` as `kind` and returns the report (asserting a 200).
async fn import(app: &TestApp, token: &str, kind: &str, query: &str, csv: &str) -> Value {
    let res = upload(app, token, kind, query, "text/csv", csv.as_bytes().to_vec()).await;
    let status = res.status();
    let text = res.text().await.unwrap_or_default();
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).expect("json")
}

fn counts(report: &Value) -> (i64, i64, i64, i64) {
    let n = |k: &str| report[k].as_i64().unwrap_or(-1);
    (n("created"), n("updated"), n("unchanged"), n("rejected"))
}

/// The errors of a report as (row, column, code).
fn errors(report: &Value) -> Vec<(u64, String, String)> {
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

fn expected(want: &[(u64, &str, &str)]) -> Vec<(u64, String, String)> {
    want.iter()
        .map(|(r, c, k)| (*r, (*c).to_owned(), (*k).to_owned()))
        .collect()
}

async fn get_json(app: &TestApp, path: &str, token: &str) -> Value {
    let res = app.get(path, token).await;
    let status = res.status();
    let text = res.text().await.unwrap_or_default();
    assert_eq!(status, 200, "{path}: {text}");
    serde_json::from_str(&text).expect("json")
}

/// How many audit events of `entity_type` the agency's admin can see.
async fn audit_count(app: &TestApp, token: &str, entity_type: &str) -> i64 {
    get_json(
        app,
        &format!("/audit-events?entity_type={entity_type}&per_page=1"),
        token,
    )
    .await["total"]
        .as_i64()
        .expect("total")
}

fn five_levels() -> Value {
    json!(
        (1..=5)
            .map(|l| json!({"level": l, "description": format!("Tingkat {l}"), "indicators": []}))
            .collect::<Vec<_>>()
    )
}

/// Creates a technical competency through the API.
async fn technical(app: &TestApp, token: &str, code: &str) -> Uuid {
    let res = app
        .post(
            "/competencies",
            Some(token),
            json!({"code": code, "name": format!("Kompetensi {code}"), "levels": five_levels()}),
        )
        .await;
    assert_eq!(
        res.status(),
        201,
        "{}",
        res.text().await.unwrap_or_default()
    );
    id_of(res).await
}

async fn position(app: &TestApp, token: &str, code: &str, kind: &str) -> Uuid {
    let res = app
        .post(
            "/positions",
            Some(token),
            json!({"code": code, "title": format!("Jabatan {code}"), "kind": kind}),
        )
        .await;
    assert_eq!(
        res.status(),
        201,
        "{}",
        res.text().await.unwrap_or_default()
    );
    id_of(res).await
}

async fn employee(app: &TestApp, token: &str, unit: Uuid, position: Uuid, nip: &str) -> Uuid {
    let res = app
        .post(
            "/employees",
            Some(token),
            json!({"org_unit_id": unit, "position_id": position, "nip": nip, "employment_type": "pns", "name": format!("Pegawai {nip}")}),
        )
        .await;
    assert_eq!(
        res.status(),
        201,
        "{}",
        res.text().await.unwrap_or_default()
    );
    id_of(res).await
}

/// The technical competencies of the caller's agency (retired ones too), by code.
async fn technical_list(app: &TestApp, token: &str) -> Vec<Value> {
    get_json(
        app,
        "/competencies?group=technical&include_retired=true&per_page=200",
        token,
    )
    .await["items"]
        .as_array()
        .expect("items")
        .clone()
}

/// The entry of `code` in a position's standard.
async fn standard_entry(app: &TestApp, token: &str, position: Uuid, code: &str) -> Value {
    let std = get_json(
        app,
        &format!("/positions/{position}/competency-standard"),
        token,
    )
    .await;
    std["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["competency"]["code"] == code)
        .cloned()
        .unwrap_or(Value::Null)
}

const COMPETENCY_HEADER: &str = "code,name,description,level_1,level_2,level_3,level_4,level_5,indicators_1,indicators_2,indicators_3,indicators_4,indicators_5,retired";

fn two_competencies(name: &str) -> String {
    format!(
        "{COMPETENCY_HEADER}\r\n\
         t-pm,{name},Mengelola puskesmas,Memahami,Menjalankan,Mengelola,Memimpin,Mengembangkan,Menjelaskan fungsi| Menyebutkan program ,,Menyusun RUK,,,\r\n\
         TEK.GIZI,Gizi Masyarakat,,G1,G2,G3,G4,G5,,,,,,true\r\n"
    )
}

db_test!(
    async fn technical_competencies_import_by_code_and_a_rerun_changes_nothing(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let first = import(&app, &kota.token, "competencies", "mode=commit", &two_competencies("Manajemen Puskesmas")).await;
        assert_eq!(counts(&first), (2, 0, 0, 0), "{first}");
        assert_eq!(first["outcome"], "committed");
        assert_eq!(first["kind"], "competencies");

        let list = technical_list(&app, &kota.token).await;
        let codes: Vec<&str> = list.iter().filter_map(|c| c["code"].as_str()).collect();
        assert_eq!(codes, ["T-PM", "TEK.GIZI"]);
        let pm = &list[0];
        assert_eq!(pm["name"], "Manajemen Puskesmas");
        assert_eq!(pm["description"], "Mengelola puskesmas");
        assert_eq!(pm["group"], "technical");
        assert_eq!(pm["retired"], false);
        assert_eq!(pm["levels"][0], json!({"level": 1, "description": "Memahami", "indicators": ["Menjelaskan fungsi", "Menyebutkan program"]}));
        assert_eq!(pm["levels"][2]["indicators"], json!(["Menyusun RUK"]));
        assert_eq!(pm["levels"][4]["description"], "Mengembangkan");
        assert_eq!(list[1]["retired"], true, "retired=true imports a retired competency");
        let active = get_json(&app, "/competencies?group=technical", &kota.token).await;
        assert_eq!(active["total"], 1);
        // Audited like the API: one create per competency.
        assert_eq!(audit_count(&app, &kota.token, "competency").await, 2);
        let events = get_json(&app, &format!("/audit-events?entity_id={}", pm["id"].as_str().expect("id")), &kota.token).await;
        assert_eq!(events["items"][0]["action"], "create");
        // The other agency sees none of it.
        let theirs = get_json(&app, "/competencies?group=technical&include_retired=true", &rl.token).await;
        assert_eq!(theirs["total"], 0);

        // The same file again: all unchanged, nothing written.
        let again = import(&app, &kota.token, "competencies", "mode=commit", &two_competencies("Manajemen Puskesmas")).await;
        assert_eq!(counts(&again), (0, 0, 2, 0), "{again}");
        assert_eq!(audit_count(&app, &kota.token, "competency").await, 2);
        assert_eq!(technical_list(&app, &kota.token).await, list, "nothing changed, not even updated_at");

        // A changed name is an update, audited with the difference.
        let changed = import(&app, &kota.token, "competencies", "mode=commit", &two_competencies("Manajemen Puskesmas Terpadu")).await;
        assert_eq!(counts(&changed), (0, 1, 1, 0), "{changed}");
        let events = get_json(&app, &format!("/audit-events?entity_id={}", pm["id"].as_str().expect("id")), &kota.token).await;
        assert_eq!(events["total"], 2);
        assert_eq!(events["items"][0]["action"], "update");
        assert_eq!(events["items"][0]["changes"]["name"], json!({"before": "Manajemen Puskesmas", "after": "Manajemen Puskesmas Terpadu"}));
        let got = get_json(&app, &format!("/competencies/{}", pm["id"].as_str().expect("id")), &kota.token).await;
        assert_eq!(got["name"], "Manajemen Puskesmas Terpadu");

        // The same code is free in another agency.
        let theirs = import(&app, &rl.token, "competencies", "mode=commit", &two_competencies("Milik Rejang Lebong")).await;
        assert_eq!(counts(&theirs), (2, 0, 0, 0), "{theirs}");
        let mine = get_json(&app, &format!("/competencies/{}", pm["id"].as_str().expect("id")), &kota.token).await;
        assert_eq!(mine["name"], "Manajemen Puskesmas Terpadu");

        // A dry run counts and writes nothing.
        let csv = format!("{COMPETENCY_HEADER}\r\nT-BARU,Baru,,a,b,c,d,e,,,,,,\r\n");
        let dry = import(&app, &kota.token, "competencies", "mode=dry_run", &csv).await;
        assert_eq!((counts(&dry), dry["outcome"].as_str()), ((1, 0, 0, 0), Some("dry_run")));
        assert_eq!(technical_list(&app, &kota.token).await.len(), 2);
        assert_eq!(audit_count(&app, &kota.token, "competency").await, 3);
    }
);

db_test!(
    async fn every_bad_competency_row_is_named_and_an_atomic_commit_writes_nothing(app) {
        let kota = app.agency_admin("1771").await;
        let long = "x".repeat(201);
        let csv = format!(
            "{COMPETENCY_HEADER}\r\n\
             T-OK,Valid,,a,b,c,d,e,,,,,,\r\n\
             ,No Code,,a,b,c,d,e,,,,,,\r\n\
             M1,National,,a,b,c,d,e,,,,,,\r\n\
             sk-1,National Too,,a,b,c,d,e,,,,,,\r\n\
             1ABC,Bad Code,,a,b,c,d,e,,,,,,\r\n\
             T-NONAME,,,a,b,c,d,e,,,,,,\r\n\
             T-NOLEVEL,No Level 3,,a,b,,d,e,,,,,,\r\n\
             T-EMPTYIND,Empty Indicator,,a,b,c,d,e,,ok||x,,,,\r\n\
             T-RETIRED,Bad Retired,,a,b,c,d,e,,,,,,maybe\r\n\
             t-ok,Twice,,a,b,c,d,e,,,,,,\r\n\
             T-LONG,{long},,a,b,c,d,e,,,,,,\r\n\
             T-MANY,Many Problems,,a,,c,d,e,,,,,,no way\r\n"
        );
        let report = import(&app, &kota.token, "competencies", "mode=commit", &csv).await;
        assert_eq!(report["outcome"], "rolled_back");
        assert_eq!(counts(&report), (1, 0, 0, 11), "{report}");
        assert_eq!(
            errors(&report),
            expected(&[
                (3, "code", "required"),
                (4, "code", "reserved_code"),
                (5, "code", "reserved_code"),
                (6, "code", "invalid_code"),
                (7, "name", "required"),
                (8, "level_3", "required"),
                (9, "indicators_2", "required"),
                (10, "retired", "invalid_value"),
                (11, "code", "duplicate_in_file"),
                (12, "name", "too_long"),
                (13, "level_2", "required"),
                (13, "retired", "invalid_value"),
            ]),
            "{report}"
        );
        assert!(report["errors"][1]["message"].as_str().unwrap_or("").contains("M1"), "{report}");
        assert!(technical_list(&app, &kota.token).await.is_empty(), "an atomic commit with rejected rows writes nothing");
        assert_eq!(audit_count(&app, &kota.token, "competency").await, 0);

        // on_error=skip writes the valid row only; the error report is kept.
        let skipped = import(&app, &kota.token, "competencies", "mode=commit&on_error=skip", &csv).await;
        assert_eq!((counts(&skipped), skipped["outcome"].as_str()), ((1, 0, 0, 11), Some("committed")));
        let list = technical_list(&app, &kota.token).await;
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["code"], "T-OK");
        let id = skipped["id"].as_str().expect("id");
        let stored = get_json(&app, &format!("/imports/{id}"), &kota.token).await;
        assert_eq!(errors(&stored), errors(&skipped));
    }
);

const STANDARD_HEADER: &str = "position_code,competency_code,required_level";

db_test!(
    async fn standards_set_the_pairs_of_the_file_and_leave_the_others_alone(app) {
        let kota = app.agency_admin("1771").await;
        let staff = position(&app, &kota.token, "STAF", "pelaksana").await;
        let head = position(&app, &kota.token, "KABID", "administrator").await;
        technical(&app, &kota.token, "T-PM").await;
        // An explicit level set through the API, not named by the file.
        let m3 = get_json(&app, "/competencies?q=M3", &kota.token).await["items"][0]["id"].clone();
        let res = app
            .put(&format!("/positions/{staff}/competency-standard"), &kota.token, json!({"standards": [{"competency_id": m3, "required_level": 5}]}))
            .await;
        assert_eq!(res.status(), 200);
        assert_eq!(audit_count(&app, &kota.token, "position_standard").await, 1);

        let csv = format!("{STANDARD_HEADER}\r\nSTAF,T-PM,3\r\nstaf,m1,2\r\nKABID,M2,4\r\n");
        let first = import(&app, &kota.token, "competency-standards", "mode=commit", &csv).await;
        assert_eq!(counts(&first), (3, 0, 0, 0), "{first}");
        let pm = standard_entry(&app, &kota.token, staff, "T-PM").await;
        assert_eq!((pm["required_level"].as_i64(), pm["explicit"].as_bool()), (Some(3), Some(true)), "{pm}");
        let m1 = standard_entry(&app, &kota.token, staff, "M1").await;
        assert_eq!((m1["required_level"].as_i64(), m1["explicit"].as_bool()), (Some(2), Some(true)));
        let kept = standard_entry(&app, &kota.token, staff, "M3").await;
        assert_eq!((kept["required_level"].as_i64(), kept["explicit"].as_bool()), (Some(5), Some(true)), "pairs not in the file are left alone");
        let default = standard_entry(&app, &kota.token, staff, "M2").await;
        assert_eq!((default["required_level"].as_i64(), default["explicit"].as_bool()), (Some(1), Some(false)));
        let m2 = standard_entry(&app, &kota.token, head, "M2").await;
        assert_eq!((m2["required_level"].as_i64(), m2["explicit"].as_bool()), (Some(4), Some(true)));
        // One audit event per changed position, with the whole explicit standard.
        assert_eq!(audit_count(&app, &kota.token, "position_standard").await, 3);
        let events = get_json(&app, &format!("/audit-events?entity_id={staff}"), &kota.token).await;
        let latest = &events["items"][0];
        assert_eq!(latest["entity_type"], "position_standard");
        assert_eq!(latest["changes"]["T-PM"], json!({"before": null, "after": 3}), "{latest}");
        assert_eq!(latest["changes"]["M1"], json!({"before": null, "after": 2}), "{latest}");
        assert!(latest["changes"]["M3"].is_null(), "M3 did not change: {latest}");

        // The same file again: unchanged, nothing written.
        let again = import(&app, &kota.token, "competency-standards", "mode=commit", &csv).await;
        assert_eq!(counts(&again), (0, 0, 3, 0), "{again}");
        assert_eq!(audit_count(&app, &kota.token, "position_standard").await, 3);

        // A changed level is an update; a dry run of another change writes nothing.
        let changed = format!("{STANDARD_HEADER}\r\nSTAF,T-PM,4\r\nSTAF,M1,2\r\n");
        let report = import(&app, &kota.token, "competency-standards", "mode=dry_run", &changed).await;
        assert_eq!((counts(&report), report["outcome"].as_str()), ((0, 1, 1, 0), Some("dry_run")));
        assert_eq!(standard_entry(&app, &kota.token, staff, "T-PM").await["required_level"], 3);
        let report = import(&app, &kota.token, "competency-standards", "mode=commit", &changed).await;
        assert_eq!(counts(&report), (0, 1, 1, 0), "{report}");
        assert_eq!(standard_entry(&app, &kota.token, staff, "T-PM").await["required_level"], 4);
        assert_eq!(standard_entry(&app, &kota.token, staff, "M3").await["required_level"], 5);
        let events = get_json(&app, &format!("/audit-events?entity_id={staff}"), &kota.token).await;
        assert_eq!(events["items"][0]["changes"], json!({"T-PM": {"before": 3, "after": 4}}));
    }
);

db_test!(
    async fn bad_standard_rows_are_named_and_another_agencys_objects_are_unknown(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let staff = position(&app, &kota.token, "STAF", "pelaksana").await;
        position(&app, &rl.token, "RL-STAF", "pelaksana").await;
        technical(&app, &rl.token, "T-RL").await;
        let old = technical(&app, &kota.token, "T-OLD").await;
        let res = app.patch(&format!("/competencies/{old}"), &kota.token, json!({"retired": true})).await;
        assert_eq!(res.status(), 200);
        let csv = format!(
            "{STANDARD_HEADER}\r\n\
             STAF,M1,2\r\n\
             NOPE,M1,2\r\n\
             RL-STAF,M1,2\r\n\
             STAF,T-RL,2\r\n\
             STAF,T-OLD,2\r\n\
             STAF,M2,6\r\n\
             STAF,M3,0\r\n\
             STAF,M4,tiga\r\n\
             STAF,,3\r\n\
             ,M5,\r\n\
             staf,m1,3\r\n"
        );
        let report = import(&app, &kota.token, "competency-standards", "mode=commit", &csv).await;
        assert_eq!(report["outcome"], "rolled_back");
        assert_eq!(counts(&report), (1, 0, 0, 10), "{report}");
        assert_eq!(
            errors(&report),
            expected(&[
                (3, "position_code", "unknown_reference"),
                (4, "position_code", "unknown_reference"),
                (5, "competency_code", "unknown_reference"),
                (6, "competency_code", "unknown_reference"),
                (7, "required_level", "out_of_range"),
                (8, "required_level", "out_of_range"),
                (9, "required_level", "invalid_value"),
                (10, "competency_code", "required"),
                (11, "position_code", "required"),
                (11, "required_level", "required"),
                (12, "position_code", "duplicate_in_file"),
            ]),
            "{report}"
        );
        assert!(!report.to_string().contains("Rejang"), "the other agency is not revealed");
        let m1 = standard_entry(&app, &kota.token, staff, "M1").await;
        assert_eq!(m1["explicit"], false, "an atomic commit with rejected rows writes nothing");

        let skipped = import(&app, &kota.token, "competency-standards", "mode=commit&on_error=skip", &csv).await;
        assert_eq!(counts(&skipped), (1, 0, 0, 10), "{skipped}");
        let m1 = standard_entry(&app, &kota.token, staff, "M1").await;
        assert_eq!((m1["required_level"].as_i64(), m1["explicit"].as_bool()), (Some(2), Some(true)));
        // The other agency's position is untouched.
        let theirs = get_json(&app, "/positions?q=RL-STAF", &rl.token).await;
        let rl_staff = theirs["items"][0]["id"].as_str().expect("id").to_owned();
        let their_std = get_json(&app, &format!("/positions/{rl_staff}/competency-standard"), &rl.token).await;
        assert!(their_std["entries"].as_array().expect("e").iter().all(|e| e["explicit"] == false));
    }
);

const ASSESSMENT_HEADER: &str =
    "nip,competency_code,level,assessed_on,method,assessor_name,evidence,valid_until";
const WORKER: &str = "199002022015032002";

/// Kota Bengkulu with a unit, a STAF position requiring T-PM at 3, and an employee in it.
async fn arrange_staff(app: &TestApp) -> (String, Uuid, Uuid) {
    let kota = app.agency_admin("1771").await;
    let unit = app.unit(&kota.token, None, None, "DINKES").await;
    let staff = position(app, &kota.token, "STAF", "pelaksana").await;
    let pm = technical(app, &kota.token, "T-PM").await;
    let res = app
        .put(
            &format!("/positions/{staff}/competency-standard"),
            &kota.token,
            json!({"standards": [{"competency_id": pm, "required_level": 3}]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let worker = employee(app, &kota.token, unit, staff, WORKER).await;
    (kota.token, worker, pm)
}

db_test!(
    async fn assessments_are_created_once_and_make_the_gap(app) {
        let (token, worker, pm) = arrange_staff(&app).await;
        let csv = format!(
            "{ASSESSMENT_HEADER}\r\n\
             {WORKER},t-pm,3,2026-01-10,Assessment_Centre,UPT Penilaian BKD,Laporan AC 12/2026,2028-01-10\r\n\
             {WORKER},M1,1,2026-01-10,,,,\r\n"
        );
        let first = import(&app, &token, "competency-assessments", "mode=commit", &csv).await;
        assert_eq!(counts(&first), (2, 0, 0, 0), "{first}");
        assert_eq!(first["kind"], "competency-assessments");
        let history = get_json(&app, &format!("/competency-assessments?employee_id={worker}"), &token).await;
        assert_eq!(history["total"], 2);
        let ac = history["items"].as_array().expect("items").iter().find(|a| a["competency_id"] == pm.to_string()).cloned().expect("T-PM");
        assert_eq!(ac["level"], 3);
        assert_eq!(ac["assessed_on"], "2026-01-10");
        assert_eq!(ac["method"], "assessment_centre");
        assert_eq!(ac["assessor_name"], "UPT Penilaian BKD");
        assert_eq!(ac["evidence"], "Laporan AC 12/2026");
        assert_eq!(ac["valid_until"], "2028-01-10");
        let m1 = history["items"].as_array().expect("items").iter().find(|a| a["competency_id"] != pm.to_string()).cloned().expect("M1");
        assert_eq!(m1["method"], "imported", "the default method");
        assert!(m1["valid_until"].is_null());
        let gap = get_json(&app, &format!("/employees/{worker}/competency-gap"), &token).await;
        let item = gap["items"].as_array().expect("items").iter().find(|i| i["competency"]["code"] == "T-PM").cloned().expect("T-PM");
        assert_eq!((item["achieved"].as_i64(), item["meets"].as_bool()), (Some(3), Some(true)), "{gap}");
        let m1_gap = gap["items"].as_array().expect("items").iter().find(|i| i["competency"]["code"] == "M1").cloned().expect("M1");
        assert_eq!(m1_gap["achieved"], 1);
        assert_eq!(audit_count(&app, &token, "competency_assessment").await, 2);

        // The same file again: unchanged, nothing written.
        let again = import(&app, &token, "competency-assessments", "mode=commit", &csv).await;
        assert_eq!(counts(&again), (0, 0, 2, 0), "{again}");
        let history = get_json(&app, &format!("/competency-assessments?employee_id={worker}"), &token).await;
        assert_eq!(history["total"], 2);
        assert_eq!(audit_count(&app, &token, "competency_assessment").await, 2);

        // A voided assessment is history too: importing it again does not bring it back.
        let id = ac["id"].as_str().expect("id");
        let res = app.post(&format!("/competency-assessments/{id}/void"), Some(&token), json!({"reason": "salah input"})).await;
        assert_eq!(res.status(), 200);
        let after_void = import(&app, &token, "competency-assessments", "mode=commit", &csv).await;
        assert_eq!(counts(&after_void), (0, 0, 2, 0), "{after_void}");
        let all = get_json(&app, &format!("/competency-assessments?employee_id={worker}&include_voided=true"), &token).await;
        assert_eq!(all["total"], 2);

        // Another date or method is another assessment; a dry run of it writes nothing.
        let more = format!("{ASSESSMENT_HEADER}\r\n{WORKER},T-PM,2,2026-01-10,test,,,\r\n{WORKER},T-PM,4,2026-06-01,,,,\r\n{WORKER},M1,1,2026-01-10,imported,,,\r\n");
        let dry = import(&app, &token, "competency-assessments", "mode=dry_run", &more).await;
        assert_eq!((counts(&dry), dry["outcome"].as_str()), ((2, 0, 1, 0), Some("dry_run")));
        let all = get_json(&app, &format!("/competency-assessments?employee_id={worker}&include_voided=true"), &token).await;
        assert_eq!(all["total"], 2);
        let report = import(&app, &token, "competency-assessments", "mode=commit", &more).await;
        assert_eq!(counts(&report), (2, 0, 1, 0), "{report}");
        let gap = get_json(&app, &format!("/employees/{worker}/competency-gap"), &token).await;
        let item = gap["items"].as_array().expect("items").iter().find(|i| i["competency"]["code"] == "T-PM").cloned().expect("T-PM");
        assert_eq!(item["achieved"], 4, "the latest assessment counts: {gap}");
        let imports = get_json(&app, "/imports?kind=competency-assessments", &token).await;
        assert_eq!(imports["total"], 5);
    }
);

db_test!(
    async fn bad_assessment_rows_are_named_and_another_agencys_people_and_competencies_are_unknown(app) {
        let (token, worker, _) = arrange_staff(&app).await;
        let rl = app.agency_admin("1702").await;
        let rl_unit = app.unit(&rl.token, None, None, "RL-DINKES").await;
        let rl_staff = position(&app, &rl.token, "RL-STAF", "pelaksana").await;
        let outsider = "198001012005011001";
        employee(&app, &rl.token, rl_unit, rl_staff, outsider).await;
        technical(&app, &rl.token, "T-RL").await;
        let long = "x".repeat(201);
        let csv = format!(
            "{ASSESSMENT_HEADER}\r\n\
             {WORKER},M1,2,2026-01-10,,,,\r\n\
             {outsider},M1,2,2026-01-10,,,,\r\n\
             199912312020121001,M1,2,2026-01-10,,,,\r\n\
             {WORKER},T-RL,2,2026-01-10,,,,\r\n\
             {WORKER},NOPE,2,2026-01-10,,,,\r\n\
             {WORKER},M2,0,2026-01-10,,,,\r\n\
             {WORKER},M3,dua,2026-01-10,,,,\r\n\
             {WORKER},M4,2,2999-01-01,,,,\r\n\
             {WORKER},M5,2,10/01/2026,,,,\r\n\
             {WORKER},M6,2,,,,,\r\n\
             {WORKER},M7,2,2026-01-10,guess,,,\r\n\
             {WORKER},M8,2,2026-01-10,,,,2025-12-31\r\n\
             {WORKER},SK1,2,2026-01-10,,,,someday\r\n\
             {WORKER},M1,2,2026-01-11,,{long},,\r\n\
             ,M4,9,2026-01-10,,,,\r\n\
             {WORKER},m1,3,2026-01-10,imported,,,\r\n"
        );
        let report = import(&app, &token, "competency-assessments", "mode=commit", &csv).await;
        assert_eq!(report["outcome"], "rolled_back");
        assert_eq!(counts(&report), (1, 0, 0, 15), "{report}");
        assert_eq!(
            errors(&report),
            expected(&[
                (3, "nip", "unknown_reference"),
                (4, "nip", "unknown_reference"),
                (5, "competency_code", "unknown_reference"),
                (6, "competency_code", "unknown_reference"),
                (7, "level", "out_of_range"),
                (8, "level", "invalid_value"),
                (9, "assessed_on", "in_future"),
                (10, "assessed_on", "invalid_date"),
                (11, "assessed_on", "required"),
                (12, "method", "unknown_value"),
                (13, "valid_until", "before_assessment"),
                (14, "valid_until", "invalid_date"),
                (15, "assessor_name", "too_long"),
                (16, "nip", "required"),
                (16, "level", "out_of_range"),
                (17, "nip", "duplicate_in_file"),
            ]),
            "{report}"
        );
        assert!(!report.to_string().contains("Rejang"), "the other agency is not revealed");
        let history = get_json(&app, &format!("/competency-assessments?employee_id={worker}"), &token).await;
        assert_eq!(history["total"], 0, "an atomic commit with rejected rows writes nothing");

        let skipped = import(&app, &token, "competency-assessments", "mode=commit&on_error=skip", &csv).await;
        assert_eq!(counts(&skipped), (1, 0, 0, 15), "{skipped}");
        let history = get_json(&app, &format!("/competency-assessments?employee_id={worker}"), &token).await;
        assert_eq!(history["total"], 1);
        // Nothing was recorded for the other agency's employee.
        let theirs = get_json(&app, "/competency-assessments", &rl.token).await;
        assert_eq!(theirs["total"], 0);
    }
);

db_test!(
    async fn an_xlsx_sheet_with_number_and_date_cells_imports_like_a_csv(app) {
        let (token, worker, _) = arrange_staff(&app).await;
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Penilaian").expect("name");
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        for (c, h) in ["NIP", "Competency Code", "Level", "Assessed On", "Method"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).expect("header");
        }
        for (r, (code, level)) in [("T-PM", 3.0), ("M1", 2.0)].iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, WORKER).expect("nip");
            sheet.write_string(r, 1, *code).expect("code");
            sheet.write_number(r, 2, *level).expect("level");
            let on = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 2, 3).expect("date");
            sheet.write_datetime_with_format(r, 3, &on, &date).expect("date");
            sheet.write_string(r, 4, "supervisor").expect("method");
        }
        let bytes = book.save_to_buffer().expect("xlsx");
        let res = upload(&app, &token, "competency-assessments", "mode=commit&sheet=Penilaian", XLSX, bytes.clone()).await;
        let report: Value = res.json().await.expect("json");
        assert_eq!(counts(&report), (2, 0, 0, 0), "{report}");
        assert_eq!(report["format"], "xlsx");
        let history = get_json(&app, &format!("/competency-assessments?employee_id={worker}"), &token).await;
        let items = history["items"].as_array().expect("items");
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|a| a["assessed_on"] == "2026-02-03" && a["method"] == "supervisor"), "{history}");
        let levels: Vec<i64> = items.iter().filter_map(|a| a["level"].as_i64()).collect();
        assert!(levels.contains(&3) && levels.contains(&2), "{levels:?}");
        // The same workbook again changes nothing.
        let res = upload(&app, &token, "competency-assessments", "mode=commit&sheet=Penilaian", XLSX, bytes).await;
        let again: Value = res.json().await.expect("json");
        assert_eq!(counts(&again), (0, 0, 2, 0), "{again}");
    }
);

db_test!(
    async fn competency_imports_are_for_admins_and_keys_with_imports_write_and_have_templates(app) {
        let kota = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let staff = app.create_user_direct("staff@test.local", Some(agency), vec![Role::Employee], None).await;
        let csv = format!("{COMPETENCY_HEADER}\r\nT-X,X,,a,b,c,d,e,,,,,,\r\n");
        for kind in ["competencies", "competency-standards", "competency-assessments"] {
            problem(upload(&app, &staff.token, kind, "", "text/csv", csv.clone().into_bytes()).await, 403, "forbidden").await;
        }
        // A key with imports:write may; one with competencies:read only may not.
        for (scopes, status) in [(json!(["imports:write"]), 200), (json!(["competencies:read"]), 403)] {
            let res = app.post("/api-keys", Some(&kota.token), json!({"name": "simpeg", "scopes": scopes})).await;
            assert_eq!(res.status(), 201);
            let secret = res.json::<Value>().await.expect("json")["secret"].as_str().expect("secret").to_owned();
            let res = upload(&app, &secret, "competencies", "mode=commit", "text/csv", csv.clone().into_bytes()).await;
            assert_eq!(res.status().as_u16(), status);
        }
        assert_eq!(technical_list(&app, &kota.token).await.len(), 1, "the key's import was written");
        // A super admin names the agency.
        let csv2 = format!("{COMPETENCY_HEADER}\r\nT-Y,Y,,a,b,c,d,e,,,,,,\r\n");
        let report = import(&app, &app.root, "competencies", &format!("mode=commit&agency_id={agency}"), &csv2).await;
        assert_eq!(counts(&report), (1, 0, 0, 0), "{report}");
        assert_eq!(technical_list(&app, &kota.token).await.len(), 2);

        // Templates list the documented columns; the competency one, filled in, imports.
        let template = |kind: &'static str| {
            let app = &app;
            let token = kota.token.clone();
            async move {
                app.client.get(app.url(&format!("/imports/{kind}/template"))).bearer_auth(token).send().await.expect("send").text().await.expect("text")
            }
        };
        let t = template("competencies").await;
        assert!(t.starts_with(&format!("\u{feff}{COMPETENCY_HEADER}")), "{t}");
        let report = import(&app, &kota.token, "competencies", "mode=dry_run", &t).await;
        assert_eq!(counts(&report), (1, 0, 0, 0), "{report}");
        assert!(template("competency-standards").await.starts_with(&format!("\u{feff}{STANDARD_HEADER}")));
        assert!(template("competency-assessments").await.starts_with(&format!("\u{feff}{ASSESSMENT_HEADER}")));
        // A header without the required columns is a problem naming them.
        let res = upload(&app, &kota.token, "competency-assessments", "", "text/csv", b"nip,level\r\n1,2\r\n".to_vec()).await;
        let body = problem(res, 422, "invalid_header").await;
        let missing: Vec<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["column"].as_str()).collect();
        assert_eq!(missing, ["competency_code", "assessed_on"]);
    }
);
