//! The writer: group commit, a failed write alone, a rollback inside a group, durability, and
//! the read model kept true by this process's writes and by another process's.

use std::time::{Duration, Instant};

use crate::domain::{Audience, Draft, MemberId, PeriodId, UnitId};
use crate::store::members::tests::person;
use crate::store::periods::tests::{now, open, with_units};
use crate::store::test_support::{numbers, store};
use crate::store::{Actor, Store};

/// Writes `n` chats' states from tasks of their own; they queue behind whatever holds the writer.
fn states(store: &Store, n: i64) -> Vec<tokio::task::JoinHandle<crate::error::Result<()>>> {
    (0..n)
        .map(|chat| {
            let store = store.clone();
            tokio::spawn(async move { store.save_dialogue(chat, "{}", now()).await })
        })
        .collect()
}

/// Lets the spawned tasks run until each has queued its write.
async fn let_them_queue() {
    for _ in 0..50 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn the_writes_waiting_behind_a_transaction_are_committed_together() {
    let (store, _dir) = store().await;
    let tx = store.write().await.unwrap();
    let before = store.commits();
    let waiting = states(&store, 20);
    let_them_queue().await;
    tx.commit().await.unwrap();
    for write in waiting {
        write.await.unwrap().unwrap();
    }
    // One commit for the transaction and at most one more for the twenty: not twenty-one.
    assert!(store.commits() - before <= 2, "{} commits", store.commits() - before);
    assert_eq!(numbers(&store, "SELECT COUNT(*) FROM dialogues").await, [[20]]);
}

#[tokio::test]
async fn a_write_that_fails_is_told_so_alone_and_the_others_of_its_group_are_committed() {
    let (store, _dir) = store().await;
    let tx = store.write().await.unwrap();
    let waiting = states(&store, 10);
    let bad = {
        let store = store.clone();
        // No such period, unit or member: the foreign keys refuse it.
        let key = (PeriodId(99), UnitId(99), MemberId(99));
        tokio::spawn(async move {
            store.save_draft(key.0, key.1, key.2, &Draft::default(), now()).await
        })
    };
    let more = states(&store, 30);
    let_them_queue().await;
    tx.commit().await.unwrap();
    assert!(bad.await.unwrap().is_err());
    for write in waiting.into_iter().chain(more) {
        write.await.unwrap().unwrap();
    }
    assert_eq!(numbers(&store, "SELECT COUNT(*) FROM dialogues").await, [[30]]);
}

#[tokio::test]
async fn a_transaction_dropped_in_a_group_undoes_only_its_own_writes() {
    let (store, _dir) = store().await;
    let tx = store.write().await.unwrap();
    let first = states(&store, 5);
    let dropped = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut tx = store.write().await.unwrap();
            sqlx::query(
                "INSERT INTO dialogues (chat_id, state_json, updated_at) VALUES (100, '{}', 0)",
            )
            .execute(&mut *tx)
            .await
            .unwrap();
            // Refused half-way (as `add_member` is): dropped, not committed.
        })
    };
    let_them_queue().await;
    tx.commit().await.unwrap();
    dropped.await.unwrap();
    for write in first {
        write.await.unwrap().unwrap();
    }
    store.save_dialogue(200, "{}", now()).await.unwrap();
    let chats = numbers(&store, "SELECT chat_id FROM dialogues ORDER BY chat_id").await;
    assert_eq!(chats, [[0], [1], [2], [3], [4], [200]]);
}

#[tokio::test]
async fn an_acknowledged_write_is_synced_to_disk_before_the_answer() {
    let (store, _dir) = store().await;
    let mut tx = store.write().await.unwrap();
    let level: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *tx).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(level, 2, "FULL: the WAL is synced at every commit");
}

#[tokio::test]
async fn this_processs_own_writes_are_seen_at_once() {
    let (store, _dir) = with_units().await;
    let period = open(&store, Audience::AllActive).await;
    let member = store.bootstrap_admin(&person(7), now()).await.unwrap();
    assert_eq!(store.member_by_tg_user(7).await.unwrap(), Some(member.clone()));
    store.remove_member(member.id, Actor::Cli, now()).await.unwrap();
    assert_eq!(store.member_by_tg_user(7).await.unwrap(), None);
    assert!(store.period(period.id).await.unwrap().unwrap().is_open());
    store.close_period(period.id, Actor::Cli, now()).await.unwrap();
    assert!(!store.period(period.id).await.unwrap().unwrap().is_open());
}

#[tokio::test]
async fn another_processs_write_is_seen_within_a_second() {
    let (store, dir) = store().await;
    let member = store.bootstrap_admin(&person(7), now()).await.unwrap();
    assert!(store.member_by_tg_user(7).await.unwrap().is_some());
    let cli = Store::connect(&dir.path().join("test.db")).await.unwrap();
    cli.remove_member(member.id, Actor::Cli, now()).await.unwrap();
    cli.close().await;
    let deadline = Instant::now() + Duration::from_secs(1);
    while store.member_by_tg_user(7).await.unwrap().is_some() {
        assert!(Instant::now() < deadline, "the removal was not seen within a second");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The officers a submission tells are held too: one added with only an e-mail address by another
/// process (`baocao member add --role officer --email …`) is among them within a second.
#[tokio::test]
async fn an_officer_added_by_another_process_is_among_the_officers_within_a_second() {
    let (store, dir) = store().await;
    assert!(store.officers().await.unwrap().is_empty(), "held: no officer");
    let cli = Store::connect(&dir.path().join("test.db")).await.unwrap();
    let address = crate::domain::Contact::email("thidua@example.gov.vn");
    let new = crate::domain::NewMember {
        tg_user_id: None,
        contacts: vec![address],
        role: crate::domain::Role::Officer,
        ..person(0)
    };
    let added = cli.add_member(&new, None, Actor::Cli, now()).await.unwrap().unwrap();
    cli.close().await;
    let deadline = Instant::now() + Duration::from_secs(1);
    while store.officers().await.unwrap() != [added.clone()] {
        assert!(Instant::now() < deadline, "the new officer was not seen within a second");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A draft saved by the chairs' form and one saved by the chat are the same draft: each reads
/// what the other saved last, held or not.
#[tokio::test]
async fn the_form_and_the_chat_read_the_one_draft_each_saved_last() {
    let (store, _dir) = with_units().await;
    let period = open(&store, Audience::AllActive).await;
    let member = store.bootstrap_admin(&person(7), now()).await.unwrap().id;
    let unit = UnitId(2);
    let mut chat = Draft::default();
    chat.answers.insert("ket_qua".into(), crate::domain::Answer::Text { text: "chat".into() });
    let state = crate::store::ChatState { chat_id: 1001, json: "{}".into() };
    store.save_draft_then(period.id, unit, member, &chat, Some(&state), now()).await.unwrap();
    assert_eq!(store.draft(period.id, unit, member).await.unwrap(), Some(chat.clone()));
    let mut page = chat.clone();
    page.answers.insert("chi_tieu".into(), crate::domain::Answer::Fraction { num: 12, den: 15 });
    store.save_draft(period.id, unit, member, &page, now()).await.unwrap();
    let view = store.period_for_reporter(period.id, unit, member).await.unwrap().unwrap();
    assert_eq!(view.draft, Some(page));
}
