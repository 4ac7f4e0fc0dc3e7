//! NIP (PNS) and NI PPPK: the 18-digit numbers that identify civil servants (domain.md §6).
//!
//! NIP layout: birth date `YYYYMMDD` · first appointment (TMT CPNS) `YYYYMM` · sex (1 male,
//! 2 female) · sequence `001`–`999`.
//! NI PPPK layout (widths not confirmed by regulation, see domain.md §6): birth date `YYYYMMDD` ·
//! appointment year `YYYY` · contract code `NN` · sex · sequence. The PNS month check does not apply.

use chrono::{Datelike, NaiveDate};
use std::fmt;

use super::employee::{EmploymentType, Sex};

/// Age below which nobody can be appointed.
const MIN_APPOINTMENT_AGE: i32 = 18;

/// Why an identity number was refused; each has a stable code that clients translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdNumberError {
    WrongLength,
    NotDigits,
    InvalidBirthDate,
    InvalidAppointmentMonth,
    AppointmentBeforeAdulthood,
    InvalidSex,
    ZeroSequence,
}

impl IdNumberError {
    /// Stable snake_case code (`nip_invalid_birth_date`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Self::WrongLength => "nip_wrong_length",
            Self::NotDigits => "nip_not_digits",
            Self::InvalidBirthDate => "nip_invalid_birth_date",
            Self::InvalidAppointmentMonth => "nip_invalid_appointment_month",
            Self::AppointmentBeforeAdulthood => "nip_appointment_before_adulthood",
            Self::InvalidSex => "nip_invalid_sex",
            Self::ZeroSequence => "nip_zero_sequence",
        }
    }

    /// English explanation.
    pub fn message(self) -> &'static str {
        match self {
            Self::WrongLength => "must be exactly 18 digits",
            Self::NotDigits => "must contain digits only",
            Self::InvalidBirthDate => "digits 1-8 must be a real birth date (YYYYMMDD)",
            Self::InvalidAppointmentMonth => {
                "digits 13-14 must be an appointment month between 01 and 12"
            }
            Self::AppointmentBeforeAdulthood => {
                "the appointment must be at least 18 years after the birth date"
            }
            Self::InvalidSex => "the sex digit must be 1 (male) or 2 (female)",
            Self::ZeroSequence => "the sequence number (last 3 digits) cannot be 000",
        }
    }
}

impl fmt::Display for IdNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for IdNumberError {}

fn digits(raw: &str) -> Result<&[u8], IdNumberError> {
    let b = raw.as_bytes();
    if !b.iter().all(u8::is_ascii_digit) {
        return Err(IdNumberError::NotDigits);
    }
    if b.len() != 18 {
        return Err(IdNumberError::WrongLength);
    }
    Ok(b)
}

fn number(d: &[u8]) -> u32 {
    d.iter().fold(0, |acc, c| acc * 10 + u32::from(c - b'0'))
}

fn birth_date(d: &[u8]) -> Result<NaiveDate, IdNumberError> {
    let year = number(&d[0..4]) as i32;
    if year < 1900 {
        return Err(IdNumberError::InvalidBirthDate);
    }
    NaiveDate::from_ymd_opt(year, number(&d[4..6]), number(&d[6..8]))
        .ok_or(IdNumberError::InvalidBirthDate)
}

fn sex(digit: u8) -> Result<Sex, IdNumberError> {
    match digit {
        b'1' => Ok(Sex::Male),
        b'2' => Ok(Sex::Female),
        _ => Err(IdNumberError::InvalidSex),
    }
}

fn sequence(d: &[u8]) -> Result<u16, IdNumberError> {
    match number(d) {
        0 => Err(IdNumberError::ZeroSequence),
        n => Ok(n as u16),
    }
}

/// A PNS NIP whose parts are all plausible. Construct with [`Nip::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Nip {
    raw: String,
    birth_date: NaiveDate,
    appointment: (i32, u32),
    sex: Sex,
    sequence: u16,
}

impl Nip {
    /// Parses an 18-digit NIP; surrounding spaces are ignored, inner spaces are not allowed.
    pub fn parse(raw: &str) -> Result<Self, IdNumberError> {
        let raw = raw.trim();
        let d = digits(raw)?;
        let birth_date = birth_date(d)?;
        let (year, month) = (number(&d[8..12]) as i32, number(&d[12..14]));
        if !(1..=12).contains(&month) {
            return Err(IdNumberError::InvalidAppointmentMonth);
        }
        // Months since year 0 let us compare "year and month" in one step.
        let appointed = year * 12 + month as i32;
        let adult = (birth_date.year() + MIN_APPOINTMENT_AGE) * 12 + birth_date.month() as i32;
        if appointed < adult {
            return Err(IdNumberError::AppointmentBeforeAdulthood);
        }
        let sex = sex(d[14])?;
        let sequence = sequence(&d[15..18])?;
        Ok(Self {
            raw: raw.to_owned(),
            birth_date,
            appointment: (year, month),
            sex,
            sequence,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }
    /// Year and month of the first appointment (TMT CPNS).
    pub fn appointment(&self) -> (i32, u32) {
        self.appointment
    }
    pub fn sex(&self) -> Sex {
        self.sex
    }
    pub fn sequence(&self) -> u16 {
        self.sequence
    }
}

/// An NI PPPK (contract civil servant number). Construct with [`NiPppk::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NiPppk {
    raw: String,
    birth_date: NaiveDate,
    appointment_year: i32,
    sex: Sex,
    sequence: u16,
}

impl NiPppk {
    pub fn parse(raw: &str) -> Result<Self, IdNumberError> {
        let raw = raw.trim();
        let d = digits(raw)?;
        let birth_date = birth_date(d)?;
        let appointment_year = number(&d[8..12]) as i32;
        if appointment_year < birth_date.year() + MIN_APPOINTMENT_AGE {
            return Err(IdNumberError::AppointmentBeforeAdulthood);
        }
        let sex = sex(d[14])?;
        let sequence = sequence(&d[15..18])?;
        Ok(Self {
            raw: raw.to_owned(),
            birth_date,
            appointment_year,
            sex,
            sequence,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }
    pub fn appointment_year(&self) -> i32 {
        self.appointment_year
    }
    pub fn sex(&self) -> Sex {
        self.sex
    }
    pub fn sequence(&self) -> u16 {
        self.sequence
    }
}

/// The identity number of an employee: a NIP for PNS, an NI PPPK for PPPK.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IdNumber {
    Pns(Nip),
    Pppk(NiPppk),
}

impl IdNumber {
    /// Parses `raw` by the layout of the employment type.
    pub fn parse(raw: &str, kind: EmploymentType) -> Result<Self, IdNumberError> {
        match kind {
            EmploymentType::Pns => Nip::parse(raw).map(Self::Pns),
            EmploymentType::Pppk => NiPppk::parse(raw).map(Self::Pppk),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Pns(n) => n.as_str(),
            Self::Pppk(n) => n.as_str(),
        }
    }
    pub fn birth_date(&self) -> NaiveDate {
        match self {
            Self::Pns(n) => n.birth_date(),
            Self::Pppk(n) => n.birth_date(),
        }
    }
    pub fn sex(&self) -> Sex {
        match self {
            Self::Pns(n) => n.sex(),
            Self::Pppk(n) => n.sex(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_nip_yields_its_parts() {
        let nip = Nip::parse("198507152010011003").expect("valid");
        assert_eq!(
            nip.birth_date(),
            NaiveDate::from_ymd_opt(1985, 7, 15).expect("date")
        );
        assert_eq!(nip.appointment(), (2010, 1));
        assert_eq!(nip.sex(), Sex::Male);
        assert_eq!(nip.sequence(), 3);
        assert_eq!(
            Nip::parse(" 199002292015032001 ").map(|n| n.sex()),
            Err(IdNumberError::InvalidBirthDate)
        );
        assert_eq!(
            Nip::parse("199202292015032001").map(|n| n.sex()),
            Ok(Sex::Female)
        );
    }

    #[test]
    fn each_kind_of_invalid_nip_is_refused_with_its_own_reason() {
        let cases = [
            ("19850715201001100", IdNumberError::WrongLength),
            ("1985071520100110031", IdNumberError::WrongLength),
            ("19850715201001100a", IdNumberError::NotDigits),
            ("1985 0715201001100", IdNumberError::NotDigits),
            ("", IdNumberError::WrongLength),
            ("198513152010011003", IdNumberError::InvalidBirthDate),
            ("198502302010011003", IdNumberError::InvalidBirthDate),
            ("185007152010011003", IdNumberError::InvalidBirthDate),
            ("198507152010001003", IdNumberError::InvalidAppointmentMonth),
            ("198507152010131003", IdNumberError::InvalidAppointmentMonth),
            (
                "198507152003061003",
                IdNumberError::AppointmentBeforeAdulthood,
            ),
            (
                "198507151985071003",
                IdNumberError::AppointmentBeforeAdulthood,
            ),
            ("198507152010013003", IdNumberError::InvalidSex),
            ("198507152010010003", IdNumberError::InvalidSex),
            ("198507152010011000", IdNumberError::ZeroSequence),
        ];
        for (raw, want) in cases {
            assert_eq!(Nip::parse(raw).err(), Some(want), "{raw:?}");
        }
    }

    #[test]
    fn appointment_in_the_month_of_the_eighteenth_birthday_is_allowed() {
        assert!(Nip::parse("200001012018011001").is_ok());
        assert_eq!(
            Nip::parse("200002012018011001").err(),
            Some(IdNumberError::AppointmentBeforeAdulthood)
        );
    }

    #[test]
    fn ni_pppk_skips_the_month_check_but_keeps_the_others() {
        let n = NiPppk::parse("199203102023212025").expect("valid");
        assert_eq!(n.appointment_year(), 2023);
        assert_eq!(n.sex(), Sex::Female);
        assert_eq!(n.sequence(), 25);
        // Digits 13-14 are "21", which is no month: fine for PPPK, refused for PNS.
        assert_eq!(
            Nip::parse("199203102023212025").err(),
            Some(IdNumberError::InvalidAppointmentMonth)
        );
        assert_eq!(
            NiPppk::parse("199203102005212025").err(),
            Some(IdNumberError::AppointmentBeforeAdulthood)
        );
        assert_eq!(
            NiPppk::parse("199203102023213025").err(),
            Some(IdNumberError::InvalidSex)
        );
        assert_eq!(
            NiPppk::parse("199203102023212000").err(),
            Some(IdNumberError::ZeroSequence)
        );
        assert_eq!(
            NiPppk::parse("199213102023212025").err(),
            Some(IdNumberError::InvalidBirthDate)
        );
    }

    #[test]
    fn id_number_parses_by_employment_type() {
        assert!(matches!(
            IdNumber::parse("198507152010011003", EmploymentType::Pns),
            Ok(IdNumber::Pns(_))
        ));
        assert!(matches!(
            IdNumber::parse("199203102023212025", EmploymentType::Pppk),
            Ok(IdNumber::Pppk(_))
        ));
        assert!(IdNumber::parse("199203102023212025", EmploymentType::Pns).is_err());
    }
}
