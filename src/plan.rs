//! Who is told what: the one place that decides, for every event, which people get a message
//! (reminders, digests, nudges, the opening of a period, submissions' notices, decisions, new
//! deadlines, mergers, the office's notices, lost replies). Pure: it takes the people the store
//! read and returns the deliveries to record; the outbox renders and sends them.

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::contact::{Contact, TELEGRAM};
use crate::domain::delivery::DeliveryKind;
use crate::domain::schedule::Stage;
use crate::domain::{Decision, Member, Period, PeriodId, Report, Role, UnitId};
use crate::store::NewDelivery;

/// Whether the bot may write to people by itself at `now`: a working day, not at night.
pub fn may_disturb(config: &Config, now: DateTime<Utc>) -> bool {
    let tz = config.timezone;
    let today = now.with_timezone(&tz).date_naive();
    config.schedule.calendar.is_working_day(today) && !config.schedule.quiet.contains(now, tz)
}

/// An active reporter of a unit (each of their reachable contacts is written to).
fn reporter(m: &Member) -> bool {
    m.active && m.role == Role::Reporter && m.unit_id.is_some()
}

/// An active officer or admin.
fn officer(m: &Member) -> bool {
    m.active && m.role.is_officer()
}

/// The stage of the reminder ladder `period` is at today, if a reminder is due (none on days
/// off or at night, none before the period opens).
pub fn reminder_stage(config: &Config, period: &Period, now: DateTime<Utc>) -> Option<Stage> {
    if !may_disturb(config, now) || period.opens_at > now {
        return None;
    }
    let tz = config.timezone;
    let (today, due_day) =
        (now.with_timezone(&tz).date_naive(), period.due_at.with_timezone(&tz).date_naive());
    let schedule = &config.schedule;
    schedule.ladder.stage(due_day, today, &schedule.calendar)
}

/// The reminder each reporter of a unit of `period` that has not reported (`waiting`) gets at
/// `stage`: one per stage.
pub fn reminders(period: &Period, stage: Stage, waiting: &[Member]) -> Vec<NewDelivery> {
    waiting
        .iter()
        .filter(|m| reporter(m))
        .filter_map(|m| Some((m, m.unit_id?)))
        .flat_map(|(m, unit)| {
            let key = format!("reminder:{}:{}:{}:{}", period.id.0, unit.0, stage.code(), m.id.0);
            to_member(DeliveryKind::Reminder, key, period.id, unit, m)
        })
        .map(|reminder| NewDelivery { stage: Some(stage), ..reminder })
        .collect()
}

/// Today's digest for every officer the bot can reach and the officers' group (none on days off
/// or at night).
pub fn digests(config: &Config, now: DateTime<Utc>, officers: &[Member]) -> Vec<NewDelivery> {
    if !may_disturb(config, now) {
        return Vec::new();
    }
    let day = now.with_timezone(&config.timezone).format("%Y-%m-%d").to_string();
    let mut planned: Vec<NewDelivery> = officers
        .iter()
        .filter(|m| officer(m))
        .flat_map(|m| {
            let day = day.clone();
            contacts(m).map(move |c| NewDelivery {
                dedup_key: keyed(
                    format!("digest:{day}:{}", m.telegram_chat().unwrap_or(-m.id.0)),
                    c,
                ),
                member_id: Some(m.id),
                ..bare(DeliveryKind::Digest, c)
            })
        })
        .collect();
    if let Some(group) = config.schedule.officers_group {
        let group = Contact::telegram(group);
        let key = format!("digest:{day}:{}", group.address);
        planned.push(NewDelivery { dedup_key: key, ..bare(DeliveryKind::Digest, &group) });
    }
    planned
}

/// The nudges for the reporters of units of `period` that have not reported (all of `waiting`,
/// or only `unit`'s).
pub fn nudges(
    period: &Period,
    unit: Option<UnitId>,
    waiting: &[Member],
    now: DateTime<Utc>,
) -> Vec<NewDelivery> {
    waiting
        .iter()
        .filter(|m| reporter(m))
        .filter_map(|m| Some((m, m.unit_id?)))
        .filter(|(_, u)| unit.is_none_or(|wanted| wanted == *u))
        .flat_map(|(m, u)| {
            let key = format!("nudge:{}:{}:{}:{}", period.id.0, u.0, m.id.0, now.timestamp());
            to_member(DeliveryKind::Nudge, key, period.id, u, m)
        })
        .collect()
}

/// The notice that period `period` is open, for the reporters of its units.
pub fn period_opened(period: PeriodId, reporters: &[Member]) -> Vec<NewDelivery> {
    reporters
        .iter()
        .filter(|m| reporter(m))
        .filter_map(|m| Some((m, m.unit_id?)))
        .flat_map(|(m, unit)| {
            let key = format!("opened:{}:{}", period.0, m.id.0);
            to_member(DeliveryKind::PeriodOpened, key, period, unit, m)
        })
        .collect()
}

/// The notices of a submission, for the officers who asked for them.
pub fn notices_to(officers: &[Member], report: &Report) -> Vec<NewDelivery> {
    officers
        .iter()
        .filter(|o| officer(o) && o.notify_submissions)
        .flat_map(|o| {
            let who = o.telegram_chat().unwrap_or(-o.id.0);
            let key = format!("notice:{}:{}:{}", report.id.0, report.revision, who);
            to_member(DeliveryKind::Notice, key, report.period_id, report.unit_id, o)
        })
        .collect()
}

/// The news of an officer's decision on (this revision of) `report`, for its unit's reporters.
pub fn decisions_to(reporters: &[Member], report: &Report, decision: Decision) -> Vec<NewDelivery> {
    reporters
        .iter()
        .filter(|m| m.active && m.role == Role::Reporter)
        .flat_map(|m| {
            let what = match decision {
                Decision::Return => "return",
                Decision::Accept => "accept",
            };
            let key = format!("decision:{}:{}:{what}:{}", report.id.0, report.revision, m.id.0);
            to_member(DeliveryKind::Decision, key, report.period_id, report.unit_id, m)
        })
        .map(|news| NewDelivery { decision: Some(decision), ..news })
        .collect()
}

/// The news of a new deadline, for the reporters of units that have not reported (`waiting`).
pub fn extensions(waiting: &[Member], period: &Period, due_at: DateTime<Utc>) -> Vec<NewDelivery> {
    waiting
        .iter()
        .filter(|m| reporter(m))
        .filter_map(|m| Some((m, m.unit_id?)))
        .flat_map(|(m, unit)| {
            let key = format!("extension:{}:{}:{}", period.id.0, due_at.timestamp(), m.id.0);
            to_member(DeliveryKind::Extension, key, period.id, unit, m)
        })
        .collect()
}

/// The notice to the reporters of `unit` that it was merged into another (they lose it).
pub fn merged(unit: UnitId, reporters: &[Member]) -> Vec<NewDelivery> {
    reporters
        .iter()
        .flat_map(|m| {
            contacts(m).map(move |c| NewDelivery {
                dedup_key: keyed(format!("merged:{}:{}", unit.0, m.id.0), c),
                unit_id: Some(unit),
                member_id: Some(m.id),
                ..bare(DeliveryKind::UnitMerged, c)
            })
        })
        .collect()
}

/// The office's notice number `id`, for the reporters of the units it is addressed to.
pub fn announcement(id: i64, reporters: &[Member]) -> Vec<NewDelivery> {
    reporters
        .iter()
        .filter(|m| reporter(m))
        .flat_map(|m| {
            contacts(m).map(move |c| NewDelivery {
                dedup_key: keyed(format!("announce:{id}:{}", m.id.0), c),
                unit_id: m.unit_id,
                member_id: Some(m.id),
                announcement: Some(id),
                ..bare(DeliveryKind::Announcement, c)
            })
        })
        .collect()
}

/// Whether a unit with these reporters has anybody the bot can write to.
pub fn reachable(reporters: &[Member]) -> bool {
    reporters.iter().any(|m| reporter(m) && m.reachable())
}

/// The notice that a reply to `to` (a chat of whichever channel) was lost at `at` (planned then,
/// so the delivery's `created_at` is the time it tells): one per chat and hour of trouble.
pub fn unconfirmed(to: &Contact, at: DateTime<Utc>) -> NewDelivery {
    let key = format!("unconfirmed:{}:{}", to.address, at.timestamp().div_euclid(3600));
    NewDelivery { dedup_key: keyed(key, to), ..bare(DeliveryKind::Unconfirmed, to) }
}

/// A sign-in link for `member`, asked for (the `nonce`th time), to their e-mail `address` only
/// (whoever asked knows that address, not their chat).
pub fn sign_in(member: &Member, address: &Contact, nonce: u64) -> NewDelivery {
    NewDelivery {
        dedup_key: format!("signin:{}:{nonce:016x}", member.id.0),
        member_id: Some(member.id),
        ..bare(DeliveryKind::SignIn, address)
    }
}

/// The keys of `planned`, to ask the outbox how they went.
pub fn keys(planned: &[NewDelivery]) -> Vec<String> {
    planned.iter().map(|d| d.dedup_key.clone()).collect()
}

/// The deliveries to `member` about `unit`'s business in `period`: one on each contact that
/// reaches them.
fn to_member(
    kind: DeliveryKind,
    key: String,
    period: PeriodId,
    unit: UnitId,
    member: &Member,
) -> impl Iterator<Item = NewDelivery> + '_ {
    contacts(member).map(move |c| NewDelivery {
        dedup_key: keyed(key.clone(), c),
        period_id: Some(period),
        unit_id: Some(unit),
        member_id: Some(member.id),
        ..bare(kind, c)
    })
}

/// The contacts of `member` that reached them last time.
fn contacts(member: &Member) -> impl Iterator<Item = &Contact> {
    member.contacts.iter().filter(|c| c.reachable)
}

/// A message's key on a contact: Telegram's is the key itself (as before there were others),
/// another channel's names it, so each contact gets its own.
fn keyed(key: String, contact: &Contact) -> String {
    if contact.channel == TELEGRAM {
        key
    } else {
        format!("{key}:{}", contact.channel)
    }
}

fn bare(kind: DeliveryKind, to: &Contact) -> NewDelivery {
    NewDelivery {
        kind,
        dedup_key: String::new(),
        period_id: None,
        unit_id: None,
        member_id: None,
        channel: to.channel.clone(),
        address: to.address.clone(),
        stage: None,
        decision: None,
        announcement: None,
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
