//! The commendation list as an Excel sheet an office signs and attaches to its submission (tờ
//! trình): the issuing body and the national motto, the title, what it is drawn from and "(Kèm
//! theo Tờ trình số …)", the ruled table (its header row on every printed page; a row per part
//! and per title or form of award, then its nominees numbered), and the signature block.

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::documents::commendation_list::{CommendationList, Line};
use crate::documents::decree30::attached;
use crate::documents::print::{print_table, row_height};
use crate::domain::office::Office;
use crate::error::{Error, Result};
use crate::i18n::{t, Lang, Msg};

/// Widths of STT, the name, and the unit and note columns; the fields between share the rest.
const STT: f64 = 5.0;
const NAME: f64 = 24.0;
const FIELD: f64 = 30.0;
const UNIT: f64 = 18.0;
const NOTE: f64 = 26.0;

/// The sheet's bytes. `about` is what the list is drawn from ("báo cáo công tác thi đua, khen
/// thưởng năm 2026").
pub fn commendation_xlsx(
    list: &CommendationList,
    about: &str,
    office: &Office,
    today: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>> {
    build(list, about, office, today, lang)
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

struct Formats {
    centred: Format,
    bold: Format,
    italic: Format,
    head: Format,
    group: Format,
    cell: Format,
    number: Format,
}

fn formats() -> Formats {
    let centred = Format::new().set_align(FormatAlign::Center).set_text_wrap();
    let ruled =
        Format::new().set_text_wrap().set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    Formats {
        bold: centred.clone().set_bold(),
        italic: centred.clone().set_italic(),
        centred,
        head: ruled.clone().set_bold().set_align(FormatAlign::Center),
        group: ruled.clone().set_bold(),
        number: ruled.clone().set_align(FormatAlign::Center),
        cell: ruled,
    }
}

fn widths(list: &CommendationList) -> Vec<f64> {
    let between = list.headers.len().saturating_sub(3);
    let mut widths = vec![STT, NAME];
    widths.extend(std::iter::repeat_n(FIELD, between));
    widths.extend([UNIT, NOTE]);
    widths
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn build(
    list: &CommendationList,
    about: &str,
    office: &Office,
    today: NaiveDate,
    lang: Lang,
) -> std::result::Result<Vec<u8>, XlsxError> {
    let f = formats();
    let widths = widths(list);
    let last = col(widths.len() - 1);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(t(lang, "commendation-sheet"))?;
    for (i, w) in widths.iter().enumerate() {
        sheet.set_column_width(col(i), *w)?;
    }
    let header_row = heading(sheet, list, about, office, today, lang, &f)?;
    sheet.write_string_with_format(header_row, 0, t(lang, "export-col-stt"), &f.head)?;
    for (i, header) in list.headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, col(i + 1), header, &f.head)?;
    }
    let heights = list.headers.iter().zip(&widths[1..]).map(|(h, w)| (h.as_str(), *w));
    sheet.set_row_height(header_row, row_height(heights))?;
    let mut row = header_row + 1;
    for (n, line) in list.lines() {
        match line {
            Line::Part(title) | Line::Group(title) => {
                sheet.merge_range(row, 0, row, last, title, &f.group)?;
            }
            Line::Nominee(cells) => {
                sheet.write_number_with_format(row, 0, n as f64, &f.number)?;
                for (i, value) in cells.iter().enumerate() {
                    sheet.write_string_with_format(row, col(i + 1), value, &f.cell)?;
                }
                let heights = cells.iter().zip(&widths[1..]).map(|(c, w)| (c.as_str(), *w));
                sheet.set_row_height(row, row_height(heights))?;
            }
        }
        row += 1;
    }
    signature(sheet, (row + 1, last), office, lang, &f)?;
    print_table(sheet, &widths, header_row, 2)?;
    workbook.save_to_buffer()
}

/// The issuing body beside the motto, the title, what the list is drawn from and the line that
/// ties it to the submission; returns the row of the table's header.
fn heading(
    sheet: &mut Worksheet,
    list: &CommendationList,
    about: &str,
    office: &Office,
    today: NaiveDate,
    lang: Lang,
    f: &Formats,
) -> std::result::Result<u32, XlsxError> {
    let last = col(list.headers.len());
    let split = 2.min(last);
    let motto = t(lang, "summary-motto");
    let mut motto = motto.lines();
    let issuer = [
        (office.parent.to_uppercase(), &f.centred, motto.next().unwrap_or_default()),
        (office.name.to_uppercase(), &f.bold, motto.next().unwrap_or_default()),
    ];
    for (row, (left, format, right)) in (0_u32..).zip(issuer) {
        sheet.merge_range(row, 0, row, split, &left, format)?;
        sheet.merge_range(row, split + 1, row, last, right, &f.bold)?;
    }
    sheet.merge_range(3, 0, 3, last, &t(lang, "docx-nominees-title"), &f.bold)?;
    let from = Msg::new("doc-nominees-from").arg("about", about).render(lang);
    sheet.merge_range(4, 0, 4, last, &from, &f.centred)?;
    let tied = attached("doc-attached-submission", office, today, lang);
    sheet.merge_range(5, 0, 5, last, &tied, &f.italic)?;
    Ok(7)
}

/// The signature block under the table, on its right: the signer's lines, room to sign, a blank
/// for the name.
fn signature(
    sheet: &mut Worksheet,
    (from, last): (u32, u16),
    office: &Office,
    lang: Lang,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    let left = last.saturating_sub(2);
    let mut row = from;
    for line in office.signer_lines() {
        sheet.merge_range(row, left, row, last, &line.to_uppercase(), &f.bold)?;
        row += 1;
    }
    row += 4;
    sheet.merge_range(row, left, row, last, &t(lang, "docx-signer-name"), &f.bold)?;
    Ok(())
}
