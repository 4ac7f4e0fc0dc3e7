//! The employee record: the rules one record must satisfy, whatever door it came in by
//! (API, import, demo data). References to other records are checked by the persistence layer.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::ValidateEmail;

use super::nip::IdNumber;
use super::rank::Rank;
use crate::error::{DomainError, Errors, FieldError};

/// PNS (career civil servant, NIP) or PPPK (contract civil servant, NI PPPK).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentType {
    Pns,
    Pppk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// Where the employee stands. Nobody is ever deleted: leaving is a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmployeeStatus {
    Active,
    Leave,
    Transferred,
    Retired,
    Inactive,
}

crate::string_enum!(EmploymentType { Pns => "pns", Pppk => "pppk" });
crate::string_enum!(Sex { Male => "male", Female => "female" });
crate::string_enum!(EmployeeStatus {
    Active => "active",
    Leave => "leave",
    Transferred => "transferred",
    Retired => "retired",
    Inactive => "inactive",
});

/// A name with its academic titles: `Dr. Siti Aminah, S.Kep., M.Kes.`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    pub name: String,
    pub title_prefix: Option<String>,
    pub title_suffix: Option<String>,
}

impl PersonName {
    /// The name as it is written on documents.
    pub fn display(&self) -> String {
        let mut s = String::new();
        if let Some(p) = &self.title_prefix {
            s.push_str(p);
            s.push(' ');
        }
        s.push_str(&self.name);
        if let Some(t) = &self.title_suffix {
            s.push_str(", ");
            s.push_str(t);
        }
        s
    }
}

/// Everything a client gives for one employee, before any rule has been checked.
#[derive(Debug, Clone, PartialEq)]
pub struct EmployeeInput {
    pub nip: String,
    pub employment_type: EmploymentType,
    pub name: String,
    pub title_prefix: Option<String>,
    pub title_suffix: Option<String>,
    pub sex: Option<Sex>,
    pub birth_date: Option<NaiveDate>,
    pub rank: Option<String>,
    pub agency_id: Uuid,
    pub org_unit_id: Uuid,
    pub position_id: Option<Uuid>,
    pub supervisor_id: Option<Uuid>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub status: EmployeeStatus,
}

/// An employee record whose own fields obey every rule (references are checked on save).
#[derive(Debug, Clone, PartialEq)]
pub struct NewEmployee {
    pub id_number: IdNumber,
    pub employment_type: EmploymentType,
    pub name: PersonName,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub rank: Option<Rank>,
    pub agency_id: Uuid,
    pub org_unit_id: Uuid,
    pub position_id: Option<Uuid>,
    pub supervisor_id: Option<Uuid>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub status: EmployeeStatus,
}

const MAX_NAME: usize = 150;
const MAX_TITLE: usize = 60;

fn trimmed(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn check_len(errors: &mut Errors, field: &str, value: Option<&str>, max: usize) {
    if value.is_some_and(|v| v.chars().count() > max) {
        errors.push(FieldError::new(
            field,
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
}

/// Checks an e-mail address and a phone number; returns them normalised.
pub fn validate_contact(
    errors: &mut Errors,
    email: Option<String>,
    phone: Option<String>,
) -> (Option<String>, Option<String>) {
    let email = trimmed(email).map(|e| e.to_lowercase());
    if let Some(e) = &email
        && !e.validate_email()
    {
        errors.push(FieldError::new(
            "email",
            "invalid_email",
            "must be an e-mail address such as nama@bengkuluprov.go.id",
        ));
    }
    let phone = trimmed(phone).map(|p| {
        p.chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
            .collect::<String>()
    });
    if let Some(p) = &phone {
        let digits = p.strip_prefix('+').unwrap_or(p);
        if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(FieldError::new(
                "phone",
                "invalid_phone",
                "must be 8 to 15 digits, optionally starting with +",
            ));
        }
    }
    (email, phone)
}

impl NewEmployee {
    /// Applies every rule of the record and reports all broken ones at once.
    ///
    /// Birth date and sex come from the identity number; when the client gives them too they
    /// must agree with it.
    pub fn parse(input: EmployeeInput) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let id_number = errors.check(
            IdNumber::parse(&input.nip, input.employment_type)
                .map_err(|e| FieldError::new("nip", e.code(), e.message())),
        );
        let name = input.name.trim().to_owned();
        if name.is_empty() {
            errors.push(FieldError::new("name", "required", "must not be empty"));
        }
        check_len(&mut errors, "name", Some(&name), MAX_NAME);
        let title_prefix = trimmed(input.title_prefix);
        let title_suffix = trimmed(input.title_suffix);
        check_len(
            &mut errors,
            "title_prefix",
            title_prefix.as_deref(),
            MAX_TITLE,
        );
        check_len(
            &mut errors,
            "title_suffix",
            title_suffix.as_deref(),
            MAX_TITLE,
        );
        if let Some(id) = &id_number {
            if input.birth_date.is_some_and(|d| d != id.birth_date()) {
                errors.push(FieldError::new(
                    "birth_date",
                    "birth_date_mismatch",
                    format!(
                        "does not match the birth date in the NIP ({})",
                        id.birth_date()
                    ),
                ));
            }
            if input.sex.is_some_and(|s| s != id.sex()) {
                errors.push(FieldError::new(
                    "sex",
                    "sex_mismatch",
                    "does not match the sex digit in the NIP",
                ));
            }
        }
        let rank =
            trimmed(input.rank).and_then(|r| errors.check(Rank::parse(&r, input.employment_type)));
        let (email, phone) = validate_contact(&mut errors, input.email, input.phone);
        errors.finish()?;
        let Some(id_number) = id_number else {
            return Err(DomainError::Internal(
                "identity number missing after validation".into(),
            ));
        };
        Ok(Self {
            sex: id_number.sex(),
            birth_date: id_number.birth_date(),
            id_number,
            employment_type: input.employment_type,
            name: PersonName {
                name,
                title_prefix,
                title_suffix,
            },
            rank,
            agency_id: input.agency_id,
            org_unit_id: input.org_unit_id,
            position_id: input.position_id,
            supervisor_id: input.supervisor_id,
            email,
            phone,
            status: input.status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> EmployeeInput {
        EmployeeInput {
            nip: "198507152010011003".into(),
            employment_type: EmploymentType::Pns,
            name: "  Ahmad Fauzi ".into(),
            title_prefix: Some("dr.".into()),
            title_suffix: Some("M.Kes.".into()),
            sex: None,
            birth_date: None,
            rank: Some("iii/c".into()),
            agency_id: Uuid::nil(),
            org_unit_id: Uuid::nil(),
            position_id: None,
            supervisor_id: None,
            email: Some(" Ahmad@Bengkuluprov.go.id ".into()),
            phone: Some("0812-7300-1234".into()),
            status: EmployeeStatus::Active,
        }
    }

    #[test]
    fn birth_date_and_sex_are_derived_from_the_nip_and_fields_normalised() {
        let e = NewEmployee::parse(input()).expect("valid");
        assert_eq!(
            e.birth_date,
            NaiveDate::from_ymd_opt(1985, 7, 15).expect("date")
        );
        assert_eq!(e.sex, Sex::Male);
        assert_eq!(e.name.display(), "dr. Ahmad Fauzi, M.Kes.");
        assert_eq!(e.rank.as_ref().map(Rank::as_str), Some("III/c"));
        assert_eq!(e.email.as_deref(), Some("ahmad@bengkuluprov.go.id"));
        assert_eq!(e.phone.as_deref(), Some("081273001234"));
    }

    #[test]
    fn given_birth_date_and_sex_must_agree_with_the_nip() {
        let mut i = input();
        i.birth_date = NaiveDate::from_ymd_opt(1985, 7, 16);
        i.sex = Some(Sex::Female);
        let Err(DomainError::Validation(errs)) = NewEmployee::parse(i) else {
            panic!("expected errors")
        };
        let codes: Vec<_> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            [
                ("birth_date", "birth_date_mismatch"),
                ("sex", "sex_mismatch")
            ]
        );
    }

    #[test]
    fn every_broken_rule_is_reported_with_its_field() {
        let mut i = input();
        i.nip = "19850715201001100".into();
        i.name = " ".into();
        i.rank = Some("IX".into());
        i.email = Some("not-an-email".into());
        i.phone = Some("12".into());
        let Err(DomainError::Validation(errs)) = NewEmployee::parse(i) else {
            panic!("expected errors")
        };
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["nip", "name", "rank", "email", "phone"]);
        assert_eq!(errs[0].code, "nip_wrong_length");
    }

    #[test]
    fn pppk_employees_use_the_pppk_layout_and_ranks() {
        let mut i = input();
        i.employment_type = EmploymentType::Pppk;
        i.nip = "199203102023212025".into();
        i.rank = Some("ix".into());
        let e = NewEmployee::parse(i).expect("valid");
        assert_eq!(e.sex, Sex::Female);
        assert_eq!(e.rank.map(|r| r.as_str().to_owned()), Some("IX".into()));
    }
}
