//! Reading a unit's report, with its files and (for officers) the decision buttons; earlier
//! revisions. Reporters read their own unit's reports only.

use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;
use teloxide::types::InputFile;

use crate::actions::reading::{self, ReadReport};
use crate::actions::Officer;
use crate::domain::{Answer, Report, ReportId, ReportStatus, UnitCode};
use crate::error::Error;
use crate::i18n::{fmt_datetime, t, Lang, Msg};

use super::super::actor::Actor;
use super::super::callback::CallbackData;
use super::super::error::{HandlerResult, Notify};
use super::super::patient::Patiently;
use super::super::report::view;
use super::super::{Env, TgBot};
use super::button;

/// `/xem UNIT [period]`: the unit's report with its file, and the officer's buttons.
pub async fn view(
    bot: TgBot,
    actor: Actor,
    officer: Officer,
    arg: String,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let mut words = arg.split_whitespace();
    let Some(code) = words.next() else {
        bot.send_message(chat, t(lang, "view-usage")).patiently().await?;
        return Ok(());
    };
    let code = UnitCode::parse(code).map_err(|e| Error::User(e.msg())).notify(chat, lang)?;
    let period_arg = words.next().unwrap_or_default();
    let (unit, period, read) =
        reading::by_unit_code(&env, &officer, &code, period_arg).await.notify(chat, lang)?;
    let Some(read) = read else {
        let msg = Msg::new("view-no-report")
            .arg("unit", unit.name.as_str())
            .arg("title", period.title(lang));
        bot.send_message(chat, actor.say(&msg)).patiently().await?;
        return Ok(());
    };
    show_report(&bot, &actor, &env, &read).await
}

/// Sends a report, its files, and (to officers) the return / accept / history buttons.
pub async fn show_report(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    read: &ReadReport,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let report = &read.report;
    let parts = view::report_text(&read.period, &read.unit, report, lang, env.config().timezone);
    let last = parts.len().saturating_sub(1);
    let keyboard = read.decidable.then(|| decision_keyboard(report, lang));
    for (i, part) in parts.into_iter().enumerate() {
        match (&keyboard, i == last) {
            (Some(k), true) if !k.inline_keyboard.is_empty() => {
                bot.send_message(chat, part).reply_markup(k.clone()).patiently().await?
            }
            _ => bot.send_message(chat, part).patiently().await?,
        };
    }
    send_files(bot, chat, report).await?;
    // Files sent through the web form are kept by the bot: sent as they are.
    for file in reading::web_files(env, read).await.notify(chat, lang)? {
        let input = InputFile::memory(file.bytes).file_name(file.name);
        bot.send_document(chat, input).patiently().await?;
    }
    Ok(())
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
    officer: Officer,
    report: i64,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    let reader = Some(officer.member());
    let history = reading::revisions(&env, reader, ReportId(report)).await.notify(chat, lang)?;
    let mut text = t(lang, "history-title");
    for (revision, name, at) in history {
        text.push_str(&format!(
            "\n• {}",
            Msg::new("history-line")
                .arg("revision", revision)
                .arg("name", name)
                .arg("at", fmt_datetime(at, env.config().timezone))
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
    let read = match reading::by_id(&env, actor.member.as_ref(), ReportId(report)).await {
        Ok(Some(read)) => read,
        Ok(None) => return super::super::buttons::refuse(&bot, &q, lang, "button-expired").await,
        Err(Error::User(refusal)) => {
            let text = actor.say(&refusal);
            bot.answer_callback_query(q.id.clone()).text(text).show_alert(true).patiently().await?;
            return Ok(());
        }
        Err(e) => return Err(e).notify(chat, lang),
    };
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    show_report(&bot, &actor, &env, &read).await
}

/// Re-sends the attached files by their Telegram `file_id` (nothing is downloaded).
pub async fn send_files(bot: &TgBot, chat: ChatId, report: &Report) -> HandlerResult {
    for answer in report.answers.values() {
        let Answer::File { file } = answer else { continue };
        if reading::kept_here(file) {
            continue;
        }
        let input = InputFile::file_id(file.file_id.clone().into());
        if file.photo {
            bot.send_photo(chat, input).patiently().await?;
        } else {
            bot.send_document(chat, input).patiently().await?;
        }
    }
    Ok(())
}
