//! Programmes, sessions, enrolment, attendance, e-learning, completion, certificates and
//! recommendations: the rules, who may call what, and that another agency sees nothing.

use pembina_domain::accounts::Role;
use reqwest::{Method, Response};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, User, db_test, id_of, problem};

async fn expect_json(res: Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).expect("json")
}

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
        .expect("competency")["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("uuid")
}

fn question(right: u8) -> Value {
    json!({"prompt": "Apa langkah pertama manajemen proyek?", "choices": ["Inisiasi", "Penutupan", "Evaluasi"], "correct": [right]})
}

/// A published e-learning programme with two modules (the second with a quiz of two questions,
/// pass mark 50) and a post-test; returns (programme, module ids, quiz id, post-test id).
async fn e_learning_programme(
    app: &TestApp,
    admin: &str,
    code: &str,
) -> (Uuid, Vec<Uuid>, Uuid, Uuid) {
    let m4 = national(app, admin, "M4").await;
    let res = app
        .post(
            "/programmes",
            Some(admin),
            json!({"code": code, "title": format!("Manajemen Proyek {code}"), "activity_kind": "e_learning", "jp": 12,
                   "competencies": [{"competency_id": m4, "level": 3}], "require_post_test": true, "status": "published", "self_registration": true}),
        )
        .await;
    let p = expect_json(res, 201).await;
    let pid: Uuid = p["id"].as_str().expect("id").parse().expect("uuid");
    assert_eq!(p["form"], "non_classical");
    let mut modules = Vec::new();
    for (title, minutes) in [("Modul 1: Perencanaan", 90), ("Modul 2: Pengendalian", 60)] {
        let res = app
            .post(
                &format!("/programmes/{pid}/modules"),
                Some(admin),
                json!({"title": title, "minutes": minutes}),
            )
            .await;
        modules.push(id_of(res).await);
    }
    let quiz = expect_json(
        app.put(
            &format!("/programme-modules/{}/quiz", modules[1]),
            admin,
            json!({"pass_mark": 50, "questions": [question(0), question(0)]}),
        )
        .await,
        200,
    )
    .await;
    let post = expect_json(
        app.put(
            &format!("/programmes/{pid}/tests/post"),
            admin,
            json!({"pass_mark": 100, "questions": [question(0)]}),
        )
        .await,
        200,
    )
    .await;
    (
        pid,
        modules,
        quiz["id"].as_str().expect("id").parse().expect("uuid"),
        post["id"].as_str().expect("id").parse().expect("uuid"),
    )
}

async fn session(app: &TestApp, admin: &str, programme: Uuid, body: Value) -> Uuid {
    let mut body = body;
    body["programme_id"] = json!(programme);
    let res = app.post("/sessions", Some(admin), body).await;
    assert_eq!(
        res.status(),
        201,
        "{}",
        res.text().await.unwrap_or_default()
    );
    id_of(res).await
}

/// An employee of the admin's agency with a signed-in account.
async fn learner(app: &TestApp, admin: &str, agency: Uuid, unit: Uuid, nip: &str) -> (Uuid, User) {
    let e = app
        .employee(admin, None, unit, nip, &format!("Pegawai {nip}"), None)
        .await;
    let id: Uuid = e["id"].as_str().expect("id").parse().expect("uuid");
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

async fn enrol(app: &TestApp, admin: &str, session: Uuid, employees: &[Uuid]) -> Value {
    expect_json(
        app.post(
            &format!("/sessions/{session}/enrolments"),
            Some(admin),
            json!({"employee_ids": employees}),
        )
        .await,
        200,
    )
    .await
}

async fn jp_total(app: &TestApp, token: &str, year: i32) -> f64 {
    let v = expect_json(app.get(&format!("/me/jp?year={year}"), token).await, 200).await;
    v["standing"]["total_jp"].as_f64().expect("total_jp")
}

db_test!(
    async fn programmes_validate_every_field_and_codes_are_unique_per_agency(app) {
        let admin = app.agency_admin("1771").await;
        let other = app.agency_admin("1702").await;
        let res = app
            .post(
                "/programmes",
                Some(&admin.token),
                json!({"code": "PM 1", "title": "", "activity_kind": "training", "jp": 0,
                       "competencies": [{"competency_id": Uuid::now_v7(), "level": 7}], "min_attendance_percent": 120}),
            )
            .await;
        let body = problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| e["field"].as_str().expect("field"))
            .collect();
        assert_eq!(
            fields,
            ["code", "title", "jp", "competencies[0].level", "min_attendance_percent"]
        );

        // An unknown competency is named by its index.
        let res = app
            .post(
                "/programmes",
                Some(&admin.token),
                json!({"code": "PM-1", "title": "Manajemen Proyek", "activity_kind": "training", "jp": 24,
                       "competencies": [{"competency_id": Uuid::now_v7(), "level": 3}]}),
            )
            .await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "competencies[0].competency_id");

        let m4 = national(&app, &admin.token, "M4").await;
        let created = expect_json(
            app.post(
                "/programmes",
                Some(&admin.token),
                json!({"code": "pm-1", "title": "Manajemen Proyek", "activity_kind": "training", "jp": 24,
                       "competencies": [{"competency_id": m4, "level": 3}]}),
            )
            .await,
            201,
        )
        .await;
        assert_eq!(created["code"], "PM-1");
        assert_eq!(created["status"], "draft");
        assert_eq!(created["form"], "classical");
        assert_eq!(created["min_attendance_percent"], 80);
        let dup = app
            .post(
                "/programmes",
                Some(&admin.token),
                json!({"code": "PM-1", "title": "Lagi", "activity_kind": "training", "jp": 8}),
            )
            .await;
        problem(dup, 409, "duplicate").await;
        // Another agency may use the same code, and cannot see ours.
        let theirs = app
            .post(
                "/programmes",
                Some(&other.token),
                json!({"code": "PM-1", "title": "Milik Rejang Lebong", "activity_kind": "training", "jp": 8}),
            )
            .await;
        assert_eq!(theirs.status(), 201);
        let id = created["id"].as_str().expect("id");
        problem(app.get(&format!("/programmes/{id}"), &other.token).await, 404, "not_found").await;
        let listed = expect_json(app.get("/programmes", &other.token).await, 200).await;
        assert_eq!(listed["total"], 1);
        assert_eq!(listed["items"][0]["title"], "Milik Rejang Lebong");
        problem(
            app.put(&format!("/programmes/{id}"), &other.token, json!({"code": "X", "title": "X", "activity_kind": "training", "jp": 1}))
                .await,
            404,
            "not_found",
        )
        .await;
        // Employees do not manage the curriculum.
        let agency = app.agency("1771").await;
        let emp = app
            .create_user_direct("e@test.local", Some(agency), vec![Role::Employee], None)
            .await;
        problem(app.get("/programmes", &emp.token).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn quizzes_are_checked_and_modules_keep_their_order(app) {
        let admin = app.agency_admin("1771").await;
        let (pid, modules, _, _) = e_learning_programme(&app, &admin.token, "EL-1").await;
        let bad = app
            .put(
                &format!("/programme-modules/{}/quiz", modules[0]),
                &admin.token,
                json!({"pass_mark": 50, "questions": [question(0), {"prompt": "?", "choices": ["a", "b"], "correct": [5]}]}),
            )
            .await;
        let body = problem(bad, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "questions[1].correct");
        let reordered = expect_json(
            app.put(
                &format!("/programmes/{pid}/module-order"),
                &admin.token,
                json!({"module_ids": [modules[1], modules[0]]}),
            )
            .await,
            200,
        )
        .await;
        assert_eq!(reordered[0]["id"], json!(modules[1]));
        assert_eq!(reordered[0]["seq"], 1);
        let detail = expect_json(app.get(&format!("/programmes/{pid}"), &admin.token).await, 200).await;
        let titles: Vec<&str> = detail["modules"]
            .as_array()
            .expect("modules")
            .iter()
            .map(|m| m["title"].as_str().expect("title"))
            .collect();
        assert_eq!(titles, ["Modul 2: Pengendalian", "Modul 1: Perencanaan"]);
        // The editor sees the answer keys.
        let quiz = detail["tests"]
            .as_array()
            .expect("tests")
            .iter()
            .find(|t| t["kind"] == "module")
            .expect("quiz");
        assert_eq!(quiz["questions"][0]["correct"], json!([0]));
        problem(
            app.put(
                &format!("/programmes/{pid}/module-order"),
                &admin.token,
                json!({"module_ids": [modules[1]]}),
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
    }
);

db_test!(
    async fn capacity_fills_then_the_waiting_list_moves_up_on_cancel(app) {
        let admin = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&admin.token, None, None, "U1").await;
        let (pid, _, _, _) = e_learning_programme(&app, &admin.token, "EL-2").await;
        let sid = session(&app, &admin.token, pid, json!({"name": "Angkatan I", "delivery": "e_learning", "capacity": 2})).await;
        let mut ids = Vec::new();
        for nip in ["198001012005011001", "199002022015032002", "199103032016041003"] {
            ids.push(learner(&app, &admin.token, agency, unit, nip).await.0);
        }
        let out = enrol(&app, &admin.token, sid, &ids).await;
        let statuses: Vec<&str> = out
            .as_array()
            .expect("results")
            .iter()
            .map(|r| r["status"].as_str().expect("status"))
            .collect();
        assert_eq!(statuses, ["enrolled", "enrolled", "waitlisted"]);
        // Enrolling again changes nothing.
        let again = enrol(&app, &admin.token, sid, &ids[..1]).await;
        assert_eq!(again[0]["added"], false);
        let s = expect_json(app.get(&format!("/sessions/{sid}"), &admin.token).await, 200).await;
        assert_eq!((s["enrolled"].as_u64(), s["waitlisted"].as_u64()), (Some(2), Some(1)));

        let participants = expect_json(app.get(&format!("/sessions/{sid}/participants"), &admin.token).await, 200).await;
        let first = participants
            .as_array()
            .expect("participants")
            .iter()
            .find(|p| p["enrolment"]["employee_id"] == json!(ids[0]))
            .expect("first")["enrolment"]["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let cancelled = expect_json(app.post(&format!("/enrolments/{first}/cancel"), Some(&admin.token), json!({})).await, 200).await;
        assert_eq!(cancelled["status"], "cancelled");
        let participants = expect_json(app.get(&format!("/sessions/{sid}/participants"), &admin.token).await, 200).await;
        let third = participants
            .as_array()
            .expect("participants")
            .iter()
            .find(|p| p["enrolment"]["employee_id"] == json!(ids[2]))
            .expect("third");
        assert_eq!(third["enrolment"]["status"], "enrolled");

        // Raising the capacity moves the waiting list up too.
        let fourth = learner(&app, &admin.token, agency, unit, "198505052010011005").await.0;
        assert_eq!(enrol(&app, &admin.token, sid, &[fourth]).await[0]["status"], "waitlisted");
        let s = expect_json(app.put(&format!("/sessions/{sid}"), &admin.token, json!({"name": "Angkatan I", "delivery": "e_learning", "capacity": 3})).await, 200).await;
        assert_eq!((s["enrolled"].as_u64(), s["waitlisted"].as_u64()), (Some(3), Some(0)));

        // Another agency cannot enrol into our session, nor cancel, nor list participants.
        let other = app.agency_admin("1702").await;
        problem(app.post(&format!("/sessions/{sid}/enrolments"), Some(&other.token), json!({"employee_ids": [ids[0]]})).await, 404, "not_found").await;
        problem(app.get(&format!("/sessions/{sid}/participants"), &other.token).await, 404, "not_found").await;
        let third_enrolment = third["enrolment"]["id"].as_str().expect("id");
        problem(app.post(&format!("/enrolments/{third_enrolment}/cancel"), Some(&other.token), json!({})).await, 404, "not_found").await;
        // Nor can we enrol their employees.
        let their_unit = app.unit(&other.token, None, None, "R1").await;
        let theirs = app.employee(&other.token, None, their_unit, "198606062011012006", "Pegawai RL", None).await;
        let res = app.post(&format!("/sessions/{sid}/enrolments"), Some(&admin.token), json!({"employee_ids": [theirs["id"]]})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "employee_ids[0]");
    }
);

db_test!(
    async fn classroom_completion_needs_attendance_and_credits_jp_once_in_the_session_year(app) {
        let admin = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&admin.token, None, None, "U1").await;
        let p = expect_json(
            app.post("/programmes", Some(&admin.token), json!({"code": "BIMTEK-1", "title": "Bimtek Pengadaan", "activity_kind": "bimtek", "jp": 24, "status": "published", "min_attendance_percent": 80})).await,
            201,
        )
        .await;
        let pid: Uuid = p["id"].as_str().expect("id").parse().expect("uuid");
        // Five days ending on the last day of 2025: the credit belongs to 2025.
        let sid = session(&app, &admin.token, pid, json!({"name": "Angkatan Desember", "delivery": "classroom", "start_date": "2025-12-27", "end_date": "2025-12-31", "place": "Aula BPSDM", "trainers": ["Dr. Andi"]})).await;
        let (good, good_user) = learner(&app, &admin.token, agency, unit, "198001012005011001").await;
        let (poor, _) = learner(&app, &admin.token, agency, unit, "199002022015032002").await;
        enrol(&app, &admin.token, sid, &[good, poor]).await;
        let participants = expect_json(app.get(&format!("/sessions/{sid}/participants"), &admin.token).await, 200).await;
        let enrolment_of = |e: Uuid| -> String {
            participants
                .as_array()
                .expect("participants")
                .iter()
                .find(|p| p["enrolment"]["employee_id"] == json!(e))
                .expect("participant")["enrolment"]["id"]
                .as_str()
                .expect("id")
                .to_owned()
        };
        let (eg, ep) = (enrolment_of(good), enrolment_of(poor));
        // A day outside the session is refused, naming the field.
        let res = app.put(&format!("/sessions/{sid}/attendance"), &admin.token, json!({"day": "2026-01-01", "marks": [{"enrolment_id": eg, "present": true}]})).await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "day");
        // Good attends 4 of 5 days (80 %), poor 3 (60 %).
        for (i, day) in ["2025-12-27", "2025-12-28", "2025-12-29", "2025-12-30", "2025-12-31"].iter().enumerate() {
            let marks = json!([{"enrolment_id": eg, "present": i != 2}, {"enrolment_id": ep, "present": i < 3}]);
            let res = app.put(&format!("/sessions/{sid}/attendance"), &admin.token, json!({"day": day, "marks": marks})).await;
            assert_eq!(res.status(), 200);
        }
        let result = expect_json(app.post(&format!("/sessions/{sid}/complete"), Some(&admin.token), json!({})).await, 200).await;
        assert_eq!(result["completed"], 1);
        assert_eq!(result["pending"][0]["enrolment_id"], json!(ep));
        assert_eq!(result["pending"][0]["unmet"], json!(["attendance"]));
        // Completing again credits nothing more.
        let again = expect_json(app.post(&format!("/sessions/{sid}/complete"), Some(&admin.token), json!({})).await, 200).await;
        assert_eq!(again["completed"], 0);
        assert!((jp_total(&app, &good_user.token, 2025).await - 24.0).abs() < 1e-9);
        assert!(jp_total(&app, &good_user.token, 2026).await.abs() < 1e-9);

        let mine = expect_json(app.get("/me/learning", &good_user.token).await, 200).await;
        assert_eq!(mine[0]["enrolment"]["status"], "completed");
        assert_eq!(mine[0]["enrolment"]["completed_on"], "2025-12-31");
        let code = mine[0]["enrolment"]["certificate_code"].as_str().expect("code").to_owned();
        // The public page verifies it without signing in, forgiving case, and masks the NIP.
        let res = app.request(Method::GET, &format!("/public/certificates/{}", code.to_lowercase()), None, None).await;
        let cert = expect_json(res, 200).await;
        assert_eq!(cert["code"], code);
        assert_eq!(cert["employee_name"], "Pegawai 198001012005011001");
        assert_eq!(cert["nip"], "••••••••2005011001");
        assert_eq!(cert["jp"], 24);
        assert_eq!(cert["programme_title"], "Bimtek Pengadaan");
        // A code with one symbol changed is not a certificate.
        let mut forged: Vec<char> = code.chars().collect();
        let last = forged.len() - 1;
        forged[last] = if forged[last] == 'A' { 'B' } else { 'A' };
        let forged: String = forged.into_iter().collect();
        let res = app.request(Method::GET, &format!("/public/certificates/{forged}"), None, None).await;
        problem(res, 404, "not_found").await;
        // The PDF carries the code.
        let res = app.get(&format!("/me/learning/{eg}/certificate"), &good_user.token).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let pdf = res.bytes().await.expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        // Another agency's admin cannot fetch it.
        let other = app.agency_admin("1702").await;
        problem(app.get(&format!("/enrolments/{eg}/certificate"), &other.token).await, 404, "not_found").await;
        assert_eq!(app.get(&format!("/enrolments/{eg}/certificate"), &admin.token).await.status(), 200);
    }
);

db_test!(
    async fn an_employee_completes_e_learning_through_its_quiz_and_gets_jp_once(app) {
        let admin = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&admin.token, None, None, "U1").await;
        let (pid, modules, quiz, post) = e_learning_programme(&app, &admin.token, "EL-3").await;
        let sid = session(&app, &admin.token, pid, json!({"name": "Kelas Daring", "delivery": "e_learning", "self_registration": true})).await;
        let (me, user) = learner(&app, &admin.token, agency, unit, "198001012005011001").await;
        let (_, colleague) = learner(&app, &admin.token, agency, unit, "199002022015032002").await;

        // The session is open for registration; registering takes a place.
        let open = expect_json(app.get("/me/open-sessions", &user.token).await, 200).await;
        assert_eq!(open[0]["id"], json!(sid));
        let reg = expect_json(app.post(&format!("/sessions/{sid}/register"), Some(&user.token), json!({})).await, 200).await;
        assert_eq!((reg["employee_id"].clone(), reg["status"].clone()), (json!(me), json!("enrolled")));
        let mine = expect_json(app.get("/me/learning", &user.token).await, 200).await;
        let eid = mine[0]["enrolment"]["id"].as_str().expect("id").to_owned();
        assert_eq!(mine[0]["modules_total"], 2);

        // A colleague cannot open it.
        problem(app.get(&format!("/me/learning/{eid}"), &colleague.token).await, 404, "not_found").await;

        // Open module 1 and save a position: the player resumes there.
        let res = app.put(&format!("/me/learning/{eid}/modules/{}/position", modules[0]), &user.token, json!({"position": "{\"seconds\":312}"})).await;
        assert_eq!(res.status(), 200);
        let view = expect_json(app.get(&format!("/me/learning/{eid}"), &user.token).await, 200).await;
        assert_eq!(view["enrolment"]["last_module_id"], json!(modules[0]));
        assert_eq!(view["modules"][0]["position"], "{\"seconds\":312}");
        // Learners never see the answer key.
        assert!(view["modules"][1]["quiz"]["questions"][0].get("correct").is_none());
        assert_eq!(view["unmet"], json!(["modules", "post_test"]));

        let done = expect_json(app.post(&format!("/me/learning/{eid}/modules/{}/complete", modules[0]), Some(&user.token), json!({})).await, 200).await;
        assert_eq!(done["status"], "enrolled");
        // Module 2 needs its quiz passed first.
        problem(app.post(&format!("/me/learning/{eid}/modules/{}/complete", modules[1]), Some(&user.token), json!({})).await, 409, "quiz_not_passed").await;
        // Bad answers are named by index.
        let body = problem(app.post(&format!("/me/learning/{eid}/tests/{quiz}/attempts"), Some(&user.token), json!({"answers": [[9], [0]]})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "answers[0]");
        // 0 of 2 fails; 1 of 2 meets the 50 % mark exactly.
        let a = expect_json(app.post(&format!("/me/learning/{eid}/tests/{quiz}/attempts"), Some(&user.token), json!({"answers": [[1], [2]]})).await, 201).await;
        assert_eq!((a["right"].as_u64(), a["passed"].as_bool()), (Some(0), Some(false)));
        let a = expect_json(app.post(&format!("/me/learning/{eid}/tests/{quiz}/attempts"), Some(&user.token), json!({"answers": [[0], [2]]})).await, 201).await;
        assert_eq!((a["right"].as_u64(), a["passed"].as_bool()), (Some(1), Some(true)));
        let done = expect_json(app.post(&format!("/me/learning/{eid}/modules/{}/complete", modules[1]), Some(&user.token), json!({})).await, 200).await;
        // Still the post-test.
        assert_eq!(done["status"], "enrolled");
        let a = expect_json(app.post(&format!("/me/learning/{eid}/tests/{post}/attempts"), Some(&user.token), json!({"answers": [[0]]})).await, 201).await;
        assert_eq!(a["enrolment"]["status"], "completed");
        assert!(a["enrolment"]["certificate_code"].as_str().is_some_and(|c| c.starts_with("PBN-")));
        let year: i32 = a["enrolment"]["completed_on"].as_str().expect("date")[..4].parse().expect("year");
        assert!((jp_total(&app, &user.token, year).await - 12.0).abs() < 1e-9);
        // Re-completing a module or retaking the post-test never credits twice.
        expect_json(app.post(&format!("/me/learning/{eid}/modules/{}/complete", modules[0]), Some(&user.token), json!({})).await, 200).await;
        expect_json(app.post(&format!("/me/learning/{eid}/tests/{post}/attempts"), Some(&user.token), json!({"answers": [[0]]})).await, 201).await;
        assert!((jp_total(&app, &user.token, year).await - 12.0).abs() < 1e-9);
        // Completed enrolments cannot be cancelled.
        problem(app.post(&format!("/enrolments/{eid}/cancel"), Some(&user.token), json!({})).await, 409, "completed").await;
    }
);

db_test!(
    async fn material_files_are_stored_and_downloads_are_authorised(app) {
        let admin = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&admin.token, None, None, "U1").await;
        let (pid, modules, _, _) = e_learning_programme(&app, &admin.token, "EL-4").await;
        let upload = |token: String, ct: &'static str, body: Vec<u8>| {
            let url = app.url(&format!("/programme-modules/{}/files?file_name=modul-1.pdf&title=Modul%201", modules[0]));
            let client = app.client.clone();
            async move {
                client.post(url).bearer_auth(token).header("content-type", ct).body(body).send().await.expect("upload")
            }
        };
        let pdf = b"%PDF-1.4 materi pelatihan".to_vec();
        problem(upload(admin.token.clone(), "application/x-msdownload", pdf.clone()).await, 415, "unsupported_media_type").await;
        let m = expect_json(upload(admin.token.clone(), "application/pdf", pdf.clone()).await, 201).await;
        assert_eq!(m["kind"], "file");
        assert_eq!(m["size_bytes"], pdf.len());
        let path = m["download_path"].as_str().expect("path").trim_start_matches("/api/v1").to_owned();
        let link = expect_json(app.post(&format!("/programme-modules/{}/links", modules[0]), Some(&admin.token), json!({"title": "Video", "url": "javascript:alert(1)"})).await, 422).await;
        assert_eq!(link["errors"][0]["field"], "url");

        // The admin downloads it byte for byte.
        let res = app.get(&path, &admin.token).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        assert_eq!(res.bytes().await.expect("bytes").to_vec(), pdf);

        // An employee without a place gets 404; with a place, the file.
        let (me, user) = learner(&app, &admin.token, agency, unit, "198001012005011001").await;
        problem(app.get(&path, &user.token).await, 404, "not_found").await;
        let sid = session(&app, &admin.token, pid, json!({"name": "Daring", "delivery": "e_learning"})).await;
        enrol(&app, &admin.token, sid, &[me]).await;
        assert_eq!(app.get(&path, &user.token).await.bytes().await.expect("bytes").to_vec(), pdf);

        // Another agency: neither its admin nor its employees.
        let other = app.agency_admin("1702").await;
        problem(app.get(&path, &other.token).await, 404, "not_found").await;
        problem(upload(other.token.clone(), "application/pdf", pdf.clone()).await, 404, "not_found").await;
        let rl = app.agency("1702").await;
        let rl_unit = app.unit(&other.token, None, None, "R1").await;
        let (_, stranger) = learner(&app, &other.token, rl, rl_unit, "199002022015032002").await;
        problem(app.get(&path, &stranger.token).await, 404, "not_found").await;

        // Deleting the material removes the file too.
        let mid = m["id"].as_str().expect("id");
        let res = app.request(Method::DELETE, &format!("/materials/{mid}"), Some(&admin.token), None).await;
        assert_eq!(res.status(), 204);
        problem(app.get(&path, &admin.token).await, 404, "not_found").await;
    }
);

db_test!(
    async fn recommendations_close_the_largest_gaps(app) {
        let admin = app.agency_admin("1771").await;
        let agency = app.agency("1771").await;
        let unit = app.unit(&admin.token, None, None, "U1").await;
        let pos = id_of(app.post("/positions", Some(&admin.token), json!({"code": "ADM", "title": "Kepala Bidang", "kind": "administrator"})).await).await;
        let e = expect_json(
            app.post("/employees", Some(&admin.token), json!({"org_unit_id": unit, "position_id": pos, "nip": "198001012005011001", "employment_type": "pns", "name": "Pegawai A"})).await,
            201,
        )
        .await;
        let eid: Uuid = e["id"].as_str().expect("id").parse().expect("uuid");
        let user = app.create_user_direct("a@test.local", Some(agency), vec![Role::Employee], Some(eid)).await;
        let (m1, m4) = (national(&app, &admin.token, "M1").await, national(&app, &admin.token, "M4").await);
        // Administrators need level 3 in the managerial competencies; A is assessed 1 in M4
        // and 3 in M1.
        for (c, level) in [(m4, 1), (m1, 3)] {
            let res = app.post("/competency-assessments", Some(&admin.token), json!({"employee_id": eid, "competency_id": c, "level": level, "method": "assessment_centre", "assessed_on": "2026-01-10"})).await;
            assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
        }
        for (code, comps, status) in [
            ("P-M4", json!([{"competency_id": m4, "level": 3}]), "published"),
            ("P-M4-HALF", json!([{"competency_id": m4, "level": 2}]), "published"),
            ("P-M1", json!([{"competency_id": m1, "level": 5}]), "published"),
            ("P-DRAFT", json!([{"competency_id": m4, "level": 5}]), "draft"),
        ] {
            let res = app.post("/programmes", Some(&admin.token), json!({"code": code, "title": format!("Program {code}"), "activity_kind": "training", "jp": 8, "competencies": comps, "status": status})).await;
            assert_eq!(res.status(), 201);
        }
        let recs = expect_json(app.get("/me/recommendations", &user.token).await, 200).await;
        let got: Vec<(&str, u64)> = recs
            .as_array()
            .expect("recs")
            .iter()
            .map(|r| (r["programme"]["code"].as_str().expect("code"), r["levels_closed"].as_u64().expect("n")))
            .collect();
        assert_eq!(got, [("P-M4", 2), ("P-M4-HALF", 1)]);
        assert_eq!(recs[0]["closes"][0]["from"], 1);
        assert_eq!(recs[0]["closes"][0]["to"], 3);
        let by_admin = expect_json(app.get(&format!("/employees/{eid}/recommendations"), &admin.token).await, 200).await;
        assert_eq!(by_admin.as_array().map(Vec::len), Some(2));
        let other = app.agency_admin("1702").await;
        problem(app.get(&format!("/employees/{eid}/recommendations"), &other.token).await, 404, "not_found").await;
    }
);
