//! What the report dialogue shows: questions, the review screen, a submitted report, keyboards.

use chrono_tz::Tz;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::domain::office::Office;
use crate::domain::{Answer, Draft, Period, Question, QuestionKind, Report, Unit};
use crate::i18n::{fmt_datetime, t, Lang, Msg};

use crate::telegram::callback::CallbackData;

pub use crate::render::{period_header, split, MESSAGE_LIMIT};

fn hint(q: &Question) -> Msg {
    match &q.kind {
        QuestionKind::Text { max_len } => Msg::new("hint-text").arg("max", *max_len),
        QuestionKind::Number { .. } => Msg::new("hint-number"),
        QuestionKind::Fraction => Msg::new("hint-fraction"),
        QuestionKind::YesNo => Msg::new("hint-yes-no"),
        QuestionKind::Date => Msg::new("hint-date"),
        QuestionKind::Choice { .. } => Msg::new("hint-choice"),
        QuestionKind::Multi { .. } => Msg::new("hint-multi"),
        QuestionKind::List { min_items, max_items, .. } => {
            Msg::new("hint-list").arg("min", *min_items).arg("max", *max_items)
        }
        QuestionKind::File => Msg::new("hint-file"),
    }
}

/// "Câu 2/7 (bắt buộc)", the question, what is expected, and the current answer if any.
pub fn question_text(
    q: &Question,
    index: usize,
    total: usize,
    current: Option<&Answer>,
    lang: Lang,
) -> String {
    let key = if q.required { "report-question-required" } else { "report-question-optional" };
    let mut text = Msg::new(key).arg("n", index + 1).arg("total", total).render(lang);
    text.push('\n');
    text.push_str(q.prompt(lang));
    text.push_str("\n\n");
    text.push_str(&hint(q).render(lang));
    if let Some(answer) = current {
        text.push_str("\n\n");
        let shown = shortened(&answer.display(q, lang), CURRENT_ANSWER_SHOWN);
        text.push_str(&Msg::new("report-current-answer").arg("answer", shown).render(lang));
    }
    text
}

/// Characters of the current answer shown above a question: a long answer (up to 4,000) with the
/// question, its hint and a note on top would not fit in one Telegram message, and the question
/// must be one message to carry its buttons. The review shows every answer whole.
const CURRENT_ANSWER_SHOWN: usize = 1_000;

fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max).collect();
    cut.push('…');
    cut
}

fn button(label: String, data: CallbackData) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, data.encode())
}

/// Options (yes/no, choices), then skip / keep / back as they apply.
pub fn question_keyboard(
    period: i64,
    q: &Question,
    index: usize,
    current: Option<&Answer>,
    editing: bool,
    lang: Lang,
) -> InlineKeyboardMarkup {
    let answered = current.is_some();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    match &q.kind {
        QuestionKind::YesNo => rows.push(vec![
            button(t(lang, "answer-yes"), CallbackData::Pick { period, index, option: 1 }),
            button(t(lang, "answer-no"), CallbackData::Pick { period, index, option: 0 }),
        ]),
        QuestionKind::Choice { options } => {
            for (option, o) in options.iter().enumerate() {
                rows.push(vec![button(
                    o.label(lang).to_owned(),
                    CallbackData::Pick { period, index, option },
                )]);
            }
        }
        QuestionKind::Multi { options, .. } => {
            let ticked = |key: &str| matches!(current, Some(Answer::Multi { keys }) if keys.iter().any(|k| k == key));
            for (option, o) in options.iter().enumerate() {
                let mark = if ticked(&o.key) { "☑️" } else { "⬜" };
                rows.push(vec![button(
                    format!("{mark} {}", o.label(lang)),
                    CallbackData::Pick { period, index, option },
                )]);
            }
        }
        QuestionKind::List { max_items, .. } => {
            let count = match current {
                Some(Answer::List { items }) => items.len(),
                _ => 0,
            };
            if count < *max_items {
                rows.push(vec![button(
                    t(lang, "list-button-add"),
                    CallbackData::ListAdd { period, index },
                )]);
            }
            for item in 0..count {
                let n = item + 1;
                rows.push(vec![
                    button(
                        Msg::new("list-button-edit").arg("n", n).render(lang),
                        CallbackData::ListEdit { period, index, item },
                    ),
                    button(
                        Msg::new("list-button-remove").arg("n", n).render(lang),
                        CallbackData::ListRemove { period, index, item },
                    ),
                ]);
            }
        }
        _ => {}
    }
    let mut nav = Vec::new();
    if index > 0 || editing {
        nav.push(button(t(lang, "report-button-back"), CallbackData::Back { period, index }));
    }
    if matches!(q.kind, QuestionKind::Multi { .. } | QuestionKind::List { .. }) {
        // "Done" takes the ticks as they are (checked against the minimum then).
        nav.push(button(t(lang, "report-button-done"), CallbackData::Keep { period, index }));
    } else if answered {
        nav.push(button(t(lang, "report-button-keep"), CallbackData::Keep { period, index }));
    }
    if !q.required {
        nav.push(button(t(lang, "report-button-skip"), CallbackData::Skip { period, index }));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    InlineKeyboardMarkup::new(rows)
}

fn answers_block(
    questions: &[Question],
    answers: &std::collections::BTreeMap<String, Answer>,
    lang: Lang,
) -> String {
    let mut text = String::new();
    for (i, q) in questions.iter().enumerate() {
        let answer = answers
            .get(&q.key)
            .map_or_else(|| t(lang, "report-unanswered"), |a| a.display(q, lang));
        text.push_str(&format!("\n{}. {}\n→ {}\n", i + 1, q.prompt(lang), answer));
    }
    text
}

/// The review screen, split to fit; buttons go on the last part.
pub fn review_text(
    period: &Period,
    unit: &Unit,
    draft: &Draft,
    office: &Office,
    lang: Lang,
    tz: Tz,
) -> Vec<String> {
    let mut text = Msg::new("report-review-title").arg("unit", unit.in_sentence()).render(lang);
    text.push('\n');
    text.push_str(&period_header(period, lang, tz));
    if draft.base_revision > 0 {
        text.push('\n');
        text.push_str(
            &Msg::new("report-review-revision")
                .arg("revision", draft.base_revision + 1)
                .render(lang),
        );
    }
    text.push('\n');
    text.push_str(&answers_block(&period.questions, &draft.answers, lang));
    text.push('\n');
    text.push_str(&office.named(Msg::new("report-review-hint")).render(lang));
    split(&text, MESSAGE_LIMIT)
}

/// "Sửa 1" … "Sửa N" in rows of four, then "Gửi báo cáo".
pub fn review_keyboard(period: i64, questions: usize, lang: Lang) -> InlineKeyboardMarkup {
    let edits: Vec<InlineKeyboardButton> = (0..questions)
        .map(|index| {
            button(
                Msg::new("report-button-edit").arg("n", index + 1).render(lang),
                CallbackData::Edit { period, index },
            )
        })
        .collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = edits.chunks(4).map(<[_]>::to_vec).collect();
    rows.push(vec![button(t(lang, "report-button-submit"), CallbackData::Submit { period })]);
    InlineKeyboardMarkup::new(rows)
}

/// A submitted report as officers and the unit read it.
pub fn report_text(
    period: &Period,
    unit: &Unit,
    report: &Report,
    lang: Lang,
    tz: Tz,
) -> Vec<String> {
    let timeliness =
        if report.on_time { t(lang, "report-on-time") } else { t(lang, "report-late") };
    let mut text = Msg::new("report-view-title")
        .arg("unit", unit.in_sentence())
        .arg("status", t(lang, status_key(report)))
        .render(lang);
    text.push('\n');
    text.push_str(&period_header(period, lang, tz));
    text.push('\n');
    text.push_str(
        &Msg::new("report-view-meta")
            .arg("name", report.submitted_by_name.as_str())
            .arg("at", fmt_datetime(report.submitted_at, tz))
            .arg("timeliness", timeliness)
            .arg("revision", report.revision)
            .render(lang),
    );
    if let Some(reason) = &report.return_reason {
        text.push('\n');
        text.push_str(
            &Msg::new("report-view-returned").arg("reason", reason.as_str()).render(lang),
        );
    }
    text.push('\n');
    text.push_str(&answers_block(&period.questions, &report.answers, lang));
    split(&text, MESSAGE_LIMIT)
}

fn status_key(report: &Report) -> &'static str {
    match report.status {
        crate::domain::ReportStatus::Submitted => "report-status-submitted",
        crate::domain::ReportStatus::Returned => "report-status-returned",
        crate::domain::ReportStatus::Accepted => "report-status-accepted",
    }
}

/// Buttons to pick one of several open periods.
pub fn period_choice_keyboard(
    periods: &[(Period, bool)],
    lang: Lang,
    tz: Tz,
) -> InlineKeyboardMarkup {
    let rows = periods.iter().map(|(p, submitted)| {
        let mark = if *submitted { "✅ " } else { "" };
        let label = format!("{mark}{} · {}", p.title(lang), fmt_datetime(p.due_at, tz));
        vec![button(label, CallbackData::StartReport { period: p.id.0 })]
    });
    InlineKeyboardMarkup::new(rows)
}
