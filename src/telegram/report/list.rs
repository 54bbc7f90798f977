//! A list question (e.g. the nominees for an award): the chair adds an item field by field —
//! typing a text, tapping an option, skipping an optional field — sees the list, adds another,
//! corrects or removes one, and finishes with "Xong". Each finished item is in the draft at once.

use std::collections::BTreeMap;

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::report::{self as act, Reporting};
use crate::domain::answer::{field_value, may_pass_field, FieldInput};
use crate::domain::template::ListField;
use crate::domain::{Question, QuestionKind};
use crate::i18n::{t, Msg};

use super::super::actor::Actor;
use super::super::buttons;
use super::super::callback::CallbackData;
use super::super::error::{HandlerError, HandlerResult, Notify};
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
    let (index, at) = (filling.index, filling.item);
    let draft = act::put_item(env, r, index, at, filling.values).await.notify(chat, lang)?;
    let saved = Msg::new("list-item-saved");
    ask(bot, actor, r, &draft, dialogue, filling.index, filling.editing, Some(&saved)).await
}

/// A press of a button under a field: answered as expired unless the chat is still filling in an
/// item of `(period, index)`; otherwise consumed. Returns the report and the item.
async fn pressed_field(
    bot: &TgBot,
    q: &CallbackQuery,
    actor: &Actor,
    env: &Env,
    dialogue: &TgDialogue,
    (period, index): (i64, usize),
) -> Result<Option<(Reporting, Filling)>, HandlerError> {
    let state = dialogue.get().await.notify(actor.chat, actor.lang())?.unwrap_or_default();
    let filling = match state {
        State::ListItemAsked { period_id, index: i, editing, item, field, values }
            if period_id == period && i == index =>
        {
            Filling { period, index, editing, item, field, values }
        }
        _ => {
            buttons::refuse(bot, q, actor.lang(), "button-expired").await?;
            return Ok(None);
        }
    };
    buttons::consume(bot, q).await?;
    let r = reporting_or_leave(bot, env, actor, dialogue, period).await?;
    Ok(r.map(|r| (r, filling)))
}

/// The field being given: its value is stored and the next asked, or the field is asked again
/// saying why.
async fn give_field(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    (r, mut filling): (Reporting, Filling),
    input: FieldInput<'_>,
    dialogue: &TgDialogue,
) -> HandlerResult {
    let Some(question) = r.period.questions.get(filling.index) else { return Ok(()) };
    let Some(spec) = fields(question).get(filling.field) else { return Ok(()) };
    match field_value(spec, input) {
        Ok(value) => {
            filling.values.insert(spec.key.clone(), value);
            next_field(bot, actor, env, &r, filling, dialogue).await
        }
        Err(problem) => ask_field(bot, actor, question, &filling, Some(&problem), dialogue).await,
    }
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
    let draft = act::draft(&r);
    if let Err(full) = act::room_for_item(&r, &draft, index) {
        return ask(&bot, &actor, &r, &draft, &dialogue, index, editing, Some(&full)).await;
    }
    let filling = Filling { period, index, editing, item: None, field: 0, values: BTreeMap::new() };
    ask_field(&bot, &actor, question, &filling, None, &dialogue).await
}

/// A text typed at a list question (instead of "➕ Thêm"): a new item, with that text as its
/// first field.
pub(super) async fn typed_item(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    (r, index, editing): (Reporting, usize, bool),
    text: &str,
    dialogue: &TgDialogue,
) -> HandlerResult {
    let draft = act::draft(&r);
    if let Err(full) = act::room_for_item(&r, &draft, index) {
        return ask(bot, actor, &r, &draft, dialogue, index, editing, Some(&full)).await;
    }
    let period = r.period.id.0;
    let filling = Filling { period, index, editing, item: None, field: 0, values: BTreeMap::new() };
    give_field(bot, actor, env, (r, filling), FieldInput::Typed(Some(text)), dialogue).await
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
    let draft = act::draft(&r);
    let Some(values) = act::items(&r, &draft, index).get(item).cloned() else {
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
    let (draft, removed) = act::remove_item(&env, &r, index, item).await.notify(chat, lang)?;
    // Gone already (an older copy of the list was pressed): the list as it is, no claim.
    let note = removed.then(|| Msg::new("list-item-removed").arg("n", item + 1));
    ask(&bot, &actor, &r, &draft, &dialogue, index, editing, note.as_ref()).await
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
    let filling = Filling { period, index, editing, item, field, values };
    give_field(&bot, &actor, &env, (r, filling), FieldInput::Typed(msg.text()), &dialogue).await
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
    let at = (period, index);
    let Some(pressed) = pressed_field(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    give_field(&bot, &actor, &env, pressed, FieldInput::Tapped(option), &dialogue).await
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
    let at = (period, index);
    let Some((r, filling)) = pressed_field(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    let Some(question) = r.period.questions.get(index) else { return Ok(()) };
    let Some(spec) = fields(question).get(filling.field) else { return Ok(()) };
    if let Err(problem) = may_pass_field(spec, &filling.values) {
        return ask_field(&bot, &actor, question, &filling, Some(&problem), &dialogue).await;
    }
    next_field(&bot, &actor, &env, &r, filling, &dialogue).await
}
