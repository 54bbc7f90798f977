//! `/nhac` (`/nudge`): an officer sends the current reminder now to the units that have not
//! reported, recorded like any delivery, and hears back how it went.

use teloxide::prelude::*;

use crate::actions::nudge::{self, Nudged, Target};
use crate::actions::Officer;
use crate::i18n::{t, Msg};

use super::actor::Actor;
use super::error::{HandlerResult, Notify};
use super::patient::Patiently;
use super::{Env, TgBot};

/// `/nhac` (the open period nearest its deadline), `/nhac 3` (period 3), `/nhac X-TAMA` (one unit).
pub async fn nudge(
    bot: TgBot,
    actor: Actor,
    officer: Officer,
    arg: String,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let target = Target::parse(&arg).notify(chat, lang)?;
    match nudge::nudge(&env, &officer, &target).await.notify(chat, lang)? {
        Some(nudged) => under_way(&bot, &actor, &env, nudged).await,
        None => {
            bot.send_message(chat, t(lang, "nudge-no-period")).patiently().await?;
            Ok(())
        }
    }
}

/// Tells the officer at once that the nudge is under way, and how it went once its messages are
/// sent — the officer does not wait for them, nor for anything else being sent.
pub async fn under_way(bot: &TgBot, actor: &Actor, env: &Env, nudged: Nudged) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    if nudged.keys.is_empty() {
        // Nobody to remind (all reported, or nobody reachable): say so once.
        let done = Msg::new("nudge-done")
            .arg("title", nudged.period.title(lang))
            .arg("delivered", 0_usize)
            .arg("blocked", 0_usize)
            .arg("failed", 0_usize)
            .arg("nobody", nudged.nobody);
        bot.send_message(chat, done.render(lang)).patiently().await?;
        return Ok(());
    }
    let started = Msg::new("nudge-started")
        .arg("title", nudged.period.title(lang))
        .arg("count", nudged.keys.len())
        .arg("nobody", nudged.nobody);
    bot.send_message(chat, started.render(lang)).patiently().await?;
    let (bot, env) = (bot.clone(), env.clone());
    tokio::spawn(async move {
        let done = match nudge::outcome(&env, &nudged).await {
            Ok(outcome) => Msg::new("nudge-done")
                .arg("title", nudged.period.title(lang))
                .arg("delivered", outcome.tally.sent)
                .arg("blocked", outcome.tally.blocked)
                .arg("failed", outcome.tally.not_yet)
                .arg("nobody", outcome.nobody),
            Err(e) => {
                tracing::error!(error = %e, "could not tell how a nudge went");
                return;
            }
        };
        if let Err(e) = bot.send_message(chat, done.render(lang)).patiently().await {
            tracing::warn!(error = %e, "could not tell an officer how a nudge went");
        }
    });
    Ok(())
}
