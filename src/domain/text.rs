//! Text as people type it: Unicode NFC (phones send decomposed Vietnamese), trimmed.

use unicode_normalization::UnicodeNormalization;

/// NFC-normalises and trims `s`.
pub fn clean(s: &str) -> String {
    s.trim().nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_vietnamese_becomes_composed() {
        // "Tỏa" typed with a combining hook above and dot below.
        let decomposed = "To\u{0309}a  ";
        assert_eq!(clean(decomposed), "Tỏa");
    }
}
