//! Who is told what: each event's recipients, decided in one place.

use chrono::{TimeZone, Utc};

use super::*;
use crate::actions::test_support::{config, member};
use crate::domain::{DataWindow, MemberId, PeriodKind, PeriodStatus, ReportId, ReportStatus};

fn chair(id: i64, unit: i64) -> Member {
    Member { unit_id: Some(UnitId(unit)), ..member(id, Role::Reporter) }
}

fn period() -> Period {
    let kind = PeriodKind::Semiannual { half: 1, year: 2021 };
    let window: DataWindow = kind.data_window().unwrap().unwrap();
    Period {
        id: PeriodId(3),
        kind,
        custom_title: None,
        window,
        opens_at: Utc.with_ymd_and_hms(2021, 6, 1, 2, 0, 0).unwrap(),
        due_at: Utc.with_ymd_and_hms(2021, 6, 16, 10, 0, 0).unwrap(),
        template_key: "thi-dua".into(),
        questions: Vec::new(),
        status: PeriodStatus::Open,
    }
}

fn report() -> Report {
    let at = Utc.with_ymd_and_hms(2021, 6, 15, 2, 0, 0).unwrap();
    Report {
        id: ReportId(7),
        period_id: PeriodId(3),
        unit_id: UnitId(1),
        revision: 2,
        status: ReportStatus::Submitted,
        submitted_by: MemberId(1),
        submitted_by_name: "Lò Văn Hùng".into(),
        submitted_at: at,
        first_submitted_at: at,
        on_time: true,
        return_reason: None,
        answers: Default::default(),
    }
}

fn chats(planned: &[NewDelivery]) -> Vec<i64> {
    planned.iter().map(|d| d.address.parse().unwrap_or_default()).collect()
}

#[test]
fn only_active_reachable_reporters_of_a_unit_are_reminded_and_told() {
    let mut blocked = chair(2, 1);
    blocked.contacts[0].reachable = false;
    let mut removed = chair(3, 2);
    removed.active = false;
    let officer = Member { unit_id: Some(UnitId(4)), ..member(4, Role::Officer) };
    let without_unit = member(5, Role::Reporter);
    let people = [chair(1, 1), blocked, removed, officer, without_unit];
    let stage = Stage::DueDay;
    assert_eq!(chats(&reminders(&period(), stage, &people)), [1]);
    assert_eq!(chats(&period_opened(PeriodId(3), &people)), [1]);
    assert_eq!(chats(&extensions(&people, &period(), period().due_at)), [1]);
    assert_eq!(chats(&announcement(9, &people)), [1]);
    let now = period().due_at;
    assert_eq!(chats(&nudges(&period(), Some(UnitId(2)), &people, now)), Vec::<i64>::new());
    assert!(reachable(&people[..1]) && !reachable(&people[1..]));
}

#[test]
fn each_message_has_its_own_key_so_nothing_is_sent_twice() {
    let stage = Stage::DueDay;
    let reminded = reminders(&period(), stage, &[chair(1, 1)]);
    assert_eq!(reminded[0].dedup_key, "reminder:3:1:d0:1");
    assert_eq!(reminded[0].stage, Some(stage));
    let again = reminders(&period(), stage, &[chair(1, 1)]);
    assert_eq!(keys(&reminded), keys(&again), "the same reminder, the same key");
    let at = Utc.with_ymd_and_hms(2021, 6, 15, 2, 10, 0).unwrap();
    let later = at + chrono::Duration::minutes(30);
    let chat = Contact::telegram(1001);
    assert_eq!(
        unconfirmed(&chat, at).dedup_key,
        unconfirmed(&chat, later).dedup_key,
        "once an hour"
    );
    assert_eq!(unconfirmed(&chat, at).dedup_key, "unconfirmed:1001:451034", "as stored before");
    assert_eq!(unconfirmed(&chat, at).kind, DeliveryKind::Unconfirmed);
    let other = Contact { channel: "zalo".into(), address: "1001".into(), reachable: true };
    assert_ne!(unconfirmed(&other, at).dedup_key, unconfirmed(&chat, at).dedup_key, "its own");
}

#[test]
fn officers_get_notices_only_when_they_asked_and_digests_only_on_working_hours() {
    let mut quiet = member(2, Role::Officer);
    quiet.notify_submissions = false;
    let officers = [member(1, Role::Admin), quiet, member(3, Role::Reporter)];
    assert_eq!(chats(&notices_to(&officers, &report())), [1]);
    let config = config("");
    let tuesday_morning = Utc.with_ymd_and_hms(2021, 6, 15, 1, 30, 0).unwrap();
    assert_eq!(chats(&digests(&config, tuesday_morning, &officers)), [1, 2]);
    let tuesday_night = Utc.with_ymd_and_hms(2021, 6, 15, 16, 0, 0).unwrap();
    assert!(digests(&config, tuesday_night, &officers).is_empty());
    let sunday = Utc.with_ymd_and_hms(2021, 6, 13, 2, 0, 0).unwrap();
    assert!(digests(&config, sunday, &officers).is_empty());
}

#[test]
fn a_decision_is_told_to_the_units_reporters_with_what_was_decided() {
    let planned = decisions_to(&[chair(1, 1), chair(2, 1)], &report(), Decision::Return);
    assert_eq!(chats(&planned), [1, 2]);
    assert!(planned.iter().all(|d| d.decision == Some(Decision::Return)));
    assert_eq!(planned[0].dedup_key, "decision:7:2:return:1");
    let merged = merged(UnitId(5), &[chair(1, 5)]);
    assert_eq!((merged[0].kind, merged[0].unit_id), (DeliveryKind::UnitMerged, Some(UnitId(5))));
}

#[test]
fn reminders_wait_for_the_period_to_open_and_for_a_working_day() {
    let config = config("");
    let early = Utc.with_ymd_and_hms(2021, 5, 31, 2, 0, 0).unwrap();
    assert_eq!(reminder_stage(&config, &period(), early), None, "not open yet");
    let deadline_morning = Utc.with_ymd_and_hms(2021, 6, 16, 1, 30, 0).unwrap();
    assert!(reminder_stage(&config, &period(), deadline_morning).is_some());
    let saturday = Utc.with_ymd_and_hms(2021, 6, 12, 2, 0, 0).unwrap();
    assert_eq!(reminder_stage(&config, &period(), saturday), None);
}
