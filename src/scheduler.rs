//! The cron loop: reminder sweeps, officer digests, series that open periods. `tick(now)` is
//! public so tests drive time; after downtime each missed job runs once, not once per firing.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::sync::watch;
use tracing::Instrument;

use crate::actions::App;
use crate::config::Config;
use crate::domain::schedule::{Cron, Series};
use crate::domain::Clock;
use crate::error::Result;
use crate::outbox::{FlushReport, Outbox};
use crate::plan;
use crate::store::{NewDelivery, Store};

/// What one tick did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TickReport {
    /// Reminder deliveries planned.
    pub reminders: usize,
    /// Digest deliveries planned.
    pub digests: usize,
    /// Periods opened by series.
    pub opened: usize,
    /// Whether the scheduled backup ran, and whether it made its copy.
    pub backup: Option<bool>,
    pub flush: FlushReport,
}

/// The scheduler.
#[derive(Clone)]
pub struct Scheduler {
    store: Store,
    config: Arc<Config>,
    outbox: Outbox,
    clock: Arc<dyn Clock>,
    /// The use cases, for what a job does as a person would (a series opening its period).
    app: App,
    /// When expired sign-ins were last deleted (Unix seconds).
    pruned_at: Arc<std::sync::atomic::AtomicI64>,
}

/// How often expired console sessions and sign-in links are deleted.
const PRUNE_EVERY_SECS: i64 = 3600;

const SWEEP: &str = crate::domain::schedule::REMINDER_SWEEP_JOB;
const DIGEST: &str = "officer_digest";
const BACKUP: &str = "backup";

fn job_span(job: &str) -> tracing::Span {
    tracing::error_span!("job", job = %job)
}

impl Scheduler {
    /// The outbox it flushes at every tick.
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// A scheduler over `store`, sending through `outbox`.
    pub fn new(
        store: Store,
        config: Arc<Config>,
        outbox: Outbox,
        clock: Arc<dyn Clock>,
    ) -> Scheduler {
        let app = App::new(store.clone(), config.clone(), clock.clone(), Some(outbox.clone()));
        let pruned_at = Arc::default();
        Scheduler { store, config, outbox, clock, app, pruned_at }
    }

    /// Runs every job with a firing since its last run (once, whatever the number of firings),
    /// then sends what is due. A job that has never run starts counting from `now`.
    /// Each job runs in a `job` span naming it, inside the tick's span.
    #[tracing::instrument(name = "tick", level = "error", skip(self), fields(at = %now))]
    pub async fn tick(&self, now: DateTime<Utc>) -> Result<TickReport> {
        let mut report = TickReport::default();
        let schedule = &self.config.schedule;
        for series in &schedule.series {
            let job = format!("series:{}", series.key);
            let run = async {
                let Some(firing) = self.due(&job, &series.cron, now).await? else {
                    return Ok(false);
                };
                // Recorded as run only once its period is open (or was already): a database
                // error in between leaves the firing due, and a later tick opens the period.
                let opened = self.open_series(series, now).await?;
                self.store.record_job_run(&job, firing, &[], now).await?;
                Ok::<bool, crate::error::Error>(opened)
            };
            report.opened += usize::from(run.instrument(job_span(&job)).await?);
        }
        let sweep = self.broadcast(SWEEP, &schedule.reminder_sweep, now, plan_reminders);
        report.reminders = sweep.instrument(job_span(SWEEP)).await?;
        self.outbox.metrics().reminders_planned(report.reminders);
        let digest = self.broadcast(DIGEST, &schedule.officer_digest, now, plan_digests);
        report.digests = digest.instrument(job_span(DIGEST)).await?;
        self.prune(now).instrument(job_span("prune")).await;
        if let Some(backup) = &self.config.backup {
            report.backup = self.backup(&backup.cron, now).instrument(job_span(BACKUP)).await?;
        }
        report.flush = self.outbox.flush().instrument(job_span("outbox")).await?;
        Ok(report)
    }

    /// The latest firing of `job` in (last run, now], not yet recorded as run. A job that has
    /// never run starts counting from `now`.
    async fn due(
        &self,
        job: &str,
        cron: &Cron,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        let Some(last) = self.store.job_last_fired(job).await? else {
            self.store.record_job_run(job, now, &[], now).await?;
            return Ok(None);
        };
        Ok(cron.firings_between(last, now, self.config.timezone).pop())
    }

    /// Runs a job that writes to people by itself (the reminder sweep, the digest): what it plans
    /// is recorded together with the run, in one transaction. A firing that falls in the night
    /// of a working day is kept for the first tick after the quiet hours (moved, not lost); on a
    /// day off it is recorded with nothing planned.
    async fn broadcast<'a, F, Fut>(
        &'a self,
        job: &'a str,
        cron: &'a Cron,
        now: DateTime<Utc>,
        planner: F,
    ) -> Result<usize>
    where
        F: FnOnce(&'a Store, &'a Config, DateTime<Utc>) -> Fut,
        Fut: std::future::Future<Output = Result<Vec<NewDelivery>>>,
    {
        let Some(firing) = self.due(job, cron, now).await? else { return Ok(0) };
        let tz = self.config.timezone;
        let working_day =
            self.config.schedule.calendar.is_working_day(now.with_timezone(&tz).date_naive());
        if working_day && self.config.schedule.quiet.contains(now, tz) {
            return Ok(0);
        }
        let planned = planner(&self.store, &self.config, now).await?;
        self.store.record_job_run(job, firing, &planned, now).await
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
        let calendar = &self.config.schedule.calendar;
        let Some(due_at) = series.due_at(kind, tz, calendar) else { return Ok(false) };
        let what = (kind, series.template.as_str());
        let opened = crate::actions::period::open_series(&self.app, what, due_at, key, now);
        match opened.await {
            Ok(Some(p)) => {
                tracing::info!(series = %series.key, period = p.id.0, "a series opened a period");
                Ok(true)
            }
            Ok(None) => Ok(false),
            Err(crate::error::Error::User(msg)) => {
                tracing::warn!(series = %series.key, problem = %msg.render(self.config.lang), "a series did not open its period");
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    /// The daily backup, once for all its firings since the last run. A failure is logged once
    /// and recorded (the front page and `baocao status` show it); the firing counts as run, so
    /// the copy is tried again at the next firing, not at every tick.
    async fn backup(&self, cron: &Cron, now: DateTime<Utc>) -> Result<Option<bool>> {
        let Some(firing) = self.due(BACKUP, cron, now).await? else { return Ok(None) };
        let made = match crate::actions::operations::scheduled_backup(&self.app, now).await {
            Ok(Some(made)) => {
                let (file, pruned) = (made.path.display().to_string(), made.pruned.len());
                tracing::info!(%file, bytes = made.bytes, pruned, "backup made");
                true
            }
            Ok(None) => false,
            Err(e) => {
                tracing::error!(error = %e, "the scheduled backup failed; it is tried again at the next firing");
                false
            }
        };
        self.store.record_job_run(BACKUP, firing, &[], now).await?;
        Ok(Some(made))
    }

    /// Deletes expired console sessions and sign-in links, once an hour at most; a failure is
    /// logged and tried again at the next tick.
    async fn prune(&self, now: DateTime<Utc>) {
        use std::sync::atomic::Ordering;
        let last = self.pruned_at.load(Ordering::Acquire);
        if now.timestamp() - last < PRUNE_EVERY_SECS {
            return;
        }
        match crate::actions::web::prune(&self.app).await {
            Ok(n) => {
                self.pruned_at.store(now.timestamp(), Ordering::Release);
                if n > 0 {
                    tracing::debug!(deleted = n, "expired sessions and sign-in links deleted");
                }
            }
            Err(e) => tracing::warn!(error = %e, "could not delete expired sessions"),
        }
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
            .chain(self.config.backup.as_ref().map(|b| &b.cron))
            .chain(schedule.series.iter().map(|s| &s.cron));
        let next = crons.filter_map(|c| c.next(now, tz, 1).pop()).min();
        let minute = std::time::Duration::from_secs(60);
        next.and_then(|n| (n - now).to_std().ok())
            .map_or(minute, |d| d.min(minute) + std::time::Duration::from_millis(10))
    }
}

/// The reminders due now: for each open period at a stage of its ladder, the reporters of the
/// units that have not reported.
pub async fn plan_reminders(
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
) -> Result<Vec<NewDelivery>> {
    let mut planned = Vec::new();
    for period in store.list_periods(false).await? {
        let Some(stage) = plan::reminder_stage(config, &period, now) else { continue };
        let waiting = store.waiting_members(&period).await?;
        planned.extend(plan::reminders(&period, stage, &waiting));
    }
    Ok(planned)
}

/// Today's digests.
pub async fn plan_digests(
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
) -> Result<Vec<NewDelivery>> {
    if !plan::may_disturb(config, now) {
        return Ok(Vec::new());
    }
    Ok(plan::digests(config, now, &store.officers().await?))
}
