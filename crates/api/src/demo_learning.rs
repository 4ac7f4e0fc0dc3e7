//! Demo learning data for Kota Bengkulu (agency 1771): a published e-learning programme open for
//! self-registration, a classroom programme with a session, and this year's JP credits of
//! outside trainings for part of the staff, so the dashboards show a realistic spread.
//!
//! Written through the ordinary repositories, so it obeys the same rules as API input, and
//! idempotent: each piece is added only when its programme code (or credit reference) is absent,
//! so older demo databases gain it on their next start.

use chrono::{Datelike, NaiveDate};
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::competency::plan::ActivityKind;
use pembina_domain::learning::jp::CentiJp;
use pembina_domain::learning::programme::{
    NewModule, NewProgramme, ProgrammeInput, ProgrammeStatus,
};
use pembina_domain::learning::quiz::{Question, QuizSpec, TestKind};
use pembina_domain::learning::session::{Delivery, NewSession, SessionInput};
use pembina_domain::page::PageRequest;
use pembina_persistence::audit::Actor;
use pembina_persistence::entities::employees;
use pembina_persistence::repositories::jp::{self, Amount, CreditRequest, CreditSource};
use pembina_persistence::repositories::programmes::{self as repo, NewMaterial, ProgrammeFilter};
use pembina_persistence::repositories::{competency, org};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// The e-learning programme's code in the demo.
pub const E_LEARNING_CODE: &str = "PP-DASAR";
const CLASSROOM_CODE: &str = "MP-INFRA";

fn q(prompt: &str, choices: &[&str], right: u8) -> Question {
    Question {
        prompt: prompt.into(),
        choices: choices.iter().map(|c| (*c).to_owned()).collect(),
        correct: vec![right],
        multiple: false,
    }
}

async fn has_programme(
    db: &DatabaseConnection,
    agency: uuid::Uuid,
    code: &str,
) -> Result<bool, DomainError> {
    let page = repo::list_programmes(
        db,
        Scope::Agency(agency),
        ProgrammeFilter {
            q: Some(code.into()),
            ..ProgrammeFilter::default()
        },
        PageRequest::parse(None, Some(200))?,
    )
    .await?;
    Ok(page.items.iter().any(|p| p.programme.code == code))
}

/// Adds the demo learning data where missing; `today` fixes the year of the credits.
pub async fn seed(db: &DatabaseConnection, today: NaiveDate) -> Result<(), DomainError> {
    let Some(agency) = org::find_agency_by_code(db, "1771").await? else {
        return Ok(());
    };
    let actor = Actor::system();
    let scope = Scope::Agency(agency.id);
    let national = |code: &'static str| async move {
        competency::list_competencies(
            db,
            scope,
            competency::CompetencyFilter {
                q: Some(code.into()),
                ..Default::default()
            },
            PageRequest::parse(None, Some(200))?,
        )
        .await?
        .items
        .into_iter()
        .find(|c| c.code == code)
        .map(|c| c.id)
        .ok_or(DomainError::NotFound("competency"))
    };

    if !has_programme(db, agency.id, E_LEARNING_CODE).await? {
        let m5 = national("M5").await?;
        let p = repo::create_programme(
            db,
            &actor,
            agency.id,
            NewProgramme::parse(ProgrammeInput {
                code: E_LEARNING_CODE.into(),
                title: "Dasar-Dasar Pelayanan Publik".into(),
                objectives: Some(
                    "Peserta memahami standar pelayanan, maklumat pelayanan dan cara menangani \
                     pengaduan masyarakat."
                        .into(),
                ),
                activity_kind: ActivityKind::ELearning,
                jp: 6,
                competencies: vec![(m5, 2)],
                position_ids: vec![],
                org_unit_ids: vec![],
                self_registration: true,
                min_attendance_percent: None,
                require_post_test: false,
                status: ProgrammeStatus::Published,
            })?,
        )
        .await?;
        let id = p.programme.id;
        let m1 = repo::add_module(
            db,
            &actor,
            scope,
            id,
            NewModule::parse(
                "Standar Pelayanan".into(),
                Some("Komponen standar pelayanan menurut PermenPANRB 15/2014.".into()),
                45,
            )?,
        )
        .await?;
        repo::add_material(
            db,
            &actor,
            scope,
            m1.id,
            "PermenPANRB 15/2014 tentang Pedoman Standar Pelayanan".into(),
            NewMaterial::Link {
                url: "https://peraturan.bpk.go.id/Details/132542/permen-pan-rb-no-15-tahun-2014"
                    .into(),
            },
        )
        .await?;
        let m2 = repo::add_module(
            db,
            &actor,
            scope,
            id,
            NewModule::parse(
                "Menangani Pengaduan".into(),
                Some("Langkah menerima, mencatat dan menindaklanjuti pengaduan.".into()),
                45,
            )?,
        )
        .await?;
        repo::add_material(
            db,
            &actor,
            scope,
            m2.id,
            "SP4N-LAPOR!".into(),
            NewMaterial::Link {
                url: "https://www.lapor.go.id".into(),
            },
        )
        .await?;
        repo::put_test(
            db,
            &actor,
            scope,
            id,
            TestKind::Module,
            Some(m2.id),
            QuizSpec::parse(
                50,
                vec![
                    q(
                        "Saluran nasional pengaduan pelayanan publik adalah …",
                        &["SP4N-LAPOR!", "SIASN", "e-Kinerja"],
                        0,
                    ),
                    q(
                        "Pengaduan yang diterima pertama-tama harus …",
                        &[
                            "Dicatat dan diberi nomor",
                            "Diabaikan bila lisan",
                            "Dikembalikan ke pelapor",
                        ],
                        0,
                    ),
                ],
            )?,
        )
        .await?;
        repo::create_session(
            db,
            &actor,
            scope,
            id,
            NewSession::parse(SessionInput {
                name: format!("Kelas Daring {}", today.year()),
                delivery: Delivery::ELearning,
                start_date: None,
                end_date: None,
                place: None,
                online_url: None,
                trainers: vec![],
                capacity: None,
                self_registration: true,
            })?,
        )
        .await?;
    }

    if !has_programme(db, agency.id, CLASSROOM_CODE).await? {
        let m4 = national("M4").await?;
        let p = repo::create_programme(
            db,
            &actor,
            agency.id,
            NewProgramme::parse(ProgrammeInput {
                code: CLASSROOM_CODE.into(),
                title: "Manajemen Proyek Infrastruktur".into(),
                objectives: Some(
                    "Merencanakan, mengendalikan dan melaporkan proyek infrastruktur daerah."
                        .into(),
                ),
                activity_kind: ActivityKind::Training,
                jp: 24,
                competencies: vec![(m4, 3)],
                position_ids: vec![],
                org_unit_ids: vec![],
                self_registration: false,
                min_attendance_percent: Some(80),
                require_post_test: false,
                status: ProgrammeStatus::Published,
            })?,
        )
        .await?;
        let start = NaiveDate::from_ymd_opt(today.year(), 3, 2).unwrap_or(today);
        repo::create_session(
            db,
            &actor,
            scope,
            p.programme.id,
            NewSession::parse(SessionInput {
                name: format!("Angkatan I {}", today.year()),
                delivery: Delivery::Classroom,
                start_date: Some(start),
                end_date: Some(start + chrono::Duration::days(2)),
                place: Some("Aula BPSDM Provinsi Bengkulu".into()),
                online_url: None,
                trainers: vec!["Ir. Bambang Supriadi, M.T.".into()],
                capacity: Some(30),
                self_registration: false,
            })?,
        )
        .await?;
    }

    // Outside trainings this year for two in three of the city's staff, from 4 to 28 JP, so
    // some meet 20 JP and most do not.
    let staff = employees::Entity::find()
        .filter(employees::Column::AgencyId.eq(agency.id))
        .order_by_asc(employees::Column::Nip)
        .all(db)
        .await
        .map_err(|e| DomainError::Internal(e.to_string()))?;
    let year = today.year();
    for (i, e) in staff.iter().enumerate() {
        if i % 3 == 2 {
            continue;
        }
        let jp = 4 + ((i * 7) % 25) as i64;
        jp::credit(
            db,
            &actor,
            CreditRequest {
                agency_id: agency.id,
                employee_id: e.id,
                occurred_on: NaiveDate::from_ymd_opt(year, 2, 1 + (i % 27) as u32).unwrap_or(today),
                source: CreditSource::External,
                source_ref: format!("demo-{year}-{i}"),
                title: "Bimtek Penyusunan SKP".into(),
                activity_kind: ActivityKind::Bimtek,
                provider: Some("BKPSDM Kota Bengkulu".into()),
                amount: Amount::Jp(CentiJp::from_jp(jp)),
            },
        )
        .await?;
    }
    Ok(())
}
