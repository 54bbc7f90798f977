//! Returning a report with a reason, accepting it, moving a period's deadline.

use teloxide::prelude::*;

use crate::actions::decision::{self, Decided};
use crate::actions::period::Due;
use crate::actions::period_change;
use crate::domain::{Decision, PeriodId, ReportId, ReportStatus};
use crate::error::Error;
use crate::i18n::{fmt_datetime, t, Msg};

use crate::actions::Officer;

use super::super::actor::Actor;
use super::super::error::{HandlerResult, Notify};
use super::super::patient::Patiently;
use super::super::{Env, State, TgBot, TgDialogue};

/// "Return": ask the officer for the reason.
pub async fn ask_return_reason(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    data: (i64, i64),
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    dialogue
        .update(State::ReturnReason { report_id: data.0, revision: data.1 })
        .await
        .notify(chat, lang)?;
    bot.send_message(chat, t(lang, "decision-ask-reason")).patiently().await?;
    Ok(())
}

/// The reason typed: return the report and tell the unit.
pub async fn return_with_reason(
    bot: TgBot,
    msg: Message,
    actor: Actor,
    (report, revision): (i64, i64),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let officer = actor.officer().notify(chat, lang)?;
    let text = msg.text().unwrap_or_default();
    if let Err(problem) = decision::parse_reason(text) {
        bot.send_message(chat, problem.user_message().render(lang)).patiently().await?;
        return Ok(());
    }
    dialogue.reset().await.notify(chat, lang)?;
    let decided =
        decision::decide(&env, &officer, ReportId(report), revision, Decision::Return, Some(text))
            .await
            .notify(chat, lang)?;
    decided_reply(&bot, &actor, &env, decided, Decision::Return).await
}

/// "Accept".
pub async fn accept(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    officer: Officer,
    (report, revision): (i64, i64),
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    let decided =
        decision::decide(&env, &officer, ReportId(report), revision, Decision::Accept, None)
            .await
            .notify(chat, lang)?;
    decided_reply(&bot, &actor, &env, decided, Decision::Accept).await
}

/// Tells the officer what happened.
async fn decided_reply(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    decided: Decided,
    decision: Decision,
) -> HandlerResult {
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config().timezone);
    let msg = match decided {
        Decided::Done { report, unit, told } => {
            let key = match decision {
                Decision::Return => "decision-done-returned",
                Decision::Accept => "decision-done-accepted",
            };
            Msg::new(key).arg("unit", unit).arg("revision", report.revision).arg("told", told)
        }
        Decided::Stale { status: ReportStatus::Submitted, revision, .. } => {
            Msg::new("decision-stale-revised").arg("revision", revision)
        }
        Decided::Stale { status, by, at, .. } => {
            let status = match status {
                ReportStatus::Returned => "report-status-returned",
                _ => "report-status-accepted",
            };
            Msg::new("decision-stale")
                .arg("status", t(lang, status))
                .arg("by", by.unwrap_or_default())
                .arg("at", at.map(|a| fmt_datetime(a, tz)).unwrap_or_default())
        }
        Decided::Unknown => Msg::new("button-expired"),
    };
    bot.send_message(chat, actor.say(&msg)).patiently().await?;
    Ok(())
}

/// A new deadline typed after "Extend": move it and tell the units that have not reported.
pub async fn new_deadline(
    bot: TgBot,
    msg: Message,
    actor: Actor,
    period_id: i64,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config().timezone);
    let officer = actor.officer().notify(chat, lang)?;
    let Some(typed) = msg.text() else {
        return ask_deadline_again(&bot, &actor, &Msg::new("wizard-type-due")).await;
    };
    let due = Due::Typed(typed.to_owned());
    let extended = match period_change::extend(&env, &officer, PeriodId(period_id), &due).await {
        Err(Error::User(problem)) if !STOPS.contains(&problem.key) => {
            return ask_deadline_again(&bot, &actor, &problem).await
        }
        other => {
            dialogue.reset().await.notify(chat, lang)?;
            other.notify(chat, lang)?
        }
    };
    let text = Msg::new("extend-done")
        .arg("title", extended.period.title(lang))
        .arg("due", fmt_datetime(extended.due_at, tz))
        .arg("told", extended.told);
    let mut text = actor.say(&text);
    // A new deadline on a day off is kept (the officer chose it), with what is odd about it.
    if let Some(warning) = extended.warning {
        text = format!("{text}\n{}", actor.say(&warning.msg()));
    }
    bot.send_message(chat, text).patiently().await?;
    Ok(())
}

/// Refusals after which asking for another deadline makes no sense (the period is gone or closed).
const STOPS: [&str; 1] = ["err-period-closed-extend"];

/// Says why the deadline typed is refused, and asks for it again.
async fn ask_deadline_again(bot: &TgBot, actor: &Actor, problem: &Msg) -> HandlerResult {
    let text = format!("{}\n{}", actor.say(problem), t(actor.lang(), "extend-ask"));
    bot.send_message(actor.chat, text).patiently().await?;
    Ok(())
}
