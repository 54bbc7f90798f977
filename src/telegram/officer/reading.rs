//! Reading a unit's report, with its files and (for officers) the decision buttons; earlier
//! revisions. Reporters read their own unit's reports only.

use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;
use teloxide::types::InputFile;

use crate::domain::{Answer, Report, ReportId, ReportStatus, UnitCode};
use crate::error::Error;
use crate::i18n::{fmt_datetime, t, Lang, Msg};

use super::super::actor::Actor;
use super::super::callback::CallbackData;
use super::super::error::{HandlerResult, Notify};
use super::super::patient::Patiently;
use super::super::report::view;
use super::super::{Env, TgBot};
use super::{button, resolve_period};

/// `/xem UNIT [period]`: the unit's report with its file, and the officer's buttons.
pub async fn view(bot: TgBot, actor: Actor, arg: String, env: Env) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let mut words = arg.split_whitespace();
    let Some(code) = words.next() else {
        bot.send_message(chat, t(lang, "view-usage")).patiently().await?;
        return Ok(());
    };
    let code = UnitCode::parse(code).map_err(|e| Error::User(e.msg())).notify(chat, lang)?;
    let unit = env.store.unit_by_code(&code).await.notify(chat, lang)?;
    let Some(unit) = unit else {
        return Err(Error::User(Msg::new("err-unit-unknown").arg("code", code.as_str())))
            .notify(chat, lang);
    };
    let period = resolve_period(&env, words.next().unwrap_or_default()).await.notify(chat, lang)?;
    let report = env.store.report(period.id, unit.id).await.notify(chat, lang)?;
    let Some(report) = report else {
        let msg = Msg::new("view-no-report")
            .arg("unit", unit.name.as_str())
            .arg("title", period.title(lang));
        bot.send_message(chat, actor.say(&msg)).patiently().await?;
        return Ok(());
    };
    show_report(&bot, &actor, &env, &report).await
}

/// Sends a report, its files, and (to officers) the return / accept / history buttons.
pub async fn show_report(bot: &TgBot, actor: &Actor, env: &Env, report: &Report) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let period = env.store.period(report.period_id).await.notify(chat, lang)?;
    let unit = env.store.unit_by_id(report.unit_id).await.notify(chat, lang)?;
    let (Some(period), Some(unit)) = (period, unit) else { return Ok(()) };
    let parts = view::report_text(&period, &unit, report, lang, env.config.timezone);
    let last = parts.len().saturating_sub(1);
    let keyboard = actor.is_officer().then(|| decision_keyboard(report, lang));
    for (i, part) in parts.into_iter().enumerate() {
        match (&keyboard, i == last) {
            (Some(k), true) if !k.inline_keyboard.is_empty() => {
                bot.send_message(chat, part).reply_markup(k.clone()).patiently().await?
            }
            _ => bot.send_message(chat, part).patiently().await?,
        };
    }
    send_files(bot, chat, report).await
}

fn decision_keyboard(report: &Report, lang: Lang) -> InlineKeyboardMarkup {
    let (id, revision) = (report.id.0, report.revision);
    let mut rows = Vec::new();
    if report.status == ReportStatus::Submitted {
        rows.push(vec![
            button(
                t(lang, "decision-button-return"),
                CallbackData::Return { report: id, revision },
            ),
            button(
                t(lang, "decision-button-accept"),
                CallbackData::Accept { report: id, revision },
            ),
        ]);
    }
    if report.revision > 1 {
        rows.push(vec![button(
            t(lang, "decision-button-history"),
            CallbackData::Revisions { report: id },
        )]);
    }
    InlineKeyboardMarkup::new(rows)
}

/// The history button: earlier revisions, who sent them and when.
pub async fn revisions(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    report: i64,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    let history = env.store.report_revisions(ReportId(report)).await.notify(chat, lang)?;
    let mut text = t(lang, "history-title");
    for (revision, name, at) in history {
        text.push_str(&format!(
            "\n• {}",
            Msg::new("history-line")
                .arg("revision", revision)
                .arg("name", name)
                .arg("at", fmt_datetime(at, env.config.timezone))
                .render(lang)
        ));
    }
    bot.send_message(chat, text).patiently().await?;
    Ok(())
}

/// The "read" button: officers read any report; reporters only their own unit's.
pub async fn view_report(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    report: i64,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let found = crate::actions::report::readable(&env, actor.member.as_ref(), ReportId(report));
    let Some(report) = found.await.notify(chat, lang)? else {
        super::super::buttons::refuse(&bot, &q, lang, "button-expired").await?;
        return Ok(());
    };
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    show_report(&bot, &actor, &env, &report).await
}

/// Re-sends the attached files by their Telegram `file_id` (nothing is downloaded).
pub async fn send_files(bot: &TgBot, chat: ChatId, report: &Report) -> HandlerResult {
    for answer in report.answers.values() {
        let Answer::File { file } = answer else { continue };
        let input = InputFile::file_id(file.file_id.clone().into());
        if file.photo {
            bot.send_photo(chat, input).patiently().await?;
        } else {
            bot.send_document(chat, input).patiently().await?;
        }
    }
    Ok(())
}
