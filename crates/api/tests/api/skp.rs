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
