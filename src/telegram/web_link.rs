//! `/web`: an officer or admin gets a one-time link to the web console.

use teloxide::prelude::*;
use teloxide::types::LinkPreviewOptions;

use crate::actions::web::{login_link, LINK_MINUTES};
use crate::actions::Officer;
use crate::i18n::Msg;

use super::actor::Actor;
use super::error::{HandlerResult, Notify};
use super::patient::Patiently;
use super::{Env, TgBot};

/// Sends the link, without a preview (a preview would be fetched by Telegram, not the officer).
pub async fn web(bot: TgBot, actor: Actor, officer: Officer, env: Env) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let link = login_link(&env, &officer).await.notify(chat, lang)?;
    let text = Msg::new("web-link").arg("link", link).arg("minutes", LINK_MINUTES).render(lang);
    let no_preview = LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    };
    bot.send_message(chat, text).link_preview_options(no_preview).patiently().await?;
    Ok(())
}
