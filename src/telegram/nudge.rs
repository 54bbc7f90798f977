//! `/nhac` (`/nudge`): an officer sends the current reminder now to the units that have not
//! reported, recorded like any delivery, and hears back how it went.

use teloxide::prelude::*;

use crate::actions::nudge::{self, Nudged, Target};
use crate::i18n::{t, Lang, Msg};

use super::actor::Actor;
use super::error::{HandlerResult, Notify};
use super::patient::Patiently;
use super::{Env, TgBot};

/// `/nhac` (the open period nearest its deadline), `/nhac 3` (period 3), `/nhac X-TAMA` (one unit).
pub async fn nudge(bot: TgBot, actor: Actor, arg: String, env: Env) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let target = Target::parse(&arg).notify(chat, lang)?;
    let text = match nudge::nudge(&env, actor.member.as_ref(), &target).await.notify(chat, lang)? {
        Some(nudged) => actor.say(&done_msg(&nudged, lang)),
        None => t(lang, "nudge-no-period"),
    };
    bot.send_message(chat, text).patiently().await?;
    Ok(())
}

/// How a nudge went, for the officer.
pub fn done_msg(nudged: &Nudged, lang: Lang) -> Msg {
    Msg::new("nudge-done")
        .arg("title", nudged.period.title(lang))
        .arg("delivered", nudged.tally.sent)
        .arg("blocked", nudged.tally.blocked)
        .arg("failed", nudged.tally.not_yet)
        .arg("nobody", nudged.nobody)
}
