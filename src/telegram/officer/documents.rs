//! The documents an officer takes away: the Excel workbook or CSV, the compiled summary,
//! the on-time statistics with their chart.

use teloxide::prelude::*;
use teloxide::types::InputFile;

use crate::actions::{exports, By, Officer};
use crate::domain::period::PeriodError;
use crate::error::Error;
use crate::i18n::{t, Msg};
use crate::render::{split, MESSAGE_LIMIT};

use super::super::actor::Actor;
use super::super::error::{HandlerResult, Notify};
use super::super::patient::Patiently;
use super::super::{Env, TgBot};
use super::resolve_period;

/// `/xuat [period] [csv | khenthuong]`: the Excel workbook (or the CSV, or the list of award
/// proposals) as a document.
pub async fn export(
    bot: TgBot,
    actor: Actor,
    officer: Officer,
    arg: String,
    env: Env,
) -> HandlerResult {
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config().timezone);
    let words: Vec<&str> = arg.split_whitespace().collect();
    let is = |w: &&str, names: &[&str]| names.iter().any(|n| w.eq_ignore_ascii_case(n));
    let csv = words.iter().any(|w| is(w, &["csv"]));
    let awards = words.iter().any(|w| is(w, &["khenthuong", "khen", "awards"]));
    let period_arg = words
        .iter()
        .find(|w| !is(w, &["csv", "khenthuong", "khen", "awards"]))
        .copied()
        .unwrap_or_default();
    let period = resolve_period(&env, &officer, period_arg).await.notify(chat, lang)?;
    let format = match (awards, csv) {
        (true, _) => exports::Format::Commendations,
        (false, true) => exports::Format::Csv,
        (false, false) => exports::Format::Xlsx,
    };
    let by = By::Officer(&officer);
    let doc = exports::export(&env, by, period.id, format, lang).await.notify(chat, lang)?;
    let caption = match format {
        exports::Format::Commendations => {
            let list = crate::documents::commendation_list::commendation_list(&doc.data, lang);
            let count = list.map_or(0, |l| l.len());
            if count == 0 {
                bot.send_message(chat, t(lang, "commendation-none")).patiently().await?;
                return Ok(());
            }
            Msg::new("commendation-caption")
                .arg("title", doc.data.progress.period.title(lang))
                .arg("count", count)
                .render(lang)
        }
        _ => crate::documents::caption(&doc.data, env.now(), lang, tz),
    };
    bot.send_document(chat, InputFile::memory(doc.bytes).file_name(doc.name))
        .caption(caption)
        .patiently()
        .await?;
    Ok(())
}

/// `/baocaotonghop [period]`: the compiled summary as messages to read, and as the Word document
/// in the format of Decree 30 to finish and sign.
pub async fn summary(
    bot: TgBot,
    actor: Actor,
    officer: Officer,
    arg: String,
    env: Env,
) -> HandlerResult {
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config().timezone);
    let period = resolve_period(&env, &officer, &arg).await.notify(chat, lang)?;
    let by = By::Officer(&officer);
    let doc = exports::export(&env, by, period.id, exports::Format::Docx, lang)
        .await
        .notify(chat, lang)?;
    let office = &env.config().office;
    let text = crate::documents::summary::summary_text(&doc.data, office, env.now(), lang, tz);
    for part in split(&text, MESSAGE_LIMIT) {
        bot.send_message(chat, part).patiently().await?;
    }
    bot.send_document(chat, InputFile::memory(doc.bytes).file_name(doc.name))
        .caption(t(lang, "docx-caption"))
        .patiently()
        .await?;
    Ok(())
}

/// `/thongke [year]`: per unit, periods required, on time, late, missing, rate; and the chart.
pub async fn stats(
    bot: TgBot,
    actor: Actor,
    officer: Officer,
    arg: String,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let year = match arg.trim() {
        "" => exports::this_year(&env),
        y => y
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .ok_or(Error::User(PeriodError::YearOutOfRange.msg()))
            .notify(chat, lang)?,
    };
    let stats = exports::year_stats(&env, &officer, year).await.notify(chat, lang)?;
    if stats.is_empty() {
        bot.send_message(chat, Msg::new("stats-none").arg("year", year.to_string()).render(lang))
            .patiently()
            .await?;
        return Ok(());
    }
    let mut text = Msg::new("stats-title").arg("year", year.to_string()).render(lang);
    for (i, s) in stats.iter().enumerate() {
        let unit = match &s.successor {
            Some(successor) => Msg::new("stats-merged")
                .arg("unit", s.unit.name.as_str())
                .arg("into", successor.in_sentence())
                .render(lang),
            None => s.unit.name.clone(),
        };
        let line = Msg::new("stats-line")
            .arg("n", i + 1)
            .arg("unit", unit)
            .arg("required", s.required)
            .arg("on_time", s.on_time)
            .arg("late", s.late)
            .arg("missing", s.missing())
            .arg("rate", format!("{:.0}%", s.on_time_rate() * 100.0));
        text.push('\n');
        text.push_str(&line.render(lang));
    }
    for part in split(&text, MESSAGE_LIMIT) {
        bot.send_message(chat, part).patiently().await?;
    }
    let title = if stats.len() > crate::documents::chart::MAX_BARS {
        Msg::new("stats-chart-title-trimmed")
            .arg("year", year.to_string())
            .arg("shown", crate::documents::chart::MAX_BARS)
            .arg("total", stats.len())
    } else {
        Msg::new("stats-chart-title").arg("year", year.to_string())
    }
    .render(lang);
    let png = crate::documents::chart::on_time_chart(&stats, &title).notify(chat, lang)?;
    bot.send_photo(chat, InputFile::memory(png).file_name(format!("dung-han-{year}.png")))
        .patiently()
        .await?;
    Ok(())
}
