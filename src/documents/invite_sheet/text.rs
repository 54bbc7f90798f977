//! Measuring and breaking the sheet's text: its width in the embedded font, lines wrapped at
//! spaces, a link broken after its `?` to fit a code's column.

use ab_glyph::{Font as _, FontRef, ScaleFont};

/// The width of `text` at `size` points (the em size, as the PDF sets it).
pub(super) fn text_width(font: &FontRef<'static>, text: &str, size: f32) -> f32 {
    // ab_glyph scales by the font's height (ascent − descent), not by the em; PDF sizes are ems.
    let per_em = font.units_per_em().map_or(1.0, |em| font.height_unscaled() / em);
    let scale = ab_glyph::PxScale::from(size * per_em);
    let scaled = font.as_scaled(scale);
    text.chars().map(|c| scaled.h_advance(font.glyph_id(c))).sum()
}

/// Breaks `text` into lines no wider than `width` at `size`, at spaces (a word longer than a
/// line, such as a link, stays whole).
pub(super) fn wrap(font: &FontRef<'static>, text: &str, size: f32, width: f32) -> Vec<String> {
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

/// A link's lines in its column: at `size`, or a little smaller when that keeps it to two lines
/// (the address, then the code: a code's letters are wider than its digits, so the same column
/// fits one code's line and not another's).
pub(super) fn link_lines(
    font: &FontRef<'static>,
    link: &str,
    size: f32,
    width: f32,
) -> (f32, Vec<String>) {
    let mut fitted = (size, Vec::new());
    for size in [size, size - 0.5, size - 1.0] {
        fitted = (size, break_link(font, link, size, width));
        if fitted.1.len() <= 2 {
            break;
        }
    }
    fitted
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
    use crate::documents::invite_sheet::page::{CONTENT, FONT, GAP};

    const TELEGRAM: &str =
        "https://t.me/baocao_dienbien_bot?start=0123456789abcdef0123456789abcdef";

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
    fn a_code_of_the_widest_characters_still_takes_two_lines_in_its_column() {
        let font = FontRef::try_from_slice(FONT).unwrap();
        let width = (CONTENT - GAP) / 2.0;
        let widest = "0123456789abcdef"
            .chars()
            .max_by(|a, b| {
                text_width(&font, &a.to_string(), 10.0).total_cmp(&text_width(
                    &font,
                    &b.to_string(),
                    10.0,
                ))
            })
            .unwrap();
        let code = widest.to_string().repeat(32);
        for link in [
            format!("https://t.me/baocao_dienbien_bot?start={code}"),
            format!("https://baocao.snv.dienbien.gov.vn/join?code={code}"),
        ] {
            let (size, lines) = link_lines(&font, &link, 9.5, width);
            assert_eq!(lines.len(), 2, "{lines:?}");
            assert!(lines.iter().all(|l| text_width(&font, l, size) <= width), "{lines:?}");
            assert!(size >= 8.5);
        }
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
