//! A list question (e.g. the nominees for an award): the chair adds an item field by field —
//! typing a text, tapping an option, skipping an optional field — sees the list, adds another,
//! corrects or removes one, and finishes with "Xong". Each finished item is in the draft at once.

use std::collections::BTreeMap;

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::report::{self as act, Reporting};
use crate::domain::answer::parse_field_text;
use crate::domain::template::ListField;
use crate::domain::{Answer, Question, QuestionKind};
use crate::i18n::{t, Msg};

use super::super::actor::Actor;
use super::super::buttons;
use super::super::callback::CallbackData;
use super::super::error::{HandlerResult, Notify};
use super::super::patient::Patiently;
use super::super::{Env, State, TgBot, TgDialogue};
use super::presses::{pressed, Screen};
use super::{ask, reporting_or_leave};

/// The item being filled in.
struct Filling {
    period: i64,
    index: usize,
    editing: bool,
    item: Option<usize>,
    field: usize,
    values: BTreeMap<String, String>,
}

impl Filling {
    fn state(&self) -> State {
        State::ListItemAsked {
            period_id: self.period,
            index: self.index,
            editing: self.editing,
            item: self.item,
            field: self.field,
            values: self.values.clone(),
        }
    }
}

fn fields(q: &Question) -> &[ListField] {
    match &q.kind {
        QuestionKind::List { fields, .. } => fields,
        _ => &[],
    }
}

fn items(
    r: &Reporting,
    draft: &crate::domain::Draft,
    index: usize,
) -> Vec<BTreeMap<String, String>> {
    let key = r.period.questions.get(index).map(|q| q.key.as_str()).unwrap_or_default();
    match draft.answers.get(key) {
        Some(Answer::List { items }) => items.clone(),
        _ => Vec::new(),
    }
}

/// Asks the field being filled in, with its options and skip / keep buttons.
async fn ask_field(
    bot: &TgBot,
    actor: &Actor,
    q: &Question,
    filling: &Filling,
    note: Option<&Msg>,
    dialogue: &TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let all = fields(q);
    let Some(field) = all.get(filling.field) else { return Ok(()) };
    dialogue.update(filling.state()).await.notify(chat, lang)?;
    let number = filling.item.map_or(0, |n| n + 1);
    let mut text =
        Msg::new(if filling.item.is_some() { "list-field-edit" } else { "list-field-new" })
            .arg("item", number)
            .arg("n", filling.field + 1)
            .arg("total", all.len())
            .arg("field", field.prompt(lang))
            .render(lang);
    let current = filling.values.get(&field.key);
    if let Some(value) = current {
        let shown = field.shown(value, lang);
        text.push('\n');
        text.push_str(&Msg::new("report-current-answer").arg("answer", shown).render(lang));
    }
    text.push('\n');
    text.push_str(&t(
        lang,
        if field.options.is_empty() { "list-hint-text" } else { "hint-choice" },
    ));
    if let Some(note) = note {
        text = format!("{}\n\n{text}", actor.say(note));
    }
    let (period, index) = (filling.period, filling.index);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = field
        .options
        .iter()
        .enumerate()
        .map(|(option, o)| {
            let data = CallbackData::ListPick { period, index, option };
            vec![InlineKeyboardButton::callback(o.label(lang).to_owned(), data.encode())]
        })
        .collect();
    let skip = if current.is_some() {
        Some("report-button-keep")
    } else if !field.required {
        Some("report-button-skip")
    } else {
        None
    };
    if let Some(key) = skip {
        let data = CallbackData::ListSkip { period, index };
        rows.push(vec![InlineKeyboardButton::callback(t(lang, key), data.encode())]);
    }
    bot.send_message(chat, text).reply_markup(InlineKeyboardMarkup::new(rows)).patiently().await?;
    Ok(())
}

/// After a field: the next one, or the item is done — saved, and the list shown again.
async fn next_field(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    r: &Reporting,
    mut filling: Filling,
    dialogue: &TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let Some(q) = r.period.questions.get(filling.index) else { return Ok(()) };
    filling.field += 1;
    if filling.field < fields(q).len() {
        return ask_field(bot, actor, q, &filling, None, dialogue).await;
    }
    let draft = act::draft(env, r).await.notify(chat, lang)?;
    let mut list = items(r, &draft, filling.index);
    match filling.item {
        Some(n) if n < list.len() => list[n] = filling.values,
        _ => list.push(filling.values),
    }
    let answer = Answer::List { items: list };
    let draft = act::save_answer(env, r, draft, filling.index, answer).await.notify(chat, lang)?;
    let saved = Msg::new("list-item-saved");
    ask(bot, actor, r, &draft, dialogue, filling.index, filling.editing, Some(&saved)).await
}

/// The chat's item being filled in, if it is at `(period, index)`.
async fn filling_of(
    dialogue: &TgDialogue,
    actor: &Actor,
    (period, index): (i64, usize),
) -> Result<Option<Filling>, super::super::error::HandlerError> {
    let state = dialogue.get().await.notify(actor.chat, actor.lang())?.unwrap_or_default();
    Ok(match state {
        State::ListItemAsked { period_id, index: i, editing, item, field, values }
            if period_id == period && i == index =>
        {
            Some(Filling { period, index, editing, item, field, values })
        }
        _ => None,
    })
}

/// "➕ Thêm": a new item, from its first field.
pub async fn add_item(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (period, index): (i64, usize),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let at = (period, Screen::Question(index));
    let Some((r, editing)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    let Some(question) = r.period.questions.get(index) else { return Ok(()) };
    let draft = act::draft(&env, &r).await.notify(actor.chat, actor.lang())?;
    if let QuestionKind::List { max_items, .. } = &question.kind {
        if items(&r, &draft, index).len() >= *max_items {
            let full = Msg::new("list-full").arg("max", *max_items);
            return ask(&bot, &actor, &r, &draft, &dialogue, index, editing, Some(&full)).await;
        }
    }
    let filling = Filling { period, index, editing, item: None, field: 0, values: BTreeMap::new() };
    ask_field(&bot, &actor, question, &filling, None, &dialogue).await
}

/// "✏️ n": item n's fields again, each with its value kept unless changed.
pub async fn edit_item(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (period, index, item): (i64, usize, usize),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let at = (period, Screen::Question(index));
    let Some((r, editing)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    let Some(question) = r.period.questions.get(index) else { return Ok(()) };
    let draft = act::draft(&env, &r).await.notify(actor.chat, actor.lang())?;
    let Some(values) = items(&r, &draft, index).get(item).cloned() else {
        return ask(&bot, &actor, &r, &draft, &dialogue, index, editing, None).await;
    };
    let filling = Filling { period, index, editing, item: Some(item), field: 0, values };
    ask_field(&bot, &actor, question, &filling, None, &dialogue).await
}

/// "🗑 n": item n removed, the list shown again.
pub async fn remove_item(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (period, index, item): (i64, usize, usize),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let at = (period, Screen::Question(index));
    let Some((r, editing)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    let (chat, lang) = (actor.chat, actor.lang());
    let draft = act::draft(&env, &r).await.notify(chat, lang)?;
    let mut list = items(&r, &draft, index);
    if item >= list.len() {
        // Removed already (an older copy of the list was pressed): the list as it is.
        return ask(&bot, &actor, &r, &draft, &dialogue, index, editing, None).await;
    }
    list.remove(item);
    let draft = act::save_answer(&env, &r, draft, index, Answer::List { items: list })
        .await
        .notify(chat, lang)?;
    let removed = Msg::new("list-item-removed").arg("n", item + 1);
    ask(&bot, &actor, &r, &draft, &dialogue, index, editing, Some(&removed)).await
}

/// A field typed.
pub async fn on_field(
    bot: TgBot,
    msg: Message,
    actor: Actor,
    (period, index, editing, item, field, values): (
        i64,
        usize,
        bool,
        Option<usize>,
        usize,
        BTreeMap<String, String>,
    ),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let Some(r) = reporting_or_leave(&bot, &env, &actor, &dialogue, period).await? else {
        return Ok(());
    };
    let Some(q) = r.period.questions.get(index) else { return Ok(()) };
    let mut filling = Filling { period, index, editing, item, field, values };
    let Some(spec) = fields(q).get(field) else { return Ok(()) };
    let typed = match msg.text() {
        Some(_) if !spec.options.is_empty() => Err(Msg::new("answer-err-choice")),
        Some(text) => parse_field_text(text, spec.max_len),
        None => Err(Msg::new("answer-err-text-expected")),
    };
    match typed {
        Ok(value) => {
            filling.values.insert(spec.key.clone(), value);
            next_field(&bot, &actor, &env, &r, filling, &dialogue).await
        }
        Err(problem) => ask_field(&bot, &actor, q, &filling, Some(&problem), &dialogue).await,
    }
}

/// An option tapped for the field being asked.
pub async fn pick_field(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (period, index, option): (i64, usize, usize),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let Some(mut filling) = filling_of(&dialogue, &actor, (period, index)).await? else {
        return buttons::refuse(&bot, &q, actor.lang(), "button-expired").await;
    };
    buttons::consume(&bot, &q).await?;
    let Some(r) = reporting_or_leave(&bot, &env, &actor, &dialogue, period).await? else {
        return Ok(());
    };
    let Some(question) = r.period.questions.get(index) else { return Ok(()) };
    let Some(spec) = fields(question).get(filling.field) else { return Ok(()) };
    let Some(chosen) = spec.options.get(option) else {
        return ask_field(&bot, &actor, question, &filling, None, &dialogue).await;
    };
    filling.values.insert(spec.key.clone(), chosen.key.clone());
    next_field(&bot, &actor, &env, &r, filling, &dialogue).await
}

/// "Bỏ qua" on an optional field, or "Giữ nguyên" on a field of an item being corrected.
pub async fn skip_field(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (period, index): (i64, usize),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let Some(filling) = filling_of(&dialogue, &actor, (period, index)).await? else {
        return buttons::refuse(&bot, &q, actor.lang(), "button-expired").await;
    };
    buttons::consume(&bot, &q).await?;
    let Some(r) = reporting_or_leave(&bot, &env, &actor, &dialogue, period).await? else {
        return Ok(());
    };
    let Some(question) = r.period.questions.get(index) else { return Ok(()) };
    let Some(spec) = fields(question).get(filling.field) else { return Ok(()) };
    if spec.required && !filling.values.contains_key(&spec.key) {
        let problem = Msg::new("list-field-required");
        return ask_field(&bot, &actor, question, &filling, Some(&problem), &dialogue).await;
    }
    next_field(&bot, &actor, &env, &r, filling, &dialogue).await
}
