//! Telling officers about submissions, and showing a report to those allowed to read it.

use teloxide::prelude::*;

use crate::telegram::patient::Patiently;

use crate::i18n::{fmt_datetime, t, Msg};

use super::actor::Actor;
use super::error::{HandlerResult, Notify};
use super::report::view;
use super::{Env, TgBot};

/// `/thongbao`: officers turn submission notices on or off.
pub async fn toggle_notices(bot: TgBot, actor: Actor, env: Env) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let Some(member) = &actor.member else { return Ok(()) };
    let on = env.store.toggle_submission_notices(member.id).await.notify(chat, lang)?;
    let key = if on { "notices-on" } else { "notices-off" };
    bot.send_message(chat, t(lang, key)).patiently().await?;
    Ok(())
}

/// `/tinhtrang`: a reporter's view of their unit's periods.
pub async fn unit_status(bot: TgBot, actor: Actor, env: Env) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let Some(unit_id) = actor.member.as_ref().and_then(|m| m.unit_id) else {
        bot.send_message(chat, t(lang, "report-not-reporter")).patiently().await?;
        return Ok(());
    };
    let periods = env.store.periods_of_unit(unit_id, 10).await.notify(chat, lang)?;
    if periods.is_empty() {
        bot.send_message(chat, t(lang, "status-none")).patiently().await?;
        return Ok(());
    }
    let tz = env.config.timezone;
    let now = env.clock.now();
    let mut text = t(lang, "status-title");
    for period in &periods {
        let report = env.store.report(period.id, unit_id).await.notify(chat, lang)?;
        let line = match &report {
            Some(r) if r.status == crate::domain::ReportStatus::Returned => env
                .config
                .office
                .named(Msg::new("status-returned"))
                .arg("reason", r.return_reason.clone().unwrap_or_default()),
            Some(r) => env
                .config
                .office
                .named(Msg::new(if r.status == crate::domain::ReportStatus::Accepted {
                    "status-accepted"
                } else {
                    "status-submitted"
                }))
                .arg("at", fmt_datetime(r.submitted_at, tz))
                .arg(
                    "timeliness",
                    if r.on_time { t(lang, "report-on-time") } else { t(lang, "report-late") },
                ),
            None if !period.is_open() => Msg::new("status-missed"),
            None => {
                let days = crate::domain::period::days_left(now, period.due_at, tz);
                if days >= 0 {
                    Msg::new("status-pending").arg("days", days)
                } else {
                    Msg::new("status-overdue").arg("days", -days)
                }
            }
        };
        text.push_str("\n\n");
        text.push_str(&view::period_header(period, lang, tz));
        text.push('\n');
        text.push_str(&line.render(lang));
    }
    for part in view::split(&text, view::MESSAGE_LIMIT) {
        bot.send_message(chat, part).patiently().await?;
    }
    // The office's letter of each open period, again.
    for period in periods.iter().filter(|p| p.is_open()) {
        if let Some(document) = env.store.period_attachment(period.id).await.notify(chat, lang)? {
            let file = super::channel::input_file(&document);
            bot.send_document(chat, file).caption(period.title(lang)).patiently().await?;
        }
    }
    Ok(())
}
