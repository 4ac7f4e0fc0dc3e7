//! Pieces shared by every route module: the page envelope, the API's view of domain enums,
//! and small conversions.

use std::str::FromStr;

use pembina_domain::page::Page as DomainPage;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Number of matching items across all pages.
    pub total: u64,
    /// This page's number, from 1.
    pub page: u64,
    /// Items per page (at most 200).
    pub per_page: u64,
}

impl<T> Page<T> {
    pub fn from_domain<U>(
        p: DomainPage<U>,
        f: impl FnMut(U) -> Result<T, ApiError>,
    ) -> Result<Self, ApiError> {
        let items = p.items.into_iter().map(f).collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            items,
            total: p.total,
            page: p.page,
            per_page: p.per_page,
        })
    }
}

/// Paging parameters shared by every list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page number, from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<u64>,
    /// Items per page, 1-200 (default 20).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<u64>,
}

/// Reads an enum stored as text; a value the code does not know is a server-side fault.
pub fn stored<T: FromStr>(s: &str) -> Result<T, ApiError> {
    s.parse()
        .map_err(|_| ApiError::internal(format!("unknown stored value {s:?}")))
}

/// Declares an API enum mirroring a domain enum, with conversions both ways. The compiler
/// refuses a mismatch, so the published spec cannot drift from the domain's variants.
macro_rules! api_enum {
    ($(#[$m:meta])* $name:ident = $dom:ident { $($(#[$vm:meta])* $v:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl From<$name> for $dom {
            fn from(v: $name) -> Self { match v { $($name::$v => $dom::$v),+ } }
        }

        impl From<$dom> for $name {
            fn from(v: $dom) -> Self { match v { $($dom::$v => $name::$v),+ } }
        }

        impl std::str::FromStr for $name {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> { s.parse::<$dom>().map(Into::into).map_err(|_| ()) }
        }
    };
}

use pembina_domain::accounts::Role as DRole;
use pembina_domain::appraisal::behaviour::CoreValue as DCoreValue;
use pembina_domain::appraisal::plan::{Approach as DApproach, Section as DSection};
use pembina_domain::appraisal::predikat::{Predikat as DPredikat, Rating as DRating};
use pembina_domain::appraisal::workflow::{PlanState as DPlanState, Step as DStep};
use pembina_domain::competency::CompetencyGroup as DCompetencyGroup;
use pembina_domain::competency::assessment::AssessmentMethod as DAssessmentMethod;
use pembina_domain::competency::gap::MatchCategory as DMatchCategory;
use pembina_domain::competency::needs::Signal as DSignal;
use pembina_domain::competency::plan::{
    ActivityKind as DActivityKind, DevelopmentForm as DDevelopmentForm,
};
use pembina_domain::competency::survey::{
    QuestionKind as DQuestionKind, SurveyAudience as DSurveyAudience,
};
use pembina_domain::learning::evaluation::{
    FollowUpRole as DFollowUpRole, GainBand as DGainBand, Usage as DUsage,
};
use pembina_domain::learning::programme::{ProgrammeStatus as DProgrammeStatus, Unmet as DUnmet};
use pembina_domain::learning::quiz::TestKind as DTestKind;
use pembina_domain::learning::session::{
    Delivery as DDelivery, EnrolmentSource as DEnrolmentSource, EnrolmentStatus as DEnrolmentStatus,
};
use pembina_domain::org::{
    AgencyKind as DAgencyKind, FunctionalLevel as DFunctionalLevel, OrgUnitKind as DOrgUnitKind,
    PositionKind as DPositionKind,
};
use pembina_domain::people::{
    EmployeeStatus as DEmployeeStatus, EmploymentType as DEmploymentType, Sex as DSex,
};
use pembina_domain::ratings::{
    AgeBand as DAgeBand, Decision as DDecision, Education as DEducation, FlagReason as DFlagReason,
    Grade as DGrade, Occupation as DOccupation, ReviewState as DReviewState,
    Weighting as DWeighting,
};

api_enum!(
    /// Province, regency (kabupaten) or city (kota).
    AgencyKind = DAgencyKind { Province, Regency, City }
);
api_enum!(
    /// secretariat (Sekretariat), agency (dinas/badan), division (bidang), technical_unit (UPT),
    /// service_unit (serves citizens directly: Puskesmas, RSUD, licensing desk).
    OrgUnitKind = DOrgUnitKind { Secretariat, Agency, Division, TechnicalUnit, ServiceUnit }
);
api_enum!(
    /// Kind of position (jabatan).
    PositionKind = DPositionKind { JptMadya, JptPratama, Administrator, Pengawas, Pelaksana, Fungsional }
);
api_enum!(
    /// Level of a functional position.
    FunctionalLevel = DFunctionalLevel { AhliUtama, AhliMadya, AhliMuda, AhliPertama, Penyelia, Mahir, Terampil, Pemula }
);
api_enum!(
    /// pns (NIP) or pppk (NI PPPK).
    EmploymentType = DEmploymentType { Pns, Pppk }
);
api_enum!(Sex = DSex { Male, Female });
api_enum!(
    /// classical (klasikal) or non_classical (nonklasikal).
    DevelopmentForm = DDevelopmentForm { Classical, NonClassical }
);
api_enum!(
    /// Classical: training, seminar, workshop, course, bimtek. Non-classical: e_learning,
    /// coaching, mentoring, on_the_job, distance_learning, internship, exchange, self_study,
    /// community_of_practice.
    ActivityKind = DActivityKind {
        Training,
        Seminar,
        Workshop,
        Course,
        Bimtek,
        ELearning,
        Coaching,
        Mentoring,
        OnTheJob,
        DistanceLearning,
        Internship,
        Exchange,
        SelfStudy,
        CommunityOfPractice
    }
);
api_enum!(
    /// likert (1-5), single_choice, multiple_choice or text.
    QuestionKind = DQuestionKind { Likert, SingleChoice, MultipleChoice, Text }
);
api_enum!(
    /// employees (each answers about themselves), supervisors (about each of their reports),
    /// public (anonymous link for a service unit).
    SurveyAudience = DSurveyAudience { Employees, Supervisors, Public }
);
api_enum!(
    /// A signal of a training need: gap (share of staff below standard), depth (how far
    /// below), survey (needs surveys), performance (appraisal results), citizen (citizens'
    /// ratings of the unit).
    NeedSignal = DSignal { Gap, Depth, Survey, Performance, Citizen }
);
api_enum!(
    /// technical (teknis, defined per agency), managerial (manajerial, M1-M8) or
    /// socio_cultural (sosial kultural, SK1).
    CompetencyGroup = DCompetencyGroup { Technical, Managerial, SocioCultural }
);
api_enum!(
    /// How a level was found.
    AssessmentMethod = DAssessmentMethod {
        #[serde(rename = "self")]
        SelfAssessment,
        Supervisor,
        AssessmentCentre,
        Test,
        Imported
    }
);
api_enum!(
    /// Job-person match: meets (>= 80 %), still_meets (68-80 %), does_not_meet (< 68 %).
    MatchCategory = DMatchCategory { Meets, StillMeets, DoesNotMeet }
);

api_enum!(
    /// Employment status; nobody is deleted, leaving is a status.
    EmployeeStatus = DEmployeeStatus { Active, Leave, Transferred, Retired, Inactive }
);
api_enum!(
    /// super_admin (all agencies), agency_admin (one agency), supervisor, employee, trainer.
    Role = DRole { SuperAdmin, AgencyAdmin, Supervisor, Employee, Trainer }
);
api_enum!(
    /// draft (only admins see it), published (open for sessions and enrolment), archived.
    ProgrammeStatus = DProgrammeStatus { Draft, Published, Archived }
);
api_enum!(
    /// pre (before learning), post (after; may be required to complete), module (a module's quiz).
    TestKind = DTestKind { Pre, Post, Module }
);
api_enum!(
    /// classroom (in a room, attendance per day), online (live, attendance per day),
    /// e_learning (self-paced; completes when every module is done).
    Delivery = DDelivery { Classroom, Online, ELearning }
);
api_enum!(
    /// enrolled (holds a place), waitlisted (moves up when a place frees), completed, cancelled.
    EnrolmentStatus = DEnrolmentStatus { Enrolled, Waitlisted, Completed, Cancelled }
);
api_enum!(
    /// admin, self (self-registration) or training_needs (from the needs list).
    EnrolmentSource = DEnrolmentSource {
        Admin,
        #[serde(rename = "self")]
        SelfRegistration,
        TrainingNeeds
    }
);
api_enum!(
    /// What a participant still lacks to complete: attendance, modules, post_test.
    Unmet = DUnmet { Attendance, Modules, PostTest }
);
api_enum!(
    /// Hake's band of a normalised gain g: high (g >= 0.7), medium (0.3 <= g < 0.7), low
    /// (g < 0.3).
    GainBand = DGainBand { High, Medium, Low }
);
api_enum!(
    /// Whether what was learnt is used at work: not_used, partly, regularly.
    Usage = DUsage { NotUsed, Partly, Regularly }
);
api_enum!(
    /// Who answers a behaviour follow-up: the participant, or their direct supervisor.
    FollowUpRole = DFollowUpRole { Participant, Supervisor }
);
api_enum!(
    /// The state of a yearly SKP: draft, agreed (expectations agreed with the rater),
    /// in_progress (realisations being recorded), evaluated, final.
    SkpState = DPlanState { Draft, Agreed, InProgress, Evaluated, Final }
);
api_enum!(
    /// A step of the SKP workflow: agree (rater), reopen (rater), start (owner or rater),
    /// evaluate (rater), return_evaluation (rater), finalise (rater or admin).
    SkpStep = DStep { Agree, Reopen, Start, Evaluate, ReturnEvaluation, Finalise }
);
api_enum!(
    /// below (Di Bawah Ekspektasi), as_expected (Sesuai Ekspektasi), above (Di Atas Ekspektasi).
    Rating = DRating { Below, AsExpected, Above }
);
api_enum!(
    /// The final rating (predikat kinerja) of PermenPANRB 6/2022: sangat_baik, baik,
    /// butuh_perbaikan, kurang (Kurang/Misconduct), sangat_kurang.
    Predikat = DPredikat { SangatBaik, Baik, ButuhPerbaikan, Kurang, SangatKurang }
);
api_enum!(
    /// main (hasil kerja utama) or additional (tambahan).
    SkpSection = DSection { Main, Additional }
);
api_enum!(
    /// How a result is measured: quantitative or qualitative.
    SkpApproach = DApproach { Quantitative, Qualitative }
);
api_enum!(
    /// A BerAKHLAK core value (perilaku kerja), in the official order: berorientasi_pelayanan,
    /// akuntabel, kompeten, harmonis, loyal, adaptif, kolaboratif.
    BerakhlakValue = DCoreValue { BerorientasiPelayanan, Akuntabel, Kompeten, Harmonis, Loyal, Adaptif, Kolaboratif }
);
api_enum!(
    /// Age band of a respondent, in years: under_20, 20_29, 30_39, 40_49, 50_59, 60_plus.
    AgeBand = DAgeBand {
        #[serde(rename = "under_20")]
        Under20,
        #[serde(rename = "20_29")]
        From20To29,
        #[serde(rename = "30_39")]
        From30To39,
        #[serde(rename = "40_49")]
        From40To49,
        #[serde(rename = "50_59")]
        From50To59,
        #[serde(rename = "60_plus")]
        From60
    }
);
api_enum!(
    /// Highest education completed: sd (SD or less), smp, sma (SMA/SMK or equivalent),
    /// diploma (D1-D4), s1, s2, s3.
    Education = DEducation { Sd, Smp, Sma, Diploma, S1, S2, S3 }
);
api_enum!(
    /// Occupation: pns_tni_polri (PNS, TNI or Polri), private_employee (pegawai swasta),
    /// entrepreneur (wirausaha), student (pelajar/mahasiswa), other (lainnya).
    Occupation = DOccupation { PnsTniPolri, PrivateEmployee, Entrepreneur, Student, Other }
);
api_enum!(
    /// Quality grade of a converted IKM score: A (Sangat Baik, >= 88.31), B (Baik, >= 76.61),
    /// C (Kurang Baik, >= 65.00), D (Tidak Baik, < 65.00).
    Grade = DGrade {
        #[serde(rename = "A")]
        A,
        #[serde(rename = "B")]
        B,
        #[serde(rename = "C")]
        C,
        #[serde(rename = "D")]
        D
    }
);
api_enum!(
    /// How NRRs combine into the IKM: exact (the mean of the answered elements, 1/9 each when
    /// all nine are answered) or compat_0_11 (the regulation's printed weight 0.11, i.e. the mean
    /// × 0.99; about 1 % low, at most 99; for comparison with older reports only).
    Weighting = DWeighting {
        Exact,
        #[serde(rename = "compat_0_11")]
        Compat011
    }
);
api_enum!(
    /// Why a rating was flagged: honeypot (the hidden field was filled), address_burst (5 or
    /// more from one address within 10 minutes), unit_burst (60 or more to the unit within a
    /// minute).
    FlagReason = DFlagReason { Honeypot, AddressBurst, UnitBurst }
);
api_enum!(
    /// A flagged rating's review: pending (not counted), accepted (counted), rejected (kept,
    /// never counted).
    ReviewState = DReviewState { Pending, Accepted, Rejected }
);
api_enum!(
    /// accept (count the rating) or reject (keep it out of the index).
    Decision = DDecision { Accept, Reject }
);

/// Deserialises a present field, null included, as `Some`: with `#[serde(default)]` this tells
/// "absent" (`None`) from "set to null" (`Some(None)`) in PATCH bodies.
pub fn present<'de, T, D>(d: D) -> Result<Option<T>, D::Error>
where
    T: Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    T::deserialize(d).map(Some)
}
