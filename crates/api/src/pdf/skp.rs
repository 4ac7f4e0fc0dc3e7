//! The SKP document (Sasaran Kinerja Pegawai) as the official form lays it out: A4 portrait, in
//! Bahasa Indonesia, with the identities of the employee (pegawai yang dinilai) and the rater
//! (pejabat penilai kinerja), the work results by section, the BerAKHLAK behaviour with the
//! leader's expectations, the quarterly and annual evaluation, and the signature places.
//!
//! The layout is a flow of blocks down the page: [`Flow`] keeps the cursor and starts a new page
//! when a block does not fit, and [`Table`] draws bordered rows whose cells are word-wrapped. A
//! row taller than the room left is split between pages (line by line, cell by cell) and a table
//! repeats its header row on every page it continues on, so text of any length is shown whole.

use chrono::NaiveDate;
use pembina_domain::appraisal::behaviour::CoreValue;
use pembina_domain::appraisal::periodic::triwulan;
use pembina_domain::appraisal::plan::{Approach, Section};
use pembina_domain::appraisal::predikat::{Predikat, Rating};
use pembina_domain::appraisal::workflow::PlanState;

use super::{
    A4_LONG, A4_SHORT, Align, Font, Page, Rgb, TextStyle, date_range, fit, format_nip, tanggal,
    wrap,
};

// ---------------------------------------------------------------------------------------------
// What the document shows
// ---------------------------------------------------------------------------------------------

/// An employee as the form names them.
#[derive(Clone, Debug, Default)]
pub struct Person {
    /// With academic titles.
    pub name: String,
    /// 18 digits; printed grouped.
    pub nip: String,
    /// Pangkat/golongan ruang.
    pub rank: Option<String>,
    pub position: Option<String>,
    pub unit: Option<String>,
}

/// What a result achieved in one quarter.
#[derive(Clone, Debug)]
pub struct QuarterRealisation {
    /// 1-4.
    pub quarter: i16,
    pub text: String,
    /// How many evidence files are attached.
    pub evidence_files: usize,
}

/// One work result (rencana hasil kerja).
#[derive(Clone, Debug)]
pub struct ResultRow {
    pub section: Section,
    pub description: String,
    /// The leader's result it supports (intervened), if any.
    pub supports: Option<String>,
    pub indicator: String,
    pub target: String,
    pub approach: Approach,
    /// By quarter.
    pub realisations: Vec<QuarterRealisation>,
}

/// The rater's evaluation of one quarter.
#[derive(Clone, Debug)]
pub struct Periodic {
    pub quarter: i16,
    pub results: Rating,
    pub behaviour: Rating,
    pub predikat: Predikat,
    pub note: Option<String>,
}

/// The year's evaluation.
#[derive(Clone, Copy, Debug)]
pub struct Evaluation {
    pub results: Rating,
    pub behaviour: Rating,
    pub predikat: Predikat,
}

/// Everything the printed SKP shows.
#[derive(Clone, Debug)]
pub struct SkpDocument {
    pub agency_name: String,
    /// Where the form is signed: the agency's seat.
    pub place: String,
    pub year: i32,
    pub state: PlanState,
    pub employee: Person,
    pub rater: Person,
    pub results: Vec<ResultRow>,
    /// All seven values in the official order, with the leader's expectation if any.
    pub behaviours: Vec<(CoreValue, Option<String>)>,
    pub periodic: Vec<Periodic>,
    pub evaluation: Option<Evaluation>,
    /// The functional credit of the year, already formatted; none for other posts.
    pub credit: Option<String>,
    /// The date printed by the place of signing.
    pub printed_on: NaiveDate,
}

// ---------------------------------------------------------------------------------------------
// Geometry and styles
// ---------------------------------------------------------------------------------------------

const LEFT: f32 = 40.0;
const RIGHT: f32 = A4_SHORT - 40.0;
const WIDTH: f32 = RIGHT - LEFT;
/// The top of the content area.
const TOP: f32 = A4_LONG - 40.0;
/// The bottom of the content area; the footer sits below it.
const BOTTOM: f32 = 50.0;
const FOOTER_BASELINE: f32 = 28.0;
/// Space between a cell's border and its text.
const PAD: f32 = 3.5;
const BORDER: f32 = 0.5;
const SHADE: Rgb = Rgb(0.88, 0.90, 0.93);
const BAND: Rgb = Rgb(0.95, 0.95, 0.96);

fn body() -> TextStyle {
    TextStyle::new(Font::Helvetica, 8.5)
}

fn bold() -> TextStyle {
    TextStyle::new(Font::HelveticaBold, 8.5)
}

fn note() -> TextStyle {
    TextStyle::new(Font::HelveticaOblique, 7.5).color(Rgb::GREY)
}

/// Where the baseline of a line sits below the top of its line box: the glyphs (cap height
/// 0.72 em, descender 0.21 em) centred in the box of one leading.
fn baseline_offset(style: &TextStyle) -> f32 {
    (style.leading() - 0.93 * style.size) / 2.0 + 0.72 * style.size
}

// ---------------------------------------------------------------------------------------------
// Flow and tables
// ---------------------------------------------------------------------------------------------

/// Pages being filled top to bottom.
struct Flow {
    pages: Vec<Page>,
    /// The top of the next block on the current page.
    y: f32,
    /// Where the current page's body starts (below a repeated table header).
    body_top: f32,
}

impl Flow {
    fn new() -> Self {
        Flow {
            pages: vec![Page::a4_portrait()],
            y: TOP,
            body_top: TOP,
        }
    }

    fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn room(&self) -> f32 {
        self.y - BOTTOM
    }

    fn new_page(&mut self) {
        self.pages.push(Page::a4_portrait());
        self.y = TOP;
        self.body_top = TOP;
    }

    /// Starts a new page unless `height` fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.room() < height && self.y < TOP {
            self.new_page();
        }
    }

    fn gap(&mut self, h: f32) {
        self.y -= h;
    }

    /// A section heading such as "HASIL KERJA", kept with `keep` points of what follows.
    fn heading(&mut self, text: &str, keep: f32) {
        let style = TextStyle::new(Font::HelveticaBold, 9.5).color(Rgb::NAVY);
        self.ensure(style.leading() + 4.0 + keep);
        let y = self.y - baseline_offset(&style);
        self.page().text(text, LEFT, y, &style, Align::Left);
        self.y -= style.leading() + 3.0;
    }
}

/// One line of a cell, with the space above it.
#[derive(Clone, Debug)]
struct Line {
    text: String,
    style: TextStyle,
    gap_before: f32,
}

/// The content of one cell: word-wrapped lines, top-aligned.
#[derive(Clone, Debug)]
struct Cell {
    lines: Vec<Line>,
    /// How many columns the cell covers.
    span: usize,
    align: Align,
}

impl Cell {
    fn new() -> Self {
        Cell {
            lines: Vec::new(),
            span: 1,
            align: Align::Left,
        }
    }

    fn text(text: &str, style: TextStyle) -> Self {
        Cell::new().para(text, style, 0.0)
    }

    /// Adds a paragraph, wrapped when the cell is placed; `gap` points above it (unless it is
    /// the first).
    fn para(mut self, text: &str, style: TextStyle, gap: f32) -> Self {
        let gap = if self.lines.is_empty() { 0.0 } else { gap };
        // Wrapped later, once the width is known: keep the paragraph as one pending line.
        self.lines.push(Line {
            text: text.to_owned(),
            style,
            gap_before: gap,
        });
        self
    }

    fn span(mut self, span: usize) -> Self {
        self.span = span;
        self
    }

    fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    /// Wraps the pending paragraphs to `width` (the cell's inner width).
    fn wrapped(self, width: f32) -> Self {
        let mut lines = Vec::new();
        for para in self.lines {
            let mut gap = para.gap_before;
            for text in wrap(&para.text, &para.style, width) {
                lines.push(Line {
                    text,
                    style: para.style,
                    gap_before: gap,
                });
                gap = 0.0;
            }
        }
        Cell { lines, ..self }
    }

    fn height(&self) -> f32 {
        self.lines
            .iter()
            .map(|l| l.gap_before + l.style.leading())
            .sum()
    }

    /// Splits the lines into those filling at most `height` points and the rest (whose first
    /// line loses its gap).
    fn split(mut self, height: f32) -> (Cell, Cell) {
        let mut used = 0.0;
        let mut n = 0;
        for l in &self.lines {
            let h = l.gap_before + l.style.leading();
            if used + h > height {
                break;
            }
            used += h;
            n += 1;
        }
        let mut rest = self.lines.split_off(n);
        if let Some(first) = rest.first_mut() {
            first.gap_before = 0.0;
        }
        let tail = Cell {
            lines: rest,
            ..self.clone()
        };
        (self, tail)
    }
}

/// A table of fixed column widths (summing to the content width).
struct Table {
    widths: Vec<f32>,
    header: Vec<Cell>,
}

impl Table {
    fn new(widths: &[f32], header: &[&str]) -> Self {
        let header = header
            .iter()
            .map(|h| Cell::text(h, bold()).align(Align::Center))
            .collect();
        Table {
            widths: widths.to_vec(),
            header,
        }
    }

    /// Places `cells` in the columns (wrapping each to its span's width); their x and width.
    fn place(&self, cells: Vec<Cell>) -> Vec<(f32, f32, Cell)> {
        let mut x = LEFT;
        let mut col = 0;
        let mut out = Vec::with_capacity(cells.len());
        for cell in cells {
            let end = (col + cell.span).min(self.widths.len());
            let w: f32 = self.widths[col.min(end)..end].iter().sum();
            out.push((x, w, cell.wrapped(w - 2.0 * PAD)));
            x += w;
            col = end;
        }
        out
    }

    fn row_height(cells: &[(f32, f32, Cell)]) -> f32 {
        2.0 * PAD + cells.iter().map(|(_, _, c)| c.height()).fold(0.0, f32::max)
    }

    /// Draws placed cells with their top at the flow's cursor, `height` high.
    fn draw(flow: &mut Flow, cells: &[(f32, f32, Cell)], height: f32, fill: Option<Rgb>) {
        let top = flow.y;
        let page = flow.page();
        for (x, w, cell) in cells {
            if let Some(color) = fill {
                page.fill_rect(*x, top - height, *w, height, color);
            }
            page.stroke_rect(*x, top - height, *w, height, BORDER, Rgb::BLACK);
            let mut cursor = top - PAD;
            for line in &cell.lines {
                cursor -= line.gap_before;
                let baseline = cursor - baseline_offset(&line.style);
                let anchor = match cell.align {
                    Align::Left => x + PAD,
                    Align::Center => x + w / 2.0,
                    Align::Right => x + w - PAD,
                };
                page.text(&line.text, anchor, baseline, &line.style, cell.align);
                cursor -= line.style.leading();
            }
        }
        flow.y -= height;
    }

    fn draw_header(&self, flow: &mut Flow) {
        let cells = self.place(self.header.clone());
        let h = Self::row_height(&cells);
        Self::draw(flow, &cells, h, Some(SHADE));
        flow.body_top = flow.y;
    }

    /// Starts the table: its header, with room for `keep` points of the first row.
    fn start(&self, flow: &mut Flow, keep: f32) {
        let header = Self::row_height(&self.place(self.header.clone()));
        flow.ensure(header + keep);
        self.draw_header(flow);
    }

    fn continue_on_new_page(&self, flow: &mut Flow) {
        flow.new_page();
        self.draw_header(flow);
    }

    /// Draws a row, with `keep_with_next` points of room to spare below it. A row that does not
    /// fit moves to the next page, under the header again; only a tall row (more than a third
    /// of a page) is split instead, leaving at least two lines on the page it starts on.
    fn row(&self, flow: &mut Flow, cells: Vec<Cell>, fill: Option<Rgb>, keep_with_next: f32) {
        let mut placed = self.place(cells);
        loop {
            let h = Self::row_height(&placed);
            if h + keep_with_next <= flow.room() {
                Self::draw(flow, &placed, h, fill);
                return;
            }
            let at_top = flow.y >= flow.body_top;
            let tall = h > (TOP - BOTTOM) / 3.0;
            let min = 2.0 * PAD + 2.0 * body().leading() + keep_with_next;
            if !at_top && (!tall || flow.room() < min) {
                self.continue_on_new_page(flow);
                continue;
            }
            if h <= flow.room() {
                // What it should be kept with does not fit even at the top of a page.
                Self::draw(flow, &placed, h, fill);
                return;
            }
            // Split: what fits stays here, the rest continues under the next page's header.
            let avail = flow.room() - 2.0 * PAD;
            let mut head = Vec::with_capacity(placed.len());
            let mut tail = Vec::with_capacity(placed.len());
            for (x, w, cell) in placed {
                let (a, b) = cell.split(avail);
                head.push((x, w, a));
                tail.push((x, w, b));
            }
            if head.iter().all(|(_, _, c)| c.lines.is_empty()) {
                // Not even one line fits (only possible on a nearly full page): move on.
                placed = tail;
                self.continue_on_new_page(flow);
                continue;
            }
            let used = Self::row_height(&head);
            Self::draw(flow, &head, used.max(flow.room()), fill);
            self.continue_on_new_page(flow);
            placed = tail;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------------------------

fn state_label(s: PlanState) -> &'static str {
    match s {
        PlanState::Draft => "Draf (belum disepakati)",
        PlanState::Agreed => "Disepakati",
        PlanState::InProgress => "Berjalan",
        PlanState::Evaluated => "Dievaluasi",
        PlanState::Final => "Final",
    }
}

fn approach_label(a: Approach) -> &'static str {
    match a {
        Approach::Quantitative => "Kuantitatif",
        Approach::Qualitative => "Kualitatif",
    }
}

/// "TW I", "TW II", … as the realisation column abbreviates the quarters.
fn tw(quarter: i16) -> String {
    triwulan(quarter).replace("Triwulan", "TW")
}

fn or_dash(v: Option<&str>) -> String {
    match v.map(str::trim) {
        Some(s) if !s.is_empty() => s.to_owned(),
        _ => "\u{2013}".to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------

fn title(flow: &mut Flow, doc: &SkpDocument) {
    let cx = (LEFT + RIGHT) / 2.0;
    let agency = TextStyle::new(Font::HelveticaBold, 10.0).color(Rgb::NAVY);
    let (agency, agency_lines) = fit(&doc.agency_name.to_uppercase(), &agency, WIDTH, 8.0, 2);
    for line in &agency_lines {
        let y = flow.y - baseline_offset(&agency);
        flow.page().text(line, cx, y, &agency, Align::Center);
        flow.y -= agency.leading();
    }
    flow.gap(4.0);
    let heading = TextStyle::new(Font::HelveticaBold, 14.0).spacing(0.6);
    let y = flow.y - baseline_offset(&heading);
    flow.page()
        .text("SASARAN KINERJA PEGAWAI", cx, y, &heading, Align::Center);
    flow.y -= heading.leading() + 2.0;
    let period = TextStyle::new(Font::Helvetica, 9.0);
    let start = NaiveDate::from_ymd_opt(doc.year, 1, 1);
    let end = NaiveDate::from_ymd_opt(doc.year, 12, 31);
    let text = match end {
        Some(end) => format!("PERIODE PENILAIAN: {}", date_range(start, end)),
        None => format!("PERIODE PENILAIAN: TAHUN {}", doc.year),
    };
    let y = flow.y - baseline_offset(&period);
    flow.page().text(&text, cx, y, &period, Align::Center);
    flow.y -= period.leading();
    let status = note();
    let y = flow.y - baseline_offset(&status);
    flow.page().text(
        &format!("Status rencana: {}", state_label(doc.state)),
        cx,
        y,
        &status,
        Align::Center,
    );
    flow.y -= status.leading() + 8.0;
}

fn identities(flow: &mut Flow, doc: &SkpDocument) {
    let half = WIDTH / 2.0;
    let label = 78.0;
    let table = Table::new(&[label, half - label, label, half - label], &[]);
    let heads = vec![
        Cell::text("PEGAWAI YANG DINILAI", bold()).span(2),
        Cell::text("PEJABAT PENILAI KINERJA", bold()).span(2),
    ];
    let placed = table.place(heads);
    let h = Table::row_height(&placed);
    flow.ensure(h + 6.0 * body().leading());
    Table::draw(flow, &placed, h, Some(SHADE));
    flow.body_top = flow.y;
    let value = |p: &Person, field: usize| -> String {
        match field {
            0 => or_dash(Some(&p.name)),
            1 => or_dash(Some(&format_nip(&p.nip))),
            2 => or_dash(p.rank.as_deref()),
            3 => or_dash(p.position.as_deref()),
            _ => or_dash(p.unit.as_deref()),
        }
    };
    let labels = ["Nama", "NIP", "Pangkat/Gol. Ruang", "Jabatan", "Unit Kerja"];
    for (i, l) in labels.iter().enumerate() {
        table.row(
            flow,
            vec![
                Cell::text(l, body()),
                Cell::text(&value(&doc.employee, i), body()),
                Cell::text(l, body()),
                Cell::text(&value(&doc.rater, i), body()),
            ],
            None,
            0.0,
        );
    }
}

fn results(flow: &mut Flow, doc: &SkpDocument) {
    flow.gap(12.0);
    flow.heading("HASIL KERJA", 60.0);
    let table = Table::new(
        &[24.0, 150.0, 120.0, 66.0, WIDTH - 360.0],
        &[
            "No",
            "Rencana Hasil Kerja",
            "Indikator Kinerja Individu",
            "Target",
            "Realisasi per Triwulan",
        ],
    );
    table.start(flow, 40.0);
    for (letter, section, name) in [
        ("A", Section::Main, "UTAMA"),
        ("B", Section::Additional, "TAMBAHAN"),
    ] {
        let rows: Vec<&ResultRow> = doc
            .results
            .iter()
            .filter(|r| r.section == section)
            .collect();
        // A section's band stays with the first lines of its first row.
        table.row(
            flow,
            vec![Cell::text(&format!("{letter}. {name}"), bold()).span(5)],
            Some(BAND),
            2.0 * PAD + 2.0 * body().leading(),
        );
        if rows.is_empty() {
            table.row(
                flow,
                vec![Cell::text("Tidak ada hasil kerja.", note()).span(5)],
                None,
                0.0,
            );
        }
        for (i, r) in rows.iter().enumerate() {
            let mut rhk = Cell::text(&r.description, body());
            if let Some(s) = &r.supports {
                rhk = rhk.para(&format!("Mendukung RHK pimpinan: {s}"), note(), 3.0);
            }
            let target =
                Cell::text(&r.target, body()).para(approach_label(r.approach), note(), 2.0);
            let mut real = Cell::new();
            if r.realisations.is_empty() {
                real = real.para("\u{2013}", body(), 0.0);
            }
            for q in &r.realisations {
                let files = match q.evidence_files {
                    0 => String::new(),
                    n => format!(" ({n} berkas bukti)"),
                };
                real = real.para(
                    &format!("{}: {}{files}", tw(q.quarter), q.text),
                    body(),
                    2.0,
                );
            }
            table.row(
                flow,
                vec![
                    Cell::text(&(i + 1).to_string(), body()).align(Align::Center),
                    rhk,
                    Cell::text(&r.indicator, body()),
                    target,
                    real,
                ],
                None,
                0.0,
            );
        }
    }
}

fn behaviour(flow: &mut Flow, doc: &SkpDocument) {
    flow.gap(12.0);
    flow.heading("PERILAKU KERJA", 80.0);
    let table = Table::new(
        &[24.0, 270.0, WIDTH - 294.0],
        &["No", "Perilaku Kerja", "Ekspektasi Khusus Pimpinan"],
    );
    table.start(flow, 60.0);
    for (i, (value, expectation)) in doc.behaviours.iter().enumerate() {
        let mut cell = Cell::text(value.label(), bold());
        for g in value.guide() {
            cell = cell.para(&format!("- {g}"), body(), 1.0);
        }
        table.row(
            flow,
            vec![
                Cell::text(&(i + 1).to_string(), body()).align(Align::Center),
                cell,
                Cell::text(&or_dash(expectation.as_deref()), body()),
            ],
            None,
            0.0,
        );
    }
}

fn periodic(flow: &mut Flow, doc: &SkpDocument) {
    if doc.periodic.is_empty() {
        return;
    }
    flow.gap(12.0);
    flow.heading("EVALUASI PERIODIK (TRIWULAN)", 60.0);
    let table = Table::new(
        &[64.0, 100.0, 100.0, 86.0, WIDTH - 350.0],
        &[
            "Triwulan",
            "Rating Hasil Kerja",
            "Rating Perilaku Kerja",
            "Predikat",
            "Catatan",
        ],
    );
    table.start(flow, 30.0);
    for p in &doc.periodic {
        table.row(
            flow,
            vec![
                Cell::text(&triwulan(p.quarter), body()),
                Cell::text(p.results.label(), body()),
                Cell::text(p.behaviour.label(), body()),
                Cell::text(p.predikat.label(), bold()),
                Cell::text(&or_dash(p.note.as_deref()), body()),
            ],
            None,
            0.0,
        );
    }
}

fn evaluation(flow: &mut Flow, doc: &SkpDocument) {
    let Some(e) = doc.evaluation else {
        return;
    };
    flow.gap(12.0);
    flow.heading("EVALUASI KINERJA TAHUNAN", 80.0);
    let table = Table::new(&[190.0, WIDTH - 190.0], &[]);
    let mut rows = vec![
        ("RATING HASIL KERJA", e.results.label().to_owned(), body()),
        (
            "RATING PERILAKU KERJA",
            e.behaviour.label().to_owned(),
            body(),
        ),
        (
            "PREDIKAT KINERJA PEGAWAI",
            e.predikat.label().to_owned(),
            bold().size(10.0),
        ),
    ];
    if let Some(c) = &doc.credit {
        rows.push(("ANGKA KREDIT", c.clone(), body()));
    }
    flow.ensure(rows.len() as f32 * (2.0 * PAD + body().leading() + 2.0));
    flow.body_top = flow.y;
    for (label, value, style) in rows {
        table.row(
            flow,
            vec![Cell::text(label, bold()), Cell::text(&value, style)],
            None,
            0.0,
        );
    }
}

fn signatures(flow: &mut Flow, doc: &SkpDocument) {
    let col = 230.0;
    let name_style = bold();
    let (ename_style, ename) = fit(&doc.employee.name, &name_style, col, 7.0, 2);
    let (rname_style, rname) = fit(&doc.rater.name, &name_style, col, 7.0, 2);
    let names = ename.len().max(rname.len()).max(1) as f32 * name_style.leading();
    let line = body().leading();
    let height = 24.0 + 2.0 * line + 50.0 + names + line;
    flow.ensure(height);
    flow.gap(24.0);
    let left = LEFT + col / 2.0;
    let right = RIGHT - col / 2.0;
    let top = flow.y;
    let place = format!("{}, {}", or_dash(Some(&doc.place)), tanggal(doc.printed_on));
    let b = body();
    let page = flow.page();
    let y = top - baseline_offset(&b);
    page.text(&place, right, y, &b, Align::Center);
    page.text("Pegawai yang Dinilai", left, y - line, &b, Align::Center);
    page.text(
        "Pejabat Penilai Kinerja",
        right,
        y - line,
        &b,
        Align::Center,
    );
    let names_top = top - 2.0 * line - 50.0;
    for (x, style, lines, nip) in [
        (left, ename_style, &ename, &doc.employee.nip),
        (right, rname_style, &rname, &doc.rater.nip),
    ] {
        let mut y = names_top - baseline_offset(&style);
        for l in lines.iter() {
            page.text(l, x, y, &style, Align::Center);
            y -= style.leading();
        }
        let nip = format_nip(nip);
        if !nip.is_empty() {
            page.text(&format!("NIP {nip}"), x, y, &b, Align::Center);
        }
    }
    flow.y = names_top - names - line;
}

/// Page numbers and the document's name at the foot of every page.
fn footers(pages: &mut [Page], doc: &SkpDocument) {
    let n = pages.len();
    let style = TextStyle::new(Font::Helvetica, 7.0).color(Rgb::GREY);
    let (style, name) = fit(
        &format!(
            "Sasaran Kinerja Pegawai {} \u{2013} {} \u{2013} NIP {}",
            doc.year,
            doc.employee.name.trim(),
            format_nip(&doc.employee.nip)
        ),
        &style,
        380.0,
        6.0,
        1,
    );
    for (i, page) in pages.iter_mut().enumerate() {
        if let Some(name) = name.first() {
            page.text(name, LEFT, FOOTER_BASELINE, &style, Align::Left);
        }
        page.text(
            &format!("Halaman {} dari {n}", i + 1),
            RIGHT,
            FOOTER_BASELINE,
            &style,
            Align::Right,
        );
    }
}

fn layout(doc: &SkpDocument) -> Vec<Page> {
    let mut flow = Flow::new();
    title(&mut flow, doc);
    identities(&mut flow, doc);
    results(&mut flow, doc);
    behaviour(&mut flow, doc);
    periodic(&mut flow, doc);
    evaluation(&mut flow, doc);
    signatures(&mut flow, doc);
    let mut pages = flow.pages;
    footers(&mut pages, doc);
    pages
}

/// Renders the SKP document: A4 portrait pages, in Bahasa Indonesia.
pub fn render(doc: &SkpDocument) -> Vec<u8> {
    super::render(
        &format!(
            "Sasaran Kinerja Pegawai {} \u{2013} {}",
            doc.year,
            doc.employee.name.trim()
        ),
        layout(doc),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SkpDocument {
        let result = |section, description: &str, supports: Option<&str>| ResultRow {
            section,
            description: description.into(),
            supports: supports.map(Into::into),
            indicator: "Persentase laporan yang disampaikan tepat waktu".into(),
            target: "100%".into(),
            approach: Approach::Quantitative,
            realisations: vec![
                QuarterRealisation {
                    quarter: 1,
                    text: "3 laporan disampaikan tepat waktu".into(),
                    evidence_files: 2,
                },
                QuarterRealisation {
                    quarter: 2,
                    text: "3 laporan".into(),
                    evidence_files: 0,
                },
            ],
        };
        SkpDocument {
            agency_name: "Pemerintah Kota Bengkulu".into(),
            place: "Bengkulu".into(),
            year: 2026,
            state: PlanState::Evaluated,
            employee: Person {
                name: "Siti Aminah, S.Kom.".into(),
                nip: "199002022015032002".into(),
                rank: Some("Penata Muda Tk. I (III/b)".into()),
                position: Some("Pranata Komputer Ahli Pertama".into()),
                unit: Some("Bidang Pengembangan Kompetensi".into()),
            },
            rater: Person {
                name: "Drs. Ahmad Fauzi, M.Si.".into(),
                nip: "198001012005011001".into(),
                rank: None,
                position: Some("Kepala Bidang".into()),
                unit: Some("BKPSDM".into()),
            },
            results: vec![
                result(
                    Section::Main,
                    "Tersusunnya laporan kepegawaian",
                    Some("Meningkatnya kualitas layanan kepegawaian"),
                ),
                result(Section::Additional, "Menjadi narasumber", None),
            ],
            behaviours: CoreValue::ALL
                .iter()
                .map(|v| {
                    (
                        *v,
                        (*v == CoreValue::Akuntabel).then(|| "Laporan tepat waktu".to_owned()),
                    )
                })
                .collect(),
            periodic: vec![Periodic {
                quarter: 1,
                results: Rating::AsExpected,
                behaviour: Rating::Above,
                predikat: Predikat::Baik,
                note: Some("Pertahankan".into()),
            }],
            evaluation: Some(Evaluation {
                results: Rating::Above,
                behaviour: Rating::Above,
                predikat: Predikat::SangatBaik,
            }),
            credit: Some("18,75 (koefisien 12,5 \u{d7} 150% \u{d7} 12/12 bulan)".into()),
            printed_on: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
        }
    }

    fn texts(pdf: &[u8]) -> (usize, String) {
        let doc = lopdf::Document::load_mem(pdf).expect("lopdf parses the PDF");
        let n = doc.get_pages().len();
        let pages: Vec<u32> = (1..=n as u32).collect();
        (n, doc.extract_text(&pages).expect("text extraction"))
    }

    /// Every run lies inside the page's content area (or in the footer), horizontally within
    /// the margins.
    fn assert_inside(pages: &[Page]) {
        for (i, page) in pages.iter().enumerate() {
            assert_eq!((page.width, page.height), (A4_SHORT, A4_LONG));
            for run in page.runs() {
                assert!(
                    run.x >= LEFT - 0.01 && run.x + run.width <= RIGHT + 0.01,
                    "page {}: off the margins horizontally: {run:?}",
                    i + 1
                );
                let in_body = run.y - 0.21 * run.style.size >= BOTTOM - 0.01
                    && run.y + 0.72 * run.style.size <= TOP + 0.01;
                let in_footer = (run.y - FOOTER_BASELINE).abs() < 0.01;
                assert!(
                    in_body || in_footer,
                    "page {}: off the content area: {run:?}",
                    i + 1
                );
            }
        }
    }

    #[test]
    fn the_form_shows_identities_results_behaviour_and_the_predikat() {
        let doc = sample();
        let pdf = render(&doc);
        assert!(pdf.starts_with(b"%PDF-"));
        let (pages, text) = texts(&pdf);
        assert_eq!(pages, 2, "{text}");
        for expected in [
            "PEMERINTAH KOTA BENGKULU",
            "SASARAN KINERJA PEGAWAI",
            "PERIODE PENILAIAN: 1 Januari \u{2013} 31 Desember 2026",
            "PEGAWAI YANG DINILAI",
            "PEJABAT PENILAI KINERJA",
            "Siti Aminah, S.Kom.",
            "19900202 201503 2 002",
            "Drs. Ahmad Fauzi, M.Si.",
            "19800101 200501 1 001",
            "Pranata Komputer Ahli Pertama",
            "Penata Muda Tk. I (III/b)",
            "HASIL KERJA",
            "A. UTAMA",
            "B. TAMBAHAN",
            "Tersusunnya laporan kepegawaian",
            "Mendukung RHK pimpinan:",
            "TW I: 3 laporan",
            "(2 berkas bukti)",
            "TW II: 3 laporan",
            "PERILAKU KERJA",
            "Berorientasi Pelayanan",
            "Kolaboratif",
            "Laporan tepat waktu",
            "EVALUASI PERIODIK (TRIWULAN)",
            "Triwulan I",
            "PREDIKAT KINERJA PEGAWAI",
            "Sangat Baik",
            "Di Atas Ekspektasi",
            "18,75 (koefisien 12,5",
            "Pegawai yang Dinilai",
            "Pejabat Penilai Kinerja",
            "Bengkulu, 31 Desember 2026",
            "NIP 19900202 201503 2 002",
            "Halaman 1 dari 2",
            "Halaman 2 dari 2",
        ] {
            assert!(text.contains(expected), "{expected:?} not in:\n{text}");
        }
        assert_inside(&layout(&doc));
    }

    #[test]
    fn without_an_evaluation_there_is_no_predikat() {
        let doc = SkpDocument {
            evaluation: None,
            periodic: Vec::new(),
            credit: None,
            state: PlanState::Draft,
            ..sample()
        };
        let (_, text) = texts(&render(&doc));
        assert!(!text.contains("PREDIKAT KINERJA PEGAWAI"), "{text}");
        assert!(!text.contains("EVALUASI PERIODIK"), "{text}");
        assert!(text.contains("Draf"), "{text}");
    }

    #[test]
    fn sixty_results_continue_over_several_pages_with_the_header_repeated() {
        let mut doc = sample();
        let base = doc.results[0].clone();
        doc.results = (1..=60)
            .map(|i| ResultRow {
                description: format!("Hasil kerja nomor {i} yang cukup panjang untuk dibungkus ke beberapa baris dalam kolomnya"),
                ..base.clone()
            })
            .collect();
        let pages = layout(&doc);
        assert!(pages.len() >= 4, "{} pages", pages.len());
        assert_inside(&pages);
        // Every continuation page repeats the results header.
        let with_header = pages
            .iter()
            .filter(|p| {
                p.runs()
                    .iter()
                    .any(|r| r.text == "Indikator Kinerja Individu")
            })
            .count();
        assert!(with_header >= 3, "header on {with_header} pages");
        let (n, text) = texts(&render(&doc));
        assert_eq!(n, pages.len());
        for i in [1, 30, 60] {
            assert!(
                text.contains(&format!("Hasil kerja nomor {i} ")),
                "result {i} missing"
            );
        }
        assert!(text.contains(&format!("Halaman {n} dari {n}")));
    }

    #[test]
    fn a_row_longer_than_a_page_is_split_and_shown_whole() {
        let mut doc = sample();
        let words: Vec<String> = (1..=900).map(|i| format!("kata{i}")).collect();
        doc.results[0].realisations = (1..=4)
            .map(|q| QuarterRealisation {
                quarter: q,
                text: words[(q as usize - 1) * 225..q as usize * 225].join(" "),
                evidence_files: 1,
            })
            .collect();
        doc.results[0].description = "x".repeat(1000);
        doc.employee.name = "Nama Yang Sangat Panjang ".repeat(12);
        let pages = layout(&doc);
        assert!(pages.len() >= 2);
        assert_inside(&pages);
        let shown: Vec<&str> = pages
            .iter()
            .flat_map(|p| p.runs())
            .flat_map(|r| r.text.split(' '))
            .collect();
        for w in &words {
            assert!(shown.contains(&w.as_str()), "{w} not shown");
        }
        // The long unbroken word is cut between characters, never beyond its column.
        let xs: usize = pages
            .iter()
            .flat_map(|p| p.runs())
            .filter(|r| r.text.chars().all(|c| c == 'x'))
            .map(|r| r.text.len())
            .sum();
        assert_eq!(xs, 1000);
    }

    /// Writes samples to the temp dir for a look: `cargo test -p pembina-api --lib
    /// pdf::skp::tests::write_sample -- --ignored`.
    #[test]
    #[ignore = "writes files for manual inspection"]
    fn write_sample() {
        let dir = std::env::temp_dir();
        std::fs::write(dir.join("skp.pdf"), render(&sample())).expect("write sample");
        let mut long = sample();
        let base = long.results[0].clone();
        long.results = (1..=60)
            .map(|i| ResultRow {
                section: if i > 50 {
                    Section::Additional
                } else {
                    Section::Main
                },
                description: format!("Hasil kerja nomor {i} yang cukup panjang untuk dibungkus"),
                ..base.clone()
            })
            .collect();
        std::fs::write(dir.join("skp-long.pdf"), render(&long)).expect("write sample");
    }
}
