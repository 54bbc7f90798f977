//! Data made straight in the database, as if each chair had opened their invite link: for tests
//! and the benchmark that need many registered chairs.

use baocao::domain::unit_import::parse_units_csv;
use baocao::domain::{InviteCode, InviteTtl, Member, NewMember, Role, UnitCode};
use baocao::i18n::Lang;
use baocao::store::{Actor, NewInvite, RedeemOutcome, Store};
use chrono::Utc;
use futures::StreamExt;

/// Imports `n` communes `X-00000`, `X-00001`, … and returns one reporter invite code for each.
pub async fn units_with_invites(store: &Store, n: usize) -> Vec<String> {
    let mut csv = "code,name,kind,cluster\n".to_owned();
    for i in 0..n {
        csv.push_str(&format!("X-{i:05},Xã Thử {i},commune,\n"));
    }
    store.import_units(&parse_units_csv(csv.as_bytes()).unwrap(), Utc::now()).await.unwrap();
    // Many at once: the store's writer commits the writes waiting together (each commit is
    // synced to disk, so one at a time would take a sync each).
    let one = |i: usize| async move {
        let code = UnitCode::parse(&format!("X-{i:05}")).unwrap();
        let unit = store.unit_by_code(&code).await.unwrap().unwrap();
        let invite = NewInvite {
            role: Role::Reporter,
            unit_id: Some(unit.id),
            created_by: None,
            expires_at: InviteTtl::default().expires_at(Utc::now()),
        };
        let code = InviteCode::generate();
        store.create_invite(&code, &invite, Actor::Cli, Utc::now()).await.unwrap();
        code.as_str().to_owned()
    };
    futures::stream::iter(0..n).map(one).buffered(64).collect().await
}

/// Registers a reporter for each invite code, with Telegram ids (and chats) from `first_id` on.
pub async fn register(store: &Store, codes: &[String], first_id: i64) -> Vec<Member> {
    let one = |(i, code): (usize, String)| async move {
        let id = first_id + i as i64;
        let person = NewMember {
            tg_user_id: Some(id),
            contacts: vec![baocao::domain::Contact::telegram(id)],
            full_name: format!("Chủ tịch {i}"),
            username: None,
            role: Role::Reporter,
            unit_id: None,
            lang: Lang::Vi,
        };
        let code = InviteCode::parse(&code).unwrap();
        match store.redeem_invite(&code, &person, Utc::now()).await.unwrap() {
            RedeemOutcome::Joined(m) => m,
            other => panic!("invite refused: {other:?}"),
        }
    };
    futures::stream::iter(codes.iter().cloned().enumerate()).map(one).buffered(64).collect().await
}
