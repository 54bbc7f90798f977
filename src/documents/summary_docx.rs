//! The compiled report as a Word document in the format of Decree 30/2020/NĐ-CP (the shared
//! parts are in `decree30`): the issuing body and the motto, "Số: …/BC-{symbol}" with the number
//! left blank, the place and date in italics; "BÁO CÁO" and what it reports on ("Kết quả tổng
//! hợp báo cáo công tác thi đua, khen thưởng 6 tháng cuối năm 2026") over its short rule; the
//! body, whose last paragraph stays with "Nơi nhận" and the signature; then its appendices, each
//! from a new page: the units' submissions and figures, and the award proposals.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use docx_rs::{
    AlignmentType, Docx, Paragraph, SpecialIndentType, Table, TableCell, TableLayoutType, TableRow,
    WidthType,
};

use crate::documents::commendation_list::{commendation_list, CommendationList, Line};
use crate::documents::decree30::{
    appendix_head, attached, centred, closing, header, pages, rule, run, space, BODY, MM,
    TEXT_WIDTH, TITLE,
};
use crate::documents::summary::{compile, Compiled};
use crate::documents::ExportData;
use crate::domain::office::Office;
use crate::domain::{Answer, QuestionKind};
use crate::error::{Error, Result};
use crate::i18n::{fmt_datetime, t, Lang, Msg};

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
    let number = Msg::new("summary-number").arg("symbol", office.symbol.as_str()).render(lang);
    let mut doc = pages(Docx::new()).add_table(header(office, today, &number, lang));
    doc =
        doc.add_paragraph(centred(&t(lang, "docx-title"), TITLE, true).line_spacing(space(360, 0)));
    let about = crate::documents::about(period, office, lang);
    let subtitle = Msg::new("doc-subtitle").arg("about", about).render(lang);
    doc = doc.add_paragraph(centred(&subtitle, TITLE, true));
    let window = Msg::new("doc-window").arg("window", period.window.display()).render(lang);
    doc = doc.add_paragraph(
        Paragraph::new().align(AlignmentType::Center).add_run(run(&window, BODY).italic()),
    );
    doc = doc.add_paragraph(rule(TEXT_WIDTH / 4, TEXT_WIDTH));
    doc = doc.add_paragraph(centred("", BODY, false));
    doc = body(doc, &c, lang).add_table(closing(office, lang));
    let nominees = commendation_list(data, lang).filter(|l| !l.is_empty());
    let numbers: [&str; 2] = if nominees.is_some() { ["I", "II"] } else { ["", ""] };
    doc = appendix(doc, data, office, today, (numbers[0], lang, tz));
    if let Some(list) = nominees {
        doc = nominees_appendix(doc, &list, office, today, (numbers[1], lang));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    Ok(out.into_inner())
}

/// "PHỤ LỤC", or "PHỤ LỤC II" when there are several.
fn appendix_number(number: &str, lang: Lang) -> String {
    let word = t(lang, "docx-appendix");
    if number.is_empty() {
        word
    } else {
        format!("{word} {number}")
    }
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

/// Participation, the figures, the excerpts, the units returned, late and missing; the last
/// paragraph is kept on the page of the signature that follows it.
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
    let mut last = Vec::new();
    if !c.returned.is_empty() {
        last.push(Compiled::list_line("summary-returned", &c.returned, lang));
    }
    last.push(Compiled::list_line("summary-late", &c.late, lang));
    last.push(Compiled::list_line("summary-missing", &c.missing, lang));
    if !c.merged.is_empty() {
        last.push(Compiled::list_line("summary-merged", &c.merged, lang));
    }
    let count = last.len();
    for (i, line) in last.iter().enumerate() {
        doc = doc.add_paragraph(para(line).keep_next(i + 1 == count));
    }
    doc
}

/// The units' appendix: one row per unit — status, when it was sent, on time, its figures.
fn appendix(
    mut doc: Docx,
    data: &ExportData,
    office: &Office,
    today: NaiveDate,
    (number, lang, tz): (&str, Lang, Tz),
) -> Docx {
    let period = &data.progress.period;
    let head = appendix_head(
        &appendix_number(number, lang),
        &t(lang, "doc-appendix-units"),
        &attached("doc-attached-report", office, today, lang),
    );
    for p in head {
        doc = doc.add_paragraph(p);
    }
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

/// The award proposals' appendix: collectives, then individuals, each grouped by title or
/// form of award, as the council receives them.
fn nominees_appendix(
    mut doc: Docx,
    list: &CommendationList,
    office: &Office,
    today: NaiveDate,
    (number, lang): (&str, Lang),
) -> Docx {
    let head = appendix_head(
        &appendix_number(number, lang),
        &t(lang, "docx-nominees-title"),
        &attached("doc-attached-report", office, today, lang),
    );
    for p in head {
        doc = doc.add_paragraph(p);
    }
    let cell = |text: &str, bold: bool| {
        let r = run(text, 22);
        TableCell::new().add_paragraph(Paragraph::new().add_run(if bold { r.bold() } else { r }))
    };
    let mut head = vec![cell(&t(lang, "export-col-stt"), true)];
    head.extend(list.headers.iter().map(|h| cell(h, true)));
    let columns = head.len();
    let mut rows = vec![TableRow::new(head)];
    for (n, line) in list.lines() {
        rows.push(match line {
            Line::Part(title) => TableRow::new(vec![cell(title, true).grid_span(columns)]),
            Line::Group(title) => {
                let r = run(title, 22).bold().italic();
                let group = TableCell::new().add_paragraph(Paragraph::new().add_run(r));
                TableRow::new(vec![group.grid_span(columns)])
            }
            Line::Nominee(values) => {
                let mut cells = vec![cell(&n.to_string(), false)];
                cells.extend(values.iter().map(|v| cell(v, false)));
                TableRow::new(cells).cant_split()
            }
        });
    }
    let table = Table::new(rows)
        .set_grid(nominee_grid(columns))
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa);
    doc.add_table(table)
}

/// The columns of the nominees' table (twips): STT, the name, the fields between, the unit,
/// the note.
fn nominee_grid(columns: usize) -> Vec<usize> {
    const FIXED: [usize; 4] = [700, 2000, 1500, 2200];
    let between = columns.saturating_sub(FIXED.len()).max(1);
    let rest = TEXT_WIDTH.saturating_sub(FIXED.iter().sum()) / between;
    let mut grid = vec![FIXED[0], FIXED[1]];
    grid.extend(std::iter::repeat_n(rest, columns.saturating_sub(FIXED.len())));
    grid.extend([FIXED[2], FIXED[3]]);
    grid
}
