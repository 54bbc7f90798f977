//! Send-with-bookkeeping for everything the bot sends by itself (reminders, nudges, digests,
//! submission notices): claim → send → record. At-least-once: a crash between sending and
//! recording may repeat one message; nothing is lost.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use futures::StreamExt;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};
use teloxide::{ApiError, RequestError};

use crate::config::Config;
use crate::domain::{Clock, Period};
use crate::error::Result;
use crate::i18n::{t, Lang};
use crate::pacer::Pacer;
use crate::render::{digest_text, reminder_text, split, MESSAGE_LIMIT};
use crate::store::{Delivery, DeliveryKind, DeliveryOutcome, Store};
use crate::telegram::CallbackData;

/// Messages in flight at once: the pacer keeps the rate; this keeps the pipe full.
const CONCURRENCY: usize = 64;
/// 429s waited out within one send before it is recorded as failed.
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
    bot: Bot,
    pacer: Arc<Pacer>,
    config: Arc<Config>,
    clock: Arc<dyn Clock>,
}

/// A rendered message.
struct Outgoing {
    parts: Vec<String>,
    keyboard: Option<InlineKeyboardMarkup>,
}

impl Outbox {
    /// An outbox sending through `bot`.
    pub fn new(store: Store, bot: Bot, config: Arc<Config>, clock: Arc<dyn Clock>) -> Outbox {
        let pacer = Arc::new(Pacer::new(&config.throttle));
        Outbox { store, bot, pacer, config, clock }
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

    async fn deliver_one(&self, d: Delivery) -> DeliveryOutcome {
        let now = self.clock.now();
        let outcome = match self.render(&d, now).await {
            Ok(Some(out)) => self.send(&d, out).await,
            Ok(None) => DeliveryOutcome::Skipped,
            Err(e) => retry_later(&d, e.to_string(), now),
        };
        if let Err(e) = self.store.finish_delivery(&d, &outcome, self.clock.now()).await {
            // Left `sending`: it is taken again after the stale-claim delay (at-least-once).
            tracing::error!(error = %e, delivery = d.id, "could not record a delivery");
        }
        outcome
    }

    async fn send(&self, d: &Delivery, out: Outgoing) -> DeliveryOutcome {
        let chat = ChatId(d.chat_id);
        let last = out.parts.len().saturating_sub(1);
        for (i, part) in out.parts.into_iter().enumerate() {
            let mut request = self.bot.send_message(chat, part);
            if let (Some(k), true) = (&out.keyboard, i == last) {
                request = request.reply_markup(k.clone());
            }
            if let Err(e) = self.send_paced(d.chat_id, &request).await {
                return classify(d, &e, self.clock.now());
            }
        }
        DeliveryOutcome::Sent
    }

    /// Sends at the next free slot; a 429 waits as long as Telegram asks and tries again.
    async fn send_paced<R>(&self, chat: i64, request: &R) -> Result<(), RequestError>
    where
        R: teloxide::requests::Request<Err = RequestError>,
    {
        for _ in 0..MAX_RETRY_AFTER {
            self.pacer.wait(chat).await;
            match request.send_ref().await {
                Err(RequestError::RetryAfter(secs)) => tokio::time::sleep(secs.duration()).await,
                other => return other.map(|_| ()),
            }
        }
        self.pacer.wait(chat).await;
        request.send_ref().await.map(|_| ())
    }

    /// The message of a delivery as of `now`; `None` when there is nothing to send any more.
    async fn render(&self, d: &Delivery, now: DateTime<Utc>) -> Result<Option<Outgoing>> {
        let tz = self.config.timezone;
        match d.kind {
            DeliveryKind::Reminder | DeliveryKind::Nudge => {
                let (Some(period_id), Some(unit_id), Some(member_id)) =
                    (d.period_id, d.unit_id, d.member_id)
                else {
                    return Ok(None);
                };
                let period = self.store.period(period_id).await?.filter(Period::is_open);
                let member = self.store.member_by_id(member_id).await?.filter(|m| m.reachable);
                let unit = self.store.unit_by_id(unit_id).await?;
                let (Some(period), Some(member), Some(unit)) = (period, member, unit) else {
                    return Ok(None);
                };
                if self.store.report(period.id, unit.id).await?.is_some() {
                    return Ok(None);
                }
                let nudged = d.kind == DeliveryKind::Nudge;
                let text = reminder_text(
                    &period,
                    &unit.name,
                    &member.full_name,
                    nudged,
                    now,
                    member.lang,
                    tz,
                );
                let button = InlineKeyboardButton::callback(
                    t(member.lang, "reminder-button"),
                    CallbackData::StartReport { period: period.id.0 }.encode(),
                );
                Ok(Some(Outgoing {
                    parts: vec![text],
                    keyboard: Some(InlineKeyboardMarkup::new([[button]])),
                }))
            }
            DeliveryKind::Digest => {
                let lang = match d.member_id {
                    Some(id) => self.store.member_by_id(id).await?.map_or(Lang::Vi, |m| m.lang),
                    None => self.config.lang,
                };
                let progress = self.digest_progress(now).await?;
                Ok(digest_text(&progress, now, lang, tz)
                    .map(|text| Outgoing { parts: split(&text, MESSAGE_LIMIT), keyboard: None }))
            }
            DeliveryKind::Notice => self.render_notice(d).await,
            DeliveryKind::Decision => self.render_decision(d).await,
            DeliveryKind::Extension => self.render_extension(d).await,
            DeliveryKind::Unconfirmed => self.render_unconfirmed(d).await,
        }
    }

    /// An officer's decision on the unit's report, for one of its reporters.
    async fn render_decision(&self, d: &Delivery) -> Result<Option<Outgoing>> {
        let (Some(period_id), Some(unit_id), Some(member_id)) =
            (d.period_id, d.unit_id, d.member_id)
        else {
            return Ok(None);
        };
        let member = self.store.member_by_id(member_id).await?.filter(|m| m.reachable);
        let (period, unit, report) = (
            self.store.period(period_id).await?,
            self.store.unit_by_id(unit_id).await?,
            self.store.report(period_id, unit_id).await?,
        );
        let (Some(member), Some(period), Some(unit), Some(report)) = (member, period, unit, report)
        else {
            return Ok(None);
        };
        let lang = member.lang;
        let base = crate::i18n::Msg::new("x")
            .arg("title", period.title(lang))
            .arg("unit", unit.name.as_str());
        match (report.status, d.stage.as_deref()) {
            (crate::domain::ReportStatus::Returned, Some("returned")) => {
                let msg = crate::i18n::Msg { key: "decision-returned", ..base }
                    .arg("reason", report.return_reason.clone().unwrap_or_default());
                let button = InlineKeyboardButton::callback(
                    t(lang, "decision-button-revise"),
                    CallbackData::StartReport { period: period.id.0 }.encode(),
                );
                Ok(Some(Outgoing {
                    parts: vec![msg.render(lang)],
                    keyboard: Some(InlineKeyboardMarkup::new([[button]])),
                }))
            }
            (crate::domain::ReportStatus::Accepted, Some("accepted")) => {
                let msg = crate::i18n::Msg { key: "decision-accepted", ..base };
                Ok(Some(Outgoing { parts: vec![msg.render(lang)], keyboard: None }))
            }
            _ => Ok(None),
        }
    }

    /// A reply that was lost: when, and how to pick up again. Private chats: the chat is the person.
    async fn render_unconfirmed(&self, d: &Delivery) -> Result<Option<Outgoing>> {
        let member = self.store.member_by_tg_user(d.chat_id).await?;
        let lang = member.map_or(self.config.lang, |m| m.lang);
        let text = crate::i18n::Msg::new("reply-unconfirmed")
            .arg("at", crate::i18n::fmt_datetime(d.created_at, self.config.timezone))
            .render(lang);
        Ok(Some(Outgoing { parts: vec![text], keyboard: None }))
    }

    /// A new deadline, for a reporter of a unit that has not reported.
    async fn render_extension(&self, d: &Delivery) -> Result<Option<Outgoing>> {
        let (Some(period_id), Some(unit_id), Some(member_id)) =
            (d.period_id, d.unit_id, d.member_id)
        else {
            return Ok(None);
        };
        let member = self.store.member_by_id(member_id).await?.filter(|m| m.reachable);
        let period = self.store.period(period_id).await?.filter(Period::is_open);
        let (Some(member), Some(period)) = (member, period) else { return Ok(None) };
        if self.store.report(period_id, unit_id).await?.is_some() {
            return Ok(None);
        }
        let lang = member.lang;
        let text = crate::i18n::Msg::new("extension-notice")
            .arg("title", period.title(lang))
            .arg("due", crate::i18n::fmt_datetime(period.due_at, self.config.timezone))
            .render(lang);
        let button = InlineKeyboardButton::callback(
            t(lang, "reminder-button"),
            CallbackData::StartReport { period: period.id.0 }.encode(),
        );
        Ok(Some(Outgoing {
            parts: vec![text],
            keyboard: Some(InlineKeyboardMarkup::new([[button]])),
        }))
    }

    /// The notice of a unit's submission, for one officer.
    async fn render_notice(&self, d: &Delivery) -> Result<Option<Outgoing>> {
        let (Some(period_id), Some(unit_id), Some(member_id)) =
            (d.period_id, d.unit_id, d.member_id)
        else {
            return Ok(None);
        };
        let officer = self
            .store
            .member_by_id(member_id)
            .await?
            .filter(|m| m.reachable && m.notify_submissions);
        let period = self.store.period(period_id).await?;
        let unit = self.store.unit_by_id(unit_id).await?;
        let report = self.store.report(period_id, unit_id).await?;
        let (Some(officer), Some(period), Some(unit), Some(report)) =
            (officer, period, unit, report)
        else {
            return Ok(None);
        };
        let lang = officer.lang;
        let timeliness =
            if report.on_time { t(lang, "report-on-time") } else { t(lang, "report-late") };
        let key =
            if report.revision > 1 { "notice-report-revised" } else { "notice-report-submitted" };
        let text = crate::i18n::Msg::new(key)
            .arg("unit", unit.name.as_str())
            .arg("title", period.title(lang))
            .arg("at", crate::i18n::fmt_datetime(report.submitted_at, self.config.timezone))
            .arg("timeliness", timeliness)
            .arg("revision", report.revision)
            .render(lang);
        let button = InlineKeyboardButton::callback(
            t(lang, "notice-button-read"),
            CallbackData::ViewReport { report: report.id.0 }.encode(),
        );
        Ok(Some(Outgoing {
            parts: vec![text],
            keyboard: Some(InlineKeyboardMarkup::new([[button]])),
        }))
    }

    /// Open periods near or past their deadline, for the digest.
    pub async fn digest_progress(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<crate::domain::progress::PeriodProgress>> {
        let tz = self.config.timezone;
        let near = i64::from(self.config.schedule.digest_days_before);
        let mut progress = Vec::new();
        let mut periods = self.store.list_periods(false).await?;
        periods.sort_by_key(|p| p.due_at);
        for period in periods {
            if period.opens_at <= now
                && crate::domain::period::days_left(now, period.due_at, tz) <= near
            {
                progress.push(self.store.period_progress(&period).await?);
            }
        }
        Ok(progress)
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

/// 403-like errors mean the person is gone; 429 waits as told; the rest retry with backoff.
fn classify(d: &Delivery, e: &RequestError, now: DateTime<Utc>) -> DeliveryOutcome {
    match e {
        RequestError::Api(
            ApiError::BotBlocked
            | ApiError::UserDeactivated
            | ApiError::ChatNotFound
            | ApiError::CantInitiateConversation
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::BotKickedFromChannel,
        ) => DeliveryOutcome::Blocked { error: e.to_string() },
        RequestError::RetryAfter(secs) => {
            DeliveryOutcome::Failed { error: e.to_string(), retry_at: now + secs.chrono_duration() }
        }
        _ => retry_later(d, e.to_string(), now),
    }
}
