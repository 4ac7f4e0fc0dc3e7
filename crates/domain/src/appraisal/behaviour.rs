//! Work behaviour (perilaku kerja) of an SKP: the seven BerAKHLAK core values of the ASN
//! (PermenPANRB 6/2022, SE MenPANRB 20/2021), each with an optional specific expectation
//! (ekspektasi khusus pimpinan) the leader writes for the employee. Behaviour has no numeric
//! levels: the plan only names what the leader expects, and the year's rating is one of the
//! three levels of [`super::predikat::Rating`].

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Errors, FieldError};

/// One of the seven BerAKHLAK core values, in their official order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoreValue {
    BerorientasiPelayanan,
    Akuntabel,
    Kompeten,
    Harmonis,
    Loyal,
    Adaptif,
    Kolaboratif,
}

crate::string_enum!(CoreValue {
    BerorientasiPelayanan => "berorientasi_pelayanan",
    Akuntabel => "akuntabel",
    Kompeten => "kompeten",
    Harmonis => "harmonis",
    Loyal => "loyal",
    Adaptif => "adaptif",
    Kolaboratif => "kolaboratif",
});

impl CoreValue {
    /// The value's name as printed on the SKP form.
    pub fn label(self) -> &'static str {
        match self {
            Self::BerorientasiPelayanan => "Berorientasi Pelayanan",
            Self::Akuntabel => "Akuntabel",
            Self::Kompeten => "Kompeten",
            Self::Harmonis => "Harmonis",
            Self::Loyal => "Loyal",
            Self::Adaptif => "Adaptif",
            Self::Kolaboratif => "Kolaboratif",
        }
    }

    /// The value's three behaviour guides (panduan perilaku) as the SKP form lists them.
    pub fn guide(self) -> [&'static str; 3] {
        match self {
            Self::BerorientasiPelayanan => [
                "Memahami dan memenuhi kebutuhan masyarakat",
                "Ramah, cekatan, solutif, dan dapat diandalkan",
                "Melakukan perbaikan tiada henti",
            ],
            Self::Akuntabel => [
                "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
                "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
                "Tidak menyalahgunakan kewenangan jabatan",
            ],
            Self::Kompeten => [
                "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
                "Membantu orang lain belajar",
                "Melaksanakan tugas dengan kualitas terbaik",
            ],
            Self::Harmonis => [
                "Menghargai setiap orang apa pun latar belakangnya",
                "Suka menolong orang lain",
                "Membangun lingkungan kerja yang kondusif",
            ],
            Self::Loyal => [
                "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
                "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
                "Menjaga rahasia jabatan dan negara",
            ],
            Self::Adaptif => [
                "Cepat menyesuaikan diri menghadapi perubahan",
                "Terus berinovasi dan mengembangkan kreativitas",
                "Bertindak proaktif",
            ],
            Self::Kolaboratif => [
                "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
                "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
                "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
            ],
        }
    }
}

/// Longest specific expectation, in characters.
pub const MAX_EXPECTATION: usize = 2000;

/// One expectation as sent: the value by its stable name, and the text (absent or blank for
/// "no specific expectation").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectationInput {
    pub value: String,
    pub expectation: Option<String>,
}

/// A valid specific expectation (trimmed, never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    pub value: CoreValue,
    pub text: String,
}

/// Checks a plan's whole list of specific expectations. Each error names
/// `expectations[i].value` (unknown or repeated value) or `expectations[i].expectation` (too
/// long). Entries without text are dropped: the value then has no specific expectation. The
/// result is in the official order of the values.
pub fn parse_expectations(inputs: Vec<ExpectationInput>) -> Result<Vec<Expectation>, DomainError> {
    if inputs.len() > CoreValue::ALL.len() {
        return Err(DomainError::field(
            "expectations",
            "too_many",
            format!(
                "at most {} entries, one per core value",
                CoreValue::ALL.len()
            ),
        ));
    }
    let mut errors = Errors::new();
    let mut seen: Vec<CoreValue> = Vec::new();
    let mut out = Vec::new();
    for (i, input) in inputs.into_iter().enumerate() {
        let value = match input.value.trim().parse::<CoreValue>() {
            Ok(v) if seen.contains(&v) => {
                errors.push(FieldError::new(
                    format!("expectations[{i}].value"),
                    "duplicate",
                    format!("{v} is listed more than once"),
                ));
                None
            }
            Ok(v) => {
                seen.push(v);
                Some(v)
            }
            Err(e) => {
                errors.push(FieldError::new(
                    format!("expectations[{i}].value"),
                    e.code,
                    e.message,
                ));
                None
            }
        };
        let text = input.expectation.as_deref().unwrap_or("").trim().to_owned();
        if text.chars().count() > MAX_EXPECTATION {
            errors.push(FieldError::new(
                format!("expectations[{i}].expectation"),
                "too_long",
                format!("must be at most {MAX_EXPECTATION} characters"),
            ));
            continue;
        }
        if let Some(value) = value
            && !text.is_empty()
        {
            out.push(Expectation { value, text });
        }
    }
    errors.finish()?;
    out.sort_by_key(|e| e.value);
    Ok(out)
}

/// All seven values in the official order, each with its expectation from `stored` or `None`.
pub fn all_with(stored: &[Expectation]) -> Vec<(CoreValue, Option<&str>)> {
    CoreValue::ALL
        .iter()
        .map(|v| {
            (
                *v,
                stored
                    .iter()
                    .find(|e| e.value == *v)
                    .map(|e| e.text.as_str()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(value: &str, expectation: Option<&str>) -> ExpectationInput {
        ExpectationInput {
            value: value.into(),
            expectation: expectation.map(Into::into),
        }
    }

    fn fields(e: DomainError) -> Vec<(String, &'static str)> {
        match e {
            DomainError::Validation(v) => v.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn seven_values_in_the_official_order_with_their_labels() {
        let labels: Vec<&str> = CoreValue::ALL.iter().map(|v| v.label()).collect();
        assert_eq!(
            labels,
            [
                "Berorientasi Pelayanan",
                "Akuntabel",
                "Kompeten",
                "Harmonis",
                "Loyal",
                "Adaptif",
                "Kolaboratif"
            ]
        );
        let names: Vec<&str> = CoreValue::ALL.iter().map(|v| v.as_str()).collect();
        assert_eq!(
            names,
            [
                "berorientasi_pelayanan",
                "akuntabel",
                "kompeten",
                "harmonis",
                "loyal",
                "adaptif",
                "kolaboratif"
            ]
        );
        for v in CoreValue::ALL {
            assert_eq!(v.as_str().parse::<CoreValue>().ok(), Some(*v));
            assert!(v.guide().iter().all(|g| !g.is_empty()));
        }
    }

    #[test]
    fn expectations_are_trimmed_sorted_and_blank_ones_dropped() {
        let got = parse_expectations(vec![
            input("kolaboratif", Some("  Aktif dalam tim lintas bidang ")),
            input("akuntabel", Some("Laporan tepat waktu")),
            input("loyal", Some("   ")),
            input("adaptif", None),
        ])
        .expect("valid");
        assert_eq!(
            got,
            [
                Expectation {
                    value: CoreValue::Akuntabel,
                    text: "Laporan tepat waktu".into()
                },
                Expectation {
                    value: CoreValue::Kolaboratif,
                    text: "Aktif dalam tim lintas bidang".into()
                },
            ]
        );
        assert_eq!(parse_expectations(Vec::new()).ok(), Some(Vec::new()));
        let all = all_with(&got);
        assert_eq!(all.len(), 7);
        assert_eq!(all[0], (CoreValue::BerorientasiPelayanan, None));
        assert_eq!(all[1], (CoreValue::Akuntabel, Some("Laporan tepat waktu")));
        assert_eq!(
            all[6],
            (
                CoreValue::Kolaboratif,
                Some("Aktif dalam tim lintas bidang")
            )
        );
    }

    #[test]
    fn each_error_names_its_entry() {
        let err = parse_expectations(vec![
            input("akuntabel", Some("ok")),
            input("jujur", Some("x")),
            input("akuntabel", Some("again")),
            input("harmonis", Some(&"x".repeat(MAX_EXPECTATION + 1))),
        ])
        .expect_err("invalid");
        assert_eq!(
            fields(err),
            [
                ("expectations[1].value".into(), "unknown_value"),
                ("expectations[2].value".into(), "duplicate"),
                ("expectations[3].expectation".into(), "too_long"),
            ]
        );
        // Exactly the limit is fine; so are 2000 multi-byte characters.
        assert!(parse_expectations(vec![input("harmonis", Some(&"é".repeat(2000)))]).is_ok());
        // Values are matched by their stable name only.
        assert!(parse_expectations(vec![input("Akuntabel", None)]).is_err());
        // More entries than values cannot be right.
        let many = vec![input("loyal", None); 8];
        assert_eq!(
            fields(parse_expectations(many).expect_err("too many")),
            [("expectations".into(), "too_many")]
        );
    }
}
