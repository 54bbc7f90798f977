//! Making an invite link for a commune chair (reporter) or an officer.

use chrono::{DateTime, Utc};

use crate::domain::{InviteCode, InviteTtl, Member, Role, Unit, UnitCode};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::store::{Actor, NewInvite, Store};

/// What to invite, and who asks.
#[derive(Clone, Debug)]
pub struct InviteRequest {
    pub role: Role,
    /// Required for a reporter invite.
    pub unit: Option<UnitCode>,
    /// The officer asking; `None` from the command line (the server's operator).
    pub by: Option<Member>,
    pub ttl: InviteTtl,
}

/// A stored invite and its code (shown once).
#[derive(Clone, Debug)]
pub struct CreatedInvite {
    pub code: InviteCode,
    pub role: Role,
    pub unit: Option<Unit>,
    pub expires_at: DateTime<Utc>,
}

/// Checks the request and stores the invite.
pub async fn create(
    store: &Store,
    req: &InviteRequest,
    now: DateTime<Utc>,
) -> Result<CreatedInvite> {
    if let Some(by) = &req.by {
        if !by.role.may_invite(req.role) {
            return Err(Error::User(Msg::new("err-invite-not-allowed")));
        }
    }
    let unit = match (req.role, &req.unit) {
        (Role::Reporter, None) => return Err(Error::User(Msg::new("err-invite-needs-unit"))),
        (_, None) => None,
        (_, Some(code)) => Some(active_unit(store, code).await?),
    };
    let code = InviteCode::generate();
    let expires_at = req.ttl.expires_at(now);
    let invite = NewInvite {
        role: req.role,
        unit_id: unit.as_ref().map(|u| u.id),
        created_by: req.by.as_ref().map(|m| m.id),
        expires_at,
    };
    let actor = req.by.as_ref().map_or(Actor::Cli, |m| Actor::Member(m.id));
    store.create_invite(&code, &invite, actor, now).await?;
    Ok(CreatedInvite { code, role: req.role, unit, expires_at })
}

async fn active_unit(store: &Store, code: &UnitCode) -> Result<Unit> {
    match store.unit_by_code(code).await? {
        Some(unit) if unit.active => Ok(unit),
        Some(unit) => Err(Error::User(Msg::new("err-unit-inactive").arg("unit", unit.name))),
        None => Err(Error::User(Msg::new("err-unit-unknown").arg("code", code.as_str()))),
    }
}
