//! Tests of `deliveries.rs`.

use super::*;
use crate::store::test_support::store;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_623_800_000, 0).unwrap()
}

fn reminder(key: &str, chat: i64) -> NewDelivery {
    NewDelivery {
        kind: DeliveryKind::Reminder,
        dedup_key: key.into(),
        period_id: None,
        unit_id: None,
        member_id: None,
        channel: "telegram".into(),
        address: chat.to_string(),
        stage: Some(Stage::Before(7)),
        decision: None,
        announcement: None,
    }
}

#[tokio::test]
async fn the_same_key_is_added_once_and_claimed_once() {
    let (store, _dir) = store().await;
    assert_eq!(
        store
            .add_deliveries(&[reminder("a", 1), reminder("a", 1), reminder("b", 2)], now())
            .await
            .unwrap(),
        2
    );
    let claimed = store.claim_deliveries(now(), 10).await.unwrap();
    assert_eq!(claimed.len(), 2);
    assert!(
        store.claim_deliveries(now(), 10).await.unwrap().is_empty(),
        "a fresh claim is not taken twice"
    );
    store.finish_delivery(&claimed[0], &DeliveryOutcome::Sent, now()).await.unwrap();
    assert_eq!(store.add_deliveries(&[reminder("a", 1)], now()).await.unwrap(), 0);
}

#[tokio::test]
async fn a_stale_claim_and_a_due_retry_are_taken_again() {
    let (store, _dir) = store().await;
    store.add_deliveries(&[reminder("a", 1), reminder("b", 2)], now()).await.unwrap();
    let claimed = store.claim_deliveries(now(), 10).await.unwrap();
    let retry_at = now() + Duration::minutes(1);
    store
        .finish_delivery(
            &claimed[1],
            &DeliveryOutcome::Failed { error: "502".into(), retry_at },
            now(),
        )
        .await
        .unwrap();
    // claimed[0] was never marked: the process died while sending it.
    let later = now() + STALE_CLAIM + Duration::seconds(1);
    let again = store.claim_deliveries(later, 10).await.unwrap();
    assert_eq!(
        again.iter().map(|d| (d.dedup_key.as_str(), d.attempts)).collect::<Vec<_>>(),
        [("a", 2), ("b", 2)]
    );
}

#[tokio::test]
async fn job_runs_are_remembered() {
    let (store, _dir) = store().await;
    assert_eq!(store.job_last_fired("sweep").await.unwrap(), None);
    store.record_job_run("sweep", now(), &[], now()).await.unwrap();
    assert_eq!(store.job_last_fired("sweep").await.unwrap(), Some(now()));
}
