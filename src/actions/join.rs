//! Joining: a configured admin is registered as admin, an invite code makes its holder a member,
//! and someone already registered is told who they are.

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::{InviteCode, InviteStatus, Member, NewMember, Role, Unit};
use crate::error::Result;
use crate::store::{RedeemOutcome, Store};

/// What came of `/start`.
#[derive(Clone, Debug, PartialEq)]
pub enum Joined {
    /// Registered now (as admin from the configuration, or by an invite): with their unit.
    Welcome { member: Member, unit: Option<Unit> },
    /// Already registered, no code: who they are.
    Known { member: Member, unit: Option<Unit> },
    /// Not registered and no code: how to join.
    Guest,
    /// An admin opened an invite: they keep their role and the invite stays unused.
    AdminKeepsRole,
    /// The code cannot be used, and why.
    Rejected(InviteStatus),
}

/// `person` (as Telegram knows them; `current` their membership, if any) starts the bot with
/// `payload` (an invite code, or nothing).
pub async fn join(
    store: &Store,
    config: &Config,
    person: &NewMember,
    current: Option<&Member>,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<Joined> {
    if config.is_admin(person.tg_user_id) && current.map(|m| m.role) != Some(Role::Admin) {
        let admin = NewMember { role: Role::Admin, unit_id: None, ..person.clone() };
        let member = store.bootstrap_admin(&admin, now).await?;
        return welcome(store, member).await;
    }
    let payload = payload.trim();
    match (current, payload.is_empty()) {
        (Some(member), true) => {
            let unit = unit_of(store, member).await?;
            return Ok(Joined::Known { member: member.clone(), unit });
        }
        (None, true) => return Ok(Joined::Guest),
        (Some(member), false) if member.role == Role::Admin => return Ok(Joined::AdminKeepsRole),
        _ => {}
    }
    let Some(code) = InviteCode::parse(payload) else {
        return Ok(Joined::Rejected(InviteStatus::Unknown));
    };
    match store.redeem_invite(&code, person, now).await? {
        RedeemOutcome::Joined(member) => welcome(store, member).await,
        RedeemOutcome::Rejected(status) => Ok(Joined::Rejected(status)),
    }
}

async fn welcome(store: &Store, member: Member) -> Result<Joined> {
    let unit = unit_of(store, &member).await?;
    Ok(Joined::Welcome { member, unit })
}

async fn unit_of(store: &Store, member: &Member) -> Result<Option<Unit>> {
    match member.unit_id {
        Some(id) => store.unit_by_id(id).await,
        None => Ok(None),
    }
}
