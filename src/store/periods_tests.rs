//! The store's periods: created with their questions and units, closed, reopened.

use super::*;
use crate::domain::unit_import::parse_units_csv;
use crate::domain::UnitCode;
use crate::store::test_support::store;
use chrono::TimeZone;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 6, 1, 1, 0, 0).unwrap()
}

pub fn first_half(audience: Audience) -> NewPeriod {
    let kind = PeriodKind::Semiannual { half: 1, year: 2021 };
    NewPeriod {
        kind,
        custom_title: None,
        window: kind.data_window().unwrap().unwrap(),
        opens_at: now(),
        due_at: Utc.with_ymd_and_hms(2021, 6, 16, 10, 0, 0).unwrap(),
        template_key: "thi-dua".into(),
        questions: crate::domain::template::template_2021().unwrap().questions,
        audience,
        created_by: None,
        series_key: None,
        attachment: None,
    }
}

/// Opens the first half of 2021 for `audience`, at the command line.
pub async fn open(store: &Store, audience: Audience) -> Period {
    let plan = crate::plan::period_opened;
    store.create_period(&first_half(audience), Actor::Cli, now(), plan).await.unwrap()
}

pub async fn with_units() -> (Store, tempfile::TempDir) {
    let (store, dir) = store().await;
    let units = parse_units_csv(include_bytes!("../../examples/tuan-giao-units.csv")).unwrap();
    store.import_units(&units, now()).await.unwrap();
    (store, dir)
}

#[tokio::test]
async fn a_period_keeps_its_questions_window_and_units() {
    let (store, _dir) = with_units().await;
    let period = open(&store, Audience::AllActive).await;
    assert_eq!(period.window.display(), "15/12/2020 – 14/06/2021");
    assert_eq!(period.questions.len(), 7);
    assert_eq!(store.period_unit_count(period.id).await.unwrap(), 19);
    let tama = store.unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
    assert!(store.unit_in_period(period.id, tama.id).await.unwrap());
    assert_eq!(store.open_periods_for_unit(tama.id).await.unwrap().len(), 1);
    assert_eq!(store.recent_events(Some("period.created"), 5).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_period_for_some_units_only_and_an_empty_audience_is_refused() {
    let (store, _dir) = with_units().await;
    let tama = store.unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
    let puxi = store.unit_by_code(&UnitCode::parse("X-PUXI").unwrap()).await.unwrap().unwrap();
    let period = open(&store, Audience::Units(vec![tama.id])).await;
    assert!(!store.unit_in_period(period.id, puxi.id).await.unwrap());
    // The same, as the report dialogue reads it in one query (with the reporter's draft).
    let me = MemberId(1);
    let seen = store.period_for_reporter(period.id, tama.id, me).await.unwrap().unwrap();
    assert_eq!((seen.period.id, seen.in_period, seen.unit), (period.id, true, Some(tama.clone())));
    assert_eq!(seen.draft, None);
    let seen = store.period_for_reporter(period.id, puxi.id, me).await.unwrap().unwrap();
    assert_eq!((seen.in_period, seen.unit.map(|u| u.code)), (false, Some(puxi.code.clone())));
    let gone = store.period_for_reporter(period.id, UnitId(999_999), me).await.unwrap();
    assert_eq!(gone.unwrap().unit, None);
    assert!(store.period_for_reporter(PeriodId(999_999), tama.id, me).await.unwrap().is_none());
    let err = store
        .create_period(
            &first_half(Audience::Cluster("Cụm 9".into())),
            Actor::Cli,
            now(),
            crate::plan::period_opened,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::User(m) if m.key == "err-period-no-units"));
    assert_eq!(store.list_periods(true).await.unwrap().len(), 1);
}

#[tokio::test]
async fn closing_twice_reports_it_was_closed() {
    let (store, _dir) = with_units().await;
    let period = open(&store, Audience::AllActive).await;
    assert_eq!(store.close_period(period.id, Actor::Cli, now()).await.unwrap(), Some(true));
    assert_eq!(store.close_period(period.id, Actor::Cli, now()).await.unwrap(), Some(false));
    assert_eq!(store.close_period(PeriodId(99), Actor::Cli, now()).await.unwrap(), None);
    assert!(store.list_periods(false).await.unwrap().is_empty());
    assert_eq!(store.period(period.id).await.unwrap().unwrap().status, PeriodStatus::Closed);
    assert_eq!(store.reopen_period(period.id, Actor::Cli, now()).await.unwrap(), Some(true));
    assert_eq!(store.reopen_period(period.id, Actor::Cli, now()).await.unwrap(), Some(false));
    assert_eq!(store.period(period.id).await.unwrap().unwrap().status, PeriodStatus::Open);
    let kinds: Vec<String> =
        store.recent_events(None, 10).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert!(
        kinds.contains(&"period.closed".to_owned())
            && kinds.contains(&"period.reopened".to_owned())
    );
}
