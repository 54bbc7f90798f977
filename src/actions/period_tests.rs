//! Opening a period and changing it: the rules each way in relies on, written once.

use super::*;
use crate::actions::period_change::{close, extend, reopen};
use crate::actions::test_support::world;
use crate::actions::{roles, Operator};
use crate::domain::schedule::DueWarning;
use crate::domain::{PeriodId, Role};
use crate::store::test_support::{execute, numbers};

fn first_half(due: &str) -> PeriodRequest {
    PeriodRequest {
        kind: PeriodKind::Semiannual { half: 1, year: 2021 },
        title: None,
        window: None,
        due: Due::Typed(due.to_owned()),
        template: "thi-dua".into(),
        audience: Who::default(),
        attachment: None,
        anyway: false,
    }
}

fn refusal(result: Result<impl std::fmt::Debug>) -> &'static str {
    match result {
        Err(e) if e.is_user() => e.user_message().key,
        other => panic!("not refused: {other:?}"),
    }
}

async fn opened(app: &App, by: By<'_>, req: &PeriodRequest) -> Period {
    match open(app, by, req).await.unwrap() {
        Opening::Opened { period, .. } => period,
        Opening::Warned(w) => panic!("warned: {w:?}"),
    }
}

#[tokio::test]
async fn a_deadline_on_a_day_off_is_opened_only_once_the_warning_was_read() {
    let w = world().await;
    let operator = Operator::at_the_machine();
    // Saturday 19/06/2021: a day off.
    let saturday = first_half("19/06/2021 17:00");
    let warned = open(&w.app, By::Operator(&operator), &saturday).await.unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2021, 6, 19).unwrap();
    assert_eq!(warned, Opening::Warned(DueWarning::DayOff(day)));
    assert!(w.store.list_periods(true).await.unwrap().is_empty(), "nothing stored");
    let anyway = PeriodRequest { anyway: true, ..saturday };
    let period = opened(&w.app, By::Operator(&operator), &anyway).await;
    assert_eq!(w.store.period_unit_count(period.id).await.unwrap(), 19);
}

#[tokio::test]
async fn a_deadline_not_after_the_data_window_is_refused_even_anyway() {
    let w = world().await;
    let operator = Operator::at_the_machine();
    let early = PeriodRequest { anyway: true, ..first_half("14/06/2021 17:00") };
    let refused = open(&w.app, By::Operator(&operator), &early).await;
    assert_eq!(refusal(refused), "err-period-due-before-window");
    let typo = first_half("31/02/2021 17:00");
    assert!(open(&w.app, By::Operator(&operator), &typo).await.is_err());
}

#[tokio::test]
async fn opening_tells_every_reachable_reporter_and_records_who_opened_it() {
    let w = world().await;
    let tama = w.person(1001, Role::Reporter, Some("X-TAMA")).await;
    w.person(1002, Role::Reporter, Some("X-PUXI")).await;
    let admin = roles::officer(Some(&w.person(900, Role::Admin, None).await)).unwrap();
    execute(&w.store, "UPDATE contacts SET reachable = 0 WHERE address = '1002'").await;
    let period = opened(&w.app, By::Officer(&admin), &first_half("16/06/2021 17:00")).await;
    let planned = numbers(
        &w.store,
        "SELECT member_id, period_id FROM deliveries WHERE kind = 'period_opened'",
    )
    .await;
    assert_eq!(planned, [vec![tama.id.0, period.id.0]], "Pú Xi's chair blocked the bot");
    let events = w.store.recent_events(Some("period.created"), 1).await.unwrap();
    assert_eq!(events[0].actor, format!("member:{}", admin.member().id));
}

#[tokio::test]
async fn who_reports_is_a_cluster_a_list_of_active_units_or_everyone() {
    let w = world().await;
    let operator = Operator::at_the_machine();
    let some = Who { cluster: None, units: vec!["x-tama".into(), "X-PUXI".into()] };
    let req = PeriodRequest { audience: some, ..first_half("16/06/2021 17:00") };
    let period = opened(&w.app, By::Operator(&operator), &req).await;
    assert_eq!(w.store.period_unit_count(period.id).await.unwrap(), 2);
    let unknown = Who { cluster: None, units: vec!["X-KHONGCO".into()] };
    let req = PeriodRequest { audience: unknown, ..first_half("16/06/2021 17:00") };
    assert_eq!(refusal(open(&w.app, By::Operator(&operator), &req).await), "err-unit-unknown");
}

/// The hole of the security read: a closed period's deadline could be moved (the console and
/// the old chat flow), with an event recorded and the units told.
#[tokio::test]
async fn only_an_open_period_gets_a_new_deadline() {
    let w = world().await;
    w.person(1001, Role::Reporter, Some("X-TAMA")).await;
    let officer = roles::officer(Some(&w.person(950, Role::Officer, None).await)).unwrap();
    let period = opened(&w.app, By::Officer(&officer), &first_half("16/06/2021 17:00")).await;
    let later = Due::Typed("18/06/2021 17:00".into());
    let moved = extend(&w.app, &officer, period.id, &later).await.unwrap();
    assert_eq!(moved.told, 1);
    assert!(close(&w.app, By::Officer(&officer), period.id).await.unwrap());
    let refused = extend(&w.app, &officer, period.id, &Due::Typed("21/06/2021 17:00".into())).await;
    assert_eq!(refusal(refused), "err-period-closed-extend");
    let kept = w.store.period(period.id).await.unwrap().unwrap();
    assert_eq!(kept.due_at, moved.due_at, "the deadline stays as it was");
    assert_eq!(w.store.recent_events(Some("period.extended"), 5).await.unwrap().len(), 1);
    // Reopened, it may be moved again.
    assert!(reopen(&w.app, &officer, period.id).await.unwrap());
    extend(&w.app, &officer, period.id, &Due::Typed("21/06/2021 17:00".into())).await.unwrap();
    let unknown = extend(&w.app, &officer, PeriodId(99), &later).await;
    assert_eq!(refusal(unknown), "err-period-unknown");
}

#[tokio::test]
async fn a_series_opens_its_period_once() {
    let w = world().await;
    let kind = PeriodKind::Semiannual { half: 1, year: 2021 };
    let due = deadline(w.app.config(), kind, None, &Due::Suggested).unwrap();
    let key = "thi-dua-6t:2021-1".to_owned();
    let now = w.app.now();
    let first = open_series(&w.app, (kind, "thi-dua"), due, key.clone(), now).await.unwrap();
    assert!(first.is_some());
    assert_eq!(open_series(&w.app, (kind, "thi-dua"), due, key, now).await.unwrap(), None);
    assert_eq!(w.store.list_periods(true).await.unwrap().len(), 1);
}
