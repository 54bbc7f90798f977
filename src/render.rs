//! Plain-text rendering shared by the chat, the command line and the exports.

use chrono_tz::Tz;

use crate::domain::Period;
use crate::i18n::{fmt_datetime, Lang, Msg};

/// A Telegram message holds 4096 UTF-16 units; keep a margin.
pub const MESSAGE_LIMIT: usize = 3900;

/// Splits `text` into messages that fit, at line breaks (never silently truncated).
pub fn split(text: &str, limit: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    for line in text.split('\n') {
        let units = |s: &str| s.encode_utf16().count();
        if !current.is_empty() && units(&current) + units(line) + 1 > limit {
            parts.push(std::mem::take(&mut current));
        }
        if units(line) > limit {
            // One very long line: cut it at character boundaries.
            let mut chunk = String::new();
            for c in line.chars() {
                if units(&chunk) + c.len_utf16() > limit {
                    parts.push(std::mem::take(&mut chunk));
                }
                chunk.push(c);
            }
            current = chunk;
            continue;
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(line);
    }
    if !current.is_empty() || parts.is_empty() {
        parts.push(current);
    }
    parts
}

/// Title, data window and deadline of a period, three lines.
pub fn period_header(period: &Period, lang: Lang, tz: Tz) -> String {
    Msg::new("report-period-header")
        .arg("title", period.title(lang))
        .arg("window", period.window.display())
        .arg("due", fmt_datetime(period.due_at, tz))
        .render(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_split_at_lines_and_nothing_is_lost() {
        let line = "Kết quả nổi bật ".repeat(20);
        let text = vec![line.as_str(); 30].join("\n");
        let parts = split(&text, 1000);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.encode_utf16().count() <= 1000));
        assert_eq!(parts.join("\n"), text);
    }

    #[test]
    fn one_huge_line_is_cut_without_losing_characters() {
        let text = "ữ".repeat(2500);
        let parts = split(&text, 1000);
        assert_eq!(parts.concat(), text);
        assert!(parts.iter().all(|p| p.encode_utf16().count() <= 1000));
    }
}
