//! Answers: parsed and validated from what a person typed or sent, one question at a time.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::{fmt_date, t, Lang, Msg};

use super::template::{Question, QuestionKind, FILE_MAX_BYTES};
use super::text::clean;

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

const ALLOWED_MIME: [&str; 6] = [
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
];
const ALLOWED_EXT: [&str; 9] = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "jpg", "jpeg", "png"];

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
        QuestionKind::File => Err(Msg::new("answer-err-file-expected")),
    }
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
    let mime_ok =
        file.mime.as_deref().is_some_and(|m| m.starts_with("image/") || ALLOWED_MIME.contains(&m));
    let ext_ok = file
        .name
        .as_deref()
        .and_then(|n| n.rsplit_once('.'))
        .is_some_and(|(_, ext)| ALLOWED_EXT.contains(&ext.to_ascii_lowercase().as_str()));
    if !(file.photo || mime_ok || ext_ok) {
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
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_cleaned_like_any_answer() {
        let q = Question {
            key: "van_ban".into(),
            vi: "Văn bản".into(),
            en: "Document".into(),
            kind: QuestionKind::File,
            required: false,
        };
        let file = FileRef {
            file_id: "f".into(),
            file_unique_id: "u".into(),
            name: Some("  bao\u{202E}cao\nthang 6.pdf\u{0007} ".into()),
            mime: Some("application/pdf".into()),
            size: Some(10),
            photo: false,
        };
        let Ok(Answer::File { file }) = parse_answer(&q, Input::File(file)) else { panic!() };
        assert_eq!(file.name.as_deref(), Some("baocao thang 6.pdf"));
    }
    use crate::domain::template::{embedded_templates, ChoiceOption};
    use proptest::prelude::*;

    fn q(kind: QuestionKind) -> Question {
        Question {
            key: "k".into(),
            vi: "Câu hỏi".into(),
            en: "Question".into(),
            required: true,
            kind,
        }
    }

    fn text(kind: QuestionKind, s: &str) -> Result<Answer, Msg> {
        parse_answer(&q(kind), Input::Text(s))
    }

    fn key(r: Result<Answer, Msg>) -> &'static str {
        r.unwrap_err().key
    }

    #[test]
    fn text_longer_than_the_limit_is_rejected_with_its_length() {
        let err = text(QuestionKind::Text { max_len: 5 }, "sáu chữ").unwrap_err();
        assert_eq!(err.key, "answer-err-too-long");
        assert_eq!(
            text(QuestionKind::Text { max_len: 5 }, "  Tốt  "),
            Ok(Answer::Text { text: "Tốt".into() })
        );
        assert_eq!(key(text(QuestionKind::Text { max_len: 5 }, "   ")), "answer-err-empty");
    }

    #[test]
    fn numbers_accept_thousands_grouping_and_respect_bounds() {
        let n = QuestionKind::Number { min: 0, max: 10_000 };
        assert_eq!(text(n.clone(), "1.234"), Ok(Answer::Number { value: 1234 }));
        assert_eq!(text(n.clone(), "1 234"), Ok(Answer::Number { value: 1234 }));
        assert_eq!(text(n.clone(), " 7 "), Ok(Answer::Number { value: 7 }));
        assert_eq!(key(text(n.clone(), "12,5")), "answer-err-number");
        assert_eq!(key(text(n.clone(), "mười hai")), "answer-err-number");
        assert_eq!(key(text(n.clone(), "-1")), "answer-err-range");
        assert_eq!(key(text(n, "20000")), "answer-err-range");
    }

    #[test]
    fn fraction_needs_achieved_not_above_total() {
        assert_eq!(
            text(QuestionKind::Fraction, "12/15"),
            Ok(Answer::Fraction { num: 12, den: 15 })
        );
        assert_eq!(
            text(QuestionKind::Fraction, " 12 / 15 "),
            Ok(Answer::Fraction { num: 12, den: 15 })
        );
        assert_eq!(key(text(QuestionKind::Fraction, "12/10")), "answer-err-fraction-over");
        assert_eq!(key(text(QuestionKind::Fraction, "3/0")), "answer-err-fraction-zero");
        assert_eq!(key(text(QuestionKind::Fraction, "12")), "answer-err-fraction");
        assert_eq!(key(text(QuestionKind::Fraction, "a/b")), "answer-err-fraction");
    }

    #[test]
    fn yes_no_date_and_choice() {
        assert_eq!(text(QuestionKind::YesNo, "Có"), Ok(Answer::YesNo { value: true }));
        assert_eq!(text(QuestionKind::YesNo, "chưa"), Ok(Answer::YesNo { value: false }));
        assert_eq!(key(text(QuestionKind::YesNo, "có lẽ")), "answer-err-yes-no");
        let date = NaiveDate::from_ymd_opt(2021, 6, 5).unwrap();
        assert_eq!(text(QuestionKind::Date, "05/06/2021"), Ok(Answer::Date { date }));
        assert_eq!(text(QuestionKind::Date, "5-6-2021"), Ok(Answer::Date { date }));
        assert_eq!(key(text(QuestionKind::Date, "31/02/2021")), "answer-err-date-invalid");
        assert_eq!(key(text(QuestionKind::Date, "hôm qua")), "answer-err-date");
        let choice = QuestionKind::Choice {
            options: vec![ChoiceOption {
                key: "tot".into(), vi: "Tốt".into(), en: "Good".into()
            }],
        };
        assert_eq!(text(choice.clone(), "tốt"), Ok(Answer::Choice { key: "tot".into() }));
        assert_eq!(key(text(choice, "xấu")), "answer-err-choice");
    }

    #[test]
    fn stickers_and_files_where_text_is_expected_are_rejected() {
        assert_eq!(
            key(parse_answer(&q(QuestionKind::Fraction), Input::Other)),
            "answer-err-text-expected"
        );
        assert_eq!(
            key(parse_answer(&q(QuestionKind::File), Input::Text("đây"))),
            "answer-err-file-expected"
        );
    }

    fn file(name: &str, mime: Option<&str>, size: u64) -> FileRef {
        FileRef {
            file_id: "f".into(),
            file_unique_id: "u".into(),
            name: Some(name.into()),
            mime: mime.map(str::to_owned),
            size: Some(size),
            photo: false,
        }
    }

    #[test]
    fn files_must_be_documents_or_images_a_bot_can_download() {
        let ok = parse_answer(
            &q(QuestionKind::File),
            Input::File(file("bc.pdf", Some("application/pdf"), 1000)),
        );
        assert!(matches!(ok, Ok(Answer::File { .. })));
        let big = parse_answer(
            &q(QuestionKind::File),
            Input::File(file("bc.pdf", Some("application/pdf"), FILE_MAX_BYTES + 1)),
        );
        assert_eq!(key(big), "answer-err-file-too-large");
        let exe = parse_answer(
            &q(QuestionKind::File),
            Input::File(file("virus.exe", Some("application/x-msdownload"), 10)),
        );
        assert_eq!(key(exe), "answer-err-file-type");
    }

    #[test]
    fn draft_knows_the_first_unanswered_and_missing_required_questions() {
        let questions = embedded_templates().unwrap().remove(0).questions;
        let mut draft = Draft::default();
        assert_eq!(draft.first_unanswered(&questions), Some(0));
        draft.answers.insert("ket_qua".into(), Answer::Text { text: "Tốt".into() });
        draft.answers.insert("chi_tieu".into(), Answer::Skipped);
        assert_eq!(draft.first_unanswered(&questions), Some(2));
        let missing: Vec<&str> =
            draft.missing_required(&questions).iter().map(|q| q.key.as_str()).collect();
        assert_eq!(missing, ["chi_tieu", "phong_trao", "dien_hinh"]);
    }

    proptest! {
        #[test]
        fn no_input_makes_a_parser_panic(s in any::<String>(), max_len in 1usize..100, lo in any::<i64>(), hi in any::<i64>()) {
            let kinds = [
                QuestionKind::Text { max_len },
                QuestionKind::Number { min: lo.min(hi), max: lo.max(hi) },
                QuestionKind::Fraction,
                QuestionKind::YesNo,
                QuestionKind::Date,
                QuestionKind::Choice { options: vec![ChoiceOption { key: "a".into(), vi: "A".into(), en: "A".into() }] },
                QuestionKind::File,
            ];
            for kind in kinds {
                let question = q(kind);
                if let Ok(answer) = parse_answer(&question, Input::Text(&s)) {
                    let _ = answer.display(&question, Lang::Vi);
                }
            }
        }

        #[test]
        fn accepted_fractions_never_exceed_their_total(a in 0i64..100_000, b in 0i64..100_000) {
            if let Ok(Answer::Fraction { num, den }) = text(QuestionKind::Fraction, &format!("{a}/{b}")) {
                prop_assert!(num <= den && den > 0);
            }
        }
    }
}
