//! Uploads are spooled to a temporary file while their SHA-256 is computed, then read in
//! chunks: CSV (UTF-8 with or without BOM, `,` or `;`, quoted fields, CRLF) or XLSX (the first
//! sheet or a named one).

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};

use actix_web::web;
use calamine::{Data, Range, Reader, Xlsx};
use futures_util::StreamExt;
use pembina_persistence::imports::{FileProblem, RowSource};
use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }
}

pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An upload on disk.
pub struct Spooled {
    pub file: NamedTempFile,
    pub sha256: String,
    pub bytes: u64,
}

fn problem(code: &'static str, message: impl Into<String>) -> FileProblem {
    FileProblem {
        code,
        message: message.into(),
        errors: Vec::new(),
    }
}

/// Writes `chunks` to a temporary file, refusing more than `limit` bytes.
pub async fn spool<S, E>(mut chunks: S, limit: u64) -> Result<Spooled, FileProblem>
where
    S: futures_util::Stream<Item = Result<web::Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let mut file = NamedTempFile::new()
        .map_err(|e| problem("storage_error", format!("cannot store the upload: {e}")))?;
    let mut hash = Sha256::new();
    let mut bytes = 0u64;
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.map_err(|e| {
            problem(
                "unreadable_body",
                format!("the upload could not be read: {e}"),
            )
        })?;
        bytes += chunk.len() as u64;
        if bytes > limit {
            return Err(problem(
                "payload_too_large",
                format!("the file is larger than {} MB", limit / (1 << 20)),
            ));
        }
        hash.update(&chunk);
        file.write_all(&chunk)
            .map_err(|e| problem("storage_error", format!("cannot store the upload: {e}")))?;
    }
    if bytes == 0 {
        return Err(problem("empty_file", "the file is empty"));
    }
    file.flush()
        .map_err(|e| problem("storage_error", e.to_string()))?;
    let sha256 = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok(Spooled {
        file,
        sha256,
        bytes,
    })
}

impl Spooled {
    /// Copies a file already on disk (for tools such as the benchmark).
    pub fn from_path(path: &std::path::Path) -> Result<Self, FileProblem> {
        let mut file = NamedTempFile::new().map_err(|e| problem("storage_error", e.to_string()))?;
        let mut src = File::open(path).map_err(|e| problem("storage_error", e.to_string()))?;
        let mut hash = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        let mut bytes = 0u64;
        loop {
            let n = src
                .read(&mut buf)
                .map_err(|e| problem("storage_error", e.to_string()))?;
            if n == 0 {
                break;
            }
            hash.update(&buf[..n]);
            file.write_all(&buf[..n])
                .map_err(|e| problem("storage_error", e.to_string()))?;
            bytes += n as u64;
        }
        let sha256 = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Ok(Self {
            file,
            sha256,
            bytes,
        })
    }
}

/// The format named by a media type or file name, else recognised by content (XLSX files are
/// ZIP archives).
pub fn detect(content_type: Option<&str>, file_name: Option<&str>, spooled: &Spooled) -> Format {
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let name = file_name.unwrap_or("").to_ascii_lowercase();
    if ct.starts_with(XLSX_MIME) || name.ends_with(".xlsx") {
        return Format::Xlsx;
    }
    if ct.starts_with("text/csv") || name.ends_with(".csv") {
        return Format::Csv;
    }
    let mut magic = [0u8; 4];
    let zip = File::open(spooled.file.path())
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && magic == *b"PK\x03\x04";
    if zip { Format::Xlsx } else { Format::Csv }
}

/// `;` when the header line has more semicolons than commas (Indonesian spreadsheet exports).
fn sniff_delimiter(file: &mut File) -> std::io::Result<u8> {
    let mut first = String::new();
    BufReader::new(&mut *file)
        .take(64 * 1024)
        .read_line(&mut first)?;
    file.seek(SeekFrom::Start(0))?;
    let count = |c| first.chars().filter(|x| *x == c).count();
    Ok(if count(';') > count(',') { b';' } else { b',' })
}

pub struct CsvSource {
    reader: csv::Reader<BufReader<File>>,
    row: u64,
    record: csv::ByteRecord,
}

impl CsvSource {
    pub fn open(spooled: &Spooled) -> Result<Self, FileProblem> {
        let mut file = spooled
            .file
            .reopen()
            .map_err(|e| problem("storage_error", e.to_string()))?;
        let delimiter =
            sniff_delimiter(&mut file).map_err(|e| problem("storage_error", e.to_string()))?;
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(BufReader::new(file));
        Ok(Self {
            reader,
            row: 0,
            record: csv::ByteRecord::new(),
        })
    }

    fn next_record(&mut self) -> Result<Option<Vec<String>>, FileProblem> {
        loop {
            let more = self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(|e| problem("unreadable_csv", format!("row {}: {e}", self.row + 1)))?;
            if !more {
                return Ok(None);
            }
            self.row += 1;
            let mut out = Vec::with_capacity(self.record.len());
            for field in &self.record {
                let text = std::str::from_utf8(field).map_err(|_| {
                    problem(
                        "invalid_encoding",
                        format!(
                            "row {} is not UTF-8 text: save the file as \"CSV UTF-8\"",
                            self.row
                        ),
                    )
                })?;
                out.push(text.to_owned());
            }
            // Spreadsheets leave rows of empty cells behind; they carry nothing.
            if out.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            return Ok(Some(out));
        }
    }
}

impl RowSource for CsvSource {
    fn headers(&mut self) -> Result<Vec<String>, FileProblem> {
        let headers = self
            .next_record()?
            .ok_or_else(|| problem("empty_file", "the file has no header row"))?;
        Ok(headers
            .into_iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_owned())
            .collect())
    }

    fn next_rows(&mut self, max: usize) -> Result<Vec<(u64, Vec<String>)>, FileProblem> {
        let mut rows = Vec::with_capacity(max.min(1024));
        while rows.len() < max {
            match self.next_record()? {
                Some(r) => rows.push((self.row, r)),
                None => break,
            }
        }
        Ok(rows)
    }
}

/// An XLSX sheet. The sheet is read whole (XLSX is a compressed format); keep very large
/// loads to CSV, which streams.
pub struct XlsxSource {
    range: Range<Data>,
    next: usize,
    first_row: u64,
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Whole numbers without ".0"; note Excel keeps only 15 significant digits, so NIPs
        // must be stored as text in the sheet.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_datetime().map_or_else(
            || dt.to_string(),
            |d| d.date().format("%Y-%m-%d").to_string(),
        ),
    }
}

impl XlsxSource {
    pub fn open(spooled: &Spooled, sheet: Option<&str>) -> Result<Self, FileProblem> {
        let file = spooled
            .file
            .reopen()
            .map_err(|e| problem("storage_error", e.to_string()))?;
        let mut book: Xlsx<_> = Xlsx::new(BufReader::new(file))
            .map_err(|e| problem("unreadable_xlsx", format!("not a readable XLSX file: {e}")))?;
        let range = match sheet {
            Some(name) => book.worksheet_range(name).map_err(|_| {
                problem(
                    "unknown_sheet",
                    format!("the workbook has no sheet named {name}"),
                )
            })?,
            None => book
                .worksheet_range_at(0)
                .ok_or_else(|| problem("empty_file", "the workbook has no sheet"))?
                .map_err(|e| problem("unreadable_xlsx", e.to_string()))?,
        };
        let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
        Ok(Self {
            range,
            next: 0,
            first_row,
        })
    }

    fn next_record(&mut self) -> Option<(u64, Vec<String>)> {
        loop {
            let row = self.range.rows().nth(self.next)?;
            let line = self.first_row + self.next as u64 + 1;
            self.next += 1;
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            if cells.iter().any(|c| !c.trim().is_empty()) {
                return Some((line, cells));
            }
        }
    }
}

impl RowSource for XlsxSource {
    fn headers(&mut self) -> Result<Vec<String>, FileProblem> {
        self.next_record()
            .map(|(_, h)| h)
            .ok_or_else(|| problem("empty_file", "the sheet has no header row"))
    }

    fn next_rows(&mut self, max: usize) -> Result<Vec<(u64, Vec<String>)>, FileProblem> {
        let mut rows = Vec::new();
        while rows.len() < max {
            match self.next_record() {
                Some(r) => rows.push(r),
                None => break,
            }
        }
        Ok(rows)
    }
}
