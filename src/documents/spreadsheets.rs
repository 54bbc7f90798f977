//! A period's reports as spreadsheets: an XLSX workbook (summary, answers, missing) and a CSV
//! with a UTF-8 BOM.

use chrono_tz::Tz;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::domain::aggregate::{total, Total};
use crate::domain::{Answer, Member, Question, QuestionKind};
use crate::error::{Error, Result};
use crate::i18n::{t, Lang, Msg};

use super::print::{print_ready, print_table, row_height};
use super::{csv_text, status_key, ExportData};

/// One cell of the answers table, typed for Excel.
enum Cell {
    Text(String),
    Number(f64),
    DateTime(chrono::NaiveDateTime),
    Date(chrono::NaiveDate),
    Empty,
}

impl Cell {
    fn as_csv(&self) -> String {
        match self {
            Cell::Text(s) => csv_text(s),
            Cell::Number(n) => n.to_string(),
            Cell::DateTime(d) => d.format("%d/%m/%Y %H:%M").to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Empty => String::new(),
        }
    }
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

fn answer_cell(q: &Question, answer: Option<&Answer>, lang: Lang) -> Cell {
    match answer {
        None | Some(Answer::Skipped) => Cell::Empty,
        Some(Answer::Number { value }) => Cell::Number(*value as f64),
        Some(Answer::Date { date }) => Cell::Date(*date),
        Some(Answer::File { file }) => {
            let name = file.name.clone().unwrap_or_else(|| t(lang, "answer-photo"));
            Cell::Text(format!("{name} [{}]", file.file_id))
        }
        Some(other) => Cell::Text(other.display(q, lang)),
    }
}

fn headers(questions: &[Question], lang: Lang) -> Vec<String> {
    let fixed = [
        "export-col-stt",
        "export-col-code",
        "export-col-unit",
        "export-col-status",
        "export-col-submitted-at",
        "export-col-on-time",
        "export-col-submitted-by",
        "export-col-revision",
    ];
    fixed
        .iter()
        .map(|k| t(lang, k))
        .chain(questions.iter().map(|q| q.prompt(lang).to_owned()))
        .collect()
}

/// The answers table: one row per unit that must report, in the district's order.
fn rows(data: &ExportData, lang: Lang, tz: Tz) -> Vec<Vec<Cell>> {
    let questions = &data.progress.period.questions;
    data.progress
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let report = data.reports.get(&u.unit.id);
            let mut row = vec![
                Cell::Number((i + 1) as f64),
                Cell::Text(u.unit.code.to_string()),
                Cell::Text(u.unit.name.clone()),
                Cell::Text(t(lang, status_key(report))),
            ];
            match report {
                Some(r) => {
                    row.push(Cell::DateTime(r.submitted_at.with_timezone(&tz).naive_local()));
                    row.push(Cell::Text(t(
                        lang,
                        if r.on_time { "answer-yes" } else { "answer-no" },
                    )));
                    row.push(Cell::Text(r.submitted_by_name.clone()));
                    row.push(Cell::Number(r.revision as f64));
                }
                None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]),
            }
            row.extend(
                questions
                    .iter()
                    .map(|q| answer_cell(q, report.and_then(|r| r.answers.get(&q.key)), lang)),
            );
            row
        })
        .collect()
}

/// The CSV export (UTF-8 with a BOM, so that Excel shows Vietnamese).
pub fn csv(data: &ExportData, lang: Lang, tz: Tz) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = ::csv::Writer::from_writer(&mut out);
        let io = |e: ::csv::Error| Error::Io(std::io::Error::other(e.to_string()));
        let headers = headers(&data.progress.period.questions, lang);
        writer.write_record(headers.iter().map(|h| csv_text(h))).map_err(io)?;
        for row in rows(data, lang, tz) {
            writer.write_record(row.iter().map(Cell::as_csv)).map_err(io)?;
        }
        writer.flush()?;
    }
    Ok(out)
}

struct Formats {
    bold: Format,
    /// A table's header: bold, wrapped within its column (a question is a long header; unwrapped,
    /// it would run across the page and shrink the printout to fit), ruled.
    header: Format,
    /// The deadline on the summary sheet.
    due: Format,
    percent: Format,
    /// Cells of a table, ruled as a printed table is, at the top of their row (rows are as tall
    /// as their longest text).
    wrap: Format,
    number: Format,
    datetime: Format,
    date: Format,
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => sheet.write_string_with_format(row, col, s, &f.wrap).map(|_| ()),
        Cell::Number(n) => sheet.write_number_with_format(row, col, *n, &f.number).map(|_| ()),
        Cell::DateTime(d) => sheet.write_datetime_with_format(row, col, d, &f.datetime).map(|_| ()),
        Cell::Date(d) => sheet.write_datetime_with_format(row, col, d, &f.date).map(|_| ()),
        Cell::Empty => sheet.write_blank(row, col, &f.wrap).map(|_| ()),
    }
}

/// The XLSX workbook: "Tổng hợp" (summary), "Báo cáo" (answers), "Chưa gửi" (missing).
pub fn xlsx(data: &ExportData, lang: Lang, tz: Tz) -> Result<Vec<u8>> {
    build_xlsx(data, lang, tz).map_err(xlsx_error)
}

fn build_xlsx(data: &ExportData, lang: Lang, tz: Tz) -> std::result::Result<Vec<u8>, XlsxError> {
    use rust_xlsxwriter::{FormatAlign, FormatBorder};
    let ruled = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    let f = Formats {
        bold: Format::new().set_bold(),
        header: ruled.clone().set_bold().set_text_wrap(),
        due: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
        percent: Format::new().set_num_format("0.0%"),
        wrap: ruled.clone().set_text_wrap(),
        number: ruled.clone(),
        datetime: ruled.clone().set_num_format("dd/mm/yyyy hh:mm"),
        date: ruled.set_num_format("dd/mm/yyyy"),
    };
    let mut workbook = Workbook::new();
    summary_sheet(workbook.add_worksheet(), data, lang, tz, &f)?;
    answers_sheet(workbook.add_worksheet(), data, lang, tz, &f)?;
    missing_sheet(workbook.add_worksheet(), data, lang, &f)?;
    workbook.save_to_buffer()
}

fn summary_sheet(
    sheet: &mut Worksheet,
    data: &ExportData,
    lang: Lang,
    tz: Tz,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(t(lang, "export-sheet-summary"))?;
    print_ready(sheet, false)?;
    sheet.set_column_width(0, 60)?;
    sheet.set_column_width(1, 22)?;
    let period = &data.progress.period;
    let c = data.progress.counts();
    sheet.write_string_with_format(0, 0, period.title(lang), &f.bold)?;
    sheet.write_string(1, 0, t(lang, "export-window"))?;
    sheet.write_string(1, 1, period.window.display())?;
    sheet.write_string(2, 0, t(lang, "export-due"))?;
    sheet.write_datetime_with_format(
        2,
        1,
        period.due_at.with_timezone(&tz).naive_local(),
        &f.due,
    )?;
    let counts = [
        ("export-count-total", c.total),
        ("export-count-on-time", c.on_time),
        ("export-count-late", c.late),
        ("export-count-returned", c.returned),
        ("export-count-accepted", c.accepted),
        ("export-count-missing", c.missing),
    ];
    let mut row = 4;
    for (key, n) in counts {
        sheet.write_string(row, 0, t(lang, key))?;
        sheet.write_number(row, 1, n as f64)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, t(lang, "export-totals"), &f.bold)?;
    row += 1;
    let reports = data.counted_reports();
    for q in &period.questions {
        match total(q, &reports) {
            tot @ Total::Number { sum, .. } => {
                sheet.write_string(
                    row,
                    0,
                    Msg::new("export-sum").arg("question", q.prompt(lang)).render(lang),
                )?;
                sheet.write_number(row, 1, sum as f64)?;
                row += 1;
                if let Some(avg) = tot.average() {
                    sheet.write_string(
                        row,
                        0,
                        Msg::new("export-average").arg("question", q.prompt(lang)).render(lang),
                    )?;
                    sheet.write_number(row, 1, avg)?;
                    row += 1;
                }
            }
            tot @ Total::Fraction { num, den, .. } => {
                sheet.write_string(row, 0, q.prompt(lang))?;
                sheet.write_string(row, 1, format!("{num}/{den}"))?;
                if let Some(share) = tot.share() {
                    sheet.write_number_with_format(row, 2, share, &f.percent)?;
                }
                row += 1;
            }
            _ => {}
        }
    }
    Ok(())
}

/// The widths of the answers table's columns: the fixed ones, then one per question (a text
/// wide enough that a long answer stays within a page's height).
fn answer_widths(questions: &[Question]) -> Vec<f64> {
    let mut widths = vec![5.0, 14.0, 24.0, 16.0, 17.0, 9.0, 22.0, 7.0];
    widths.extend(questions.iter().map(|q| match q.kind {
        QuestionKind::Text { .. } | QuestionKind::List { .. } => 45.0,
        QuestionKind::File | QuestionKind::Multi { .. } => 30.0,
        _ => 14.0,
    }));
    widths
}

/// Columns repeated on each printed page when the table runs over several: STT, code, unit.
const KEEP_COLUMNS: u16 = 3;

fn answers_sheet(
    sheet: &mut Worksheet,
    data: &ExportData,
    lang: Lang,
    tz: Tz,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(t(lang, "export-sheet-answers"))?;
    let questions = &data.progress.period.questions;
    let widths = answer_widths(questions);
    let headers = headers(questions, lang);
    for (col, header) in headers.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, header, &f.header)?;
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(u16::try_from(col).unwrap_or(u16::MAX), *width)?;
    }
    sheet.set_row_height(0, row_height(headers.iter().map(String::as_str).zip(widths.clone())))?;
    for (r, row) in rows(data, lang, tz).iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            write_cell(sheet, r, u16::try_from(c).unwrap_or(u16::MAX), cell, f)?;
        }
        let texts = row.iter().zip(&widths).filter_map(|(cell, w)| match cell {
            Cell::Text(s) => Some((s.as_str(), *w)),
            _ => None,
        });
        sheet.set_row_height(r, row_height(texts))?;
    }
    sheet.set_freeze_panes(1, KEEP_COLUMNS)?;
    print_table(sheet, &widths, 0, KEEP_COLUMNS)?;
    Ok(())
}

fn missing_sheet(
    sheet: &mut Worksheet,
    data: &ExportData,
    lang: Lang,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(t(lang, "export-sheet-missing"))?;
    let columns = [
        "export-col-stt",
        "export-col-code",
        "export-col-unit",
        "export-col-reporters",
        "export-col-reachable",
    ];
    for (col, key) in columns.iter().enumerate() {
        sheet.write_string_with_format(
            0,
            u16::try_from(col).unwrap_or(0),
            t(lang, key),
            &f.header,
        )?;
    }
    for (col, width) in [5.0, 14.0, 24.0, 40.0, 12.0].iter().enumerate() {
        sheet.set_column_width(u16::try_from(col).unwrap_or(0), *width)?;
    }
    for (r, u) in data.progress.missing().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        let names: Vec<String> = data
            .reporters
            .get(&u.unit.id)
            .map(|m| m.iter().map(Member::with_position).collect())
            .unwrap_or_default();
        sheet.write_number_with_format(r, 0, f64::from(r), &f.number)?;
        sheet.write_string_with_format(r, 1, u.unit.code.to_string(), &f.wrap)?;
        sheet.write_string_with_format(r, 2, &u.unit.name, &f.wrap)?;
        let names = names.join(", ");
        sheet.set_row_height(
            r,
            row_height([(u.unit.name.as_str(), 24.0), (names.as_str(), 40.0)]),
        )?;
        sheet.write_string_with_format(r, 3, names, &f.wrap)?;
        let reachable = t(lang, if u.unreachable() { "answer-no" } else { "answer-yes" });
        sheet.write_string_with_format(r, 4, reachable, &f.wrap)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    print_ready(sheet, true)?;
    Ok(())
}
