//! `/moi` (`/invite`): an officer creates an invite link in the chat.

use teloxide::prelude::*;

use crate::telegram::patient::Patiently;
use teloxide::types::Me;

use crate::actions::invite::{self, CreatedInvite, InviteWays, Whom};
use crate::actions::{By, Officer};
use crate::domain::{InviteLinks, UnitCode};
use crate::error::Error;
use crate::i18n::{fmt_datetime, Msg};

use super::actor::Actor;
use super::error::{HandlerResult, Notify};
use super::onboarding::bot_username;
use super::{AppConfig, Env, TgBot};

/// Words that ask for an officer invite instead of a unit code.
const OFFICER_WORDS: [&str; 2] = ["officer", "canbo"];

/// `/moi UNIT_CODE` or `/moi canbo`.
pub async fn invite(
    bot: TgBot,
    actor: Actor,
    officer: Officer,
    arg: String,
    env: Env,
    config: AppConfig,
    me: Me,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let arg = arg.trim();
    if arg.is_empty() {
        bot.send_message(chat, actor.say(&Msg::new("invite-usage"))).patiently().await?;
        return Ok(());
    }
    let whom = if OFFICER_WORDS.contains(&arg.to_lowercase().as_str()) {
        Whom::Officer
    } else {
        Whom::Reporter(UnitCode::parse(arg).map_err(|e| Error::User(e.msg())).notify(chat, lang)?)
    };
    let username = bot_username(&config, &me)
        .ok_or(Error::User(Msg::new("err-no-bot-username")))
        .notify(chat, lang)?;
    // The join page too when the site is on: the chair may have no Telegram.
    let ways = InviteWays::new(Some(&username), config.web.as_ref());
    let by = By::Officer(&officer);
    let created = invite::create(&env, by, &whom, config.invite_ttl).await.notify(chat, lang)?;
    let links = ways.links(&created.code).notify(chat, lang)?;
    let text = actor.say(&created_msg(&created, &links, config.timezone));
    bot.send_message(chat, text).patiently().await?;
    Ok(())
}

/// The message that hands over a new invitation: its link, or its two (the bot's, the join
/// page's).
pub fn created_msg(created: &CreatedInvite, links: &InviteLinks, tz: chrono_tz::Tz) -> Msg {
    let msg = match &created.unit {
        Some(unit) => Msg::new("invite-created-reporter").arg("unit", unit.in_sentence()),
        None => Msg::new("invite-created-officer"),
    };
    msg.arg("way", links.ways())
        .arg("link", links.telegram().unwrap_or_default())
        .arg("web", links.web().unwrap_or_default())
        .arg("expires", fmt_datetime(created.expires_at, tz))
}
