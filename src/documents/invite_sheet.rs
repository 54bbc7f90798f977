//! The printable invite sheet: one A4 page per invite with the unit's name, a QR code of its
//! link, the link in text and three lines of instructions — what an office attaches to its letter
//! or hands over at a meeting. The font is embedded (the same as the chart's), so Vietnamese
//! prints the same from any server.

use ab_glyph::{Font as _, FontRef, ScaleFont};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use qrcode::{Color, EcLevel, QrCode};

use crate::actions::invite::CreatedInvite;
use crate::documents::csv_text;
use crate::domain::office::Office;
use crate::error::{Error, Result};
use crate::i18n::{fmt_datetime, t, Lang, Msg};

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// A4 in points.
const PAGE: (f32, f32) = (595.28, 841.89);
/// Decree 30 margins: 20–25 mm left, 15–20 mm right; the page is centred within them.
const LEFT: f32 = 70.0;
const RIGHT: f32 = 50.0;
const QR_SIDE: f32 = 220.0;

/// One page: who it is for and the link.
#[derive(Clone, Debug)]
pub struct Sheet {
    /// The unit's name ("Xã Chiềng Sinh"), or "Cán bộ theo dõi (1/3)" for an officer.
    pub title: String,
    /// The unit's name as written mid-sentence, for the instructions ("xã Chiềng Sinh").
    pub in_sentence: String,
    pub link: String,
    /// When the link stops working, as people read it.
    pub expires: String,
    /// An officer's invite (the instructions differ).
    pub officer: bool,
}

/// The files of a bulk invitation: a CSV (UTF-8 with a BOM: code, name, kind, cluster, link,
/// expiry) for mail merge, and the printable PDF, one page per invite.
pub fn invite_files(
    created: &[CreatedInvite],
    bot_username: &str,
    office: &Office,
    tz: chrono_tz::Tz,
    lang: Lang,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let csv_error = |e: csv::Error| Error::Io(e.into());
    let officers = created.iter().filter(|c| c.unit.is_none()).count();
    let mut csv = b"\xEF\xBB\xBF".to_vec();
    let mut sheets = Vec::with_capacity(created.len());
    {
        let mut writer = csv::Writer::from_writer(&mut csv);
        let header = ["code", "name", "kind", "cluster", "link", "expires"];
        writer.write_record(header).map_err(csv_error)?;
        let mut n = 0_usize;
        for c in created {
            let link = c.code.link(bot_username);
            let expires = fmt_datetime(c.expires_at, tz);
            let until = until(c.expires_at, tz, lang);
            let (code, name, in_sentence, kind, cluster) = match &c.unit {
                Some(u) => (
                    u.code.to_string(),
                    u.name.clone(),
                    u.in_sentence(),
                    u.kind.msg().render(lang),
                    u.cluster.clone().unwrap_or_default(),
                ),
                None => {
                    n += 1;
                    let name = Msg::new("invite-sheet-officer")
                        .arg("n", n)
                        .arg("count", officers)
                        .render(lang);
                    let role = t(lang, "role-officer");
                    (String::new(), name.clone(), name, role, String::new())
                }
            };
            let row = [&code, &name, &kind, &cluster, &link, &expires].map(|s| csv_text(s));
            writer.write_record(&row).map_err(csv_error)?;
            let officer = c.unit.is_none();
            sheets.push(Sheet { title: name, in_sentence, link, expires: until, officer });
        }
        writer.flush()?;
    }
    let pdf = invite_sheets(&sheets, office, lang)?;
    Ok((csv, pdf))
}

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
        for line in [office.parent.to_uppercase(), office.name.to_uppercase()] {
            if !line.is_empty() {
                pen.centred(&line, 12.0);
            }
        }
        pen.y += 30.0;
        pen.centred(&t(lang, "invite-sheet-heading"), 16.0);
        pen.y += 10.0;
        for line in wrap(&measure, &sheet.title, 24.0, PAGE.0 - LEFT - RIGHT) {
            pen.centred(&line, 24.0);
        }
        pen.y += 16.0;
        let code = QrCode::with_error_correction_level(sheet.link.as_bytes(), EcLevel::M)
            .map_err(|_| sheet_error("qr"))?;
        draw_qr(pen.surface, &code, (PAGE.0 - QR_SIDE) / 2.0 + (LEFT - RIGHT) / 2.0, pen.y)?;
        pen.y += QR_SIDE + 24.0;
        pen.centred(&sheet.link, 11.0);
        let expires = Msg::new("doc-invite-expires").arg("expires", sheet.expires.as_str());
        pen.centred(&expires.render(lang), 11.0);
        pen.y += 24.0;
        for step in steps(sheet, office, lang) {
            for line in wrap(&measure, &step, 12.0, PAGE.0 - LEFT - RIGHT) {
                pen.left(&line, 12.0);
            }
            pen.y += 6.0;
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| sheet_error(&format!("{e:?}")))
}

/// The instructions of a page: how to join, then what the bot does for a reporter (reminds,
/// guides question by question) or what an officer does with it (follows the reporting, reads
/// reports, reminds, returns or accepts them, exports).
pub fn steps(sheet: &Sheet, office: &Office, lang: Lang) -> Vec<String> {
    let keys: &[&'static str] = if sheet.officer {
        &[
            "invite-sheet-step-1",
            "invite-sheet-step-2-officer",
            "doc-invite-officer-follow",
            "doc-invite-officer-act",
            "doc-invite-officer-contact",
        ]
    } else {
        &["invite-sheet-step-1", "invite-sheet-step-2", "invite-sheet-step-3"]
    };
    keys.iter()
        .enumerate()
        .map(|(n, key)| {
            office
                .named(Msg::new(key))
                .arg("n", n + 1)
                .arg("unit", sheet.in_sentence.as_str())
                .render(lang)
        })
        .collect()
}

/// When a link stops working, as a letter writes it: "15 giờ 11 ngày 17/12/2026".
pub fn until(at: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz, lang: Lang) -> String {
    use chrono::Timelike;
    let local = at.with_timezone(&tz);
    Msg::new("doc-invite-until")
        .arg("hour", local.hour())
        .arg("minute", format!("{:02}", local.minute()))
        .arg("date", local.format("%d/%m/%Y").to_string())
        .render(lang)
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
        let width = text_width(self.measure, text, size);
        let x = LEFT + ((PAGE.0 - LEFT - RIGHT - width) / 2.0).max(0.0);
        self.write(x, text, size);
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

/// The QR code as black squares, with its quiet zone left white by the page.
fn draw_qr(
    surface: &mut krilla::surface::Surface<'_>,
    code: &QrCode,
    x: f32,
    y: f32,
) -> Result<()> {
    let modules = code.width();
    let cell = QR_SIDE / modules as f32;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(title: &str) -> Sheet {
        Sheet {
            title: title.to_owned(),
            in_sentence: title.to_lowercase(),
            link: "https://t.me/baocao_dienbien_bot?start=0123456789abcdef0123456789abcdef".into(),
            expires: "16/12/2026 09:00".into(),
            officer: false,
        }
    }

    #[test]
    fn one_page_per_invite_with_the_font_embedded() {
        let pdf = invite_sheets(
            &[sheet("Xã Chiềng Sinh"), sheet("Phường Mường Thanh")],
            &Office::default(),
            Lang::Vi,
        )
        .unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(
            text.matches("/Type /Page\n").count()
                + text.matches("/Type /Page ").count()
                + text.matches("/Type /Page/").count()
                + text.matches("/Type /Page>").count(),
            2,
            "two pages"
        );
        assert!(text.contains("/FontFile2"), "the font is embedded");
    }

    #[test]
    fn an_officers_page_says_what_officers_do_and_a_reporters_page_how_to_answer() {
        let office = Office { short_name: "Sở Nội vụ".to_owned(), ..Office::default() };
        let officer = Sheet { officer: true, ..sheet("Cán bộ theo dõi báo cáo (1/2)") };
        let text = steps(&officer, &office, Lang::Vi).join("\n");
        for does in ["/tonghop", "/xem", "/nhac", "Trả lại", "Tiếp nhận", "/xuat", "/web"] {
            assert!(text.contains(does), "{does} in {text}");
        }
        assert!(!text.contains("trả lời từng câu"), "{text}");
        assert!(text.contains("liên hệ Sở Nội vụ"), "{text}");
        let reporter = steps(&sheet("Xã Chiềng Sinh"), &office, Lang::Vi).join("\n");
        assert!(reporter.contains("trả lời từng câu") && reporter.contains("xã chiềng sinh"));
    }

    #[test]
    fn the_expiry_is_written_as_a_letter_writes_it() {
        use chrono::TimeZone;
        let tz = chrono_tz::Asia::Ho_Chi_Minh;
        let at = tz.with_ymd_and_hms(2026, 12, 17, 15, 11, 0).unwrap().with_timezone(&chrono::Utc);
        assert_eq!(until(at, tz, Lang::Vi), "15 giờ 11 ngày 17/12/2026");
        let at = tz.with_ymd_and_hms(2026, 12, 17, 9, 5, 0).unwrap().with_timezone(&chrono::Utc);
        assert_eq!(until(at, tz, Lang::Vi), "9 giờ 05 ngày 17/12/2026");
        let expires = Msg::new("doc-invite-expires").arg("expires", until(at, tz, Lang::Vi));
        assert_eq!(
            expires.render(Lang::Vi),
            "Link dùng được một lần, đến 9 giờ 05 ngày 17/12/2026."
        );
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
