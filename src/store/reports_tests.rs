//! Submitting, revising and reading reports against a real migrated database.

use super::*;
use crate::domain::{Audience, NewMember, Role, UnitCode};
use crate::i18n::Lang;
use crate::store::periods::tests::{now, open, with_units};
use crate::store::ChatState;
use chrono::Duration;

async fn reporter(store: &Store, tg: i64, unit: UnitId) -> MemberId {
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
    let m = crate::store::members::upsert(&mut tx, &new, Some(Actor::Cli), now()).await.unwrap();
    tx.commit().await.unwrap();
    m.id
}

fn complete(base_revision: i64) -> Draft {
    let mut answers = BTreeMap::new();
    answers.insert("ket_qua".into(), Answer::Text { text: "Hoàn thành tốt".into() });
    answers.insert("chi_tieu".into(), Answer::Fraction { num: 12, den: 15 });
    answers.insert("phong_trao".into(), Answer::Number { value: 3 });
    answers.insert("dien_hinh".into(), Answer::Number { value: 5 });
    Draft { answers, base_revision }
}

#[tokio::test]
async fn a_submitted_draft_becomes_the_report_and_a_second_submit_finds_nothing() {
    let (store, _dir) = with_units().await;
    let period = open(&store, Audience::AllActive).await;
    let tama = store.unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap().id;
    let chair = reporter(&store, 1, tama).await;
    store.save_draft(period.id, tama, chair, &complete(0), now()).await.unwrap();
    let Some(SubmitOutcome::Submitted { report, submission }) =
        store.submit_report(period.id, tama, chair, now()).await.unwrap()
    else {
        panic!("should submit");
    };
    assert_eq!(submission, Submission::First { on_time: true });
    assert_eq!(report.answers, complete(0).answers);
    assert_eq!(store.draft(period.id, tama, chair).await.unwrap(), None);
    assert_eq!(store.submit_report(period.id, tama, chair, now()).await.unwrap(), None);
}

#[tokio::test]
async fn a_revision_keeps_the_old_report_and_a_stale_draft_conflicts() {
    let (store, _dir) = with_units().await;
    let period = open(&store, Audience::AllActive).await;
    let tama = store.unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap().id;
    let (a, b) = (reporter(&store, 1, tama).await, reporter(&store, 2, tama).await);
    store.save_draft(period.id, tama, a, &complete(0), now()).await.unwrap();
    store.save_draft(period.id, tama, b, &complete(0), now()).await.unwrap();
    let Some(SubmitOutcome::Submitted { report: first, .. }) =
        store.submit_report(period.id, tama, a, now()).await.unwrap()
    else {
        panic!("a's draft is the first report");
    };
    assert_eq!(Some(first), store.report(period.id, tama).await.unwrap());
    let later = now() + Duration::hours(1);
    let Some(SubmitOutcome::Refused(Refusal::Conflict { by, .. })) =
        store.submit_report(period.id, tama, b, later).await.unwrap()
    else {
        panic!("b's draft is stale");
    };
    assert_eq!(by, "Chủ tịch 1");
    assert!(store.draft(period.id, tama, b).await.unwrap().is_some(), "nothing b typed is lost");
    store.save_draft(period.id, tama, b, &complete(1), later).await.unwrap();
    let Some(SubmitOutcome::Submitted { report, .. }) =
        store.submit_report(period.id, tama, b, later).await.unwrap()
    else {
        panic!("b may now replace it");
    };
    assert_eq!(report.revision, 2);
    assert_eq!(report.submitted_by_name, "Chủ tịch 2");
    assert!(report.on_time);
    // What the submission returns (made in memory, not read back) is what is stored.
    assert_eq!(Some(report.clone()), store.report(period.id, tama).await.unwrap());
    let history = store.report_revisions(report.id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].1, "Chủ tịch 1");
}

#[tokio::test]
async fn an_incomplete_draft_is_refused_and_kept() {
    let (store, _dir) = with_units().await;
    let period = open(&store, Audience::AllActive).await;
    let tama = store.unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap().id;
    let chair = reporter(&store, 1, tama).await;
    let mut draft = complete(0);
    draft.answers.remove("ket_qua");
    store.save_draft(period.id, tama, chair, &draft, now()).await.unwrap();
    let out = store.submit_report(period.id, tama, chair, now()).await.unwrap();
    assert_eq!(out, Some(SubmitOutcome::Refused(Refusal::Incomplete(vec!["ket_qua".into()]))));
    assert_eq!(store.report(period.id, tama).await.unwrap(), None);
}

#[tokio::test]
async fn a_step_reads_the_reporters_own_draft_and_saves_it_with_the_next_state() {
    let (store, _dir) = with_units().await;
    let period = open(&store, Audience::AllActive).await;
    let tama = store.unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap().id;
    let (a, b) = (reporter(&store, 1, tama).await, reporter(&store, 2, tama).await);
    let state = ChatState { chat_id: 1, json: r#"{"Reviewing":{"period_id":1}}"#.into() };
    store.save_draft_then(period.id, tama, a, &complete(0), Some(&state), now()).await.unwrap();
    // The draft and the state are both stored.
    let seen = store.period_for_reporter(period.id, tama, a).await.unwrap().unwrap();
    assert_eq!(seen.draft, Some(complete(0)));
    assert_eq!(store.load_dialogue(1).await.unwrap(), Some(state.json.clone()));
    // A colleague of the same unit sees no draft of theirs.
    let theirs = store.period_for_reporter(period.id, tama, b).await.unwrap().unwrap();
    assert_eq!((theirs.draft, theirs.in_period), (None, true));
    // A draft that cannot be saved (no such member) leaves the state as it was.
    let next = ChatState {
        chat_id: 1,
        json: r#"{"Answering":{"period_id":1,"index":0,"editing":false}}"#.into(),
    };
    let draft = complete(0);
    let refused = store.save_draft_then(period.id, tama, MemberId(999), &draft, Some(&next), now());
    assert!(refused.await.is_err());
    assert_eq!(store.load_dialogue(1).await.unwrap(), Some(state.json));
}
