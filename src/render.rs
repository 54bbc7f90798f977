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

/// The reminder for a unit that has not reported, as of `now`.
pub fn reminder_text(
    period: &Period,
    unit_name: &str,
    member_name: &str,
    nudged: bool,
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
    tz: Tz,
) -> String {
    let days = crate::domain::period::days_left(now, period.due_at, tz);
    let (key, n) = match days {
        d if d > 0 => ("reminder-days-left", d),
        0 => ("reminder-due-today", 0),
        d => ("reminder-overdue", -d),
    };
    let when =
        Msg::new(key).arg("days", n).arg("due", fmt_datetime(period.due_at, tz)).render(lang);
    let intro = if nudged { "reminder-nudge" } else { "reminder-intro" };
    Msg::new(intro)
        .arg("name", member_name)
        .arg("unit", unit_name)
        .arg("title", period.title(lang))
        .arg("window", period.window.display())
        .arg("when", when)
        .render(lang)
}

/// The officers' digest of the periods near or past their deadline; `None` when there is
/// nothing to say (every unit reported and none was returned).
pub fn digest_text(
    progress: &[crate::domain::progress::PeriodProgress],
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
    tz: Tz,
) -> Option<String> {
    let mut sections = Vec::new();
    for p in progress {
        let c = p.counts();
        if c.missing == 0 && c.returned == 0 {
            continue;
        }
        let names = |units: Vec<&crate::domain::progress::UnitProgress>| {
            units.iter().map(|u| u.unit.name.as_str()).collect::<Vec<_>>().join(", ")
        };
        let days = crate::domain::period::days_left(now, p.period.due_at, tz);
        let mut text = period_header(&p.period, lang, tz);
        text.push('\n');
        let when = if days >= 0 {
            Msg::new("digest-days-left").arg("days", days)
        } else {
            Msg::new("digest-overdue").arg("days", -days)
        };
        text.push_str(&when.render(lang));
        text.push('\n');
        text.push_str(
            &Msg::new("digest-counts")
                .arg("sent", c.on_time + c.late)
                .arg("total", c.total)
                .arg("on_time", c.on_time)
                .arg("late", c.late)
                .render(lang),
        );
        let missing: Vec<_> = p.missing().collect();
        if !missing.is_empty() {
            text.push('\n');
            text.push_str(
                &Msg::new("digest-missing")
                    .arg("count", missing.len())
                    .arg("units", names(missing))
                    .render(lang),
            );
        }
        let returned: Vec<_> = p.returned().collect();
        if !returned.is_empty() {
            text.push('\n');
            text.push_str(
                &Msg::new("digest-returned")
                    .arg("count", returned.len())
                    .arg("units", names(returned))
                    .render(lang),
            );
        }
        let unreachable: Vec<_> = p.missing_and_unreachable().collect();
        if !unreachable.is_empty() {
            text.push('\n');
            text.push_str(
                &Msg::new("digest-unreachable")
                    .arg("count", unreachable.len())
                    .arg("units", names(unreachable))
                    .render(lang),
            );
        }
        sections.push(text);
    }
    if sections.is_empty() {
        return None;
    }
    let title = Msg::new("digest-title")
        .arg("date", now.with_timezone(&tz).format("%d/%m/%Y").to_string())
        .render(lang);
    Some(format!("{title}\n\n{}", sections.join("\n\n")))
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
