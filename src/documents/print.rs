//! Sheets that print as an office prints them: A4 landscape, the header row on every page, text
//! at a size people read — a table is fitted to the page's width only while its text stays
//! readable, else its columns run over several pages with the columns that name the row
//! repeated on each — and rows as tall as their wrapped text, so lines never overlap.

use rust_xlsxwriter::{Worksheet, XlsxError};

const A4: u8 = 9;
/// The printable width of a landscape A4 page within Excel's default margins (0.7 inch each
/// side), in pixels at 96 dpi: 297 mm − 2 × 17.8 mm = 261 mm.
const PAGE_PX: f64 = 261.4 / 25.4 * 96.0;
/// Below this scale Calibri 11 prints under 8 pt: too small to read on paper.
const READABLE: f64 = 0.75;
/// The scale of a table whose columns run over several pages: 9.4 pt, more of it on a page.
const FLOW_SCALE: u16 = 85;
/// The height of a line of Calibri 11, in points, and Excel's tallest row.
const LINE: f64 = 15.0;
const TALLEST: f64 = 409.0;
/// The average width of a letter of Calibri 11, in pixels (generous: a row a little too tall
/// reads; one too short hides its last line).
const LETTER_PX: f64 = 6.5;

/// How a table is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fit {
    /// Shrunk to the page's width (still readable).
    Width,
    /// Its columns run over pages, at this scale.
    Flow(u16),
}

/// A column `width` wide (Excel's units: digits of the default font) in pixels.
fn px(width: f64) -> f64 {
    (width * 7.0 + 5.0).floor()
}

/// How a table of columns `widths` wide prints on a landscape A4 page.
pub(crate) fn fit(widths: &[f64]) -> Fit {
    let total: f64 = widths.iter().map(|w| px(*w)).sum();
    if total <= 0.0 || PAGE_PX / total >= READABLE {
        Fit::Width
    } else {
        Fit::Flow(FLOW_SCALE)
    }
}

/// Every sheet prints as an office prints it: A4 landscape, fitted to the page's width, with
/// the header row repeated on each page when the sheet is a table (for narrow sheets).
pub(crate) fn print_ready(
    sheet: &mut Worksheet,
    table: bool,
) -> std::result::Result<(), XlsxError> {
    sheet.set_paper_size(A4).set_landscape().set_print_fit_to_pages(1, 0);
    if table {
        sheet.set_repeat_rows(0, 0)?;
    }
    Ok(())
}

/// A table of columns `widths` for print: its header row (`header_row`) on each page, and,
/// when its columns run over several pages, its first `keep` columns on each.
pub(crate) fn print_table(
    sheet: &mut Worksheet,
    widths: &[f64],
    header_row: u32,
    keep: u16,
) -> std::result::Result<Fit, XlsxError> {
    sheet.set_paper_size(A4).set_landscape();
    sheet.set_repeat_rows(header_row, header_row)?;
    let fit = fit(widths);
    match fit {
        Fit::Width => {
            sheet.set_print_fit_to_pages(1, 0);
        }
        Fit::Flow(scale) => {
            sheet.set_print_scale(scale);
            if keep > 0 {
                sheet.set_repeat_columns(0, keep - 1)?;
            }
        }
    }
    Ok(fit)
}

/// How many lines `text` takes in a column `width` wide, wrapped at spaces.
pub(crate) fn lines(text: &str, width: f64) -> usize {
    let per_line = ((px(width) - 6.0) / LETTER_PX).floor().max(1.0) as usize;
    text.lines().map(|line| wrapped(line, per_line)).sum::<usize>().max(1)
}

fn wrapped(line: &str, per_line: usize) -> usize {
    let (mut count, mut used) = (1, 0);
    for word in line.split_whitespace() {
        let len = word.chars().count();
        if used > 0 && used + 1 + len > per_line {
            count += 1;
            used = 0;
        }
        let end = if used == 0 { len } else { used + 1 + len };
        // A word longer than a line breaks where it must.
        count += end.saturating_sub(1) / per_line;
        used = end.saturating_sub(1) % per_line + 1;
    }
    count
}

/// The height of a row whose cells hold these texts in columns of these widths: as many lines
/// as its fullest cell, up to Excel's tallest row.
pub(crate) fn row_height<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>) -> f64 {
    let most = cells.into_iter().map(|(text, width)| lines(text, width)).max().unwrap_or(1);
    (most as f64 * LINE + 2.0).min(TALLEST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrow_table_is_fitted_to_the_page_and_a_wide_one_runs_over_pages() {
        assert_eq!(fit(&[5.0, 24.0, 40.0, 20.0]), Fit::Width);
        assert_eq!(fit(&[30.0; 15]), Fit::Flow(FLOW_SCALE));
    }

    #[test]
    fn wrapped_text_takes_as_many_lines_as_it_needs() {
        assert_eq!(lines("Có", 10.0), 1);
        assert_eq!(lines("một\nhai\nba", 30.0), 3);
        let long = "Hoàn thành xuất sắc nhiệm vụ ".repeat(10);
        assert!(lines(&long, 30.0) >= 8, "{}", lines(&long, 30.0));
        assert!(row_height([(long.as_str(), 30.0), ("x", 5.0)]) >= 8.0 * LINE);
        assert_eq!(row_height([("a".repeat(5_000).as_str(), 10.0)]), TALLEST);
    }
}
