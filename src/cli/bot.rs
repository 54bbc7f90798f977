//! `baocao run`, `migrate`, `config check`, `schedule`: the bot and its configuration.

use std::sync::Arc;

use chrono::Datelike;

use crate::config::Config;
use crate::domain::{Clock, SystemClock};
use crate::i18n::{fmt_datetime, Msg};

use super::{CliResult, Failure};
use crate::app;

/// Runs the bot until a signal.
pub async fn run_bot(config: Config) -> CliResult {
    let lang = config.lang;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let telegram = config.token.is_some();
    // The address as officers open it, unless the port was left to the system (tests).
    let url = config.web.as_ref().filter(|w| w.addr.port() != 0).map(|w| w.url.to_string());
    let running = app::start(config, clock).await.map_err(|e| {
        let code = if matches!(e, app::StartError::Config(_)) { 2 } else { 1 };
        Failure::Lines(vec![e.render(lang)], code)
    })?;
    // Without Telegram the person who started it must know how to get in.
    if !telegram {
        let bound = running.web_addr.map(|a| format!("http://{a}/"));
        let at = url.or(bound).unwrap_or_default();
        println!("{}", Msg::new("cli-telegram-off").arg("addr", at).render(lang));
    }
    running.run_until_signal().await;
    Ok(vec![])
}

/// Applies pending migrations.
pub async fn migrate(config: &Config) -> CliResult {
    let applied = crate::actions::operations::migrate(config).await?;
    Ok(vec![Msg::new("cli-migrated")
        .arg("path", config.database.display().to_string())
        .arg("count", applied)
        .render(config.lang)])
}

/// Prints and checks the configuration.
pub fn config_check(config: &Config) -> CliResult {
    let mut lines: Vec<String> =
        config.describe().into_iter().map(|(k, v)| format!("{k} = {v}")).collect();
    match config.usable() {
        Ok(()) => {
            lines.push(Msg::new("cli-config-ok").render(config.lang));
            Ok(lines)
        }
        Err(e) => {
            lines.push(e.render(config.lang));
            Err(Failure::Lines(lines, 2))
        }
    }
}

/// The next firings of every job.
pub fn schedule(config: &Config, count: usize) -> Vec<String> {
    let (tz, now, lang) = (config.timezone, SystemClock.now(), config.lang);
    let s = &config.schedule;
    let mut jobs = vec![
        (Msg::new("cli-job-sweep").render(lang), &s.reminder_sweep),
        (Msg::new("cli-job-digest").render(lang), &s.officer_digest),
    ];
    if let Some(backup) = &config.backup {
        jobs.push((Msg::new("cli-job-backup").render(lang), &backup.cron));
    }
    jobs.extend(s.series.iter().map(|series| {
        (Msg::new("cli-job-series").arg("key", series.key.as_str()).render(lang), &series.cron)
    }));
    let mut lines = Vec::new();
    for (name, cron) in jobs {
        lines.push(format!("{name} [{}]", cron.source()));
        for at in cron.next(now, tz, count) {
            let local = at.with_timezone(&tz);
            let day = local.date_naive();
            let weekday = Msg::new("weekday")
                .arg("n", i64::from(day.weekday().num_days_from_monday()))
                .render(lang);
            let note = if s.calendar.is_working_day(day) {
                String::new()
            } else {
                format!(" — {}", Msg::new("cli-day-off").render(lang))
            };
            lines.push(format!("  {weekday} {}{note}", fmt_datetime(at, tz)));
        }
    }
    lines
}
