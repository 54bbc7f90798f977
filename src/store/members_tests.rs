//! Members: registration, look-up, removal, admins.
use super::*;
use crate::store::test_support::store;

pub(crate) fn person(tg: i64) -> NewMember {
    NewMember {
        tg_user_id: Some(tg),
        contacts: vec![crate::domain::Contact::telegram(tg)],
        full_name: "Lò Văn Admin".to_owned(),
        username: None,
        role: Role::Reporter,
        unit_id: None,
        lang: Lang::Vi,
    }
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_623_800_000, 0).unwrap()
}

/// Writers that read before they write (the registration of a member) wait for each other:
/// with deferred transactions one of them failed at once with "database is locked".
#[tokio::test]
async fn concurrent_writers_wait_for_each_other_instead_of_failing() {
    let (store, _dir) = store().await;
    let joins = (0..40).map(|i| {
        let store = store.clone();
        async move { store.bootstrap_admin(&person(100 + i), now()).await }
    });
    let results = futures::future::join_all(joins).await;
    let failed: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(failed.is_empty(), "{failed:?}");
    assert_eq!(store.officers().await.unwrap().len(), 40);
}

#[tokio::test]
async fn bootstrapped_admin_is_found_by_telegram_id_and_joins_once() {
    let (store, _dir) = store().await;
    let admin = store.bootstrap_admin(&person(7), now()).await.unwrap();
    assert_eq!(admin.role, Role::Admin);
    store.bootstrap_admin(&person(7), now()).await.unwrap();
    assert_eq!(store.member_by_tg_user(7).await.unwrap(), Some(admin));
    assert_eq!(store.recent_events(Some("member.joined"), 10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn removed_member_is_no_longer_found_but_stays_listed_as_removed() {
    let (store, _dir) = store().await;
    let admin = store.bootstrap_admin(&person(7), now()).await.unwrap();
    assert!(store.remove_member(admin.id, Actor::Cli, now()).await.unwrap());
    assert!(!store.remove_member(admin.id, Actor::Cli, now()).await.unwrap());
    assert_eq!(store.member_by_tg_user(7).await.unwrap(), None);
    assert!(store.list_members(false).await.unwrap().is_empty());
    assert_eq!(store.list_members(true).await.unwrap().len(), 1);
}

#[tokio::test]
async fn language_is_remembered() {
    let (store, _dir) = store().await;
    let admin = store.bootstrap_admin(&person(7), now()).await.unwrap();
    store.set_member_lang(admin.id, Lang::En).await.unwrap();
    assert_eq!(store.member_by_tg_user(7).await.unwrap().unwrap().lang, Lang::En);
}
