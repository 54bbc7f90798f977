//! The cron loop: reminder sweeps, officer digests, series that open periods. `tick(now)` is
//! public so tests drive time; after downtime each missed job runs once, not once per firing.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::sync::watch;

use crate::actions::period::{self, PeriodRequest};
use crate::config::Config;
use crate::delivery::{FlushReport, Outbox};
use crate::domain::schedule::{Cron, Series};
use crate::domain::{Audience, Clock, Period, Report, UnitId};
use crate::error::Result;
use crate::store::{DeliveryKind, NewDelivery, Store};

/// What one tick did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TickReport {
    /// Reminder deliveries planned.
    pub reminders: usize,
    /// Digest deliveries planned.
    pub digests: usize,
    /// Periods opened by series.
    pub opened: usize,
    pub flush: FlushReport,
}

/// The scheduler.
#[derive(Clone)]
pub struct Scheduler {
    store: Store,
    config: Arc<Config>,
    outbox: Outbox,
    clock: Arc<dyn Clock>,
}

const SWEEP: &str = "reminder_sweep";
const DIGEST: &str = "officer_digest";

impl Scheduler {
    /// A scheduler over `store`, sending through `outbox`.
    pub fn new(
        store: Store,
        config: Arc<Config>,
        outbox: Outbox,
        clock: Arc<dyn Clock>,
    ) -> Scheduler {
        Scheduler { store, config, outbox, clock }
    }

    /// Runs every job with a firing since its last run (once, whatever the number of firings),
    /// then sends what is due. A job that has never run starts counting from `now`.
    pub async fn tick(&self, now: DateTime<Utc>) -> Result<TickReport> {
        let mut report = TickReport::default();
        let schedule = &self.config.schedule;
        for series in &schedule.series {
            if self.fired(&format!("series:{}", series.key), &series.cron, now).await?.is_some() {
                report.opened += usize::from(self.open_series(series, now).await?);
            }
        }
        if self.fired(SWEEP, &schedule.reminder_sweep, now).await?.is_some() {
            report.reminders = self.plan_reminders(now).await?;
        }
        if self.fired(DIGEST, &schedule.officer_digest, now).await?.is_some() {
            report.digests = self.plan_digests(now).await?;
        }
        report.flush = self.outbox.flush().await?;
        Ok(report)
    }

    /// The latest firing of `job` in (last run, now], recording it as run.
    async fn fired(
        &self,
        job: &str,
        cron: &Cron,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        let Some(last) = self.store.job_last_fired(job).await? else {
            self.store.set_job_fired(job, now).await?;
            return Ok(None);
        };
        let Some(latest) = cron.firings_between(last, now, self.config.timezone).pop() else {
            return Ok(None);
        };
        self.store.set_job_fired(job, latest).await?;
        Ok(Some(latest))
    }

    /// Whether the bot may write to people by itself at `now`: a working day, not at night.
    fn may_disturb(&self, now: DateTime<Utc>) -> bool {
        let tz = self.config.timezone;
        let today = now.with_timezone(&tz).date_naive();
        self.config.schedule.calendar.is_working_day(today)
            && !self.config.schedule.quiet.contains(now, tz)
    }

    /// Plans the reminder each reporter of a unit that has not reported should get now:
    /// one per stage of the ladder, none on weekends, holidays or at night.
    pub async fn plan_reminders(&self, now: DateTime<Utc>) -> Result<usize> {
        if !self.may_disturb(now) {
            return Ok(0);
        }
        let tz = self.config.timezone;
        let today = now.with_timezone(&tz).date_naive();
        let mut planned = Vec::new();
        for period in self.store.list_periods(false).await? {
            if period.opens_at > now {
                continue;
            }
            let due_day = period.due_at.with_timezone(&tz).date_naive();
            let Some(stage) =
                self.config.schedule.ladder.stage(due_day, today, &self.config.schedule.calendar)
            else {
                continue;
            };
            for member in self.store.reminder_targets(&period).await? {
                let Some(unit) = member.unit_id else { continue };
                let key =
                    format!("reminder:{}:{}:{}:{}", period.id.0, unit.0, stage.code(), member.id.0);
                let stage = Some(stage.code());
                planned.push(NewDelivery::to_member(
                    DeliveryKind::Reminder,
                    key,
                    period.id,
                    unit,
                    &member,
                    stage,
                ));
            }
        }
        self.store.add_deliveries(&planned, now).await
    }

    /// Plans today's digest for every officer and the officers' group.
    async fn plan_digests(&self, now: DateTime<Utc>) -> Result<usize> {
        if !self.may_disturb(now) {
            return Ok(0);
        }
        let day = now.with_timezone(&self.config.timezone).format("%Y-%m-%d");
        let mut planned: Vec<NewDelivery> = self
            .store
            .officers()
            .await?
            .into_iter()
            .map(|m| NewDelivery {
                kind: DeliveryKind::Digest,
                dedup_key: format!("digest:{day}:{}", m.chat_id),
                period_id: None,
                unit_id: None,
                member_id: Some(m.id),
                chat_id: m.chat_id,
                stage: None,
            })
            .collect();
        if let Some(group) = self.config.schedule.officers_group {
            planned.push(NewDelivery {
                kind: DeliveryKind::Digest,
                dedup_key: format!("digest:{day}:{group}"),
                period_id: None,
                unit_id: None,
                member_id: None,
                chat_id: group,
                stage: None,
            });
        }
        self.store.add_deliveries(&planned, now).await
    }

    /// Opens the period a series stands for at `now`, unless it was opened already.
    async fn open_series(&self, series: &Series, now: DateTime<Utc>) -> Result<bool> {
        let tz = self.config.timezone;
        let kind = match series.kind_at(now, tz) {
            Ok(kind) => kind,
            Err(msg) => {
                tracing::error!(series = %series.key, problem = %msg.render(self.config.lang), "a series could not open its period");
                return Ok(false);
            }
        };
        let key = series.period_key(kind);
        let Some(due_at) = series.due_at(kind, tz) else { return Ok(false) };
        if self.store.series_period_exists(&key).await? {
            return Ok(false);
        }
        let req = PeriodRequest {
            kind,
            title: None,
            window: None,
            due_at,
            opens_at: Some(now),
            template: series.template.clone(),
            audience: Audience::AllActive,
            by: None,
            series_key: Some(key),
        };
        match period::create(&self.store, &self.config, &req, now).await {
            Ok(p) => {
                tracing::info!(series = %series.key, period = p.id.0, "a series opened a period");
                Ok(true)
            }
            Err(crate::error::Error::User(msg)) => {
                tracing::warn!(series = %series.key, problem = %msg.render(self.config.lang), "a series did not open its period");
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    /// The nudges for the reporters of units of `period` that have not reported (all, or `unit`).
    pub async fn nudges_for(
        &self,
        period: &Period,
        unit: Option<UnitId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<NewDelivery>> {
        let targets = self.store.reminder_targets(period).await?;
        Ok(targets
            .iter()
            .filter_map(|m| Some((m, m.unit_id?)))
            .filter(|(_, u)| unit.is_none_or(|wanted| wanted == *u))
            .map(|(m, u)| {
                let key = format!("nudge:{}:{}:{}:{}", period.id.0, u.0, m.id.0, now.timestamp());
                NewDelivery::to_member(DeliveryKind::Nudge, key, period.id, u, m, None)
            })
            .collect())
    }

    /// The notices of a submission, for every officer who wants them.
    pub async fn notices_for(&self, report: &Report) -> Result<Vec<NewDelivery>> {
        let officers = self.store.officers_to_notify().await?;
        Ok(officers
            .iter()
            .map(|o| {
                let key = format!("notice:{}:{}:{}", report.id.0, report.revision, o.chat_id);
                NewDelivery::to_member(
                    DeliveryKind::Notice,
                    key,
                    report.period_id,
                    report.unit_id,
                    o,
                    None,
                )
            })
            .collect())
    }

    /// The news of an officer's decision (`returned` or `accepted`), for the unit's reporters.
    pub async fn decisions_for(&self, report: &Report, what: &str) -> Result<Vec<NewDelivery>> {
        let reporters = self.store.reporters_of_unit(report.unit_id).await?;
        Ok(reporters
            .iter()
            .map(|m| {
                let key = format!("decision:{}:{}:{what}:{}", report.id.0, report.revision, m.id.0);
                let stage = Some(what.to_owned());
                NewDelivery::to_member(
                    DeliveryKind::Decision,
                    key,
                    report.period_id,
                    report.unit_id,
                    m,
                    stage,
                )
            })
            .collect())
    }

    /// The news of a new deadline, for the reporters of units that have not reported.
    pub async fn extensions_for(
        &self,
        period: &Period,
        due_at: DateTime<Utc>,
    ) -> Result<Vec<NewDelivery>> {
        let targets = self.store.reminder_targets(period).await?;
        Ok(targets
            .iter()
            .filter_map(|m| {
                let key = format!("extension:{}:{}:{}", period.id.0, due_at.timestamp(), m.id.0);
                Some(NewDelivery::to_member(
                    DeliveryKind::Extension,
                    key,
                    period.id,
                    m.unit_id?,
                    m,
                    None,
                ))
            })
            .collect())
    }

    /// Records `planned` and sends it in the background (the caller does not wait for Telegram);
    /// what fails is retried by the outbox. `what` names the deliveries in the log.
    pub async fn deliver_soon(&self, planned: &[NewDelivery], now: DateTime<Utc>, what: &str) {
        if let Err(e) = self.store.add_deliveries(planned, now).await {
            tracing::error!(error = %e, "could not record {what}");
            return;
        }
        let outbox = self.outbox.clone();
        let what = what.to_owned();
        tokio::spawn(async move {
            if let Err(e) = outbox.flush().await {
                tracing::warn!(error = %e, "could not send {what} yet");
            }
        });
    }

    /// Records `planned` and sends every due delivery at once; returns the status of each planned one.
    pub async fn deliver_now(
        &self,
        planned: &[NewDelivery],
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        self.store.add_deliveries(planned, now).await?;
        self.outbox.flush().await?;
        let keys: Vec<String> = planned.iter().map(|d| d.dedup_key.clone()).collect();
        self.store.delivery_status_of(&keys).await
    }

    /// Runs until `stop` turns true: ticks at every firing, and at least once a minute so that
    /// failed deliveries are retried.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        loop {
            let now = self.clock.now();
            if let Err(e) = self.tick(now).await {
                tracing::error!(error = %e, "scheduler tick failed");
            }
            let wait = self.until_next(now);
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = stop.changed() => {}
            }
            if *stop.borrow() {
                return;
            }
        }
    }

    fn until_next(&self, now: DateTime<Utc>) -> std::time::Duration {
        let tz = self.config.timezone;
        let schedule = &self.config.schedule;
        let crons = [&schedule.reminder_sweep, &schedule.officer_digest]
            .into_iter()
            .chain(schedule.series.iter().map(|s| &s.cron));
        let next = crons.filter_map(|c| c.next(now, tz, 1).pop()).min();
        let minute = std::time::Duration::from_secs(60);
        next.and_then(|n| (n - now).to_std().ok())
            .map_or(minute, |d| d.min(minute) + std::time::Duration::from_millis(10))
    }
}
