//! The final performance rating (predikat kinerja) from the two three-level ratings.
//!
//! Work results (hasil kerja) and work behaviour (perilaku kerja) are each rated Di Atas, Sesuai
//! or Di Bawah Ekspektasi, with no weighting; the predikat is read from the matrix of
//! PermenPANRB 6/2022 (rows: results, columns: behaviour):
//!
//! | results \ behaviour | Di Bawah | Sesuai | Di Atas |
//! |---|---|---|---|
//! | Di Atas | Kurang/Misconduct | Baik | Sangat Baik |
//! | Sesuai | Kurang/Misconduct | Baik | Baik |
//! | Di Bawah | Sangat Kurang | Butuh Perbaikan | Butuh Perbaikan |

use serde::{Deserialize, Serialize};

/// One of the three levels both results and behaviour are rated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Di Bawah Ekspektasi.
    Below,
    /// Sesuai Ekspektasi.
    AsExpected,
    /// Di Atas Ekspektasi.
    Above,
}

crate::string_enum!(Rating {
    Below => "below",
    AsExpected => "as_expected",
    Above => "above",
});

impl Rating {
    /// The regulation's wording.
    pub fn label(self) -> &'static str {
        match self {
            Self::Below => "Di Bawah Ekspektasi",
            Self::AsExpected => "Sesuai Ekspektasi",
            Self::Above => "Di Atas Ekspektasi",
        }
    }
}

/// The final rating, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Predikat {
    SangatBaik,
    Baik,
    ButuhPerbaikan,
    /// "Kurang/Misconduct": results met, but behaviour below expectation.
    Kurang,
    SangatKurang,
}

crate::string_enum!(Predikat {
    SangatBaik => "sangat_baik",
    Baik => "baik",
    ButuhPerbaikan => "butuh_perbaikan",
    Kurang => "kurang",
    SangatKurang => "sangat_kurang",
});

impl Predikat {
    pub fn label(self) -> &'static str {
        match self {
            Self::SangatBaik => "Sangat Baik",
            Self::Baik => "Baik",
            Self::ButuhPerbaikan => "Butuh Perbaikan",
            Self::Kurang => "Kurang/Misconduct",
            Self::SangatKurang => "Sangat Kurang",
        }
    }
}

/// The predikat for a results rating and a behaviour rating.
pub fn predikat(results: Rating, behaviour: Rating) -> Predikat {
    use Predikat::*;
    use Rating::*;
    match (results, behaviour) {
        (Above, Above) => SangatBaik,
        (Above | AsExpected, AsExpected) | (AsExpected, Above) => Baik,
        (Above | AsExpected, Below) => Kurang,
        (Below, Below) => SangatKurang,
        (Below, AsExpected | Above) => ButuhPerbaikan,
    }
}

#[cfg(test)]
mod tests {
    use super::Predikat::*;
    use super::Rating::*;
    use super::*;

    #[test]
    fn every_cell_of_the_matrix() {
        let cells = [
            (Above, Below, Kurang),
            (Above, AsExpected, Baik),
            (Above, Above, SangatBaik),
            (AsExpected, Below, Kurang),
            (AsExpected, AsExpected, Baik),
            (AsExpected, Above, Baik),
            (Below, Below, SangatKurang),
            (Below, AsExpected, ButuhPerbaikan),
            (Below, Above, ButuhPerbaikan),
        ];
        assert_eq!(cells.len(), Rating::ALL.len() * Rating::ALL.len());
        for (r, b, p) in cells {
            assert_eq!(predikat(r, b), p, "results {r}, behaviour {b}");
        }
    }

    #[test]
    fn labels_are_the_regulations() {
        assert_eq!(predikat(Above, Above).label(), "Sangat Baik");
        assert_eq!(predikat(AsExpected, Below).label(), "Kurang/Misconduct");
        assert_eq!(Below.label(), "Di Bawah Ekspektasi");
        assert_eq!("as_expected".parse::<Rating>(), Ok(AsExpected));
        assert_eq!(ButuhPerbaikan.as_str(), "butuh_perbaikan");
    }
}
