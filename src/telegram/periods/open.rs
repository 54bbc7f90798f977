//! Opening a period in a few taps: cadence → month / quarter / half → year → template →
//! deadline (suggested or typed) → confirm. Each step is its own dialogue state with the typed
//! choices made so far; a button from another step answers "expired".

use chrono::DateTime;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::period::{self, Due, Opening, PeriodRequest, Who};
use crate::actions::{By, Officer};
use crate::domain::attachment::{AttachedFile, Attachment};
use crate::domain::{Cadence, PeriodKind};
use crate::error::Error;
use crate::i18n::{fmt_datetime, t, Lang, Msg};
use crate::render::period_header;

use super::super::actor::Actor;
use super::super::buttons;
use super::super::callback::PeriodStep;
use super::super::error::{HandlerResult, Notify};
use super::super::patient::Patiently;
use super::super::state::SentLetter;
use super::super::{Env, State, TgBot, TgDialogue};
use super::button;

type Rows = Vec<Vec<InlineKeyboardButton>>;

/// Whether a press of a wizard button fits the step the chat is on; if not, it is refused as
/// expired, otherwise its buttons are taken off.
async fn fits(
    bot: &TgBot,
    q: &CallbackQuery,
    actor: &Actor,
    ok: bool,
) -> Result<bool, super::super::HandlerError> {
    if ok {
        buttons::consume(bot, q).await?;
    } else {
        buttons::refuse(bot, q, actor.lang(), "button-expired").await?;
    }
    Ok(ok)
}

/// "New period": which cadence?
pub async fn new(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    buttons::consume(&bot, &q).await?;
    step(&bot, &actor, &env, &dialogue, State::PeriodCadenceAsked).await
}

/// A cadence picked.
pub async fn cadence(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    cadence: Cadence,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let state = dialogue.get().await.notify(actor.chat, actor.lang())?.unwrap_or_default();
    if !fits(&bot, &q, &actor, state == State::PeriodCadenceAsked).await? {
        return Ok(());
    }
    let next = match cadence.parts() {
        Some(_) => State::PeriodPartAsked { cadence },
        None => State::PeriodYearAsked { cadence, part: None },
    };
    step(&bot, &actor, &env, &dialogue, next).await
}

/// A month, quarter or half picked.
pub async fn part(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    part: u32,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let state = dialogue.get().await.notify(actor.chat, actor.lang())?.unwrap_or_default();
    let cadence = match state {
        State::PeriodPartAsked { cadence }
            if cadence.parts().is_some_and(|n| (1..=n).contains(&part)) =>
        {
            cadence
        }
        _ => {
            fits(&bot, &q, &actor, false).await?;
            return Ok(());
        }
    };
    fits(&bot, &q, &actor, true).await?;
    step(&bot, &actor, &env, &dialogue, State::PeriodYearAsked { cadence, part: Some(part) }).await
}

/// A year picked.
pub async fn year(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    year: i32,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let state = dialogue.get().await.notify(chat, lang)?.unwrap_or_default();
    let State::PeriodYearAsked { cadence, part } = state else {
        fits(&bot, &q, &actor, false).await?;
        return Ok(());
    };
    fits(&bot, &q, &actor, true).await?;
    let kind = match cadence.period(part, year) {
        Ok(kind) => kind,
        Err(problem) => {
            bot.send_message(chat, actor.say(&problem.msg())).patiently().await?;
            return step(&bot, &actor, &env, &dialogue, State::PeriodYearAsked { cadence, part })
                .await;
        }
    };
    let next = match env.config().templates.as_slice() {
        [only] => State::PeriodDueAsked { kind, template: only.key.clone() },
        _ => State::PeriodTemplateAsked { kind },
    };
    step(&bot, &actor, &env, &dialogue, next).await
}

/// A template picked (by its position in the configuration, which only changes at a restart).
pub async fn template(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    index: usize,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let state = dialogue.get().await.notify(actor.chat, actor.lang())?.unwrap_or_default();
    let chosen = env.config().templates.get(index).map(|t| t.key.clone());
    let (State::PeriodTemplateAsked { kind }, Some(template)) = (state, chosen) else {
        fits(&bot, &q, &actor, false).await?;
        return Ok(());
    };
    fits(&bot, &q, &actor, true).await?;
    step(&bot, &actor, &env, &dialogue, State::PeriodDueAsked { kind, template }).await
}

/// The suggested deadline taken.
pub async fn suggested_due(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let state = dialogue.get().await.notify(actor.chat, actor.lang())?.unwrap_or_default();
    let State::PeriodDueAsked { kind, template } = state else {
        fits(&bot, &q, &actor, false).await?;
        return Ok(());
    };
    let Some(due) = period::suggested_due(env.config(), kind) else {
        fits(&bot, &q, &actor, false).await?;
        return Ok(());
    };
    fits(&bot, &q, &actor, true).await?;
    let next =
        State::PeriodConfirmAsked { kind, template, due_at: due.timestamp(), attachment: None };
    step(&bot, &actor, &env, &dialogue, next).await
}

/// A deadline typed while the wizard asks for one.
pub async fn typed_due(
    bot: TgBot,
    msg: Message,
    actor: Actor,
    (kind, template): (PeriodKind, String),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    actor.officer().notify(actor.chat, actor.lang())?;
    let checked = msg.text().ok_or(Msg::new("wizard-type-due")).and_then(|text| {
        let due = Due::Typed(text.to_owned());
        period::deadline(env.config(), kind, None, &due).map_err(|e| e.user_message())
    });
    let next = match checked {
        Ok(due) => {
            State::PeriodConfirmAsked { kind, template, due_at: due.timestamp(), attachment: None }
        }
        Err(problem) => {
            bot.send_message(actor.chat, actor.say(&problem)).patiently().await?;
            State::PeriodDueAsked { kind, template }
        }
    };
    step(&bot, &actor, &env, &dialogue, next).await
}

/// "Open it".
pub async fn confirm(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    officer: Officer,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let state = dialogue.get().await.notify(chat, lang)?.unwrap_or_default();
    let State::PeriodConfirmAsked { kind, template, due_at, attachment } = state else {
        fits(&bot, &q, &actor, false).await?;
        return Ok(());
    };
    fits(&bot, &q, &actor, true).await?;
    let due = DateTime::from_timestamp(due_at, 0).unwrap_or_default();
    let letter = attachment
        .clone()
        .map(|l| Attachment { name: l.name, file: AttachedFile::ChannelId(l.file_id) });
    // The summary the officer confirms shows any warning about the deadline: confirming is
    // opening it anyway.
    let request = PeriodRequest {
        kind,
        title: None,
        window: None,
        due: Due::At(due),
        template: template.clone(),
        audience: Who::default(),
        attachment: letter,
        anyway: true,
    };
    match period::open(&env, By::Officer(&officer), &request).await {
        Ok(Opening::Opened { period: created, units }) => {
            dialogue.reset().await.notify(chat, lang)?;
            let text = Msg::new("wizard-created")
                .arg("id", created.id.0.to_string())
                .arg("units", units)
                .render(lang);
            let header = period_header(&created, lang, env.config().timezone);
            bot.send_message(chat, format!("{text}\n{header}")).patiently().await?;
            Ok(())
        }
        Ok(Opening::Warned(warning)) => {
            bot.send_message(chat, actor.say(&warning.msg())).patiently().await?;
            step(&bot, &actor, &env, &dialogue, State::PeriodDueAsked { kind, template }).await
        }
        Err(Error::User(problem)) => {
            // A deadline before the window ends, for instance: say why and ask for it again.
            bot.send_message(chat, actor.say(&problem)).patiently().await?;
            step(&bot, &actor, &env, &dialogue, State::PeriodDueAsked { kind, template }).await
        }
        Err(e) => Err(e).notify(chat, lang),
    }
}

/// "Cancel", at any step of opening or closing.
pub async fn cancel(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    dialogue: TgDialogue,
) -> HandlerResult {
    buttons::consume(&bot, &q).await?;
    dialogue.reset().await.notify(actor.chat, actor.lang())?;
    bot.send_message(actor.chat, t(actor.lang(), "wizard-cancelled")).patiently().await?;
    Ok(())
}

/// A wizard stored by an earlier version: start again.
pub async fn restart(bot: TgBot, actor: Actor, dialogue: TgDialogue) -> HandlerResult {
    dialogue.reset().await.notify(actor.chat, actor.lang())?;
    bot.send_message(actor.chat, t(actor.lang(), "wizard-restart")).patiently().await?;
    Ok(())
}

/// Moves the chat to `state` and asks what it waits for.
async fn step(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    dialogue: &TgDialogue,
    state: State,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let (text, mut rows) = match &state {
        State::PeriodCadenceAsked => (t(lang, "wizard-ask-kind"), cadence_rows(lang)),
        State::PeriodPartAsked { cadence } => part_prompt(*cadence, lang),
        State::PeriodYearAsked { .. } => (t(lang, "wizard-ask-year"), year_rows(env)),
        State::PeriodTemplateAsked { .. } => {
            (t(lang, "wizard-ask-template"), template_rows(env, lang))
        }
        State::PeriodDueAsked { kind, .. } => due_prompt(env, *kind, lang),
        State::PeriodConfirmAsked { kind, template, due_at, attachment } => {
            let (mut text, rows) = summary(env, *kind, template, *due_at, lang);
            let note = match attachment {
                Some(letter) => Msg::new("wizard-attached").arg("name", letter.name.as_str()),
                None => Msg::new("wizard-attach-hint"),
            };
            text = format!("{text}\n\n{}", note.render(lang));
            (text, rows)
        }
        _ => return Ok(()),
    };
    let cancel = button(t(lang, "wizard-button-cancel"), PeriodStep::Cancel);
    match &state {
        State::PeriodConfirmAsked { .. } => {
            if let Some(row) = rows.first_mut() {
                row.push(cancel);
            }
        }
        _ => rows.push(vec![cancel]),
    }
    dialogue.update(state).await.notify(chat, lang)?;
    bot.send_message(chat, text).reply_markup(InlineKeyboardMarkup::new(rows)).patiently().await?;
    Ok(())
}

fn cadence_rows(lang: Lang) -> Rows {
    Cadence::ALL.iter().map(|c| vec![button(t(lang, c.msg_key()), PeriodStep::Kind(*c))]).collect()
}

fn part_prompt(cadence: Cadence, lang: Lang) -> (String, Rows) {
    let count = cadence.parts().unwrap_or(1);
    let (ask, label) = match cadence {
        Cadence::Monthly => ("wizard-ask-month", "wizard-month"),
        Cadence::Quarterly => ("wizard-ask-quarter", "wizard-quarter"),
        _ => ("wizard-ask-half", "wizard-half"),
    };
    let buttons: Vec<InlineKeyboardButton> = (1..=count)
        .map(|n| button(Msg::new(label).arg("n", n).render(lang), PeriodStep::Part(n)))
        .collect();
    (t(lang, ask), buttons.chunks(4).map(<[_]>::to_vec).collect())
}

fn year_rows(env: &Env) -> Rows {
    let this_year = crate::actions::exports::this_year(env);
    vec![(this_year - 1..=this_year + 1)
        .map(|y| button(y.to_string(), PeriodStep::Year(y)))
        .collect()]
}

fn template_rows(env: &Env, lang: Lang) -> Rows {
    let templates = env.config().templates.iter().enumerate();
    templates.map(|(i, t)| vec![button(t.name(lang).to_owned(), PeriodStep::Template(i))]).collect()
}

fn due_prompt(env: &Env, kind: PeriodKind, lang: Lang) -> (String, Rows) {
    let mut rows = Vec::new();
    if let Some(due) = period::suggested_due(env.config(), kind) {
        let label = Msg::new("wizard-button-due")
            .arg("due", fmt_datetime(due, env.config().timezone))
            .render(lang);
        rows.push(vec![button(label, PeriodStep::SuggestedDue)]);
    }
    (t(lang, "wizard-ask-due"), rows)
}

fn summary(env: &Env, kind: PeriodKind, template: &str, due_at: i64, lang: Lang) -> (String, Rows) {
    let window = kind.data_window().ok().flatten().map(|w| w.display()).unwrap_or_default();
    let template =
        env.config().template(template).map(|t| t.name(lang).to_owned()).unwrap_or_default();
    let due = DateTime::from_timestamp(due_at, 0).unwrap_or_default();
    let mut text = Msg::new("wizard-summary")
        .arg("title", kind.title().render(lang))
        .arg("window", window)
        .arg("due", fmt_datetime(due, env.config().timezone))
        .arg("template", template)
        .render(lang);
    // A deadline typed on a day off, or right at the cut-off: opened only once the officer has
    // read why it is odd and still presses "open".
    let data_window = kind.data_window().ok().flatten();
    if let Some(warning) = period::due_warning(env.config(), data_window, due) {
        text =
            format!("{text}\n\n{}\n{}", warning.msg().render(lang), t(lang, "due-warning-confirm"));
    }
    (text, vec![vec![button(t(lang, "wizard-button-confirm"), PeriodStep::Confirm)]])
}

/// A document sent while the opening is being confirmed: attached to the period, to go with the
/// notice every unit gets (a later one replaces it).
pub async fn attach(
    bot: TgBot,
    msg: Message,
    actor: Actor,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    actor.officer().notify(chat, lang)?;
    let state = dialogue.get().await.notify(chat, lang)?.unwrap_or_default();
    let State::PeriodConfirmAsked { kind, template, due_at, .. } = state else { return Ok(()) };
    let Some(document) = msg.document() else {
        bot.send_message(chat, t(lang, "wizard-attach-hint")).patiently().await?;
        return Ok(());
    };
    let name = document.file_name.clone().unwrap_or_else(|| "cong-van".to_owned());
    let attachment = Some(SentLetter { name, file_id: document.file.id.to_string() });
    let next = State::PeriodConfirmAsked { kind, template, due_at, attachment };
    step(&bot, &actor, &env, &dialogue, next).await
}
