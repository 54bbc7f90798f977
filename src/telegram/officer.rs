//! Officer tools: the status board, the missing list, reading, returning and accepting reports,
//! the Excel export, the compiled summary, on-time statistics, deadlines.

use teloxide::prelude::*;

use crate::telegram::patient::Patiently;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, InputFile};

use crate::actions::decision::{self, Decided};
use crate::actions::{exports, nudge, period};
use crate::domain::period::{parse_local_datetime, PeriodError};
use crate::domain::progress::PeriodProgress;
use crate::domain::{Decision, Period, PeriodId, Report, ReportId, ReportStatus, UnitCode};
use crate::error::Error;
use crate::i18n::{fmt_datetime, t, Lang, Msg};
use crate::render::{period_header, split, MESSAGE_LIMIT};

use super::actor::Actor;
use super::callback::CallbackData;
use super::error::{HandlerResult, Notify};
use super::report::view;
use super::{Env, State, TgBot, TgDialogue};

fn button(label: String, data: CallbackData) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, data.encode())
}

/// The period an officer means: `#id` or a number, else the open period nearest its deadline,
/// else the latest period.
async fn resolve_period(env: &Env, arg: &str) -> crate::Result<Period> {
    let arg = arg.trim().trim_start_matches('#');
    if !arg.is_empty() {
        let id: i64 =
            arg.parse().map_err(|_| Error::User(Msg::new("err-period-unknown").arg("id", arg)))?;
        return env
            .store
            .period(PeriodId(id))
            .await?
            .ok_or_else(|| Error::User(Msg::new("err-period-unknown").arg("id", arg)));
    }
    if let Some(p) = crate::actions::period::nearest_open(&env.store, None).await? {
        return Ok(p);
    }
    env.store
        .list_periods(true)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| Error::User(Msg::new("officer-no-period")))
}

fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        "0%".to_owned()
    } else {
        format!("{:.0}%", n as f64 * 100.0 / total as f64)
    }
}

/// The board's lines, grouped: on time, late, returned, accepted, not sent (each unit once).
fn board_text(p: &PeriodProgress, lang: Lang, tz: chrono_tz::Tz) -> String {
    let total = p.units.len();
    use crate::domain::progress::Standing;
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
            .arg("returned", returned.len())
            .arg("accepted", accepted.len())
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
            let flag = if u.report.is_none() && u.unreachable() {
                format!(" ⚠️ {}", t(lang, "board-unreachable"))
            } else {
                String::new()
            };
            text.push_str(&format!("\n• {}{when}{flag}", u.unit.name));
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

/// The page `page` of the board of `period`, with its keyboard.
async fn board_page(
    env: &Env,
    period: &Period,
    page: usize,
    lang: Lang,
) -> crate::Result<(String, InlineKeyboardMarkup)> {
    let progress = env.store.period_progress(period).await?;
    let pages = split(&board_text(&progress, lang, env.config.timezone), MESSAGE_LIMIT - 100);
    let page = page.min(pages.len().saturating_sub(1));
    let mut text = pages.get(page).cloned().unwrap_or_default();
    if pages.len() > 1 {
        text.push_str(&format!(
            "\n\n{}",
            Msg::new("board-page").arg("page", page + 1).arg("pages", pages.len()).render(lang)
        ));
    }
    let open = env.store.list_periods(false).await?;
    Ok((text, board_keyboard(&open, period, page, pages.len(), lang)))
}

/// `/tonghop [period]`.
pub async fn board(bot: TgBot, actor: Actor, arg: String, env: Env) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let period = resolve_period(&env, &arg).await.notify(chat, lang)?;
    let (text, keyboard) = board_page(&env, &period, 0, lang).await.notify(chat, lang)?;
    bot.send_message(chat, text).reply_markup(keyboard).patiently().await?;
    Ok(())
}

/// The board's buttons: another page, a refresh, another period — edited in place.
pub async fn board_button(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    data: (i64, usize),
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    let Some(period) = env.store.period(PeriodId(data.0)).await.notify(chat, lang)? else {
        return Ok(());
    };
    let (text, keyboard) = board_page(&env, &period, data.1, lang).await.notify(chat, lang)?;
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
pub async fn missing(bot: TgBot, actor: Actor, arg: String, env: Env) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let period = resolve_period(&env, &arg).await.notify(chat, lang)?;
    let data = exports::load(&env.store, period.id).await.notify(chat, lang)?;
    let missing: Vec<_> = data.progress.missing().collect();
    let mut text =
        format!("#{} {}\n\n", period.id.0, period_header(&period, lang, env.config.timezone));
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
                    .map(|m| format!("{} {}", m.full_name, if m.reachable { "✅" } else { "⚠️" }))
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
    period: i64,
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    super::buttons::consume(&bot, &q).await?;
    let Some(period) =
        env.store.period(PeriodId(period)).await.notify(chat, lang)?.filter(Period::is_open)
    else {
        bot.send_message(chat, t(lang, "report-period-closed")).patiently().await?;
        return Ok(());
    };
    crate::actions::officer(actor.member.as_ref()).notify(chat, lang)?;
    let nudged = nudge::nudge_period(&env, period, None).await.notify(chat, lang)?;
    bot.send_message(chat, actor.say(&super::nudge::done_msg(&nudged, lang))).patiently().await?;
    Ok(())
}

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
    super::notices::send_files(bot, chat, report).await
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
    let text = msg.text().unwrap_or_default();
    if let Err(problem) = decision::parse_reason(text) {
        bot.send_message(chat, problem.user_message().render(lang)).patiently().await?;
        return Ok(());
    }
    dialogue.reset().await.notify(chat, lang)?;
    let member = actor.member.as_ref();
    let decided =
        decision::decide(&env, member, ReportId(report), revision, Decision::Return, Some(text))
            .await
            .notify(chat, lang)?;
    decided_reply(&bot, &actor, &env, decided, Decision::Return).await
}

/// "Accept".
pub async fn accept(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (report, revision): (i64, i64),
    env: Env,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    let member = actor.member.as_ref();
    let decided =
        decision::decide(&env, member, ReportId(report), revision, Decision::Accept, None)
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
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config.timezone);
    let msg = match decided {
        Decided::Done { report, unit, told } => {
            let key = match decision {
                Decision::Return => "decision-done-returned",
                Decision::Accept => "decision-done-accepted",
            };
            Msg::new(key).arg("unit", unit).arg("revision", report.revision).arg("told", told.sent)
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

/// `/xuat [period] [csv]`: the Excel workbook (or the CSV) as a document.
pub async fn export(bot: TgBot, actor: Actor, arg: String, env: Env) -> HandlerResult {
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config.timezone);
    let words: Vec<&str> = arg.split_whitespace().collect();
    let csv = words.iter().any(|w| w.eq_ignore_ascii_case("csv"));
    let period_arg =
        words.iter().find(|w| !w.eq_ignore_ascii_case("csv")).copied().unwrap_or_default();
    let period = resolve_period(&env, period_arg).await.notify(chat, lang)?;
    let data = exports::load(&env.store, period.id).await.notify(chat, lang)?;
    let (bytes, name) = if csv {
        (
            crate::export::csv(&data, lang, tz).notify(chat, lang)?,
            crate::export::file_name(&data, "csv"),
        )
    } else {
        (
            crate::export::xlsx(&data, lang, tz).notify(chat, lang)?,
            crate::export::file_name(&data, "xlsx"),
        )
    };
    let caption = crate::export::caption(&data, env.clock.now(), lang, tz);
    bot.send_document(chat, InputFile::memory(bytes).file_name(name))
        .caption(caption)
        .patiently()
        .await?;
    Ok(())
}

/// `/baocaotonghop [period]`: the compiled summary, as messages and as a text document.
pub async fn summary(bot: TgBot, actor: Actor, arg: String, env: Env) -> HandlerResult {
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config.timezone);
    let period = resolve_period(&env, &arg).await.notify(chat, lang)?;
    let data = exports::load(&env.store, period.id).await.notify(chat, lang)?;
    let text = crate::render::summary_text(&data, &env.config.place, env.clock.now(), lang, tz);
    for part in split(&text, MESSAGE_LIMIT) {
        bot.send_message(chat, part).patiently().await?;
    }
    let name = crate::export::file_name(&data, "txt").replace("bao-cao-ky", "bao-cao-tong-hop");
    bot.send_document(chat, InputFile::memory(text.into_bytes()).file_name(name))
        .patiently()
        .await?;
    Ok(())
}

/// `/thongke [year]`: per unit, periods required, on time, late, missing, rate; and the chart.
pub async fn stats(bot: TgBot, actor: Actor, arg: String, env: Env) -> HandlerResult {
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config.timezone);
    let now = env.clock.now();
    let year = match arg.trim() {
        "" => exports::this_year(now, tz),
        y => y
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .ok_or(Error::User(PeriodError::YearOutOfRange.msg()))
            .notify(chat, lang)?,
    };
    let stats = exports::year_stats(&env.store, year, now, tz).await.notify(chat, lang)?;
    if stats.is_empty() {
        bot.send_message(chat, Msg::new("stats-none").arg("year", year.to_string()).render(lang))
            .patiently()
            .await?;
        return Ok(());
    }
    let mut text = Msg::new("stats-title").arg("year", year.to_string()).render(lang);
    for (i, s) in stats.iter().enumerate() {
        let line = Msg::new("stats-line")
            .arg("n", i + 1)
            .arg("unit", s.unit.name.as_str())
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
    let title = if stats.len() > crate::chart::MAX_BARS {
        Msg::new("stats-chart-title-trimmed")
            .arg("year", year.to_string())
            .arg("shown", crate::chart::MAX_BARS)
            .arg("total", stats.len())
    } else {
        Msg::new("stats-chart-title").arg("year", year.to_string())
    }
    .render(lang);
    let png = crate::chart::on_time_chart(&stats, &title).notify(chat, lang)?;
    bot.send_photo(chat, InputFile::memory(png).file_name(format!("dung-han-{year}.png")))
        .patiently()
        .await?;
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
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config.timezone);
    let due = match msg
        .text()
        .ok_or(Msg::new("wizard-type-due"))
        .and_then(|t| parse_local_datetime(t, tz))
    {
        Ok(due) => due,
        Err(problem) => return ask_deadline_again(&bot, &actor, &problem).await,
    };
    let member = actor.member.as_ref();
    let extended = match period::extend(&env, member, PeriodId(period_id), due).await {
        Err(Error::User(problem)) if problem.key != "err-period-unknown" => {
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
        .arg("told", extended.told.sent);
    bot.send_message(chat, actor.say(&text)).patiently().await?;
    Ok(())
}

/// Says why the deadline typed is refused, and asks for it again.
async fn ask_deadline_again(bot: &TgBot, actor: &Actor, problem: &Msg) -> HandlerResult {
    let text = format!("{}\n{}", actor.say(problem), t(actor.lang(), "extend-ask"));
    bot.send_message(actor.chat, text).patiently().await?;
    Ok(())
}
