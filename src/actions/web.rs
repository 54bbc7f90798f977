//! The web console's sign-in: a one-time link asked for in the chat (or printed by the operator)
//! opens a session in the browser. Links and sessions are random 128-bit codes, kept only hashed.
//! A session is worth its member's role at every request: a removed or demoted officer is out
//! at once, and their sessions and unused links are deleted with the change (`store::web`).

use chrono::Duration;

use crate::domain::invite::InviteCode;
use crate::domain::{Member, MemberId};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::store::NewLogin;
pub use crate::store::{LoginKind, LoginRefused};

use super::{App, Officer, Operator};

/// How long a sign-in link shown on a screen stays valid.
pub const LINK_MINUTES: i64 = 10;
/// How long an officer's session lasts: a working day.
pub const SESSION_HOURS: i64 = 10;
/// How long a reporter's sign-in link lasts (sent by letter, opened later).
pub const FORM_LINK_DAYS: i64 = 7;
/// How long a reporter's session lasts on their phone.
pub const FORM_SESSION_DAYS: i64 = 30;

/// A login link for the officer asking, valid for ten minutes and usable once.
pub async fn login_link(app: &App, officer: &Officer) -> Result<String> {
    link(app, officer.member().id).await
}

/// A sign-in link for the member with this id, printed for the person at the machine (`baocao
/// web link --member`): to the console for an officer or admin (ten minutes), to the form for a
/// reporter (seven days: it is handed over by phone or letter); refused for anyone else.
pub async fn login_link_for(app: &App, _: &Operator, member: MemberId) -> Result<String> {
    let m = app.store.member_by_id(member).await?;
    if super::roles::officer(m.as_ref()).is_ok() {
        return link(app, member).await;
    }
    if super::roles::reporter(m.as_ref()).is_ok() {
        let login = NewLogin { member, kind: LoginKind::Form, next: None };
        return mint(app, &login, Duration::days(FORM_LINK_DAYS)).await;
    }
    Err(Error::User(Msg::new("web-link-not-officer").arg("id", member.0)))
}

/// A sign-in link to the console as the admin of the machine, for the person at it (`baocao web
/// link --admin`): with no Telegram, the way into an installation just made.
pub async fn admin_link(app: &App, _: &Operator) -> Result<String> {
    let name = Msg::new("machine-admin-name").render(app.config.lang);
    let admin = app.store.machine_admin(&name, app.config.lang, app.now()).await?;
    link(app, admin.id).await
}

/// What came of asking for a sign-in link by e-mail, for the log and the tests only: the page
/// says the same whatever happened, so nobody learns from it who is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkAsked {
    /// A letter is on its way to that address.
    Sent,
    /// Not an address of anyone here (or of someone removed, or it bounced before).
    Unknown,
    /// This installation sends no e-mail.
    NoMail,
}

/// Sends a sign-in link to `typed` when it is the e-mail address of an active member (an
/// officer or admin: to the console; a reporter: to their unit's form), or of an admin listed in
/// `BAOCAO_ADMINS`, who becomes a member by it. The link is made when the letter goes.
pub async fn send_link(app: &App, typed: &str) -> Result<LinkAsked> {
    if app.config.mail.is_none() {
        return Ok(LinkAsked::NoMail);
    }
    let Ok(address) = crate::domain::contact::parse_email(typed) else {
        return Ok(LinkAsked::Unknown);
    };
    let contact = crate::domain::Contact::email(&address);
    let now = app.now();
    let member = match app.store.member_by_contact(&contact).await? {
        Some(member) => member,
        None if app.config.is_admin_email(&address) => {
            let name = Msg::new("email-admin-name").render(app.config.lang);
            app.store.email_admin(&contact, &name, app.config.lang, now).await?
        }
        None => return Ok(LinkAsked::Unknown),
    };
    let reachable = member.reachable_at(&contact.channel, &contact.address);
    let allowed = super::roles::officer(Some(&member)).is_ok()
        || super::roles::reporter(Some(&member)).is_ok();
    if !reachable || !allowed {
        return Ok(LinkAsked::Unknown);
    }
    let letter = crate::plan::sign_in(&member, &contact, rand::random());
    app.store.add_deliveries(&[letter], now).await?;
    app.flush_soon("a sign-in link");
    Ok(LinkAsked::Sent)
}

async fn link(app: &App, member: MemberId) -> Result<String> {
    let login = NewLogin { member, kind: LoginKind::Console, next: None };
    mint(app, &login, Duration::minutes(LINK_MINUTES)).await
}

/// A one-time sign-in link for `login`, valid for `lasts`; the web must be on.
pub(crate) async fn mint(app: &App, login: &NewLogin<'_>, lasts: Duration) -> Result<String> {
    let Some(web) = &app.config.web else { return Err(Error::User(Msg::new("web-off"))) };
    let code = InviteCode::generate();
    let now = app.now();
    app.store.create_web_login(login, &code.hash(), now, now + lasts).await?;
    web.login_url(code.as_str()).ok_or_else(|| Error::User(Msg::new("web-off")))
}

/// A session opened at once for `member` (who just registered on this browser): to the console
/// for an officer, to their unit's form for a reporter.
pub(crate) async fn session_now(
    app: &App,
    member: &Member,
) -> Result<std::result::Result<Opened, LoginRefused>> {
    let kind = if member.role == crate::domain::Role::Reporter {
        LoginKind::Form
    } else {
        LoginKind::Console
    };
    let code = InviteCode::generate();
    let now = app.now();
    let login = NewLogin { member: member.id, kind, next: None };
    app.store.create_web_login(&login, &code.hash(), now, now + Duration::minutes(1)).await?;
    open_session(app, code.as_str()).await
}

/// Whether `member` may hold a session of `kind`: the console for an active officer or admin,
/// the form for an active reporter of a unit.
pub(crate) fn may_sign_in(member: &Member, kind: LoginKind) -> bool {
    match kind {
        LoginKind::Console => super::roles::officer(Some(member)).is_ok(),
        LoginKind::Form => super::roles::reporter(Some(member)).is_ok(),
    }
}

fn lasts(kind: LoginKind) -> Duration {
    match kind {
        LoginKind::Console => Duration::hours(SESSION_HOURS),
        LoginKind::Form => Duration::days(FORM_SESSION_DAYS),
    }
}

/// A session opened in the browser: the cookie's token (shown once), what it is for, who, and
/// where the link leads.
#[derive(Clone, Debug)]
pub struct Opened {
    pub token: String,
    pub kind: LoginKind,
    pub member: Member,
    pub next: Option<String>,
}

/// Uses the sign-in link with `code` and opens a session, if its member may still sign in
/// there.
pub async fn open_session(
    app: &App,
    code: &str,
) -> Result<std::result::Result<Opened, LoginRefused>> {
    let Some(code) = InviteCode::parse(code) else { return Ok(Err(LoginRefused::Unknown)) };
    let (token, csrf) = (InviteCode::generate(), InviteCode::generate());
    let (code, token_hash) = (code.hash(), token.hash());
    let keys = (token_hash.as_str(), csrf.as_str());
    let opened = app.store.open_web_session(&code, keys, app.now(), lasts, may_sign_in).await?;
    Ok(opened.map(|o| Opened {
        token: token.as_str().to_owned(),
        kind: o.kind,
        member: o.member,
        next: o.next,
    }))
}

/// A valid session of the console: who it is (proved an officer now) and its CSRF token.
#[derive(Clone, Debug)]
pub struct Session {
    pub officer: Officer,
    pub csrf: String,
}

/// The console's session of this cookie token, if it is valid now: not expired, of the console,
/// and its member still an active officer or admin (otherwise it is deleted).
pub async fn session(app: &App, token: &str) -> Result<Option<Session>> {
    let Some((found, hash)) = valid(app, token, LoginKind::Console).await? else { return Ok(None) };
    match super::roles::officer(Some(&found.member)) {
        Ok(officer) => Ok(Some(Session { officer, csrf: found.csrf })),
        Err(_) => {
            app.store.end_web_session(&hash).await?;
            Ok(None)
        }
    }
}

/// A valid session of the chairs' form: the reporter (proved now) and its CSRF token.
#[derive(Clone, Debug)]
pub struct FormSession {
    pub reporter: super::Reporter,
    pub csrf: String,
}

/// The form's session of this cookie token, if it is valid now: not expired, of the form, and
/// its member still an active reporter of a unit (otherwise it is deleted).
pub async fn form_session(app: &App, token: &str) -> Result<Option<FormSession>> {
    let Some((found, hash)) = valid(app, token, LoginKind::Form).await? else { return Ok(None) };
    match super::roles::reporter(Some(&found.member)) {
        Ok(reporter) => Ok(Some(FormSession { reporter, csrf: found.csrf })),
        Err(_) => {
            app.store.end_web_session(&hash).await?;
            Ok(None)
        }
    }
}

/// The unexpired session of this token if it is of `kind`, with the token's hash.
async fn valid(
    app: &App,
    token: &str,
    kind: LoginKind,
) -> Result<Option<(crate::store::WebSession, String)>> {
    let Some(token) = InviteCode::parse(token) else { return Ok(None) };
    let hash = token.hash();
    let found = app.store.web_session(&hash, app.now()).await?;
    Ok(found.filter(|s| s.kind == kind).map(|s| (s, hash)))
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
