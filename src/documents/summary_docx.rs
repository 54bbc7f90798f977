//! The compiled report as a Word document in the format of Decree 30/2020/NĐ-CP: A4, margins
//! 20/20/30/15 mm, Times New Roman 13–14 pt; a two-column header (the parent body and the office,
//! bold and upper-case / the national motto), "Số: …/BC-{symbol}" with the number left blank, the
//! place and date in italics, the title, the body, "Nơi nhận", the signature block with a blank
//! for the name, and an appendix table with one row per unit.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use crate::documents::summary::{compile, Compiled};
use crate::documents::ExportData;
use crate::domain::office::Office;
use crate::domain::{Answer, QuestionKind};
use crate::error::{Error, Result};
use crate::i18n::{fmt_datetime, t, Lang, Msg};

/// Sizes in half-points (Word's unit): 13 pt body, 14 pt title, 12 pt small print.
const BODY: usize = 26;
const TITLE: usize = 28;
const SMALL: usize = 24;
/// A4 in twentieths of a point, and the text width within Decree 30's margins.
const A4: (u32, u32) = (11_906, 16_838);
const MM: i32 = 57;
const TEXT_WIDTH: usize = 11_906 - 45 * 57;

/// The document's bytes.
pub fn report_docx(
    data: &ExportData,
    office: &Office,
    now: DateTime<Utc>,
    lang: Lang,
    tz: Tz,
) -> Result<Vec<u8>> {
    let period = &data.progress.period;
    let c = compile(data, lang);
    let today = now.with_timezone(&tz).date_naive();
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(20 * MM).bottom(20 * MM).left(30 * MM).right(15 * MM))
        .default_fonts(times())
        .default_size(BODY)
        .add_table(header(office, today, lang));
    let title = Msg::new("docx-title").render(lang);
    doc = doc.add_paragraph(centred(&title, TITLE, true).line_spacing(space(240, 0)));
    let subtitle = Msg::new("docx-subtitle")
        .arg("title", lower_first(&period.title(lang)))
        .arg("window", period.window.display())
        .render(lang);
    for line in subtitle.lines() {
        doc = doc.add_paragraph(centred(line, BODY, true));
    }
    doc = doc.add_paragraph(centred("", BODY, false));
    doc = body(doc, &c, lang);
    doc = doc.add_table(closing(office, lang));
    doc = appendix(doc, data, lang, tz);
    if let Some(list) =
        crate::documents::commendation_list::commendation_list(data, lang).filter(|l| !l.is_empty())
    {
        doc = nominees(doc, &list, lang);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    Ok(out.into_inner())
}

fn times() -> RunFonts {
    let font = "Times New Roman";
    RunFonts::new().ascii(font).hi_ansi(font).cs(font).east_asia(font)
}

fn space(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new().before(before).after(after)
}

fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size).fonts(times())
}

fn centred(text: &str, size: usize, bold: bool) -> Paragraph {
    let run = if bold { run(text, size).bold() } else { run(text, size) };
    Paragraph::new().align(AlignmentType::Center).add_run(run)
}

/// A body paragraph: justified, the first line indented 1 cm, 6 pt after.
fn para(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(10 * MM)), None, None)
        .line_spacing(space(0, 120))
        .add_run(run(text, BODY))
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(10 * MM)), None, None)
        .line_spacing(space(120, 120))
        .add_run(run(text, BODY).bold())
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// The two columns above the title: who issues it, and the national motto with place and date.
fn header(office: &Office, today: chrono::NaiveDate, lang: Lang) -> Table {
    let mut left = TableCell::new().width(TEXT_WIDTH * 2 / 5, WidthType::Dxa);
    if !office.parent.is_empty() {
        left = left.add_paragraph(centred(&office.parent.to_uppercase(), SMALL, false));
    }
    left = left
        .add_paragraph(centred(&office.name.to_uppercase(), SMALL, true))
        .add_paragraph(centred("―――――", SMALL, false))
        .add_paragraph(centred(
            &Msg::new("summary-number").arg("symbol", office.symbol.as_str()).render(lang),
            BODY,
            false,
        ));
    let mut right = TableCell::new().width(TEXT_WIDTH * 3 / 5, WidthType::Dxa);
    let motto = t(lang, "summary-motto");
    let mut lines = motto.lines();
    if let Some(nation) = lines.next() {
        right = right.add_paragraph(centred(nation, SMALL, true));
    }
    for line in lines {
        right = right.add_paragraph(centred(line, BODY, true));
    }
    right = right.add_paragraph(centred("―――――――――――", SMALL, false)).add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run(&office.date_line(today, lang), BODY).italic()),
    );
    Table::without_borders(vec![TableRow::new(vec![left, right])])
        .set_grid(vec![TEXT_WIDTH * 2 / 5, TEXT_WIDTH * 3 / 5])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// Participation, the figures, the excerpts, the units returned, late and missing.
fn body(mut doc: Docx, c: &Compiled, lang: Lang) -> Docx {
    doc = doc.add_paragraph(heading(&c.participation));
    if !c.figures.is_empty() {
        doc = doc.add_paragraph(heading(&t(lang, "summary-figures")));
        for line in &c.figures {
            doc = doc.add_paragraph(para(line));
        }
    }
    for (prompt, answers) in &c.texts {
        doc = doc.add_paragraph(heading(prompt));
        for (unit, text) in answers {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Both)
                    .indent(None, Some(SpecialIndentType::FirstLine(10 * MM)), None, None)
                    .line_spacing(space(0, 120))
                    .add_run(run(&format!("- {unit}: "), BODY).italic())
                    .add_run(run(text, BODY)),
            );
        }
    }
    if !c.returned.is_empty() {
        doc = doc.add_paragraph(para(&Compiled::list_line("summary-returned", &c.returned, lang)));
    }
    doc = doc.add_paragraph(para(&Compiled::list_line("summary-late", &c.late, lang)));
    doc = doc.add_paragraph(para(&Compiled::list_line("summary-missing", &c.missing, lang)));
    if !c.merged.is_empty() {
        doc = doc.add_paragraph(para(&Compiled::list_line("summary-merged", &c.merged, lang)));
    }
    doc
}

/// "Nơi nhận" on the left, the signature block on the right.
fn closing(office: &Office, lang: Lang) -> Table {
    let mut left = TableCell::new().width(TEXT_WIDTH / 2, WidthType::Dxa).add_paragraph(
        Paragraph::new().add_run(run(&t(lang, "docx-recipients"), SMALL).bold().italic()),
    );
    if !office.parent.is_empty() {
        let to = Msg::new("docx-recipient-parent").arg("parent", office.parent.as_str());
        left = left.add_paragraph(Paragraph::new().add_run(run(&to.render(lang), 22)));
    }
    let archive = Msg::new("docx-recipient-archive").arg("symbol", office.symbol.as_str());
    left = left.add_paragraph(Paragraph::new().add_run(run(&archive.render(lang), 22)));
    let mut right = TableCell::new()
        .width(TEXT_WIDTH / 2, WidthType::Dxa)
        .add_paragraph(centred(&office.signer.to_uppercase(), BODY, true))
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run(&t(lang, "docx-signature-hint"), BODY).italic()),
        );
    for _ in 0..4 {
        right = right.add_paragraph(centred("", BODY, false));
    }
    right = right.add_paragraph(centred(&t(lang, "docx-signer-name"), BODY, true));
    Table::without_borders(vec![TableRow::new(vec![left, right])])
        .set_grid(vec![TEXT_WIDTH / 2, TEXT_WIDTH / 2])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// A new page with one row per unit: status, when it was sent, on time, and its figures.
fn appendix(mut doc: Docx, data: &ExportData, lang: Lang, tz: Tz) -> Docx {
    let period = &data.progress.period;
    doc = doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_break(BreakType::Page))
            .add_run(run(&t(lang, "docx-appendix"), TITLE).bold()),
    );
    let subtitle = Msg::new("docx-appendix-subtitle").arg("title", period.title(lang));
    doc =
        doc.add_paragraph(centred(&subtitle.render(lang), BODY, false).line_spacing(space(0, 120)));
    let figures: Vec<_> = period
        .questions
        .iter()
        .filter(|q| {
            matches!(
                q.kind,
                QuestionKind::Number { .. } | QuestionKind::Fraction | QuestionKind::YesNo
            )
        })
        .collect();
    let cell = |text: &str, bold: bool| {
        let r = run(text, 22);
        TableCell::new().add_paragraph(Paragraph::new().add_run(if bold { r.bold() } else { r }))
    };
    let mut head: Vec<TableCell> = [
        "export-col-stt",
        "export-col-unit",
        "export-col-status",
        "export-col-submitted-at",
        "export-col-on-time",
    ]
    .iter()
    .map(|k| cell(&t(lang, k), true))
    .collect();
    head.extend(figures.iter().map(|q| cell(q.prompt(lang), true)));
    let mut rows = vec![TableRow::new(head)];
    for (i, u) in data.progress.units.iter().enumerate() {
        let report = data.reports.get(&u.unit.id);
        let status = match report {
            None if u.successor.is_some() => t(lang, "docx-status-merged"),
            _ => t(lang, crate::documents::status_key(report)),
        };
        let mut cells = vec![
            cell(&(i + 1).to_string(), false),
            cell(&u.unit.name, false),
            cell(&status, false),
            cell(&report.map(|r| fmt_datetime(r.submitted_at, tz)).unwrap_or_default(), false),
            cell(
                &report
                    .map(|r| t(lang, if r.on_time { "answer-yes" } else { "answer-no" }))
                    .unwrap_or_default(),
                false,
            ),
        ];
        for q in &figures {
            let value = report.and_then(|r| r.answers.get(&q.key)).map(|a| match a {
                Answer::Number { value } => crate::documents::summary::number(*value, lang),
                other => other.display(q, lang),
            });
            cells.push(cell(&value.unwrap_or_default(), false));
        }
        rows.push(TableRow::new(cells));
    }
    let fixed = [700, 1900, 1300, 1500, 900];
    let rest = TEXT_WIDTH.saturating_sub(fixed.iter().sum()) / figures.len().max(1);
    let mut grid = fixed.to_vec();
    grid.extend(std::iter::repeat_n(rest, figures.len()));
    let table = Table::new(rows)
        .set_grid(grid)
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa);
    doc.add_table(table)
}

/// The award proposals, grouped by form of award, as the council receives them.
fn nominees(
    mut doc: Docx,
    list: &crate::documents::commendation_list::CommendationList,
    lang: Lang,
) -> Docx {
    doc = doc.add_paragraph(
        centred(&t(lang, "docx-nominees-title"), TITLE, true).line_spacing(space(360, 120)),
    );
    let cell = |text: &str, bold: bool| {
        let r = run(text, 22);
        TableCell::new().add_paragraph(Paragraph::new().add_run(if bold { r.bold() } else { r }))
    };
    let mut head = vec![cell(&t(lang, "export-col-stt"), true)];
    head.extend(list.headers.iter().map(|h| cell(h, true)));
    let columns = head.len();
    let mut rows = vec![TableRow::new(head)];
    let mut n = 0;
    for (group, items) in &list.groups {
        rows.push(TableRow::new(vec![cell(group, true).grid_span(columns)]));
        for values in items {
            n += 1;
            let mut cells = vec![cell(&n.to_string(), false)];
            cells.extend(values.iter().map(|v| cell(v, false)));
            rows.push(TableRow::new(cells));
        }
    }
    let rest = TEXT_WIDTH.saturating_sub(700) / columns.saturating_sub(1).max(1);
    let mut grid = vec![700];
    grid.extend(std::iter::repeat_n(rest, columns.saturating_sub(1)));
    doc.add_table(
        Table::new(rows)
            .set_grid(grid)
            .layout(TableLayoutType::Fixed)
            .width(TEXT_WIDTH, WidthType::Dxa),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_letter_of_a_title_goes_lower_case_mid_sentence() {
        assert_eq!(lower_first("Báo cáo 6 tháng đầu năm 2021"), "báo cáo 6 tháng đầu năm 2021");
        assert_eq!(lower_first(""), "");
    }
}
