//! Answers: parsed and validated from what a person typed or sent, one question at a time.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::{fmt_date, t, Lang, Msg};

use super::template::{ListField, Question, QuestionKind, FILE_MAX_BYTES};
use super::text::clean;

/// How the id of a file sent through the web form starts (the rest is its number in `uploads`).
pub const UPLOAD: &str = "upload:";

/// A file a person attached (Telegram keeps the bytes; we keep the reference).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    pub file_id: String,
    pub file_unique_id: String,
    pub name: Option<String>,
    pub mime: Option<String>,
    pub size: Option<u64>,
    /// Sent as a photo (compressed) rather than as a document.
    pub photo: bool,
}

/// A validated answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    Text {
        text: String,
    },
    Number {
        value: i64,
    },
    Fraction {
        num: i64,
        den: i64,
    },
    YesNo {
        value: bool,
    },
    Date {
        date: NaiveDate,
    },
    Choice {
        key: String,
    },
    /// The options ticked, in the question's order.
    Multi {
        keys: Vec<String>,
    },
    /// Items of a list question: each field's value (a text, or an option's key) by field key.
    List {
        items: Vec<BTreeMap<String, String>>,
    },
    File {
        file: FileRef,
    },
    /// An optional question the person chose to skip.
    Skipped,
}

/// What arrived from the person.
#[derive(Clone, Debug)]
pub enum Input<'a> {
    Text(&'a str),
    File(FileRef),
    /// A sticker, voice message, location, … : nothing a question can take.
    Other,
}

/// Parses `input` as an answer to `q`; the error says what is expected instead.
pub fn parse_answer(q: &Question, input: Input<'_>) -> Result<Answer, Msg> {
    match (&q.kind, input) {
        (QuestionKind::File, Input::File(file)) => parse_file(file),
        (QuestionKind::File, _) => Err(Msg::new("answer-err-file-expected")),
        (_, Input::File(_) | Input::Other) => Err(Msg::new("answer-err-text-expected")),
        (kind, Input::Text(raw)) => {
            let text = clean(raw);
            if text.is_empty() {
                return Err(Msg::new("answer-err-empty"));
            }
            parse_text(kind, &text)
        }
    }
}

fn parse_text(kind: &QuestionKind, text: &str) -> Result<Answer, Msg> {
    match kind {
        QuestionKind::Text { max_len } => {
            let len = text.chars().count();
            if len > *max_len {
                return Err(Msg::new("answer-err-too-long").arg("max", *max_len).arg("len", len));
            }
            Ok(Answer::Text { text: text.to_owned() })
        }
        QuestionKind::Number { min, max } => {
            let value = parse_whole(text).ok_or_else(|| Msg::new("answer-err-number"))?;
            if value < *min || value > *max {
                return Err(Msg::new("answer-err-range").arg("min", *min).arg("max", *max));
            }
            Ok(Answer::Number { value })
        }
        QuestionKind::Fraction => parse_fraction(text),
        QuestionKind::YesNo => parse_yes_no(text)
            .map(|value| Answer::YesNo { value })
            .ok_or_else(|| Msg::new("answer-err-yes-no")),
        QuestionKind::Date => parse_date(text).map(|date| Answer::Date { date }),
        QuestionKind::Choice { options } => {
            let wanted = text.to_lowercase();
            options
                .iter()
                .find(|o| {
                    o.key == wanted
                        || o.vi.to_lowercase() == wanted
                        || o.en.to_lowercase() == wanted
                })
                .map(|o| Answer::Choice { key: o.key.clone() })
                .ok_or_else(|| Msg::new("answer-err-choice"))
        }
        QuestionKind::Multi { options, min } => {
            let mut keys = Vec::new();
            for word in text.split([',', ';', '\n']).map(str::trim).filter(|w| !w.is_empty()) {
                let wanted = word.to_lowercase();
                let found = options.iter().enumerate().find(|(i, o)| {
                    o.key == wanted
                        || o.vi.to_lowercase() == wanted
                        || o.en.to_lowercase() == wanted
                        || (i + 1).to_string() == wanted
                });
                match found {
                    Some((_, o)) => keys.push(o.key.clone()),
                    None => return Err(Msg::new("answer-err-multi")),
                }
            }
            let keys = in_option_order(options, &keys);
            if keys.len() < (*min).max(1) {
                return Err(Msg::new("answer-err-multi-min").arg("min", (*min).max(1)));
            }
            Ok(Answer::Multi { keys })
        }
        // Items are added with the buttons, field by field.
        QuestionKind::List { .. } => Err(Msg::new("answer-err-list")),
        QuestionKind::File => Err(Msg::new("answer-err-file-expected")),
    }
}

/// What "Xong" (done) on a question means for its answer so far: a checklist needs its minimum of
/// ticks and a list its minimum of items; nothing on an optional one is a skip. Other kinds just
/// go on.
#[derive(Clone, Debug, PartialEq)]
pub enum Done {
    GoOn,
    Skip,
    /// Too few; the message says how many are needed.
    TooFew(Msg),
}

/// See [`Done`].
pub fn done(q: &Question, current: Option<&Answer>) -> Done {
    let (given, min, key) = match (&q.kind, current) {
        (QuestionKind::Multi { min, .. }, Some(Answer::Multi { keys })) => {
            (keys.len(), *min, "answer-err-multi-min")
        }
        (QuestionKind::Multi { min, .. }, _) => (0, *min, "answer-err-multi-min"),
        (QuestionKind::List { min_items, .. }, Some(Answer::List { items })) => {
            (items.len(), *min_items, "list-too-few")
        }
        (QuestionKind::List { min_items, .. }, _) => (0, *min_items, "list-too-few"),
        _ => return Done::GoOn,
    };
    if given == 0 && !q.required {
        return Done::Skip;
    }
    let need = if q.required { min.max(1) } else { min };
    if given < need {
        return Done::TooFew(Msg::new(key).arg("min", need));
    }
    Done::GoOn
}

/// One list item on one line: "Lò Văn Hùng — Chủ tịch UBND xã — Giấy khen — …".
pub fn item_line(q: &Question, item: &BTreeMap<String, String>, lang: Lang) -> String {
    let QuestionKind::List { fields, .. } = &q.kind else { return String::new() };
    fields
        .iter()
        .filter_map(|f| item.get(&f.key).map(|v| f.shown(v, lang)))
        .collect::<Vec<_>>()
        .join(" — ")
}

/// A list item's field as the person gave it.
#[derive(Clone, Copy, Debug)]
pub enum FieldInput<'a> {
    /// A message: its text, if it has one.
    Typed(Option<&'a str>),
    /// An option's button.
    Tapped(usize),
}

/// The value of `field` from `input` (a text, or an option's key); the error says what is
/// expected instead.
pub fn field_value(field: &ListField, input: FieldInput<'_>) -> Result<String, Msg> {
    match (field.options.is_empty(), input) {
        (true, FieldInput::Typed(Some(text))) => parse_field_text(text, field.max_len),
        (true, _) => Err(Msg::new("answer-err-text-expected")),
        (false, FieldInput::Tapped(option)) => field
            .options
            .get(option)
            .map(|o| o.key.clone())
            .ok_or_else(|| Msg::new("answer-err-choice")),
        (false, FieldInput::Typed(_)) => Err(Msg::new("answer-err-choice")),
    }
}

/// Whether `field` may be passed over with what `values` hold: an optional one, or one that has
/// a value already (an item being corrected keeps it).
pub fn may_pass_field(field: &ListField, values: &BTreeMap<String, String>) -> Result<(), Msg> {
    if field.required && !values.contains_key(&field.key) {
        return Err(Msg::new("list-field-required"));
    }
    Ok(())
}

/// Reads a typed field value: trimmed, 1 to `max_len` characters.
fn parse_field_text(text: &str, max_len: usize) -> Result<String, Msg> {
    let text = super::text::one_line(text);
    let len = text.chars().count();
    if len == 0 {
        return Err(Msg::new("answer-err-empty"));
    }
    if len > max_len {
        return Err(Msg::new("answer-err-too-long").arg("max", max_len).arg("len", len));
    }
    Ok(text)
}

/// `keys` once each, in the order the question lists its options.
fn in_option_order(options: &[super::template::ChoiceOption], keys: &[String]) -> Vec<String> {
    options.iter().filter(|o| keys.contains(&o.key)).map(|o| o.key.clone()).collect()
}

/// A checklist answer with option `option` ticked or unticked.
pub fn toggled(q: &Question, current: Option<&Answer>, option: usize) -> Option<Answer> {
    let QuestionKind::Multi { options, .. } = &q.kind else { return None };
    let key = &options.get(option)?.key;
    let mut keys = match current {
        Some(Answer::Multi { keys }) => keys.clone(),
        _ => Vec::new(),
    };
    if let Some(at) = keys.iter().position(|k| k == key) {
        keys.remove(at);
    } else {
        keys.push(key.clone());
    }
    Some(Answer::Multi { keys: in_option_order(options, &keys) })
}

/// A whole number as people type it: `12`, `1.234` or `1 234` (grouped by thousands).
fn parse_whole(text: &str) -> Option<i64> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (negative, digits) = match compact.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    let groups: Vec<&str> = digits.split(['.', ',']).collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    if !grouped_ok || groups.iter().any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let value: i64 = groups.concat().parse().ok()?;
    Some(if negative { -value } else { value })
}

fn parse_fraction(text: &str) -> Result<Answer, Msg> {
    let format = || Msg::new("answer-err-fraction");
    let (a, b) = text.split_once('/').ok_or_else(format)?;
    let num = parse_whole(a).filter(|n| *n >= 0).ok_or_else(format)?;
    let den = parse_whole(b).filter(|n| *n >= 0).ok_or_else(format)?;
    if den == 0 {
        return Err(Msg::new("answer-err-fraction-zero"));
    }
    if num > den {
        return Err(Msg::new("answer-err-fraction-over").arg("num", num).arg("den", den));
    }
    Ok(Answer::Fraction { num, den })
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "có" | "co" | "rồi" | "roi" | "đã" | "yes" | "y" | "x" => Some(true),
        "không" | "khong" | "chưa" | "chua" | "no" | "n" => Some(false),
        _ => None,
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, Msg> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(Msg::new("answer-err-date"));
    };
    let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>()) else {
        return Err(Msg::new("answer-err-date"));
    };
    if !(1900..=2200).contains(&y) {
        return Err(Msg::new("answer-err-date"));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| Msg::new("answer-err-date-invalid"))
}

/// Longest file name kept (Telegram allows 255 bytes; a name is shown in lists and exports).
const FILE_NAME_MAX: usize = 200;

/// A file name as it is stored and shown: cleaned like any answer, on one line, not too long.
fn clean_file_name(name: &str) -> Option<String> {
    let one_line = super::text::clean(name).replace(['\n', '\t'], " ");
    let name: String = one_line.chars().take(FILE_NAME_MAX).collect();
    Some(name).filter(|n| !n.trim().is_empty())
}

fn parse_file(mut file: FileRef) -> Result<Answer, Msg> {
    file.name = file.name.as_deref().and_then(clean_file_name);
    if file.size.is_some_and(|s| s > FILE_MAX_BYTES) {
        return Err(
            Msg::new("answer-err-file-too-large").arg("max", FILE_MAX_BYTES / (1024 * 1024))
        );
    }
    // A photo is re-encoded by the channel; a document is taken only when its name and its
    // declared type agree on a kind a report may carry.
    if !file.photo && super::file_type::agreed(file.name.as_deref(), file.mime.as_deref()).is_none()
    {
        return Err(Msg::new("answer-err-file-type"));
    }
    Ok(Answer::File { file })
}

impl Answer {
    /// The answer as shown to people.
    pub fn display(&self, q: &Question, lang: Lang) -> String {
        match self {
            Answer::Text { text } => text.clone(),
            Answer::Number { value } => value.to_string(),
            Answer::Fraction { num, den } => format!("{num}/{den}"),
            Answer::YesNo { value: true } => t(lang, "answer-yes"),
            Answer::YesNo { value: false } => t(lang, "answer-no"),
            Answer::Date { date } => fmt_date(*date),
            Answer::Choice { key } => match &q.kind {
                QuestionKind::Choice { options } => options
                    .iter()
                    .find(|o| &o.key == key)
                    .map_or_else(|| key.clone(), |o| o.label(lang).to_owned()),
                _ => key.clone(),
            },
            Answer::List { items } if items.is_empty() => t(lang, "answer-no-items"),
            Answer::List { items } => items
                .iter()
                .enumerate()
                .map(|(i, item)| format!("{}. {}", i + 1, item_line(q, item, lang)))
                .collect::<Vec<_>>()
                .join("\n"),
            Answer::Multi { keys } if keys.is_empty() => t(lang, "answer-none-ticked"),
            Answer::Multi { keys } => keys
                .iter()
                .map(|key| {
                    q.kind
                        .options()
                        .iter()
                        .find(|o| &o.key == key)
                        .map_or_else(|| key.clone(), |o| o.label(lang).to_owned())
                })
                .collect::<Vec<_>>()
                .join("; "),
            Answer::File { file } => {
                let name = file.name.clone().unwrap_or_else(|| t(lang, "answer-photo"));
                match file.size {
                    Some(size) => format!("📎 {name} ({} KB)", size.div_ceil(1024)),
                    None => format!("📎 {name}"),
                }
            }
            Answer::Skipped => t(lang, "answer-skipped"),
        }
    }
}

/// The answers collected so far for one unit and period, by question key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub answers: BTreeMap<String, Answer>,
    /// The revision of the unit's report this draft started from (0: none submitted yet).
    #[serde(default)]
    pub base_revision: i64,
}

impl Draft {
    /// Index of the first question without an answer.
    pub fn first_unanswered(&self, questions: &[Question]) -> Option<usize> {
        questions.iter().position(|q| !self.answers.contains_key(&q.key))
    }

    /// Required questions without a real answer (skipped counts as missing).
    pub fn missing_required<'q>(&self, questions: &'q [Question]) -> Vec<&'q Question> {
        questions
            .iter()
            .filter(|q| {
                q.required && matches!(self.answers.get(&q.key), None | Some(Answer::Skipped))
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "answer_tests.rs"]
mod tests;
