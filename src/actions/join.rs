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
        // A Telegram chat is its own person's: it is never another's.
        RedeemOutcome::ContactTaken { .. } => Ok(Joined::Rejected(InviteStatus::Unknown)),
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

/// What someone fills in on the join page of the web (they have no Telegram identity).
#[derive(Clone, Debug)]
pub struct WebJoiner {
    pub name: String,
    pub position: Option<String>,
    pub email: String,
    pub lang: crate::i18n::Lang,
}

/// What the join page says about a code before anything is used: who it makes of its holder.
#[derive(Clone, Debug, PartialEq)]
pub enum Invitation {
    Open { role: Role, unit: Option<Unit>, expires_at: DateTime<Utc> },
    Closed(InviteStatus),
}

/// The invitation with this code, without using it.
pub async fn invitation(app: &App, code: &str) -> Result<Invitation> {
    let Some(code) = InviteCode::parse(code) else {
        return Ok(Invitation::Closed(InviteStatus::Unknown));
    };
    match app.store.peek_invite(&code, app.now()).await? {
        (Some(invite), InviteStatus::Valid) => {
            let unit = match invite.unit_id {
                Some(id) => app.store.unit_by_id(id).await?,
                None => None,
            };
            Ok(Invitation::Open { role: invite.role, unit, expires_at: invite.expires_at })
        }
        (_, status) => Ok(Invitation::Closed(status)),
    }
}

/// What came of joining on the web.
#[derive(Debug)]
pub enum WebJoined {
    /// Registered, and signed in on this browser (the session names the member).
    Welcome(Box<super::web::Opened>),
    /// Refused, and why (what was typed, or the invitation).
    Refused(crate::i18n::Msg),
}

/// Registers the holder of invitation `code` from the join page: their name, position and
/// e-mail address (their contact), as the invitation's role and unit; then opens their session.
pub async fn join_on_web(app: &App, code: &str, joiner: &WebJoiner) -> Result<WebJoined> {
    use crate::domain::member::parse_person_text;
    use crate::i18n::Msg;
    let refused = |key: &'static str| Ok(WebJoined::Refused(Msg::new(key)));
    let Some(name) = parse_person_text(&joiner.name) else {
        return refused("profile-name-invalid");
    };
    let position = match joiner.position.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(typed) => match parse_person_text(typed) {
            Some(position) => Some(position),
            None => return refused("profile-position-invalid"),
        },
        None => None,
    };
    let email = match crate::domain::contact::parse_email(&joiner.email) {
        Ok(email) => email,
        Err(msg) => return Ok(WebJoined::Refused(msg)),
    };
    // An admin's address is theirs from the configuration, whether or not they signed in yet.
    if app.config().is_admin_email(&email) {
        return Ok(WebJoined::Refused(Msg::new("join-web-email-taken").arg("email", email)));
    }
    let Some(code) = InviteCode::parse(code) else { return refused("join-web-unknown") };
    let person = NewMember {
        tg_user_id: None,
        contacts: vec![crate::domain::Contact::email(&email)],
        full_name: name,
        username: None,
        role: Role::Reporter,
        unit_id: None,
        lang: joiner.lang,
    };
    let now = app.now();
    let member = match app.store.redeem_invite_hash(&code.hash(), &person, now).await? {
        RedeemOutcome::Joined(member) => member,
        RedeemOutcome::Rejected(status) => return Ok(WebJoined::Refused(closed(status))),
        RedeemOutcome::ContactTaken { .. } => {
            return Ok(WebJoined::Refused(Msg::new("join-web-email-taken").arg("email", email)));
        }
    };
    app.store.set_member_name(member.id, &member.full_name).await?;
    if let Some(position) = &position {
        app.store.set_member_position(member.id, Some(position)).await?;
    }
    let member = app.store.member_by_id(member.id).await?.unwrap_or(member);
    match super::web::session_now(app, &member).await? {
        Ok(session) => Ok(WebJoined::Welcome(Box::new(session))),
        Err(_) => refused("join-web-unknown"),
    }
}

/// Why an invitation cannot be used, as the join page says it.
pub fn closed(status: InviteStatus) -> crate::i18n::Msg {
    crate::i18n::Msg::new(match status {
        InviteStatus::Expired => "join-web-expired",
        InviteStatus::Used => "join-web-used",
        InviteStatus::UnitInactive => "join-web-unit-inactive",
        InviteStatus::Valid | InviteStatus::Unknown => "join-web-unknown",
    })
}
