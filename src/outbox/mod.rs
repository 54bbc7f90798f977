//! The outbox: send-with-bookkeeping for everything the bot sends by itself (reminders, nudges,
//! digests, notices, decisions): claim → render → send through a [`Channel`] → record.
//! At-least-once: a crash between sending and recording may repeat one message; nothing is lost.
//! It knows no channel: Telegram is one implementation of [`Channel`].

mod letter;
pub mod message;
pub mod render;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::config::Config;
use crate::domain::attachment::AttachedFile;
use crate::domain::delivery::DeliveryStatus;
use crate::domain::Clock;
use crate::error::Result;
use crate::metrics::Metrics;
use crate::pacer::Pacer;
use crate::store::{Delivery, DeliveryOutcome, Store};

pub use message::{Action, Button, Channel, OutMessage, Pace, SendError};

/// Messages in flight at once: the pacer keeps the rate; this keeps the pipe full.
const CONCURRENCY: usize = 64;
/// Deliveries claimed at a time. Claims are taken as the pipe empties, so what a person's action
/// causes (claimed first, see `Store::claim_deliveries`) waits behind at most this many messages
/// of a broadcast (about two seconds at Telegram's 30 a second), not behind the whole sweep.
const CLAIM: i64 = 64;
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
    /// Each channel the installation has (Telegram, e-mail), with its own pacing.
    channels: Arc<Vec<Paced>>,
    config: Arc<Config>,
    clock: Arc<dyn Clock>,
    /// One sender at a time: a second flush would only compete with the first for the database
    /// and the pacer, and the first takes new deliveries as it goes.
    sending: Arc<tokio::sync::Mutex<()>>,
    /// New deliveries were recorded while a flush ran: it looks once more before it ends.
    more: Arc<AtomicBool>,
    /// A flush is waiting for the running one to end (one is enough: it sends whatever is due).
    queued: Arc<AtomicBool>,
    /// Database work of the messages in flight, a few at a time: the rest of the pool stays free
    /// for the people using the bot meanwhile (a sweep must not make an officer's `/xem` wait).
    db_slots: Arc<tokio::sync::Semaphore>,
    /// Counts the sends by channel and result, and the reminders delivered.
    metrics: Metrics,
}

/// Messages in flight that may use the database at once (of the pool's 8 connections).
const DB_SLOTS: usize = 3;

/// A channel and the pacing of what goes through it.
pub struct Paced {
    pub channel: Arc<dyn Channel>,
    pub pacer: Pacer,
}

impl Outbox {
    /// An outbox sending through `channels` (none: deliveries are recorded and wait for a
    /// channel; one of a channel that is off is skipped).
    pub fn new(
        store: Store,
        channels: Vec<Paced>,
        config: Arc<Config>,
        clock: Arc<dyn Clock>,
    ) -> Outbox {
        let (sending, more, queued) = (Arc::default(), Arc::default(), Arc::default());
        let db_slots = Arc::new(tokio::sync::Semaphore::new(DB_SLOTS));
        let channels = Arc::new(channels);
        let metrics = Metrics::new();
        Outbox { store, channels, config, clock, sending, more, queued, db_slots, metrics }
    }

    /// The same outbox, counting into `metrics` (the running bot's).
    pub fn with_metrics(mut self, metrics: Metrics) -> Outbox {
        self.metrics = metrics;
        self
    }

    /// What it counts.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The channel with this name, if the installation has it.
    pub fn channel(&self, name: &str) -> Option<&Arc<dyn Channel>> {
        self.paced(name).map(|p| &p.channel)
    }

    fn paced(&self, name: &str) -> Option<&Paced> {
        self.channels.iter().find(|p| p.channel.name() == name)
    }

    /// Sends every delivery that is due now, claiming them a few at a time as the pipe empties
    /// (no pause between claims, and what is recorded meanwhile is taken in priority order).
    /// Failures are recorded and retried later.
    pub async fn flush(&self) -> Result<FlushReport> {
        let _one_sender = self.sending.lock().await;
        self.queued.store(false, Ordering::Release);
        let mut report = FlushReport::default();
        // Deliveries in flight are tasks of their own: they go on (and finish their database
        // writes) while this loop waits for the next claim, which may wait for one of them.
        let mut in_flight = tokio::task::JoinSet::new();
        let mut queue = std::collections::VecDeque::new();
        let (mut exhausted, mut failure) = (false, None);
        loop {
            while in_flight.len() < CONCURRENCY {
                if queue.is_empty() && !exhausted {
                    match self.claim_next().await {
                        Ok(Some(batch)) => queue.extend(batch),
                        Ok(None) => exhausted = true,
                        Err(e) => (exhausted, failure) = (true, Some(e)),
                    }
                }
                let Some(d) = queue.pop_front() else { break };
                let outbox = self.clone();
                in_flight.spawn(async move { outbox.deliver_one(d).await });
            }
            match in_flight.join_next().await {
                Some(Ok(outcome)) => report.add(&outcome),
                // A delivery's task panicked: it stays claimed and is taken again later.
                Some(Err(e)) => tracing::error!(error = %e, "a delivery stopped unexpectedly"),
                None => break,
            }
        }
        failure.map_or(Ok(report), Err)
    }

    /// The next deliveries due; `None` when there are none (after one more look if some were
    /// recorded while this flush ran).
    async fn claim_next(&self) -> Result<Option<Vec<Delivery>>> {
        loop {
            let now = self.clock.now();
            // The bot's own broadcasts wait for the morning of a working day (quiet hours hold
            // for everything it sends by itself, also after a restart in the night).
            let broadcasts = crate::plan::may_disturb(&self.config, now);
            let batch = self.store.claim_due(now, CLAIM, broadcasts).await?;
            if !batch.is_empty() {
                return Ok(Some(batch));
            }
            if !self.more.swap(false, Ordering::AcqRel) {
                return Ok(None);
            }
        }
    }

    /// Sends what is due in the background: the flush already running takes it at its next claim
    /// (what people's actions cause comes first), and one more flush is queued behind it in case
    /// it was just ending (or ends on an error).
    pub fn flush_soon(&self, what: &str) {
        self.more.store(true, Ordering::Release);
        if self.queued.swap(true, Ordering::AcqRel) {
            return; // a flush is queued already
        }
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
        let Some(paced) = self.paced(&d.channel) else {
            // A channel this installation does not have (e-mail without SMTP): nothing to send.
            return self.finish(&d, DeliveryOutcome::Skipped).await;
        };
        let renderer = render::Renderer { store: &self.store, config: &self.config };
        let rendered = {
            let _db = self.db_slots.acquire().await;
            let links = paced.channel.buttons_as_links();
            renderer.render(&d, now, links).await
        };
        let outcome = match rendered {
            Ok(Some(message)) => self.send(&d, paced, message).await,
            Ok(None) => DeliveryOutcome::Skipped,
            Err(e) => {
                tracing::error!(error = %e, delivery = d.id, "could not render a delivery");
                retry_later(&d, e.to_string(), now)
            }
        };
        if outcome == DeliveryOutcome::Sent
            && d.kind == crate::domain::delivery::DeliveryKind::Reminder
        {
            self.metrics.reminder_sent();
        }
        self.finish(&d, outcome).await
    }

    async fn finish(&self, d: &Delivery, outcome: DeliveryOutcome) -> DeliveryOutcome {
        let _db = self.db_slots.acquire().await;
        if let Err(e) = self.store.finish_delivery(d, &outcome, self.clock.now()).await {
            // Left `sending`: it is taken again after the stale-claim delay (at-least-once).
            tracing::error!(error = %e, delivery = d.id, "could not record a delivery");
        }
        outcome
    }

    async fn send(&self, d: &Delivery, paced: &Paced, mut message: OutMessage) -> DeliveryOutcome {
        // A letter carries the document itself, not another channel's id for it.
        if let Some(document) = &mut message.attachment {
            if let (AttachedFile::ChannelId(id), false) =
                (&document.file, paced.channel.takes_file_ids())
            {
                let (holder, id) = crate::domain::contact::file_source(id);
                let fetched = match self.channel(holder) {
                    Some(channel) => channel.fetch_file(id).await,
                    None => {
                        Err(SendError::Failed(format!("the document is on {holder}, which is off")))
                    }
                };
                match fetched {
                    Ok(bytes) => document.file = AttachedFile::Bytes(Arc::new(bytes)),
                    Err(e) => return classify(d, e, self.clock.now()),
                }
            }
        }
        let delivery = (d.dedup_key.as_str(), d.created_at);
        let counted = (&self.metrics, paced.channel.name());
        let pace = Pace { pacer: &paced.pacer, address: &d.address, delivery, counted };
        match paced.channel.send(&d.address, &message, pace).await {
            Ok(()) => DeliveryOutcome::Sent,
            Err(e) => classify(d, e, self.clock.now()),
        }
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

#[cfg(test)]
mod tests;
