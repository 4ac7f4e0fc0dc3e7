//! `make bench`, part two: how fast a unit's heat map and an agency's training needs answer
//! for an agency of 1,000 employees, on SQLite and on PostgreSQL, against the raw baseline of
//! reading the same rows (the agency's employees and their assessments) with plain SQL.
//!
//! Settings (environment): `PEMBINA_BENCH_EMPLOYEES` (default 1000), `PEMBINA_BENCH_POSTGRES_URL`
//! (as for the import benchmark; `none` skips PostgreSQL). Results: a table on stdout and
//! `target/bench/competency.json`.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use pembina_domain::accounts::Scope;
use pembina_domain::competency::NewCompetency;
use pembina_domain::org::{
    NewOrgUnit, NewPosition, OrgUnitInput, OrgUnitKind, PositionInput, PositionKind,
};
use pembina_persistence::audit::Actor;
use pembina_persistence::entities::{competency_assessments, employees, jp_credits};
use pembina_persistence::repositories::{competency, jp, org};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Set, Statement};
use serde_json::{Value, json};
use uuid::Uuid;

const RUNS: usize = 15;

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

async fn connect(backend: &str, dir: &Path) -> DatabaseConnection {
    let url = if backend == "sqlite" {
        format!("sqlite://{}/competency.db?mode=rwc", dir.display())
    } else {
        let base = std::env::var("PEMBINA_BENCH_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let admin = pembina_persistence::connect(&base, 1)
            .await
            .expect("postgres");
        admin
            .execute_unprepared("DROP DATABASE IF EXISTS pembina_bench_competency WITH (FORCE)")
            .await
            .expect("drop");
        admin
            .execute_unprepared("CREATE DATABASE pembina_bench_competency")
            .await
            .expect("create");
        let (root, _) = base.rsplit_once('/').expect("url");
        format!("{root}/pembina_bench_competency")
    };
    let db = pembina_persistence::connect(&url, 4)
        .await
        .expect("connect");
    pembina_persistence::migrate(&db).await.expect("migrate");
    db
}

/// An agency of `n` employees in 20 units under one root, 5 position kinds, 3 technical
/// competencies in every staff standard, and about 8 assessments per employee (two of them
/// superseded history).
async fn seed(db: &DatabaseConnection, n: usize) -> (Uuid, Uuid) {
    let agency = org::find_agency_by_code(db, "1771")
        .await
        .expect("q")
        .expect("agency");
    let actor = Actor::system();
    let unit = |code: String, parent: Option<Uuid>| {
        NewOrgUnit::parse(OrgUnitInput {
            agency_id: agency.id,
            parent_id: parent,
            code,
            name: "Unit".into(),
            kind: OrgUnitKind::Agency,
            active: true,
        })
        .expect("unit")
    };
    let root = org::create_unit(db, &actor, unit("ROOT".into(), None))
        .await
        .expect("root");
    let mut units = Vec::new();
    for i in 0..20 {
        units.push(
            org::create_unit(db, &actor, unit(format!("U{i:02}"), Some(root.id)))
                .await
                .expect("unit")
                .id,
        );
    }
    let kinds = [
        PositionKind::Pelaksana,
        PositionKind::Pengawas,
        PositionKind::Administrator,
        PositionKind::Pelaksana,
        PositionKind::Pelaksana,
    ];
    let mut technical = Vec::new();
    for code in ["T-PM", "T-KEU", "T-TI"] {
        let levels = (1..=5)
            .map(|l| pembina_domain::competency::LevelDescription {
                level: l,
                description: format!("Tingkat {l}"),
                indicators: vec![],
            })
            .collect();
        let c = NewCompetency::parse(pembina_domain::competency::CompetencyInput {
            code: code.into(),
            group: pembina_domain::competency::CompetencyGroup::Technical,
            name: code.into(),
            description: String::new(),
            levels,
        })
        .expect("competency");
        technical.push(
            competency::create_competency(db, &actor, agency.id, c)
                .await
                .expect("c")
                .id,
        );
    }
    let mut positions = Vec::new();
    for (i, k) in kinds.iter().enumerate() {
        let p = NewPosition::parse(PositionInput {
            agency_id: agency.id,
            org_unit_id: None,
            code: format!("P{i}"),
            title: format!("Jabatan {i}"),
            kind: *k,
            functional_level: None,
        })
        .expect("position");
        let p = org::create_position(db, &actor, p).await.expect("p");
        competency::set_position_standard(
            db,
            &actor,
            Scope::All,
            p.id,
            technical.iter().map(|t| (*t, 3)).collect(),
        )
        .await
        .expect("standard");
        positions.push(p.id);
    }
    let now = Utc::now();
    let staff: Vec<employees::ActiveModel> = (0..n)
        .map(|i| employees::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(agency.id),
            nip: Set(format!("19800101200501{:04}", i % 10_000)),
            employment_type: Set("pns".into()),
            name: Set(format!("Pegawai {i:04}")),
            title_prefix: Set(None),
            title_suffix: Set(None),
            sex: Set("male".into()),
            birth_date: Set(NaiveDate::from_ymd_opt(1980, 1, 1).expect("date")),
            rank: Set(None),
            org_unit_id: Set(units[i % units.len()]),
            position_id: Set(Some(positions[i % positions.len()])),
            supervisor_id: Set(None),
            email: Set(None),
            phone: Set(None),
            status: Set("active".into()),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .collect();
    let ids: Vec<Uuid> = staff.iter().map(|e| *e.id.as_ref()).collect();
    for chunk in staff.chunks(500) {
        employees::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await
            .expect("employees");
    }
    let national: Vec<Uuid> = competency::list_competencies(
        db,
        Scope::All,
        competency::CompetencyFilter {
            group: Some(pembina_domain::competency::CompetencyGroup::Managerial),
            ..Default::default()
        },
        pembina_domain::page::PageRequest::parse(Some(1), Some(200)).expect("page"),
    )
    .await
    .expect("national")
    .items
    .into_iter()
    .map(|c| c.id)
    .collect();
    let mut rows = Vec::new();
    for (i, e) in ids.iter().enumerate() {
        let assessed: Vec<Uuid> = national
            .iter()
            .take(3)
            .chain(technical.iter())
            .copied()
            .collect();
        for (j, c) in assessed.iter().enumerate() {
            for (k, on) in ["2025-02-01", "2026-02-01"].iter().enumerate() {
                if k == 0 && j > 1 {
                    continue;
                }
                rows.push(competency_assessments::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    agency_id: Set(agency.id),
                    employee_id: Set(*e),
                    competency_id: Set(*c),
                    level: Set(((i + j + k) % 5 + 1) as i16),
                    assessed_on: Set(NaiveDate::parse_from_str(on, "%Y-%m-%d").expect("d")),
                    method: Set("assessment_centre".into()),
                    assessor_user_id: Set(None),
                    assessor_name: Set(None),
                    evidence: Set(None),
                    valid_until: Set(None),
                    created_by: Set(None),
                    created_at: Set(now),
                    voided_at: Set(None),
                    void_reason: Set(None),
                });
            }
        }
    }
    for chunk in rows.chunks(500) {
        competency_assessments::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await
            .expect("assessments");
    }
    (agency.id, root.id)
}

/// Three credits this year for every employee: from 0 to 30 JP in all, so some meet 20 JP.
async fn seed_credits(db: &DatabaseConnection, agency: Uuid, year: i32) {
    let ids: Vec<Uuid> = employees::Entity::find()
        .all(db)
        .await
        .expect("employees")
        .into_iter()
        .map(|e| e.id)
        .collect();
    let now = Utc::now();
    for (c, chunk) in ids.chunks(300).enumerate() {
        let rows = chunk.iter().enumerate().flat_map(|(i, e)| {
            (0..3).map(move |k| jp_credits::ActiveModel {
                id: Set(Uuid::now_v7()),
                agency_id: Set(agency),
                employee_id: Set(*e),
                year: Set(year),
                occurred_on: Set(NaiveDate::from_ymd_opt(year, 3 + k, 10).expect("date")),
                source: Set("external".into()),
                source_ref: Set(format!("bench-{c}-{i}-{k}")),
                title: Set("Bimtek".into()),
                activity_kind: Set("bimtek".into()),
                provider: Set(None),
                minutes: Set(None),
                jp_centi: Set(((i * 37 + k as usize * 11) % 1000) as i32),
                recorded_by: Set(None),
                created_at: Set(now),
            })
        });
        jp_credits::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await
            .expect("credits");
    }
}

async fn measure(backend: &str, n: usize, dir: &Path) -> Vec<Value> {
    let db = connect(backend, dir).await;
    let (agency, root) = seed(&db, n).await;
    let year = 2026;
    seed_credits(&db, agency, year).await;
    // A live database has planner statistics (autovacuum, or the import's own ANALYZE); without
    // them PostgreSQL plans the freshly seeded tables as empty.
    if backend == "postgres" {
        db.execute_unprepared("ANALYZE").await.expect("analyze");
    }
    let today = Utc::now().date_naive();
    let backend_kind = db.get_database_backend();
    let p1 = if backend == "sqlite" { "?" } else { "$1" };
    let raw = |sql: String| Statement::from_sql_and_values(backend_kind, sql, [agency.into()]);
    let mut base = Vec::new();
    let mut heat = Vec::new();
    let mut needs = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let a = db
            .query_all_raw(raw(format!(
                "SELECT * FROM employees WHERE agency_id = {p1} AND status <> 'inactive'"
            )))
            .await
            .expect("raw employees");
        let b = db
            .query_all_raw(raw(format!(
                "SELECT * FROM competency_assessments WHERE agency_id = {p1} AND voided_at IS NULL"
            )))
            .await
            .expect("raw assessments");
        assert!(a.len() == n && !b.is_empty());
        base.push(t.elapsed());

        let t = Instant::now();
        let g = competency::unit_gaps(&db, Scope::All, root, today)
            .await
            .expect("gaps");
        assert_eq!(g.employees.len(), n);
        heat.push(t.elapsed());

        let t = Instant::now();
        let (_, list) =
            competency::training_needs(&db, Scope::All, agency, None, &Default::default(), today)
                .await
                .expect("needs");
        assert!(!list.is_empty());
        needs.push(t.elapsed());
    }
    // The 20 JP dashboard: its baseline reads the agency's active employees and the year's
    // credits with plain SQL; the summary and the first shortfall page group them in SQL.
    let raw2 = |sql: String| {
        Statement::from_sql_and_values(backend_kind, sql, [agency.into(), year.into()])
    };
    let p2 = if backend == "sqlite" { "?" } else { "$2" };
    let (mut jp_base, mut jp_summary, mut jp_short) = (Vec::new(), Vec::new(), Vec::new());
    let staff = jp::Staff {
        agency_id: agency,
        unit: None,
        year,
    };
    for _ in 0..RUNS {
        let t = Instant::now();
        let a = db
            .query_all_raw(raw(format!(
                "SELECT * FROM employees WHERE agency_id = {p1} AND status = 'active'"
            )))
            .await
            .expect("raw employees");
        let c = db
            .query_all_raw(raw2(format!(
                "SELECT * FROM jp_credits WHERE agency_id = {p1} AND year = {p2}"
            )))
            .await
            .expect("raw credits");
        assert!(a.len() == n && c.len() == 3 * n);
        jp_base.push(t.elapsed());

        let t = Instant::now();
        let units = jp::summary(&db, Scope::All, &staff).await.expect("summary");
        assert_eq!(units.iter().map(|u| u.employees).sum::<i64>(), n as i64);
        jp_summary.push(t.elapsed());

        let t = Instant::now();
        let page = jp::shortfall_page(
            &db,
            Scope::All,
            &staff,
            pembina_domain::page::PageRequest::parse(None, Some(50)).expect("page"),
        )
        .await
        .expect("shortfall");
        assert!(page.total > 0);
        jp_short.push(t.elapsed());
    }
    let jb = median(jp_base);
    let b = median(base);
    let jp_rows = [
        ("jp_baseline", jb, jb),
        ("jp_summary", median(jp_summary), jb),
        ("jp_shortfall_page", median(jp_short), jb),
    ];
    [("baseline", b, b), ("heat_map", median(heat), b), ("training_needs", median(needs), b)]
        .into_iter()
        .chain(jp_rows)
        .map(|(what, ms, b)| {
            println!("| {backend} | {what} | {ms:.1} | {:.2} |", ms / b);
            json!({"backend": backend, "run": what, "employees": n, "median_ms": ms, "ratio_to_baseline": ms / b})
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let n: usize = std::env::var("PEMBINA_BENCH_EMPLOYEES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir().expect("tempdir");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut backends = vec!["sqlite"];
    if std::env::var("PEMBINA_BENCH_POSTGRES_URL").map_or(true, |u| u != "none") {
        backends.push("postgres");
    }
    println!(
        "\nheat map, training needs and the 20 JP dashboard of an agency of {n} employees (median of {RUNS} runs)\n"
    );
    println!("| database | run | ms | × baseline |\n|---|---|---:|---:|");
    let mut results = Vec::new();
    for b in backends {
        results.extend(rt.block_on(measure(b, n, dir.path())));
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out).expect("dir");
    std::fs::write(
        out.join("competency.json"),
        serde_json::to_string_pretty(&results).expect("json"),
    )
    .expect("write");
    println!("\nJSON: target/bench/competency.json");
}
