//! The read model's rules, without a database.

use super::*;
use crate::domain::{Contact, Role};
use crate::i18n::Lang;

fn member(id: i64, tg: i64) -> Member {
    Member {
        id: MemberId(id),
        tg_user_id: Some(tg),
        contacts: vec![Contact::telegram(tg)],
        full_name: "Lò Văn Hùng".to_owned(),
        username: None,
        role: Role::Reporter,
        unit_id: Some(UnitId(1)),
        lang: Lang::Vi,
        notify_submissions: false,
        active: true,
        position: None,
        named: true,
    }
}

fn holding() -> ReadModel {
    let model = ReadModel::default();
    model.hold(true);
    model
}

fn ticket(look: Look<Option<Member>>) -> Ticket {
    match look {
        Look::Missing(ticket) => ticket,
        Look::Held(m) => panic!("held already: {m:?}"),
    }
}

fn held<V: std::fmt::Debug>(look: Look<V>) -> Option<V> {
    match look {
        Look::Held(v) => Some(v),
        Look::Missing(_) => None,
    }
}

#[test]
fn a_member_read_is_held_and_then_no_read_is_needed() {
    let model = holding();
    let t = ticket(model.member_by_tg(1001));
    model.keep_member_by_tg(t, 1001, &Some(member(7, 1001)));
    assert_eq!(held(model.member_by_tg(1001)), Some(Some(member(7, 1001))));
}

#[test]
fn nothing_is_held_before_the_writer_watches_for_other_processes() {
    let model = ReadModel::default();
    let t = ticket(model.member_by_tg(1001));
    model.keep_member_by_tg(t, 1001, &Some(member(7, 1001)));
    assert_eq!(held(model.member_by_tg(1001)), None);
}

#[test]
fn a_removal_committed_while_the_member_was_read_wins_over_the_read() {
    let model = holding();
    let t = ticket(model.member_by_tg(1001));
    // The read saw them active; the removal commits before the read is kept.
    model.apply(&[Changed::Member(MemberId(7))]);
    model.keep_member_by_tg(t, 1001, &Some(member(7, 1001)));
    assert_eq!(held(model.member_by_tg(1001)), None, "the old read must not be kept");
}

#[test]
fn a_removed_member_is_forgotten_under_their_telegram_id_and_id() {
    let model = holding();
    let (t1, t2) = (ticket(model.member_by_tg(1001)), ticket(model.member_by_id(MemberId(7))));
    model.keep_member_by_tg(t1, 1001, &Some(member(7, 1001)));
    model.keep_member_by_id(t2, MemberId(7), &Some(member(7, 1001)));
    model.apply(&[Changed::Member(MemberId(7))]);
    assert_eq!(held(model.member_by_tg(1001)), None);
    assert_eq!(held(model.member_by_id(MemberId(7))), None);
}

#[test]
fn someone_without_a_membership_is_read_again_once_a_member_changes() {
    let model = holding();
    let t = ticket(model.member_by_tg(2002));
    model.keep_member_by_tg(t, 2002, &None);
    assert_eq!(held(model.member_by_tg(2002)), Some(None));
    model.apply(&[Changed::Member(MemberId(9))]);
    assert_eq!(held(model.member_by_tg(2002)), None);
}

#[test]
fn a_join_is_held_as_committed_and_a_read_of_before_does_not_replace_it() {
    let model = holding();
    let t = ticket(model.member_by_tg(1001));
    model.apply(&[Changed::MemberNow(member(7, 1001))]);
    model.keep_member_by_tg(t, 1001, &None);
    assert_eq!(held(model.member_by_tg(1001)), Some(Some(member(7, 1001))));
}

#[test]
fn a_draft_is_held_as_the_write_left_it() {
    let model = holding();
    let key = (PeriodId(1), UnitId(2), MemberId(3));
    let t = match model.draft(key) {
        Look::Missing(t) => t,
        Look::Held(_) => panic!("held"),
    };
    let mut draft = Draft::default();
    draft.answers.insert("ket_qua".into(), crate::domain::Answer::Number { value: 3 });
    model.apply(&[Changed::Draft {
        period: key.0,
        unit: key.1,
        member: key.2,
        draft: Some(draft.clone()),
    }]);
    model.keep_draft(t, key, &None); // a read from before the write
    assert_eq!(held(model.draft(key)), Some(Some(draft)));
    model.apply(&[Changed::Draft { period: key.0, unit: key.1, member: key.2, draft: None }]);
    assert_eq!(held(model.draft(key)), Some(None));
}

#[test]
fn another_process_writing_makes_everything_forgotten() {
    let model = holding();
    let t = ticket(model.member_by_tg(1001));
    model.keep_member_by_tg(t, 1001, &Some(member(7, 1001)));
    model.forget_all();
    assert_eq!(held(model.member_by_tg(1001)), None);
}

fn period_held(id: i64, units: &[i64], sent: &[i64]) -> PeriodHeld {
    let window = crate::domain::DataWindow::new(
        chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or_default(),
        chrono::NaiveDate::from_ymd_opt(2021, 6, 14).unwrap_or_default(),
    )
    .unwrap();
    PeriodHeld {
        period: Period {
            id: PeriodId(id),
            kind: crate::domain::PeriodKind::AdHoc,
            custom_title: Some("Kỳ".into()),
            window,
            opens_at: chrono::DateTime::from_timestamp(0, 0).unwrap_or_default(),
            due_at: chrono::DateTime::from_timestamp(1_000, 0).unwrap_or_default(),
            template_key: "thi-dua".into(),
            questions: Vec::new(),
            status: crate::domain::PeriodStatus::Open,
        },
        units: units.iter().map(|u| UnitId(*u)).collect(),
        sent: sent.iter().map(|u| UnitId(*u)).collect(),
    }
}

#[test]
fn a_report_sent_is_known_at_once_and_a_read_of_before_is_not_kept_over_it() {
    let model = holding();
    let sent = |h: Option<&PeriodHeld>| h.is_some_and(|h| h.sent.contains(&UnitId(2)));
    let Look::Missing(t) = model.period(PeriodId(1), sent) else { panic!("held") };
    // Submitted while the period was being read (without it).
    model.apply(&[Changed::Sent { period: PeriodId(1), unit: UnitId(2) }]);
    model.keep_period(t, PeriodId(1), Some(period_held(1, &[1, 2], &[])));
    assert!(held(model.period(PeriodId(1), sent)).is_none(), "the read of before is dropped");
    let Look::Missing(t) = model.period(PeriodId(1), sent) else { panic!("held") };
    model.keep_period(t, PeriodId(1), Some(period_held(1, &[1, 2], &[2])));
    assert_eq!(held(model.period(PeriodId(1), sent)), Some(true));
    model.apply(&[Changed::Sent { period: PeriodId(1), unit: UnitId(1) }]);
    let first = |h: Option<&PeriodHeld>| h.is_some_and(|h| h.sent.contains(&UnitId(1)));
    assert_eq!(held(model.period(PeriodId(1), first)), Some(true));
}

#[test]
fn open_periods_are_held_together_and_forgotten_when_periods_change() {
    let model = holding();
    let ids = |h: &PeriodHeld| Some(h.period.id);
    let Look::Missing(t) = model.open_periods(ids) else { panic!("held") };
    model.keep_open_periods(t, vec![period_held(1, &[1], &[]), period_held(2, &[2], &[])]);
    assert_eq!(held(model.open_periods(ids)), Some(vec![PeriodId(1), PeriodId(2)]));
    model.apply(&[Changed::Periods]);
    assert_eq!(held(model.open_periods(ids)), None);
}
