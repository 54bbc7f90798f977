//! Signing in with a one-time link, and out; asking for a link by e-mail.
//!
//! The link opens a page with one button: the code is used only by that button's POST, so a link
//! preview (Telegram fetches links to show them) or a browser's prefetch cannot use it up. Codes
//! are tried within the limits of [`super::limits`]; asking for a letter gets the same answer
//! whether the address is known or not.

use axum::extract::{Extension, Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use serde::Deserialize;

use crate::actions::web::{self as act, LoginKind, LoginRefused};
use crate::i18n::{t, Lang};

use super::limits::Client;
use super::{layout, CsrfForm, Shared, SignedIn, WebError, COOKIE};

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `GET /login?code=…`: asks to confirm; nothing is used yet. Without a code: how to sign in,
/// and the form that sends a link by e-mail.
pub async fn confirm(
    State(web): State<Shared>,
    headers: HeaderMap,
    Query(form): Query<CodeForm>,
) -> Response {
    let lang = super::browser_lang(&headers);
    if form.code.trim().is_empty() {
        let page = how_to(lang, web.app.config().mail.is_some(), None);
        return layout::bare(lang, &t(lang, "web-sign-in-title"), page).into_response();
    }
    let body = html! {
        div.card {
            p { (t(lang, "web-login-confirm")) }
            form method="post" action="/login" {
                input type="hidden" name="code" value=(form.code.trim());
                button type="submit" { (t(lang, "web-login-button")) }
            }
        }
    };
    layout::bare(lang, &t(lang, "web-sign-in-title"), body).into_response()
}

/// `POST /login`: uses the link once and opens a session (a cookie the page's scripts cannot read).
pub async fn sign_in(
    State(web): State<Shared>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Response {
    let lang = super::browser_lang(&headers);
    if !web.limits.code(client, super::limits::code_key(&form.code)) {
        return super::too_many(lang);
    }
    match act::open_session(&web.app, &form.code).await {
        Ok(Ok(opened)) => {
            let home = match opened.kind {
                LoginKind::Console => "/",
                LoginKind::Form => "/f",
            };
            let member = opened.member.id.0;
            tracing::info!(member, kind = ?opened.kind, "signed in on the web");
            let to = opened.next.as_deref().map_or(home, super::local_path).to_owned();
            kept(&web, lang, &opened, &to)
        }
        Ok(Err(refused)) => {
            let key = match refused {
                LoginRefused::Unknown => "web-login-unknown",
                LoginRefused::Used => "web-login-used",
                LoginRefused::Expired => "web-login-expired",
                LoginRefused::NotAllowed => "web-login-not-allowed",
            };
            signed_out(lang, web.mail(), key)
        }
        Err(e) => WebError::Failed(lang, e).into_response(),
    }
}

/// The answer to a session just opened (by a sign-in link or by joining): the cookie that keeps
/// it in this browser, one the page's scripts cannot read, and the way on to `to`.
pub(super) fn kept(web: &super::Web, lang: Lang, opened: &act::Opened, to: &str) -> Response {
    let (name, max_age) = match opened.kind {
        LoginKind::Console => (COOKIE, act::SESSION_HOURS * 3600),
        LoginKind::Form => (super::form::COOKIE, act::FORM_SESSION_DAYS * 24 * 3600),
    };
    let secure = if web.config.secure() { "; Secure" } else { "" };
    let cookie = format!(
        "{name}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        opened.token
    );
    match HeaderValue::from_str(&cookie) {
        Ok(value) => ([(header::SET_COOKIE, value)], Redirect::to(to)).into_response(),
        Err(_) => WebError::NotFound(lang).into_response(),
    }
}

/// `POST /logout`: ends the session here and in the database.
pub async fn sign_out(
    State(web): State<Shared>,
    officer: SignedIn,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    officer.check(&form.csrf)?;
    act::logout(&web.app, &officer.token).await.map_err(WebError::from(officer.lang()))?;
    let cookie = format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    let value = HeaderValue::from_str(&cookie).map_err(|_| WebError::NotFound(officer.lang()))?;
    let page = signed_out(officer.lang(), web.app.config().mail.is_some(), "web-logged-out");
    Ok(([(header::SET_COOKIE, value)], page).into_response())
}

/// The page for anyone without a valid session: what happened and how to get a link.
pub fn signed_out(lang: Lang, mail: bool, key: &'static str) -> Response {
    let body = html! {
        div.problem { (t(lang, key)) }
        (how_to(lang, mail, None))
    };
    (StatusCode::UNAUTHORIZED, layout::bare(lang, &t(lang, "web-sign-in-title"), body))
        .into_response()
}

/// How to get a sign-in link: from the bot, from a letter, or — when the site sends e-mail — by
/// typing one's address here.
fn how_to(lang: Lang, mail: bool, typed: Option<&str>) -> maud::Markup {
    html! {
        div.card {
            p { (t(lang, "web-how-to-sign-in")) }
            @if mail {
                h2 { (t(lang, "web-send-link-title")) }
                form method="post" action="/login/send" {
                    label.field {
                        span { (t(lang, "web-send-link-email")) }
                        input type="email" name="email" required autocomplete="email" inputmode="email" value=[typed];
                    }
                    div.actions { button type="submit" { (t(lang, "web-send-link-button")) } }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    email: String,
}

/// `POST /login/send`: a sign-in link by e-mail. The answer is the same whether the address is
/// known, unknown or asked for too often: nobody learns from it who is registered.
pub async fn send_link(
    State(web): State<Shared>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Form(form): Form<LinkForm>,
) -> Response {
    let lang = super::browser_lang(&headers);
    let typed = form.email.trim();
    if typed.is_empty() || typed.chars().count() > 254 {
        let body = html! {
            div.problem role="alert" { (t(lang, "web-send-link-empty")) }
            (how_to(lang, web.app.config().mail.is_some(), None))
        };
        return (StatusCode::BAD_REQUEST, layout::bare(lang, &t(lang, "web-sign-in-title"), body))
            .into_response();
    }
    if web.limits.letter(client, typed) {
        match act::send_link(&web.app, typed).await {
            Ok(asked) => tracing::info!(outcome = ?asked, "a sign-in link was asked for by e-mail"),
            Err(e) => tracing::error!(error = %e, "could not plan a sign-in letter"),
        }
    }
    let body = html! {
        div.notice role="status" { (crate::i18n::Msg::new("web-send-link-done").arg("email", typed.to_owned()).render(lang)) }
        p { a href="/login" { (t(lang, "web-send-link-again")) } }
    };
    layout::bare(lang, &t(lang, "web-sign-in-title"), body).into_response()
}
