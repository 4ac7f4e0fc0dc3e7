//! Matching a file's header row to the documented columns, and row-level errors.

use super::columns::{ImportKind, columns};

/// A problem with one row (and usually one column) of an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line of the data row in the file (the header is row 1, the first data row 2).
    pub row: u64,
    /// The column, as documented; `None` for problems of the whole row.
    pub column: Option<String>,
    pub code: String,
    pub message: String,
}

/// Where each documented column sits in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap {
    kind: ImportKind,
    /// For each documented column (in documented order), its index in the file.
    positions: Vec<Option<usize>>,
    /// File columns that match no documented column (reported, then ignored).
    pub unknown: Vec<String>,
}

fn normalise(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace([' ', '-'], "_")
}

impl HeaderMap {
    /// Matches `headers` case-insensitively (spaces and dashes read as underscores). Fails with
    /// one error per missing required column or repeated column.
    pub fn parse(kind: ImportKind, headers: &[String]) -> Result<Self, Vec<RowError>> {
        let norm: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut errors = Vec::new();
        let mut positions = Vec::new();
        for c in columns(kind) {
            let found: Vec<usize> = norm
                .iter()
                .enumerate()
                .filter(|(_, h)| *h == c.name)
                .map(|(i, _)| i)
                .collect();
            match found.as_slice() {
                [] if c.required => errors.push(RowError {
                    row: 1,
                    column: Some(c.name.to_owned()),
                    code: "missing_column".into(),
                    message: format!("the required column {} is missing", c.name),
                }),
                [] => positions.push(None),
                [one] => positions.push(Some(*one)),
                [_, ..] => errors.push(RowError {
                    row: 1,
                    column: Some(c.name.to_owned()),
                    code: "duplicate_column".into(),
                    message: format!("the column {} appears more than once", c.name),
                }),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let known: Vec<&str> = columns(kind).iter().map(|c| c.name).collect();
        let unknown = headers
            .iter()
            .zip(&norm)
            .filter(|(_, n)| !n.is_empty() && !known.contains(&n.as_str()))
            .map(|(h, _)| h.trim().to_owned())
            .collect();
        Ok(Self {
            kind,
            positions,
            unknown,
        })
    }

    pub fn kind(&self) -> ImportKind {
        self.kind
    }

    /// The trimmed value of `column` in `record`; `None` when absent or empty.
    pub fn get<'r>(&self, record: &'r [String], column: &str) -> Option<&'r str> {
        let i = columns(self.kind).iter().position(|c| c.name == column)?;
        let idx = (*self.positions.get(i)?)?;
        record.get(idx).map(|v| v.trim()).filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(cols: &[&str]) -> Vec<String> {
        cols.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn headers_match_case_insensitively_and_unknown_ones_are_reported() {
        let map = HeaderMap::parse(
            ImportKind::OrgUnits,
            &h(&["\u{feff}Code", " NAME ", "Kind", "Parent-Code", "colour"]),
        )
        .expect("valid");
        let row = h(&["PKM", " Puskesmas ", "service_unit", "", "red"]);
        assert_eq!(map.get(&row, "code"), Some("PKM"));
        assert_eq!(map.get(&row, "name"), Some("Puskesmas"));
        assert_eq!(map.get(&row, "parent_code"), None);
        assert_eq!(map.get(&row, "active"), None);
        assert_eq!(map.unknown, ["colour"]);
    }

    #[test]
    fn missing_and_repeated_required_columns_make_the_file_unusable() {
        let errs = HeaderMap::parse(ImportKind::Employees, &h(&["nip", "NIP", "name"]))
            .expect_err("invalid");
        let got: Vec<_> = errs
            .iter()
            .map(|e| (e.column.as_deref().unwrap_or(""), e.code.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("nip", "duplicate_column"),
                ("employment_type", "missing_column"),
                ("unit_code", "missing_column")
            ]
        );
    }
}
