//! Printable PDF documents: the training certificate (sertifikat), the SKP document ([`skp`])
//! and a service unit's A4 rating poster with its QR code, which reuse the building blocks here.
//!
//! Pages are written with `pdf-writer` using three of the PDF standard-14 fonts (Helvetica,
//! Helvetica-Bold, Helvetica-Oblique) in WinAnsiEncoding, so no font file is embedded or shipped.
//! Text is measured with the fonts' published AFM advance widths (the tables at the bottom of this
//! file), which makes centring, right alignment and word wrapping exact. Characters that
//! WinAnsiEncoding cannot show are folded to their base letter where that is obvious (`ā` → `a`,
//! `Ł` → `L`), dropped when invisible (combining marks, zero-width joiners), and otherwise replaced
//! by `?`; nothing here panics on any input text.
//!
//! Content streams are left uncompressed: a certificate is a few kilobytes either way.
//!
//! Building blocks, from low to high level:
//! - [`encode`] / [`sanitize`]: text to WinAnsi bytes / to the text that will actually be shown;
//! - [`TextStyle::width`], [`wrap`], [`fit`]: measuring, word wrapping, shrink-to-fit;
//! - [`Page`]: a page with text runs (left/centred/right) and simple vector graphics;
//! - [`Stack`]: paragraphs stacked vertically, measured before they are drawn;
//! - [`render`]: pages to the bytes of a PDF file;
//! - [`tanggal`], [`date_range`], [`format_nip`]: Indonesian formatting of dates and NIPs.

pub mod skp;

use chrono::{Datelike, NaiveDate};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
/// A4 short side, in points.
pub const A4_SHORT: f32 = 595.28;
/// A4 long side, in points.
pub const A4_LONG: f32 = 841.89;

// ---------------------------------------------------------------------------------------------
// Indonesian formatting
// ---------------------------------------------------------------------------------------------

const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// The Indonesian name of a month, 1 = "Januari" … 12 = "Desember" (`"?"` out of range).
pub fn nama_bulan(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| BULAN.get(i as usize))
        .copied()
        .unwrap_or("?")
}

/// A date the Indonesian way: "3 Maret 2026".
pub fn tanggal(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        nama_bulan(date.month()),
        date.year()
    )
}

/// A date range the Indonesian way, with an en dash: "1–3 Maret 2026",
/// "28 Februari – 3 Maret 2026", "30 Desember 2025 – 2 Januari 2026"; a single day
/// ("3 Maret 2026") without a start date or when both ends are the same day. Reversed ends are
/// put in order.
pub fn date_range(start: Option<NaiveDate>, end: NaiveDate) -> String {
    let Some(start) = start else {
        return tanggal(end);
    };
    let (a, b) = if start <= end {
        (start, end)
    } else {
        (end, start)
    };
    if a == b {
        tanggal(b)
    } else if (a.year(), a.month()) == (b.year(), b.month()) {
        format!("{}\u{2013}{}", a.day(), tanggal(b))
    } else if a.year() == b.year() {
        format!(
            "{} {} \u{2013} {}",
            a.day(),
            nama_bulan(a.month()),
            tanggal(b)
        )
    } else {
        format!("{} \u{2013} {}", tanggal(a), tanggal(b))
    }
}

/// An 18-digit NIP grouped as birth date, appointment month, sex and serial number:
/// "198503122010012003" → "19850312 201001 2 003". Spaces in the input are ignored; anything
/// that is not 18 digits is returned trimmed but otherwise unchanged.
pub fn format_nip(nip: &str) -> String {
    let digits: String = nip.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 18 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!(
            "{} {} {} {}",
            &digits[..8],
            &digits[8..14],
            &digits[14..15],
            &digits[15..]
        )
    } else {
        nip.trim().to_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// Text encoding and measuring
// ---------------------------------------------------------------------------------------------

/// WinAnsiEncoding (Windows-1252) codes 0x80..=0x9F; `'\0'` marks the five unused codes.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\0', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\0', '\u{017D}', '\0', '\0',
    '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}',
    '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\0', '\u{017E}', '\u{0178}',
];

/// Base letters of U+0100..=U+017F (Latin Extended-A), for characters WinAnsi lacks.
const LATIN_EXT_A_BASE: &[u8; 128] = b"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

fn push_encoded(c: char, out: &mut Vec<u8>) {
    let cp = u32::from(c);
    match c {
        '\t' | '\n' | '\r' => out.push(b' '),
        ' '..='~' | '\u{A0}'..='\u{FF}' => out.push(cp as u8),
        // Other control characters, combining marks, zero-width characters, variation selectors
        // and emoji skin-tone modifiers: nothing to show.
        '\0'..='\u{1F}'
        | '\u{7F}'..='\u{9F}'
        | '\u{300}'..='\u{36F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2060}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{1F3FB}'..='\u{1F3FF}' => {}
        '\u{2010}'..='\u{2012}' | '\u{2212}' => out.push(b'-'),
        '\u{2015}' => out.push(0x97),
        '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(b' '),
        '\u{2032}' => out.push(b'\''),
        '\u{2033}' => out.push(b'"'),
        '\u{0132}' => out.extend_from_slice(b"IJ"),
        '\u{0133}' => out.extend_from_slice(b"ij"),
        _ => {
            if let Some(i) = CP1252_HIGH.iter().position(|&h| h == c) {
                out.push(0x80 + i as u8);
            } else if (0x100..0x180).contains(&cp) {
                out.push(LATIN_EXT_A_BASE[(cp - 0x100) as usize]);
            } else {
                out.push(b'?');
            }
        }
    }
}

/// `text` as WinAnsiEncoding bytes, the encoding of all fonts here (see the module docs for
/// what happens to characters outside it).
pub fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        push_encoded(c, &mut out);
    }
    out
}

fn decode_byte(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The text as it will appear on the page: what [`encode`] makes of `text`, decoded again.
pub fn sanitize(text: &str) -> String {
    encode(text).into_iter().map(decode_byte).collect()
}

/// One of the standard-14 fonts used here (never embedded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    Helvetica,
    HelveticaBold,
    HelveticaOblique,
}

impl Font {
    pub const ALL: [Font; 3] = [Font::Helvetica, Font::HelveticaBold, Font::HelveticaOblique];

    fn base_font(self) -> &'static [u8] {
        match self {
            Font::Helvetica => b"Helvetica",
            Font::HelveticaBold => b"Helvetica-Bold",
            Font::HelveticaOblique => b"Helvetica-Oblique",
        }
    }

    fn resource_name(self) -> Name<'static> {
        match self {
            Font::Helvetica => Name(b"F1"),
            Font::HelveticaBold => Name(b"F2"),
            Font::HelveticaOblique => Name(b"F3"),
        }
    }

    /// Advance width of a WinAnsi code, in thousandths of the font size.
    fn advance(self, code: u8) -> u16 {
        let table = match self {
            Font::Helvetica | Font::HelveticaOblique => &HELVETICA_WIDTHS,
            Font::HelveticaBold => &HELVETICA_BOLD_WIDTHS,
        };
        code.checked_sub(32).map_or(0, |i| table[usize::from(i)])
    }
}

/// An RGB colour, components 0.0..=1.0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
    /// Body text: a very dark grey.
    pub const INK: Rgb = Rgb(0.13, 0.13, 0.15);
    pub const GREY: Rgb = Rgb(0.36, 0.38, 0.42);
    pub const NAVY: Rgb = Rgb(0.08, 0.20, 0.38);
    pub const GOLD: Rgb = Rgb(0.74, 0.58, 0.24);
}

/// Font, size (points), colour and letter spacing (points added between glyphs) of a text run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    pub font: Font,
    pub size: f32,
    pub color: Rgb,
    pub letter_spacing: f32,
}

impl TextStyle {
    pub const fn new(font: Font, size: f32) -> Self {
        TextStyle {
            font,
            size,
            color: Rgb::INK,
            letter_spacing: 0.0,
        }
    }

    pub const fn color(self, color: Rgb) -> Self {
        TextStyle { color, ..self }
    }

    pub const fn spacing(self, letter_spacing: f32) -> Self {
        TextStyle {
            letter_spacing,
            ..self
        }
    }

    pub const fn size(self, size: f32) -> Self {
        TextStyle { size, ..self }
    }

    /// Distance between baselines of consecutive lines.
    pub fn leading(&self) -> f32 {
        self.size * 1.22
    }

    fn width_of_encoded(&self, bytes: &[u8]) -> f32 {
        let units: u32 = bytes.iter().map(|&b| u32::from(self.font.advance(b))).sum();
        let gaps = bytes.len().saturating_sub(1) as f32;
        units as f32 * self.size / 1000.0 + gaps * self.letter_spacing
    }

    /// Width of `text` on the page, in points.
    pub fn width(&self, text: &str) -> f32 {
        self.width_of_encoded(&encode(text))
    }
}

/// Word-wraps `text` into lines no wider than `max_width` (whitespace collapses to single
/// spaces; a word wider than a line, such as a long URL, is broken between characters). The
/// lines are already [`sanitize`]d. Empty text gives no lines.
pub fn wrap(text: &str, style: &TextStyle, max_width: f32) -> Vec<String> {
    let clean = sanitize(text);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in clean.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if style.width(&candidate) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if style.width(word) <= max_width {
            line = word.to_owned();
            continue;
        }
        // Break an over-long word between characters; at least one character per line.
        for c in word.chars() {
            let mut longer = line.clone();
            longer.push(c);
            if !line.is_empty() && style.width(&longer) > max_width {
                lines.push(std::mem::replace(&mut line, c.to_string()));
            } else {
                line = longer;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Shortens `line` until it, followed by "…", fits `max_width`.
fn ellipsize(line: &str, style: &TextStyle, max_width: f32) -> String {
    let mut kept = line.to_owned();
    loop {
        let candidate = format!("{}\u{2026}", kept.trim_end());
        if kept.is_empty() || style.width(&candidate) <= max_width {
            return candidate;
        }
        kept.pop();
    }
}

/// Wraps `text` at the largest size from `style.size` down to `min_size` (1 pt steps) that needs
/// at most `max_lines` lines. If even `min_size` needs more, the text is cut after `max_lines`
/// lines and ends with "…", so the block never exceeds `max_lines` × the leading. Returns the
/// style with the size chosen, and the lines.
pub fn fit(
    text: &str,
    style: &TextStyle,
    max_width: f32,
    min_size: f32,
    max_lines: usize,
) -> (TextStyle, Vec<String>) {
    let max_lines = max_lines.max(1);
    let mut size = style.size;
    loop {
        let sized = style.size(size);
        let mut lines = wrap(text, &sized, max_width);
        if lines.len() <= max_lines {
            return (sized, lines);
        }
        if size - 1.0 < min_size {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                *last = ellipsize(last, &sized, max_width);
            }
            return (sized, lines);
        }
        size -= 1.0;
    }
}

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

/// Horizontal alignment of a text run relative to its anchor `x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A line of text placed on a page (kept for layout checks).
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// The text as shown (sanitized).
    pub text: String,
    /// Left edge and baseline, in points from the bottom-left corner.
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub style: TextStyle,
}

/// One page being drawn. Coordinates are PDF points from the bottom-left corner.
pub struct Page {
    pub width: f32,
    pub height: f32,
    content: Content,
    runs: Vec<TextRun>,
    letter_spacing: f32,
}

impl Page {
    pub fn new(width: f32, height: f32) -> Self {
        Page {
            width,
            height,
            content: Content::new(),
            runs: Vec::new(),
            letter_spacing: 0.0,
        }
    }

    pub fn a4_portrait() -> Self {
        Page::new(A4_SHORT, A4_LONG)
    }

    pub fn a4_landscape() -> Self {
        Page::new(A4_LONG, A4_SHORT)
    }

    /// The text runs drawn so far.
    pub fn runs(&self) -> &[TextRun] {
        &self.runs
    }

    /// Draws one line of text with its baseline at `y`, aligned on `x`. Returns its width.
    /// The line is not wrapped: use [`wrap`] or [`fit`] first for text of unknown length.
    pub fn text(&mut self, text: &str, x: f32, y: f32, style: &TextStyle, align: Align) -> f32 {
        let bytes = encode(text);
        let width = style.width_of_encoded(&bytes);
        let left = match align {
            Align::Left => x,
            Align::Center => x - width / 2.0,
            Align::Right => x - width,
        };
        let Rgb(r, g, b) = style.color;
        self.content.begin_text();
        self.content
            .set_font(style.font.resource_name(), style.size);
        if style.letter_spacing != self.letter_spacing {
            // Tc is part of the graphics state and outlives the text object.
            self.content.set_char_spacing(style.letter_spacing);
            self.letter_spacing = style.letter_spacing;
        }
        self.content.set_fill_rgb(r, g, b);
        self.content.next_line(left, y);
        self.content.show(Str(&bytes));
        self.content.end_text();
        self.runs.push(TextRun {
            text: bytes.into_iter().map(decode_byte).collect(),
            x: left,
            y,
            width,
            style: *style,
        });
        width
    }

    /// Draws `lines` with the first baseline at `y`, one [`TextStyle::leading`] apart. Returns
    /// the baseline the next line would have.
    pub fn lines(
        &mut self,
        lines: &[String],
        x: f32,
        y: f32,
        style: &TextStyle,
        align: Align,
    ) -> f32 {
        let mut y = y;
        for line in lines {
            self.text(line, x, y, style, align);
            y -= style.leading();
        }
        y
    }

    /// Strokes a rectangle (`x`, `y` = bottom-left corner).
    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, line_width: f32, color: Rgb) {
        let Rgb(r, g, b) = color;
        self.content.save_state();
        self.content.set_line_width(line_width);
        self.content.set_stroke_rgb(r, g, b);
        self.content.rect(x, y, w, h);
        self.content.stroke();
        self.content.restore_state();
    }

    /// Fills a rectangle (`x`, `y` = bottom-left corner); also how QR modules are drawn.
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        let Rgb(r, g, b) = color;
        self.content.save_state();
        self.content.set_fill_rgb(r, g, b);
        self.content.rect(x, y, w, h);
        self.content.fill_nonzero();
        self.content.restore_state();
    }

    /// Strokes a straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), line_width: f32, color: Rgb) {
        let Rgb(r, g, b) = color;
        self.content.save_state();
        self.content.set_line_width(line_width);
        self.content.set_stroke_rgb(r, g, b);
        self.content.move_to(from.0, from.1);
        self.content.line_to(to.0, to.1);
        self.content.stroke();
        self.content.restore_state();
    }
}

/// Paragraphs stacked top to bottom, measured before drawing so that a block can be centred
/// vertically or anchored at its bottom.
#[derive(Default)]
pub struct Stack {
    items: Vec<(Vec<String>, TextStyle, f32)>,
}

impl Stack {
    pub fn new() -> Self {
        Stack::default()
    }

    /// Adds already wrapped `lines` after a gap of `gap_before` points (ignored for the first
    /// paragraph). Empty `lines` add nothing.
    pub fn push(&mut self, lines: Vec<String>, style: TextStyle, gap_before: f32) -> &mut Self {
        if !lines.is_empty() {
            self.items.push((lines, style, gap_before));
        }
        self
    }

    /// Total height: every line takes its style's leading.
    pub fn height(&self) -> f32 {
        self.items
            .iter()
            .enumerate()
            .map(|(i, (lines, style, gap))| {
                let gap = if i == 0 { 0.0 } else { *gap };
                gap + lines.len() as f32 * style.leading()
            })
            .sum()
    }

    /// The `top` that puts the baseline of the last line at `baseline`.
    pub fn top_for_last_baseline(&self, baseline: f32) -> f32 {
        match self.items.last() {
            Some((_, style, _)) => {
                baseline + self.height() - style.leading() / 2.0 + 0.36 * style.size
            }
            None => baseline,
        }
    }

    /// Draws the stack with its top edge at `top`, each line aligned on `x`.
    pub fn draw(&self, page: &mut Page, x: f32, top: f32, align: Align) {
        let mut top = top;
        for (i, (lines, style, gap)) in self.items.iter().enumerate() {
            if i > 0 {
                top -= gap;
            }
            for line in lines {
                // Centre the capitals (cap height ≈ 0.72 em) in the line's box.
                let baseline = top - style.leading() / 2.0 - 0.36 * style.size;
                page.text(line, x, baseline, style, align);
                top -= style.leading();
            }
        }
    }
}

/// Writes `pages` as a PDF document titled `title`.
pub fn render(title: &str, pages: Vec<Page>) -> Vec<u8> {
    let catalog_id = Ref::new(1);
    let tree_id = Ref::new(2);
    let info_id = Ref::new(3);
    let font_ids = [Ref::new(4), Ref::new(5), Ref::new(6)];
    let page_ids: Vec<(Ref, Ref)> = (0..pages.len() as i32)
        .map(|i| (Ref::new(7 + 2 * i), Ref::new(8 + 2 * i)))
        .collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id).pages(tree_id).lang(TextStr("id"));
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|&(page, _)| page))
        .count(pages.len() as i32);
    for (font, id) in Font::ALL.into_iter().zip(font_ids) {
        pdf.type1_font(id)
            .base_font(Name(font.base_font()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    for (page, (page_id, content_id)) in pages.into_iter().zip(page_ids) {
        let mut writer = pdf.page(page_id);
        writer
            .parent(tree_id)
            .media_box(Rect::new(0.0, 0.0, page.width, page.height))
            .contents(content_id);
        {
            let mut resources = writer.resources();
            let mut fonts = resources.fonts();
            for (font, id) in Font::ALL.into_iter().zip(font_ids) {
                fonts.pair(font.resource_name(), id);
            }
        }
        writer.finish();
        pdf.stream(content_id, &page.content.finish());
    }
    pdf.document_info(info_id)
        .title(TextStr(title))
        .producer(TextStr("Pembina"));
    pdf.finish()
}

// ---------------------------------------------------------------------------------------------
// The certificate
// ---------------------------------------------------------------------------------------------

/// What a training certificate shows.
#[derive(Clone, Debug)]
pub struct CertificateData {
    /// Issuing agency, e.g. "Pemerintah Provinsi Bengkulu".
    pub agency_name: String,
    /// Full name with academic titles, e.g. "dr. Siti Aminah, M.Kes.".
    pub employee_name: String,
    /// 18 digits; shown grouped ("19850312 201001 2 003").
    pub nip: String,
    pub programme_title: String,
    /// E.g. "Angkatan I 2026".
    pub session_name: String,
    pub start_date: Option<NaiveDate>,
    /// Completion date.
    pub end_date: NaiveDate,
    /// Learning hours (jam pelajaran), already formatted: "24", "12,5".
    pub jp: String,
    /// E.g. "PBN-7K3M-Q9XA".
    pub verification_code: String,
    /// E.g. "https://pembina.example/c/PBN-7K3M-Q9XA".
    pub verification_url: String,
    pub issued_on: NaiveDate,
}

/// Outer and inner frame insets and the text margin of the certificate.
const OUTER_INSET: f32 = 20.0;
const INNER_INSET: f32 = 28.0;
const TEXT_MARGIN: f32 = 64.0;
/// Widest centred line in the middle of the certificate.
const BODY_WIDTH: f32 = 680.0;
/// Baseline of the lowest footer line.
const FOOTER_BASELINE: f32 = 62.0;

fn certificate_page(data: &CertificateData) -> Page {
    let mut page = Page::a4_landscape();
    let (w, h) = (page.width, page.height);
    let cx = w / 2.0;

    // Frame: a navy border, a thin gold one inside it, gold squares in the inner corners.
    page.stroke_rect(
        OUTER_INSET,
        OUTER_INSET,
        w - 2.0 * OUTER_INSET,
        h - 2.0 * OUTER_INSET,
        2.5,
        Rgb::NAVY,
    );
    page.stroke_rect(
        INNER_INSET,
        INNER_INSET,
        w - 2.0 * INNER_INSET,
        h - 2.0 * INNER_INSET,
        0.8,
        Rgb::GOLD,
    );
    let sq = 7.0;
    for (x, y) in [
        (INNER_INSET, INNER_INSET),
        (w - INNER_INSET, INNER_INSET),
        (INNER_INSET, h - INNER_INSET),
        (w - INNER_INSET, h - INNER_INSET),
    ] {
        page.fill_rect(x - sq / 2.0, y - sq / 2.0, sq, sq, Rgb::GOLD);
    }

    // Header: agency, "SERTIFIKAT", a gold rule.
    let agency_style = TextStyle::new(Font::HelveticaBold, 13.0)
        .color(Rgb::NAVY)
        .spacing(1.2);
    let (agency_style, agency_lines) = fit(
        &data.agency_name.to_uppercase(),
        &agency_style,
        BODY_WIDTH - 40.0,
        10.0,
        2,
    );
    let heading_style = TextStyle::new(Font::HelveticaBold, 44.0)
        .color(Rgb::NAVY)
        .spacing(8.0);
    let mut header = Stack::new();
    header.push(agency_lines, agency_style, 0.0).push(
        vec!["SERTIFIKAT".to_owned()],
        heading_style,
        10.0,
    );
    let header_top = h - INNER_INSET - 22.0;
    header.draw(&mut page, cx, header_top, Align::Center);
    let rule_y = header_top - header.height() - 4.0;
    page.line((cx - 70.0, rule_y), (cx + 70.0, rule_y), 1.2, Rgb::GOLD);

    // Footer, anchored at the bottom: verification on the left, issue on the right.
    let small = TextStyle::new(Font::Helvetica, 10.0).color(Rgb::GREY);
    let small_bold = TextStyle::new(Font::HelveticaBold, 10.0).color(Rgb::INK);
    let left_x = TEXT_MARGIN;
    let label = "Kode verifikasi: ";
    let url_lines = wrap(
        &format!("Periksa keaslian di: {}", data.verification_url),
        &small,
        340.0,
    );
    let code_y = FOOTER_BASELINE + url_lines.len() as f32 * small.leading();
    let label_width = page.text(label, left_x, code_y, &small, Align::Left);
    // Codes are short; a long one is shrunk and cut rather than run into the issue block.
    let (code_style, code_lines) = fit(
        &data.verification_code,
        &small_bold,
        340.0 - label_width,
        7.0,
        1,
    );
    if let Some(code) = code_lines.first() {
        page.text(code, left_x + label_width, code_y, &code_style, Align::Left);
    }
    page.lines(
        &url_lines,
        left_x,
        code_y - small.leading(),
        &small,
        Align::Left,
    );
    let left_top = code_y + small.size;

    let issue_style = TextStyle::new(Font::Helvetica, 11.0).color(Rgb::INK);
    let issuer_style = TextStyle::new(Font::HelveticaBold, 11.0).color(Rgb::NAVY);
    let issuer_width = 300.0;
    let issuer_x = w - TEXT_MARGIN - issuer_width / 2.0;
    let (issuer_style, issuer_lines) = fit(&data.agency_name, &issuer_style, issuer_width, 9.0, 2);
    let mut issue = Stack::new();
    issue
        .push(
            vec![format!("Diterbitkan pada {}", tanggal(data.issued_on))],
            issue_style,
            0.0,
        )
        .push(issuer_lines, issuer_style, 2.0);
    let issue_top = issue.top_for_last_baseline(FOOTER_BASELINE);
    issue.draw(&mut page, issuer_x, issue_top, Align::Center);
    page.line(
        (issuer_x - 110.0, issue_top + 8.0),
        (issuer_x + 110.0, issue_top + 8.0),
        0.6,
        Rgb::GOLD,
    );
    let footer_top = left_top.max(issue_top + 8.0);

    // Body, centred vertically between the rule and the footer: shrunk if it would not fit,
    // and with roomier gaps when it is short.
    let region_top = rule_y - 14.0;
    let region_bottom = footer_top + 18.0;
    let room = region_top - region_bottom;
    let mut scale = 1.0;
    let mut body = certificate_body(data, scale, 0.0);
    while body.height() > room && scale > 0.5 {
        scale -= 0.05;
        body = certificate_body(data, scale, 0.0);
    }
    let extra_gap = ((room - body.height()) * 0.4).clamp(0.0, 48.0) / 3.0;
    let body = certificate_body(data, scale, extra_gap);
    let slack = (room - body.height()).max(0.0);
    body.draw(&mut page, cx, region_top - slack / 2.0, Align::Center);

    page
}

/// The middle of the certificate, from "Diberikan kepada" to the dates and JP. `scale` shrinks
/// every font; `extra_gap` is added to the three gaps between its groups.
fn certificate_body(data: &CertificateData, scale: f32, extra_gap: f32) -> Stack {
    let style = |font, size: f32| TextStyle::new(font, size * scale);
    let lead = style(Font::HelveticaOblique, 14.0).color(Rgb::GREY);
    let (name_style, name_lines) = fit(
        &data.employee_name,
        &style(Font::HelveticaBold, 32.0).color(Rgb::NAVY),
        BODY_WIDTH,
        18.0 * scale,
        2,
    );
    let nip = format_nip(&data.nip);
    let nip_style = style(Font::Helvetica, 13.0);
    let nip_lines = if nip.is_empty() {
        Vec::new()
    } else {
        wrap(&format!("NIP {nip}"), &nip_style, BODY_WIDTH)
    };
    let (title_style, title_lines) = fit(
        &data.programme_title,
        &style(Font::HelveticaBold, 22.0).color(Rgb::INK),
        BODY_WIDTH,
        12.0 * scale,
        3,
    );
    let (session_style, session_lines) = fit(
        &data.session_name,
        &style(Font::Helvetica, 14.0),
        BODY_WIDTH,
        11.0 * scale,
        1,
    );
    let when = format!(
        "pada tanggal {} dengan beban belajar {} JP",
        date_range(data.start_date, data.end_date),
        data.jp.trim()
    );
    let (when_style, when_lines) = fit(
        &when,
        &style(Font::Helvetica, 14.0),
        BODY_WIDTH,
        11.0 * scale,
        2,
    );

    let mut body = Stack::new();
    body.push(vec!["Diberikan kepada".to_owned()], lead, 0.0)
        .push(name_lines, name_style, 6.0 + extra_gap)
        .push(nip_lines, nip_style, 2.0)
        .push(
            vec!["telah menyelesaikan".to_owned()],
            lead,
            14.0 + extra_gap,
        )
        .push(title_lines, title_style, 6.0)
        .push(session_lines, session_style, 6.0)
        .push(when_lines, when_style, 10.0 + extra_gap);
    body
}

/// Renders a training certificate: one A4 landscape page, in Bahasa Indonesia.
pub fn certificate(data: &CertificateData) -> Vec<u8> {
    let page = certificate_page(data);
    render(
        &format!("Sertifikat \u{2013} {}", data.employee_name.trim()),
        vec![page],
    )
}

// ---------------------------------------------------------------------------------------------
// The rating poster
// ---------------------------------------------------------------------------------------------

/// What a unit's A4 rating poster shows.
#[derive(Clone, Debug)]
pub struct RatingPosterData {
    /// E.g. "Pemerintah Kota Bengkulu".
    pub agency_name: String,
    /// E.g. "Puskesmas Jembatan Kecil".
    pub unit_name: String,
    /// The unit's rating link, encoded in the QR code and printed beneath it.
    pub url: String,
}

/// Frame inset and text width of the poster.
const POSTER_INSET: f32 = 24.0;
const POSTER_TEXT_WIDTH: f32 = 470.0;
/// Side of the QR code, quiet zone included, and the baseline-free band it sits in.
const POSTER_QR_SIDE: f32 = 300.0;
const POSTER_QR_TOP: f32 = 600.0;

/// Draws `m` with its quiet zone as a square of `side` points, top-left corner at (`x`, `top`).
/// Each row's runs of dark modules become one rectangle.
fn draw_qr(page: &mut Page, m: &crate::qr::QrMatrix, x: f32, top: f32, side: f32) {
    let modules = (m.size + 2 * crate::qr::QUIET_ZONE) as f32;
    let unit = side / modules;
    let q = crate::qr::QUIET_ZONE as f32;
    for row in 0..m.size {
        let mut col = 0;
        while col < m.size {
            if !m.is_dark(col, row) {
                col += 1;
                continue;
            }
            let start = col;
            while col < m.size && m.is_dark(col, row) {
                col += 1;
            }
            let y = top - (q + row as f32 + 1.0) * unit;
            page.fill_rect(
                x + (q + start as f32) * unit,
                y,
                (col - start) as f32 * unit,
                unit,
                Rgb::BLACK,
            );
        }
    }
}

fn rating_poster_page(data: &RatingPosterData, m: &crate::qr::QrMatrix) -> Page {
    let mut page = Page::a4_portrait();
    let (w, h) = (page.width, page.height);
    let cx = w / 2.0;
    page.stroke_rect(
        POSTER_INSET,
        POSTER_INSET,
        w - 2.0 * POSTER_INSET,
        h - 2.0 * POSTER_INSET,
        2.5,
        Rgb::NAVY,
    );

    let agency = TextStyle::new(Font::HelveticaBold, 13.0)
        .color(Rgb::NAVY)
        .spacing(1.2);
    let (agency, lines) = fit(
        &data.agency_name.to_uppercase(),
        &agency,
        POSTER_TEXT_WIDTH,
        9.0,
        1,
    );
    page.lines(&lines, cx, h - 72.0, &agency, Align::Center);
    let heading = TextStyle::new(Font::HelveticaBold, 24.0)
        .color(Rgb::NAVY)
        .spacing(1.5);
    page.text(
        "SURVEI KEPUASAN MASYARAKAT",
        cx,
        h - 112.0,
        &heading,
        Align::Center,
    );
    page.line(
        (cx - 90.0, h - 128.0),
        (cx + 90.0, h - 128.0),
        1.5,
        Rgb::GOLD,
    );
    let question = TextStyle::new(Font::Helvetica, 17.0);
    page.text(
        "Bagaimana pelayanan kami hari ini?",
        cx,
        h - 158.0,
        &question,
        Align::Center,
    );
    let unit = TextStyle::new(Font::HelveticaBold, 22.0).color(Rgb::NAVY);
    let (unit, lines) = fit(&data.unit_name, &unit, POSTER_TEXT_WIDTH, 14.0, 2);
    page.lines(&lines, cx, h - 196.0, &unit, Align::Center);

    draw_qr(
        &mut page,
        m,
        cx - POSTER_QR_SIDE / 2.0,
        POSTER_QR_TOP,
        POSTER_QR_SIDE,
    );

    let bottom = POSTER_QR_TOP - POSTER_QR_SIDE;
    let scan = TextStyle::new(Font::HelveticaBold, 15.0);
    page.text(
        "Pindai kode QR dengan kamera ponsel Anda",
        cx,
        bottom - 18.0,
        &scan,
        Align::Center,
    );
    let note = TextStyle::new(Font::Helvetica, 11.5).color(Rgb::GREY);
    let lines = wrap(
        "Tanpa nama, tanpa NIK, kurang dari satu menit. Penilaian Anda membantu kami \
         memperbaiki pelayanan.",
        &note,
        POSTER_TEXT_WIDTH,
    );
    let next = page.lines(&lines, cx, bottom - 42.0, &note, Align::Center);
    let small = TextStyle::new(Font::Helvetica, 9.0).color(Rgb::GREY);
    page.text(
        "Tidak bisa memindai? Buka alamat ini:",
        cx,
        next - 8.0,
        &small,
        Align::Center,
    );
    let url = TextStyle::new(Font::HelveticaBold, 9.0).color(Rgb::INK);
    let lines = wrap(&data.url, &url, POSTER_TEXT_WIDTH);
    page.lines(
        &lines,
        cx,
        next - 8.0 - small.leading(),
        &url,
        Align::Center,
    );
    let footer = TextStyle::new(Font::HelveticaOblique, 8.0).color(Rgb::GREY);
    page.text(
        "Survei Kepuasan Masyarakat menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017",
        cx,
        POSTER_INSET + 20.0,
        &footer,
        Align::Center,
    );
    page
}

/// The unit's A4 rating poster: its name, the QR code of its link and the link in print.
/// `None` only when the link is too long for a QR code.
pub fn rating_poster(data: &RatingPosterData) -> Option<Vec<u8>> {
    let m = crate::qr::QrMatrix::encode(&data.url)?;
    let page = rating_poster_page(data, &m);
    Some(render(
        &format!(
            "Survei Kepuasan Masyarakat \u{2013} {}",
            data.unit_name.trim()
        ),
        vec![page],
    ))
}

// ---------------------------------------------------------------------------------------------
// Font metrics
// ---------------------------------------------------------------------------------------------

/// Helvetica (and Helvetica-Oblique) advance widths for WinAnsi codes 32..=255, in 1/1000 em,
/// from Adobe's Core 14 AFM metrics; 0 for unused codes.
#[rustfmt::skip]
const HELVETICA_WIDTHS: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 578, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// Helvetica-Bold advance widths for WinAnsi codes 32..=255, in 1/1000 em, from Adobe's Core 14
/// AFM metrics; 0 for unused codes.
#[rustfmt::skip]
const HELVETICA_BOLD_WIDTHS: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn sample() -> CertificateData {
        CertificateData {
            agency_name: "Pemerintah Provinsi Bengkulu".into(),
            employee_name: "dr. Siti Aminah, M.Kes.".into(),
            nip: "198503122010012003".into(),
            programme_title: "Pelatihan Kepemimpinan Pengawas".into(),
            session_name: "Angkatan I 2026".into(),
            start_date: Some(date(2026, 3, 1)),
            end_date: date(2026, 3, 3),
            jp: "24".into(),
            verification_code: "PBN-7K3M-Q9XA".into(),
            verification_url: "https://pembina.example/c/PBN-7K3M-Q9XA".into(),
            issued_on: date(2026, 3, 5),
        }
    }

    /// The text of page 1, as a PDF reader extracts it from the content stream.
    fn page_text(pdf: &[u8]) -> String {
        let doc = lopdf::Document::load_mem(pdf).expect("lopdf parses the PDF");
        assert_eq!(doc.get_pages().len(), 1);
        doc.extract_text(&[1]).expect("text extraction")
    }

    fn assert_pdf_envelope(pdf: &[u8]) {
        assert!(pdf.starts_with(b"%PDF-"), "no %PDF- header");
        assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"), "no %%EOF trailer");
    }

    /// Every text run lies inside the inner frame, and no two runs overlap.
    fn assert_layout_sound(page: &Page) {
        let runs = page.runs();
        for run in runs {
            assert!(
                run.x >= INNER_INSET + 8.0 && run.x + run.width <= page.width - INNER_INSET - 8.0,
                "run off the frame horizontally: {run:?}"
            );
            assert!(
                run.y - 0.25 * run.style.size >= INNER_INSET + 8.0
                    && run.y + run.style.size <= page.height - INNER_INSET - 8.0,
                "run off the frame vertically: {run:?}"
            );
        }
        let bbox = |r: &TextRun| {
            (
                r.x,
                r.x + r.width,
                r.y - 0.21 * r.style.size,
                r.y + 0.72 * r.style.size,
            )
        };
        for (i, a) in runs.iter().enumerate() {
            for b in &runs[i + 1..] {
                let (ax0, ax1, ay0, ay1) = bbox(a);
                let (bx0, bx1, by0, by1) = bbox(b);
                let overlap = ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1;
                assert!(!overlap, "runs overlap:\n{a:?}\n{b:?}");
            }
        }
    }

    fn poster() -> RatingPosterData {
        RatingPosterData {
            agency_name: "Pemerintah Kota Bengkulu".into(),
            unit_name: "Puskesmas Jembatan Kecil".into(),
            url: "https://pembina.example/r/1771-PKM-JK?t=Qm9vbXNoYWthbGFrYTEyMz".into(),
        }
    }

    #[test]
    fn the_rating_poster_shows_the_unit_the_code_and_the_link() {
        let pdf = rating_poster(&poster()).expect("poster");
        assert_pdf_envelope(&pdf);
        let text = page_text(&pdf);
        for expected in [
            "PEMERINTAH KOTA BENGKULU",
            "SURVEI KEPUASAN MASYARAKAT",
            "Puskesmas Jembatan Kecil",
            "Pindai kode QR",
            "tanpa NIK",
            "https://pembina.example/r/1771-PKM-JK?t=Qm9vbXNoYWthbGFrYTEyMz",
            "Nomor 14 Tahun 2017",
        ] {
            assert!(text.contains(expected), "{expected:?} not in:\n{text}");
        }
    }

    #[test]
    fn the_posters_text_stays_clear_of_the_code_and_inside_the_frame() {
        let data = RatingPosterData {
            unit_name: "Unit Pelaksana Teknis Daerah Pusat Kesehatan Masyarakat Rawat Inap \
                        Kecamatan Selebar Kota Bengkulu"
                .into(),
            ..poster()
        };
        let m = crate::qr::QrMatrix::encode(&data.url).expect("fits");
        let page = rating_poster_page(&data, &m);
        assert_eq!((page.width, page.height), (A4_SHORT, A4_LONG));
        let qr_bottom = POSTER_QR_TOP - POSTER_QR_SIDE;
        for run in page.runs() {
            let (top, bottom) = (run.y + 0.72 * run.style.size, run.y - 0.21 * run.style.size);
            assert!(
                bottom >= POSTER_QR_TOP || top <= qr_bottom,
                "text over the QR code: {run:?}"
            );
            assert!(
                run.x >= POSTER_INSET && run.x + run.width <= page.width - POSTER_INSET,
                "{run:?}"
            );
            assert!(
                bottom >= POSTER_INSET && top <= page.height - POSTER_INSET,
                "{run:?}"
            );
        }
        assert!(
            rating_poster(&RatingPosterData {
                url: "x".repeat(5000),
                ..poster()
            })
            .is_none()
        );
    }

    #[test]
    fn certificate_is_a_pdf_showing_the_data() {
        let pdf = certificate(&sample());
        assert_pdf_envelope(&pdf);
        let text = page_text(&pdf);
        for expected in [
            "PEMERINTAH PROVINSI BENGKULU",
            "SERTIFIKAT",
            "Diberikan kepada",
            "dr. Siti Aminah, M.Kes.",
            "NIP 19850312 201001 2 003",
            "telah menyelesaikan",
            "Pelatihan Kepemimpinan Pengawas",
            "Angkatan I 2026",
            "pada tanggal 1\u{2013}3 Maret 2026 dengan beban belajar 24 JP",
            "Diterbitkan pada 5 Maret 2026",
            "Pemerintah Provinsi Bengkulu",
            "PBN-7K3M-Q9XA",
            "Kode verifikasi:",
            "Periksa keaslian di: https://pembina.example/c/PBN-7K3M-Q9XA",
        ] {
            assert!(
                text.contains(expected),
                "{expected:?} not in page text:\n{text}"
            );
        }
        assert_layout_sound(&certificate_page(&sample()));
    }

    #[test]
    fn certificate_page_is_a4_landscape_and_centred() {
        let page = certificate_page(&sample());
        assert_eq!((page.width, page.height), (A4_LONG, A4_SHORT));
        let heading = page
            .runs()
            .iter()
            .find(|r| r.text == "SERTIFIKAT")
            .expect("heading drawn");
        let centre = heading.x + heading.width / 2.0;
        assert!(
            (centre - A4_LONG / 2.0).abs() < 0.01,
            "heading centre {centre}"
        );
    }

    #[test]
    fn long_programme_title_wraps_inside_the_page() {
        let mut title = String::new();
        let words = [
            "Pelatihan",
            "Teknis",
            "Penguatan",
            "Kapasitas",
            "Aparatur",
            "Sipil",
            "Negara",
            "dalam",
            "Perencanaan,",
            "Penganggaran",
            "dan",
            "Evaluasi",
            "Kinerja",
            "Pemerintah",
            "Daerah",
            "Berbasis",
            "Elektronik",
        ];
        for word in words.iter().cycle() {
            if title.len() + word.len() + 1 > 300 {
                break;
            }
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(word);
        }
        while title.len() < 300 {
            title.push('x');
        }
        assert_eq!(title.len(), 300);
        let data = CertificateData {
            programme_title: title.clone(),
            ..sample()
        };
        let page = certificate_page(&data);
        let title_runs: Vec<&TextRun> = page
            .runs()
            .iter()
            .filter(|r| r.style.font == Font::HelveticaBold && title.contains(r.text.as_str()))
            .filter(|r| r.text.split(' ').count() > 1)
            .collect();
        assert!(title_runs.len() >= 2, "title not wrapped: {title_runs:?}");
        for run in &title_runs {
            assert!(run.width <= BODY_WIDTH + 0.01, "line too wide: {run:?}");
            assert!(run.x >= TEXT_MARGIN - 0.01 && run.x + run.width <= A4_LONG - TEXT_MARGIN);
        }
        let joined: Vec<&str> = title_runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(joined.join(" "), title, "the whole title is shown");
        assert_layout_sound(&page);

        let pdf = certificate(&data);
        assert_pdf_envelope(&pdf);
        let text = page_text(&pdf);
        for run in &title_runs {
            assert!(text.contains(&run.text), "{:?} not in page text", run.text);
        }
    }

    #[test]
    fn extreme_input_stays_on_the_page() {
        let long = "Sangat Panjang ".repeat(60);
        let data = CertificateData {
            agency_name: format!("Badan Pengembangan Sumber Daya Manusia {long}"),
            employee_name: format!("Prof. Dr. Ir. {long} M.Sc."),
            nip: "1234".into(),
            programme_title: long.repeat(3),
            session_name: long.clone(),
            start_date: Some(date(2025, 12, 30)),
            end_date: date(2026, 1, 2),
            jp: "1.234,5".into(),
            verification_code: "PBN-".repeat(40),
            verification_url: format!("https://pembina.example/c/{}", "X".repeat(200)),
            issued_on: date(2026, 1, 5),
        };
        let page = certificate_page(&data);
        assert_layout_sound(&page);
        // Cut text ends with an ellipsis rather than leaving the page.
        assert!(page.runs().iter().any(|r| r.text.ends_with('\u{2026}')));
        assert_pdf_envelope(&certificate(&data));
    }

    #[test]
    fn characters_outside_the_font_do_not_panic() {
        let data = CertificateData {
            employee_name: "Ñoño Łukasz Nguyễn Ā e\u{301} \u{1F600}\u{1F44D}\u{1F3FD} 中文 \u{0}\t"
                .into(),
            programme_title: "Pelatihan \u{201C}Café\u{201D} \u{2014} Tahap \u{2160}".into(),
            ..sample()
        };
        let pdf = certificate(&data);
        assert_pdf_envelope(&pdf);
        let text = page_text(&pdf);
        assert!(text.contains("Ñoño Lukasz Nguy?n A e ?? ??"), "{text}");
        assert!(text.contains("Café"), "{text}");
        assert_eq!(
            sanitize("a\u{2013}b \u{2026} \u{20AC}"),
            "a\u{2013}b \u{2026} \u{20AC}"
        );
        assert_eq!(encode("\u{2013}\u{20AC}é"), vec![0x96, 0x80, 0xE9]);
    }

    #[test]
    fn indonesian_dates() {
        assert_eq!(tanggal(date(2026, 3, 3)), "3 Maret 2026");
        assert_eq!(tanggal(date(2025, 12, 31)), "31 Desember 2025");
        assert_eq!(tanggal(date(2026, 1, 1)), "1 Januari 2026");
        let months: Vec<&str> = (1..=12).map(nama_bulan).collect();
        assert_eq!(months[1], "Februari");
        assert_eq!(months[4], "Mei");
        assert_eq!(months[7], "Agustus");
        assert_eq!(nama_bulan(0), "?");
        assert_eq!(nama_bulan(13), "?");

        // Single day.
        assert_eq!(date_range(None, date(2026, 3, 3)), "3 Maret 2026");
        assert_eq!(
            date_range(Some(date(2026, 3, 3)), date(2026, 3, 3)),
            "3 Maret 2026"
        );
        // Within a month.
        assert_eq!(
            date_range(Some(date(2026, 3, 1)), date(2026, 3, 3)),
            "1\u{2013}3 Maret 2026"
        );
        // Across months.
        assert_eq!(
            date_range(Some(date(2026, 2, 28)), date(2026, 3, 3)),
            "28 Februari \u{2013} 3 Maret 2026"
        );
        // Across years.
        assert_eq!(
            date_range(Some(date(2025, 12, 30)), date(2026, 1, 2)),
            "30 Desember 2025 \u{2013} 2 Januari 2026"
        );
        // Same month of different years is across years, not within a month.
        assert_eq!(
            date_range(Some(date(2025, 3, 1)), date(2026, 3, 3)),
            "1 Maret 2025 \u{2013} 3 Maret 2026"
        );
        // Reversed ends are put in order.
        assert_eq!(
            date_range(Some(date(2026, 3, 3)), date(2026, 3, 1)),
            "1\u{2013}3 Maret 2026"
        );
    }

    #[test]
    fn nip_grouping() {
        assert_eq!(format_nip("198503122010012003"), "19850312 201001 2 003");
        assert_eq!(
            format_nip(" 19850312 201001 2 003 "),
            "19850312 201001 2 003"
        );
        assert_eq!(format_nip("1985031220100120"), "1985031220100120");
        assert_eq!(format_nip("19850312201001200X"), "19850312201001200X");
        assert_eq!(format_nip("  "), "");
        assert_eq!(format_nip("١٩٨٥٠٣١٢٢٠١٠٠١٢٠٠٣"), "١٩٨٥٠٣١٢٢٠١٠٠١٢٠٠٣");
    }

    #[test]
    fn wrapping_and_fitting() {
        let style = TextStyle::new(Font::Helvetica, 10.0);
        // Exact AFM widths: "Hi" = (722 + 222) / 1000 × 10 pt.
        assert!((style.width("Hi") - 9.44).abs() < 1e-4);
        assert!((style.spacing(2.0).width("Hi") - 11.44).abs() < 1e-4);
        assert!(wrap("", &style, 100.0).is_empty());
        assert!(wrap("   ", &style, 100.0).is_empty());
        assert_eq!(wrap("a  b\nc", &style, 100.0), vec!["a b c"]);

        let lines = wrap("satu dua tiga empat lima enam tujuh", &style, 60.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| style.width(l) <= 60.0));
        assert_eq!(lines.join(" "), "satu dua tiga empat lima enam tujuh");

        // A word wider than the line is broken between characters.
        let url = format!("https://pembina.example/{}", "a".repeat(100));
        let lines = wrap(&url, &style, 80.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| style.width(l) <= 80.0));
        assert_eq!(lines.concat(), url);
        // Even when not one character fits, each line takes one and the loop ends.
        assert_eq!(wrap("WW", &style, 1.0), vec!["W", "W"]);

        let (sized, lines) = fit("satu dua tiga", &style.size(20.0), 200.0, 8.0, 1);
        assert_eq!((sized.size, lines.len()), (20.0, 1));
        let (sized, lines) = fit(&"kata ".repeat(100), &style.size(20.0), 200.0, 8.0, 2);
        assert_eq!((sized.size, lines.len()), (8.0, 2));
        assert!(lines[1].ends_with('\u{2026}'));
        assert!(lines.iter().all(|l| sized.width(l) <= 200.0));
    }

    /// Writes a sample to the temp dir for a look: `cargo test -p pembina-api --lib
    /// pdf::tests::write_sample -- --ignored`.
    #[test]
    #[ignore = "writes a file for manual inspection"]
    fn write_sample() {
        let path = std::env::temp_dir().join("cert.pdf");
        std::fs::write(&path, certificate(&sample())).expect("write sample");
        let long = CertificateData {
            employee_name: "Prof. Dr. Ir. Raden Mas Bagus Setyo Wicaksono Hadiningrat, S.H., M.Hum., M.Sc., Ph.D.".into(),
            programme_title: "Pelatihan Teknis Penguatan Kapasitas Aparatur Sipil Negara dalam Perencanaan, Penganggaran dan Evaluasi Kinerja Pemerintah Daerah Berbasis Elektronik serta Pengelolaan Barang Milik Daerah pada Organisasi Perangkat Daerah di Lingkungan Pemerintah Provinsi Bengkulu Tahun Anggaran 2026".into(),
            agency_name: "Badan Pengembangan Sumber Daya Manusia Pemerintah Provinsi Nusa Tenggara Timur".into(),
            start_date: Some(date(2026, 2, 28)),
            ..sample()
        };
        let path = std::env::temp_dir().join("cert-long.pdf");
        std::fs::write(&path, certificate(&long)).expect("write sample");
    }
}
