//! What every Word document of the office takes from Decree 30/2020/NĐ-CP: A4 with margins
//! 20/20/30/15 mm, Times New Roman 13–14 pt; page numbers centred at the top from the second page
//! (none on the first); the issuing body and the national motto, each with its short rule; the
//! short rule under a title; "Nơi nhận" beside the signature, kept on one page; the line that
//! ties an appendix to its document.

use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, Header, LineSpacing, PageMargin, PageNum, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Table, TableCell, TableRow,
    WidthType,
};

use crate::domain::office::{formal_date, Office};
use crate::i18n::{t, Lang, Msg};

/// Sizes in half-points (Word's unit): 13 pt body, 14 pt title, 12 pt small print.
pub(crate) const BODY: usize = 26;
pub(crate) const TITLE: usize = 28;
pub(crate) const SMALL: usize = 24;
/// A4 in twentieths of a point, and the text width within Decree 30's margins.
pub(crate) const A4: (u32, u32) = (11_906, 16_838);
pub(crate) const MM: i32 = 57;
pub(crate) const TEXT_WIDTH: usize = 11_906 - 45 * 57;

pub(crate) fn times() -> RunFonts {
    let font = "Times New Roman";
    RunFonts::new().ascii(font).hi_ansi(font).cs(font).east_asia(font)
}

pub(crate) fn space(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new().before(before).after(after)
}

pub(crate) fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size).fonts(times())
}

/// A centred paragraph (an empty one as tall as a line of `size`: a spacer).
pub(crate) fn centred(text: &str, size: usize, bold: bool) -> Paragraph {
    let run = if bold { run(text, size).bold() } else { run(text, size) };
    Paragraph::new().align(AlignmentType::Center).size(size).add_run(run)
}

pub(crate) fn margins() -> PageMargin {
    PageMargin::new().top(20 * MM).bottom(20 * MM).left(30 * MM).right(15 * MM).header(10 * MM)
}

/// The page number, centred in the top margin (at the document's default size, the body's).
fn page_number() -> Header {
    Header::new()
        .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new()))
}

/// The document's pages: A4, the margins, page numbers from the second page. (One section:
/// Decree 30 numbers an appendix's pages on its own, but a section break after the signature
/// leaves a blank page whenever the signature ends at the foot of a page.)
pub(crate) fn pages(doc: docx_rs::Docx) -> docx_rs::Docx {
    doc.default_fonts(times())
        .default_size(BODY)
        .page_size(A4.0, A4.1)
        .page_margin(margins())
        .header(page_number())
        .title_pg()
}

/// A short horizontal rule, centred, `width` long within a column `within` wide (twips): drawn
/// as the bottom border of an empty paragraph, as Decree 30 draws it under the issuing body,
/// the motto and a title.
pub(crate) fn rule(width: usize, within: usize) -> Paragraph {
    let side = i32::try_from(within.saturating_sub(width) / 2).unwrap_or(0);
    let mut p = Paragraph::new()
        .indent(Some(side), None, Some(side), None)
        .line_spacing(space(0, 120).line(240).line_rule(docx_rs::LineSpacingType::Auto))
        .size(10);
    // Only the bottom border: docx-rs's default set of borders draws all four.
    let bottom = ParagraphBorder::new(ParagraphBorderPosition::Bottom).size(6);
    p.property = p.property.set_borders(ParagraphBorders::with_empty().set(bottom));
    p
}

/// The two columns above the title: who issues it, and the national motto with place and date.
pub(crate) fn header(office: &Office, today: NaiveDate, symbol_line: &str, lang: Lang) -> Table {
    let (left_width, right_width) = (TEXT_WIDTH * 2 / 5, TEXT_WIDTH * 3 / 5);
    let mut left = TableCell::new().width(left_width, WidthType::Dxa);
    if !office.parent.is_empty() {
        left = left.add_paragraph(centred(&office.parent.to_uppercase(), SMALL, false));
    }
    left = left
        .add_paragraph(centred(&office.name.to_uppercase(), SMALL, true))
        .add_paragraph(rule(left_width / 3, left_width))
        .add_paragraph(centred(symbol_line, BODY, false).line_spacing(space(120, 0)));
    let mut right = TableCell::new().width(right_width, WidthType::Dxa);
    let motto = t(lang, "summary-motto");
    let mut lines = motto.lines();
    if let Some(nation) = lines.next() {
        right = right.add_paragraph(centred(nation, SMALL, true));
    }
    for line in lines {
        right = right.add_paragraph(centred(line, BODY, true));
    }
    // As long as "Độc lập - Tự do - Hạnh phúc" at 13 pt.
    right = right.add_paragraph(rule(3_500, right_width)).add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(space(120, 0))
            .add_run(run(&office.date_line(today, lang), BODY).italic()),
    );
    Table::without_borders(vec![TableRow::new(vec![left, right])])
        .set_grid(vec![left_width, right_width])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// "(Kèm theo Báo cáo số      /BC-SNV ngày 18 tháng 6 năm 2021 của Sở Nội vụ)": `key` says which
/// document (a report, a submission).
pub(crate) fn attached(key: &'static str, office: &Office, day: NaiveDate, lang: Lang) -> String {
    let date = match lang {
        Lang::Vi => formal_date(day),
        Lang::En => day.format("%d/%m/%Y").to_string(),
    };
    Msg::new(key)
        .arg("symbol", office.symbol.as_str())
        .arg("date", date)
        .arg("office", office.short_name.as_str())
        .render(lang)
}

/// "Nơi nhận" as the office set it (else its parent body, to be reported to, or a blank to fill
/// in), ending with the archive and the drafting section.
pub(crate) fn recipients(office: &Office, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> =
        office.recipients(lang).into_iter().map(|l| format!("- {l};")).collect();
    out.push(
        Msg::new("doc-recipient-archive").arg("section", office.section.as_str()).render(lang),
    );
    out
}

/// "Nơi nhận" on the left, the signature block on the right — one row that never splits
/// across pages, so the signature is never left alone on a page.
pub(crate) fn closing(office: &Office, lang: Lang) -> Table {
    let half = TEXT_WIDTH / 2;
    let mut left = TableCell::new().width(half, WidthType::Dxa).add_paragraph(
        Paragraph::new()
            .line_spacing(space(240, 0))
            .add_run(run(&t(lang, "docx-recipients"), SMALL).bold().italic()),
    );
    for line in recipients(office, lang) {
        left = left.add_paragraph(Paragraph::new().add_run(run(&line, 22)));
    }
    let mut right = TableCell::new().width(half, WidthType::Dxa);
    for (i, line) in office.signer_lines().iter().enumerate() {
        let p = centred(&line.to_uppercase(), BODY, true);
        right = right.add_paragraph(if i == 0 { p.line_spacing(space(240, 0)) } else { p });
    }
    for _ in 0..4 {
        right = right.add_paragraph(centred("", BODY, false));
    }
    right = right.add_paragraph(centred(&t(lang, "docx-signer-name"), BODY, true));
    Table::without_borders(vec![TableRow::new(vec![left, right]).cant_split()])
        .set_grid(vec![half, half])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// An appendix's head, on a new page: "PHỤ LỤC I", its name, the line that ties it to the
/// document, the rule.
pub(crate) fn appendix_head(number: &str, name: &str, attached: &str) -> Vec<Paragraph> {
    vec![
        centred(number, TITLE, true).page_break_before(true),
        centred(name, BODY, true),
        Paragraph::new().align(AlignmentType::Center).add_run(run(attached, BODY).italic()),
        rule(TEXT_WIDTH / 4, TEXT_WIDTH),
    ]
}
