//! The outbox: send-with-bookkeeping for everything the bot sends by itself (reminders, nudges,
//! digests, notices, decisions): claim → render → send through a [`Channel`] → record.
//! At-least-once: a crash between sending and recording may repeat one message; nothing is lost.
//! It knows no channel: Telegram is one implementation of [`Channel`].

pub mod message;
pub mod render;

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use futures::StreamExt;

use crate::config::Config;
use crate::domain::delivery::DeliveryStatus;
use crate::domain::Clock;
use crate::error::Result;
use crate::pacer::Pacer;
use crate::store::{Delivery, DeliveryOutcome, NewDelivery, Store};

pub use message::{Action, Button, Channel, OutMessage, SendError};

/// Messages in flight at once: the pacer keeps the rate; this keeps the pipe full.
const CONCURRENCY: usize = 64;
/// Waits a channel asked for ("retry after") within one send before it is recorded as failed.
const MAX_RETRY_AFTER: usize = 5;
/// Attempts before a delivery is given up (with backoff between them).
const MAX_ATTEMPTS: i64 = 8;

/// What one flush did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlushReport {
    pub sent: usize,
    pub skipped: usize,
    pub failed: usize,
    pub blocked: usize,
}

impl FlushReport {
    fn add(&mut self, outcome: &DeliveryOutcome) {
        match outcome {
            DeliveryOutcome::Sent => self.sent += 1,
            DeliveryOutcome::Skipped => self.skipped += 1,
            DeliveryOutcome::Failed { .. } | DeliveryOutcome::GaveUp { .. } => self.failed += 1,
            DeliveryOutcome::Blocked { .. } => self.blocked += 1,
        }
    }
}

/// The outbox: sends what the `deliveries` table holds.
#[derive(Clone)]
pub struct Outbox {
    store: Store,
    channel: Arc<dyn Channel>,
    pacer: Arc<Pacer>,
    config: Arc<Config>,
    clock: Arc<dyn Clock>,
}

impl Outbox {
    /// An outbox sending through `channel`.
    pub fn new(
        store: Store,
        channel: Arc<dyn Channel>,
        config: Arc<Config>,
        clock: Arc<dyn Clock>,
    ) -> Outbox {
        let pacer = Arc::new(Pacer::new(&config.throttle));
        Outbox { store, channel, pacer, config, clock }
    }

    /// Sends every delivery that is due now. Failures are recorded and retried later.
    pub async fn flush(&self) -> Result<FlushReport> {
        let mut report = FlushReport::default();
        loop {
            let batch = self.store.claim_deliveries(self.clock.now(), 512).await?;
            if batch.is_empty() {
                return Ok(report);
            }
            let outcomes: Vec<DeliveryOutcome> = futures::stream::iter(batch)
                .map(|d| self.deliver_one(d))
                .buffer_unordered(CONCURRENCY)
                .collect()
                .await;
            outcomes.iter().for_each(|o| report.add(o));
        }
    }

    /// Records `planned` and sends it in the background (the caller does not wait for the
    /// channel); what fails is retried. `what` names the deliveries in the log.
    pub async fn deliver_soon(&self, planned: &[NewDelivery], now: DateTime<Utc>, what: &str) {
        if let Err(e) = self.store.add_deliveries(planned, now).await {
            tracing::error!(error = %e, "could not record {what}");
            return;
        }
        self.flush_soon(what);
    }

    /// Sends what is due in the background.
    pub fn flush_soon(&self, what: &str) {
        let outbox = self.clone();
        let what = what.to_owned();
        tokio::spawn(async move {
            if let Err(e) = outbox.flush().await {
                tracing::warn!(error = %e, "could not send {what} yet");
            }
        });
    }

    /// Sends every due delivery at once; returns the status of each delivery with these keys.
    pub async fn deliver_now(&self, keys: &[String]) -> Result<Vec<DeliveryStatus>> {
        self.flush().await?;
        self.store.delivery_status_of(keys).await
    }

    async fn deliver_one(&self, d: Delivery) -> DeliveryOutcome {
        let now = self.clock.now();
        let renderer = render::Renderer { store: &self.store, config: &self.config };
        let outcome = match renderer.render(&d, now).await {
            Ok(Some(message)) => self.send(&d, message).await,
            Ok(None) => DeliveryOutcome::Skipped,
            Err(e) => {
                tracing::error!(error = %e, delivery = d.id, "could not render a delivery");
                retry_later(&d, e.to_string(), now)
            }
        };
        if let Err(e) = self.store.finish_delivery(&d, &outcome, self.clock.now()).await {
            // Left `sending`: it is taken again after the stale-claim delay (at-least-once).
            tracing::error!(error = %e, delivery = d.id, "could not record a delivery");
        }
        outcome
    }

    async fn send(&self, d: &Delivery, message: OutMessage) -> DeliveryOutcome {
        let last = message.parts.len().saturating_sub(1);
        for (i, part) in message.parts.iter().enumerate() {
            let buttons = if i == last { message.buttons.as_slice() } else { &[] };
            if let Err(e) = self.send_paced(d.chat_id, part, buttons).await {
                return classify(d, e, self.clock.now());
            }
        }
        DeliveryOutcome::Sent
    }

    /// Sends at the next free slot; a "retry after" waits as long as asked and tries again.
    async fn send_paced(&self, chat: i64, text: &str, buttons: &[Button]) -> Result<(), SendError> {
        for _ in 0..MAX_RETRY_AFTER {
            self.pacer.wait(chat).await;
            match self.channel.send(chat, text, buttons).await {
                Err(SendError::RetryAfter(wait, _)) => tokio::time::sleep(wait).await,
                other => return other,
            }
        }
        self.pacer.wait(chat).await;
        self.channel.send(chat, text, buttons).await
    }
}

fn backoff(attempts: i64) -> Duration {
    let exp = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    Duration::seconds(30 * 2_i64.pow(exp)).min(Duration::hours(1))
}

fn retry_later(d: &Delivery, error: String, now: DateTime<Utc>) -> DeliveryOutcome {
    if d.attempts >= MAX_ATTEMPTS {
        DeliveryOutcome::GaveUp { error }
    } else {
        DeliveryOutcome::Failed { error, retry_at: now + backoff(d.attempts) }
    }
}

/// The person gone: blocked; asked to wait: as told; the rest retry with backoff.
fn classify(d: &Delivery, e: SendError, now: DateTime<Utc>) -> DeliveryOutcome {
    match e {
        SendError::Gone(error) => DeliveryOutcome::Blocked { error },
        SendError::RetryAfter(wait, error) => {
            let wait = Duration::from_std(wait).unwrap_or(Duration::minutes(1));
            DeliveryOutcome::Failed { error, retry_at: now + wait }
        }
        SendError::Failed(error) => retry_later(d, error, now),
    }
}
