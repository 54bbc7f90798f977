//! Answering button presses: every press is answered (no spinner left turning).

use teloxide::prelude::*;

use crate::i18n::{t, Lang};

use super::error::HandlerResult;
use super::patient::Patiently;
use super::TgBot;

/// Answers a press that does nothing with an alert saying why (`key` in `lang`).
pub async fn refuse(
    bot: &TgBot,
    q: &CallbackQuery,
    lang: Lang,
    key: &'static str,
) -> HandlerResult {
    bot.answer_callback_query(q.id.clone()).text(t(lang, key)).show_alert(true).patiently().await?;
    Ok(())
}

/// Answers a press and takes the buttons off its message, so that they cannot be pressed twice.
pub async fn consume(bot: &TgBot, q: &CallbackQuery) -> HandlerResult {
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    if let Some(message) = q.regular_message() {
        // Best effort: an old message may no longer be editable.
        let _ = bot.edit_message_reply_markup(message.chat.id, message.id).patiently().await;
    }
    Ok(())
}
