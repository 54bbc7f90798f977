//! Plain-text rendering shared by the chat, the command line and the exports.

use chrono_tz::Tz;

use crate::domain::office::Office;
use crate::domain::Period;
use crate::i18n::{fmt_datetime, t, Lang, Msg};

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

/// Excerpts of text answers are cut at this many characters in the summary.
const EXCERPT: usize = 400;

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(EXCERPT).collect();
    if text.chars().count() > EXCERPT {
        out.push('…');
    }
    out
}

/// A whole number in the reader's convention ("1.234" in Vietnamese).
fn number(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Vi => crate::domain::text::vn_number(n),
        Lang::En => n.to_string(),
    }
}

/// A share as a percentage with one decimal ("73,7%" in Vietnamese, "73.7%" in English).
fn percent(share: f64, lang: Lang) -> String {
    match lang {
        Lang::Vi => crate::domain::text::vn_percent(share),
        Lang::En => format!("{:.1}%", share * 100.0),
    }
}

/// The draft of the office's compiled summary, in formal wording: header with the place and
/// date, participation, the totals of the numeric questions, excerpts per unit, late and missing.
pub fn summary_text(
    data: &crate::export::ExportData,
    office: &Office,
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
    tz: Tz,
) -> String {
    use crate::domain::aggregate::{total, Total};
    use crate::domain::QuestionKind;
    let period = &data.progress.period;
    let today = now.with_timezone(&tz).date_naive();
    let c = data.progress.counts();
    let mut out = String::new();
    for line in [office.parent.to_uppercase(), office.name.to_uppercase()] {
        if !line.is_empty() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str(&Msg::new("summary-number").arg("symbol", office.symbol.as_str()).render(lang));
    out.push_str("\n\n");
    out.push_str(&t(lang, "summary-motto"));
    out.push('\n');
    out.push_str(&office.date_line(today, lang));
    out.push_str("\n\n");
    out += &Msg::new("summary-header")
        .arg("title", period.title(lang))
        .arg("window", period.window.display())
        .render(lang);
    out.push_str("\n\n");
    out.push_str(
        &Msg::new("summary-participation")
            .arg("total", c.total)
            .arg("reported", c.on_time + c.late)
            .arg("on_time", c.on_time)
            .arg("late", c.late)
            .arg("missing", c.missing)
            .render(lang),
    );
    // A returned report is left out of the totals until the unit sends it again.
    let reports = data.counted_reports();
    let mut figures = Vec::new();
    let mut texts = Vec::new();
    for q in &period.questions {
        match total(q, &reports) {
            Total::Number { sum, count } if count > 0 => {
                figures.push(format!("- {}: {}", q.prompt(lang), number(sum, lang)))
            }
            t @ Total::Fraction { num, den, count } if count > 0 => {
                let share =
                    t.share().map(|s| format!(" ({})", percent(s, lang))).unwrap_or_default();
                let (num, den) = (number(num, lang), number(den, lang));
                figures.push(format!("- {}: {num}/{den}{share}", q.prompt(lang)));
            }
            Total::YesNo { yes, no } if yes + no > 0 => {
                figures.push(
                    Msg::new("summary-yes-no")
                        .arg("question", q.prompt(lang))
                        .arg("yes", yes)
                        .arg("no", no)
                        .render(lang),
                );
            }
            _ if matches!(q.kind, QuestionKind::Text { .. }) => texts.push(q),
            _ => {}
        }
    }
    if !figures.is_empty() {
        out.push_str("\n\n");
        out.push_str(&t(lang, "summary-figures"));
        for f in figures {
            out.push('\n');
            out.push_str(&f);
        }
    }
    for q in texts {
        let mut section = String::new();
        for u in &data.progress.units {
            let Some(crate::domain::Answer::Text { text }) =
                data.reports.get(&u.unit.id).and_then(|r| r.answers.get(&q.key))
            else {
                continue;
            };
            section.push_str(&format!("\n- {}: {}", u.unit.name, excerpt(text)));
        }
        if !section.is_empty() {
            out.push_str(&format!("\n\n{}{section}", q.prompt(lang).to_uppercase()));
        }
    }
    let returned: Vec<&str> = data.progress.returned().map(|u| u.unit.name.as_str()).collect();
    if !returned.is_empty() {
        out.push_str("\n\n");
        out.push_str(
            &Msg::new("summary-returned")
                .arg("count", returned.len())
                .arg("units", returned.join(", "))
                .render(lang),
        );
    }
    let late: Vec<&str> = data
        .progress
        .units
        .iter()
        .filter(|u| u.report.as_ref().is_some_and(|r| !r.on_time))
        .map(|u| u.unit.name.as_str())
        .collect();
    let missing: Vec<&str> = data.progress.missing().map(|u| u.unit.name.as_str()).collect();
    out.push_str("\n\n");
    out.push_str(
        &Msg::new("summary-late")
            .arg("count", late.len())
            .arg("units", if late.is_empty() { "—".to_owned() } else { late.join(", ") })
            .render(lang),
    );
    out.push('\n');
    out.push_str(
        &Msg::new("summary-missing")
            .arg("count", missing.len())
            .arg("units", if missing.is_empty() { "—".to_owned() } else { missing.join(", ") })
            .render(lang),
    );
    out
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
