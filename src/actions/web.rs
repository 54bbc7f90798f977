//! The web console's sign-in: a one-time link asked for in the chat (or printed by the operator)
//! opens a session in the browser. Links and sessions are random 128-bit codes, kept only hashed.

use chrono::{DateTime, Duration, Utc};

use crate::config::Config;
use crate::domain::invite::InviteCode;
use crate::domain::{Member, MemberId};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::store::{LoginRefused, Store, WebSession};

use super::App;

/// How long a login link stays valid.
pub const LINK_MINUTES: i64 = 10;
/// How long a session lasts: a working day.
pub const SESSION_HOURS: i64 = 10;

/// A login link for `actor` (an officer or admin), valid for ten minutes and usable once.
pub async fn login_link(app: &App, actor: Option<&Member>) -> Result<String> {
    let officer = super::officer(actor)?;
    login_link_for(&app.store, &app.config, officer.id, app.clock.now()).await
}

/// A login link for the member with this id (also the operator's `baocao web link`); refused
/// unless they are an active officer or admin.
pub async fn login_link_for(
    store: &Store,
    config: &Config,
    member: MemberId,
    now: DateTime<Utc>,
) -> Result<String> {
    let Some(web) = &config.web else { return Err(Error::User(Msg::new("web-off"))) };
    let m = store.member_by_id(member).await?;
    if !m.as_ref().is_some_and(|m| m.role.is_officer()) {
        return Err(Error::User(Msg::new("web-link-not-officer").arg("id", member.0)));
    }
    let code = InviteCode::generate();
    store
        .create_web_login(member, &code.hash(), now, now + Duration::minutes(LINK_MINUTES))
        .await?;
    let mut url = web.url.join("login").map_err(|_| Error::User(Msg::new("web-off")))?;
    url.query_pairs_mut().append_pair("code", code.as_str());
    Ok(url.to_string())
}

/// A session opened in the browser: the cookie's token (shown once) and who it is for.
#[derive(Clone, Debug)]
pub struct Opened {
    pub token: String,
    pub member: Member,
}

/// Uses the login link with `code` and opens a session.
pub async fn open_session(
    app: &App,
    code: &str,
) -> Result<std::result::Result<Opened, LoginRefused>> {
    let Some(code) = InviteCode::parse(code) else { return Ok(Err(LoginRefused::Unknown)) };
    let (token, csrf) = (InviteCode::generate(), InviteCode::generate());
    let now = app.clock.now();
    let until = now + Duration::hours(SESSION_HOURS);
    let (code, token_hash) = (code.hash(), token.hash());
    let opened = app.store.open_web_session(&code, (&token_hash, csrf.as_str()), now, until);
    Ok(opened.await?.map(|member| Opened { token: token.as_str().to_owned(), member }))
}

/// The session of this cookie token, if it is valid now (its member still an officer).
pub async fn session(app: &App, token: &str) -> Result<Option<WebSession>> {
    let Some(token) = InviteCode::parse(token) else { return Ok(None) };
    app.store.web_session(&token.hash(), app.clock.now()).await
}

/// Ends the session of this cookie token.
pub async fn logout(app: &App, token: &str) -> Result<()> {
    match InviteCode::parse(token) {
        Some(token) => app.store.end_web_session(&token.hash()).await,
        None => Ok(()),
    }
}
