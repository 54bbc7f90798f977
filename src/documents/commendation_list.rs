//! The list of collectives and individuals proposed for awards (danh sách đề nghị khen thưởng)
//! that goes to the emulation council: every item of every list question with a form of award
//! (a field with options) in the reports of a period that count (a returned report does not),
//! grouped by form of award, with the unit that proposes it.

use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};

use crate::documents::{spreadsheets::print_ready, ExportData};
use crate::domain::template::ListField;
use crate::domain::{Answer, QuestionKind};
use crate::error::{Error, Result};
use crate::i18n::{t, Lang, Msg};

/// The list, ready to lay out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommendationList {
    /// The columns after "STT": the item's fields, then the proposing unit.
    pub headers: Vec<String>,
    /// Forms of award in the template's order, each with its rows.
    pub groups: Vec<(String, Vec<Vec<String>>)>,
}

impl CommendationList {
    /// How many nominees in all.
    pub fn len(&self) -> usize {
        self.groups.iter().map(|(_, rows)| rows.len()).sum()
    }

    /// Whether nobody is proposed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The period's list; `None` when its template asks no nominees (no list with a form of award).
pub fn commendation_list(data: &ExportData, lang: Lang) -> Option<CommendationList> {
    let period = &data.progress.period;
    let (question, fields, award) = period.questions.iter().find_map(|q| match &q.kind {
        QuestionKind::List { fields, .. } => {
            let award = fields.iter().position(|f| !f.options.is_empty())?;
            Some((q, fields, award))
        }
        _ => None,
    })?;
    let mut headers: Vec<String> = fields.iter().map(|f| f.prompt(lang).to_owned()).collect();
    headers.push(t(lang, "commendation-col-unit"));
    let award_field: &ListField = &fields[award];
    let mut groups: Vec<(String, Vec<Vec<String>>)> =
        award_field.options.iter().map(|o| (o.label(lang).to_owned(), Vec::new())).collect();
    let reports = data.counted_reports();
    for u in &data.progress.units {
        let Some(report) = reports.iter().find(|r| r.unit_id == u.unit.id) else { continue };
        let Some(Answer::List { items }) = report.answers.get(&question.key) else { continue };
        for item in items {
            let mut row: Vec<String> = fields
                .iter()
                .map(|f| item.get(&f.key).map(|v| f.shown(v, lang)).unwrap_or_default())
                .collect();
            row.push(u.unit.name.clone());
            let group = item
                .get(&award_field.key)
                .and_then(|key| award_field.options.iter().position(|o| &o.key == key));
            match group.and_then(|g| groups.get_mut(g)) {
                Some((_, rows)) => rows.push(row),
                None => {
                    let other = t(lang, "commendation-other");
                    match groups.iter_mut().find(|(name, _)| *name == other) {
                        Some((_, rows)) => rows.push(row),
                        None => groups.push((other, vec![row])),
                    }
                }
            }
        }
    }
    groups.retain(|(_, rows)| !rows.is_empty());
    Some(CommendationList { headers, groups })
}

/// The list as an Excel sheet, print-ready: a title, the header row (repeated on each printed
/// page), a bold row per form of award, then its nominees numbered.
pub fn commendation_xlsx(list: &CommendationList, title: &str, lang: Lang) -> Result<Vec<u8>> {
    build(list, title, lang).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

fn build(
    list: &CommendationList,
    title: &str,
    lang: Lang,
) -> std::result::Result<Vec<u8>, XlsxError> {
    // Ruled, as a list handed to the council is printed.
    let bold = Format::new().set_bold();
    let head = Format::new().set_bold().set_text_wrap().set_border(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap().set_border(FormatBorder::Thin);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(t(lang, "commendation-sheet"))?;
    let heading = Msg::new("commendation-title").arg("title", title).render(lang);
    sheet.write_string_with_format(0, 0, heading, &bold)?;
    let header_row = 2;
    sheet.write_string_with_format(header_row, 0, t(lang, "export-col-stt"), &head)?;
    sheet.set_column_width(0, 5.0)?;
    for (i, header) in list.headers.iter().enumerate() {
        let col = u16::try_from(i + 1).unwrap_or(u16::MAX);
        sheet.write_string_with_format(header_row, col, header, &head)?;
        sheet.set_column_width(col, if i == 0 { 28.0 } else { 24.0 })?;
    }
    let mut row = header_row + 1;
    let mut n = 0_u32;
    for (group, rows) in &list.groups {
        let last = u16::try_from(list.headers.len()).unwrap_or(u16::MAX);
        sheet.merge_range(row, 0, row, last, group, &head)?;
        row += 1;
        for values in rows {
            n += 1;
            sheet.write_number_with_format(row, 0, f64::from(n), &wrap)?;
            for (i, value) in values.iter().enumerate() {
                let col = u16::try_from(i + 1).unwrap_or(u16::MAX);
                sheet.write_string_with_format(row, col, value, &wrap)?;
            }
            row += 1;
        }
    }
    print_ready(sheet, false)?;
    sheet.set_repeat_rows(header_row, header_row)?;
    workbook.save_to_buffer()
}
