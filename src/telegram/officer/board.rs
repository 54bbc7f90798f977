//! The status board of a period, the list of units that have not reported, nudging them all.

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::{exports, nudge, progress, By, Officer};
use crate::domain::progress::PeriodProgress;
use crate::domain::{Period, PeriodId};
use crate::i18n::{fmt_date, fmt_datetime, t, Lang, Msg};
use crate::render::{period_header, split, MESSAGE_LIMIT};

use super::super::actor::Actor;
use super::super::callback::CallbackData;
use super::super::error::{HandlerResult, Notify};
use super::super::patient::Patiently;
use super::super::{Env, TgBot};
use super::{button, resolve_period};

fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        "0%".to_owned()
    } else {
        format!("{:.0}%", n as f64 * 100.0 / total as f64)
    }
}

/// The board's lines, grouped: on time, late, returned, accepted, not sent (each unit once).
fn board_text(p: &PeriodProgress, lang: Lang, tz: chrono_tz::Tz) -> String {
    use crate::domain::progress::Standing;
    let total = p.counts().total;
    let group = |s: Standing| p.units.iter().filter(|u| u.standing() == s).collect::<Vec<_>>();
    let (on_time, late) = (group(Standing::OnTime), group(Standing::Late));
    let (returned, accepted, missing) =
        (group(Standing::Returned), group(Standing::Accepted), group(Standing::Missing));
    let mut text = format!("📋 #{} {}", p.period.id.0, period_header(&p.period, lang, tz));
    text.push_str("\n\n");
    text.push_str(
        &Msg::new("board-counts")
            .arg("on_time", on_time.len())
            .arg("on_time_pct", percent(on_time.len(), total))
            .arg("late", late.len())
            .arg("late_pct", percent(late.len(), total))
            .arg("returned_count", returned.len())
            .arg("accepted_count", accepted.len())
            .arg("missing", missing.len())
            .arg("missing_pct", percent(missing.len(), total))
            .arg("total", total)
            .render(lang),
    );
    let sections = [
        ("board-on-time", &on_time),
        ("board-late", &late),
        ("board-returned", &returned),
        ("board-accepted", &accepted),
        ("board-missing", &missing),
        ("board-merged", &group(Standing::Merged)),
    ];
    for (key, units) in sections {
        if units.is_empty() {
            continue;
        }
        text.push_str("\n\n");
        text.push_str(&Msg::new(key).arg("count", units.len()).render(lang));
        for u in units.iter() {
            let when = u
                .report
                .as_ref()
                .map(|r| format!(" — {}", fmt_datetime(r.submitted_at, tz)))
                .unwrap_or_default();
            let flag = if u.standing() == Standing::Missing && u.unreachable() {
                format!(" ⚠️ {}", t(lang, "board-unreachable"))
            } else {
                String::new()
            };
            let successor = u
                .successor
                .as_deref()
                .filter(|_| u.report.is_none())
                .map(|s| {
                    let on =
                        u.unit.valid_to.map(|d| format!(" ({})", fmt_date(d))).unwrap_or_default();
                    format!(" → {}{on}", crate::domain::unit::name_in_sentence(s, u.unit.kind))
                })
                .unwrap_or_default();
            text.push_str(&format!("\n• {}{when}{flag}{successor}", u.unit.name));
        }
    }
    text
}

fn board_keyboard(
    env_periods: &[Period],
    current: &Period,
    page: usize,
    pages: usize,
    lang: Lang,
) -> InlineKeyboardMarkup {
    let id = current.id.0;
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(button("◀️".to_owned(), CallbackData::Board { period: id, page: page - 1 }));
    }
    nav.push(button(t(lang, "board-refresh"), CallbackData::Board { period: id, page }));
    if page + 1 < pages {
        nav.push(button("▶️".to_owned(), CallbackData::Board { period: id, page: page + 1 }));
    }
    let mut rows = vec![nav];
    let others: Vec<InlineKeyboardButton> = env_periods
        .iter()
        .filter(|p| p.id != current.id)
        .take(6)
        .map(|p| button(format!("📋 #{}", p.id.0), CallbackData::Board { period: p.id.0, page: 0 }))
        .collect();
    if !others.is_empty() {
        rows.push(others);
    }
    InlineKeyboardMarkup::new(rows)
}

/// The page `page` of the board of period `id`, with its keyboard.
async fn board_page(
    env: &Env,
    officer: &Officer,
    id: PeriodId,
    page: usize,
    lang: Lang,
) -> crate::Result<(String, InlineKeyboardMarkup)> {
    let progress = progress::period(env, By::Officer(officer), id).await?;
    let pages = split(&board_text(&progress, lang, env.config().timezone), MESSAGE_LIMIT - 100);
    let page = page.min(pages.len().saturating_sub(1));
    let mut text = pages.get(page).cloned().unwrap_or_default();
    if pages.len() > 1 {
        text.push_str(&format!(
            "\n\n{}",
            Msg::new("board-page").arg("page", page + 1).arg("pages", pages.len()).render(lang)
        ));
    }
    let open = progress::open_periods(env, officer).await?;
    Ok((text, board_keyboard(&open, &progress.period, page, pages.len(), lang)))
}

/// `/tonghop [period]`.
pub async fn board(
    bot: TgBot,
    actor: Actor,
    officer: Officer,
    arg: String,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let period = resolve_period(&env, &officer, &arg).await.notify(chat, lang)?;
    let (text, keyboard) =
        board_page(&env, &officer, period.id, 0, lang).await.notify(chat, lang)?;
    bot.send_message(chat, text).reply_markup(keyboard).patiently().await?;
    Ok(())
}

/// The board's buttons: another page, a refresh, another period — edited in place.
pub async fn board_button(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    officer: Officer,
    data: (i64, usize),
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    let page = board_page(&env, &officer, PeriodId(data.0), data.1, lang).await;
    let (text, keyboard) = page.notify(chat, lang)?;
    match q.regular_message() {
        Some(m) => {
            // Telegram refuses an edit that changes nothing; that is not an error for a refresh.
            if let Err(e) = bot
                .edit_message_text(m.chat.id, m.id, text)
                .reply_markup(keyboard)
                .patiently()
                .await
            {
                tracing::debug!(error = %e, "board unchanged");
            }
        }
        None => {
            bot.send_message(chat, text).reply_markup(keyboard).patiently().await?;
        }
    }
    Ok(())
}

/// `/chuanop [period]`: units without a report, their reporters and whether they can be reached.
pub async fn missing(
    bot: TgBot,
    actor: Actor,
    officer: Officer,
    arg: String,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let period = resolve_period(&env, &officer, &arg).await.notify(chat, lang)?;
    let data = exports::load(&env, By::Officer(&officer), period.id).await.notify(chat, lang)?;
    let missing: Vec<_> = data.progress.missing().collect();
    let mut text =
        format!("#{} {}\n\n", period.id.0, period_header(&period, lang, env.config().timezone));
    if missing.is_empty() {
        text.push_str(&t(lang, "missing-none"));
        bot.send_message(chat, text).patiently().await?;
        return Ok(());
    }
    text.push_str(
        &Msg::new("missing-title")
            .arg("count", missing.len())
            .arg("total", data.progress.units.len())
            .render(lang),
    );
    for u in &missing {
        let people: Vec<String> = data
            .reporters
            .get(&u.unit.id)
            .map(|ms| {
                ms.iter()
                    .map(|m| {
                        format!("{} {}", m.with_position(), if m.reachable() { "✅" } else { "⚠️" })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let who = if people.is_empty() { t(lang, "missing-nobody") } else { people.join(", ") };
        text.push_str(&format!("\n• {} — {who}", u.unit.name));
    }
    let parts = split(&text, MESSAGE_LIMIT);
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.into_iter().enumerate() {
        if i == last && period.is_open() {
            let keyboard = InlineKeyboardMarkup::new([[button(
                t(lang, "missing-nudge-all"),
                CallbackData::NudgeAll { period: period.id.0 },
            )]]);
            bot.send_message(chat, part).reply_markup(keyboard).patiently().await?;
        } else {
            bot.send_message(chat, part).patiently().await?;
        }
    }
    Ok(())
}

/// The "nudge them all" button of the missing list.
pub async fn nudge_all(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    officer: Officer,
    period: i64,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    super::super::buttons::consume(&bot, &q).await?;
    let target = nudge::Target::Period(PeriodId(period));
    match nudge::nudge(&env, &officer, &target).await.notify(chat, lang)? {
        Some(nudged) => super::super::nudge::under_way(&bot, &actor, &env, nudged).await,
        None => {
            bot.send_message(chat, t(lang, "report-period-closed")).patiently().await?;
            Ok(())
        }
    }
}
