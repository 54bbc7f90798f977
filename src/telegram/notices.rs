//! Telling officers about submissions, and showing a report to those allowed to read it.

use teloxide::prelude::*;

use crate::telegram::patient::Patiently;

use crate::actions::status::UnitPeriod;
use crate::actions::{self, Officer};
use crate::domain::ReportStatus;
use crate::i18n::{fmt_datetime, t, Msg};

use super::actor::Actor;
use super::error::{HandlerResult, Notify};
use super::report::view;
use super::{Env, TgBot};

/// `/thongbao`: officers turn submission notices on or off.
pub async fn toggle_notices(bot: TgBot, actor: Actor, officer: Officer, env: Env) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let on = actions::members::toggle_notices(&env, &officer).await.notify(chat, lang)?;
    let key = if on { "notices-on" } else { "notices-off" };
    bot.send_message(chat, t(lang, key)).patiently().await?;
    Ok(())
}

/// `/tinhtrang`: a reporter's view of their unit's periods.
pub async fn unit_status(bot: TgBot, actor: Actor, env: Env) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let periods = actions::status::of_unit(&env, actor.member.as_ref()).await.notify(chat, lang)?;
    if periods.is_empty() {
        bot.send_message(chat, t(lang, "status-none")).patiently().await?;
        return Ok(());
    }
    let (config, now) = (env.config(), env.now());
    let tz = config.timezone;
    let mut text = t(lang, "status-title");
    for UnitPeriod { period, report, .. } in &periods {
        let line = match report {
            Some(r) if r.status == ReportStatus::Returned => config
                .office
                .named(Msg::new("status-returned"))
                .arg("reason", r.return_reason.clone().unwrap_or_default()),
            Some(r) => {
                let key = match r.status {
                    ReportStatus::Accepted => "status-accepted",
                    _ => "status-submitted",
                };
                let timeliness = if r.on_time { "report-on-time" } else { "report-late" };
                config
                    .office
                    .named(Msg::new(key))
                    .arg("at", fmt_datetime(r.submitted_at, tz))
                    .arg("timeliness", t(lang, timeliness))
            }
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
    for UnitPeriod { period, letter, .. } in &periods {
        if let Some(document) = letter {
            let file = super::channel::input_file(document);
            bot.send_document(chat, file).caption(period.title(lang)).patiently().await?;
        }
    }
    Ok(())
}
