//! Who is told what: the deliveries each event plans (reminders, digests, nudges, notices,
//! decisions, new deadlines). Planning only records rows; the outbox renders and sends them.

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::delivery::DeliveryKind;
use crate::domain::{Decision, Member, Period, Report, UnitId};
use crate::error::Result;
use crate::store::{NewDelivery, Store};

/// Whether the bot may write to people by itself at `now`: a working day, not at night.
pub fn may_disturb(config: &Config, now: DateTime<Utc>) -> bool {
    let tz = config.timezone;
    let today = now.with_timezone(&tz).date_naive();
    config.schedule.calendar.is_working_day(today) && !config.schedule.quiet.contains(now, tz)
}

/// The reminder each reporter of a unit that has not reported should get now: one per stage of
/// the ladder, none on weekends, holidays or at night.
pub async fn reminders(
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
) -> Result<Vec<NewDelivery>> {
    if !may_disturb(config, now) {
        return Ok(Vec::new());
    }
    let tz = config.timezone;
    let today = now.with_timezone(&tz).date_naive();
    let mut planned = Vec::new();
    for period in store.list_periods(false).await? {
        if period.opens_at > now {
            continue;
        }
        let due_day = period.due_at.with_timezone(&tz).date_naive();
        let schedule = &config.schedule;
        let Some(stage) = schedule.ladder.stage(due_day, today, &schedule.calendar) else {
            continue;
        };
        for member in store.reminder_targets(&period).await? {
            let Some(unit) = member.unit_id else { continue };
            let key =
                format!("reminder:{}:{}:{}:{}", period.id.0, unit.0, stage.code(), member.id.0);
            let mut reminder =
                NewDelivery::to_member(DeliveryKind::Reminder, key, period.id, unit, &member);
            reminder.stage = Some(stage);
            planned.push(reminder);
        }
    }
    Ok(planned)
}

/// Today's digest for every officer and the officers' group (none on days off or at night).
pub async fn digests(
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
) -> Result<Vec<NewDelivery>> {
    if !may_disturb(config, now) {
        return Ok(Vec::new());
    }
    let day = now.with_timezone(&config.timezone).format("%Y-%m-%d");
    let digest = |chat: i64, member| NewDelivery {
        kind: DeliveryKind::Digest,
        dedup_key: format!("digest:{day}:{chat}"),
        period_id: None,
        unit_id: None,
        member_id: member,
        chat_id: chat,
        stage: None,
        decision: None,
        announcement: None,
    };
    let mut planned: Vec<NewDelivery> =
        store.officers().await?.into_iter().map(|m| digest(m.chat_id, Some(m.id))).collect();
    if let Some(group) = config.schedule.officers_group {
        planned.push(digest(group, None));
    }
    Ok(planned)
}

/// The nudges for the reporters of units of `period` that have not reported (all, or `unit`).
pub async fn nudges(
    store: &Store,
    period: &Period,
    unit: Option<UnitId>,
    now: DateTime<Utc>,
) -> Result<Vec<NewDelivery>> {
    let targets = store.reminder_targets(period).await?;
    Ok(targets
        .iter()
        .filter_map(|m| Some((m, m.unit_id?)))
        .filter(|(_, u)| unit.is_none_or(|wanted| wanted == *u))
        .map(|(m, u)| {
            let key = format!("nudge:{}:{}:{}:{}", period.id.0, u.0, m.id.0, now.timestamp());
            NewDelivery::to_member(DeliveryKind::Nudge, key, period.id, u, m)
        })
        .collect())
}

/// The notices of a submission, for these officers.
pub fn notices_to(officers: &[Member], report: &Report) -> Vec<NewDelivery> {
    officers
        .iter()
        .map(|o| {
            let key = format!("notice:{}:{}:{}", report.id.0, report.revision, o.chat_id);
            NewDelivery::to_member(DeliveryKind::Notice, key, report.period_id, report.unit_id, o)
        })
        .collect()
}

/// The news of an officer's decision on (this revision of) `report`, for these reporters.
pub fn decisions_to(reporters: &[Member], report: &Report, decision: Decision) -> Vec<NewDelivery> {
    let what = match decision {
        Decision::Return => "return",
        Decision::Accept => "accept",
    };
    reporters
        .iter()
        .map(|m| {
            let key = format!("decision:{}:{}:{what}:{}", report.id.0, report.revision, m.id.0);
            let mut news = NewDelivery::to_member(
                DeliveryKind::Decision,
                key,
                report.period_id,
                report.unit_id,
                m,
            );
            news.decision = Some(decision);
            news
        })
        .collect()
}

/// The news of a new deadline, for the reporters of units that have not reported.
pub async fn extensions(
    store: &Store,
    period: &Period,
    due_at: DateTime<Utc>,
) -> Result<Vec<NewDelivery>> {
    let targets = store.reminder_targets(period).await?;
    Ok(targets
        .iter()
        .filter_map(|m| {
            let key = format!("extension:{}:{}:{}", period.id.0, due_at.timestamp(), m.id.0);
            Some(NewDelivery::to_member(DeliveryKind::Extension, key, period.id, m.unit_id?, m))
        })
        .collect())
}

/// The keys of `planned`, to ask the outbox how they went.
pub fn keys(planned: &[NewDelivery]) -> Vec<String> {
    planned.iter().map(|d| d.dedup_key.clone()).collect()
}
