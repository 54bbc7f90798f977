//! Joining: a configured admin is registered as admin, an invite code makes its holder a member,
//! and someone already registered is told who they are.

use chrono::{DateTime, Utc};

use crate::domain::{Invite, InviteCode, InviteStatus, Member, NewMember, Role, Unit};
use crate::error::Result;
use crate::store::RedeemOutcome;

use super::App;

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
    /// Someone opened an invite that would take their role away, or give them what they already
    /// are (an officer, a unit's reporter): they keep their role and the invite stays unused, for
    /// the person it was made for.
    KeepsRole { role: Role },
    /// A reporter of one unit opened another unit's invite: they are asked to confirm the move
    /// (`invite` is the code's hash, kept while they decide; the invite is not used yet).
    ConfirmMove { from: Option<Unit>, to: Option<Unit>, invite: String },
    /// The code cannot be used, and why.
    Rejected(InviteStatus),
}

/// `person` (as Telegram knows them; `current` their membership, if any) starts the bot with
/// `payload` (an invite code, or nothing).
pub async fn join(
    app: &App,
    person: &NewMember,
    current: Option<&Member>,
    payload: &str,
) -> Result<Joined> {
    let (store, now) = (&app.store, app.now());
    if person.tg_user_id.is_some_and(|tg| app.config.is_admin(tg))
        && current.map(|m| m.role) != Some(Role::Admin)
    {
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
    if let Some(member) = current {
        match store.peek_invite(&code, now).await? {
            (Some(invite), InviteStatus::Valid) => {
                if let Some(joined) = existing_member(store, member, &invite, &code).await? {
                    return Ok(joined);
                }
            }
            (_, status) => return Ok(Joined::Rejected(status)),
        }
    }
    redeem_at(store, &code.hash(), person, now).await
}

/// What an invite means for someone already registered: `None` when it may simply be used
/// (a reporter given an officer's invite is promoted).
async fn existing_member(
    store: &crate::store::Store,
    member: &Member,
    invite: &Invite,
    code: &InviteCode,
) -> Result<Option<Joined>> {
    let keeps = Joined::KeepsRole { role: member.role };
    Ok(match (member.role, invite.role) {
        (Role::Admin | Role::Officer, Role::Reporter) | (Role::Officer, Role::Officer) => {
            Some(keeps)
        }
        (Role::Reporter, Role::Reporter) if member.unit_id == invite.unit_id => Some(keeps),
        (Role::Reporter, Role::Reporter) => {
            let from = unit_of(store, member).await?;
            let to = match invite.unit_id {
                Some(id) => store.unit_by_id(id).await?,
                None => None,
            };
            Some(Joined::ConfirmMove { from, to, invite: code.hash() })
        }
        _ => None,
    })
}

/// Uses the invite with this code hash for `person` (after they confirmed a move, say).
pub async fn redeem(app: &App, invite: &str, person: &NewMember) -> Result<Joined> {
    redeem_at(&app.store, invite, person, app.now()).await
}

async fn redeem_at(
    store: &crate::store::Store,
    invite: &str,
    person: &NewMember,
    now: DateTime<Utc>,
) -> Result<Joined> {
    match store.redeem_invite_hash(invite, person, now).await? {
        RedeemOutcome::Joined(member) => welcome(store, member).await,
        RedeemOutcome::Rejected(status) => Ok(Joined::Rejected(status)),
    }
}

async fn welcome(store: &crate::store::Store, member: Member) -> Result<Joined> {
    let unit = unit_of(store, &member).await?;
    Ok(Joined::Welcome { member, unit })
}

async fn unit_of(store: &crate::store::Store, member: &Member) -> Result<Option<Unit>> {
    match member.unit_id {
        Some(id) => store.unit_by_id(id).await,
        None => Ok(None),
    }
}
