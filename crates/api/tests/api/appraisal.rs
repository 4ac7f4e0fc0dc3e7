//! The appraisal history: past ratings imported by NIP and year, finalised plans entering the
//! history, the credit of functional posts, the unit's distribution against its curve, and
//! units' ratings before and after a training session (Kirkpatrick level 4).

use pembina_domain::accounts::Role;
use reqwest::Response;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, User, db_test, id_of, problem};

async fn expect_json(res: Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).expect("json")
}

fn uuid(v: &Value) -> Uuid {
    v["id"].as_str().expect("id").parse().expect("uuid")
}

async fn import(app: &TestApp, token: &str, query: &str, csv: &str) -> Value {
    let res = app
        .client
        .post(app.url(&format!("/imports/skp-ratings?{query}")))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .expect("send");
    expect_json(res, 200).await
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

const NIPS: [&str; 5] = [
    "198001012005011001",
    "199002022015032002",
    "198606062011012006",
    "198505052010011005",
    "199107072019031007",
];

/// Kota Bengkulu's admin, a unit with a sub-unit, and staff: the first three in the unit (the
/// first on a functional Ahli Pertama post), the last two in the sub-unit.
struct World {
    admin: User,
    agency: Uuid,
    unit: Uuid,
    sub: Uuid,
    staff: Vec<Uuid>,
}

async fn world(app: &TestApp) -> World {
    let admin = app.agency_admin("1771").await;
    let agency = app.agency("1771").await;
    let unit = app.unit(&admin.token, None, None, "DINKES").await;
    let sub = app.unit(&admin.token, None, Some(unit), "PKM-1").await;
    let post = id_of(app.post("/positions", Some(&admin.token), json!({"code": "PRANATA-AP", "title": "Pranata Komputer Ahli Pertama", "kind": "fungsional", "functional_level": "ahli_pertama"})).await).await;
    let mut staff = Vec::new();
    for (i, nip) in NIPS.iter().enumerate() {
        let in_unit = if i < 3 { unit } else { sub };
        let e = app
            .employee(
                &admin.token,
                None,
                in_unit,
                nip,
                &format!("Pegawai {i}"),
                None,
            )
            .await;
        staff.push(uuid(&e));
    }
    let res = app
        .patch(
            &format!("/employees/{}", staff[0]),
            &admin.token,
            json!({"position_id": post}),
        )
        .await;
    assert_eq!(
        res.status(),
        200,
        "{}",
        res.text().await.unwrap_or_default()
    );
    World {
        admin,
        agency,
        unit,
        sub,
        staff,
    }
}

db_test!(
    async fn past_ratings_import_by_nip_and_year_with_row_and_column_errors(app) {
        let w = world(&app).await;
        // Semicolons, as Indonesian spreadsheets export; labels in the regulation's words. Rows
        // are numbered as the spreadsheet shows them (the header is row 1).
        let csv = format!(
            "nip;year;predikat;results_rating;behaviour_rating;months\n\
             {};2025;Sangat Baik;Di Atas Ekspektasi;Di Atas Ekspektasi;\n\
             {};2025;baik;;;6\n\
             199912312020121001;2025;baik;;;\n\
             {};2025;baik;below;below;\n\
             {};2025;cemerlang;;;13\n",
            NIPS[0], NIPS[1], NIPS[2], NIPS[3]
        );
        // Atomic by default: one bad row and nothing is written.
        let report = import(&app, &w.admin.token, "mode=commit", &csv).await;
        assert_eq!(counts(&report), (2, 0, 0, 3), "{report}");
        let errors = row_errors(&report);
        for want in [
            (4, "nip", "unknown_reference"),
            (5, "predikat", "inconsistent"),
            (6, "predikat", "unknown_value"),
            (6, "months", "out_of_range"),
        ] {
            assert!(
                errors.contains(&(want.0, want.1.into(), want.2.into())),
                "{want:?} in {errors:?}"
            );
        }
        let none = expect_json(app.get(&format!("/employees/{}/appraisal-ratings", w.staff[0]), &w.admin.token).await, 200).await;
        assert_eq!(none, json!([]));

        // Skipping bad rows writes the good ones.
        let report = import(&app, &w.admin.token, "mode=commit&on_error=skip", &csv).await;
        assert_eq!(counts(&report), (2, 0, 0, 3), "{report}");
        let mine = expect_json(app.get(&format!("/employees/{}/appraisal-ratings", w.staff[0]), &w.admin.token).await, 200).await;
        assert_eq!(mine[0]["year"], 2025);
        assert_eq!(mine[0]["predikat"], "sangat_baik");
        assert_eq!(mine[0]["results_rating"], "above");
        assert_eq!(mine[0]["source"], "import");
        // Ahli Pertama (12.5) × 150 % for 12 months.
        assert_eq!(mine[0]["credit"]["coefficient"], 12.5);
        assert_eq!(mine[0]["credit"]["percent"], 150);
        assert_eq!(mine[0]["credit"]["amount"], 18.75);
        // A pelaksana earns no credit; months are kept.
        let second = expect_json(app.get(&format!("/employees/{}/appraisal-ratings", w.staff[1]), &w.admin.token).await, 200).await;
        assert_eq!(second[0]["months"], 6);
        assert_eq!(second[0]["credit"], Value::Null);

        // The same file again changes nothing; a changed value updates.
        let again = import(&app, &w.admin.token, "mode=commit&on_error=skip", &csv).await;
        assert_eq!(counts(&again), (0, 0, 2, 3), "{again}");
        let changed = format!("nip,year,predikat,months\n{},2025,Baik,2\n", NIPS[0]);
        let report = import(&app, &w.admin.token, "mode=commit", &changed).await;
        assert_eq!(counts(&report), (0, 1, 0, 0), "{report}");
        let mine = expect_json(app.get(&format!("/employees/{}/appraisal-ratings", w.staff[0]), &w.admin.token).await, 200).await;
        // 2/12 × 12.5 = 2.083.
        assert_eq!(mine[0]["credit"]["amount"], 2.083);
        assert_eq!(mine[0]["results_rating"], Value::Null);

        // Another agency cannot rate these NIPs: they are unknown there.
        let other = app.agency_admin("1702").await;
        let report = import(&app, &other.token, "mode=dry_run", &changed).await;
        assert_eq!(row_errors(&report), [(2, "nip".into(), "unknown_reference".into())]);
        problem(app.get(&format!("/employees/{}/appraisal-ratings", w.staff[0]), &other.token).await, 404, "not_found").await;

        // The template names the columns.
        let res = app.get("/imports/skp-ratings/template", &w.admin.token).await;
        assert_eq!(res.status(), 200);
        let text = res.text().await.expect("text");
        let text = text.trim_start_matches('\u{feff}');
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "nip,year,predikat,results_rating,behaviour_rating,months");
        // Its example row is itself valid: the matrix gives Baik for Sesuai and Di Atas.
        assert!(lines[1].ends_with(",2025,baik,as_expected,above,12"), "{text}");
    }
);

db_test!(
    async fn employees_see_their_own_ratings_and_supervisors_their_reports(app) {
        let w = world(&app).await;
        let boss = app.employee(&w.admin.token, None, w.unit, "197501012000031001", "Kepala", None).await;
        let boss_id = uuid(&boss);
        let res = app.patch(&format!("/employees/{}", w.staff[1]), &w.admin.token, json!({"supervisor_id": boss_id})).await;
        assert_eq!(res.status(), 200);
        let csv = format!("nip,year,predikat\n{},2024,butuh_perbaikan\n{},2025,baik\n", NIPS[1], NIPS[1]);
        assert_eq!(counts(&import(&app, &w.admin.token, "mode=commit", &csv).await), (2, 0, 0, 0));
        let user = |name: &str, e: Uuid, roles: Vec<Role>| {
            let app = &app;
            let name = name.to_owned();
            async move { app.create_user_direct(&format!("{name}@test.local"), Some(w.agency), roles, Some(e)).await }
        };
        let me = user("staf", w.staff[1], vec![Role::Employee]).await;
        let boss_user = user("kepala", boss_id, vec![Role::Supervisor, Role::Employee]).await;
        let peer = user("rekan", w.staff[2], vec![Role::Employee]).await;
        // Newest first.
        let mine = expect_json(app.get("/me/appraisal-ratings", &me.token).await, 200).await;
        assert_eq!(mine.as_array().map(Vec::len), Some(2));
        assert_eq!((mine[0]["year"].clone(), mine[1]["year"].clone()), (json!(2025), json!(2024)));
        let path = format!("/employees/{}/appraisal-ratings", w.staff[1]);
        assert_eq!(app.get(&path, &me.token).await.status(), 200);
        assert_eq!(app.get(&path, &boss_user.token).await.status(), 200);
        problem(app.get(&path, &peer.token).await, 404, "not_found").await;
        // A peer sees only their own (none).
        let theirs = expect_json(app.get("/me/appraisal-ratings", &peer.token).await, 200).await;
        assert_eq!(theirs, json!([]));
    }
);

db_test!(
    async fn the_distribution_covers_the_unit_and_below_and_warns_against_the_curve(app) {
        let w = world(&app).await;
        // Three Baik and one Sangat Baik, one in the sub-unit, and one of another year.
        let csv = format!(
            "nip,year,predikat\n{},2025,baik\n{},2025,baik\n{},2025,sangat_baik\n{},2025,baik\n{},2024,kurang\n",
            NIPS[0], NIPS[1], NIPS[2], NIPS[3], NIPS[4]
        );
        assert_eq!(counts(&import(&app, &w.admin.token, "mode=commit", &csv).await), (5, 0, 0, 0));
        let path = format!("/org-units/{}/skp-distribution?year=2025", w.unit);
        let d = expect_json(app.get(&path, &w.admin.token).await, 200).await;
        assert_eq!(d["total"], 4);
        assert_eq!(d["counts"]["baik"], 3);
        assert_eq!(d["counts"]["sangat_baik"], 1);
        assert_eq!(d["shares"]["baik"], 75.0);
        assert_eq!(d["shares"]["kurang"], 0.0);
        assert_eq!(d["imported"], 4);
        assert_eq!(d["from_plans"], 0);
        // Without the unit's result there is no curve to read against.
        assert_eq!(d["unit_result"], Value::Null);
        assert_eq!(d["warnings"], json!([]));
        // A Baik unit: at most 70 % Baik, and at least one below Baik.
        let res = app.put(&format!("/org-units/{}/unit-results/2025", w.unit), &w.admin.token, json!({"result": "baik"})).await;
        let set = expect_json(res, 200).await;
        assert_eq!(set["result"], "baik");
        let d = expect_json(app.get(&path, &w.admin.token).await, 200).await;
        assert_eq!(d["unit_result"], "baik");
        let codes: Vec<&str> = d["warnings"].as_array().expect("warnings").iter().map(|w| w["code"].as_str().expect("code")).collect();
        assert_eq!(codes, ["too_many_baik", "none_below_baik"]);
        // An Istimewa unit with 25 % Sangat Baik is within its curve.
        let res = app.put(&format!("/org-units/{}/unit-results/2025", w.unit), &w.admin.token, json!({"result": "istimewa"})).await;
        assert_eq!(res.status(), 200);
        let d = expect_json(app.get(&path, &w.admin.token).await, 200).await;
        assert_eq!(d["warnings"], json!([]));
        // The sub-unit alone: its one rating.
        let d = expect_json(app.get(&format!("/org-units/{}/skp-distribution?year=2025", w.sub), &w.admin.token).await, 200).await;
        assert_eq!(d["total"], 1);
        let d = expect_json(app.get(&format!("/org-units/{}/skp-distribution?year=2024", w.sub), &w.admin.token).await, 200).await;
        assert_eq!(d["counts"]["kurang"], 1);

        // Bad input names the field.
        let res = app.put(&format!("/org-units/{}/unit-results/2025", w.unit), &w.admin.token, json!({"result": "luar_biasa"})).await;
        assert_eq!(res.status(), 422);
        let res = app.put(&format!("/org-units/{}/unit-results/1999", w.unit), &w.admin.token, json!({"result": "baik"})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "year");
        let res = app.get(&format!("/org-units/{}/skp-distribution?year=3000", w.unit), &w.admin.token).await;
        problem(res, 422, "validation_failed").await;
        // Another agency's admin: not found; an employee: forbidden.
        let other = app.agency_admin("1702").await;
        problem(app.get(&path, &other.token).await, 404, "not_found").await;
        problem(app.put(&format!("/org-units/{}/unit-results/2025", w.unit), &other.token, json!({"result": "baik"})).await, 404, "not_found").await;
        let staff = app.create_user_direct("staf@test.local", Some(w.agency), vec![Role::Employee], Some(w.staff[1])).await;
        problem(app.get(&path, &staff.token).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn units_ratings_before_and_after_a_session_with_trained_share_and_sample_sizes(app) {
        let w = world(&app).await;
        let p = expect_json(app.post("/programmes", Some(&w.admin.token), json!({"code": "PM-1", "title": "Manajemen Proyek", "activity_kind": "training", "jp": 20, "status": "published", "min_attendance_percent": 100})).await, 201).await;
        let session = json!({"programme_id": uuid(&p), "name": "Angkatan I", "delivery": "classroom", "start_date": "2025-06-10", "end_date": "2025-06-10", "place": "Aula", "trainers": ["Ir. Budi"]});
        let sid = id_of(app.post("/sessions", Some(&w.admin.token), session).await).await;
        // Two of the unit's three staff and one of the sub-unit's two are enrolled; all but one
        // attend and complete.
        let enrolled = [w.staff[0], w.staff[1], w.staff[3]];
        let res = app.post(&format!("/sessions/{sid}/enrolments"), Some(&w.admin.token), json!({"employee_ids": enrolled})).await;
        assert!(res.status().is_success(), "{}", res.text().await.unwrap_or_default());
        let participants = expect_json(app.get(&format!("/sessions/{sid}/participants"), &w.admin.token).await, 200).await;
        let marks: Vec<Value> = participants
            .as_array()
            .expect("participants")
            .iter()
            .map(|p| json!({"enrolment_id": p["enrolment"]["id"], "present": p["enrolment"]["employee_id"] != json!(w.staff[3])}))
            .collect();
        let res = app.put(&format!("/sessions/{sid}/attendance"), &w.admin.token, json!({"day": "2025-06-10", "marks": marks})).await;
        assert_eq!(res.status(), 200);
        let done = expect_json(app.post(&format!("/sessions/{sid}/complete"), Some(&w.admin.token), json!({})).await, 200).await;
        assert_eq!(done["completed"], 2);

        let csv = format!(
            "nip,year,predikat\n{a},2024,butuh_perbaikan\n{b},2024,baik\n{c},2024,butuh_perbaikan\n{a},2026,baik\n{b},2026,sangat_baik\n{c},2026,baik\n{d},2026,baik\n",
            a = NIPS[0], b = NIPS[1], c = NIPS[2], d = NIPS[3]
        );
        assert_eq!(counts(&import(&app, &w.admin.token, "mode=commit", &csv).await), (7, 0, 0, 0));
        // The years default to those around the session's end (2025).
        let o = expect_json(app.get(&format!("/sessions/{sid}/unit-outcomes"), &w.admin.token).await, 200).await;
        assert_eq!((o["before_year"].clone(), o["after_year"].clone()), (json!(2024), json!(2026)));
        // Only the unit with a completing participant appears (the sub-unit's one did not complete).
        let units = o["units"].as_array().expect("units");
        assert_eq!(units.len(), 1, "{o}");
        let u = &units[0];
        assert_eq!(u["org_unit_id"], json!(w.unit));
        assert_eq!((u["staff"].clone(), u["trained"].clone()), (json!(3), json!(2)));
        assert_eq!(u["trained_share"], 66.7);
        assert_eq!(u["before"]["rated"], 3);
        assert_eq!(u["before"]["share_at_least_baik"], 33.3);
        assert_eq!(u["after"]["rated"], 3);
        assert_eq!(u["after"]["share_at_least_baik"], 100.0);
        assert_eq!(u["after"]["counts"]["sangat_baik"], 1);
        assert_eq!(u["trained_before"]["rated"], 2);
        assert_eq!(u["trained_before"]["at_least_baik"], 1);
        assert_eq!(u["trained_after"]["at_least_baik"], 2);
        // Years may be chosen; after must follow before.
        let o = expect_json(app.get(&format!("/sessions/{sid}/unit-outcomes?before_year=2025&after_year=2026"), &w.admin.token).await, 200).await;
        assert_eq!(o["units"][0]["before"]["rated"], 0);
        assert_eq!(o["units"][0]["before"]["share_at_least_baik"], Value::Null);
        let res = app.get(&format!("/sessions/{sid}/unit-outcomes?before_year=2026&after_year=2026"), &w.admin.token).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "after_year");

        // The unit's citizen satisfaction joins the view: no ratings the year before; this year
        // two respondents, all 4 and all 3 → NRR 3.5 on each element, IKM 3.5, score 87.5 (B);
        // waiting 20 and 40 minutes → median 30, 90th percentile (nearest rank) 40.
        let link = expect_json(app.get(&format!("/org-units/{}/rating-link", w.unit), &w.admin.token).await, 200).await;
        let (code, token) = (link["code"].as_str().expect("code"), link["token"].as_str().expect("token"));
        for (score, wait) in [(4, 20), (3, 40)] {
            let answers: serde_json::Map<String, Value> = (1..=9).map(|i| (format!("U{i}"), json!(score))).collect();
            let body = json!({"answers": answers, "service_type": "Pemeriksaan umum", "waiting_minutes": wait, "respondent": {"sex": "male", "age_band": "40_49", "education": "s1", "occupation": "other"}});
            let res = app.client.post(app.url(&format!("/public/units/{code}/ratings?t={token}"))).json(&body).send().await.expect("send");
            assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
        }
        let this_year = chrono::Datelike::year(&pembina_api::routes::learning::today());
        let o = expect_json(app.get(&format!("/sessions/{sid}/unit-outcomes?before_year={}&after_year={this_year}", this_year - 1), &w.admin.token).await, 200).await;
        let u = &o["units"][0];
        assert_eq!(u["satisfaction_before"]["respondents"], 0);
        assert_eq!(u["satisfaction_before"]["score"], Value::Null);
        assert_eq!(u["satisfaction_after"]["respondents"], 2);
        assert_eq!(u["satisfaction_after"]["score"], 87.5);
        assert_eq!(u["satisfaction_after"]["grade"], "B");
        assert_eq!(u["satisfaction_after"]["waiting_count"], 2);
        assert_eq!(u["satisfaction_after"]["waiting_median_minutes"], 30.0);
        assert_eq!(u["satisfaction_after"]["waiting_p90_minutes"], 40);

        // Trainers of the agency may read it; another agency and employees may not.
        let trainer = app.create_user_direct("pelatih@test.local", Some(w.agency), vec![Role::Trainer], None).await;
        assert_eq!(app.get(&format!("/sessions/{sid}/unit-outcomes"), &trainer.token).await.status(), 200);
        let other = app.agency_admin("1702").await;
        problem(app.get(&format!("/sessions/{sid}/unit-outcomes"), &other.token).await, 404, "not_found").await;
        let staff = app.create_user_direct("staf@test.local", Some(w.agency), vec![Role::Employee], Some(w.staff[1])).await;
        problem(app.get(&format!("/sessions/{sid}/unit-outcomes"), &staff.token).await, 403, "forbidden").await;
    }
);
