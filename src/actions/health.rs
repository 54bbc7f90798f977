//! Is the bot well, and what has it done: `/healthz` (the database takes a write, Telegram
//! answered a poll lately, the outbox is not stuck) and `/metrics` (the counters of the metrics
//! room with the gauges read now). Both are for the machines that watch the bot: no proof is
//! asked, and nothing personal is said.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::domain::schedule::REMINDER_SWEEP_JOB;
use crate::error::Result;
use crate::metrics::Readings;

use super::App;

/// How long without an answer from Telegram before the bot is unwell: a poll returns at least
/// every `poll_timeout_secs` (≤ 15 s), and after an outage the bot tries again every 8 s.
pub fn poll_stale_after() -> Duration {
    Duration::minutes(2)
}

/// How long a delivery may wait when it may go before the outbox counts as stuck: a sweep of a
/// whole province's 3,300 units goes out in two minutes at Telegram's pace.
pub fn outbox_stale_after() -> Duration {
    Duration::minutes(15)
}

/// What `/healthz` says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Health {
    /// `ok` when every check passes, else `unhealthy`.
    pub status: &'static str,
    pub database: DatabaseCheck,
    pub telegram: TelegramCheck,
    pub outbox: OutboxCheck,
}

/// Whether the database took a write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DatabaseCheck {
    pub ok: bool,
    /// Why not (a short reason; the detail goes to the log).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
}

/// When Telegram last answered a poll.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TelegramCheck {
    pub ok: bool,
    /// Whether the bot polls Telegram at all (a deployment without Telegram does not).
    pub polling: bool,
    /// When Telegram last answered (`null`: not since the start).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_poll: Option<DateTime<Utc>>,
    /// Seconds since that answer (or since the start, when none came yet).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_poll_age_secs: Option<i64>,
}

/// The outbox's backlog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutboxCheck {
    pub ok: bool,
    /// Deliveries not finished.
    pub depth: i64,
    /// Seconds the oldest delivery that may go now has waited (0: none waits).
    pub oldest_age_secs: i64,
}

/// Checks the database, Telegram and the outbox, now.
pub async fn health(app: &App) -> Health {
    let now = app.now();
    let database = match app.store.probe_write(now).await {
        Ok(()) => DatabaseCheck { ok: true, error: None },
        Err(e) => {
            tracing::warn!(error = %e, "health check: the database did not take a write");
            DatabaseCheck { ok: false, error: Some("not writable") }
        }
    };
    let telegram = match app.metrics.polling() {
        None => {
            TelegramCheck { ok: true, polling: false, last_poll: None, last_poll_age_secs: None }
        }
        Some((since, last)) => {
            let age = now - last.unwrap_or(since);
            TelegramCheck {
                ok: age <= poll_stale_after(),
                polling: true,
                last_poll: last,
                last_poll_age_secs: Some(age.num_seconds().max(0)),
            }
        }
    };
    let broadcasts = crate::plan::may_disturb(&app.config, now);
    let outbox = match app.store.outbox_backlog_at(now, broadcasts).await {
        Ok(backlog) => {
            let age =
                backlog.oldest.map_or(Duration::zero(), |at| (now - at).max(Duration::zero()));
            OutboxCheck {
                ok: age <= outbox_stale_after(),
                depth: backlog.depth,
                oldest_age_secs: age.num_seconds(),
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "health check: the outbox could not be read");
            OutboxCheck { ok: false, depth: -1, oldest_age_secs: -1 }
        }
    };
    let healthy = database.ok && telegram.ok && outbox.ok;
    Health { status: if healthy { "ok" } else { "unhealthy" }, database, telegram, outbox }
}

/// Every series in the Prometheus text format, with the outbox, the last sweep and backup and the
/// files' sizes read now; `None` when `/metrics` is off.
pub async fn metrics(app: &App) -> Result<Option<String>> {
    if !app.config.metrics {
        return Ok(None);
    }
    let now = app.now();
    let backlog =
        app.store.outbox_backlog_at(now, crate::plan::may_disturb(&app.config, now)).await?;
    let (database_bytes, wal_bytes) = super::operations::file_sizes(&app.config.database);
    let bytes = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let readings = Readings {
        outbox_depth: backlog.depth,
        outbox_oldest_secs: backlog.oldest.map_or(0, |at| (now - at).num_seconds().max(0)),
        last_sweep: app
            .store
            .job_last_fired(REMINDER_SWEEP_JOB)
            .await?
            .map_or(0, |t| t.timestamp()),
        last_backup: app.store.last_backups().await?.0.map_or(0, |b| b.at.timestamp()),
        database_bytes: bytes(database_bytes),
        wal_bytes: bytes(wal_bytes),
    };
    let text = app.metrics.encode(&readings).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(Some(text))
}
