//! CSV and XLSX files for exports and templates. Every cell is text, so NIPs keep all 18
//! digits when a spreadsheet opens the file.

use rust_xlsxwriter::{Format, Workbook};

/// CSV with a UTF-8 byte-order mark (so spreadsheets pick the right encoding) and `,`.
pub fn csv_bytes(rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        for r in rows {
            w.write_record(r).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// One sheet, the first row bold.
pub fn xlsx_bytes(sheet: &str, rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let fmt = if r == 0 { &bold } else { &text };
            ws.write_string_with_format(r as u32, c as u16, cell, fmt)
                .map_err(|e| e.to_string())?;
        }
    }
    if let Some(first) = rows.first() {
        for c in 0..first.len() {
            ws.set_column_width(c as u16, 20)
                .map_err(|e| e.to_string())?;
        }
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}
