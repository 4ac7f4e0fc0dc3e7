//! The columns of each import kind. Exports use the same columns in the same order, so an
//! exported file imports back as "unchanged".

use crate::error::FieldError;

/// What is being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportKind {
    OrgUnits,
    Positions,
    Employees,
    /// The agency's technical competencies.
    Competencies,
    /// Explicit required levels of (position, competency) pairs.
    CompetencyStandards,
    /// Assessments of employees (history: created, never updated).
    CompetencyAssessments,
    /// Trainings outside Pembina credited to the JP ledger (created once, never updated).
    ExternalTrainings,
    /// Past years' SKP ratings from an earlier system (upserted by NIP and year).
    SkpRatings,
}

impl ImportKind {
    pub const ALL: [ImportKind; 8] = [
        Self::OrgUnits,
        Self::Positions,
        Self::Employees,
        Self::Competencies,
        Self::CompetencyStandards,
        Self::CompetencyAssessments,
        Self::ExternalTrainings,
        Self::SkpRatings,
    ];

    /// The name used in URLs (`/imports/org-units`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OrgUnits => "org-units",
            Self::Positions => "positions",
            Self::Employees => "employees",
            Self::Competencies => "competencies",
            Self::CompetencyStandards => "competency-standards",
            Self::CompetencyAssessments => "competency-assessments",
            Self::ExternalTrainings => "external-trainings",
            Self::SkpRatings => "skp-ratings",
        }
    }

    pub fn parse(s: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|k| k.as_str()).collect();
                FieldError::new(
                    "kind",
                    "unknown_value",
                    format!("must be one of {}", names.join(", ")),
                )
            })
    }
}

/// One documented column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub description: &'static str,
    pub example: &'static str,
}

const fn col(
    name: &'static str,
    required: bool,
    description: &'static str,
    example: &'static str,
) -> Column {
    Column {
        name,
        required,
        description,
        example,
    }
}

const ORG_UNITS: &[Column] = &[
    col(
        "code",
        true,
        "Unit code, unique in the agency (the natural key)",
        "DINKES.PKM-LB",
    ),
    col("name", true, "Unit name", "Puskesmas Lingkar Barat"),
    col(
        "kind",
        true,
        "secretariat, agency, division, technical_unit or service_unit",
        "service_unit",
    ),
    col(
        "parent_code",
        false,
        "Code of the unit above; empty for a top-level unit",
        "DINKES",
    ),
    col("active", false, "true or false (default true)", "true"),
];

const POSITIONS: &[Column] = &[
    col(
        "code",
        true,
        "Position code, unique in the agency (the natural key)",
        "PRWT-AP",
    ),
    col("title", true, "Position title", "Perawat Ahli Pertama"),
    col(
        "kind",
        true,
        "jpt_madya, jpt_pratama, administrator, pengawas, pelaksana or fungsional",
        "fungsional",
    ),
    col(
        "functional_level",
        false,
        "Required for fungsional: ahli_utama … pemula",
        "ahli_pertama",
    ),
    col(
        "unit_code",
        false,
        "Code of the unit the position sits in",
        "DINKES.PKM-LB",
    ),
    col("active", false, "true or false (default true)", "true"),
];

const EMPLOYEES: &[Column] = &[
    col(
        "nip",
        true,
        "NIP (PNS) or NI PPPK, 18 digits (the natural key)",
        "198507152010011003",
    ),
    col("employment_type", true, "pns or pppk", "pns"),
    col("name", true, "Name without academic titles", "Ahmad Fauzi"),
    col("title_prefix", false, "Titles before the name", "dr."),
    col("title_suffix", false, "Titles after the name", "M.Kes."),
    col(
        "sex",
        false,
        "male or female; must agree with the NIP",
        "male",
    ),
    col(
        "birth_date",
        false,
        "YYYY-MM-DD; must agree with the NIP",
        "1985-07-15",
    ),
    col(
        "rank",
        false,
        "Golongan/ruang (III/a) or PPPK golongan (IX)",
        "III/c",
    ),
    col(
        "unit_code",
        true,
        "Code of the employee's unit",
        "DINKES.PKM-LB",
    ),
    col(
        "position_code",
        false,
        "Code of the employee's position",
        "PRWT-AP",
    ),
    col(
        "supervisor_nip",
        false,
        "NIP of the direct supervisor (in the database or in the same file)",
        "197803122003121002",
    ),
    col(
        "email",
        false,
        "E-mail address",
        "ahmad.fauzi@bengkuluprov.go.id",
    ),
    col("phone", false, "Phone number", "081273001234"),
    col(
        "status",
        false,
        "active, leave, transferred, retired or inactive (default active)",
        "active",
    ),
];

const COMPETENCIES: &[Column] = &[
    col(
        "code",
        true,
        "Technical competency code, unique in the agency (the natural key); not a national code (M1-M8, SK1)",
        "TEK.KES-01",
    ),
    col("name", true, "Competency name", "Manajemen Puskesmas"),
    col(
        "description",
        false,
        "Definition of the competency",
        "Mengelola puskesmas sesuai standar pelayanan.",
    ),
    col(
        "level_1",
        true,
        "Description of level 1",
        "Memahami dasar manajemen puskesmas",
    ),
    col(
        "level_2",
        true,
        "Description of level 2",
        "Menjalankan tugas manajemen dengan arahan",
    ),
    col(
        "level_3",
        true,
        "Description of level 3",
        "Mengelola satu program puskesmas secara mandiri",
    ),
    col(
        "level_4",
        true,
        "Description of level 4",
        "Mengelola seluruh program puskesmas",
    ),
    col(
        "level_5",
        true,
        "Description of level 5",
        "Mengembangkan sistem manajemen puskesmas",
    ),
    col(
        "indicators_1",
        false,
        "Behavioural indicators of level 1, separated by |",
        "Menjelaskan fungsi puskesmas|Menyebutkan program wajib",
    ),
    col(
        "indicators_2",
        false,
        "Behavioural indicators of level 2, separated by |",
        "Menyusun jadwal kegiatan",
    ),
    col(
        "indicators_3",
        false,
        "Behavioural indicators of level 3, separated by |",
        "Menyusun rencana usulan kegiatan",
    ),
    col(
        "indicators_4",
        false,
        "Behavioural indicators of level 4, separated by |",
        "Memimpin lokakarya mini",
    ),
    col(
        "indicators_5",
        false,
        "Behavioural indicators of level 5, separated by |",
        "Merancang inovasi layanan",
    ),
    col(
        "retired",
        false,
        "true or false (default false): a retired competency leaves standards and lists",
        "false",
    ),
];

const COMPETENCY_STANDARDS: &[Column] = &[
    col(
        "position_code",
        true,
        "Code of a position of the agency (with competency_code, the natural key)",
        "PRWT-AP",
    ),
    col(
        "competency_code",
        true,
        "Code of a national competency (M1-M8, SK1) or of one of the agency's technical ones",
        "TEK.KES-01",
    ),
    col("required_level", true, "Required level, 1 to 5", "3"),
];

const COMPETENCY_ASSESSMENTS: &[Column] = &[
    col(
        "nip",
        true,
        "NIP of an employee of the agency (with competency_code, assessed_on and method, the natural key)",
        "198507152010011003",
    ),
    col(
        "competency_code",
        true,
        "Code of a national competency (M1-M8, SK1) or of one of the agency's technical ones",
        "M1",
    ),
    col("level", true, "Level found, 1 to 5", "3"),
    col(
        "assessed_on",
        true,
        "YYYY-MM-DD; not in the future",
        "2026-03-15",
    ),
    col(
        "method",
        false,
        "self, supervisor, assessment_centre, test or imported (default imported)",
        "assessment_centre",
    ),
    col(
        "assessor_name",
        false,
        "Who assessed (person or provider)",
        "UPT Penilaian Kompetensi BKD",
    ),
    col(
        "evidence",
        false,
        "Evidence or a reference to the report",
        "Laporan AC No. 12/2026",
    ),
    col(
        "valid_until",
        false,
        "YYYY-MM-DD; not before assessed_on",
        "2028-03-15",
    ),
];

const EXTERNAL_TRAININGS: &[Column] = &[
    col(
        "nip",
        true,
        "NIP of an employee of the agency (with reference, the natural key)",
        "198507152010011003",
    ),
    col(
        "title",
        true,
        "Name of the training or activity, up to 200 characters",
        "Pelatihan Kepemimpinan Pengawas",
    ),
    col(
        "activity_kind",
        true,
        "training, seminar, workshop, course, bimtek, e_learning, coaching, mentoring, on_the_job, distance_learning, internship, exchange, self_study or community_of_practice",
        "training",
    ),
    col(
        "occurred_on",
        true,
        "YYYY-MM-DD: the day it ended (its year is the year credited)",
        "2026-03-15",
    ),
    col(
        "jp",
        false,
        "JP stated (more than 0, at most 1000, two decimals); give jp or minutes, not both",
        "12.5",
    ),
    col(
        "minutes",
        false,
        "Duration in minutes (1 to 100000; 45 minutes = 1 JP); give jp or minutes, not both",
        "",
    ),
    col(
        "provider",
        false,
        "Who held it, up to 200 characters",
        "BPSDM Provinsi Bengkulu",
    ),
    col(
        "reference",
        true,
        "Your identifier of the activity for this employee, up to 100 characters (e.g. the certificate number)",
        "SERT-2026-0042",
    ),
];

const SKP_RATINGS: &[Column] = &[
    col(
        "nip",
        true,
        "NIP of an employee of the agency (with year, the natural key)",
        "198507152010011003",
    ),
    col("year", true, "The year rated, 2000 to 2100", "2025"),
    col(
        "predikat",
        true,
        "sangat_baik, baik, butuh_perbaikan, kurang or sangat_kurang (the labels Sangat Baik … Sangat Kurang are read too)",
        "baik",
    ),
    col(
        "results_rating",
        false,
        "Work results: above, as_expected or below (or Di Atas / Sesuai / Di Bawah Ekspektasi); with behaviour_rating, must give the predikat by the matrix",
        "as_expected",
    ),
    col(
        "behaviour_rating",
        false,
        "Work behaviour, in the same words as results_rating",
        "above",
    ),
    col(
        "months",
        false,
        "Months of the year the rating covers, 1 to 12 (12 when empty)",
        "12",
    ),
];

/// The columns of `kind`, in file order.
pub fn columns(kind: ImportKind) -> &'static [Column] {
    match kind {
        ImportKind::OrgUnits => ORG_UNITS,
        ImportKind::Positions => POSITIONS,
        ImportKind::Employees => EMPLOYEES,
        ImportKind::Competencies => COMPETENCIES,
        ImportKind::CompetencyStandards => COMPETENCY_STANDARDS,
        ImportKind::CompetencyAssessments => COMPETENCY_ASSESSMENTS,
        ImportKind::ExternalTrainings => EXTERNAL_TRAININGS,
        ImportKind::SkpRatings => SKP_RATINGS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_url_names() {
        for k in ImportKind::ALL {
            assert_eq!(ImportKind::parse(k.as_str()), Ok(k));
        }
        let err = ImportKind::parse("users").expect_err("unknown");
        assert_eq!(err.code, "unknown_value");
        assert!(
            err.message.contains("competency-assessments"),
            "{}",
            err.message
        );
        assert_eq!(
            ImportKind::parse("competency-standards"),
            Ok(ImportKind::CompetencyStandards)
        );
    }

    #[test]
    fn every_kind_starts_with_its_natural_key_and_names_are_unique() {
        assert_eq!(columns(ImportKind::Employees)[0].name, "nip");
        assert_eq!(columns(ImportKind::OrgUnits)[0].name, "code");
        assert_eq!(columns(ImportKind::Competencies)[0].name, "code");
        assert_eq!(
            columns(ImportKind::CompetencyStandards)[0].name,
            "position_code"
        );
        assert_eq!(columns(ImportKind::CompetencyAssessments)[0].name, "nip");
        assert_eq!(columns(ImportKind::ExternalTrainings)[0].name, "nip");
        for k in ImportKind::ALL {
            let mut names: Vec<_> = columns(k).iter().map(|c| c.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), columns(k).len());
        }
    }

    #[test]
    fn the_five_levels_of_a_competency_are_required_and_their_indicators_optional() {
        let cols = columns(ImportKind::Competencies);
        for l in 1..=5 {
            let level = cols.iter().find(|c| c.name == format!("level_{l}"));
            assert_eq!(level.map(|c| c.required), Some(true), "level_{l}");
            let ind = cols.iter().find(|c| c.name == format!("indicators_{l}"));
            assert_eq!(ind.map(|c| c.required), Some(false), "indicators_{l}");
        }
        let required: Vec<&str> = columns(ImportKind::CompetencyAssessments)
            .iter()
            .filter(|c| c.required)
            .map(|c| c.name)
            .collect();
        assert_eq!(required, ["nip", "competency_code", "level", "assessed_on"]);
    }
}
