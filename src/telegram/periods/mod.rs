//! `/kybaocao`: officers list the open periods, open a new one in a few taps (`open.rs`), move a
//! deadline, close or reopen one.

pub mod open;

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::{period_change, progress, By, Officer};
use crate::domain::PeriodId;
use crate::i18n::{t, Msg};
use crate::render::period_header;

use super::actor::Actor;
use super::callback::{CallbackData, PeriodStep};
use super::error::{HandlerResult, Notify};
use super::patient::Patiently;
use super::{Env, State, TgBot, TgDialogue};

fn button(label: String, step: PeriodStep) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, CallbackData::Period(step).encode())
}

/// `/kybaocao`: the open periods with their progress, a button to open one, and one to close each.
pub async fn periods_cmd(
    bot: TgBot,
    actor: Actor,
    officer: Officer,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    dialogue.reset().await.notify(chat, lang)?;
    let by = By::Officer(&officer);
    let all = progress::periods(&env, by, true, usize::MAX).await.notify(chat, lang)?;
    let (open, closed): (Vec<_>, Vec<_>) = all.into_iter().partition(|p| p.period.is_open());
    let mut text =
        if open.is_empty() { t(lang, "wizard-no-open") } else { t(lang, "wizard-open-title") };
    let mut rows = vec![vec![button(t(lang, "wizard-button-new"), PeriodStep::New)]];
    for progress in &open {
        let (p, c) = (&progress.period, progress.counts());
        text.push_str(&format!(
            "\n\n#{} {}",
            p.id.0,
            period_header(p, lang, env.config().timezone)
        ));
        text.push('\n');
        let progress = Msg::new("wizard-progress").arg("done", c.reported()).arg("total", c.total);
        text.push_str(&progress.render(lang));
        let id = p.id.0.to_string();
        rows.push(vec![
            button(
                Msg::new("wizard-button-extend").arg("id", id.as_str()).render(lang),
                PeriodStep::Extend(p.id.0),
            ),
            button(
                Msg::new("wizard-button-close").arg("id", id.as_str()).render(lang),
                PeriodStep::Close(p.id.0),
            ),
        ]);
    }
    for p in closed.iter().take(3).map(|c| &c.period) {
        let label = Msg::new("wizard-button-reopen")
            .arg("id", p.id.0.to_string())
            .arg("title", p.title(lang))
            .render(lang);
        rows.push(vec![button(label, PeriodStep::Reopen(p.id.0))]);
    }
    for part in crate::render::split(&text, crate::render::MESSAGE_LIMIT) {
        bot.send_message(chat, part).patiently().await?;
    }
    bot.send_message(chat, t(lang, "wizard-what-next"))
        .reply_markup(InlineKeyboardMarkup::new(rows))
        .patiently()
        .await?;
    Ok(())
}

/// "Extend": ask for the new deadline (typed; see `officer::decisions::new_deadline`).
pub async fn extend(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    id: i64,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    super::buttons::consume(&bot, &q).await?;
    dialogue.update(State::NewDeadline { period_id: id }).await.notify(chat, lang)?;
    bot.send_message(chat, t(lang, "extend-ask")).patiently().await?;
    Ok(())
}

/// "Close": ask to confirm.
pub async fn ask_close(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    officer: Officer,
    id: i64,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    super::buttons::consume(&bot, &q).await?;
    let found = progress::period(&env, By::Officer(&officer), PeriodId(id)).await;
    let Some(p) = found.ok().map(|p| p.period).filter(|p| p.is_open()) else {
        bot.send_message(chat, t(lang, "button-expired")).patiently().await?;
        return Ok(());
    };
    let text = Msg::new("wizard-close-ask").arg("title", p.title(lang)).render(lang);
    let rows = vec![vec![
        button(t(lang, "wizard-button-close-confirm"), PeriodStep::CloseConfirmed(id)),
        button(t(lang, "wizard-button-cancel"), PeriodStep::Cancel),
    ]];
    bot.send_message(chat, text).reply_markup(InlineKeyboardMarkup::new(rows)).patiently().await?;
    Ok(())
}

/// "Really close".
pub async fn close(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    officer: Officer,
    id: i64,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    super::buttons::consume(&bot, &q).await?;
    let closed = period_change::close(&env, By::Officer(&officer), PeriodId(id)).await;
    let changed = closed.notify(chat, lang)?;
    let key = if changed { "cli-period-closed-now" } else { "cli-period-was-closed" };
    bot.send_message(chat, Msg::new(key).arg("id", id.to_string()).render(lang))
        .patiently()
        .await?;
    Ok(())
}

/// "Reopen" a closed period.
pub async fn reopen(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    officer: Officer,
    id: i64,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    super::buttons::consume(&bot, &q).await?;
    let reopened = period_change::reopen(&env, &officer, PeriodId(id)).await.notify(chat, lang)?;
    let key = if reopened { "wizard-reopened" } else { "wizard-was-open" };
    bot.send_message(chat, Msg::new(key).arg("id", id.to_string()).render(lang))
        .patiently()
        .await?;
    Ok(())
}
