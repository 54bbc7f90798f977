//! People by their real names: at joining (and with `/toi`) the bot asks once for the full name
//! (họ và tên) and the position (chức vụ), offering the Telegram name as a button. Reminders,
//! notices, lists and exports use them.

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::profile;
use crate::domain::Member;
use crate::i18n::{t, Lang, Msg};

use super::actor::Actor;
use super::callback::CallbackData;
use super::error::{HandlerError, HandlerResult, Notify};
use super::patient::Patiently;
use super::state::State;
use super::{Env, TgBot, TgDialogue};

/// The question of the name, with the Telegram name as a button; the chat then waits for it.
/// `intro` goes first in the same message (the welcome, or what `/toi` knows of them).
pub async fn ask_name(
    bot: &TgBot,
    chat: ChatId,
    telegram_name: &str,
    intro: String,
    lang: Lang,
    dialogue: &TgDialogue,
) -> HandlerResult {
    dialogue.update(State::NameAsked).await.notify(chat, lang)?;
    let text = format!("{intro}\n\n{}", t(lang, "profile-ask-name"));
    let label = Msg::new("profile-use-telegram-name").arg("name", telegram_name).render(lang);
    let button = InlineKeyboardButton::callback(label, CallbackData::UseTelegramName.encode());
    bot.send_message(chat, text)
        .reply_markup(InlineKeyboardMarkup::new([[button]]))
        .patiently()
        .await?;
    Ok(())
}

/// `/toi`: what the bot knows of them, and the chance to correct it.
pub async fn me(
    bot: TgBot,
    actor: Actor,
    config: super::AppConfig,
    dialogue: TgDialogue,
) -> HandlerResult {
    let Some(member) = &actor.member else {
        let text = config.office.named(Msg::new("help-note-guest")).render(actor.lang());
        bot.send_message(actor.chat, text).patiently().await?;
        return Ok(());
    };
    let lang = member.lang;
    let none = t(lang, "profile-none");
    let intro = Msg::new("profile-current")
        .arg("name", member.full_name.as_str())
        .arg("position", member.position.clone().unwrap_or(none))
        .render(lang);
    ask_name(&bot, actor.chat, &actor.full_name, intro, lang, &dialogue).await
}

/// A name typed while it is asked.
pub async fn on_name(
    bot: TgBot,
    msg: Message,
    actor: Actor,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let Some(member) = &actor.member else { return Ok(()) };
    let typed = msg.text().unwrap_or_default();
    named(&bot, member, profile::set_name(&env, member, typed).await, &dialogue).await
}

/// The button "use my Telegram name".
pub async fn use_telegram_name(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let Some(member) = pressed(&bot, &q, &actor, &dialogue, State::NameAsked).await? else {
        return Ok(());
    };
    let given = profile::set_name(&env, member, &actor.full_name).await;
    named(&bot, member, given, &dialogue).await
}

/// A press of a button of the step `step`: answered as expired unless the chat is on it;
/// otherwise consumed. Returns the member.
async fn pressed<'a>(
    bot: &TgBot,
    q: &CallbackQuery,
    actor: &'a Actor,
    dialogue: &TgDialogue,
    step: State,
) -> Result<Option<&'a Member>, HandlerError> {
    let Some(member) = &actor.member else { return Ok(None) };
    if dialogue.get().await.notify(actor.chat, member.lang)? != Some(step) {
        super::buttons::refuse(bot, q, member.lang, "button-expired").await?;
        return Ok(None);
    }
    super::buttons::consume(bot, q).await?;
    Ok(Some(member))
}

/// After a name was given: the question of the position, or why the name was refused.
async fn named(
    bot: &TgBot,
    member: &Member,
    given: crate::error::Result<String>,
    dialogue: &TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (dialogue.chat_id(), member.lang);
    let name = given.notify(chat, lang)?;
    dialogue.update(State::PositionAsked).await.notify(chat, lang)?;
    let text = Msg::new("profile-ask-position").arg("name", name).render(lang);
    let skip = InlineKeyboardButton::callback(
        t(lang, "profile-skip-position"),
        CallbackData::SkipPosition.encode(),
    );
    bot.send_message(chat, text)
        .reply_markup(InlineKeyboardMarkup::new([[skip]]))
        .patiently()
        .await?;
    Ok(())
}

/// A position typed while it is asked.
pub async fn on_position(
    bot: TgBot,
    msg: Message,
    actor: Actor,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let Some(member) = &actor.member else { return Ok(()) };
    let typed = Some(msg.text().unwrap_or_default());
    let given = profile::set_position(&env, member, typed).await;
    positioned(&bot, member, given, &dialogue).await
}

/// The button "no position": none is recorded (an earlier one is cleared).
pub async fn skip_position(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let Some(member) = pressed(&bot, &q, &actor, &dialogue, State::PositionAsked).await? else {
        return Ok(());
    };
    let given = profile::set_position(&env, member, None).await;
    positioned(&bot, member, given, &dialogue).await
}

/// After a position was given (or none): what is recorded, or why the position was refused.
async fn positioned(
    bot: &TgBot,
    member: &Member,
    given: crate::error::Result<Option<String>>,
    dialogue: &TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (dialogue.chat_id(), member.lang);
    let position = given.notify(chat, lang)?;
    dialogue.reset().await.notify(chat, lang)?;
    let saved = Msg::new("profile-saved")
        .arg("name", Member { position, ..member.clone() }.with_position());
    bot.send_message(chat, saved.render(lang)).patiently().await?;
    Ok(())
}
