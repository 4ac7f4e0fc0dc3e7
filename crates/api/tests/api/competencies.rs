//! The competency dictionary, position standards, assessments and gaps: the rules, who may
//! call what, and that another agency's objects stay invisible.

use pembina_domain::accounts::Role;
use reqwest::Response;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, db_test, id_of, problem};

async fn expect_json(res: Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).expect("json")
}

fn five_levels() -> Value {
    json!((1..=5)
        .map(|l| json!({"level": l, "description": format!("Tingkat {l}"), "indicators": [format!("Indikator {l}")]}))
        .collect::<Vec<_>>())
}

/// Creates a technical competency as `token`, returns its id.
async fn technical(app: &TestApp, token: &str, code: &str) -> Uuid {
    let res = app
        .post(
            "/competencies",
            Some(token),
            json!({"code": code, "name": format!("Kompetensi {code}"), "description": "", "levels": five_levels()}),
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

/// The id of a national competency by code, as seen by `token`.
async fn national(app: &TestApp, token: &str, code: &str) -> Uuid {
    let page = expect_json(
        app.get(&format!("/competencies?q={code}&per_page=200"), token)
            .await,
        200,
    )
    .await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["code"] == code)
        .expect("national competency")["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("uuid")
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

async fn employee_with_position(
    app: &TestApp,
    token: &str,
    unit: Uuid,
    position: Uuid,
    nip: &str,
    supervisor: Option<Uuid>,
) -> Uuid {
    let res = app
        .post(
            "/employees",
            Some(token),
            json!({"org_unit_id": unit, "position_id": position, "nip": nip, "employment_type": "pns", "name": format!("Pegawai {nip}"), "supervisor_id": supervisor}),
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

async fn assess(app: &TestApp, token: &str, body: Value) -> Response {
    app.post("/competency-assessments", Some(token), body).await
}

db_test!(
    async fn the_national_catalogue_is_seeded_read_only_and_technical_ones_are_per_agency(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;

        let page = expect_json(app.get("/competencies?per_page=200", &kota.token).await, 200).await;
        let codes: Vec<&str> = page["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|c| c["code"].as_str().expect("code"))
            .collect();
        assert_eq!(codes, ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "SK1"]);
        let m1 = &page["items"][0];
        assert_eq!(m1["name"], "Integritas");
        assert_eq!(m1["group"], "managerial");
        assert_eq!(m1["national"], true);
        assert_eq!(m1["levels"].as_array().expect("levels").len(), 5);
        assert_eq!(page["items"][8]["group"], "socio_cultural");

        // The national catalogue cannot be changed.
        let m1_id = m1["id"].as_str().expect("id");
        problem(
            app.patch(&format!("/competencies/{m1_id}"), &kota.token, json!({"name": "X"}))
                .await,
            403,
            "forbidden",
        )
        .await;

        // A technical competency belongs to its agency only.
        let pm = technical(&app, &kota.token, "t-pm").await;
        let got = expect_json(app.get(&format!("/competencies/{pm}"), &kota.token).await, 200).await;
        assert_eq!(got["code"], "T-PM");
        assert_eq!(got["group"], "technical");
        problem(app.get(&format!("/competencies/{pm}"), &rl.token).await, 404, "not_found").await;
        let theirs = expect_json(app.get("/competencies?group=technical", &rl.token).await, 200).await;
        assert_eq!(theirs["total"], 0);
        // The same code is free in another agency, taken in the same one.
        technical(&app, &rl.token, "T-PM").await;
        let dup = app
            .post("/competencies", Some(&kota.token), json!({"code": "T-PM", "name": "Lagi", "levels": five_levels()}))
            .await;
        problem(dup, 409, "duplicate_code").await;

        // Rules: reserved codes, five levels, national groups.
        let bad = app
            .post("/competencies", Some(&kota.token), json!({"code": "M1", "name": "", "levels": [{"level": 1, "description": "a"}]}))
            .await;
        let body = problem(bad, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| e["field"].as_str().expect("field"))
            .collect();
        assert!(fields.contains(&"code"), "{body}");
        assert!(fields.contains(&"name"), "{body}");
        assert!(fields.contains(&"levels"), "{body}");

        // Retired competencies leave the list unless asked for.
        expect_json(
            app.patch(&format!("/competencies/{pm}"), &kota.token, json!({"retired": true}))
                .await,
            200,
        )
        .await;
        let active = expect_json(app.get("/competencies?group=technical", &kota.token).await, 200).await;
        assert_eq!(active["total"], 0);
        let all = expect_json(
            app.get("/competencies?group=technical&include_retired=true", &kota.token)
                .await,
            200,
        )
        .await;
        assert_eq!(all["total"], 1);
        assert_eq!(all["items"][0]["retired"], true);

        // Employees may read the dictionary but not write it.
        let agency = app.agency("1771").await;
        let emp = app
            .create_user_direct("pegawai@test.local", Some(agency), vec![Role::Employee], None)
            .await;
        expect_json(app.get("/competencies", &emp.token).await, 200).await;
        problem(
            app.post("/competencies", Some(&emp.token), json!({"code": "T-X", "name": "X", "levels": five_levels()}))
                .await,
            403,
            "forbidden",
        )
        .await;
    }
);

db_test!(
    async fn a_position_standard_has_defaults_by_post_kind_and_explicit_levels(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let staff = position(&app, &kota.token, "STAF", "pelaksana").await;
        let head = position(&app, &kota.token, "KABID", "administrator").await;

        let std = expect_json(
            app.get(&format!("/positions/{staff}/competency-standard"), &kota.token)
                .await,
            200,
        )
        .await;
        let entries = std["entries"].as_array().expect("entries");
        assert_eq!(entries.len(), 9, "{std}");
        assert!(entries.iter().all(|e| e["required_level"] == 1 && e["explicit"] == false));
        let heads = expect_json(
            app.get(&format!("/positions/{head}/competency-standard"), &kota.token)
                .await,
            200,
        )
        .await;
        assert!(heads["entries"].as_array().expect("e").iter().all(|e| e["required_level"] == 3));

        // Explicit levels: a technical competency, and an override of M1.
        let pm = technical(&app, &kota.token, "T-PM").await;
        let m1 = national(&app, &kota.token, "M1").await;
        let put = expect_json(
            app.put(
                &format!("/positions/{staff}/competency-standard"),
                &kota.token,
                json!({"standards": [{"competency_id": pm, "required_level": 3}, {"competency_id": m1, "required_level": 2}]}),
            )
            .await,
            200,
        )
        .await;
        let entries = put["entries"].as_array().expect("entries");
        assert_eq!(entries.len(), 10);
        let m1e = entries.iter().find(|e| e["competency"]["code"] == "M1").expect("M1");
        assert_eq!((m1e["required_level"].as_i64(), m1e["explicit"].as_bool()), (Some(2), Some(true)));
        let pme = entries.iter().find(|e| e["competency"]["code"] == "T-PM").expect("T-PM");
        assert_eq!(pme["required_level"], 3);

        // Another agency's competency, a level out of range, a duplicate: all named.
        let theirs = technical(&app, &rl.token, "T-RL").await;
        let bad = app
            .put(
                &format!("/positions/{staff}/competency-standard"),
                &kota.token,
                json!({"standards": [{"competency_id": theirs, "required_level": 2}, {"competency_id": pm, "required_level": 6}, {"competency_id": pm, "required_level": 2}]}),
            )
            .await;
        let body = problem(bad, 422, "validation_failed").await;
        let got: Vec<(String, String)> = body["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| (e["field"].as_str().expect("f").to_owned(), e["code"].as_str().expect("c").to_owned()))
            .collect();
        assert!(got.contains(&("standards[0].competency_id".into(), "unknown_reference".into())), "{body}");
        assert!(got.contains(&("standards[1].required_level".into(), "out_of_range".into())), "{body}");
        assert!(got.contains(&("standards[2].competency_id".into(), "duplicate".into())), "{body}");
        // Nothing of the bad request was written.
        let again = expect_json(
            app.get(&format!("/positions/{staff}/competency-standard"), &kota.token)
                .await,
            200,
        )
        .await;
        assert_eq!(again["entries"], put["entries"]);

        // Another agency cannot read or write it.
        problem(
            app.get(&format!("/positions/{staff}/competency-standard"), &rl.token).await,
            404,
            "not_found",
        )
        .await;
        problem(
            app.put(&format!("/positions/{staff}/competency-standard"), &rl.token, json!({"standards": []}))
                .await,
            404,
            "not_found",
        )
        .await;

        // The agency's defaults are settings.
        let mut settings = expect_json(app.get("/competency-settings", &kota.token).await, 200).await;
        assert_eq!(settings["managerial_defaults"]["pelaksana"], 1);
        settings["managerial_defaults"]["pelaksana"] = json!(2);
        expect_json(app.put("/competency-settings", &kota.token, settings.clone()).await, 200).await;
        let after = expect_json(
            app.get(&format!("/positions/{staff}/competency-standard"), &kota.token)
                .await,
            200,
        )
        .await;
        let m2 = after["entries"].as_array().expect("e").iter().find(|e| e["competency"]["code"] == "M2").expect("M2").clone();
        assert_eq!(m2["required_level"], 2);
        // Out-of-range settings are refused.
        settings["managerial_defaults"]["pelaksana"] = json!(9);
        let res = app.put("/competency-settings", &kota.token, settings).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "pelaksana");
        // Another agency's settings are untouched.
        let theirs = expect_json(app.get("/competency-settings", &rl.token).await, 200).await;
        assert_eq!(theirs["managerial_defaults"]["pelaksana"], 1);
    }
);

db_test!(
    async fn assessments_make_the_gap_and_the_latest_valid_one_counts(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&kota.token, None, None, "DINKES").await;
        let staff = position(&app, &kota.token, "STAF", "pelaksana").await;
        let pm = technical(&app, &kota.token, "T-PM").await;
        expect_json(
            app.put(
                &format!("/positions/{staff}/competency-standard"),
                &kota.token,
                json!({"standards": [{"competency_id": pm, "required_level": 3}]}),
            )
            .await,
            200,
        )
        .await;
        let boss = employee_with_position(&app, &kota.token, unit, staff, "198001012005011001", None).await;
        let worker =
            employee_with_position(&app, &kota.token, unit, staff, "199002022015032002", Some(boss)).await;
        let m1 = national(&app, &kota.token, "M1").await;

        // Nothing assessed yet: every competency is a gap; match 0 %.
        let gap = expect_json(app.get(&format!("/employees/{worker}/competency-gap"), &kota.token).await, 200).await;
        assert_eq!(gap["unassessed"], 10);
        assert_eq!(gap["job_person_match"]["percent"], 0.0);
        assert_eq!(gap["job_person_match"]["category"], "does_not_meet");

        // The admin records levels meeting every national standard (1) and T-PM at 3.
        let page = expect_json(app.get("/competencies?per_page=200", &kota.token).await, 200).await;
        for c in page["items"].as_array().expect("items") {
            let level = if c["code"] == "T-PM" { 3 } else { 1 };
            let res = assess(&app, &kota.token, json!({"employee_id": worker, "competency_id": c["id"], "level": level, "assessed_on": "2026-01-10", "method": "assessment_centre"})).await;
            assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
        }
        let gap = expect_json(app.get(&format!("/employees/{worker}/competency-gap"), &kota.token).await, 200).await;
        assert_eq!(gap["unassessed"], 0);
        assert_eq!(gap["job_person_match"]["percent"], 100.0);
        assert_eq!(gap["job_person_match"]["category"], "meets");

        // A later, lower assessment of T-PM counts: 9 + 1 of 12 points = 83.33 %, still meets.
        let later = assess(&app, &kota.token, json!({"employee_id": worker, "competency_id": pm, "level": 1, "assessed_on": "2026-06-01", "method": "test"})).await;
        let later = id_of(later).await;
        let gap = expect_json(app.get(&format!("/employees/{worker}/competency-gap"), &kota.token).await, 200).await;
        let item = gap["items"].as_array().expect("items").iter().find(|i| i["competency"]["code"] == "T-PM").expect("T-PM").clone();
        assert_eq!((item["achieved"].as_i64(), item["gap"].as_i64(), item["meets"].as_bool()), (Some(1), Some(-2), Some(false)));
        assert_eq!(gap["job_person_match"]["percent"], 83.33);
        assert_eq!(gap["job_person_match"]["category"], "meets");

        // Voiding it brings the earlier one back; history keeps both.
        expect_json(
            app.post(&format!("/competency-assessments/{later}/void"), Some(&kota.token), json!({"reason": "salah input"}))
                .await,
            200,
        )
        .await;
        let gap = expect_json(app.get(&format!("/employees/{worker}/competency-gap"), &kota.token).await, 200).await;
        assert_eq!(gap["job_person_match"]["percent"], 100.0);
        let history = expect_json(
            app.get(&format!("/competency-assessments?employee_id={worker}&competency_id={pm}&include_voided=true"), &kota.token)
                .await,
            200,
        )
        .await;
        assert_eq!(history["total"], 2);
        assert!(history["items"][0]["voided_at"].is_string(), "{history}");

        // Bad input is named; an assessment in the future is refused.
        let res = assess(&app, &kota.token, json!({"employee_id": worker, "competency_id": m1, "level": 7, "assessed_on": "2999-01-01"})).await;
        let body = problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"].as_array().expect("e").iter().map(|e| e["field"].as_str().expect("f")).collect();
        assert_eq!(fields, ["level", "assessed_on"]);

        // The employee rates themselves (self only); the supervisor rates the report.
        let me = app
            .create_user_direct("worker@test.local", Some(agency), vec![Role::Employee], Some(worker))
            .await;
        let sup = app
            .create_user_direct("boss@test.local", Some(agency), vec![Role::Supervisor, Role::Employee], Some(boss))
            .await;
        let own = expect_json(assess(&app, &me.token, json!({"employee_id": worker, "competency_id": m1, "level": 2})).await, 201).await;
        assert_eq!(own["method"], "self");
        problem(
            assess(&app, &me.token, json!({"employee_id": worker, "competency_id": m1, "level": 5, "method": "assessment_centre"})).await,
            422,
            "validation_failed",
        )
        .await;
        problem(assess(&app, &me.token, json!({"employee_id": boss, "competency_id": m1, "level": 5})).await, 404, "not_found").await;
        let by_sup = expect_json(assess(&app, &sup.token, json!({"employee_id": worker, "competency_id": m1, "level": 2})).await, 201).await;
        assert_eq!(by_sup["method"], "supervisor");
        expect_json(app.get(&format!("/employees/{worker}/competency-gap"), &sup.token).await, 200).await;
        expect_json(app.get(&format!("/employees/{worker}/competency-gap"), &me.token).await, 200).await;
        // The report cannot see the boss's gap; nobody else's assessments without naming them.
        problem(app.get(&format!("/employees/{boss}/competency-gap"), &me.token).await, 404, "not_found").await;
        problem(app.get("/competency-assessments", &me.token).await, 422, "validation_failed").await;
        // Only admins void.
        problem(
            app.post(&format!("/competency-assessments/{}/void", own["id"].as_str().expect("id")), Some(&sup.token), json!({"reason": "x"}))
                .await,
            403,
            "forbidden",
        )
        .await;

        // Another agency sees nothing of it.
        problem(app.get(&format!("/employees/{worker}/competency-gap"), &rl.token).await, 404, "not_found").await;
        problem(assess(&app, &rl.token, json!({"employee_id": worker, "competency_id": m1, "level": 2})).await, 404, "not_found").await;
        let theirs = expect_json(app.get(&format!("/competency-assessments?employee_id={worker}"), &rl.token).await, 200).await;
        assert_eq!(theirs["total"], 0);
        // Nor can its admin assess our employee against their technical competency, or ours
        // against theirs.
        let rl_comp = technical(&app, &rl.token, "T-RL").await;
        let res = assess(&app, &kota.token, json!({"employee_id": worker, "competency_id": rl_comp, "level": 2})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "competency_id");
    }
);

db_test!(
    async fn a_units_heat_map_covers_its_subtree_and_stays_in_its_agency(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let agency = app.agency("1771").await;
        let dinkes = app.unit(&kota.token, None, None, "DINKES").await;
        let pkm = app.unit(&kota.token, None, Some(dinkes), "PKM").await;
        let other = app.unit(&kota.token, None, None, "DISDIK").await;
        let staff = position(&app, &kota.token, "STAF", "pelaksana").await;
        let a = employee_with_position(&app, &kota.token, dinkes, staff, "198001012005011001", None).await;
        let b = employee_with_position(&app, &kota.token, pkm, staff, "199002022015032002", None).await;
        employee_with_position(&app, &kota.token, other, staff, "199103032016041003", None).await;
        let m1 = national(&app, &kota.token, "M1").await;
        for (e, level) in [(a, 1), (b, 3)] {
            expect_json(assess(&app, &kota.token, json!({"employee_id": e, "competency_id": m1, "level": level})).await, 201).await;
        }

        let map = expect_json(app.get(&format!("/org-units/{dinkes}/competency-gaps"), &kota.token).await, 200).await;
        let names: Vec<&str> = map["employees"].as_array().expect("rows").iter().map(|r| r["nip"].as_str().expect("nip")).collect();
        assert_eq!(names.len(), 2, "{map}");
        assert_eq!(map["competencies"].as_array().expect("c").len(), 9);
        let m1s = map["summary"].as_array().expect("s").iter().find(|s| s["competency"]["code"] == "M1").expect("M1").clone();
        assert_eq!((m1s["with_standard"].as_i64(), m1s["below"].as_i64()), (Some(2), Some(0)));
        let m2s = map["summary"].as_array().expect("s").iter().find(|s| s["competency"]["code"] == "M2").expect("M2").clone();
        assert_eq!((m2s["below"].as_i64(), m2s["share_below"].as_f64(), m2s["mean_gap"].as_f64()), (Some(2), Some(1.0), Some(1.0)));
        let row_b = map["employees"].as_array().expect("rows").iter().find(|r| r["employee_id"] == b.to_string()).expect("b").clone();
        let cell = row_b["cells"].as_array().expect("cells").iter().find(|c| c["competency_id"] == m1.to_string()).expect("cell").clone();
        assert_eq!((cell["achieved"].as_i64(), cell["gap"].as_i64()), (Some(3), Some(2)));
        // 1 of 9 points: 11.11 %.
        assert_eq!(row_b["job_person_match"]["percent"], 11.11);

        // The sub-unit alone.
        let sub = expect_json(app.get(&format!("/org-units/{pkm}/competency-gaps"), &kota.token).await, 200).await;
        assert_eq!(sub["employees"].as_array().expect("rows").len(), 1);

        // Another agency: not found; an employee: forbidden.
        problem(app.get(&format!("/org-units/{dinkes}/competency-gaps"), &rl.token).await, 404, "not_found").await;
        let emp = app.create_user_direct("e@test.local", Some(agency), vec![Role::Employee], Some(a)).await;
        problem(app.get(&format!("/org-units/{dinkes}/competency-gaps"), &emp.token).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn training_needs_are_ranked_with_their_reasons(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let dinkes = app.unit(&kota.token, None, None, "DINKES").await;
        let staff = position(&app, &kota.token, "STAF", "pelaksana").await;
        let a = employee_with_position(&app, &kota.token, dinkes, staff, "198001012005011001", None).await;
        let b = employee_with_position(&app, &kota.token, dinkes, staff, "199002022015032002", None).await;
        let comps = expect_json(app.get("/competencies?per_page=200", &kota.token).await, 200).await;
        let id_of_code = |code: &str| -> String {
            comps["items"].as_array().expect("items").iter().find(|c| c["code"] == code).expect("code")["id"].as_str().expect("id").to_owned()
        };
        // Both meet M1; one meets M2; nobody is assessed in the rest.
        for (e, code) in [(a, "M1"), (b, "M1"), (a, "M2")] {
            expect_json(assess(&app, &kota.token, json!({"employee_id": e, "competency_id": id_of_code(code), "level": 1})).await, 201).await;
        }
        let needs = expect_json(app.get(&format!("/training-needs?org_unit_id={dinkes}"), &kota.token).await, 200).await;
        let items = needs["items"].as_array().expect("items");
        // M1 is met by all: no need. Seven competencies lack everyone, M2 half.
        let codes: Vec<&str> = items.iter().map(|i| i["competency"]["code"].as_str().expect("code")).collect();
        assert_eq!(codes.len(), 8, "{needs}");
        assert!(!codes.contains(&"M1"));
        assert_eq!(codes.last(), Some(&"M2"));
        let top = &items[0];
        assert_eq!(top["rank"], 1);
        // Without surveys, appraisals or citizens' ratings, gap and depth share all the weight:
        // 100 × (0.4/0.6 × 1.0 + 0.2/0.6 × 1/4) = 75.0.
        assert_eq!(top["score"], 75.0);
        assert_eq!(top["contributions"][0]["signal"], "gap");
        assert_eq!(top["missing"], json!(["survey", "performance", "citizen"]));
        assert_eq!(top["below_count"], 2);
        let m2 = items.last().expect("m2");
        // 100 × (0.4/0.6 × 0.5 + 0.2/0.6 × 1/4) = 41.7.
        assert_eq!(m2["score"], 41.7);
        assert_eq!(m2["employees_below"][0]["employee_id"], b.to_string());

        // Weights are the agency's: all on depth makes every need score 25.
        let mut settings = expect_json(app.get("/competency-settings", &kota.token).await, 200).await;
        settings["need_weights"] = json!({"gap": 0.0, "depth": 1.0, "survey": 0.0, "performance": 0.0, "citizen": 0.0});
        expect_json(app.put("/competency-settings", &kota.token, settings).await, 200).await;
        let agency_wide = expect_json(app.get("/training-needs", &kota.token).await, 200).await;
        assert!(agency_wide["items"].as_array().expect("items").iter().all(|i| i["score"] == 25.0), "{agency_wide}");

        // Other agencies and employees: nothing.
        problem(app.get(&format!("/training-needs?org_unit_id={dinkes}"), &rl.token).await, 404, "not_found").await;
        let theirs = expect_json(app.get("/training-needs", &rl.token).await, 200).await;
        assert_eq!(theirs["items"], json!([]));
        // A script with competencies:read may read it; one without may not.
        for (scopes, status) in [(json!(["competencies:read"]), 200), (json!(["org:read"]), 403)] {
            let res = app.post("/api-keys", Some(&kota.token), json!({"name": "akpk", "scopes": scopes})).await;
            let secret = expect_json(res, 201).await["secret"].as_str().expect("secret").to_owned();
            let res = app.get(&format!("/training-needs?org_unit_id={dinkes}"), &secret).await;
            assert_eq!(res.status().as_u16(), status);
        }
    }
);

db_test!(
    async fn needs_become_the_yearly_plan_and_its_spreadsheet(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let dinkes = app.unit(&kota.token, None, None, "DINKES").await;
        let staff = position(&app, &kota.token, "STAF", "pelaksana").await;
        let a = employee_with_position(&app, &kota.token, dinkes, staff, "198001012005011001", None).await;
        let rl_unit = app.unit(&rl.token, None, None, "RL-DINKES").await;
        let rl_staff = position(&app, &rl.token, "STAF", "pelaksana").await;
        let outsider = employee_with_position(&app, &rl.token, rl_unit, rl_staff, "199002022015032002", None).await;

        let needs = expect_json(app.get(&format!("/training-needs?org_unit_id={dinkes}"), &kota.token).await, 200).await;
        let need = &needs["items"][0];
        let targets: Vec<Value> = need["employees_below"].as_array().expect("below").iter().map(|e| e["employee_id"].clone()).collect();
        assert_eq!(targets, [json!(a.to_string())]);
        let body = json!({
            "year": 2027, "competency_id": need["competency"]["id"], "org_unit_id": dinkes,
            "title": "Pelatihan Integritas", "activity_kind": "training", "provider": "BPSDM Provinsi Bengkulu",
            "planned_start": "2027-03-01", "planned_end": "2027-03-05", "budget": 25000000, "jp": 40,
            "need_score": need["score"], "employee_ids": targets
        });
        let item = expect_json(app.post("/development-plan", Some(&kota.token), body.clone()).await, 201).await;
        assert_eq!(item["form"], "classical");
        let id = item["id"].as_str().expect("id").to_owned();

        // Targets of another agency, dates outside the year: named, nothing written.
        let mut bad = body.clone();
        bad["employee_ids"] = json!([a, outsider]);
        bad["planned_end"] = json!("2028-01-10");
        let res = app.post("/development-plan", Some(&kota.token), bad).await;
        let errs = problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = errs["errors"].as_array().expect("e").iter().map(|e| e["field"].as_str().expect("f")).collect();
        assert_eq!(fields, ["planned_end"], "{errs}");
        let mut bad = body.clone();
        bad["employee_ids"] = json!([a, outsider]);
        let errs = problem(app.post("/development-plan", Some(&kota.token), bad).await, 422, "validation_failed").await;
        assert_eq!(errs["errors"][0]["field"], "employee_ids[1]");
        let list = expect_json(app.get("/development-plan?year=2027", &kota.token).await, 200).await;
        assert_eq!(list["total"], 1);

        // A non-classical second activity; the plan is exported in schedule order.
        let mut coaching = body.clone();
        coaching["title"] = json!("Coaching Integritas");
        coaching["activity_kind"] = json!("coaching");
        coaching["planned_start"] = json!("2027-01-10");
        coaching["planned_end"] = json!("2027-01-10");
        coaching["budget"] = Value::Null;
        expect_json(app.post("/development-plan", Some(&kota.token), coaching).await, 201).await;
        let csv = app.get("/development-plan/export?year=2027&format=csv", &kota.token).await;
        assert_eq!(csv.status(), 200);
        let text = csv.text().await.expect("text");
        // With a BOM, so that Excel reads it as UTF-8.
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].starts_with("No,Kode Kompetensi,Kompetensi,Unit,Kegiatan,Bentuk"), "{text}");
        assert!(lines[1].contains("Coaching Integritas") && lines[1].contains("Nonklasikal"), "{text}");
        assert!(lines[2].contains("Klasikal") && lines[2].contains("25000000") && lines[2].contains("198001012005011001"), "{text}");
        let xlsx = app.get("/development-plan/export?year=2027", &kota.token).await;
        assert_eq!(xlsx.status(), 200);
        assert!(xlsx.headers()["content-type"].to_str().expect("ct").contains("spreadsheetml"));
        assert_eq!(&xlsx.bytes().await.expect("bytes")[..2], b"PK");

        // Change and remove; another agency sees none of it.
        let mut changed = body.clone();
        changed["employee_ids"] = json!([]);
        let put = expect_json(app.put(&format!("/development-plan/{id}"), &kota.token, changed).await, 200).await;
        assert_eq!(put["employee_ids"], json!([]));
        problem(app.get(&format!("/development-plan/{id}"), &rl.token).await, 404, "not_found").await;
        let theirs = expect_json(app.get("/development-plan", &rl.token).await, 200).await;
        assert_eq!(theirs["total"], 0);
        let res = app.request(reqwest::Method::DELETE, &format!("/development-plan/{id}"), Some(&rl.token), None).await;
        assert_eq!(res.status(), 404);
        let res = app.request(reqwest::Method::DELETE, &format!("/development-plan/{id}"), Some(&kota.token), None).await;
        assert_eq!(res.status(), 204);
        problem(app.get(&format!("/development-plan/{id}"), &kota.token).await, 404, "not_found").await;
    }
);

db_test!(
    async fn an_agency_sees_which_competencies_lack_most_and_where(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let agency = app.agency("1771").await;
        let dinkes = app.unit(&kota.token, None, None, "DINKES").await;
        let disdik = app.unit(&kota.token, None, None, "DISDIK").await;
        let staff = position(&app, &kota.token, "STAF", "pelaksana").await;
        let a = employee_with_position(&app, &kota.token, dinkes, staff, "198001012005011001", None).await;
        let b = employee_with_position(&app, &kota.token, disdik, staff, "199002022015032002", None).await;
        let c = employee_with_position(&app, &kota.token, disdik, staff, "199103032016041003", None).await;
        let m1 = national(&app, &kota.token, "M1").await;
        let m2 = national(&app, &kota.token, "M2").await;
        // Everyone meets M1 except b; everyone meets M2.
        for (e, comp, level) in [(a, m1, 2), (c, m1, 1), (a, m2, 1), (b, m2, 1), (c, m2, 1)] {
            expect_json(assess(&app, &kota.token, json!({"employee_id": e, "competency_id": comp, "level": level})).await, 201).await;
        }
        let gaps = expect_json(app.get("/competency-gaps", &kota.token).await, 200).await;
        let items = gaps["items"].as_array().expect("items");
        assert_eq!(items.len(), 9);
        let m1g = items.iter().find(|i| i["competency"]["code"] == "M1").expect("M1");
        assert_eq!((m1g["with_standard"].as_i64(), m1g["below"].as_i64()), (Some(3), Some(1)));
        assert_eq!(m1g["units"].as_array().expect("units").len(), 1);
        assert_eq!(m1g["units"][0]["code"], "DISDIK");
        assert_eq!(m1g["units"][0]["share_below"], 0.5);
        let m2g = items.iter().find(|i| i["competency"]["code"] == "M2").expect("M2");
        assert_eq!((m2g["below"].as_i64(), m2g["units"].as_array().map(Vec::len)), (Some(0), Some(0)));
        // Most lacking first: the seven nobody was assessed in, then M1, then M2.
        assert_eq!(items[7]["competency"]["code"], "M1");
        assert_eq!(items[8]["competency"]["code"], "M2");
        assert_eq!(items[0]["share_below"], 1.0);
        assert_eq!(items[0]["units"][0]["code"], "DISDIK", "two below there beats one in DINKES");

        // Another agency's admin sees its own (empty) agency; naming ours answers 404.
        let theirs = expect_json(app.get("/competency-gaps", &rl.token).await, 200).await;
        assert_eq!(theirs["items"], json!([]));
        problem(app.get(&format!("/competency-gaps?agency_id={agency}"), &rl.token).await, 404, "not_found").await;
        let root = expect_json(app.get(&format!("/competency-gaps?agency_id={agency}"), &app.root).await, 200).await;
        assert_eq!(root["items"], gaps["items"]);
        let emp = app.create_user_direct("e@test.local", Some(agency), vec![Role::Employee], Some(a)).await;
        problem(app.get("/competency-gaps", &emp.token).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn another_agency_can_neither_void_our_assessments_nor_export_our_plan(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let unit = app.unit(&kota.token, None, None, "DINKES").await;
        let staff = position(&app, &kota.token, "STAF", "pelaksana").await;
        let e = employee_with_position(&app, &kota.token, unit, staff, "198001012005011001", None).await;
        let m1 = national(&app, &kota.token, "M1").await;
        let a = expect_json(assess(&app, &kota.token, json!({"employee_id": e, "competency_id": m1, "level": 2})).await, 201).await;
        let aid = a["id"].as_str().expect("id");
        problem(app.post(&format!("/competency-assessments/{aid}/void"), Some(&rl.token), json!({"reason": "x"})).await, 404, "not_found").await;
        let still = expect_json(app.get(&format!("/competency-assessments?employee_id={e}"), &kota.token).await, 200).await;
        assert_eq!(still["items"][0]["voided_at"], Value::Null);

        let body = json!({"year": 2027, "competency_id": m1, "title": "Pelatihan Integritas", "activity_kind": "training", "employee_ids": [e]});
        expect_json(app.post("/development-plan", Some(&kota.token), body).await, 201).await;
        let theirs = app.get("/development-plan/export?year=2027&format=csv", &rl.token).await;
        assert_eq!(theirs.status(), 200);
        let text = theirs.text().await.expect("text");
        assert_eq!(text.trim_start_matches('\u{feff}').lines().count(), 1, "header only: {text}");
        let agency = app.agency("1771").await;
        problem(app.get(&format!("/development-plan/export?year=2027&agency_id={agency}"), &rl.token).await, 404, "not_found").await;
        let ours = app.get("/development-plan/export?year=2027&format=csv", &kota.token).await;
        assert!(ours.text().await.expect("text").contains("Pelatihan Integritas"));
    }
);
