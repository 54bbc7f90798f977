//! The outbox against a scripted channel: what is sent, what is recorded, and what is tried again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::Duration;
use futures::future::BoxFuture;

use super::*;
use crate::actions::test_support::world;
use crate::domain::delivery::DeliveryStatus;
use crate::domain::{ManualClock, Role};

/// A channel that records what it sends and answers each chat as told (once per answer).
#[derive(Default)]
struct Script {
    /// The channel's word; Telegram's when not set.
    word: Option<&'static str>,
    sent: Mutex<Vec<(i64, String)>>,
    answers: Mutex<HashMap<i64, Vec<SendError>>>,
}

impl Script {
    fn answer(&self, chat: i64, error: SendError) {
        if let Ok(mut answers) = self.answers.lock() {
            answers.entry(chat).or_default().push(error);
        }
    }

    fn sent_to(&self, chat: i64) -> usize {
        self.sent.lock().map(|s| s.iter().filter(|(c, _)| *c == chat).count()).unwrap_or(0)
    }
}

impl Channel for Script {
    fn name(&self) -> &'static str {
        self.word.unwrap_or(crate::domain::contact::TELEGRAM)
    }

    fn send<'a>(
        &'a self,
        address: &'a str,
        message: &'a OutMessage,
        pace: Pace<'a>,
    ) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(async move {
            let chat: i64 = address.parse().unwrap_or_default();
            loop {
                pace.wait().await;
                let scripted = self.answers.lock().ok().and_then(|mut a| {
                    let list = a.get_mut(&chat)?;
                    (!list.is_empty()).then(|| list.remove(0))
                });
                match scripted {
                    // As the Telegram channel does: wait as asked, then the same request again.
                    Some(SendError::RetryAfter(wait, _)) => tokio::time::sleep(wait).await,
                    Some(error) => return Err(error),
                    None => {
                        if let Ok(mut sent) = self.sent.lock() {
                            sent.push((chat, message.parts.join("\n")));
                        }
                        return Ok(());
                    }
                }
            }
        })
    }

    fn fetch_file<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<Vec<u8>, SendError>> {
        Box::pin(async move {
            match self.word {
                Some(word) => Ok(format!("{word} file {id}").into_bytes()),
                None => Err(SendError::Failed("no files here".into())),
            }
        })
    }
}

struct Rig {
    world: crate::actions::test_support::World,
    script: Arc<Script>,
    outbox: Outbox,
    clock: Arc<ManualClock>,
}

async fn rig() -> Rig {
    let world = world().await;
    let script = Arc::new(Script::default());
    let clock = world.clock.clone();
    let config = Arc::new(crate::actions::test_support::config(""));
    let channel: Arc<dyn Channel> = script.clone();
    let telegram = Paced { channel, pacer: crate::pacer::Pacer::new(&config.throttle) };
    let outbox = Outbox::new(world.store.clone(), vec![telegram], config, clock.clone());
    Rig { world, script, outbox, clock }
}

/// The notice of a lost reply to `chat`, recorded now; its key.
async fn notice(rig: &Rig, chat: i64) -> String {
    let planned =
        crate::plan::unconfirmed(&crate::domain::Contact::telegram(chat), rig.clock.now());
    rig.world.store.add_deliveries(std::slice::from_ref(&planned), rig.clock.now()).await.unwrap();
    planned.dedup_key
}

async fn status(rig: &Rig, key: &str) -> DeliveryStatus {
    rig.world.store.delivery_status_of(&[key.to_owned()]).await.unwrap()[0]
}

#[tokio::test]
async fn a_delivery_is_sent_once_and_recorded_as_sent() {
    let rig = rig().await;
    rig.world.person(1001, Role::Reporter, Some("X-TAMA")).await;
    let key = notice(&rig, 1001).await;
    let report = rig.outbox.flush().await.unwrap();
    assert_eq!(report, FlushReport { sent: 1, ..FlushReport::default() });
    assert_eq!(status(&rig, &key).await, DeliveryStatus::Sent);
    assert_eq!(rig.outbox.flush().await.unwrap(), FlushReport::default(), "not twice");
    assert_eq!(rig.script.sent_to(1001), 1);
}

#[tokio::test]
async fn a_person_gone_from_the_channel_is_marked_unreachable_and_not_tried_again() {
    let rig = rig().await;
    let chair = rig.world.person(1001, Role::Reporter, Some("X-TAMA")).await;
    rig.script.answer(1001, SendError::Gone("403: bot was blocked".into()));
    let key = notice(&rig, 1001).await;
    assert_eq!(rig.outbox.flush().await.unwrap().blocked, 1);
    assert_eq!(status(&rig, &key).await, DeliveryStatus::Blocked);
    let member = rig.world.store.member_by_id(chair.id).await.unwrap().unwrap();
    assert!(!member.reachable(), "the board says so");
    rig.clock.advance(Duration::hours(2));
    assert_eq!(rig.outbox.flush().await.unwrap(), FlushReport::default());
}

#[tokio::test]
async fn a_wait_asked_for_is_waited_out_within_the_same_send() {
    let rig = rig().await;
    let wait = SendError::RetryAfter(StdDuration::from_millis(20), "429".into());
    rig.script.answer(1001, wait.clone());
    rig.script.answer(1001, wait);
    let key = notice(&rig, 1001).await;
    assert_eq!(rig.outbox.flush().await.unwrap().sent, 1);
    assert_eq!(status(&rig, &key).await, DeliveryStatus::Sent);
}

#[tokio::test]
async fn a_failure_is_tried_again_after_its_backoff_and_then_sent() {
    let rig = rig().await;
    rig.script.answer(1001, SendError::Failed("502 Bad Gateway".into()));
    let key = notice(&rig, 1001).await;
    assert_eq!(rig.outbox.flush().await.unwrap().failed, 1);
    assert_eq!(status(&rig, &key).await, DeliveryStatus::Failed);
    // Not before its time…
    assert_eq!(rig.outbox.flush().await.unwrap(), FlushReport::default());
    // …and once it has come, it goes.
    rig.clock.advance(Duration::minutes(1));
    assert_eq!(rig.outbox.flush().await.unwrap().sent, 1);
    assert_eq!(status(&rig, &key).await, DeliveryStatus::Sent);
    assert_eq!(rig.script.sent_to(1001), 1);
}

#[test]
fn the_backoff_grows_and_stops_at_an_hour() {
    assert_eq!(backoff(1), Duration::seconds(30));
    assert_eq!(backoff(2), Duration::seconds(60));
    assert_eq!(backoff(8), Duration::hours(1));
    assert_eq!(backoff(80), Duration::hours(1));
}

/// A third channel is an adapter: a `Channel` under its own word, given to the outbox beside
/// Telegram. A member reached there gets what the outbox sends, and a file whose id names it is
/// fetched from it — no change to the rules, the plan or the outbox.
#[tokio::test]
async fn a_third_channel_is_an_adapter_beside_telegram() {
    let rig = rig().await;
    let zalo = Arc::new(Script { word: Some("zalo"), ..Script::default() });
    let config = Arc::new(crate::actions::test_support::config(""));
    let channels = vec![
        Paced { channel: rig.script.clone(), pacer: crate::pacer::Pacer::new(&config.throttle) },
        Paced { channel: zalo.clone(), pacer: crate::pacer::Pacer::new(&config.throttle) },
    ];
    let outbox = Outbox::new(rig.world.store.clone(), channels, config, rig.clock.clone());
    let on_zalo =
        crate::domain::Contact { channel: "zalo".into(), address: "7007".into(), reachable: true };
    let new = crate::domain::NewMember {
        tg_user_id: None,
        contacts: vec![on_zalo.clone()],
        full_name: "Lò Văn Hùng".into(),
        username: None,
        role: Role::Reporter,
        unit_id: Some(rig.world.unit("X-TAMA").await),
        lang: crate::i18n::Lang::Vi,
    };
    let mut tx = rig.world.store.write().await.unwrap();
    crate::store::members::upsert(&mut tx, &new, None, rig.clock.now()).await.unwrap();
    tx.commit().await.unwrap();
    let planned = crate::plan::unconfirmed(&on_zalo, rig.clock.now());
    rig.world.store.add_deliveries(std::slice::from_ref(&planned), rig.clock.now()).await.unwrap();
    assert_eq!(outbox.flush().await.unwrap().sent, 1);
    assert_eq!((zalo.sent_to(7007), rig.script.sent_to(7007)), (1, 0), "on its own channel");
    let holder = outbox.channel(crate::domain::contact::file_source("zalo:f81c2").0).unwrap();
    assert_eq!(holder.fetch_file("f81c2").await.unwrap(), b"zalo file f81c2");
}
