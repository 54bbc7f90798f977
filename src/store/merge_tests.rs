//! The 2025 merger of the Tuần Giáo communes, applied to the 19 units of 2021.

use super::*;
use crate::domain::merger::parse_mergers_csv;
use crate::domain::{Audience, NewMember, Role, UnitCode};
use crate::i18n::Lang;
use crate::store::periods::tests::{now, open, with_units};
use chrono::{NaiveDate, TimeZone, Utc};

fn july_2025() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
}

fn tuan_giao_2025() -> Vec<Merger> {
    parse_mergers_csv(include_bytes!("../../examples/tuan-giao-2025-mergers.csv"), july_2025())
        .unwrap()
}

async fn unit(store: &Store, code: &str) -> Unit {
    store.unit_by_code(&UnitCode::parse(code).unwrap()).await.unwrap().unwrap()
}

async fn reporter(store: &Store, tg: i64, unit: UnitId) {
    let mut tx = store.pool.begin().await.unwrap();
    let new = NewMember {
        tg_user_id: Some(tg),
        contacts: vec![crate::domain::Contact::telegram(tg)],
        full_name: format!("Chủ tịch {tg}"),
        username: None,
        role: Role::Reporter,
        unit_id: Some(unit),
        lang: Lang::Vi,
    };
    crate::store::members::upsert(&mut tx, &new, Some(Actor::Cli), now()).await.unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_tuan_giao_merger_leaves_eight_units_and_keeps_the_seventeen_old_ones() {
    let (store, _dir) = with_units().await;
    let period_2021 = open(&store, Audience::AllActive).await;
    let nasay = unit(&store, "X-NASAY").await;
    reporter(&store, 1, nasay.id).await;

    let done =
        store.merge_units(&tuan_giao_2025(), Actor::Cli, now(), crate::plan::merged).await.unwrap();
    assert_eq!(done.len(), 6);
    let active = store.list_units(false).await.unwrap();
    let codes: Vec<&str> = active.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes.len(), 8, "{codes:?}");
    assert!(codes.contains(&"X-NATONG") && codes.contains(&"X-PHINHSANG"));
    let chiengsinh = unit(&store, "X-CHIENGSINH-2025").await;
    assert_eq!(chiengsinh.name, "Xã Chiềng Sinh");
    assert_eq!(chiengsinh.valid_from, Some(july_2025()));
    let nasay = unit(&store, "X-NASAY").await;
    assert!(!nasay.active);
    assert_eq!((nasay.merged_into, nasay.valid_to), (Some(chiengsinh.id), Some(july_2025())));
    assert_eq!(store.list_units(true).await.unwrap().len(), 19 + 6);

    // The reporter of Nà Sáy lost the unit and is being told.
    assert_eq!(store.member_by_tg_user(1).await.unwrap(), None);
    let Merged::Done { reporters_told, periods, .. } = &done[2] else { panic!("merged") };
    assert_eq!((*reporters_told, *periods), (1, 1));
    // The period of 2021 still names Nà Sáy as it was, marks it merged, and now expects
    // the new Chiềng Sinh instead.
    let progress = store.period_progress(&period_2021).await.unwrap();
    let line = progress.units.iter().find(|u| u.unit.id == nasay.id).unwrap();
    assert_eq!(line.unit.name, "Xã Nà Sáy");
    assert_eq!(line.successor.as_deref(), Some("Xã Chiềng Sinh"));
    assert!(progress.units.iter().any(|u| u.unit.id == chiengsinh.id));
    assert_eq!(progress.counts().merged, 17);
    assert_eq!(progress.counts().total, 19 - 17 + 6);

    // Applying the same file again changes nothing.
    let again =
        store.merge_units(&tuan_giao_2025(), Actor::Cli, now(), crate::plan::merged).await.unwrap();
    assert!(again.iter().all(|m| *m == Merged::AlreadyDone));
}

#[tokio::test]
async fn an_unknown_or_already_merged_unit_refuses_the_whole_file() {
    let (store, _dir) = with_units().await;
    let mut mergers = tuan_giao_2025();
    mergers[5].olds.push(UnitCode::parse("X-KHONGCO").unwrap());
    let err =
        store.merge_units(&mergers, Actor::Cli, now(), crate::plan::merged).await.unwrap_err();
    assert!(err.is_user());
    // Nothing of the first five mergers was applied.
    assert_eq!(store.list_units(false).await.unwrap().len(), 19);

    store
        .merge_units(&tuan_giao_2025()[..1], Actor::Cli, now(), crate::plan::merged)
        .await
        .unwrap();
    let into = crate::domain::NewUnit::parse("X-KHAC", "Xã Khác", "commune", "").unwrap();
    let twice = Merger::new(vec![UnitCode::parse("X-QUAICANG").unwrap()], into, july_2025());
    let err = store
        .merge_units(&[twice.unwrap()], Actor::Cli, now(), crate::plan::merged)
        .await
        .unwrap_err();
    assert_eq!(err.user_message().key, "err-merge-already");
}

#[tokio::test]
async fn a_period_opened_before_a_rename_keeps_the_old_name() {
    let (store, _dir) = with_units().await;
    let period = open(&store, Audience::AllActive).await;
    let mut units = crate::domain::unit_import::parse_units_csv(include_bytes!(
        "../../examples/tuan-giao-units.csv"
    ))
    .unwrap();
    units[1].name = "Xã Chiềng Đông Mới".to_owned();
    store.import_units(&units, now()).await.unwrap();
    let progress = store.period_progress(&period).await.unwrap();
    assert_eq!(progress.units[1].unit.name, "Xã Chiềng Đông");
}

/// A merger in 2025 does not rewrite 2021: a commune that did not report then still has that
/// period counted against it, under its own name.
#[tokio::test]
async fn statistics_of_years_before_a_merger_do_not_change() {
    let (store, _dir) = with_units().await;
    open(&store, Audience::AllActive).await;
    let year = |y: i32| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    let later = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let before = store.unit_stats(year(2021), year(2022), later).await.unwrap();
    store.merge_units(&tuan_giao_2025(), Actor::Cli, now(), crate::plan::merged).await.unwrap();
    let after = store.unit_stats(year(2021), year(2022), later).await.unwrap();
    let nasay = |stats: &[crate::domain::stats::UnitStats]| {
        stats.iter().find(|s| s.unit.code.as_str() == "X-NASAY").map(|s| (s.required, s.missing()))
    };
    assert_eq!(nasay(&before), Some((1, 1)));
    assert_eq!(nasay(&after), Some((1, 1)), "the 2021 record stands after the 2025 merger");
}

/// A period closed before the merger keeps its history: its units that did not report are
/// missing, not merged.
#[tokio::test]
async fn a_period_closed_before_a_merger_keeps_its_missing_units() {
    let (store, _dir) = with_units().await;
    let period = open(&store, Audience::AllActive).await;
    store.close_period(period.id, Actor::Cli, now()).await.unwrap();
    store.merge_units(&tuan_giao_2025(), Actor::Cli, now(), crate::plan::merged).await.unwrap();
    let period = store.period(period.id).await.unwrap().unwrap();
    let progress = store.period_progress(&period).await.unwrap();
    let counts = progress.counts();
    assert_eq!((counts.merged, counts.missing, counts.total), (0, 19, 19));
    let nasay = progress.units.iter().find(|u| u.unit.code.as_str() == "X-NASAY").unwrap();
    assert_eq!(nasay.unit.name, "Xã Nà Sáy");
}
