//! The web console's sign-in: a one-time link asked for in the chat (or printed by the operator)
//! opens a session in the browser. Links and sessions are random 128-bit codes, kept only hashed.
//! A session is worth its member's role at every request: a removed or demoted officer is out
//! at once, and their sessions and unused links are deleted with the change (`store::web`).

use chrono::Duration;

use crate::domain::invite::InviteCode;
use crate::domain::MemberId;
use crate::error::{Error, Result};
use crate::i18n::Msg;
pub use crate::store::LoginRefused;

use super::{App, Officer, Operator};

/// How long a login link stays valid.
pub const LINK_MINUTES: i64 = 10;
/// How long a session lasts: a working day.
pub const SESSION_HOURS: i64 = 10;

/// A login link for the officer asking, valid for ten minutes and usable once.
pub async fn login_link(app: &App, officer: &Officer) -> Result<String> {
    link(app, officer.member().id).await
}

/// A login link for the member with this id, printed for the person at the machine (`baocao web
/// link`); refused unless they are an active officer or admin.
pub async fn login_link_for(app: &App, _: &Operator, member: MemberId) -> Result<String> {
    let m = app.store.member_by_id(member).await?;
    if super::roles::officer(m.as_ref()).is_err() {
        return Err(Error::User(Msg::new("web-link-not-officer").arg("id", member.0)));
    }
    link(app, member).await
}

async fn link(app: &App, member: MemberId) -> Result<String> {
    let Some(web) = &app.config.web else { return Err(Error::User(Msg::new("web-off"))) };
    let code = InviteCode::generate();
    let now = app.now();
    let until = now + Duration::minutes(LINK_MINUTES);
    app.store.create_web_login(member, &code.hash(), now, until).await?;
    let mut url = web.url.join("login").map_err(|_| Error::User(Msg::new("web-off")))?;
    url.query_pairs_mut().append_pair("code", code.as_str());
    Ok(url.to_string())
}

/// A session opened in the browser: the cookie's token (shown once) and who it is for.
#[derive(Clone, Debug)]
pub struct Opened {
    pub token: String,
    pub officer: Officer,
}

/// Uses the login link with `code` and opens a session, if its member may still sign in.
pub async fn open_session(
    app: &App,
    code: &str,
) -> Result<std::result::Result<Opened, LoginRefused>> {
    let Some(code) = InviteCode::parse(code) else { return Ok(Err(LoginRefused::Unknown)) };
    let (token, csrf) = (InviteCode::generate(), InviteCode::generate());
    let now = app.now();
    let until = now + Duration::hours(SESSION_HOURS);
    let (code, token_hash) = (code.hash(), token.hash());
    let may = |m: &crate::domain::Member| super::roles::officer(Some(m)).is_ok();
    let opened = app.store.open_web_session(&code, (&token_hash, csrf.as_str()), (now, until), may);
    Ok(opened.await?.and_then(|member| match super::roles::officer(Some(&member)) {
        Ok(officer) => Ok(Opened { token: token.as_str().to_owned(), officer }),
        Err(_) => Err(LoginRefused::NotOfficer),
    }))
}

/// A valid session: who it is (proved an officer now) and its CSRF token.
#[derive(Clone, Debug)]
pub struct Session {
    pub officer: Officer,
    pub csrf: String,
}

/// The session of this cookie token, if it is valid now: not expired, and its member still an
/// active officer or admin (otherwise it is deleted).
pub async fn session(app: &App, token: &str) -> Result<Option<Session>> {
    let Some(token) = InviteCode::parse(token) else { return Ok(None) };
    let hash = token.hash();
    let Some(found) = app.store.web_session(&hash, app.now()).await? else { return Ok(None) };
    match super::roles::officer(Some(&found.member)) {
        Ok(officer) => Ok(Some(Session { officer, csrf: found.csrf })),
        Err(_) => {
            app.store.end_web_session(&hash).await?;
            Ok(None)
        }
    }
}

/// Ends the session of this cookie token.
pub async fn logout(app: &App, token: &str) -> Result<()> {
    match InviteCode::parse(token) {
        Some(token) => app.store.end_web_session(&token.hash()).await,
        None => Ok(()),
    }
}

/// Deletes the sessions and sign-in links that have expired (the scheduler's housekeeping).
pub async fn prune(app: &App) -> Result<u64> {
    app.store.prune_web_access(app.now()).await
}
