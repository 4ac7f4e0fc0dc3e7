//! The behaviour follow-up scheduler, told the date: nothing before the due date, the tasks on
//! it (none for a missing supervisor), nothing twice on a rerun, reminders an interval apart,
//! and the agency's own settings. Each test runs on SQLite and, when
//! `PEMBINA_TEST_POSTGRES_URL` is set, on a fresh PostgreSQL database.

use chrono::{NaiveDate, TimeZone, Utc};
use pembina_domain::learning::evaluation::{FollowUpAnswer, Usage};
use pembina_persistence::audit::Actor;
use pembina_persistence::entities::{
    agencies, audit_events, employees, enrolments, follow_up_tasks, learning_sessions, org_units,
    programmes,
};
use pembina_persistence::repositories::evaluation::{
    ScheduleCounts, answer_follow_up, save_settings, schedule_follow_ups, schedule_follow_ups_in,
};
use pembina_persistence::{Db, connect, migrate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, Database, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A migrated database on `postgres` or in-memory SQLite, and the PostgreSQL database's name
/// to drop afterwards. `None` when PostgreSQL is asked for but not configured.
async fn database(postgres: bool) -> Option<(Db, Option<String>)> {
    if !postgres {
        let db = connect("sqlite::memory:", 1).await.expect("sqlite");
        migrate(&db).await.expect("migrate");
        return Some((db, None));
    }
    let base = match std::env::var("PEMBINA_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => u,
        _ => {
            assert!(
                std::env::var("PEMBINA_TEST_REQUIRE_POSTGRES").is_err(),
                "PEMBINA_TEST_REQUIRE_POSTGRES is set but PEMBINA_TEST_POSTGRES_URL is not"
            );
            return None;
        }
    };
    // Named like the API tests' databases, so their clean-up of dead processes' leftovers
    // covers these too.
    let name = format!(
        "pembina_t_{}_{}",
        std::process::id(),
        Uuid::new_v4().simple()
    );
    let admin = Database::connect(&base).await.expect("connect postgres");
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("create database");
    admin.close().await.expect("close");
    let db = connect(&with_database(&base, &name), 2)
        .await
        .expect("connect test database");
    migrate(&db).await.expect("migrate");
    Some((db, Some(name)))
}

fn with_database(base: &str, name: &str) -> String {
    let (prefix, query) = match base.split_once('?') {
        Some((p, q)) => (p, format!("?{q}")),
        None => (base, String::new()),
    };
    let root = prefix.rsplit_once('/').map_or(prefix, |(r, _)| r);
    format!("{root}/{name}{query}")
}

async fn drop_database(db: Db, name: Option<String>) {
    db.close().await.expect("close");
    if let (Some(name), Ok(base)) = (name, std::env::var("PEMBINA_TEST_POSTGRES_URL")) {
        let admin = Database::connect(&base).await.expect("connect postgres");
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await
            .expect("drop database");
        admin.close().await.expect("close");
    }
}

/// One body, run on both backends: `<name>::on_sqlite` and `<name>::on_postgres`.
macro_rules! db_test {
    (async fn $name:ident($db:ident) $body:block) => {
        mod $name {
            use super::*;

            async fn run($db: &Db) $body

            #[tokio::test]
            async fn on_sqlite() {
                let (db, name) = database(false).await.expect("sqlite");
                run(&db).await;
                drop_database(db, name).await;
            }

            #[tokio::test]
            async fn on_postgres() {
                let Some((db, name)) = database(true).await else {
                    eprintln!("PEMBINA_TEST_POSTGRES_URL is not set: PostgreSQL variant not run");
                    return;
                };
                run(&db).await;
                drop_database(db, name).await;
            }
        }
    };
}

/// An agency's people and one classroom programme with a session.
struct World {
    agency: Uuid,
    supervisor: Uuid,
    session: Uuid,
    programme: Uuid,
    unit: Uuid,
}

async fn agency(db: &Db, code: &str) -> Uuid {
    agencies::Entity::find()
        .filter(agencies::Column::Code.eq(code))
        .one(db)
        .await
        .expect("query")
        .expect("seeded agency")
        .id
}

async fn employee(db: &Db, w: &World, nip: &str, supervisor: Option<Uuid>) -> Uuid {
    let now = Utc::now();
    employees::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(w.agency),
        nip: Set(nip.into()),
        employment_type: Set("pns".into()),
        name: Set(format!("Pegawai {nip}")),
        title_prefix: Set(None),
        title_suffix: Set(None),
        sex: Set("male".into()),
        birth_date: Set(d("1980-01-01")),
        rank: Set(None),
        org_unit_id: Set(w.unit),
        position_id: Set(None),
        supervisor_id: Set(supervisor),
        email: Set(None),
        phone: Set(None),
        status: Set("active".into()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("employee")
    .id
}

async fn world(db: &Db, code: &str) -> World {
    let agency = agency(db, code).await;
    let now = Utc::now();
    let unit = org_units::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency),
        parent_id: Set(None),
        code: Set(format!("U-{code}")),
        name: Set("Badan Kepegawaian".into()),
        kind: Set("agency".into()),
        active: Set(true),
        path: Set(format!("/{code}/")),
        depth: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("unit")
    .id;
    let programme = programmes::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency),
        code: Set("BIMTEK-1".into()),
        title: Set("Bimtek Pengadaan".into()),
        objectives: Set(None),
        activity_kind: Set("bimtek".into()),
        form: Set("classical".into()),
        jp: Set(24),
        self_registration: Set(false),
        min_attendance_percent: Set(80),
        require_post_test: Set(false),
        status: Set("published".into()),
        created_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("programme")
    .id;
    let session = learning_sessions::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency),
        programme_id: Set(programme),
        name: Set("Angkatan I".into()),
        delivery: Set("classroom".into()),
        start_date: Set(Some(d("2026-03-10"))),
        end_date: Set(Some(d("2026-03-15"))),
        place: Set(Some("Aula".into())),
        online_url: Set(None),
        trainers: Set("[]".into()),
        capacity: Set(None),
        self_registration: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("session")
    .id;
    let mut w = World {
        agency,
        supervisor: Uuid::nil(),
        session,
        programme,
        unit,
    };
    w.supervisor = employee(db, &w, &format!("19700101199501{code}"), None).await;
    w
}

/// Enrols an employee in the world's session, completed on `completed_on` when given.
async fn enrol(db: &Db, w: &World, employee: Uuid, completed_on: Option<&str>) -> Uuid {
    let now = Utc::now();
    enrolments::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(w.agency),
        session_id: Set(w.session),
        programme_id: Set(w.programme),
        employee_id: Set(employee),
        status: Set(if completed_on.is_some() {
            "completed"
        } else {
            "enrolled"
        }
        .into()),
        source: Set("admin".into()),
        completed_on: Set(completed_on.map(d)),
        certificate_code: Set(None),
        last_module_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("enrolment")
    .id
}

async fn tasks(db: &Db) -> Vec<follow_up_tasks::Model> {
    follow_up_tasks::Entity::find()
        .order_by_asc(follow_up_tasks::Column::Role)
        .order_by_asc(follow_up_tasks::Column::Id)
        .all(db)
        .await
        .expect("tasks")
}

fn counts(participant: u64, supervisor: u64, without: u64, reminders: u64) -> ScheduleCounts {
    ScheduleCounts {
        participant_tasks: participant,
        supervisor_tasks: supervisor,
        without_supervisor: without,
        reminders,
    }
}

async fn schedule_events(db: &Db) -> u64 {
    audit_events::Entity::find()
        .filter(audit_events::Column::EntityType.eq("follow_up_tasks"))
        .count(db)
        .await
        .expect("count")
}

db_test!(
    async fn tasks_open_on_the_due_date_once_and_skip_a_missing_supervisor(db) {
        let w = world(db, "1771").await;
        let with_boss = employee(db, &w, "198001012005011001", Some(w.supervisor)).await;
        let alone = employee(db, &w, "199002022015032002", None).await;
        let still_learning = employee(db, &w, "199103032016041003", Some(w.supervisor)).await;
        let e1 = enrol(db, &w, with_boss, Some("2026-03-15")).await;
        enrol(db, &w, alone, Some("2026-03-15")).await;
        enrol(db, &w, still_learning, None).await;

        // Six months (the default) after 15 March is 15 September.
        assert_eq!(schedule_follow_ups(db, d("2026-09-14")).await.expect("run"), counts(0, 0, 0, 0));
        assert!(tasks(db).await.is_empty());
        assert_eq!(schedule_events(db).await, 0);

        assert_eq!(schedule_follow_ups(db, d("2026-09-15")).await.expect("run"), counts(2, 1, 1, 0));
        let all = tasks(db).await;
        assert_eq!(all.len(), 3);
        assert!(all.iter().all(|t| t.due_on == d("2026-09-15") && t.opened_on == d("2026-09-15")));
        assert!(all.iter().all(|t| t.reminder_count == 0 && t.answered_at.is_none()));
        let sup: Vec<_> = all.iter().filter(|t| t.role == "supervisor").collect();
        assert_eq!(sup.len(), 1);
        assert_eq!((sup[0].enrolment_id, sup[0].participant_id, sup[0].respondent_id), (e1, with_boss, w.supervisor));
        let mut respondents: Vec<Uuid> = all.iter().filter(|t| t.role == "participant").map(|t| t.respondent_id).collect();
        respondents.sort();
        let mut expected = vec![with_boss, alone];
        expected.sort();
        assert_eq!(respondents, expected);
        assert_eq!(schedule_events(db).await, 1);

        // Rerunning, the same day or later, creates nothing twice and records nothing.
        assert_eq!(schedule_follow_ups(db, d("2026-09-15")).await.expect("rerun"), counts(0, 0, 0, 0));
        assert_eq!(schedule_follow_ups(db, d("2026-09-20")).await.expect("rerun"), counts(0, 0, 0, 0));
        assert_eq!(tasks(db).await.len(), 3);
        assert_eq!(schedule_events(db).await, 1);
    }
);

db_test!(
    async fn open_tasks_are_reminded_an_interval_apart_until_answered(db) {
        let w = world(db, "1771").await;
        let p = employee(db, &w, "198001012005011001", Some(w.supervisor)).await;
        enrol(db, &w, p, Some("2026-03-15")).await;
        schedule_follow_ups(db, d("2026-09-15")).await.expect("run");

        // The default interval is 14 days after the due date.
        assert_eq!(schedule_follow_ups(db, d("2026-09-28")).await.expect("run").reminders, 0);
        assert_eq!(schedule_follow_ups(db, d("2026-09-29")).await.expect("run").reminders, 2);
        assert_eq!(schedule_follow_ups(db, d("2026-09-29")).await.expect("rerun").reminders, 0);
        assert!(tasks(db).await.iter().all(|t| t.reminder_count == 1 && t.last_reminded_on == Some(d("2026-09-29"))));
        // Then 14 days after the last reminder.
        assert_eq!(schedule_follow_ups(db, d("2026-10-12")).await.expect("run").reminders, 0);
        assert_eq!(schedule_follow_ups(db, d("2026-10-13")).await.expect("run").reminders, 2);

        // An answered task is reminded no more.
        let participant_task = tasks(db).await.into_iter().find(|t| t.role == "participant").expect("task");
        let answer = FollowUpAnswer::parse(Usage::Regularly, Some("Menyusun HPS".into()), None).expect("answer");
        let at = Utc.with_ymd_and_hms(2026, 10, 14, 2, 0, 0).single().expect("time");
        answer_follow_up(db, &Actor::system(), p, participant_task.id, answer, at).await.expect("answered");
        assert_eq!(schedule_follow_ups(db, d("2026-10-27")).await.expect("run").reminders, 1);
        let by_role: Vec<(String, i32)> = tasks(db).await.into_iter().map(|t| (t.role, t.reminder_count)).collect();
        assert_eq!(by_role, [("participant".to_owned(), 2), ("supervisor".to_owned(), 3)]);

        // The agency's own interval applies from then on.
        save_settings(db, &Actor::system(), w.agency, 6, 3).await.expect("settings");
        assert_eq!(schedule_follow_ups(db, d("2026-10-29")).await.expect("run").reminders, 0);
        assert_eq!(schedule_follow_ups(db, d("2026-10-30")).await.expect("run").reminders, 1);
    }
);

db_test!(
    async fn a_late_first_run_opens_overdue_tasks_without_reminding_them_at_once(db) {
        let w = world(db, "1771").await;
        let p = employee(db, &w, "198001012005011001", None).await;
        enrol(db, &w, p, Some("2026-03-15")).await;
        // The scheduler first runs long after the due date (15 September).
        assert_eq!(schedule_follow_ups(db, d("2026-12-01")).await.expect("run"), counts(1, 0, 1, 0));
        let t = &tasks(db).await[0];
        assert_eq!((t.due_on, t.opened_on), (d("2026-09-15"), d("2026-12-01")));
        // A reminder only once the interval has passed since it opened.
        assert_eq!(schedule_follow_ups(db, d("2026-12-02")).await.expect("run").reminders, 0);
        assert_eq!(schedule_follow_ups(db, d("2026-12-15")).await.expect("run").reminders, 1);
    }
);

db_test!(
    async fn each_agency_uses_its_own_window_and_a_run_for_one_agency_leaves_the_others(db) {
        let ours = world(db, "1771").await;
        let theirs = world(db, "1702").await;
        let a = employee(db, &ours, "198001012005011001", None).await;
        let b = employee(db, &theirs, "199002022015032002", None).await;
        // 31 August + 6 months is 28 February; with their 1-month window, 30 September.
        enrol(db, &ours, a, Some("2026-08-31")).await;
        enrol(db, &theirs, b, Some("2026-08-31")).await;
        save_settings(db, &Actor::system(), theirs.agency, 1, 14).await.expect("settings");

        let run = |agency: Option<Uuid>, day: &'static str| async move {
            schedule_follow_ups_in(db, &Actor::system(), agency, d(day)).await.expect("run")
        };
        // A run for our agency on their due date leaves theirs alone.
        assert_eq!(run(Some(ours.agency), "2026-09-30").await, counts(0, 0, 0, 0));
        assert_eq!(run(None, "2026-09-30").await, counts(1, 0, 1, 0));
        assert_eq!(tasks(db).await[0].agency_id, theirs.agency);
        assert_eq!(run(None, "2027-02-27").await.participant_tasks, 0);
        assert_eq!(run(Some(ours.agency), "2027-02-28").await.participant_tasks, 1);
        let ours_task = tasks(db).await.into_iter().find(|t| t.agency_id == ours.agency).expect("task");
        assert_eq!(ours_task.due_on, d("2027-02-28"));
    }
);
