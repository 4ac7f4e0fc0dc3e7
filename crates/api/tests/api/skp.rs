//! The yearly performance plan (SKP): the workflow from draft to final, who may take which step,
//! what others see (nothing: 404), validation, realisations, feedback and the rater's team.

use pembina_domain::accounts::Role;
use reqwest::Response;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, User, db_test, problem};

async fn expect_json(res: Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).expect("json")
}

fn id(v: &Value) -> Uuid {
    v["id"].as_str().expect("id").parse().expect("uuid")
}

fn fields(body: &Value) -> Vec<&str> {
    body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().expect("field"))
        .collect()
}

/// A person with an account linked to their employee record.
struct Person {
    employee: Uuid,
    user: User,
}

/// Kota Bengkulu: a head (no supervisor) → a supervisor (the rater) → two staff; another
/// supervisor in the same agency who rates nobody here; the agency's admin.
struct World {
    admin: User,
    head: Person,
    boss: Person,
    staff: Person,
    staff2: Person,
    other: Person,
}

async fn person(
    app: &TestApp,
    admin: &User,
    agency: Uuid,
    unit: Uuid,
    (nip, name): (&str, &str),
    supervisor: Option<Uuid>,
    roles: Vec<Role>,
) -> Person {
    let e = app
        .employee(&admin.token, None, unit, nip, name, supervisor)
        .await;
    let employee = id(&e);
    let user = app
        .create_user_direct(
            &format!("{}@test.local", name.to_lowercase()),
            Some(agency),
            roles,
            Some(employee),
        )
        .await;
    Person { employee, user }
}

async fn world(app: &TestApp) -> World {
    let admin = app.agency_admin("1771").await;
    let agency = app.agency("1771").await;
    let unit = app.unit(&admin.token, None, None, "BKPSDM").await;
    let lead = || vec![Role::Supervisor, Role::Employee];
    let head = person(
        app,
        &admin,
        agency,
        unit,
        ("198505052010011005", "Kepala"),
        None,
        lead(),
    )
    .await;
    let boss = person(
        app,
        &admin,
        agency,
        unit,
        ("198001012005011001", "Kabid"),
        Some(head.employee),
        lead(),
    )
    .await;
    let staff = person(
        app,
        &admin,
        agency,
        unit,
        ("199002022015032002", "Staf"),
        Some(boss.employee),
        vec![Role::Employee],
    )
    .await;
    let staff2 = person(
        app,
        &admin,
        agency,
        unit,
        ("198606062011012006", "Analis"),
        Some(boss.employee),
        vec![Role::Employee],
    )
    .await;
    let other = person(
        app,
        &admin,
        agency,
        unit,
        ("199103032016041003", "Kasubbag"),
        Some(head.employee),
        lead(),
    )
    .await;
    World {
        admin,
        head,
        boss,
        staff,
        staff2,
        other,
    }
}

async fn create_plan(app: &TestApp, who: &Person, year: i64) -> Value {
    expect_json(
        app.post("/skp-plans", Some(&who.user.token), json!({"year": year}))
            .await,
        201,
    )
    .await
}

fn result(description: &str, supports: Option<Uuid>) -> Value {
    json!({
        "section": "main",
        "description": description,
        "supports_result_id": supports,
        "indicator": "Persentase laporan yang disampaikan tepat waktu",
        "target": "100%",
        "approach": "quantitative",
    })
}

async fn step(app: &TestApp, who: &User, plan: Uuid, body: Value) -> Response {
    app.post(&format!("/skp-plans/{plan}/steps"), Some(&who.token), body)
        .await
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("str"))
        .collect()
}

db_test!(
    async fn a_plan_goes_from_draft_to_final_with_realisations_feedback_and_a_predikat(app) {
        let w = world(&app).await;

        // The rater's own plan, whose result the staff member's result supports.
        let boss_plan = create_plan(&app, &w.boss, 2026).await;
        assert_eq!(boss_plan["rater_employee_id"], w.head.employee.to_string());
        let boss_plan = expect_json(
            app.put(
                &format!("/skp-plans/{}/results", id(&boss_plan)),
                &w.boss.user.token,
                json!({"results": [result("Meningkatnya kualitas layanan kepegawaian", None)]}),
            )
            .await,
            200,
        )
        .await;
        let boss_result = id(&boss_plan["results"][0]);

        // The employee starts their plan; the rater is their supervisor.
        let plan = create_plan(&app, &w.staff, 2026).await;
        let pid = id(&plan);
        assert_eq!(plan["state"], "draft");
        assert_eq!(plan["employee_id"], w.staff.employee.to_string());
        assert_eq!(plan["rater_employee_id"], w.boss.employee.to_string());
        assert_eq!((plan["employee_name"].clone(), plan["rater_name"].clone()), (json!("Staf"), json!("Kabid")));
        // The rater's results of the year are offered for linking, though the rater's plan
        // itself stays hidden from the employee.
        assert_eq!(plan["rater_results"][0]["id"], json!(boss_result));
        assert_eq!(plan["rater_results"][0]["description"], "Meningkatnya kualitas layanan kepegawaian");
        assert_eq!(plan["rater_results"][0]["section"], "main");
        assert_eq!(plan["year"], 2026);
        assert_eq!(plan["predikat"], Value::Null);
        assert!(strs(&plan["allowed_steps"]).is_empty());
        assert_eq!(plan["may_edit"], true);
        problem(
            app.post("/skp-plans", Some(&w.staff.user.token), json!({"year": 2026}))
                .await,
            409,
            "duplicate",
        )
        .await;
        let mine = expect_json(app.get("/me/skp?year=2026", &w.staff.user.token).await, 200).await;
        assert_eq!(id(&mine), pid);
        problem(app.get("/me/skp?year=2027", &w.staff.user.token).await, 404, "not_found").await;

        // Results, one supporting the rater's.
        let plan = expect_json(
            app.put(
                &format!("/skp-plans/{pid}/results"),
                &w.staff.user.token,
                json!({"results": [
                    result("  Tersusunnya laporan kepegawaian  ", Some(boss_result)),
                    {"section": "additional", "description": "Menjadi narasumber", "indicator": "Kegiatan", "target": "2 kegiatan", "approach": "qualitative"},
                ]}),
            )
            .await,
            200,
        )
        .await;
        let results = plan["results"].as_array().expect("results");
        assert_eq!(results.len(), 2);
        assert_eq!(results[0]["description"], "Tersusunnya laporan kepegawaian");
        assert_eq!(results[0]["seq"], 1);
        assert_eq!(results[0]["supports_result_id"], boss_result.to_string());
        assert_eq!(results[1]["section"], "additional");
        assert_eq!(results[1]["approach"], "qualitative");
        assert_eq!(results[1]["supports_result_id"], Value::Null);
        let r1 = id(&results[0]);

        // The rater sees the plan and agrees it.
        let seen = expect_json(app.get(&format!("/skp-plans/{pid}"), &w.boss.user.token).await, 200).await;
        assert_eq!(strs(&seen["allowed_steps"]), ["agree"]);
        let agreed = expect_json(step(&app, &w.boss.user, pid, json!({"step": "agree"})).await, 200).await;
        assert_eq!(agreed["state"], "agreed");
        assert_eq!(agreed["may_edit"], false);
        // Agreed results are no longer editable.
        problem(
            app.put(&format!("/skp-plans/{pid}/results"), &w.staff.user.token, json!({"results": []}))
                .await,
            403,
            "forbidden",
        )
        .await;

        // Quarter 5 does not exist.
        let bad = problem(
            app.put(&format!("/skp-results/{r1}/realisations/5"), &w.staff.user.token, json!({"realisation": "x"}))
                .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&bad), ["quarter"]);
        let bad = problem(
            app.put(&format!("/skp-results/{r1}/realisations/1"), &w.staff.user.token, json!({"realisation": "x", "evidence_url": "ftp://x.id/a"}))
                .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&bad), ["evidence_url"]);
        // Only the owner records realisations.
        problem(
            app.put(&format!("/skp-results/{r1}/realisations/1"), &w.boss.user.token, json!({"realisation": "x"}))
                .await,
            403,
            "forbidden",
        )
        .await;

        // The first realisation starts the plan; recording a quarter again replaces it.
        let started = expect_json(
            app.put(&format!("/skp-results/{r1}/realisations/1"), &w.staff.user.token, json!({"realisation": "2 laporan", "evidence_url": "https://drive.example.go.id/q1.pdf"}))
                .await,
            200,
        )
        .await;
        assert_eq!(started["state"], "in_progress");
        let again = expect_json(
            app.put(&format!("/skp-results/{r1}/realisations/1"), &w.staff.user.token, json!({"realisation": "3 laporan"}))
                .await,
            200,
        )
        .await;
        let reals = again["results"][0]["realisations"].as_array().expect("realisations");
        assert_eq!(reals.len(), 1);
        assert_eq!(reals[0]["quarter"], 1);
        assert_eq!(reals[0]["realisation"], "3 laporan");
        assert_eq!(reals[0]["evidence_url"], Value::Null);

        // Feedback from the rater, seen by the employee at once; the employee cannot give it.
        let fb = expect_json(
            app.post(&format!("/skp-plans/{pid}/feedback"), Some(&w.boss.user.token), json!({"text": "Lampirkan notulen.", "result_id": r1}))
                .await,
            201,
        )
        .await;
        assert_eq!(fb["author_employee_id"], w.boss.employee.to_string());
        expect_json(
            app.post(&format!("/skp-plans/{pid}/feedback"), Some(&w.boss.user.token), json!({"text": "Secara umum baik."}))
                .await,
            201,
        )
        .await;
        problem(
            app.post(&format!("/skp-plans/{pid}/feedback"), Some(&w.staff.user.token), json!({"text": "Saya sendiri"}))
                .await,
            403,
            "forbidden",
        )
        .await;
        let bad = problem(
            app.post(&format!("/skp-plans/{pid}/feedback"), Some(&w.boss.user.token), json!({"text": "x", "result_id": boss_result}))
                .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&bad), ["result_id"]);
        let mine = expect_json(app.get("/me/skp?year=2026", &w.staff.user.token).await, 200).await;
        assert_eq!(mine["results"][0]["feedback"][0]["text"], "Lampirkan notulen.");
        assert_eq!(mine["feedback"][0]["text"], "Secara umum baik.");
        assert_eq!(mine["feedback"].as_array().expect("feedback").len(), 1);

        // Nobody rates their own plan.
        let own = problem(
            step(&app, &w.staff.user, pid, json!({"step": "evaluate", "results_rating": "above", "behaviour_rating": "above"}))
                .await,
            403,
            "forbidden",
        )
        .await;
        assert!(own["detail"].as_str().expect("detail").contains("own plan"), "{own}");
        // Evaluate needs both ratings.
        let missing = problem(
            step(&app, &w.boss.user, pid, json!({"step": "evaluate", "results_rating": "above"})).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&missing), ["behaviour_rating"]);

        // Above / as expected → Baik (PermenPANRB 6/2022 matrix).
        let evaluated = expect_json(
            step(&app, &w.boss.user, pid, json!({"step": "evaluate", "results_rating": "above", "behaviour_rating": "as_expected"}))
                .await,
            200,
        )
        .await;
        assert_eq!(evaluated["state"], "evaluated");
        assert_eq!(evaluated["results_rating"], "above");
        assert_eq!(evaluated["behaviour_rating"], "as_expected");
        assert_eq!(evaluated["predikat"], "baik");
        assert!(evaluated["evaluated_at"].is_string());
        assert_eq!(strs(&evaluated["allowed_steps"]), ["return_evaluation", "finalise"]);

        // The employee cannot finalise, nor record realisations any more.
        problem(step(&app, &w.staff.user, pid, json!({"step": "finalise"})).await, 403, "forbidden").await;
        problem(
            app.put(&format!("/skp-results/{r1}/realisations/2"), &w.staff.user.token, json!({"realisation": "x"}))
                .await,
            403,
            "forbidden",
        )
        .await;
        let final_ = expect_json(step(&app, &w.boss.user, pid, json!({"step": "finalise"})).await, 200).await;
        assert_eq!(final_["state"], "final");
        assert_eq!(final_["predikat"], "baik");
        assert!(final_["finalised_at"].is_string());
        assert!(strs(&final_["allowed_steps"]).is_empty());
        // Final is final.
        problem(step(&app, &w.boss.user, pid, json!({"step": "finalise"})).await, 409, "invalid_transition").await;

        // The closed year is in the employee's appraisal history, and an import cannot overwrite it.
        let history = expect_json(app.get("/me/appraisal-ratings", &w.staff.user.token).await, 200).await;
        assert_eq!(history.as_array().map(Vec::len), Some(1), "{history}");
        assert_eq!(history[0]["year"], 2026);
        assert_eq!(history[0]["predikat"], "baik");
        assert_eq!(history[0]["source"], "skp");
        assert_eq!(history[0]["plan_id"], json!(pid));
        let res = app
            .client
            .post(app.url("/imports/skp-ratings?mode=dry_run"))
            .bearer_auth(&w.admin.token)
            .header("content-type", "text/csv")
            .body("nip,year,predikat\n199002022015032002,2026,sangat_baik\n")
            .send()
            .await
            .expect("send");
        let report = expect_json(res, 200).await;
        assert_eq!(report["rejected"], 1, "{report}");
        assert_eq!(report["errors"][0]["column"], "year");
        assert_eq!(report["errors"][0]["code"], "rated_in_pembina");

        // Every step is in the audit trail.
        let audit = expect_json(
            app.get(&format!("/audit-events?entity_type=skp_plan&entity_id={pid}&per_page=50"), &w.admin.token)
                .await,
            200,
        )
        .await;
        let mut actions: Vec<&str> = audit["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|e| e["action"].as_str().expect("action"))
            .collect();
        actions.sort_unstable();
        assert_eq!(actions, ["agree", "create", "evaluate", "finalise", "replace_results", "start"]);
    }
);

db_test!(
    async fn only_the_owner_the_rater_and_admins_of_the_agency_see_or_move_a_plan(app) {
        let w = world(&app).await;
        let plan = create_plan(&app, &w.staff, 2026).await;
        let pid = id(&plan);
        let path = format!("/skp-plans/{pid}");

        // Another supervisor of the same agency is not the rater: the plan does not exist for
        // them (404), for reading, steps, results and feedback alike.
        problem(app.get(&path, &w.other.user.token).await, 404, "not_found").await;
        problem(step(&app, &w.other.user, pid, json!({"step": "agree"})).await, 404, "not_found").await;
        problem(
            app.put(&format!("{path}/results"), &w.other.user.token, json!({"results": []})).await,
            404,
            "not_found",
        )
        .await;
        // Nor is the rater's own supervisor.
        problem(app.get(&path, &w.head.user.token).await, 404, "not_found").await;
        // Nor a colleague.
        problem(app.get(&path, &w.staff2.user.token).await, 404, "not_found").await;

        // An admin of another agency: 404 on read and on steps.
        let rl = app.agency_admin("1702").await;
        problem(app.get(&path, &rl.token).await, 404, "not_found").await;
        problem(step(&app, &rl, pid, json!({"step": "agree"})).await, 404, "not_found").await;
        problem(step(&app, &rl, pid, json!({"step": "finalise"})).await, 404, "not_found").await;

        // The agency's admin sees it but does not rate it.
        let seen = expect_json(app.get(&path, &w.admin.token).await, 200).await;
        assert!(strs(&seen["allowed_steps"]).is_empty());
        assert_eq!(seen["may_edit"], false);
        problem(step(&app, &w.admin, pid, json!({"step": "agree"})).await, 403, "forbidden").await;
        problem(
            app.put(&format!("{path}/results"), &w.admin.token, json!({"results": []})).await,
            403,
            "forbidden",
        )
        .await;
        // The super admin sees it too.
        let root = app
            .create_user_direct("root2@test.local", None, vec![Role::SuperAdmin], None)
            .await;
        expect_json(app.get(&path, &root.token).await, 200).await;

        // Steps the state does not allow: 409; the owner cannot agree their own plan: 403.
        problem(
            step(&app, &w.boss.user, pid, json!({"step": "evaluate", "results_rating": "above", "behaviour_rating": "above"}))
                .await,
            409,
            "invalid_transition",
        )
        .await;
        problem(step(&app, &w.boss.user, pid, json!({"step": "finalise"})).await, 409, "invalid_transition").await;
        problem(step(&app, &w.staff.user, pid, json!({"step": "agree"})).await, 403, "forbidden").await;
        // Ratings belong to evaluate only.
        let bad = problem(
            step(&app, &w.boss.user, pid, json!({"step": "agree", "results_rating": "above"})).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&bad), ["results_rating"]);
        let bad = problem(step(&app, &w.boss.user, pid, json!({"step": "approve"})).await, 422, "validation_failed").await;
        assert_eq!(fields(&bad), ["step"]);

        // Agree, reopen, agree; the admin may finalise an evaluated plan, worst cell of the matrix.
        for s in ["agree", "reopen", "agree", "start"] {
            expect_json(step(&app, &w.boss.user, pid, json!({"step": s})).await, 200).await;
        }
        let ev = expect_json(
            step(&app, &w.boss.user, pid, json!({"step": "evaluate", "results_rating": "below", "behaviour_rating": "below"}))
                .await,
            200,
        )
        .await;
        assert_eq!(ev["predikat"], "sangat_kurang");
        let back = expect_json(step(&app, &w.boss.user, pid, json!({"step": "return_evaluation"})).await, 200).await;
        assert_eq!(back["state"], "in_progress");
        assert_eq!(back["predikat"], Value::Null);
        let ev = expect_json(
            step(&app, &w.boss.user, pid, json!({"step": "evaluate", "results_rating": "as_expected", "behaviour_rating": "below"}))
                .await,
            200,
        )
        .await;
        assert_eq!(ev["predikat"], "kurang");
        let fin = expect_json(step(&app, &w.admin, pid, json!({"step": "finalise"})).await, 200).await;
        assert_eq!(fin["state"], "final");

        // Someone without a supervisor has no rater, hence no plan.
        problem(
            app.post("/skp-plans", Some(&w.head.user.token), json!({"year": 2026})).await,
            409,
            "no_supervisor",
        )
        .await;
        // An account without an employee record has no plan either.
        problem(app.post("/skp-plans", Some(&w.admin.token), json!({"year": 2026})).await, 403, "forbidden").await;
        problem(app.get("/me/skp?year=2026", &w.admin.token).await, 404, "not_found").await;
        let bad = problem(
            app.post("/skp-plans", Some(&w.staff2.user.token), json!({"year": 1999})).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&bad), ["year"]);
    }
);

db_test!(
    async fn results_are_validated_field_by_field(app) {
        let w = world(&app).await;
        let pid = id(&create_plan(&app, &w.staff, 2026).await);
        let path = format!("/skp-plans/{pid}/results");
        let bad = problem(
            app.put(
                &path,
                &w.staff.user.token,
                json!({"results": [
                    {"section": "main", "description": "  ", "indicator": "i", "target": "t", "approach": "quantitative"},
                    {"section": "main", "description": "d", "indicator": "x".repeat(1001), "target": "t".repeat(501), "approach": "qualitative"},
                ]}),
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
        let mut got = fields(&bad);
        got.sort_unstable();
        assert_eq!(got, ["results[0].description", "results[1].indicator", "results[1].target"]);
        let codes: Vec<&str> = bad["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| e["code"].as_str().expect("code"))
            .collect();
        assert!(codes.contains(&"required") && codes.contains(&"too_long"), "{bad}");

        // An unknown section is named too.
        let bad = problem(
            app.put(&path, &w.staff.user.token, json!({"results": [{"section": "extra", "description": "d", "indicator": "i", "target": "t", "approach": "quantitative"}]}))
                .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&bad), ["results[0].section"]);

        // A supported result must be one of the rater's plan of the same year.
        let boss_2025 = id(&create_plan(&app, &w.boss, 2025).await);
        let old = expect_json(
            app.put(&format!("/skp-plans/{boss_2025}/results"), &w.boss.user.token, json!({"results": [result("Tahun lalu", None)]}))
                .await,
            200,
        )
        .await;
        let last_year = id(&old["results"][0]);
        let stranger = Uuid::now_v7();
        for bogus in [last_year, stranger] {
            let bad = problem(
                app.put(&path, &w.staff.user.token, json!({"results": [result("a", None), result("b", Some(bogus))]}))
                    .await,
                422,
                "validation_failed",
            )
            .await;
            assert_eq!(fields(&bad), ["results[1].supports_result_id"]);
            assert_eq!(bad["errors"][0]["code"], "unknown_reference");
        }

        // The rater may edit a draft too; a supported result cannot be replaced away.
        let boss_2026 = id(&create_plan(&app, &w.boss, 2026).await);
        let bp = expect_json(
            app.put(&format!("/skp-plans/{boss_2026}/results"), &w.boss.user.token, json!({"results": [result("Utama", None)]}))
                .await,
            200,
        )
        .await;
        let target = id(&bp["results"][0]);
        let mine = expect_json(
            app.put(&path, &w.boss.user.token, json!({"results": [result("Didukung", Some(target))]}))
                .await,
            200,
        )
        .await;
        assert_eq!(mine["results"][0]["supports_result_id"], target.to_string());
        problem(
            app.put(&format!("/skp-plans/{boss_2026}/results"), &w.boss.user.token, json!({"results": []}))
                .await,
            409,
            "result_supported",
        )
        .await;
        // Replacing with an empty list clears the results.
        let cleared = expect_json(app.put(&path, &w.staff.user.token, json!({"results": []})).await, 200).await;
        assert!(cleared["results"].as_array().expect("results").is_empty());
    }
);

db_test!(
    async fn the_team_list_shows_each_direct_report_and_their_plan(app) {
        let w = world(&app).await;
        let plan = create_plan(&app, &w.staff, 2026).await;
        expect_json(step(&app, &w.boss.user, id(&plan), json!({"step": "agree"})).await, 200).await;

        let team = expect_json(app.get("/me/team-skp?year=2026", &w.boss.user.token).await, 200).await;
        let items = team.as_array().expect("items");
        assert_eq!(items.len(), 2, "{team}");
        // By name: Analis, Staf.
        assert_eq!(items[0]["employee_id"], w.staff2.employee.to_string());
        assert_eq!(items[0]["nip"], "198606062011012006");
        assert_eq!(items[0]["plan"], Value::Null);
        assert_eq!(items[1]["employee_id"], w.staff.employee.to_string());
        assert_eq!(items[1]["plan"]["id"], plan["id"]);
        assert_eq!(items[1]["plan"]["state"], "agreed");
        assert_eq!(items[1]["plan"]["predikat"], Value::Null);

        // Another year: nobody has a plan yet.
        let next = expect_json(app.get("/me/team-skp?year=2027", &w.boss.user.token).await, 200).await;
        assert!(next.as_array().expect("items").iter().all(|i| i["plan"].is_null()));
        // The head's direct reports are the two supervisors; staff have none.
        let head = expect_json(app.get("/me/team-skp?year=2026", &w.head.user.token).await, 200).await;
        let ids: Vec<&str> = head.as_array().expect("items").iter().map(|i| i["employee_id"].as_str().expect("id")).collect();
        assert_eq!(ids.len(), 2);
        assert!(ids.contains(&w.boss.employee.to_string().as_str()));
        assert!(ids.contains(&w.other.employee.to_string().as_str()));
        let none = expect_json(app.get("/me/team-skp?year=2026", &w.staff.user.token).await, 200).await;
        assert_eq!(none, json!([]));
    }
);

// ---------------------------------------------------------------- behaviour, evidence, periodic
// evaluation, history, the printed form and functional credit

/// The staff member's plan with a main and an additional result, agreed by the rater, and the
/// first quarter of the main result recorded (which starts it): (plan, result, realisation).
async fn running_plan(app: &TestApp, w: &World) -> (Uuid, Uuid, Uuid) {
    let pid = id(&create_plan(app, &w.staff, 2026).await);
    let plan = expect_json(
        app.put(
            &format!("/skp-plans/{pid}/results"),
            &w.staff.user.token,
            json!({"results": [
                result("Tersusunnya laporan kepegawaian", None),
                {"section": "additional", "description": "Menjadi narasumber", "indicator": "Kegiatan", "target": "2 kegiatan", "approach": "qualitative"},
            ]}),
        )
        .await,
        200,
    )
    .await;
    let r1 = id(&plan["results"][0]);
    expect_json(
        step(app, &w.boss.user, pid, json!({"step": "agree"})).await,
        200,
    )
    .await;
    let started = expect_json(
        app.put(
            &format!("/skp-results/{r1}/realisations/1"),
            &w.staff.user.token,
            json!({"realisation": "3 laporan disampaikan tepat waktu"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(started["state"], "in_progress");
    let rid = id(&started["results"][0]["realisations"][0]);
    (pid, r1, rid)
}

async fn delete(app: &TestApp, path: &str, token: &str) -> Response {
    app.request(reqwest::Method::DELETE, path, Some(token), None)
        .await
}

/// Uploads `body` as the request body itself, with `content_type` and `?file_name=`.
async fn upload_raw(
    app: &TestApp,
    realisation: Uuid,
    token: &str,
    content_type: &str,
    file_name: Option<&str>,
    body: &[u8],
) -> Response {
    let query = file_name
        .map(|n| format!("?file_name={n}"))
        .unwrap_or_default();
    app.client
        .post(app.url(&format!("/skp-realisations/{realisation}/evidence{query}")))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body.to_vec())
        .send()
        .await
        .expect("upload")
}

/// Uploads `body` as the `file` part of a multipart form.
async fn upload_form(
    app: &TestApp,
    realisation: Uuid,
    token: &str,
    content_type: &str,
    file_name: &str,
    body: &[u8],
) -> Response {
    let boundary = "pembina-test-boundary";
    let mut form = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nabaikan\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    form.extend_from_slice(body);
    form.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    app.client
        .post(app.url(&format!("/skp-realisations/{realisation}/evidence")))
        .bearer_auth(token)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(form)
        .send()
        .await
        .expect("upload")
}

fn behaviour_values(plan: &Value) -> Vec<(&str, Option<&str>)> {
    plan["behaviours"]
        .as_array()
        .expect("behaviours")
        .iter()
        .map(|b| {
            (
                b["value"].as_str().expect("value"),
                b["expectation"].as_str(),
            )
        })
        .collect()
}

db_test!(
    async fn behaviour_expectations_list_all_seven_values_in_order_and_are_validated(app) {
        let w = world(&app).await;
        let plan = create_plan(&app, &w.staff, 2026).await;
        let pid = id(&plan);
        let path = format!("/skp-plans/{pid}/behaviours");
        let order = ["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"];
        // A new plan lists every value, without expectations.
        let values = behaviour_values(&plan);
        assert_eq!(values.iter().map(|v| v.0).collect::<Vec<_>>(), order);
        assert!(values.iter().all(|v| v.1.is_none()));
        assert_eq!(plan["behaviours"][0]["label"], "Berorientasi Pelayanan");

        // The rater writes expectations for two values, in any order; blanks mean none.
        let put = expect_json(
            app.put(&path, &w.boss.user.token, json!({"expectations": [
                {"value": "kolaboratif", "expectation": "  Aktif dalam tim lintas bidang  "},
                {"value": "akuntabel", "expectation": "Laporan disampaikan paling lambat tanggal 5"},
                {"value": "loyal", "expectation": "   "},
                {"value": "adaptif", "expectation": null},
            ]}))
            .await,
            200,
        )
        .await;
        let values = behaviour_values(&put);
        assert_eq!(values.iter().map(|v| v.0).collect::<Vec<_>>(), order);
        assert_eq!(values[1], ("akuntabel", Some("Laporan disampaikan paling lambat tanggal 5")));
        assert_eq!(values[6], ("kolaboratif", Some("Aktif dalam tim lintas bidang")));
        assert_eq!(values.iter().filter(|v| v.1.is_some()).count(), 2);
        // The owner may change them too while the plan is a draft; the list replaces the old one.
        let put = expect_json(
            app.put(&path, &w.staff.user.token, json!({"expectations": [{"value": "harmonis", "expectation": "Membantu rekan baru"}]})).await,
            200,
        )
        .await;
        let values = behaviour_values(&put);
        assert_eq!(values.iter().filter(|v| v.1.is_some()).collect::<Vec<_>>(), [&("harmonis", Some("Membantu rekan baru"))]);
        let seen = expect_json(app.get(&format!("/skp-plans/{pid}"), &w.admin.token).await, 200).await;
        assert_eq!(behaviour_values(&seen)[3], ("harmonis", Some("Membantu rekan baru")));

        // Every bad entry is named by its index.
        let bad = problem(
            app.put(&path, &w.staff.user.token, json!({"expectations": [
                {"value": "akuntabel", "expectation": "x".repeat(2001)},
                {"value": "jujur", "expectation": "x"},
                {"value": "loyal", "expectation": "a"},
                {"value": "loyal", "expectation": "b"},
            ]}))
            .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&bad), ["expectations[0].expectation", "expectations[1].value", "expectations[3].value"]);
        let codes: Vec<&str> = bad["errors"].as_array().expect("errors").iter().map(|e| e["code"].as_str().expect("code")).collect();
        assert_eq!(codes, ["too_long", "unknown_value", "duplicate"]);
        let bad = problem(app.put(&path, &w.staff.user.token, json!({"expectations": [{"expectation": "x"}]})).await, 422, "validation_failed").await;
        assert_eq!(fields(&bad), ["expectations[0].value"]);
        // 2000 characters is the limit, not beyond.
        expect_json(app.put(&path, &w.staff.user.token, json!({"expectations": [{"value": "loyal", "expectation": "y".repeat(2000)}]})).await, 200).await;

        // Who may edit: as for results.
        problem(app.put(&path, &w.admin.token, json!({"expectations": []})).await, 403, "forbidden").await;
        problem(app.put(&path, &w.other.user.token, json!({"expectations": []})).await, 404, "not_found").await;
        let rl = app.agency_admin("1702").await;
        problem(app.put(&path, &rl.token, json!({"expectations": []})).await, 404, "not_found").await;
        expect_json(step(&app, &w.boss.user, pid, json!({"step": "agree"})).await, 200).await;
        problem(app.put(&path, &w.staff.user.token, json!({"expectations": []})).await, 403, "forbidden").await;
        problem(app.put(&path, &w.boss.user.token, json!({"expectations": []})).await, 403, "forbidden").await;
        // Refused writes changed nothing.
        let after = expect_json(app.get(&format!("/skp-plans/{pid}"), &w.staff.user.token).await, 200).await;
        assert_eq!(behaviour_values(&after)[4].1.map(str::len), Some(2000));
    }
);

db_test!(
    async fn evidence_files_are_uploaded_read_and_deleted_only_by_whom_the_rules_allow(app) {
        let w = world(&app).await;
        let (pid, _, rid) = running_plan(&app, &w).await;
        let pdf = b"%PDF-1.4 notulen rapat triwulan I".to_vec();
        let png = b"\x89PNG\r\n\x1a\n foto kegiatan".to_vec();

        // The owner uploads the body itself, and a multipart form.
        let first = expect_json(upload_raw(&app, rid, &w.staff.user.token, "application/pdf", Some("notulen.pdf"), &pdf).await, 201).await;
        assert_eq!(first["file_name"], "notulen.pdf");
        assert_eq!(first["content_type"], "application/pdf");
        assert_eq!(first["size_bytes"], pdf.len());
        assert_eq!(first["realisation_id"], rid.to_string());
        let second = expect_json(upload_form(&app, rid, &w.staff.user.token, "image/png", "foto.png", &png).await, 201).await;
        assert_eq!(second["file_name"], "foto.png");
        assert_eq!(second["content_type"], "image/png");
        let (e1, e2) = (id(&first), id(&second));

        // The realisation lists them, oldest first.
        let plan = expect_json(app.get(&format!("/skp-plans/{pid}"), &w.boss.user.token).await, 200).await;
        let listed = plan["results"][0]["realisations"][0]["evidence"].as_array().expect("evidence");
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0]["id"], e1.to_string());
        assert_eq!(listed[1]["file_name"], "foto.png");
        assert!(listed[0]["created_at"].is_string());

        // What cannot be uploaded.
        problem(upload_raw(&app, rid, &w.staff.user.token, "application/x-msdownload", Some("virus.exe"), b"MZ").await, 415, "unsupported_media_type").await;
        let bad = problem(upload_raw(&app, rid, &w.staff.user.token, "application/pdf", None, &pdf).await, 422, "validation_failed").await;
        assert_eq!(fields(&bad), ["file_name"]);
        problem(upload_raw(&app, rid, &w.staff.user.token, "application/pdf", Some("kosong.pdf"), b"").await, 400, "empty_body").await;
        problem(upload_raw(&app, Uuid::now_v7(), &w.staff.user.token, "application/pdf", Some("a.pdf"), &pdf).await, 404, "not_found").await;

        // Who may upload: the owner only; the rater and the admin see the plan (403), others
        // do not (404).
        problem(upload_raw(&app, rid, &w.boss.user.token, "application/pdf", Some("a.pdf"), &pdf).await, 403, "forbidden").await;
        problem(upload_raw(&app, rid, &w.admin.token, "application/pdf", Some("a.pdf"), &pdf).await, 403, "forbidden").await;
        problem(upload_raw(&app, rid, &w.other.user.token, "application/pdf", Some("a.pdf"), &pdf).await, 404, "not_found").await;
        let rl = app.agency_admin("1702").await;
        problem(upload_form(&app, rid, &rl.token, "application/pdf", "a.pdf", &pdf).await, 404, "not_found").await;

        // Who may read: whoever sees the plan, byte for byte.
        let content = format!("/skp-evidence/{e1}/content");
        for token in [&w.staff.user.token, &w.boss.user.token, &w.admin.token, &app.root] {
            let res = app.get(&content, token).await;
            assert_eq!(res.status(), 200);
            assert_eq!(res.headers()["content-type"], "application/pdf");
            assert!(res.headers()["content-disposition"].to_str().expect("header").contains("notulen.pdf"));
            assert_eq!(res.bytes().await.expect("bytes").to_vec(), pdf);
        }
        let res = app.get(&format!("/skp-evidence/{e2}/content"), &w.staff.user.token).await;
        assert_eq!(res.headers()["content-type"], "image/png");
        assert_eq!(res.bytes().await.expect("bytes").to_vec(), png);
        for token in [&w.other.user.token, &w.staff2.user.token, &w.head.user.token, &rl.token] {
            problem(app.get(&content, token).await, 404, "not_found").await;
        }

        // Who may delete: the owner only.
        problem(delete(&app, &format!("/skp-evidence/{e1}"), &w.boss.user.token).await, 403, "forbidden").await;
        problem(delete(&app, &format!("/skp-evidence/{e1}"), &w.admin.token).await, 403, "forbidden").await;
        problem(delete(&app, &format!("/skp-evidence/{e1}"), &w.other.user.token).await, 404, "not_found").await;
        problem(delete(&app, &format!("/skp-evidence/{e1}"), &rl.token).await, 404, "not_found").await;
        let res = delete(&app, &format!("/skp-evidence/{e1}"), &w.staff.user.token).await;
        assert_eq!(res.status(), 204);
        problem(app.get(&content, &w.staff.user.token).await, 404, "not_found").await;
        problem(delete(&app, &format!("/skp-evidence/{e1}"), &w.staff.user.token).await, 404, "not_found").await;
        let plan = expect_json(app.get(&format!("/skp-plans/{pid}"), &w.staff.user.token).await, 200).await;
        let listed = plan["results"][0]["realisations"][0]["evidence"].as_array().expect("evidence");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0]["id"], e2.to_string());

        // A realisation holds at most ten files; a refused upload leaves nothing behind.
        for i in 2..=10 {
            expect_json(upload_raw(&app, rid, &w.staff.user.token, "text/plain", Some(&format!("bukti-{i}.txt")), b"bukti").await, 201).await;
        }
        problem(upload_raw(&app, rid, &w.staff.user.token, "text/plain", Some("bukti-11.txt"), b"bukti").await, 409, "too_many_files").await;
        let plan = expect_json(app.get(&format!("/skp-plans/{pid}"), &w.staff.user.token).await, 200).await;
        assert_eq!(plan["results"][0]["realisations"][0]["evidence"].as_array().expect("evidence").len(), 10);

        // Once evaluated, realisations and their evidence are closed, even to the owner.
        expect_json(
            step(&app, &w.boss.user, pid, json!({"step": "evaluate", "results_rating": "as_expected", "behaviour_rating": "as_expected"})).await,
            200,
        )
        .await;
        problem(upload_raw(&app, rid, &w.staff.user.token, "application/pdf", Some("telat.pdf"), &pdf).await, 403, "forbidden").await;
        problem(delete(&app, &format!("/skp-evidence/{e2}"), &w.staff.user.token).await, 403, "forbidden").await;
        // Still readable.
        assert_eq!(app.get(&format!("/skp-evidence/{e2}/content"), &w.boss.user.token).await.status(), 200);
    }
);

db_test!(
    async fn only_the_rater_rates_a_quarter_while_the_plan_runs(app) {
        let w = world(&app).await;
        let pid = id(&create_plan(&app, &w.staff, 2026).await);
        let q = |n: i64| format!("/skp-plans/{pid}/periodic/{n}");
        let good = json!({"results_rating": "above", "behaviour_rating": "as_expected", "note": "  Target triwulan tercapai  "});

        // A draft is not rated yet.
        problem(app.put(&q(1), &w.boss.user.token, good.clone()).await, 409, "invalid_state").await;
        expect_json(step(&app, &w.boss.user, pid, json!({"step": "agree"})).await, 200).await;

        // Nobody rates their own plan; the admin does not rate; strangers do not see the plan.
        let own = problem(app.put(&q(1), &w.staff.user.token, good.clone()).await, 403, "forbidden").await;
        assert!(own["detail"].as_str().expect("detail").contains("own plan"), "{own}");
        problem(app.put(&q(1), &w.admin.token, good.clone()).await, 403, "forbidden").await;
        problem(app.put(&q(1), &w.other.user.token, good.clone()).await, 404, "not_found").await;
        problem(app.put(&q(1), &w.head.user.token, good.clone()).await, 404, "not_found").await;
        let rl = app.agency_admin("1702").await;
        problem(app.put(&q(1), &rl.token, good.clone()).await, 404, "not_found").await;
        let seen = expect_json(app.get(&format!("/skp-plans/{pid}"), &w.staff.user.token).await, 200).await;
        assert_eq!(seen["may_rate_periodic"], false);
        assert_eq!(seen["periodic"], json!([]));

        // Bad input is named.
        let bad = problem(app.put(&q(5), &w.boss.user.token, good.clone()).await, 422, "validation_failed").await;
        assert_eq!(fields(&bad), ["quarter"]);
        let bad = problem(app.put(&q(1), &w.boss.user.token, json!({"results_rating": "above", "note": "n".repeat(2001)})).await, 422, "validation_failed").await;
        assert_eq!(fields(&bad), ["behaviour_rating", "note"]);
        let bad = problem(app.put(&q(1), &w.boss.user.token, json!({"results_rating": "great", "behaviour_rating": "above"})).await, 422, "validation_failed").await;
        assert_eq!(fields(&bad), ["results_rating"]);

        // The rater rates quarter 1: above / as expected → Baik.
        let rated = expect_json(app.put(&q(1), &w.boss.user.token, good.clone()).await, 200).await;
        assert_eq!(rated["state"], "agreed");
        assert_eq!(rated["may_rate_periodic"], true);
        let p = &rated["periodic"];
        assert_eq!(p.as_array().expect("periodic").len(), 1);
        assert_eq!(p[0]["quarter"], 1);
        assert_eq!(p[0]["results_rating"], "above");
        assert_eq!(p[0]["behaviour_rating"], "as_expected");
        assert_eq!(p[0]["predikat"], "baik");
        assert_eq!(p[0]["note"], "Target triwulan tercapai");
        assert_eq!(p[0]["rater_employee_id"], w.boss.employee.to_string());
        assert!(p[0]["rated_at"].is_string());

        // Quarter 3, then quarter 1 again (replaced): below / below → Sangat Kurang.
        expect_json(app.put(&q(3), &w.boss.user.token, json!({"results_rating": "below", "behaviour_rating": "above"})).await, 200).await;
        let again = expect_json(app.put(&q(1), &w.boss.user.token, json!({"results_rating": "below", "behaviour_rating": "below"})).await, 200).await;
        let p = again["periodic"].as_array().expect("periodic");
        assert_eq!(p.len(), 2);
        assert_eq!((p[0]["quarter"].as_i64(), p[0]["predikat"].as_str(), p[0]["note"].is_null()), (Some(1), Some("sangat_kurang"), true));
        assert_eq!((p[1]["quarter"].as_i64(), p[1]["predikat"].as_str()), (Some(3), Some("butuh_perbaikan")));
        // The owner sees them.
        let mine = expect_json(app.get("/me/skp?year=2026", &w.staff.user.token).await, 200).await;
        assert_eq!(mine["periodic"].as_array().expect("periodic").len(), 2);

        // In progress is still open; once evaluated it is closed.
        expect_json(step(&app, &w.boss.user, pid, json!({"step": "start"})).await, 200).await;
        expect_json(app.put(&q(2), &w.boss.user.token, good.clone()).await, 200).await;
        expect_json(
            step(&app, &w.boss.user, pid, json!({"step": "evaluate", "results_rating": "above", "behaviour_rating": "above"})).await,
            200,
        )
        .await;
        problem(app.put(&q(4), &w.boss.user.token, good.clone()).await, 409, "invalid_state").await;
        problem(app.put(&q(4), &w.staff.user.token, good).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn the_history_lists_every_change_to_the_plan_oldest_first_with_who_made_it(app) {
        let w = world(&app).await;
        let (pid, r1, rid) = running_plan(&app, &w).await;
        // (Behaviour expectations are written while a plan is a draft: the other plan below
        // shows them.)
        let e = expect_json(upload_raw(&app, rid, &w.staff.user.token, "text/plain", Some("bukti.txt"), b"bukti").await, 201).await;
        assert_eq!(delete(&app, &format!("/skp-evidence/{}", id(&e)), &w.staff.user.token).await.status(), 204);
        expect_json(
            app.post(&format!("/skp-plans/{pid}/feedback"), Some(&w.boss.user.token), json!({"text": "Lampirkan notulen.", "result_id": r1})).await,
            201,
        )
        .await;
        expect_json(app.put(&format!("/skp-plans/{pid}/periodic/1"), &w.boss.user.token, json!({"results_rating": "above", "behaviour_rating": "above"})).await, 200).await;
        expect_json(app.put(&format!("/skp-plans/{pid}/periodic/1"), &w.boss.user.token, json!({"results_rating": "as_expected", "behaviour_rating": "above"})).await, 200).await;
        expect_json(app.put(&format!("/skp-results/{r1}/realisations/1"), &w.staff.user.token, json!({"realisation": "4 laporan"})).await, 200).await;
        expect_json(
            step(&app, &w.boss.user, pid, json!({"step": "evaluate", "results_rating": "above", "behaviour_rating": "as_expected"})).await,
            200,
        )
        .await;
        // Another plan's changes stay out of this history.
        let other_plan = id(&create_plan(&app, &w.staff2, 2026).await);
        expect_json(
            app.put(&format!("/skp-plans/{other_plan}/behaviours"), &w.boss.user.token, json!({"expectations": [{"value": "loyal", "expectation": "x"}]})).await,
            200,
        )
        .await;

        let history = expect_json(app.get(&format!("/skp-plans/{pid}/history"), &w.staff.user.token).await, 200).await;
        let events = history.as_array().expect("events");
        let got: Vec<(&str, &str, Option<&str>)> = events
            .iter()
            .map(|e| (e["entity_type"].as_str().expect("type"), e["action"].as_str().expect("action"), e["actor_name"].as_str()))
            .collect();
        let (staf, kabid) = (Some("staf@test.local"), Some("kabid@test.local"));
        assert_eq!(
            got,
            [
                ("skp_plan", "create", staf),
                ("skp_plan", "replace_results", staf),
                ("skp_plan", "agree", kabid),
                ("skp_realisation", "create", staf),
                ("skp_plan", "start", staf),
                ("skp_evidence", "create", staf),
                ("skp_evidence", "delete", staf),
                ("skp_feedback", "create", kabid),
                ("skp_periodic_rating", "create", kabid),
                ("skp_periodic_rating", "update", kabid),
                ("skp_realisation", "update", staf),
                ("skp_plan", "evaluate", kabid),
            ]
        );
        let times: Vec<&str> = events.iter().map(|e| e["occurred_at"].as_str().expect("time")).collect();
        let parsed: Vec<chrono::DateTime<chrono::Utc>> = times.iter().map(|t| t.parse().expect("timestamp")).collect();
        assert!(parsed.windows(2).all(|p| p[0] <= p[1]), "{times:?}");
        // Each event carries what changed.
        assert_eq!(events[0]["entity_id"], pid.to_string());
        assert_eq!(events[2]["changes"]["state"], json!({"before": "draft", "after": "agreed"}));
        assert_eq!(events[3]["entity_id"], rid.to_string());
        assert_eq!(events[6]["changes"]["file_name"]["before"], "bukti.txt");
        assert_eq!(events[9]["changes"]["results_rating"], json!({"before": "above", "after": "as_expected"}));
        assert_eq!(events[11]["changes"]["predikat"], json!({"before": null, "after": "baik"}));

        // The behaviour expectations are in the other plan's history, filed under the plan.
        let other = expect_json(app.get(&format!("/skp-plans/{other_plan}/history"), &w.boss.user.token).await, 200).await;
        let actions: Vec<&str> = other.as_array().expect("events").iter().map(|e| e["action"].as_str().expect("action")).collect();
        assert_eq!(actions, ["create", "replace_behaviours"]);
        assert_eq!(other[1]["changes"]["behaviours"]["after"], json!({"loyal": "x"}));

        // Whoever sees the plan sees its history; nobody else.
        expect_json(app.get(&format!("/skp-plans/{pid}/history"), &w.boss.user.token).await, 200).await;
        expect_json(app.get(&format!("/skp-plans/{pid}/history"), &w.admin.token).await, 200).await;
        problem(app.get(&format!("/skp-plans/{pid}/history"), &w.other.user.token).await, 404, "not_found").await;
        problem(app.get(&format!("/skp-plans/{pid}/history"), &w.staff2.user.token).await, 404, "not_found").await;
        let rl = app.agency_admin("1702").await;
        problem(app.get(&format!("/skp-plans/{pid}/history"), &rl.token).await, 404, "not_found").await;
    }
);

/// The text of every page of a PDF, and how many pages it has.
fn pdf_text(bytes: &[u8]) -> (usize, String) {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let n = doc.get_pages().len();
    let pages: Vec<u32> = (1..=n as u32).collect();
    (n, doc.extract_text(&pages).expect("text"))
}

async fn pdf_of(app: &TestApp, plan: Uuid, token: &str) -> Vec<u8> {
    let res = app.get(&format!("/skp-plans/{plan}/pdf"), token).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .expect("header")
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"skp-2026-"),
        "{disposition}"
    );
    res.bytes().await.expect("bytes").to_vec()
}

db_test!(
    async fn the_plan_prints_as_the_skp_form_and_a_functional_post_earns_credit(app) {
        let w = world(&app).await;
        // The staff member holds a functional post (Ahli Pertama: coefficient 12.5).
        let post = id(&expect_json(
            app.post("/positions", Some(&w.admin.token), json!({"code": "PRAKOM-AP", "title": "Pranata Komputer Ahli Pertama", "kind": "fungsional", "functional_level": "ahli_pertama"})).await,
            201,
        )
        .await);
        expect_json(app.patch(&format!("/employees/{}", w.staff.employee), &w.admin.token, json!({"position_id": post})).await, 200).await;

        let (pid, _, _) = running_plan(&app, &w).await;
        let plan = expect_json(app.get(&format!("/skp-plans/{pid}"), &w.staff.user.token).await, 200).await;
        // No predikat yet, no credit.
        assert_eq!(plan["credit"], Value::Null);
        let (pages, text) = pdf_text(&pdf_of(&app, pid, &w.staff.user.token).await);
        assert!(pages >= 1);
        for expected in ["SASARAN KINERJA PEGAWAI", "PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA", "Staf", "19900202 201503 2 002", "Kabid", "19800101 200501 1 001", "Pranata Komputer Ahli Pertama", "Tersusunnya laporan kepegawaian", "Berorientasi Pelayanan", "1 Januari \u{2013} 31 Desember 2026"] {
            assert!(text.contains(expected), "{expected:?} not in:\n{text}");
        }
        assert!(!text.contains("PREDIKAT KINERJA PEGAWAI"), "{text}");

        // Rated above / above: Sangat Baik, 150 % of 12.5 for 12 months = 18.75.
        let ev = expect_json(
            step(&app, &w.boss.user, pid, json!({"step": "evaluate", "results_rating": "above", "behaviour_rating": "above"})).await,
            200,
        )
        .await;
        assert_eq!(ev["predikat"], "sangat_baik");
        assert_eq!(ev["credit"], json!({"coefficient": 12.5, "percent": 150, "months": 12, "amount": 18.75}));
        for token in [&w.staff.user.token, &w.boss.user.token, &w.admin.token] {
            let (_, text) = pdf_text(&pdf_of(&app, pid, token).await);
            for expected in ["PREDIKAT KINERJA PEGAWAI", "Sangat Baik", "Di Atas Ekspektasi", "Staf", "19900202 201503 2 002", "Tersusunnya laporan kepegawaian", "18,75"] {
                assert!(text.contains(expected), "{expected:?} not in:\n{text}");
            }
        }
        // Others are told the plan does not exist.
        let rl = app.agency_admin("1702").await;
        for token in [&w.other.user.token, &w.staff2.user.token, &rl.token] {
            problem(app.get(&format!("/skp-plans/{pid}/pdf"), token).await, 404, "not_found").await;
        }

        // Not a functional post: a predikat, but no credit.
        let p2 = id(&create_plan(&app, &w.staff2, 2026).await);
        // Sixty results run over several pages.
        let many: Vec<Value> = (1..=60).map(|i| result(&format!("Hasil kerja nomor {i} dalam rencana tahunan bidang kepegawaian"), None)).collect();
        expect_json(app.put(&format!("/skp-plans/{p2}/results"), &w.staff2.user.token, json!({"results": many})).await, 200).await;
        let (pages, text) = pdf_text(&pdf_of(&app, p2, &w.boss.user.token).await);
        assert!(pages >= 3, "{pages} pages");
        for i in [1, 31, 60] {
            assert!(text.contains(&format!("Hasil kerja nomor {i} ")), "result {i} not in the text");
        }
        assert!(text.contains(&format!("Halaman {pages} dari {pages}")));
        for s in ["agree", "start"] {
            expect_json(step(&app, &w.boss.user, p2, json!({"step": s})).await, 200).await;
        }
        let ev = expect_json(
            step(&app, &w.boss.user, p2, json!({"step": "evaluate", "results_rating": "as_expected", "behaviour_rating": "as_expected"})).await,
            200,
        )
        .await;
        assert_eq!(ev["predikat"], "baik");
        assert_eq!(ev["credit"], Value::Null);
    }
);
