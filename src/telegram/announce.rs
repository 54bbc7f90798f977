//! `/guitin [CỤM]` (`/announce`): an officer sends one notice to every unit (or one emulation
//! cluster): types it, sees to how many it goes, confirms; hears at once that it is under way and,
//! once sent, how many messages went, how many people blocked the bot and how many wait.

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::announce::{self, parse_text};
use crate::i18n::{t, Msg};

use super::actor::Actor;
use super::callback::{CallbackData, PeriodStep};
use super::error::{HandlerResult, Notify};
use super::patient::Patiently;
use super::state::State;
use super::{Env, TgBot, TgDialogue};

/// `/guitin [CỤM]`: asks for the text.
pub async fn start(bot: TgBot, actor: Actor, arg: String, dialogue: TgDialogue) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let cluster = Some(arg.trim().to_owned()).filter(|c| !c.is_empty());
    let to = cluster.clone().unwrap_or_else(|| t(lang, "announce-everyone"));
    let ask = Msg::new("announce-ask").arg("to", to).arg("max", announce::ANNOUNCEMENT_MAX);
    dialogue.update(State::AnnounceTextAsked { cluster }).await.notify(chat, lang)?;
    bot.send_message(chat, ask.render(lang)).patiently().await?;
    Ok(())
}

/// The text typed: a preview with whom it reaches, and the buttons to send or cancel.
pub async fn on_text(
    bot: TgBot,
    msg: Message,
    actor: Actor,
    cluster: Option<String>,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let officer = actor.officer().notify(chat, lang)?;
    let text = match parse_text(msg.text().unwrap_or_default()) {
        Ok(text) => text,
        Err(e) => {
            bot.send_message(chat, actor.say(&e.user_message())).patiently().await?;
            return Ok(());
        }
    };
    let count = match announce::reach(&env, &officer, cluster.as_deref()).await {
        Ok(count) => count,
        Err(e) => {
            bot.send_message(chat, actor.say(&e.user_message())).patiently().await?;
            return Ok(());
        }
    };
    let preview =
        Msg::new("announce-preview").arg("units", count).arg("text", text.as_str()).render(lang);
    dialogue.update(State::AnnounceConfirmAsked { cluster, text }).await.notify(chat, lang)?;
    let send = InlineKeyboardButton::callback(
        t(lang, "announce-button-send"),
        CallbackData::AnnounceSend.encode(),
    );
    let cancel = InlineKeyboardButton::callback(
        t(lang, "wizard-button-cancel"),
        CallbackData::Period(PeriodStep::Cancel).encode(),
    );
    let parts = crate::render::split(&preview, crate::render::MESSAGE_LIMIT);
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.into_iter().enumerate() {
        let mut request = bot.send_message(chat, part);
        if i == last {
            request =
                request.reply_markup(InlineKeyboardMarkup::new([[send.clone(), cancel.clone()]]));
        }
        request.patiently().await?;
    }
    Ok(())
}

/// "Send": records the notice and its messages, says it is under way, then how it went.
pub async fn send(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let officer = actor.officer().notify(chat, lang)?;
    let Some(State::AnnounceConfirmAsked { cluster, text }) =
        dialogue.get().await.notify(chat, lang)?
    else {
        super::buttons::refuse(&bot, &q, lang, "button-expired").await?;
        return Ok(());
    };
    super::buttons::consume(&bot, &q).await?;
    dialogue.reset().await.notify(chat, lang)?;
    let announced =
        announce::announce(&env, &officer, cluster.as_deref(), &text).await.notify(chat, lang)?;
    let started = Msg::new("announce-started")
        .arg("count", announced.keys.len())
        .arg("nobody", announced.nobody);
    bot.send_message(chat, started.render(lang)).patiently().await?;
    if announced.keys.is_empty() {
        return Ok(());
    }
    tokio::spawn(async move {
        let tally = match announce::outcome(&env, &announced).await {
            Ok(tally) => tally,
            Err(e) => {
                tracing::error!(error = %e, "could not tell how a notice went");
                return;
            }
        };
        let done = Msg::new("announce-done")
            .arg("delivered", tally.sent)
            .arg("blocked", tally.blocked)
            .arg("failed", tally.not_yet);
        if let Err(e) = bot.send_message(chat, done.render(lang)).patiently().await {
            tracing::warn!(error = %e, "could not tell an officer how a notice went");
        }
    });
    Ok(())
}
