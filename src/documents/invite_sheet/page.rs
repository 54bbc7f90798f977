//! Drawing the invite sheet: the office, the heading, whom the page is for, the QR codes (one
//! centred, or two side by side with a caption each), their links in text — clickable too, for a
//! sheet opened on a phone — the expiry and the instructions.

use ab_glyph::{Font as _, FontRef, ScaleFont};
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use qrcode::{Color, EcLevel, QrCode};

use super::{steps, Sheet};
use crate::domain::office::Office;
use crate::domain::InviteLinks;
use crate::error::{Error, Result};
use crate::i18n::{t, Lang, Msg};

static FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// A4 in points.
const PAGE: (f32, f32) = (595.28, 841.89);
/// Decree 30 margins: 20–25 mm left, 15–20 mm right; the page is centred within them.
const LEFT: f32 = 70.0;
const RIGHT: f32 = 50.0;
/// The width between the margins.
const CONTENT: f32 = PAGE.0 - LEFT - RIGHT;
/// A code alone, and each of two (about 6.3 cm: still some 1.7 mm a module for a link's code).
const QR_SIDE: f32 = 220.0;
const QR_PAIR_SIDE: f32 = 180.0;
/// Between two codes' columns: more than a code's quiet zone, so a camera takes one at a time.
const GAP: f32 = 36.0;

/// The whole sheet as a PDF.
pub fn invite_sheets(sheets: &[Sheet], office: &Office, lang: Lang) -> Result<Vec<u8>> {
    let measure = FontRef::try_from_slice(FONT).map_err(|_| sheet_error("font"))?;
    let font = Font::new(FONT.into(), 0).ok_or_else(|| sheet_error("font"))?;
    let mut document = Document::new();
    for sheet in sheets {
        let settings = PageSettings::from_wh(PAGE.0, PAGE.1).ok_or_else(|| sheet_error("page"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut pen = Pen { surface: &mut surface, font: &font, measure: &measure, y: 70.0 };
        heading(&mut pen, sheet, office, lang);
        let targets = codes(&mut pen, &sheet.links, lang)?;
        let expires = Msg::new("doc-invite-expires").arg("expires", sheet.expires.as_str());
        pen.y += 6.0;
        pen.centred(&expires.render(lang), 11.0);
        pen.y += 20.0;
        for step in steps(sheet, office, lang) {
            for line in wrap(&measure, &step, 12.0, CONTENT) {
                pen.left(&line, 12.0);
            }
            pen.y += 6.0;
        }
        surface.finish();
        for (area, link) in targets {
            let action = Target::Action(LinkAction::new(link.clone()).into());
            page.add_annotation(Annotation::new_link(
                LinkAnnotation::new(area, action),
                Some(link),
            ));
        }
        page.finish();
    }
    document.finish().map_err(|e| sheet_error(&format!("{e:?}")))
}

/// The office, the sheet's heading and whom the page is for.
fn heading(pen: &mut Pen<'_, '_>, sheet: &Sheet, office: &Office, lang: Lang) {
    for line in [office.parent.to_uppercase(), office.name.to_uppercase()] {
        if !line.is_empty() {
            pen.centred(&line, 12.0);
        }
    }
    pen.y += 30.0;
    pen.centred(&t(lang, "invite-sheet-heading"), 16.0);
    pen.y += 10.0;
    for line in wrap(pen.measure, &sheet.title, 24.0, CONTENT) {
        pen.centred(&line, 24.0);
    }
    pen.y += 16.0;
}

/// One code's column: where it stands and what it shows.
struct Column<'l> {
    x: f32,
    width: f32,
    side: f32,
    link: &'l str,
    caption: Option<String>,
    /// The link's size in text.
    size: f32,
}

/// The QR codes of `links` with their captions and links, from the pen down; the pen ends below
/// the longer column. Gives each code's and each link's area on the page, to make them clickable.
fn codes(pen: &mut Pen<'_, '_>, links: &InviteLinks, lang: Lang) -> Result<Vec<(Rect, String)>> {
    let columns = match links {
        InviteLinks::Telegram(link) | InviteLinks::Web(link) => {
            vec![Column { x: LEFT, width: CONTENT, side: QR_SIDE, link, caption: None, size: 11.0 }]
        }
        InviteLinks::Both { telegram, web } => {
            let width = (CONTENT - GAP) / 2.0;
            let column = |x, link, key| Column {
                x,
                width,
                side: QR_PAIR_SIDE,
                link,
                caption: Some(t(lang, key)),
                size: 9.5,
            };
            vec![
                column(LEFT, telegram.as_str(), "invite-sheet-caption-telegram"),
                column(LEFT + width + GAP, web.as_str(), "invite-sheet-caption-web"),
            ]
        }
    };
    let top = pen.y;
    let mut bottom = top;
    let mut targets = Vec::new();
    for column in &columns {
        pen.y = top;
        targets.extend(code_column(pen, column)?);
        bottom = bottom.max(pen.y);
    }
    pen.y = bottom;
    Ok(targets)
}

/// One column: the code, its caption, its link.
fn code_column(pen: &mut Pen<'_, '_>, column: &Column<'_>) -> Result<Vec<(Rect, String)>> {
    let code = QrCode::with_error_correction_level(column.link.as_bytes(), EcLevel::M)
        .map_err(|_| sheet_error("qr"))?;
    let x = column.x + (column.width - column.side) / 2.0;
    draw_qr(pen.surface, &code, (x, pen.y), column.side)?;
    let mut targets: Vec<(Rect, String)> = Rect::from_xywh(x, pen.y, column.side, column.side)
        .map(|area| (area, column.link.to_owned()))
        .into_iter()
        .collect();
    pen.y += column.side + 8.0;
    if let Some(caption) = &column.caption {
        for line in wrap(pen.measure, caption, 12.0, column.width) {
            pen.centred_in(&line, 12.0, (column.x, column.width));
        }
        pen.y += 4.0;
    }
    let lines = break_link(pen.measure, column.link, column.size, column.width);
    let widest = lines.iter().map(|l| text_width(pen.measure, l, column.size)).fold(0.0, f32::max);
    let top = pen.y;
    for line in &lines {
        pen.centred_in(line, column.size, (column.x, column.width));
    }
    let left = column.x + ((column.width - widest) / 2.0).max(0.0);
    let height = pen.y - top + column.size * 0.3;
    if let Some(area) = Rect::from_xywh(left, top, widest, height) {
        targets.push((area, column.link.to_owned()));
    }
    Ok(targets)
}

fn sheet_error(what: &str) -> Error {
    Error::Io(std::io::Error::other(format!("the invite sheet could not be drawn: {what}")))
}

/// Writes lines down a page.
struct Pen<'a, 'b> {
    surface: &'a mut krilla::surface::Surface<'b>,
    font: &'a Font,
    measure: &'a FontRef<'static>,
    /// The baseline of the next line, from the top.
    y: f32,
}

impl Pen<'_, '_> {
    fn centred(&mut self, text: &str, size: f32) {
        self.centred_in(text, size, (LEFT, CONTENT));
    }

    /// Centred in the column `x` wide `width`.
    fn centred_in(&mut self, text: &str, size: f32, (x, width): (f32, f32)) {
        let text_width = text_width(self.measure, text, size);
        self.write(x + ((width - text_width) / 2.0).max(0.0), text, size);
    }

    fn left(&mut self, text: &str, size: f32) {
        self.write(LEFT, text, size);
    }

    fn write(&mut self, x: f32, text: &str, size: f32) {
        self.y += size * 1.3;
        let at = Point::from_xy(x, self.y);
        self.surface.draw_text(at, self.font.clone(), size, text, false, TextDirection::Auto);
    }
}

/// The QR code as black squares `side` wide from `(x, y)`, its quiet zone left white by the page.
fn draw_qr(
    surface: &mut krilla::surface::Surface<'_>,
    code: &QrCode,
    (x, y): (f32, f32),
    side: f32,
) -> Result<()> {
    let modules = code.width();
    let cell = side / modules as f32;
    let colors = code.to_colors();
    let mut path = PathBuilder::new();
    // One rectangle per run of dark modules in a row, a little taller than the row, so that no
    // white seam shows between squares at any print or screen resolution.
    for (row, line) in colors.chunks(modules).enumerate() {
        let mut col = 0;
        while col < modules {
            if line[col] != Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < modules && line[col] == Color::Dark {
                col += 1;
            }
            let (left, top) = (x + start as f32 * cell, y + row as f32 * cell);
            let width = (col - start) as f32 * cell;
            if let Some(rect) = Rect::from_xywh(left, top, width, cell + 0.4) {
                path.push_rect(rect);
            }
        }
    }
    let path = path.finish().ok_or_else(|| sheet_error("qr path"))?;
    surface.set_fill(Some(Fill::default()));
    surface.draw_path(&path);
    Ok(())
}

/// The width of `text` at `size` points (the em size, as the PDF sets it).
fn text_width(font: &FontRef<'static>, text: &str, size: f32) -> f32 {
    // ab_glyph scales by the font's height (ascent − descent), not by the em; PDF sizes are ems.
    let per_em = font.units_per_em().map_or(1.0, |em| font.height_unscaled() / em);
    let scale = ab_glyph::PxScale::from(size * per_em);
    let scaled = font.as_scaled(scale);
    text.chars().map(|c| scaled.h_advance(font.glyph_id(c))).sum()
}

/// Breaks `text` into lines no wider than `width` at `size`, at spaces (a word longer than a
/// line, such as a link, stays whole).
fn wrap(font: &FontRef<'static>, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if !line.is_empty() && text_width(font, &candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Breaks a link into lines no wider than `width` at `size`: after its `?` or `&` where it can
/// (the address on one line, the code on the next), else wherever the line is full.
fn break_link(font: &FontRef<'static>, link: &str, size: f32, width: f32) -> Vec<String> {
    let fits = |text: &str| text_width(font, text, size) <= width;
    let mut lines = Vec::new();
    let mut line = String::new();
    for piece in link.split_inclusive(['?', '&']) {
        if fits(&format!("{line}{piece}")) {
            line.push_str(piece);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in piece.chars() {
            if !line.is_empty() && !fits(&format!("{line}{c}")) {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::invite_sheet::tests::{both, sheet};

    const TELEGRAM: &str =
        "https://t.me/baocao_dienbien_bot?start=0123456789abcdef0123456789abcdef";

    fn pages(pdf: &[u8]) -> usize {
        let text = String::from_utf8_lossy(pdf);
        ["/Type /Page\n", "/Type /Page ", "/Type /Page/", "/Type /Page>"]
            .iter()
            .map(|p| text.matches(p).count())
            .sum()
    }

    #[test]
    fn one_page_per_invite_with_the_font_embedded() {
        let one = InviteLinks::Telegram(TELEGRAM.into());
        let pdf = invite_sheets(
            &[sheet("Xã Chiềng Sinh", one), sheet("Phường Mường Thanh", both())],
            &Office::default(),
            Lang::Vi,
        )
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(pages(&pdf), 2, "two pages");
        assert!(String::from_utf8_lossy(&pdf).contains("/FontFile2"), "the font is embedded");
    }

    /// The links are clickable for a sheet opened on a phone: each code and each link in text.
    #[test]
    fn a_page_with_both_ways_links_to_the_bot_and_to_the_join_page() {
        let page = sheet("Xã Chiềng Sinh", both());
        let pdf = invite_sheets(&[page], &Office::default(), Lang::Vi).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        let web = "https://baocao.snv.dienbien.gov.vn/join?code=0123456789abcdef0123456789abcdef";
        assert_eq!(text.matches(&format!("/URI ({TELEGRAM})")).count(), 2, "the code, the text");
        assert_eq!(text.matches(&format!("/URI ({web})")).count(), 2, "the code, the text");
        let alone = sheet("Xã Chiềng Sinh", InviteLinks::Telegram(TELEGRAM.into()));
        let pdf = invite_sheets(&[alone], &Office::default(), Lang::Vi).unwrap();
        assert!(!String::from_utf8_lossy(&pdf).contains("/join?code="));
    }

    #[test]
    fn two_codes_side_by_side_fit_between_the_margins_with_a_camera_gap() {
        let column = (CONTENT - GAP) / 2.0;
        assert!(QR_PAIR_SIDE <= column, "each code within its column");
        // The quiet zone a reader needs: four modules of a 41-module code (version 6).
        assert!(GAP >= 4.0 * QR_PAIR_SIDE / 41.0);
    }

    #[test]
    fn a_link_breaks_after_its_question_mark_and_fits_its_column() {
        let font = FontRef::try_from_slice(FONT).unwrap();
        let width = (CONTENT - GAP) / 2.0;
        let lines = break_link(&font, TELEGRAM, 9.5, width);
        assert_eq!(
            lines,
            ["https://t.me/baocao_dienbien_bot?", "start=0123456789abcdef0123456789abcdef"]
        );
        let long = format!("https://{}.gov.vn/join?code=0123", "a".repeat(80));
        let lines = break_link(&font, &long, 9.5, width);
        assert!(lines.len() > 2 && lines.iter().all(|l| text_width(&font, l, 9.5) <= width));
        assert_eq!(lines.concat(), long, "nothing lost or added");
        assert_eq!(break_link(&font, TELEGRAM, 11.0, CONTENT), [TELEGRAM]);
    }

    #[test]
    fn long_lines_wrap_at_spaces_and_a_link_stays_whole() {
        let font = FontRef::try_from_slice(FONT).unwrap();
        let lines = wrap(&font, &"Ủy ban nhân dân ".repeat(10), 12.0, 200.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(&font, l, 12.0) <= 200.0));
        let link = "https://t.me/bot?start=0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(wrap(&font, link, 12.0, 100.0), [link]);
    }
}
