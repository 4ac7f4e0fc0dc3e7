//! Demo data: a small, realistic and deterministic slice of Bengkulu's civil service.
//!
//! The data is built in two steps. [`plan`] is a pure function that decides everything (units,
//! positions, people, identity numbers, who supervises whom) by index, from a fixed-seed generator,
//! so it can be tested without a database and gives the same data on every run. [`seed`] then
//! walks the plan and writes it through the ordinary repositories, inside one transaction, so the
//! demo data obeys exactly the rules that API input obeys and a failure leaves nothing behind.

use pembina_domain::DomainError;
use pembina_domain::accounts::Role;
use pembina_domain::org::{
    AgencyKind, BENGKULU_AGENCIES, FunctionalLevel, NewOrgUnit, NewPosition, OrgUnitInput,
    OrgUnitKind, PositionInput, PositionKind, SeedAgency,
};
use pembina_domain::people::{
    EmployeeInput, EmployeeStatus, EmploymentType, NewEmployee, PersonName,
};
use pembina_persistence::audit::Actor;
use pembina_persistence::repositories::accounts::{self, NewUser};
use pembina_persistence::repositories::{org, people};
use sea_orm::{DatabaseConnection, TransactionTrait};
use uuid::Uuid;

/// The super admin's e-mail; its presence means the demo data (or real data) is already there.
const SUPER_ADMIN_EMAIL: &str = "admin@pembina.local";

/// What [`seed`] created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub agencies: usize,
    pub units: usize,
    pub positions: usize,
    pub employees: usize,
    pub users: usize,
    /// True when the super admin already existed and nothing was written.
    pub skipped: bool,
}

/// Seeds the demo data unless the super admin `admin@pembina.local` already exists.
///
/// Every account gets `password_hash` (already hashed by the caller). The 11 Bengkulu agencies
/// must exist (the migrations create them).
pub async fn seed(
    db: &DatabaseConnection,
    password_hash: &str,
) -> Result<DemoSummary, DomainError> {
    if accounts::find_by_email(db, SUPER_ADMIN_EMAIL)
        .await?
        .is_some()
    {
        return Ok(DemoSummary {
            skipped: true,
            ..DemoSummary::default()
        });
    }
    let plans = plan();
    let actor = Actor::system();
    let mut summary = DemoSummary::default();
    let mut users = Vec::new();
    // Dropping the transaction on an early return rolls it back.
    let txn = db
        .begin()
        .await
        .map_err(|e| DomainError::Internal(e.to_string()))?;

    for p in &plans {
        let agency = org::find_agency_by_code(&txn, p.agency.code)
            .await?
            .ok_or(DomainError::NotFound("agency"))?;
        let mut unit_ids = Vec::with_capacity(p.units.len());
        for u in &p.units {
            let parent_id = u.parent.map(|i| id_at(&unit_ids, i)).transpose()?;
            let m = org::insert_unit(
                &txn,
                &actor,
                NewOrgUnit::parse(u.input(agency.id, parent_id))?,
            )
            .await?;
            unit_ids.push(m.id);
        }
        let mut position_ids = Vec::with_capacity(p.positions.len());
        for pos in &p.positions {
            let unit_id = pos.unit.map(|i| id_at(&unit_ids, i)).transpose()?;
            let m = org::insert_position(
                &txn,
                &actor,
                NewPosition::parse(pos.input(agency.id, unit_id))?,
            )
            .await?;
            position_ids.push(m.id);
        }
        let mut employee_ids = Vec::with_capacity(p.employees.len());
        for e in &p.employees {
            let input = e.input(
                agency.id,
                id_at(&unit_ids, e.unit)?,
                id_at(&position_ids, e.position)?,
                e.supervisor.map(|i| id_at(&employee_ids, i)).transpose()?,
            );
            let m = people::insert_employee(&txn, &actor, NewEmployee::parse(input)?).await?;
            employee_ids.push(m.id);
        }
        summary.agencies += 1;
        summary.units += unit_ids.len();
        summary.positions += position_ids.len();
        summary.employees += employee_ids.len();

        users.push(NewUser {
            email: format!("admin.{}@pembina.local", p.agency.code),
            display_name: format!("Admin {}", p.agency.name),
            password_hash: password_hash.to_owned(),
            agency_id: Some(agency.id),
            employee_id: None,
            roles: vec![Role::AgencyAdmin],
        });
        for (i, e) in p.employees.iter().enumerate().filter(|(_, e)| e.account) {
            users.push(NewUser {
                email: e.email.clone(),
                display_name: e.person_name().display(),
                password_hash: password_hash.to_owned(),
                agency_id: Some(agency.id),
                employee_id: Some(id_at(&employee_ids, i)?),
                roles: p.account_roles(i),
            });
        }
    }

    // Accounts go last: employee accounts need their employee, and the super admin (whose
    // existence marks the seed as done) should only appear together with everything else.
    let super_admin = NewUser {
        email: SUPER_ADMIN_EMAIL.to_owned(),
        display_name: "Administrator Pembina".to_owned(),
        password_hash: password_hash.to_owned(),
        agency_id: None,
        employee_id: None,
        roles: vec![Role::SuperAdmin],
    };
    for u in std::iter::once(super_admin).chain(users) {
        accounts::insert_user(&txn, &actor, u).await?;
        summary.users += 1;
    }

    txn.commit()
        .await
        .map_err(|e| DomainError::Internal(e.to_string()))?;
    Ok(summary)
}

/// The id stored for plan index `i`. The plan only refers backwards, so a miss is a bug here.
fn id_at(ids: &[Uuid], i: usize) -> Result<Uuid, DomainError> {
    ids.get(i).copied().ok_or_else(|| {
        DomainError::Internal(format!("demo plan refers to item {i} before it is created"))
    })
}

// ---------------------------------------------------------------------------------------------
// The plan: plain data, indices instead of ids.
// ---------------------------------------------------------------------------------------------

/// One org unit; `parent` is the index of an earlier unit of the same agency.
#[derive(Debug, Clone, PartialEq)]
struct UnitPlan {
    code: String,
    name: String,
    kind: OrgUnitKind,
    parent: Option<usize>,
}

impl UnitPlan {
    fn input(&self, agency_id: Uuid, parent_id: Option<Uuid>) -> OrgUnitInput {
        OrgUnitInput {
            agency_id,
            parent_id,
            code: self.code.clone(),
            name: self.name.clone(),
            kind: self.kind,
            active: true,
        }
    }
}

/// One position; `unit` is the index of its unit, `None` for agency-wide posts (functional, pelaksana).
#[derive(Debug, Clone, PartialEq)]
struct PositionPlan {
    code: String,
    title: String,
    kind: PositionKind,
    level: Option<FunctionalLevel>,
    unit: Option<usize>,
}

impl PositionPlan {
    fn input(&self, agency_id: Uuid, org_unit_id: Option<Uuid>) -> PositionInput {
        PositionInput {
            agency_id,
            org_unit_id,
            code: self.code.clone(),
            title: self.title.clone(),
            kind: self.kind,
            functional_level: self.level,
        }
    }
}

/// One employee; `unit`, `position` and `supervisor` index the agency's plan (the supervisor
/// always comes earlier, so it is inserted first).
#[derive(Debug, Clone, PartialEq)]
struct EmployeePlan {
    nip: String,
    employment_type: EmploymentType,
    name: String,
    title_prefix: Option<String>,
    title_suffix: Option<String>,
    rank: String,
    unit: usize,
    position: usize,
    supervisor: Option<usize>,
    email: String,
    phone: String,
    status: EmployeeStatus,
    /// Whether this employee gets a sign-in account.
    account: bool,
}

impl EmployeePlan {
    fn input(
        &self,
        agency_id: Uuid,
        org_unit_id: Uuid,
        position_id: Uuid,
        supervisor_id: Option<Uuid>,
    ) -> EmployeeInput {
        EmployeeInput {
            nip: self.nip.clone(),
            employment_type: self.employment_type,
            name: self.name.clone(),
            title_prefix: self.title_prefix.clone(),
            title_suffix: self.title_suffix.clone(),
            // Both come from the identity number.
            sex: None,
            birth_date: None,
            rank: Some(self.rank.clone()),
            agency_id,
            org_unit_id,
            position_id: Some(position_id),
            supervisor_id,
            email: Some(self.email.clone()),
            phone: Some(self.phone.clone()),
            status: self.status,
        }
    }

    fn person_name(&self) -> PersonName {
        PersonName {
            name: self.name.clone(),
            title_prefix: self.title_prefix.clone(),
            title_suffix: self.title_suffix.clone(),
        }
    }
}

/// Everything to create in one agency, in insertion order.
#[derive(Debug, Clone, PartialEq)]
struct AgencyPlan {
    agency: SeedAgency,
    units: Vec<UnitPlan>,
    positions: Vec<PositionPlan>,
    employees: Vec<EmployeePlan>,
}

impl AgencyPlan {
    /// Roles of employee `i`'s account: Employee, plus Supervisor when someone reports to them.
    fn account_roles(&self, i: usize) -> Vec<Role> {
        let mut roles = Vec::new();
        if self.employees.iter().any(|e| e.supervisor == Some(i)) {
            roles.push(Role::Supervisor);
        }
        roles.push(Role::Employee);
        roles
    }
}

/// The whole demo data set, one entry per Bengkulu agency in [`BENGKULU_AGENCIES`] order.
fn plan() -> Vec<AgencyPlan> {
    let mut generator = Generator::new();
    BENGKULU_AGENCIES
        .iter()
        .map(|a| match a.kind {
            AgencyKind::Province => province(&mut generator, *a),
            AgencyKind::City => city(&mut generator, *a),
            AgencyKind::Regency => regency(&mut generator, *a),
        })
        .collect()
}

fn province(generator: &mut Generator, agency: SeedAgency) -> AgencyPlan {
    let mut b = AgencyBuilder::new(generator, agency, true);
    let mut dinkes = None;
    for t in PROVINCE_OPDS {
        let opd = b.opd(t);
        if t.code == "DINKES" {
            dinkes = Some(opd);
        }
    }
    if let Some(dinkes) = dinkes {
        b.service_unit(
            dinkes,
            "DINKES.RSUD-MY",
            "RSUD dr. M. Yunus",
            "Direktur RSUD dr. M. Yunus",
            &[Job::Pengadministrasi],
            &[Job::Dokter, Job::Perawat, Job::Perawat, Job::Bidan],
        );
    }
    b.plan
}

fn city(generator: &mut Generator, agency: SeedAgency) -> AgencyPlan {
    let mut b = AgencyBuilder::new(generator, agency, true);
    b.opd(&SETDA_LOCAL);
    b.opd(&BKPSDM);
    let dinkes = b.opd(&DINKES_CITY);
    for (i, (abbr, name)) in CITY_PUSKESMAS.iter().enumerate() {
        // Only the bigger Puskesmas of the demo have their own doctor.
        let staff: &[Job] = if i < 4 {
            &[Job::Dokter, Job::Perawat, Job::Bidan]
        } else {
            &[Job::Perawat, Job::Bidan]
        };
        let name = format!("Puskesmas {name}");
        b.service_unit(
            dinkes,
            &format!("DINKES.PKM-{abbr}"),
            &name,
            &format!("Kepala {name}"),
            &[],
            staff,
        );
    }
    b.opd(&PUPR_LOCAL);
    b.plan
}

fn regency(generator: &mut Generator, agency: SeedAgency) -> AgencyPlan {
    let mut b = AgencyBuilder::new(generator, agency, false);
    b.opd(&SETDA_LOCAL);
    b.opd(&BKPSDM);
    let dinkes = b.opd(&DINKES_REGENCY);
    let seat = agency.seat;
    let puskesmas: [(String, &[Job]); 2] = [
        (format!("Puskesmas {seat}"), &[Job::Perawat, Job::Bidan]),
        (format!("Puskesmas Kota {seat}"), &[Job::Bidan]),
    ];
    for (i, (name, staff)) in puskesmas.iter().enumerate() {
        b.service_unit(
            dinkes,
            &format!("DINKES.PKM-{:02}", i + 1),
            name,
            &format!("Kepala {name}"),
            &[],
            staff,
        );
    }
    b.opd(&PUPR_LOCAL);
    b.plan
}

// ---------------------------------------------------------------------------------------------
// Templates of the organisation.
// ---------------------------------------------------------------------------------------------

/// The line of work of an OPD; it decides the academic titles its officials plausibly hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    General,
    Health,
    Works,
    Education,
}

/// A division (bidang, biro, bagian) of an OPD.
struct DivisionTemplate {
    /// Appended to the OPD code: `DINKES` + `YANKES` = `DINKES.YANKES`.
    code: &'static str,
    name: &'static str,
    head_title: &'static str,
    head_kind: PositionKind,
    /// The one sub-unit head (seksi, subbidang, bagian) between the division head and the staff;
    /// `None` where staff are functional officials reporting to the division head directly.
    section: Option<(&'static str, PositionKind)>,
    staff: &'static [Job],
}

/// An OPD (dinas, badan, sekretariat) with its divisions.
struct OpdTemplate {
    code: &'static str,
    name: &'static str,
    kind: OrgUnitKind,
    head_title: &'static str,
    head_kind: PositionKind,
    field: Field,
    /// The staff of the Subbagian Umum dan Kepegawaian, when the OPD has one.
    office: Option<&'static [Job]>,
    divisions: &'static [DivisionTemplate],
    /// Give sign-in accounts to a chain of this OPD (head, first division head, its section
    /// head, one staff member) in agencies that get employee accounts.
    accounts: bool,
}

const PROVINCE_OPDS: &[OpdTemplate] = &[
    OpdTemplate {
        code: "SETDA",
        name: "Sekretariat Daerah",
        kind: OrgUnitKind::Secretariat,
        head_title: "Sekretaris Daerah",
        head_kind: PositionKind::JptMadya,
        field: Field::General,
        office: None,
        divisions: &[
            DivisionTemplate {
                code: "ORG",
                name: "Biro Organisasi",
                head_title: "Kepala Biro Organisasi",
                head_kind: PositionKind::JptPratama,
                section: Some((
                    "Kepala Bagian Kelembagaan dan Analisis Jabatan",
                    PositionKind::Administrator,
                )),
                staff: &[Job::AnalisKepegawaian, Job::Pengadministrasi],
            },
            DivisionTemplate {
                code: "UMUM",
                name: "Biro Umum",
                head_title: "Kepala Biro Umum",
                head_kind: PositionKind::JptPratama,
                section: Some(("Kepala Bagian Rumah Tangga", PositionKind::Administrator)),
                staff: &[Job::Pengadministrasi],
            },
        ],
        accounts: false,
    },
    OpdTemplate {
        code: "INSPEKTORAT",
        name: "Inspektorat",
        kind: OrgUnitKind::Agency,
        head_title: "Inspektur",
        head_kind: PositionKind::JptPratama,
        field: Field::General,
        office: Some(&[Job::Pengadministrasi]),
        divisions: &[DivisionTemplate {
            code: "IRBAN1",
            name: "Inspektorat Pembantu Wilayah I",
            head_title: "Inspektur Pembantu Wilayah I",
            head_kind: PositionKind::Administrator,
            section: None,
            staff: &[Job::Auditor, Job::Auditor],
        }],
        accounts: false,
    },
    OpdTemplate {
        code: "BAPPEDA",
        name: "Badan Perencanaan Pembangunan Daerah",
        kind: OrgUnitKind::Agency,
        head_title: "Kepala Badan Perencanaan Pembangunan Daerah",
        head_kind: PositionKind::JptPratama,
        field: Field::General,
        office: Some(&[Job::Pengadministrasi]),
        divisions: &[DivisionTemplate {
            code: "PPM",
            name: "Bidang Pemerintahan dan Pembangunan Manusia",
            head_title: "Kepala Bidang Pemerintahan dan Pembangunan Manusia",
            head_kind: PositionKind::Administrator,
            section: None,
            staff: &[Job::Perencana],
        }],
        accounts: false,
    },
    OpdTemplate {
        code: "BKD",
        name: "Badan Kepegawaian Daerah",
        kind: OrgUnitKind::Agency,
        head_title: "Kepala Badan Kepegawaian Daerah",
        head_kind: PositionKind::JptPratama,
        field: Field::General,
        office: Some(&[Job::Pengadministrasi]),
        divisions: &[
            DivisionTemplate {
                code: "MUTASI",
                name: "Bidang Mutasi dan Promosi",
                head_title: "Kepala Bidang Mutasi dan Promosi",
                head_kind: PositionKind::Administrator,
                section: Some(("Kepala Subbidang Mutasi", PositionKind::Pengawas)),
                staff: &[Job::AnalisKepegawaian, Job::AnalisSdm],
            },
            DivisionTemplate {
                code: "PPI",
                name: "Bidang Pengadaan, Pemberhentian dan Informasi",
                head_title: "Kepala Bidang Pengadaan, Pemberhentian dan Informasi",
                head_kind: PositionKind::Administrator,
                section: Some((
                    "Kepala Subbidang Data dan Informasi Kepegawaian",
                    PositionKind::Pengawas,
                )),
                staff: &[Job::AnalisKepegawaian],
            },
        ],
        accounts: false,
    },
    OpdTemplate {
        code: "BPSDM",
        name: "Badan Pengembangan Sumber Daya Manusia",
        kind: OrgUnitKind::Agency,
        head_title: "Kepala Badan Pengembangan Sumber Daya Manusia",
        head_kind: PositionKind::JptPratama,
        field: Field::General,
        office: Some(&[Job::Pengadministrasi]),
        divisions: &[DivisionTemplate {
            code: "PKMF",
            name: "Bidang Pengembangan Kompetensi Manajerial dan Fungsional",
            head_title: "Kepala Bidang Pengembangan Kompetensi Manajerial dan Fungsional",
            head_kind: PositionKind::Administrator,
            section: Some((
                "Kepala Subbidang Pengembangan Kompetensi Manajerial",
                PositionKind::Pengawas,
            )),
            staff: &[Job::Widyaiswara, Job::AnalisSdm],
        }],
        accounts: false,
    },
    OpdTemplate {
        code: "DINKES",
        name: "Dinas Kesehatan",
        kind: OrgUnitKind::Agency,
        head_title: "Kepala Dinas Kesehatan",
        head_kind: PositionKind::JptPratama,
        field: Field::Health,
        office: Some(&[Job::Pengadministrasi]),
        divisions: &[
            DivisionTemplate {
                code: "YANKES",
                name: "Bidang Pelayanan Kesehatan",
                head_title: "Kepala Bidang Pelayanan Kesehatan",
                head_kind: PositionKind::Administrator,
                section: Some((
                    "Kepala Seksi Pelayanan Kesehatan Primer",
                    PositionKind::Pengawas,
                )),
                staff: &[Job::Perawat, Job::Dokter],
            },
            DivisionTemplate {
                code: "P2P",
                name: "Bidang Pencegahan dan Pengendalian Penyakit",
                head_title: "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
                head_kind: PositionKind::Administrator,
                section: Some((
                    "Kepala Seksi Pencegahan dan Pengendalian Penyakit Menular",
                    PositionKind::Pengawas,
                )),
                staff: &[Job::Penyuluh],
            },
        ],
        accounts: true,
    },
    OpdTemplate {
        code: "PUPR",
        name: "Dinas Pekerjaan Umum dan Penataan Ruang",
        kind: OrgUnitKind::Agency,
        head_title: "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        head_kind: PositionKind::JptPratama,
        field: Field::Works,
        office: Some(&[Job::Pengadministrasi]),
        divisions: &[
            DivisionTemplate {
                code: "BM",
                name: "Bidang Bina Marga",
                head_title: "Kepala Bidang Bina Marga",
                head_kind: PositionKind::Administrator,
                section: Some((
                    "Kepala Seksi Pembangunan Jalan dan Jembatan",
                    PositionKind::Pengawas,
                )),
                staff: &[Job::TeknikJalan, Job::TeknikJalan],
            },
            DivisionTemplate {
                code: "SDA",
                name: "Bidang Sumber Daya Air",
                head_title: "Kepala Bidang Sumber Daya Air",
                head_kind: PositionKind::Administrator,
                section: Some(("Kepala Seksi Irigasi dan Rawa", PositionKind::Pengawas)),
                staff: &[Job::Pengadministrasi],
            },
        ],
        accounts: false,
    },
    OpdTemplate {
        code: "DIKBUD",
        name: "Dinas Pendidikan dan Kebudayaan",
        kind: OrgUnitKind::Agency,
        head_title: "Kepala Dinas Pendidikan dan Kebudayaan",
        head_kind: PositionKind::JptPratama,
        field: Field::Education,
        office: Some(&[Job::Pengadministrasi]),
        divisions: &[DivisionTemplate {
            code: "BUD",
            name: "Bidang Kebudayaan",
            head_title: "Kepala Bidang Kebudayaan",
            head_kind: PositionKind::Administrator,
            section: Some((
                "Kepala Seksi Cagar Budaya dan Permuseuman",
                PositionKind::Pengawas,
            )),
            staff: &[Job::PamongBudaya],
        }],
        accounts: false,
    },
];

/// The Sekretariat Daerah of a regency or city: its Sekda is a JPT pratama.
const SETDA_LOCAL: OpdTemplate = OpdTemplate {
    code: "SETDA",
    name: "Sekretariat Daerah",
    kind: OrgUnitKind::Secretariat,
    head_title: "Sekretaris Daerah",
    head_kind: PositionKind::JptPratama,
    field: Field::General,
    office: None,
    divisions: &[DivisionTemplate {
        code: "ORG",
        name: "Bagian Organisasi",
        head_title: "Kepala Bagian Organisasi",
        head_kind: PositionKind::Administrator,
        section: Some((
            "Kepala Subbagian Kelembagaan dan Analisis Jabatan",
            PositionKind::Pengawas,
        )),
        staff: &[Job::AnalisKepegawaian],
    }],
    accounts: false,
};

const BKPSDM: OpdTemplate = OpdTemplate {
    code: "BKPSDM",
    name: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    kind: OrgUnitKind::Agency,
    head_title: "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    head_kind: PositionKind::JptPratama,
    field: Field::General,
    office: Some(&[Job::Pengadministrasi]),
    divisions: &[DivisionTemplate {
        code: "PKA",
        name: "Bidang Pengembangan Kompetensi Aparatur",
        head_title: "Kepala Bidang Pengembangan Kompetensi Aparatur",
        head_kind: PositionKind::Administrator,
        section: None,
        staff: &[Job::AnalisSdm],
    }],
    accounts: false,
};

const DINKES_CITY: OpdTemplate = OpdTemplate {
    code: "DINKES",
    name: "Dinas Kesehatan",
    kind: OrgUnitKind::Agency,
    head_title: "Kepala Dinas Kesehatan",
    head_kind: PositionKind::JptPratama,
    field: Field::Health,
    office: Some(&[Job::Pengadministrasi]),
    divisions: &[DivisionTemplate {
        code: "YANKES",
        name: "Bidang Pelayanan Kesehatan",
        head_title: "Kepala Bidang Pelayanan Kesehatan",
        head_kind: PositionKind::Administrator,
        section: Some((
            "Kepala Seksi Pelayanan Kesehatan Primer",
            PositionKind::Pengawas,
        )),
        staff: &[Job::Perawat, Job::Penyuluh],
    }],
    accounts: true,
};

/// A regency's health office: small, its people are mostly in the Puskesmas.
const DINKES_REGENCY: OpdTemplate = OpdTemplate {
    code: "DINKES",
    name: "Dinas Kesehatan",
    kind: OrgUnitKind::Agency,
    head_title: "Kepala Dinas Kesehatan",
    head_kind: PositionKind::JptPratama,
    field: Field::Health,
    office: Some(&[Job::Pengadministrasi]),
    divisions: &[],
    accounts: false,
};

const PUPR_LOCAL: OpdTemplate = OpdTemplate {
    code: "PUPR",
    name: "Dinas Pekerjaan Umum dan Penataan Ruang",
    kind: OrgUnitKind::Agency,
    head_title: "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
    head_kind: PositionKind::JptPratama,
    field: Field::Works,
    office: None,
    divisions: &[DivisionTemplate {
        code: "BM",
        name: "Bidang Bina Marga",
        head_title: "Kepala Bidang Bina Marga",
        head_kind: PositionKind::Administrator,
        section: Some((
            "Kepala Seksi Pembangunan Jalan dan Jembatan",
            PositionKind::Pengawas,
        )),
        staff: &[Job::TeknikJalan],
    }],
    accounts: false,
};

/// Real Puskesmas of Kota Bengkulu (domain.md §7), with the abbreviation used in unit codes.
const CITY_PUSKESMAS: [(&str, &str); 8] = [
    ("JK", "Jembatan Kecil"),
    ("LB", "Lingkar Barat"),
    ("SL", "Sawah Lebar"),
    ("NI", "Nusa Indah"),
    ("KL", "Kuala Lempuing"),
    ("BR", "Basuki Rahmad"),
    ("JG", "Jalan Gedang"),
    ("AA", "Anggut Atas"),
];

// ---------------------------------------------------------------------------------------------
// Staff posts (pelaksana and functional), shared by every agency.
// ---------------------------------------------------------------------------------------------

/// A non-structural post. Each agency gets one agency-wide position per job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Pengadministrasi,
    AnalisKepegawaian,
    Perawat,
    Dokter,
    Bidan,
    Penyuluh,
    TeknikJalan,
    AnalisSdm,
    Auditor,
    Perencana,
    Widyaiswara,
    PamongBudaya,
}

struct JobSpec {
    code: &'static str,
    title: &'static str,
    /// `Some` exactly for functional posts.
    level: Option<FunctionalLevel>,
    pns_ranks: &'static [&'static str],
    /// PPPK golongan by the education the post needs: V (SMA), VII (D3), IX (S1), XI (Ahli Muda).
    pppk_rank: &'static str,
    /// Plausible (prefix, suffix) academic titles; "" for none.
    titles: &'static [(&'static str, &'static str)],
    /// Midwives are women.
    female_only: bool,
}

impl Job {
    const ALL: [Job; 12] = [
        Job::Pengadministrasi,
        Job::AnalisKepegawaian,
        Job::Perawat,
        Job::Dokter,
        Job::Bidan,
        Job::Penyuluh,
        Job::TeknikJalan,
        Job::AnalisSdm,
        Job::Auditor,
        Job::Perencana,
        Job::Widyaiswara,
        Job::PamongBudaya,
    ];

    fn spec(self) -> JobSpec {
        use FunctionalLevel::{AhliMuda, AhliPertama, Terampil};
        const JUNIOR_EXPERT: &[&str] = &["III/a", "III/b"];
        const EXPERT: &[&str] = &["III/c", "III/d"];
        let (code, title, level, pns_ranks, pppk_rank, titles, female_only): (
            _,
            _,
            _,
            &'static [&'static str],
            _,
            &'static [(&'static str, &'static str)],
            _,
        ) = match self {
            Job::Pengadministrasi => (
                "JP.PU",
                "Pengadministrasi Umum",
                None,
                &["II/c", "II/d", "III/a"],
                "V",
                &[("", ""), ("", "A.Md.")],
                false,
            ),
            Job::AnalisKepegawaian => (
                "JP.AK",
                "Analis Kepegawaian",
                None,
                &["III/a", "III/b"],
                "IX",
                &[("", "S.E."), ("", "S.H."), ("", "S.Sos.")],
                false,
            ),
            Job::Perawat => (
                "JF.PERAWAT-AP",
                "Perawat Ahli Pertama",
                Some(AhliPertama),
                JUNIOR_EXPERT,
                "IX",
                &[("", "S.Kep., Ners")],
                false,
            ),
            Job::Dokter => (
                "JF.DOKTER-AM",
                "Dokter Ahli Muda",
                Some(AhliMuda),
                EXPERT,
                "XI",
                &[("dr.", ""), ("dr.", "M.Kes.")],
                false,
            ),
            Job::Bidan => (
                "JF.BIDAN-T",
                "Bidan Terampil",
                Some(Terampil),
                &["II/c", "II/d"],
                "VII",
                &[("", "A.Md.Keb.")],
                true,
            ),
            Job::Penyuluh => (
                "JF.PKM-AP",
                "Penyuluh Kesehatan Masyarakat Ahli Pertama",
                Some(AhliPertama),
                JUNIOR_EXPERT,
                "IX",
                &[("", "S.K.M.")],
                false,
            ),
            Job::TeknikJalan => (
                "JF.TJJ-AM",
                "Teknik Jalan dan Jembatan Ahli Muda",
                Some(AhliMuda),
                EXPERT,
                "XI",
                &[("", "S.T."), ("", "S.T., M.T.")],
                false,
            ),
            Job::AnalisSdm => (
                "JF.ASDMA-AM",
                "Analis SDM Aparatur Ahli Muda",
                Some(AhliMuda),
                EXPERT,
                "XI",
                &[
                    ("", "S.Psi., M.Si."),
                    ("", "S.Sos., M.Si."),
                    ("", "S.E., M.M."),
                ],
                false,
            ),
            Job::Auditor => (
                "JF.AUDITOR-AP",
                "Auditor Ahli Pertama",
                Some(AhliPertama),
                JUNIOR_EXPERT,
                "IX",
                &[("", "S.E."), ("", "S.Ak.")],
                false,
            ),
            Job::Perencana => (
                "JF.PERENCANA-AP",
                "Perencana Ahli Pertama",
                Some(AhliPertama),
                JUNIOR_EXPERT,
                "IX",
                &[("", "S.E."), ("", "S.T."), ("", "S.Si.")],
                false,
            ),
            Job::Widyaiswara => (
                "JF.WI-AM",
                "Widyaiswara Ahli Muda",
                Some(AhliMuda),
                EXPERT,
                "XI",
                &[("", "S.Pd., M.Pd."), ("", "S.Sos., M.Si.")],
                false,
            ),
            Job::PamongBudaya => (
                "JF.PAMONG-AP",
                "Pamong Budaya Ahli Pertama",
                Some(AhliPertama),
                JUNIOR_EXPERT,
                "IX",
                &[("", "S.S."), ("", "S.Hum.")],
                false,
            ),
        };
        JobSpec {
            code,
            title,
            level,
            pns_ranks,
            pppk_rank,
            titles,
            female_only,
        }
    }

    fn kind(self) -> PositionKind {
        if self.spec().level.is_some() {
            PositionKind::Fungsional
        } else {
            PositionKind::Pelaksana
        }
    }
}

/// What an employee holds: a structural post of some kind, or a staff job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Post {
    Structural(PositionKind),
    Staff(Job),
}

impl Post {
    /// Birth years that fit the post: heads are senior, PPPK were hired from 2021 on.
    fn birth_years(self, pppk: bool) -> (i32, i32) {
        match self {
            Post::Structural(PositionKind::JptMadya) => (1968, 1971),
            Post::Structural(PositionKind::JptPratama) => (1968, 1975),
            Post::Structural(PositionKind::Administrator) => (1970, 1980),
            Post::Structural(_) => (1975, 1986),
            Post::Staff(_) if pppk => (1985, 1996),
            Post::Staff(job) if job.spec().level == Some(FunctionalLevel::AhliMuda) => (1978, 1988),
            Post::Staff(_) => (1985, 1998),
        }
    }

    /// PNS golongan/ruang by seniority.
    fn pns_ranks(self) -> &'static [&'static str] {
        match self {
            Post::Structural(PositionKind::JptMadya) => &["IV/c", "IV/d"],
            Post::Structural(PositionKind::JptPratama) => &["IV/b", "IV/c"],
            Post::Structural(PositionKind::Administrator) => &["IV/a", "IV/b"],
            Post::Structural(_) => &["III/c", "III/d"],
            Post::Staff(job) => job.spec().pns_ranks,
        }
    }

    fn titles(self, field: Field) -> &'static [(&'static str, &'static str)] {
        let senior = matches!(
            self,
            Post::Structural(
                PositionKind::JptMadya | PositionKind::JptPratama | PositionKind::Administrator
            )
        );
        match (self, field) {
            (Post::Staff(job), _) => job.spec().titles,
            (Post::Structural(PositionKind::JptMadya), _) => &[
                ("Dr.", "S.Sos., M.Si."),
                ("Dr.", "S.H., M.H."),
                ("", "S.E., M.M."),
            ],
            (_, Field::Health) if senior => {
                &[("dr.", "M.Kes."), ("", "S.K.M., M.Kes."), ("dr.", "")]
            }
            (_, Field::Health) => &[("", "S.K.M."), ("", "S.Kep., Ners"), ("", "S.K.M., M.Kes.")],
            (_, Field::Works) if senior => {
                &[("Ir.", "M.T."), ("", "S.T., M.T."), ("", "S.T., M.Si.")]
            }
            (_, Field::Works) => &[("", "S.T."), ("", "S.T., M.T.")],
            (_, Field::Education) if senior => &[
                ("", "S.Pd., M.Pd."),
                ("Dr.", "S.Pd., M.Pd."),
                ("", "S.S., M.Hum."),
            ],
            (_, Field::Education) => &[("", "S.Pd."), ("", "S.S.")],
            (_, Field::General) if senior => &[
                ("", "S.H., M.H."),
                ("", "S.E., M.M."),
                ("", "S.Sos., M.Si."),
                ("", "S.IP., M.Si."),
                ("", "S.STP., M.Si."),
                ("Dr.", "S.E., M.Si."),
            ],
            (_, Field::General) => &[
                ("", "S.E."),
                ("", "S.H."),
                ("", "S.Sos."),
                ("", "S.IP."),
                ("", "S.Kom."),
            ],
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Names.
// ---------------------------------------------------------------------------------------------

// The first names of the two sexes are disjoint, so a name always tells the sex in the NIP.
const MALE_FIRST: &[&str] = &[
    "Ahmad", "Rizky", "Hendra", "Budi", "Dedi", "Rahmat", "Fajar", "Agus", "Zulkifli", "Rusdi",
    "Herman", "Syafril", "Erwin", "Junaidi", "Helmi", "Rozali", "Ferry", "Yusran", "Irwan",
    "Darmawan", "Ridwan", "Arief", "Novri", "Hasbi", "Edi",
];
const MALE_SECOND: &[&str] = &[
    "Fauzi",
    "Pratama",
    "Saputra",
    "Hidayat",
    "Syahputra",
    "Firmansyah",
    "Gunawan",
    "Kurniawan",
    "Setiawan",
    "Wijaya",
    "Rahman",
    "Hakim",
    "Effendi",
    "Irawan",
    "Syahrial",
    "Hamdani",
    "Apriansyah",
    "Januarsyah",
];
const FEMALE_FIRST: &[&str] = &[
    "Siti",
    "Dewi",
    "Yuliana",
    "Rina",
    "Fitri",
    "Nurhayati",
    "Sri",
    "Yeni",
    "Desi",
    "Lusi",
    "Meli",
    "Rahmi",
    "Eva",
    "Novi",
    "Ratna",
    "Herlina",
    "Yanti",
    "Elvi",
    "Susi",
    "Maya",
    "Indah",
    "Wulan",
    "Putri",
    "Mega",
    "Rini",
];
const FEMALE_SECOND: &[&str] = &[
    "Rahmawati",
    "Anggraini",
    "Sari",
    "Yuliani",
    "Susanti",
    "Lestari",
    "Wahyuni",
    "Handayani",
    "Permatasari",
    "Oktaviani",
    "Novitasari",
    "Febriani",
    "Marlina",
    "Fitriani",
    "Agustina",
    "Purnamasari",
    "Yulianti",
    "Afriani",
];

/// Lower-case ASCII letters and digits only, for e-mail addresses and domains.
fn compact(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The agency's official mail domain: `bengkuluprov.go.id`, `kotabengkulu.go.id`, `kaurkab.go.id`.
fn email_domain(a: &SeedAgency) -> String {
    match a.kind {
        AgencyKind::Province => "bengkuluprov.go.id".to_owned(),
        AgencyKind::City => format!("kota{}.go.id", compact(a.seat)),
        AgencyKind::Regency => format!(
            "{}kab.go.id",
            compact(
                a.name
                    .strip_prefix("Pemerintah Kabupaten ")
                    .unwrap_or(a.name)
            )
        ),
    }
}

fn optional(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

// ---------------------------------------------------------------------------------------------
// The generator and the builder.
// ---------------------------------------------------------------------------------------------

/// A fixed-seed linear congruential generator plus the global counters that keep identity
/// numbers and e-mail addresses unique across agencies.
struct Generator {
    state: u64,
    /// Employees generated so far, in every agency.
    employees: usize,
    /// Staff (pelaksana and functional) generated so far, in every agency.
    staff: usize,
}

impl Generator {
    fn new() -> Self {
        Self {
            state: 0x5EED_0017_B3C0_1771,
            employees: 0,
            staff: 0,
        }
    }

    fn next(&mut self) -> u64 {
        // Knuth's MMIX constants; the high bits are the well-mixed ones.
        self.state = self
            .state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.state >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo + 1).max(1) as usize) as i32
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Builds one agency's plan; every `add` returns the new item's index.
struct AgencyBuilder<'g> {
    generator: &'g mut Generator,
    plan: AgencyPlan,
    domain: String,
    /// Index in `plan.positions` of each job's position, in [`Job::ALL`] order.
    job_positions: Vec<usize>,
    /// The Sekda JPT madya once created (province only): the heads of OPDs report to them.
    sekda: Option<usize>,
    /// Whether this agency gets employee accounts.
    with_accounts: bool,
}

impl<'g> AgencyBuilder<'g> {
    fn new(generator: &'g mut Generator, agency: SeedAgency, with_accounts: bool) -> Self {
        let plan = AgencyPlan {
            agency,
            units: Vec::new(),
            positions: Vec::new(),
            employees: Vec::new(),
        };
        let mut b = Self {
            generator,
            plan,
            domain: email_domain(&agency),
            job_positions: Vec::new(),
            sekda: None,
            with_accounts,
        };
        for job in Job::ALL {
            let s = job.spec();
            let p = b.position(
                s.code.to_owned(),
                s.title.to_owned(),
                job.kind(),
                s.level,
                None,
            );
            b.job_positions.push(p);
        }
        b
    }

    fn unit(
        &mut self,
        code: String,
        name: &str,
        kind: OrgUnitKind,
        parent: Option<usize>,
    ) -> usize {
        self.plan.units.push(UnitPlan {
            code,
            name: name.to_owned(),
            kind,
            parent,
        });
        self.plan.units.len() - 1
    }

    fn position(
        &mut self,
        code: String,
        title: String,
        kind: PositionKind,
        level: Option<FunctionalLevel>,
        unit: Option<usize>,
    ) -> usize {
        self.plan.positions.push(PositionPlan {
            code,
            title,
            kind,
            level,
            unit,
        });
        self.plan.positions.len() - 1
    }

    /// A structural position in `unit` and the official who holds it.
    #[allow(clippy::too_many_arguments)]
    fn structural(
        &mut self,
        unit: usize,
        code: String,
        title: &str,
        kind: PositionKind,
        field: Field,
        supervisor: Option<usize>,
        account: bool,
    ) -> usize {
        let position = self.position(code, title.to_owned(), kind, None, Some(unit));
        self.person(
            Post::Structural(kind),
            field,
            unit,
            position,
            supervisor,
            account,
        )
    }

    fn staff(&mut self, job: Job, unit: usize, supervisor: usize, account: bool) -> usize {
        let position = self.job_positions[job as usize];
        self.person(
            Post::Staff(job),
            Field::General,
            unit,
            position,
            Some(supervisor),
            account,
        )
    }

    /// An OPD with its head, Subbagian Umum and divisions; returns (unit, head).
    fn opd(&mut self, t: &OpdTemplate) -> (usize, usize) {
        let accounts = self.with_accounts && t.accounts;
        let unit = self.unit(t.code.to_owned(), t.name, t.kind, None);
        let head = self.structural(
            unit,
            format!("{}.KA", t.code),
            t.head_title,
            t.head_kind,
            t.field,
            self.sekda,
            accounts,
        );
        if t.head_kind == PositionKind::JptMadya {
            self.sekda = Some(head);
        }
        if let Some(staff) = t.office {
            let kasubag = self.structural(
                unit,
                format!("{}.KASUBAG", t.code),
                "Kepala Subbagian Umum dan Kepegawaian",
                PositionKind::Pengawas,
                t.field,
                Some(head),
                false,
            );
            for &job in staff {
                self.staff(job, unit, kasubag, false);
            }
        }
        for (i, d) in t.divisions.iter().enumerate() {
            // The account chain runs down the first division only.
            let chain = accounts && i == 0;
            let code = format!("{}.{}", t.code, d.code);
            let division = self.unit(code.clone(), d.name, OrgUnitKind::Division, Some(unit));
            let division_head = self.structural(
                division,
                format!("{code}.KA"),
                d.head_title,
                d.head_kind,
                t.field,
                Some(head),
                chain,
            );
            let lead = match d.section {
                Some((title, kind)) => self.structural(
                    division,
                    format!("{code}.SUB.KA"),
                    title,
                    kind,
                    t.field,
                    Some(division_head),
                    chain,
                ),
                None => division_head,
            };
            for (j, &job) in d.staff.iter().enumerate() {
                self.staff(job, division, lead, chain && j == 0);
            }
        }
        (unit, head)
    }

    /// A Puskesmas or hospital under the health office `(unit, head)`; `office` is the staff of
    /// its Subbagian Tata Usaha (none: no such subbagian), `staff` report to its head.
    fn service_unit(
        &mut self,
        dinkes: (usize, usize),
        code: &str,
        name: &str,
        head_title: &str,
        office: &[Job],
        staff: &[Job],
    ) {
        let (parent, head_of_office) = dinkes;
        let unit = self.unit(
            code.to_owned(),
            name,
            OrgUnitKind::ServiceUnit,
            Some(parent),
        );
        let head = self.structural(
            unit,
            format!("{code}.KA"),
            head_title,
            PositionKind::Administrator,
            Field::Health,
            Some(head_of_office),
            false,
        );
        if !office.is_empty() {
            let tu = self.structural(
                unit,
                format!("{code}.KASUBAG"),
                "Kepala Subbagian Tata Usaha",
                PositionKind::Pengawas,
                Field::Health,
                Some(head),
                false,
            );
            for &job in office {
                self.staff(job, unit, tu, false);
            }
        }
        for &job in staff {
            self.staff(job, unit, head, false);
        }
    }

    /// Invents the person holding `position`: identity number, name, rank, contacts and status.
    fn person(
        &mut self,
        post: Post,
        field: Field,
        unit: usize,
        position: usize,
        supervisor: Option<usize>,
        account: bool,
    ) -> usize {
        let g = &mut *self.generator;
        g.employees += 1;
        // The global running number makes the NIP sequence and the e-mail unique system-wide.
        let n = g.employees;
        let sequence = (n - 1) % 999 + 1;

        // Staff have their own running number, so the PPPK share (about a third of staff, some
        // 15% of everyone) and the few people on leave or retired are spread evenly. Heads are
        // always active PNS; account holders are active so the demo sign-ins work as expected.
        let (pppk, status) = match post {
            Post::Structural(_) => (false, EmployeeStatus::Active),
            Post::Staff(_) => {
                g.staff += 1;
                let k = g.staff;
                let pppk = k % 3 == 2;
                let status = if account {
                    EmployeeStatus::Active
                } else if k % 19 == 7 {
                    EmployeeStatus::Leave
                } else if !pppk && k % 29 == 11 {
                    // PPPK contracts end rather than retire.
                    EmployeeStatus::Retired
                } else {
                    EmployeeStatus::Active
                };
                (pppk, status)
            }
        };
        let retired = status == EmployeeStatus::Retired;

        let female = match post {
            Post::Staff(job) if job.spec().female_only => true,
            _ => g.below(2) == 1,
        };
        let (firsts, seconds) = if female {
            (FEMALE_FIRST, FEMALE_SECOND)
        } else {
            (MALE_FIRST, MALE_SECOND)
        };
        let first = g.pick(firsts);
        let mut second = g.pick(seconds);
        // Avoid echoes such as "Fitri Fitriani"; some pair of the lists always differs.
        while second.starts_with(first) {
            second = g.pick(seconds);
        }
        let sex_digit = if female { 2 } else { 1 };

        // The retired reached the pension age of 58 by 2026: born in the first half of 1968.
        let (lo, hi) = if retired {
            (1968, 1968)
        } else {
            post.birth_years(pppk)
        };
        let birth_year = g.between(lo, hi);
        let birth_month = if retired {
            g.between(1, 6)
        } else {
            g.between(1, 12)
        };
        // Day 28 at most: valid in every month.
        let birth_day = g.between(1, 28);

        let nip = if pppk {
            let appointed = g.between(2021, 2024);
            format!(
                "{birth_year:04}{birth_month:02}{birth_day:02}{appointed:04}21{sex_digit}{sequence:03}"
            )
        } else {
            // Appointed at 22-27, never later than the last intake before the demo's time: always
            // well past the 18th birthday the NIP rules require.
            let appointed = (birth_year + 22 + g.between(0, 5)).min(2023);
            let month = g.pick(&[1, 3, 3, 4, 12]);
            format!(
                "{birth_year:04}{birth_month:02}{birth_day:02}{appointed:04}{month:02}{sex_digit}{sequence:03}"
            )
        };

        let rank = match post {
            _ if retired => "III/d",
            Post::Staff(job) if pppk => job.spec().pppk_rank,
            _ => g.pick(post.pns_ranks()),
        };
        let (prefix, suffix) = g.pick(post.titles(field));
        let phone = format!(
            "{}{:08}",
            g.pick(&["0812", "0813", "0821", "0852"]),
            g.next() % 100_000_000
        );

        self.plan.employees.push(EmployeePlan {
            nip,
            employment_type: if pppk {
                EmploymentType::Pppk
            } else {
                EmploymentType::Pns
            },
            name: format!("{first} {second}"),
            title_prefix: optional(prefix),
            title_suffix: optional(suffix),
            rank: rank.to_owned(),
            unit,
            position,
            supervisor,
            email: format!("{}.{}{n}@{}", compact(first), compact(second), self.domain),
            phone,
            status,
            account,
        });
        self.plan.employees.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use pembina_domain::org::validate_unit_code;
    use pembina_domain::people::{NiPppk, Nip, Sex};

    use super::*;

    fn employees(plans: &[AgencyPlan]) -> impl Iterator<Item = &EmployeePlan> {
        plans.iter().flat_map(|p| p.employees.iter())
    }

    #[test]
    fn every_identity_number_is_valid_for_its_layout_and_unique_system_wide() {
        let plans = plan();
        let mut seen = HashSet::new();
        for e in employees(&plans) {
            match e.employment_type {
                EmploymentType::Pns => {
                    Nip::parse(&e.nip)
                        .unwrap_or_else(|err| panic!("{} is not a valid NIP: {err}", e.nip));
                }
                EmploymentType::Pppk => {
                    NiPppk::parse(&e.nip)
                        .unwrap_or_else(|err| panic!("{} is not a valid NI PPPK: {err}", e.nip));
                    assert_eq!(&e.nip[12..14], "21", "{}", e.nip);
                }
            }
            assert!(
                seen.insert(e.nip.clone()),
                "duplicate identity number {}",
                e.nip
            );
        }
    }

    #[test]
    fn the_first_name_matches_the_sex_in_the_identity_number() {
        let plans = plan();
        for e in employees(&plans) {
            let sex = match e.employment_type {
                EmploymentType::Pns => Nip::parse(&e.nip).map(|n| n.sex()),
                EmploymentType::Pppk => NiPppk::parse(&e.nip).map(|n| n.sex()),
            }
            .expect("valid identity number");
            let first = e.name.split(' ').next().expect("a first name");
            let (firsts, seconds) = match sex {
                Sex::Male => (MALE_FIRST, MALE_SECOND),
                Sex::Female => (FEMALE_FIRST, FEMALE_SECOND),
            };
            assert!(firsts.contains(&first), "{} does not fit {sex:?}", e.name);
            assert!(seconds.iter().any(|s| e.name.ends_with(s)), "{}", e.name);
            assert!(
                !e.name
                    .split_once(' ')
                    .is_some_and(|(f, s)| s.starts_with(f)),
                "{}",
                e.name
            );
        }
        let lists = [MALE_FIRST, FEMALE_FIRST];
        assert!(
            lists[0].iter().all(|m| !lists[1].contains(m)),
            "first-name lists must not overlap"
        );
    }

    #[test]
    fn every_record_passes_the_domain_rules() {
        let plans = plan();
        for p in &plans {
            let mut unit_codes = HashSet::new();
            for (i, u) in p.units.iter().enumerate() {
                assert_eq!(
                    validate_unit_code(&u.code).ok().as_deref(),
                    Some(u.code.as_str()),
                    "{}",
                    u.code
                );
                assert!(
                    unit_codes.insert(u.code.clone()),
                    "duplicate unit code {} in {}",
                    u.code,
                    p.agency.code
                );
                assert!(
                    u.parent.is_none_or(|parent| parent < i),
                    "{} comes before its parent",
                    u.code
                );
                NewOrgUnit::parse(u.input(Uuid::nil(), None)).expect("valid unit");
            }
            let mut position_codes = HashSet::new();
            for pos in &p.positions {
                assert!(
                    position_codes.insert(pos.code.clone()),
                    "duplicate position code {} in {}",
                    pos.code,
                    p.agency.code
                );
                assert_eq!(
                    pos.level.is_some(),
                    pos.kind == PositionKind::Fungsional,
                    "{}",
                    pos.code
                );
                assert_eq!(
                    NewPosition::parse(pos.input(Uuid::nil(), None))
                        .expect("valid position")
                        .code,
                    pos.code
                );
                assert!(pos.unit.is_none_or(|u| u < p.units.len()));
            }
            for e in &p.employees {
                NewEmployee::parse(e.input(Uuid::nil(), Uuid::nil(), Uuid::nil(), None))
                    .unwrap_or_else(|err| panic!("{} {}: {err}", e.nip, e.name));
                assert!(e.unit < p.units.len() && e.position < p.positions.len());
            }
            // Every kind of position exists in every agency, JPT madya in the province only.
            let kinds: HashSet<_> = p.positions.iter().map(|pos| pos.kind).collect();
            let want = if p.agency.kind == AgencyKind::Province {
                6
            } else {
                5
            };
            assert_eq!(kinds.len(), want, "{}", p.agency.code);
        }
    }

    #[test]
    fn supervisors_come_first_and_outrank_their_reports() {
        fn seniority(kind: PositionKind) -> u8 {
            match kind {
                PositionKind::JptMadya => 0,
                PositionKind::JptPratama => 1,
                PositionKind::Administrator => 2,
                PositionKind::Pengawas => 3,
                PositionKind::Pelaksana | PositionKind::Fungsional => 4,
            }
        }
        for p in plan() {
            let kind_of = |i: usize| p.positions[p.employees[i].position].kind;
            for (i, e) in p.employees.iter().enumerate() {
                match e.supervisor {
                    Some(s) => {
                        assert!(s < i, "{} is supervised by a later employee", e.name);
                        assert!(
                            seniority(kind_of(s)) < seniority(kind_of(i)),
                            "{} outranks their supervisor",
                            e.name
                        );
                    }
                    // Only the heads of OPDs (and the provincial Sekda) report to nobody here.
                    None => assert!(matches!(
                        kind_of(i),
                        PositionKind::JptMadya | PositionKind::JptPratama
                    )),
                }
            }
            let roots = p
                .employees
                .iter()
                .filter(|e| e.supervisor.is_none())
                .count();
            if p.agency.kind == AgencyKind::Province {
                assert_eq!(roots, 1, "the Sekda heads the whole province");
            }
        }
    }

    #[test]
    fn the_data_set_has_the_intended_size_and_mix() {
        let plans = plan();
        let total = employees(&plans).count();
        assert!((250..=350).contains(&total), "{total} employees");
        assert!(total < 999, "the NIP sequence would repeat");
        for p in &plans {
            let n = p.employees.len();
            let range = match p.agency.kind {
                AgencyKind::Province => 55..=80,
                AgencyKind::City => 40..=60,
                AgencyKind::Regency => 15..=25,
            };
            assert!(range.contains(&n), "{} has {n} employees", p.agency.code);
            let accounts = p.employees.iter().filter(|e| e.account).count();
            let want = if p.agency.kind == AgencyKind::Regency {
                0..=0
            } else {
                3..=5
            };
            assert!(
                want.contains(&accounts),
                "{} has {accounts} employee accounts",
                p.agency.code
            );
            for (i, e) in p.employees.iter().enumerate().filter(|(_, e)| e.account) {
                assert_eq!(e.status, EmployeeStatus::Active);
                let roles = p.account_roles(i);
                assert!(roles.contains(&Role::Employee));
                assert_eq!(
                    roles.contains(&Role::Supervisor),
                    p.employees.iter().any(|x| x.supervisor == Some(i))
                );
            }
        }
        let pppk = employees(&plans)
            .filter(|e| e.employment_type == EmploymentType::Pppk)
            .count();
        assert!(
            (10..=20).contains(&(pppk * 100 / total)),
            "{pppk} of {total} are PPPK"
        );
        let not_active = employees(&plans)
            .filter(|e| e.status != EmployeeStatus::Active)
            .count();
        assert!(
            (1..=total / 10).contains(&not_active),
            "{not_active} not active"
        );
        let emails: HashSet<_> = employees(&plans).map(|e| e.email.as_str()).collect();
        assert_eq!(emails.len(), total, "e-mail addresses must be unique");
        assert!(
            emails
                .iter()
                .all(|e| e.is_ascii() && *e == e.to_lowercase())
        );
    }

    #[test]
    fn the_plan_is_the_same_on_every_run() {
        assert_eq!(plan(), plan());
    }

    #[test]
    fn mail_domains_follow_the_official_pattern() {
        let domains: Vec<_> = BENGKULU_AGENCIES.iter().map(email_domain).collect();
        assert_eq!(domains[0], "bengkuluprov.go.id");
        assert_eq!(domains[2], "rejanglebongkab.go.id");
        assert_eq!(domains[9], "bengkulutengahkab.go.id");
        assert_eq!(domains[10], "kotabengkulu.go.id");
    }
}
