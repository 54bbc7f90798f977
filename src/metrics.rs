//! The metrics room: counters and a histogram the ways in and the outbox bump as they work
//! (a few atomic adds each, no I/O), the gauges read from the database when `/metrics` is
//! scraped, and the time of the last successful poll of Telegram, which `/healthz` judges.
//! One [`Metrics`] per running bot (no global registry: tests run many bots in one process).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// The Content-Type of what [`Metrics::encode`] writes (Prometheus text format 0.0.4).
pub const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

/// What kind of update came in, as `/metrics` counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateKind {
    Message,
    EditedMessage,
    Button,
    Other,
}

impl UpdateKind {
    fn label(self) -> &'static str {
        match self {
            UpdateKind::Message => "message",
            UpdateKind::EditedMessage => "edited_message",
            UpdateKind::Button => "button",
            UpdateKind::Other => "other",
        }
    }
}

/// How one send through a channel ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendResult {
    Sent,
    /// The person blocked the bot or is gone.
    Blocked,
    /// The channel asked to wait (Telegram's 429).
    RetryAfter,
    /// Any other failure (network, 5xx, a refused message).
    Failed,
}

impl SendResult {
    fn label(self) -> &'static str {
        match self {
            SendResult::Sent => "sent",
            SendResult::Blocked => "blocked",
            SendResult::RetryAfter => "429",
            SendResult::Failed => "failed",
        }
    }
}

/// What `/metrics` reads from the database and the disk at each scrape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Readings {
    /// Deliveries not finished (waiting, being sent, to be retried).
    pub outbox_depth: i64,
    /// Age in seconds of the oldest of them that is due (0: none).
    pub outbox_oldest_secs: i64,
    /// When the reminder sweep last ran (Unix seconds; 0: never).
    pub last_sweep: i64,
    /// When the last scheduled backup was made (Unix seconds; 0: never).
    pub last_backup: i64,
    pub database_bytes: i64,
    pub wal_bytes: i64,
}

type Labels = [(&'static str, &'static str); 1];
type SendLabels = [(&'static str, &'static str); 2];
type Histograms = Family<Labels, Histogram, fn() -> Histogram>;

/// The bot's metrics. Cloning shares them.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    registry: Registry,
    updates: Family<Labels, Counter>,
    step_seconds: Histograms,
    sends: Family<SendLabels, Counter>,
    reminders_planned: Counter,
    reminders_sent: Counter,
    gauges: [Gauge; 7],
    /// When Telegram last answered a poll (Unix seconds; 0: not yet).
    last_poll: AtomicI64,
    /// Since when the bot polls Telegram (Unix seconds; 0: it does not).
    polling_since: AtomicI64,
}

/// The gauges, in the order of [`Inner::gauges`]: name and help.
const GAUGES: [(&str, &str); 7] = [
    ("baocao_outbox_depth", "Deliveries not finished: waiting, being sent, or to be retried"),
    ("baocao_outbox_oldest_age_seconds", "Age of the oldest delivery due and not yet sent"),
    ("baocao_last_sweep_timestamp_seconds", "When the reminder sweep last ran (Unix time)"),
    ("baocao_last_backup_timestamp_seconds", "When the last scheduled backup was made (Unix time)"),
    ("baocao_database_size_bytes", "Size of the SQLite database file"),
    ("baocao_wal_size_bytes", "Size of the SQLite write-ahead log"),
    ("baocao_last_poll_timestamp_seconds", "When Telegram last answered a poll (Unix time)"),
];

/// Upper bounds of the step latency buckets, in seconds (0.5 ms to 10 s).
const STEP_BUCKETS: [f64; 14] =
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

fn step_histogram() -> Histogram {
    Histogram::new(STEP_BUCKETS)
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    /// Fresh metrics, every series at zero.
    pub fn new() -> Metrics {
        let mut registry = Registry::default();
        let updates = Family::<Labels, Counter>::default();
        registry.register("baocao_updates", "Chat updates handled, by kind", updates.clone());
        let step_seconds: Histograms = Family::new_with_constructor(step_histogram);
        registry.register(
            "baocao_step_seconds",
            "Time to handle one chat update, by kind",
            step_seconds.clone(),
        );
        let sends = Family::<SendLabels, Counter>::default();
        registry.register(
            "baocao_sends",
            "Sends of the outbox, by channel and result",
            sends.clone(),
        );
        let reminders_planned = Counter::default();
        registry.register(
            "baocao_reminders_planned",
            "Reminders planned by the sweep",
            reminders_planned.clone(),
        );
        let reminders_sent = Counter::default();
        registry.register("baocao_reminders_sent", "Reminders delivered", reminders_sent.clone());
        let gauges: [Gauge; 7] = Default::default();
        for ((name, help), gauge) in GAUGES.iter().zip(&gauges) {
            registry.register(*name, *help, gauge.clone());
        }
        let (last_poll, polling_since) = (AtomicI64::new(0), AtomicI64::new(0));
        Metrics(Arc::new(Inner {
            registry,
            updates,
            step_seconds,
            sends,
            reminders_planned,
            reminders_sent,
            gauges,
            last_poll,
            polling_since,
        }))
    }

    /// One chat update handled in `took`.
    pub fn update_handled(&self, kind: UpdateKind, took: Duration) {
        let labels = [("kind", kind.label())];
        self.0.updates.get_or_create(&labels).inc();
        self.0.step_seconds.get_or_create(&labels).observe(took.as_secs_f64());
    }

    /// One send through `channel` ended so.
    pub fn sent(&self, channel: &'static str, result: SendResult) {
        self.0.sends.get_or_create(&[("channel", channel), ("result", result.label())]).inc();
    }

    /// The sweep planned `n` new reminders.
    pub fn reminders_planned(&self, n: usize) {
        self.0.reminders_planned.inc_by(u64::try_from(n).unwrap_or(u64::MAX));
    }

    /// A reminder was delivered.
    pub fn reminder_sent(&self) {
        self.0.reminders_sent.inc();
    }

    /// The bot polls Telegram from `at` on.
    pub fn polling_started(&self, at: DateTime<Utc>) {
        self.0.polling_since.store(at.timestamp().max(1), Ordering::Release);
    }

    /// Telegram answered a poll at `at`.
    pub fn polled(&self, at: DateTime<Utc>) {
        self.0.last_poll.store(at.timestamp(), Ordering::Release);
    }

    /// Since when the bot polls Telegram (`None`: it does not), and when Telegram last
    /// answered a poll (`None`: not yet).
    pub fn polling(&self) -> Option<(DateTime<Utc>, Option<DateTime<Utc>>)> {
        let at = |n: i64| (n > 0).then(|| DateTime::from_timestamp(n, 0)).flatten();
        let since = at(self.0.polling_since.load(Ordering::Acquire))?;
        Some((since, at(self.0.last_poll.load(Ordering::Acquire))))
    }

    /// Every series in the Prometheus text format, with the gauges set from `readings`.
    pub fn encode(&self, readings: &Readings) -> Result<String, std::fmt::Error> {
        let last_poll = self.0.last_poll.load(Ordering::Acquire);
        let values = [
            readings.outbox_depth,
            readings.outbox_oldest_secs,
            readings.last_sweep,
            readings.last_backup,
            readings.database_bytes,
            readings.wal_bytes,
            last_poll,
        ];
        for (gauge, value) in self.0.gauges.iter().zip(values) {
            gauge.set(value);
        }
        let mut text = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut text, &self.0.registry)?;
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_recorded_is_encoded_with_its_labels() {
        let metrics = Metrics::new();
        metrics.update_handled(UpdateKind::Button, Duration::from_millis(3));
        metrics.sent("telegram", SendResult::RetryAfter);
        metrics.reminders_planned(4);
        let text = metrics.encode(&Readings { outbox_depth: 2, ..Readings::default() }).unwrap();
        assert!(text.contains("baocao_updates_total{kind=\"button\"} 1\n"), "{text}");
        assert!(text.contains("baocao_step_seconds_bucket{kind=\"button\",le=\"0.005\"} 1\n"));
        assert!(text.contains("baocao_sends_total{channel=\"telegram\",result=\"429\"} 1\n"));
        assert!(text.contains("baocao_reminders_planned_total 4\n"));
        assert!(text.contains("baocao_outbox_depth 2\n"));
        assert_eq!(metrics.polling(), None);
    }
}
