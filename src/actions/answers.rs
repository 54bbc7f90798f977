//! Answers given on a page (the chairs' web form), question by question: text typed, an option
//! chosen, items ticked, a list item's fields, a file uploaded, a question skipped. Each is read
//! with the chat's own rules (the same refusals, the same sentences) and saved into the same
//! draft as the chat's, so a report begun in one is finished in the other.

use std::collections::BTreeMap;

use crate::domain::answer::{done, field_value, may_pass_field, Done, FieldInput};
use crate::domain::template::ListField;
use crate::domain::{Answer, Draft, FileRef, Input, QuestionKind, UPLOAD};
use crate::error::Result;
use crate::i18n::Msg;

use super::report::{self as chat, Item, Reporting};
use super::App;

/// What a page sent for one question.
#[derive(Clone, Debug)]
pub enum Given {
    /// Text typed (a text, a number, a fraction, a date).
    Typed(String),
    /// An option chosen (a yes/no: 1 yes, 0 no; a choice: its position).
    Chosen(usize),
    /// The items ticked on a checklist, by position.
    Ticked(Vec<usize>),
    /// "Skip" on an optional question.
    Skipped,
}

/// Saves what was given for question `index`; `Ok(Err(msg))`: refused, and why (nothing saved).
pub async fn give(
    app: &App,
    r: &Reporting,
    index: usize,
    given: Given,
) -> Result<std::result::Result<Draft, Msg>> {
    let Some(q) = r.period.questions.get(index) else {
        return Ok(Err(Msg::new("button-expired")));
    };
    let answer = match given {
        Given::Skipped if q.required => return Ok(Err(Msg::new("form-required"))),
        Given::Skipped => Answer::Skipped,
        Given::Typed(text) => match chat::read_answer(r, index, Input::Text(&text)) {
            Some(Ok(answer)) => answer,
            Some(Err(refusal)) => return Ok(Err(refusal)),
            None => return Ok(Err(Msg::new("button-expired"))),
        },
        Given::Chosen(option) => match chat::picked(r, index, option) {
            Some(answer) => answer,
            None => return Ok(Err(Msg::new("answer-err-choice"))),
        },
        Given::Ticked(positions) => match ticked(q, &positions) {
            Ok(answer) => answer,
            Err(refusal) => return Ok(Err(refusal)),
        },
    };
    Ok(Ok(chat::save_answer(app, r, chat::draft(r), index, answer).await?))
}

/// The checklist answer of these ticks (in the question's order), or why it is refused (too few:
/// the chat's sentence); none on an optional checklist is a skip.
fn ticked(q: &crate::domain::Question, positions: &[usize]) -> std::result::Result<Answer, Msg> {
    let QuestionKind::Multi { options, .. } = &q.kind else {
        return Err(Msg::new("answer-err-choice"));
    };
    let keys: Vec<String> = options
        .iter()
        .enumerate()
        .filter(|(i, _)| positions.contains(i))
        .map(|(_, o)| o.key.clone())
        .collect();
    let answer = Answer::Multi { keys };
    match done(q, Some(&answer)) {
        Done::GoOn => Ok(answer),
        Done::Skip => Ok(Answer::Skipped),
        Done::TooFew(refusal) => Err(refusal),
    }
}

/// A list item's fields as a page sends them: a text typed, or an option's position, by field.
pub type Fields = BTreeMap<String, String>;

/// Adds an item to list question `index` (or replaces item `at`), each field read as the chat
/// reads it; `Ok(Err(msg))`: refused, naming the field.
pub async fn put_item(
    app: &App,
    r: &Reporting,
    index: usize,
    at: Option<usize>,
    typed: &Fields,
) -> Result<std::result::Result<Draft, Msg>> {
    let fields = match r.period.questions.get(index).map(|q| &q.kind) {
        Some(QuestionKind::List { fields, .. }) => fields,
        _ => return Ok(Err(Msg::new("button-expired"))),
    };
    if at.is_none() {
        if let Err(full) = chat::room_for_item(r, &chat::draft(r), index) {
            return Ok(Err(full));
        }
    }
    match item(fields, typed, app.config.lang) {
        Ok(values) => Ok(Ok(chat::put_item(app, r, index, at, values).await?)),
        Err(refusal) => Ok(Err(refusal)),
    }
}

/// The item the fields make, or the first field's refusal, naming it.
fn item(
    fields: &[ListField],
    typed: &Fields,
    lang: crate::i18n::Lang,
) -> std::result::Result<Item, Msg> {
    let mut values = Item::new();
    for field in fields {
        let given = typed.get(&field.key).map(|s| s.trim()).filter(|s| !s.is_empty());
        if let Some(given) = given {
            let input = match field.options.is_empty() {
                true => FieldInput::Typed(Some(given)),
                false => FieldInput::Tapped(given.parse().unwrap_or(usize::MAX)),
            };
            let value = field_value(field, input).map_err(|m| named(field, m, lang))?;
            values.insert(field.key.clone(), value);
        }
        may_pass_field(field, &values).map_err(|m| named(field, m, lang))?;
    }
    Ok(values)
}

fn named(field: &ListField, refusal: Msg, lang: crate::i18n::Lang) -> Msg {
    Msg::new("form-field-refused")
        .arg("field", field.prompt(lang).to_owned())
        .arg("why", refusal.render(lang))
}

/// Removes item `item` of list question `index`.
pub async fn remove_item(app: &App, r: &Reporting, index: usize, item: usize) -> Result<Draft> {
    Ok(chat::remove_item(app, r, index, item).await?.0)
}

/// A file sent from the page for question `index`: checked as the chat checks one (its size; its
/// name and type must agree on a kind a report may carry), kept, and saved as the answer.
pub async fn attach(
    app: &App,
    r: &Reporting,
    index: usize,
    (name, mime, bytes): (&str, &str, Vec<u8>),
) -> Result<std::result::Result<Draft, Msg>> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let mut file = FileRef {
        file_id: String::new(),
        file_unique_id: String::new(),
        name: Some(name.to_owned()),
        mime: Some(mime.to_owned()),
        size: Some(size),
        photo: false,
    };
    // Checked before anything is kept: a refused file is never stored.
    if let Some(Err(refusal)) = chat::read_answer(r, index, Input::File(file.clone())) {
        return Ok(Err(refusal));
    }
    let id = app.store.keep_upload(r.member.id, name, mime, &bytes, app.now()).await?;
    file.file_id = format!("{UPLOAD}{id}");
    file.file_unique_id = file.file_id.clone();
    let answer = match chat::read_answer(r, index, Input::File(file)) {
        Some(Ok(answer)) => answer,
        Some(Err(refusal)) => return Ok(Err(refusal)),
        None => return Ok(Err(Msg::new("button-expired"))),
    };
    let replaced = replaced_upload(r, index);
    let draft = chat::save_answer(app, r, chat::draft(r), index, answer).await?;
    // The file it replaced goes, unless a report sent earlier still holds it.
    if let Some(old) = replaced {
        app.store.forget_upload(old).await?;
    }
    Ok(Ok(draft))
}

/// The number of the file kept for question `index` of the draft, if it holds one from the page.
fn replaced_upload(r: &Reporting, index: usize) -> Option<i64> {
    let key = &r.period.questions.get(index)?.key;
    match r.draft.as_ref()?.answers.get(key)? {
        Answer::File { file } => file.file_id.strip_prefix(UPLOAD)?.parse().ok(),
        _ => None,
    }
}
