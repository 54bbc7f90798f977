//! Text as people type it: Unicode NFC (phones send decomposed Vietnamese), trimmed.

use unicode_normalization::UnicodeNormalization;

/// NFC-normalises and trims `s`, and drops what no document may hold: control characters other
/// than line breaks and tabs (invisible, and Excel and CSV readers trip on them), Unicode
/// noncharacters (U+FFFF, U+FDD0…: one makes a Word document "not well-formed", and Word then
/// refuses the whole file), and direction overrides. Every text a person gives enters here.
pub fn clean(s: &str) -> String {
    s.trim()
        .nfc()
        .filter(|c| {
            (!c.is_control() || *c == '\n' || *c == '\t')
                && !is_bidi_control(*c)
                && !is_noncharacter(*c)
        })
        .collect()
}

/// The 66 Unicode noncharacters: U+FDD0–U+FDEF, and the last two code points of every plane
/// (U+FFFE, U+FFFF, U+1FFFE, …). XML 1.0 forbids U+FFFE and U+FFFF outright.
fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// A whole number as Vietnamese write it: "1.234.567" (dots between thousands).
pub fn vn_number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A share as a Vietnamese percentage with one decimal: 0.7368 → "73,7%".
pub fn vn_percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0).replace('.', ",")
}

/// [`clean`], on one line: runs of spaces and line breaks become one space (names, positions,
/// short fields).
pub fn one_line(s: &str) -> String {
    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` as it reads mid-sentence: its first letter lower-case ("Báo cáo 6 tháng…" → "báo cáo 6
/// tháng…"), unless its first word is an abbreviation in capitals ("UBND …", "COVID-19").
pub fn lower_first(s: &str) -> String {
    let first_word = s.split_whitespace().next().unwrap_or_default();
    if first_word.chars().filter(|c| c.is_alphabetic()).skip(1).any(char::is_uppercase) {
        return s.to_owned();
    }
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// Direction overrides and isolates (U+202A–202E, U+2066–2069) can make a name or a figure read
/// backwards in a list or an export; they are dropped.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_mid_sentence_starts_lower_case_unless_it_starts_with_an_abbreviation() {
        assert_eq!(lower_first("Báo cáo 6 tháng đầu năm 2021"), "báo cáo 6 tháng đầu năm 2021");
        assert_eq!(lower_first("UBND tỉnh"), "UBND tỉnh");
        assert_eq!(lower_first("Ủy ban"), "ủy ban");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn numbers_and_percentages_are_written_the_vietnamese_way() {
        assert_eq!(vn_number(1_234_567), "1.234.567");
        assert_eq!(vn_number(999), "999");
        assert_eq!(vn_number(-1000), "-1.000");
        assert_eq!(vn_percent(0.7368), "73,7%");
        assert_eq!(vn_percent(1.0), "100,0%");
    }

    #[test]
    fn control_characters_are_dropped_but_lines_emoji_and_rtl_stay() {
        assert_eq!(clean("a\u{0007}b\u{0000}\nc\td 👍 שלום\u{202E}"), "ab\nc\td 👍 שלום");
    }

    #[test]
    fn noncharacters_are_dropped_so_every_document_stays_well_formed() {
        assert_eq!(clean("Kết\u{FFFF} quả\u{FFFE} tốt\u{FDD0}\u{10FFFF}\u{1FFFE}"), "Kết quả tốt");
        // The characters beside them stay: U+FFFD (the replacement character), U+FDCF, U+FDF0.
        assert_eq!(clean("\u{FFFD}\u{FDCF}\u{FDF0}"), "\u{FFFD}\u{FDCF}\u{FDF0}");
    }

    #[test]
    fn decomposed_vietnamese_becomes_composed() {
        // "Tỏa" typed with a combining hook above and dot below.
        let decomposed = "To\u{0309}a  ";
        assert_eq!(clean(decomposed), "Tỏa");
    }
}
