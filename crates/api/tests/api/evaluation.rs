//! Training evaluation: participants' reactions, the session and programme reports (levels
//! 1-3), the follow-up settings, the follow-up tasks of participants and supervisors with their
//! answers, and who may call what — other agencies see nothing.

use chrono::{Days, Months, NaiveDate, Utc};
use pembina_domain::accounts::Role;
use pembina_domain::learning::evaluation::follow_up_due;
use pembina_domain::learning::jp::province_date;
use pembina_persistence::entities::follow_up_tasks;
use reqwest::Response;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, User, db_test, id_of, problem};

async fn expect_json(res: Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).expect("json")
}

fn uuid_of(v: &Value) -> Uuid {
    v.as_str().expect("id").parse().expect("uuid")
}

fn close(a: &Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() < 1e-9)
}

/// Today in WIB, as the server counts.
fn today() -> NaiveDate {
    province_date(Utc::now())
}

fn question() -> Value {
    json!({"prompt": "Apa tahap pertama pengadaan barang/jasa?", "choices": ["Perencanaan", "Pemilihan"], "correct": [0]})
}

/// A published classroom programme with a pre- and a post-test of two questions each.
/// Returns (programme, pre-test, post-test).
async fn programme(app: &TestApp, admin: &str, code: &str) -> (Uuid, Uuid, Uuid) {
    let p = expect_json(
        app.post("/programmes", Some(admin), json!({"code": code, "title": format!("Bimtek Pengadaan {code}"), "activity_kind": "bimtek", "jp": 24, "status": "published"})).await,
        201,
    )
    .await;
    let pid = uuid_of(&p["id"]);
    let mut tests = Vec::new();
    for kind in ["pre", "post"] {
        let t = expect_json(
            app.put(
                &format!("/programmes/{pid}/tests/{kind}"),
                admin,
                json!({"pass_mark": 50, "questions": [question(), question()]}),
            )
            .await,
            200,
        )
        .await;
        tests.push(uuid_of(&t["id"]));
    }
    (pid, tests[0], tests[1])
}

async fn classroom(
    app: &TestApp,
    admin: &str,
    programme: Uuid,
    name: &str,
    start: NaiveDate,
    end: NaiveDate,
) -> Uuid {
    let res = app
        .post("/sessions", Some(admin), json!({"programme_id": programme, "name": name, "delivery": "classroom", "start_date": start, "end_date": end, "place": "Aula BPSDM", "trainers": ["Dr. Andi"]}))
        .await;
    assert_eq!(
        res.status(),
        201,
        "{}",
        res.text().await.unwrap_or_default()
    );
    id_of(res).await
}

/// An employee of the admin's agency with a signed-in account.
async fn person(
    app: &TestApp,
    admin: &str,
    agency: Uuid,
    unit: Uuid,
    nip: &str,
    supervisor: Option<Uuid>,
) -> (Uuid, User) {
    let e = app
        .employee(
            admin,
            None,
            unit,
            nip,
            &format!("Pegawai {nip}"),
            supervisor,
        )
        .await;
    let id = uuid_of(&e["id"]);
    let user = app
        .create_user_direct(
            &format!("{nip}@test.local"),
            Some(agency),
            vec![Role::Employee],
            Some(id),
        )
        .await;
    (id, user)
}

/// The enrolment ids of a session's participants, by employee.
async fn enrolments(app: &TestApp, admin: &str, session: Uuid, employees: &[Uuid]) -> Vec<Uuid> {
    expect_json(
        app.post(
            &format!("/sessions/{session}/enrolments"),
            Some(admin),
            json!({"employee_ids": employees}),
        )
        .await,
        200,
    )
    .await;
    let participants = expect_json(
        app.get(&format!("/sessions/{session}/participants"), admin)
            .await,
        200,
    )
    .await;
    employees
        .iter()
        .map(|e| {
            let p = participants
                .as_array()
                .expect("participants")
                .iter()
                .find(|p| p["enrolment"]["employee_id"] == json!(e))
                .expect("participant");
            uuid_of(&p["enrolment"]["id"])
        })
        .collect()
}

async fn attempt(app: &TestApp, user: &User, enrolment: Uuid, test: Uuid, answers: Value) {
    expect_json(
        app.post(
            &format!("/me/learning/{enrolment}/tests/{test}/attempts"),
            Some(&user.token),
            json!({"answers": answers}),
        )
        .await,
        201,
    )
    .await;
}

async fn audit_actions(app: &TestApp, token: &str, entity_type: &str) -> Vec<String> {
    let page = expect_json(
        app.get(
            &format!("/audit-events?entity_type={entity_type}&per_page=200"),
            token,
        )
        .await,
        200,
    )
    .await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["action"].as_str().expect("action").to_owned())
        .collect()
}

db_test!(
    async fn participants_react_once_after_the_session_and_the_report_shows_reaction_and_learning(app) {
        let admin = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&admin.token, None, None, "U1").await;
        let (pid, pre, post) = programme(&app, &admin.token, "BIMTEK-EV").await;
        let past = classroom(&app, &admin.token, pid, "Angkatan Maret", NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"), NaiveDate::from_ymd_opt(2026, 3, 4).expect("date")).await;
        let later = today() + Days::new(30);
        let future = classroom(&app, &admin.token, pid, "Angkatan Depan", later, later + Days::new(2)).await;
        let (a, a_user) = person(&app, &admin.token, agency, unit, "198001012005011001", None).await;
        let (b, b_user) = person(&app, &admin.token, agency, unit, "199002022015032002", None).await;
        let (c, c_user) = person(&app, &admin.token, agency, unit, "199103032016041003", None).await;
        let (_, stranger) = person(&app, &admin.token, agency, unit, "198505052010011005", None).await;
        let ids = enrolments(&app, &admin.token, past, &[a, b, c]).await;
        enrolments(&app, &admin.token, future, &[a]).await;

        // A: 50 % then 100 %; B: 0 % then 50 %; C: only the pre-test (100 %).
        attempt(&app, &a_user, ids[0], pre, json!([[1], [0]])).await;
        attempt(&app, &a_user, ids[0], post, json!([[0], [0]])).await;
        attempt(&app, &b_user, ids[1], pre, json!([[1], [1]])).await;
        attempt(&app, &b_user, ids[1], post, json!([[0], [1]])).await;
        attempt(&app, &c_user, ids[2], pre, json!([[0], [0]])).await;

        // Ratings are 1-5 and every field is named.
        let body = problem(app.post(&format!("/sessions/{past}/reaction"), Some(&a_user.token), json!({"organisation": 0, "trainers": 6, "materials": 3})).await, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"].as_array().expect("errors").iter().map(|e| e["field"].as_str().expect("field")).collect();
        assert_eq!(fields, ["organisation", "trainers"]);
        let body = problem(app.post(&format!("/sessions/{past}/reaction"), Some(&a_user.token), json!({"organisation": 4, "trainers": 4})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "materials");

        // C still owes a reaction to the past session.
        let pending = expect_json(app.get("/me/reactions/pending", &c_user.token).await, 200).await;
        assert_eq!(pending.as_array().map(Vec::len), Some(1));
        assert_eq!(pending[0]["session_id"], json!(past));
        assert_eq!(pending[0]["programme_title"], "Bimtek Pengadaan BIMTEK-EV");

        let r = expect_json(app.post(&format!("/sessions/{past}/reaction"), Some(&a_user.token), json!({"organisation": 5, "trainers": 4, "materials": 3, "comment": "  Materi sangat bermanfaat  "})).await, 201).await;
        assert_eq!((r["session_id"].clone(), r["enrolment_id"].clone()), (json!(past), json!(ids[0])));
        assert_eq!(r["comment"], "Materi sangat bermanfaat");
        problem(app.post(&format!("/sessions/{past}/reaction"), Some(&a_user.token), json!({"organisation": 1, "trainers": 1, "materials": 1})).await, 409, "already_submitted").await;
        expect_json(app.post(&format!("/sessions/{past}/reaction"), Some(&b_user.token), json!({"organisation": 3, "trainers": 4, "materials": 5})).await, 201).await;
        // The next session is not over: its reaction opens on the last day.
        let body = problem(app.post(&format!("/sessions/{future}/reaction"), Some(&a_user.token), json!({"organisation": 5, "trainers": 5, "materials": 5})).await, 409, "session_not_over").await;
        assert!(body["detail"].as_str().is_some_and(|d| d.contains(&(later + Days::new(2)).to_string())), "{body}");
        // A's pending list is empty: the past one is given, the future one not open.
        let pending = expect_json(app.get("/me/reactions/pending", &a_user.token).await, 200).await;
        assert_eq!(pending, json!([]));

        // Not a participant, an admin without an employee record, another agency: 404.
        problem(app.post(&format!("/sessions/{past}/reaction"), Some(&stranger.token), json!({"organisation": 5, "trainers": 5, "materials": 5})).await, 404, "not_found").await;
        problem(app.post(&format!("/sessions/{past}/reaction"), Some(&admin.token), json!({"organisation": 5, "trainers": 5, "materials": 5})).await, 404, "not_found").await;
        let other = app.agency_admin("1702").await;
        let rl = app.agency("1702").await;
        let rl_unit = app.unit(&other.token, None, None, "R1").await;
        let (_, outsider) = person(&app, &other.token, rl, rl_unit, "198606062011012006", None).await;
        problem(app.post(&format!("/sessions/{past}/reaction"), Some(&outsider.token), json!({"organisation": 5, "trainers": 5, "materials": 5})).await, 404, "not_found").await;

        // The report: level 1 without names, level 2 per participant and for the class.
        let e = expect_json(app.get(&format!("/sessions/{past}/evaluation"), &admin.token).await, 200).await;
        assert_eq!(e["session"]["id"], json!(past));
        let reaction = &e["reaction"];
        assert_eq!((reaction["participants"].as_u64(), reaction["respondents"].as_u64()), (Some(3), Some(2)));
        assert!(close(&reaction["response_rate"], 2.0 / 3.0));
        for aspect in ["organisation", "trainers", "materials", "overall"] {
            assert!(close(&reaction[aspect], 4.0), "{aspect}: {reaction}");
        }
        assert_eq!(reaction["comments"], json!(["Materi sangat bermanfaat"]));
        assert!(!reaction.to_string().contains("Pegawai"), "{reaction}");
        let rows = e["learning"]["participants"].as_array().expect("rows");
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0]["employee_id"].clone(), rows[0]["name"].clone()), (json!(a), json!("Pegawai 198001012005011001")));
        assert!(close(&rows[0]["pre_percent"], 50.0) && close(&rows[0]["post_percent"], 100.0));
        assert!(close(&rows[0]["raw_gain"], 50.0) && close(&rows[0]["normalised_gain"], 1.0));
        assert_eq!(rows[0]["band"], "high");
        assert_eq!(rows[1]["employee_id"], json!(b));
        assert!(close(&rows[1]["normalised_gain"], 0.5));
        assert_eq!(rows[1]["band"], "medium");
        let class = &e["learning"]["session"];
        assert_eq!(class["participants"], 2);
        assert!(close(&class["mean_pre"], 25.0) && close(&class["mean_post"], 75.0) && close(&class["raw_gain"], 50.0));
        assert!(close(&class["normalised_gain"], 50.0 / 75.0));
        assert_eq!(class["band"], "medium");
        assert_eq!(e["behaviour"]["tasks_created"], 0);
        assert_eq!(e["behaviour"]["used_share"], Value::Null);

        // Trainers of the agency may read it; other agencies, employees may not.
        let trainer = app.create_user_direct("trainer@test.local", Some(agency), vec![Role::Trainer], None).await;
        assert_eq!(app.get(&format!("/sessions/{past}/evaluation"), &trainer.token).await.status(), 200);
        let rl_trainer = app.create_user_direct("trainer.rl@test.local", Some(rl), vec![Role::Trainer], None).await;
        problem(app.get(&format!("/sessions/{past}/evaluation"), &rl_trainer.token).await, 404, "not_found").await;
        problem(app.get(&format!("/sessions/{past}/evaluation"), &other.token).await, 404, "not_found").await;
        problem(app.get(&format!("/sessions/{past}/evaluation"), &a_user.token).await, 403, "forbidden").await;
        problem(app.get(&format!("/sessions/{}/evaluation", Uuid::now_v7()), &admin.token).await, 404, "not_found").await;

        // The programme: one row per session, newest first, and the totals.
        let p = expect_json(app.get(&format!("/programmes/{pid}/evaluation"), &trainer.token).await, 200).await;
        let sessions = p["sessions"].as_array().expect("sessions");
        assert_eq!(sessions.len(), 2);
        assert_eq!(sessions[0]["session"]["id"], json!(future));
        assert_eq!(sessions[0]["learning"], Value::Null);
        assert_eq!(sessions[1]["reaction"]["respondents"], 2);
        assert_eq!(p["totals"]["reaction"]["participants"], 4);
        assert_eq!(p["totals"]["reaction"]["respondents"], 2);
        assert!(close(&p["totals"]["reaction"]["organisation"], 4.0));
        assert!(close(&p["totals"]["learning"]["normalised_gain"], 50.0 / 75.0));
        problem(app.get(&format!("/programmes/{pid}/evaluation"), &other.token).await, 404, "not_found").await;
        problem(app.get(&format!("/programmes/{pid}/evaluation"), &b_user.token).await, 403, "forbidden").await;

        // Each reaction is in the audit trail.
        assert_eq!(audit_actions(&app, &admin.token, "session_reaction").await, ["create", "create"]);
    }
);

db_test!(
    async fn follow_up_settings_belong_to_each_agency_and_are_checked(app) {
        let admin = app.agency_admin("1771").await;
        let other = app.agency_admin("1702").await;
        let agency = app.agency("1771").await;
        let rl = app.agency("1702").await;
        let s = expect_json(app.get("/evaluation-settings", &admin.token).await, 200).await;
        assert_eq!(s, json!({"agency_id": agency, "follow_up_months": 6, "reminder_days": 14, "is_default": true}));
        let body = problem(app.put("/evaluation-settings", &admin.token, json!({"follow_up_months": 0, "reminder_days": 91})).await, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"].as_array().expect("errors").iter().map(|e| e["field"].as_str().expect("field")).collect();
        assert_eq!(fields, ["follow_up_months", "reminder_days"]);
        let s = expect_json(app.put("/evaluation-settings", &admin.token, json!({"follow_up_months": 3, "reminder_days": 7})).await, 200).await;
        assert_eq!((s["follow_up_months"].as_u64(), s["reminder_days"].as_u64(), s["is_default"].as_bool()), (Some(3), Some(7), Some(false)));
        let s = expect_json(app.put("/evaluation-settings", &admin.token, json!({"follow_up_months": 9, "reminder_days": 7})).await, 200).await;
        assert_eq!(s["follow_up_months"], 9);
        assert_eq!(audit_actions(&app, &admin.token, "evaluation_settings").await, ["update", "create"]);

        // The other agency keeps the defaults and cannot write ours.
        let theirs = expect_json(app.get("/evaluation-settings", &other.token).await, 200).await;
        assert_eq!((theirs["agency_id"].clone(), theirs["is_default"].clone()), (json!(rl), json!(true)));
        problem(app.put("/evaluation-settings", &other.token, json!({"agency_id": agency, "follow_up_months": 1, "reminder_days": 1})).await, 404, "not_found").await;
        // Super admins name the agency.
        let body = problem(app.get("/evaluation-settings", &app.root).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "agency_id");
        let ours = expect_json(app.get(&format!("/evaluation-settings?agency_id={agency}"), &app.root).await, 200).await;
        assert_eq!(ours["follow_up_months"], 9);
        // Employees and trainers do not configure it.
        let employee = app.create_user_direct("e@test.local", Some(agency), vec![Role::Employee], None).await;
        let trainer = app.create_user_direct("t@test.local", Some(agency), vec![Role::Trainer], None).await;
        problem(app.put("/evaluation-settings", &employee.token, json!({"follow_up_months": 1, "reminder_days": 1})).await, 403, "forbidden").await;
        problem(app.get("/evaluation-settings", &trainer.token).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn follow_ups_reach_the_participant_and_the_supervisor_and_answers_close_after_seven_days(app) {
        let admin = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&admin.token, None, None, "U1").await;
        let (pid, _, _) = programme(&app, &admin.token, "BIMTEK-L3").await;
        // A one-day session that ended six months and ten days ago: due ten days ago.
        let end = today().checked_sub_months(Months::new(6)).expect("date") - Days::new(10);
        let due = follow_up_due(end, 6);
        let sid = classroom(&app, &admin.token, pid, "Angkatan Lalu", end, end).await;
        let (boss, boss_user) = person(&app, &admin.token, agency, unit, "197001011995011001", None).await;
        let (p1, p1_user) = person(&app, &admin.token, agency, unit, "198001012005011001", Some(boss)).await;
        let (p2, p2_user) = person(&app, &admin.token, agency, unit, "199002022015032002", None).await;
        let ids = enrolments(&app, &admin.token, sid, &[p1, p2]).await;
        let marks = json!([{"enrolment_id": ids[0], "present": true}, {"enrolment_id": ids[1], "present": true}]);
        expect_json(app.put(&format!("/sessions/{sid}/attendance"), &admin.token, json!({"day": end, "marks": marks})).await, 200).await;
        let done = expect_json(app.post(&format!("/sessions/{sid}/complete"), Some(&admin.token), json!({})).await, 200).await;
        assert_eq!(done["completed"], 2);

        // Only admins run the scheduler; a run creates the due tasks once.
        problem(app.post("/follow-ups/run", Some(&p1_user.token), json!({})).await, 403, "forbidden").await;
        let run = expect_json(app.post("/follow-ups/run", Some(&admin.token), json!({})).await, 200).await;
        assert_eq!(run["today"], json!(today()));
        assert_eq!(
            (run["participant_tasks"].as_u64(), run["supervisor_tasks"].as_u64(), run["without_supervisor"].as_u64(), run["reminders"].as_u64()),
            (Some(2), Some(1), Some(1), Some(0))
        );
        let again = expect_json(app.post("/follow-ups/run", Some(&admin.token), json!({})).await, 200).await;
        assert_eq!((again["participant_tasks"].as_u64(), again["supervisor_tasks"].as_u64(), again["reminders"].as_u64()), (Some(0), Some(0), Some(0)));
        let other = app.agency_admin("1702").await;
        let theirs = expect_json(app.post("/follow-ups/run", Some(&other.token), json!({})).await, 200).await;
        assert_eq!(theirs["participant_tasks"], 0);
        assert_eq!(audit_actions(&app, &admin.token, "follow_up_tasks").await, ["schedule"]);

        // Each respondent sees their own task, with what it is about.
        let mine = expect_json(app.get("/me/follow-ups", &p1_user.token).await, 200).await;
        assert_eq!(mine.as_array().map(Vec::len), Some(1));
        let t1 = &mine[0];
        assert_eq!((t1["role"].clone(), t1["status"].clone()), (json!("participant"), json!("open")));
        assert_eq!((t1["programme_title"].clone(), t1["session_name"].clone()), (json!("Bimtek Pengadaan BIMTEK-L3"), json!("Angkatan Lalu")));
        assert_eq!((t1["session_end_date"].clone(), t1["due_on"].clone()), (json!(end), json!(due)));
        assert_eq!(t1["participant_name"], "Pegawai 198001012005011001");
        let t1_id = uuid_of(&t1["id"]);
        let boss_tasks = expect_json(app.get("/me/follow-ups", &boss_user.token).await, 200).await;
        assert_eq!(boss_tasks.as_array().map(Vec::len), Some(1));
        assert_eq!((boss_tasks[0]["role"].clone(), boss_tasks[0]["participant_id"].clone()), (json!("supervisor"), json!(p1)));
        assert_eq!(boss_tasks[0]["respondent_id"], json!(boss));
        let p2_tasks = expect_json(app.get("/me/follow-ups", &p2_user.token).await, 200).await;
        let t2_id = uuid_of(&p2_tasks[0]["id"]);

        // Only the respondent answers; everyone else is told it does not exist.
        let answer = json!({"usage": "regularly", "examples": "Menyusun HPS dengan metode dari bimtek", "barriers": "Waktu terbatas"});
        for token in [&boss_user.token, &p2_user.token, &admin.token, &other.token] {
            problem(app.put(&format!("/follow-ups/{t1_id}"), token, answer.clone()).await, 404, "not_found").await;
        }
        let body = problem(app.put(&format!("/follow-ups/{t1_id}"), &p1_user.token, json!({"usage": "partly", "examples": "  "})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "examples");
        let body = problem(app.put(&format!("/follow-ups/{t1_id}"), &p1_user.token, json!({"usage": "sometimes"})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "usage");
        let a = expect_json(app.put(&format!("/follow-ups/{t1_id}"), &p1_user.token, answer).await, 200).await;
        assert_eq!((a["status"].clone(), a["usage"].clone(), a["barriers"].clone()), (json!("answered"), json!("regularly"), json!("Waktu terbatas")));
        assert!(a["amendable_until"].is_string());
        // Amending within seven days keeps the first answer's time.
        let amended = expect_json(app.put(&format!("/follow-ups/{t1_id}"), &p1_user.token, json!({"usage": "partly", "examples": "Sebagian"})).await, 200).await;
        assert_eq!((amended["usage"].clone(), amended["barriers"].clone()), (json!("partly"), Value::Null));
        assert_eq!(amended["answered_at"], a["answered_at"]);
        // Eight days after the first answer the window has closed.
        let task = follow_up_tasks::Entity::find_by_id(t1_id).one(&app.db).await.expect("query").expect("task");
        let mut am = task.clone().into_active_model();
        am.answered_at = Set(Some(Utc::now() - chrono::Duration::days(8)));
        am.update(&app.db).await.expect("backdate");
        problem(app.put(&format!("/follow-ups/{t1_id}"), &p1_user.token, json!({"usage": "not_used"})).await, 409, "amend_window_closed").await;
        assert_eq!(audit_actions(&app, &admin.token, "follow_up_task").await, ["amend", "answer"]);

        // P2's task fell due 40 days ago: overdue.
        let task = follow_up_tasks::Entity::find_by_id(t2_id).one(&app.db).await.expect("query").expect("task");
        let mut am = task.into_active_model();
        am.due_on = Set(today() - Days::new(40));
        am.update(&app.db).await.expect("backdate");
        let overdue = expect_json(app.get("/follow-ups?status=overdue", &admin.token).await, 200).await;
        assert_eq!(overdue["total"], 1);
        let o = &overdue["items"][0];
        assert_eq!((o["respondent_name"].clone(), o["role"].clone(), o["status"].clone()), (json!("Pegawai 199002022015032002"), json!("participant"), json!("overdue")));
        assert_eq!((o["reminder_count"].as_i64(), o["due_on"].clone()), (Some(0), json!(today() - Days::new(40))));
        let open = expect_json(app.get("/follow-ups?status=open", &admin.token).await, 200).await;
        assert_eq!((open["total"].as_u64(), open["items"][0]["respondent_id"].clone()), (Some(1), json!(boss)));
        assert_eq!(expect_json(app.get("/follow-ups?status=answered", &admin.token).await, 200).await["total"], 1);
        let all = expect_json(app.get(&format!("/follow-ups?session_id={sid}&per_page=2"), &admin.token).await, 200).await;
        assert_eq!((all["total"].as_u64(), all["items"].as_array().map(Vec::len)), (Some(3), Some(2)));
        // Oldest due first.
        assert_eq!(all["items"][0]["id"], json!(t2_id));
        let body = problem(app.get("/follow-ups?status=late", &admin.token).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "status");

        // Another agency sees none of it; employees and trainers may not list.
        assert_eq!(expect_json(app.get("/follow-ups", &other.token).await, 200).await["total"], 0);
        problem(app.get(&format!("/follow-ups?session_id={sid}"), &other.token).await, 404, "not_found").await;
        problem(app.get("/follow-ups", &p1_user.token).await, 403, "forbidden").await;
        let trainer = app.create_user_direct("trainer@test.local", Some(agency), vec![Role::Trainer], None).await;
        problem(app.get("/follow-ups", &trainer.token).await, 403, "forbidden").await;

        // Level 3 in the session's report.
        let e = expect_json(app.get(&format!("/sessions/{sid}/evaluation"), &trainer.token).await, 200).await;
        let b = &e["behaviour"];
        assert_eq!((b["tasks_created"].as_u64(), b["answered"].as_u64(), b["overdue"].as_u64()), (Some(3), Some(1), Some(1)));
        assert_eq!(b["by_role"][0], json!({"role": "participant", "created": 2, "answered": 1, "response_rate": 0.5}));
        assert_eq!(b["by_role"][1], json!({"role": "supervisor", "created": 1, "answered": 0, "response_rate": 0.0}));
        assert_eq!((b["partly"].as_u64(), b["regularly"].as_u64()), (Some(1), Some(0)));
        assert!(close(&b["used_share"], 1.0));
    }
);
