//! The per-chat flood guard at the door of the routing tree: a chat that sends (or presses)
//! more than a short burst is told once to slow down, and the rest is dropped.

use teloxide::prelude::*;

use super::patient::Patiently;
use super::{Flood, TgBot};

/// Lets a chat's message through unless it floods; warns once when it does.
pub(super) async fn not_flooding(msg: Message, flood: Flood, bot: TgBot) -> bool {
    let lang = msg.from.as_ref().and_then(|u| u.language_code.as_deref());
    flood_allows(&flood, &bot, msg.chat.id, lang).await
}

/// Lets a button press through unless its chat floods (presses and messages count alike);
/// a press that is not handled is still answered, so no spinner keeps turning.
pub(super) async fn button_not_flooding(q: CallbackQuery, flood: Flood, bot: TgBot) -> bool {
    let chat = q.regular_message().map_or(ChatId(q.from.id.0 as i64), |m| m.chat.id);
    if flood_allows(&flood, &bot, chat, q.from.language_code.as_deref()).await {
        return true;
    }
    let _ = bot.answer_callback_query(q.id.clone()).patiently().await;
    false
}

/// Whether the flood guard lets this chat's update through now; tells the chat once to slow down.
async fn flood_allows(flood: &Flood, bot: &TgBot, chat: ChatId, tg_lang: Option<&str>) -> bool {
    use crate::domain::flood::Verdict;
    let verdict = match flood.0.lock() {
        Ok(mut guard) => guard.check(chat.0, std::time::Instant::now()),
        Err(_) => Verdict::Handle,
    };
    match verdict {
        Verdict::Handle => true,
        Verdict::Drop => false,
        Verdict::Warn => {
            let lang = crate::i18n::Lang::from_telegram(tg_lang);
            let _ =
                bot.send_message(chat, crate::i18n::t(lang, "flood-slow-down")).patiently().await;
            false
        }
    }
}
