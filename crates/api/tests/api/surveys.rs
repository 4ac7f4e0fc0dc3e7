//! Needs surveys: building, sending, answering (employees, supervisors, the public), results,
//! and their signal in the training needs.

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

async fn employee(
    app: &TestApp,
    token: &str,
    unit: Uuid,
    nip: &str,
    supervisor: Option<Uuid>,
) -> Uuid {
    let res = app
        .post(
            "/employees",
            Some(token),
            json!({"org_unit_id": unit, "nip": nip, "employment_type": "pns", "name": format!("Pegawai {nip}"), "supervisor_id": supervisor}),
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

fn survey_body(audience: &str, unit: Option<Uuid>) -> Value {
    json!({
        "title": "Analisis Kebutuhan Pelatihan 2027",
        "org_unit_id": unit,
        "audience": audience,
        "questions": [
            {"text": "Seberapa perlu Anda pelatihan Integritas?", "kind": "likert", "competency_code": "m1"},
            {"text": "Bentuk pelatihan yang diinginkan", "kind": "single_choice", "options": ["Klasikal", "E-learning"]},
            {"text": "Saran", "kind": "text", "required": false}
        ]
    })
}

db_test!(
    async fn employees_answer_their_tasks_and_the_results_feed_the_needs(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&kota.token, None, None, "DINKES").await;
        let a = employee(&app, &kota.token, unit, "198001012005011001", None).await;
        let b = employee(&app, &kota.token, unit, "199002022015032002", None).await;

        // Rules are named per question; unknown competency codes too.
        let mut bad = survey_body("employees", Some(unit));
        bad["questions"][0]["competency_code"] = json!("NOPE");
        bad["questions"][1]["options"] = json!(["Satu"]);
        let body = problem(app.post("/surveys", Some(&kota.token), bad).await, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"].as_array().expect("e").iter().map(|e| e["field"].as_str().expect("f")).collect();
        assert_eq!(fields, ["questions[1].options"], "{body}");
        let mut bad = survey_body("employees", Some(unit));
        bad["questions"][0]["competency_code"] = json!("NOPE");
        let body = problem(app.post("/surveys", Some(&kota.token), bad).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "questions[0].competency_code");

        let survey = expect_json(app.post("/surveys", Some(&kota.token), survey_body("employees", Some(unit))).await, 201).await;
        let id = survey["id"].as_str().expect("id").to_owned();
        assert_eq!(survey["status"], "draft");
        let qs: Vec<String> = survey["questions"].as_array().expect("q").iter().map(|q| q["id"].as_str().expect("id").to_owned()).collect();
        // Another agency cannot see it.
        problem(app.get(&format!("/surveys/{id}"), &rl.token).await, 404, "not_found").await;

        let opened = expect_json(app.post(&format!("/surveys/{id}/open"), Some(&kota.token), json!({})).await, 200).await;
        assert_eq!(opened["tasks_created"], 2);
        assert_eq!(opened["survey"]["status"], "open");
        // An open survey cannot change.
        problem(app.put(&format!("/surveys/{id}"), &kota.token, survey_body("employees", Some(unit))).await, 409, "not_draft").await;

        let ua = app.create_user_direct("a@test.local", Some(agency), vec![Role::Employee], Some(a)).await;
        let ub = app.create_user_direct("b@test.local", Some(agency), vec![Role::Employee], Some(b)).await;
        let tasks = expect_json(app.get("/me/survey-tasks", &ua.token).await, 200).await;
        assert_eq!(tasks.as_array().expect("tasks").len(), 1);
        assert_eq!(tasks[0]["about_self"], true);
        let task_a = tasks[0]["id"].as_str().expect("id").to_owned();
        let form = expect_json(app.get(&format!("/survey-tasks/{task_a}"), &ua.token).await, 200).await;
        assert_eq!(form["questions"].as_array().expect("q").len(), 3);
        assert_eq!(form["questions"][0]["competency_code"], "M1");
        assert_eq!(form["task"]["subject_employee_id"], a.to_string());
        assert_eq!(form["task"]["submitted_at"], Value::Null);

        // Missing required answers and wrong values are named by question position.
        let res = app.post(&format!("/survey-tasks/{task_a}/response"), Some(&ua.token), json!({"answers": [{"question_id": qs[0], "value": 9}]})).await;
        let body = problem(res, 422, "validation_failed").await;
        let got: Vec<(String, String)> = body["errors"].as_array().expect("e").iter().map(|e| (e["field"].as_str().expect("f").to_owned(), e["code"].as_str().expect("c").to_owned())).collect();
        assert_eq!(got, [("answers[0]".to_owned(), "out_of_range".to_owned()), ("answers[1]".to_owned(), "required".to_owned())]);
        // B cannot answer A's task.
        let ok = json!({"answers": [{"question_id": qs[0], "value": 5}, {"question_id": qs[1], "value": 1}, {"question_id": qs[2], "value": "Lebih banyak praktik"}]});
        problem(app.post(&format!("/survey-tasks/{task_a}/response"), Some(&ub.token), ok.clone()).await, 404, "not_found").await;
        expect_json(app.post(&format!("/survey-tasks/{task_a}/response"), Some(&ua.token), ok.clone()).await, 201).await;
        problem(app.post(&format!("/survey-tasks/{task_a}/response"), Some(&ua.token), ok).await, 409, "already_answered").await;
        let task_b = expect_json(app.get("/me/survey-tasks", &ub.token).await, 200).await[0]["id"].as_str().expect("id").to_owned();
        expect_json(
            app.post(&format!("/survey-tasks/{task_b}/response"), Some(&ub.token), json!({"answers": [{"question_id": qs[0], "value": 3}, {"question_id": qs[1], "value": 0}]}))
                .await,
            201,
        )
        .await;

        let results = expect_json(app.get(&format!("/surveys/{id}/results"), &kota.token).await, 200).await;
        assert_eq!((results["responses"].as_i64(), results["tasks"].as_i64(), results["answered"].as_i64()), (Some(2), Some(2), Some(2)));
        assert_eq!(results["response_rate"], 1.0);
        assert_eq!(results["questions"][0]["mean"], 4.0);
        assert_eq!(results["questions"][0]["distribution"], json!([0, 0, 1, 0, 1]));
        assert_eq!(results["questions"][1]["distribution"], json!([1, 1]));
        assert_eq!(results["questions"][2]["texts"], json!(["Lebih banyak praktik"]));
        problem(app.get(&format!("/surveys/{id}/results"), &rl.token).await, 404, "not_found").await;
        // Per unit, tasks and responses count that unit's staff only.
        let elsewhere = app.unit(&kota.token, None, None, "DISDIK").await;
        let none = expect_json(app.get(&format!("/surveys/{id}/results?org_unit_id={elsewhere}"), &kota.token).await, 200).await;
        assert_eq!((none["responses"].as_i64(), none["tasks"].as_i64()), (Some(0), Some(0)));
        assert_eq!(none["response_rate"], Value::Null);
        problem(app.get(&format!("/surveys/{id}/results"), &ua.token).await, 403, "forbidden").await;

        // The survey is now a signal of M1's need: mean 4 → (4 − 1) ÷ 4 = 0.75.
        let needs = expect_json(app.get(&format!("/training-needs?org_unit_id={unit}"), &kota.token).await, 200).await;
        let m1 = needs["items"].as_array().expect("items").iter().find(|i| i["competency"]["code"] == "M1").expect("M1").clone();
        let survey_part = m1["contributions"].as_array().expect("c").iter().find(|c| c["signal"] == "survey").expect("survey signal").clone();
        assert_eq!(survey_part["value"], 0.75);
        assert_eq!(m1["missing"], json!(["performance", "citizen"]));
        // Without positions nobody has a standard: the survey alone makes M1 a need.
        assert_eq!(needs["items"].as_array().expect("items").len(), 1, "{needs}");
        assert_eq!(m1["below_count"], 0);

        // Closed: tasks disappear, nothing more can be answered.
        expect_json(app.post(&format!("/surveys/{id}/close"), Some(&kota.token), json!({})).await, 200).await;
        assert_eq!(expect_json(app.get("/me/survey-tasks", &ua.token).await, 200).await, json!([]));
    }
);

db_test!(
    async fn supervisors_answer_about_each_report_and_the_public_answers_anonymously(app) {
        let kota = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&kota.token, None, None, "PKM").await;
        let boss = employee(&app, &kota.token, unit, "198001012005011001", None).await;
        employee(&app, &kota.token, unit, "199002022015032002", Some(boss)).await;
        employee(&app, &kota.token, unit, "199103032016041003", Some(boss)).await;

        let s = expect_json(app.post("/surveys", Some(&kota.token), survey_body("supervisors", Some(unit))).await, 201).await;
        let opened = expect_json(app.post(&format!("/surveys/{}/open", s["id"].as_str().expect("id")), Some(&kota.token), json!({})).await, 200).await;
        assert_eq!(opened["tasks_created"], 2);
        let sup = app.create_user_direct("boss@test.local", Some(agency), vec![Role::Supervisor], Some(boss)).await;
        let tasks = expect_json(app.get("/me/survey-tasks", &sup.token).await, 200).await;
        let tasks = tasks.as_array().expect("tasks");
        assert_eq!(tasks.len(), 2);
        assert!(tasks.iter().all(|t| t["about_self"] == false));

        // Public: needs the service unit; its link works without signing in, once open.
        let body = problem(app.post("/surveys", Some(&kota.token), survey_body("public", None)).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "org_unit_id");
        let p = expect_json(app.post("/surveys", Some(&kota.token), survey_body("public", Some(unit))).await, 201).await;
        assert_eq!(p["public_path"], Value::Null);
        let pid = p["id"].as_str().expect("id").to_owned();
        let opened = expect_json(app.post(&format!("/surveys/{pid}/open"), Some(&kota.token), json!({})).await, 200).await;
        assert_eq!(opened["tasks_created"], 0);
        let path = opened["survey"]["public_path"].as_str().expect("public path").to_owned();
        let token = path.strip_prefix("/s/").expect("a link to the web app's form");
        let public_path = &format!("/public/surveys/{token}");
        let form = app.request(reqwest::Method::GET, public_path, None, None).await;
        let form = expect_json(form, 200).await;
        let q0 = form["questions"][0]["id"].as_str().expect("id").to_owned();
        let q1 = form["questions"][1]["id"].as_str().expect("id").to_owned();
        let answer = json!({"answers": [{"question_id": q0, "value": 2}, {"question_id": q1, "value": [0]}]});
        // A list for a single choice is the wrong shape.
        let res = app.post(&format!("{public_path}/responses"), None, answer).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "answers[1]");
        let answer = json!({"answers": [{"question_id": q0, "value": 2}, {"question_id": q1, "value": 0}]});
        expect_json(app.post(&format!("{public_path}/responses"), None, answer.clone()).await, 201).await;
        let results = expect_json(app.get(&format!("/surveys/{pid}/results?org_unit_id={unit}"), &kota.token).await, 200).await;
        assert_eq!(results["responses"], 1);
        assert_eq!(results["response_rate"], Value::Null);
        // A wrong token, or a closed survey: not found.
        problem(app.request(reqwest::Method::GET, "/public/surveys/nope", None, None).await, 404, "not_found").await;
        expect_json(app.post(&format!("/surveys/{pid}/close"), Some(&kota.token), json!({})).await, 200).await;
        problem(app.post(&format!("{public_path}/responses"), None, answer).await, 404, "not_found").await;
    }
);

db_test!(
    async fn another_agency_can_neither_see_nor_change_a_survey(app) {
        let kota = app.agency_admin("1771").await;
        let rl = app.agency_admin("1702").await;
        let unit = app.unit(&kota.token, None, None, "DINKES").await;
        let s = expect_json(app.post("/surveys", Some(&kota.token), survey_body("employees", Some(unit))).await, 201).await;
        let id = s["id"].as_str().expect("id").to_owned();
        let theirs = expect_json(app.get("/surveys", &rl.token).await, 200).await;
        assert_eq!(theirs["total"], 0);
        problem(app.put(&format!("/surveys/{id}"), &rl.token, survey_body("employees", None)).await, 404, "not_found").await;
        problem(app.post(&format!("/surveys/{id}/open"), Some(&rl.token), json!({})).await, 404, "not_found").await;
        problem(app.post(&format!("/surveys/{id}/close"), Some(&rl.token), json!({})).await, 404, "not_found").await;
        // Nor can it aim its own survey at our unit.
        let body = problem(app.post("/surveys", Some(&rl.token), survey_body("employees", Some(unit))).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "org_unit_id");
        // Ours is untouched: still a draft with its questions.
        let ours = expect_json(app.get(&format!("/surveys/{id}"), &kota.token).await, 200).await;
        assert_eq!((ours["status"].as_str(), ours["questions"].as_array().map(Vec::len)), (Some("draft"), Some(3)));
    }
);
