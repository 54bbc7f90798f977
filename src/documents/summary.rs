//! What the office's compiled report says, computed once from a period's data: participation,
//! the totals of the figures, excerpts of the text answers per unit, and the units returned, late
//! or missing. The text draft ([`summary_text`]) and the Decree 30 document
//! (`summary_docx`) only lay it out.

use chrono_tz::Tz;

use crate::domain::aggregate::{total, Total};
use crate::domain::office::Office;
use crate::domain::progress::Counts;
use crate::domain::{Answer, QuestionKind};
use crate::i18n::{t, Lang, Msg};

use super::ExportData;

/// Excerpts of text answers are cut at this many characters.
const EXCERPT: usize = 400;

/// The content of the compiled report, in the reader's language.
#[derive(Clone, Debug, PartialEq)]
pub struct Compiled {
    pub counts: Counts,
    /// "I. TÌNH HÌNH GỬI BÁO CÁO: …".
    pub participation: String,
    /// One line per figure: "- Số phong trào …: 9".
    pub figures: Vec<String>,
    /// Per text question: its prompt and each unit's excerpt.
    pub texts: Vec<(String, Vec<(String, String)>)>,
    /// Units returned for correction and not sent again (left out of the figures).
    pub returned: Vec<String>,
    pub late: Vec<String>,
    pub missing: Vec<String>,
    /// Units merged into another before they reported: "Xã Nà Sáy → xã Chiềng Sinh".
    pub merged: Vec<String>,
}

/// Computes the report of `data` in `lang`.
pub fn compile(data: &ExportData, lang: Lang) -> Compiled {
    let period = &data.progress.period;
    let c = data.progress.counts();
    let participation = Msg::new("summary-participation")
        .arg("total", c.total)
        .arg("reported", c.reported())
        .arg("on_time", c.on_time)
        .arg("late", c.late)
        .arg("accepted", c.accepted)
        .arg("returned", c.returned)
        .arg("missing", c.missing)
        .render(lang);
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
            Total::Choice { counts } if counts.iter().any(|n| *n > 0) => {
                let items: Vec<String> = q
                    .kind
                    .options()
                    .iter()
                    .zip(&counts)
                    .filter(|(_, n)| **n > 0)
                    .map(|(o, n)| {
                        Msg::new("summary-choice-item")
                            .arg("label", o.label(lang))
                            .arg("count", *n)
                            .render(lang)
                    })
                    .collect();
                figures.push(format!("- {}: {}", q.prompt(lang), items.join("; ")));
            }
            Total::YesNo { yes, no } if yes + no > 0 => figures.push(
                Msg::new("summary-yes-no")
                    .arg("question", q.prompt(lang))
                    .arg("yes", yes)
                    .arg("no", no)
                    .render(lang),
            ),
            _ if matches!(q.kind, QuestionKind::Text { .. } | QuestionKind::List { .. }) => {
                let answers: Vec<(String, String)> = data
                    .progress
                    .units
                    .iter()
                    .filter_map(|u| {
                        // A report under correction is not quoted either.
                        let report = data
                            .reports
                            .get(&u.unit.id)
                            .filter(|r| r.status != crate::domain::ReportStatus::Returned)?;
                        match report.answers.get(&q.key) {
                            Some(Answer::Text { text }) => {
                                Some((u.unit.name.clone(), excerpt(text)))
                            }
                            // Lists (the exemplary, the nominees) whole, one item after another.
                            Some(Answer::List { items }) if !items.is_empty() => {
                                let lines: Vec<String> = items
                                    .iter()
                                    .map(|item| crate::domain::answer::item_line(q, item, lang))
                                    .collect();
                                Some((u.unit.name.clone(), lines.join("; ")))
                            }
                            _ => None,
                        }
                    })
                    .collect();
                if !answers.is_empty() {
                    texts.push((q.prompt(lang).to_owned(), answers));
                }
            }
            _ => {}
        }
    }
    // Listed mid-sentence: "Các đơn vị chưa gửi (5): xã Tuần Giáo, xã Búng Lao…".
    let names = |pick: &dyn Fn(&crate::domain::progress::UnitProgress) -> bool| -> Vec<String> {
        data.progress.units.iter().filter(|u| pick(u)).map(|u| u.unit.in_sentence()).collect()
    };
    Compiled {
        counts: c,
        participation,
        figures,
        texts,
        returned: data.progress.returned().map(|u| u.unit.in_sentence()).collect(),
        late: names(&|u| u.report.as_ref().is_some_and(|r| !r.on_time)),
        missing: data.progress.missing().map(|u| u.unit.in_sentence()).collect(),
        merged: data
            .progress
            .merged()
            .map(|u| {
                let into = u.successor.as_deref().unwrap_or_default();
                let into = crate::domain::unit::name_in_sentence(into, u.unit.kind);
                format!("{} → {into}", u.unit.in_sentence())
            })
            .collect(),
    }
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(EXCERPT).collect();
    if text.chars().count() > EXCERPT {
        out.push('…');
    }
    out
}

/// A whole number in the reader's convention ("1.234" in Vietnamese).
pub fn number(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Vi => crate::domain::text::vn_number(n),
        Lang::En => n.to_string(),
    }
}

/// A share as a percentage with one decimal ("73,7%" in Vietnamese, "73.7%" in English).
pub fn percent(share: f64, lang: Lang) -> String {
    match lang {
        Lang::Vi => crate::domain::text::vn_percent(share),
        Lang::En => format!("{:.1}%", share * 100.0),
    }
}

impl Compiled {
    /// "Các đơn vị …(n): A, B" for a list, "—" when it is empty.
    pub fn list_line(key: &'static str, units: &[String], lang: Lang) -> String {
        let listed = if units.is_empty() { "—".to_owned() } else { units.join(", ") };
        Msg::new(key).arg("count", units.len()).arg("units", listed).render(lang)
    }
}

/// The draft of the office's compiled summary as text: the header of the office and the date,
/// then the compiled content (see [`compile`]).
pub fn summary_text(
    data: &ExportData,
    office: &Office,
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
    tz: Tz,
) -> String {
    let period = &data.progress.period;
    let today = now.with_timezone(&tz).date_naive();
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
    let c = compile(data, lang);
    out.push_str("\n\n");
    out.push_str(&c.participation);
    if !c.figures.is_empty() {
        out.push_str("\n\n");
        out.push_str(&t(lang, "summary-figures"));
        for f in &c.figures {
            out.push('\n');
            out.push_str(f);
        }
    }
    for (prompt, answers) in &c.texts {
        out.push_str(&format!("\n\n{}", prompt.to_uppercase()));
        for (unit, text) in answers {
            out.push_str(&format!("\n- {unit}: {text}"));
        }
    }
    if !c.returned.is_empty() {
        out.push_str("\n\n");
        out.push_str(&Compiled::list_line("summary-returned", &c.returned, lang));
    }
    out.push_str("\n\n");
    out.push_str(&Compiled::list_line("summary-late", &c.late, lang));
    out.push('\n');
    out.push_str(&Compiled::list_line("summary-missing", &c.missing, lang));
    if !c.merged.is_empty() {
        out.push('\n');
        out.push_str(&Compiled::list_line("summary-merged", &c.merged, lang));
    }
    out
}
