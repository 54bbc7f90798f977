//! Drawing the invite sheet: the office, the heading, whom the page is for, the QR codes (one
//! centred, or two side by side with a caption each), their links in text — clickable too, for a
//! sheet opened on a phone — the expiry and the instructions.

use ab_glyph::FontRef;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use qrcode::{Color, EcLevel, QrCode};

use super::text::{link_lines, text_width, wrap};
use super::{steps, Sheet};
use crate::domain::office::Office;
use crate::domain::InviteLinks;
use crate::error::{Error, Result};
use crate::i18n::{t, Lang, Msg};

pub(super) static FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// A4 in points.
pub(super) const PAGE: (f32, f32) = (595.28, 841.89);
/// Decree 30 margins: 20–25 mm left, 15–20 mm right; the page is centred within them.
const LEFT: f32 = 70.0;
const RIGHT: f32 = 50.0;
/// Decree 30's bottom margin: 20–25 mm.
pub(super) const BOTTOM: f32 = 57.0;
/// The width between the margins.
pub(super) const CONTENT: f32 = PAGE.0 - LEFT - RIGHT;
/// A code alone, and each of two (about 7 cm: some 1.7 mm a module even for a long address).
const QR_SIDE: f32 = 220.0;
const QR_PAIR_SIDE: f32 = 200.0;
/// Between two codes' columns: more than a code's quiet zone, so a camera takes one at a time.
pub(super) const GAP: f32 = 36.0;
// Two codes side by side fit between the margins, each in its column, with the quiet zone a
// camera needs between them (four modules of a 41-module code, version 6).
const _: () = assert!(QR_PAIR_SIDE <= (CONTENT - GAP) / 2.0);
const _: () = assert!(GAP >= 4.0 * QR_PAIR_SIDE / 41.0);
/// The instructions' sizes, the first that fits the page taken.
const STEP_SIZES: [f32; 4] = [12.0, 11.5, 11.0, 10.5];
/// A code's caption ("Cách 1: Telegram").
const CAPTION: f32 = 12.5;

/// The whole sheet as a PDF.
pub(super) fn invite_sheets(sheets: &[Sheet], office: &Office, lang: Lang) -> Result<Vec<u8>> {
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
        let (size, steps) = fit(&measure, &steps(sheet, office, lang), pen.y);
        for lines in steps {
            for line in lines {
                pen.left(&line, size);
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
    // The bot's name for the sheet only when the bot is the one way in.
    let key = match sheet.links.web() {
        Some(_) => "invite-sheet-heading-web",
        None => "invite-sheet-heading",
    };
    pen.centred(&t(lang, key), 16.0);
    pen.y += 10.0;
    for line in wrap(pen.measure, &sheet.title, 24.0, CONTENT) {
        pen.centred(&line, 24.0);
    }
    // A code's quiet zone below the title: a camera reads it without the text.
    pen.y += 22.0;
}

/// The instructions wrapped at the largest of [`STEP_SIZES`] that keeps them above the bottom
/// margin from `top` down (the smallest when none does): a page with two codes, an officer's
/// long instructions and a two-line office still prints whole.
fn fit(measure: &FontRef<'static>, steps: &[String], top: f32) -> (f32, Vec<Vec<String>>) {
    let mut fitted = (0.0, Vec::new());
    for size in STEP_SIZES {
        let wrapped: Vec<Vec<String>> =
            steps.iter().map(|step| wrap(measure, step, size, CONTENT)).collect();
        let height: f32 = wrapped.iter().map(|lines| lines.len() as f32 * size * 1.3 + 6.0).sum();
        fitted = (size, wrapped);
        if top + height <= PAGE.1 - BOTTOM {
            break;
        }
    }
    fitted
}

/// One code's column: where it stands and what it shows.
struct Column<'l> {
    x: f32,
    width: f32,
    side: f32,
    link: &'l str,
    /// The caption's lines, as many in each column (the shorter padded with empty ones), so
    /// that the links in text start level.
    caption: Vec<String>,
    /// The link's size in text.
    size: f32,
}

/// The QR codes of `links` with their captions and links, from the pen down; the pen ends below
/// the longer column. Gives each code's and each link's area on the page, to make them clickable.
fn codes(pen: &mut Pen<'_, '_>, links: &InviteLinks, lang: Lang) -> Result<Vec<(Rect, String)>> {
    let columns = match links {
        InviteLinks::Telegram(link) | InviteLinks::Web(link) => {
            let caption = Vec::new();
            vec![Column { x: LEFT, width: CONTENT, side: QR_SIDE, link, caption, size: 11.0 }]
        }
        InviteLinks::Both { telegram, web } => {
            let width = (CONTENT - GAP) / 2.0;
            let caption = |key| wrap(pen.measure, &t(lang, key), CAPTION, width);
            let captions = level([
                caption("invite-sheet-caption-telegram"),
                caption("invite-sheet-caption-web"),
            ]);
            let xs = [LEFT, LEFT + width + GAP];
            xs.into_iter()
                .zip([telegram.as_str(), web.as_str()])
                .zip(captions)
                .map(|((x, link), caption)| Column {
                    x,
                    width,
                    side: QR_PAIR_SIDE,
                    link,
                    caption,
                    size: 9.5,
                })
                .collect()
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
    if !column.caption.is_empty() {
        for line in &column.caption {
            pen.centred_in(line, CAPTION, (column.x, column.width));
        }
        pen.y += 4.0;
    }
    let (size, lines) = link_lines(pen.measure, column.link, column.size, column.width);
    let widest = lines.iter().map(|l| text_width(pen.measure, l, size)).fold(0.0, f32::max);
    let top = pen.y;
    for line in &lines {
        pen.centred_in(line, size, (column.x, column.width));
    }
    let left = column.x + ((column.width - widest) / 2.0).max(0.0);
    let height = pen.y - top + size * 0.3;
    if let Some(area) = Rect::from_xywh(left, top, widest, height) {
        targets.push((area, column.link.to_owned()));
    }
    Ok(targets)
}

/// Pads the shorter caption with empty lines to the longer's count.
fn level<const N: usize>(mut captions: [Vec<String>; N]) -> [Vec<String>; N] {
    let lines = captions.iter().map(Vec::len).max().unwrap_or(0);
    for caption in &mut captions {
        caption.resize(lines, String::new());
    }
    captions
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

    /// A line of `text` at `x`; an empty one only moves the pen down.
    fn write(&mut self, x: f32, text: &str, size: f32) {
        self.y += size * 1.3;
        if text.is_empty() {
            return;
        }
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
}
