//! Signing in with a one-time link, and out.
//!
//! The link opens a page with one button: the code is used only by that button's POST, so a link
//! preview (Telegram fetches links to show them) or a browser's prefetch cannot use it up.

use axum::extract::{Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use serde::Deserialize;

use crate::actions::web::{self as act, LoginKind, LoginRefused};
use crate::i18n::{t, Lang};

use super::{layout, CsrfForm, Shared, SignedIn, WebError, COOKIE};

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `GET /login?code=…`: asks to confirm; nothing is used yet.
pub async fn confirm(headers: HeaderMap, Query(form): Query<CodeForm>) -> Response {
    let lang = super::browser_lang(&headers);
    if form.code.trim().is_empty() {
        return signed_out(lang, "web-signed-out");
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
    layout::bare(lang, &t(lang, "web-title"), body).into_response()
}

/// `POST /login`: uses the link once and opens a session (a cookie the page's scripts cannot read).
pub async fn sign_in(
    State(web): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Response {
    let lang = super::browser_lang(&headers);
    match act::open_session(&web.app, &form.code).await {
        Ok(Ok(opened)) => {
            let secure = if web.config.secure() { "; Secure" } else { "" };
            let (max_age, home) = match opened.kind {
                LoginKind::Console => (act::SESSION_HOURS * 3600, "/"),
                LoginKind::Form => (act::FORM_SESSION_DAYS * 24 * 3600, "/f"),
            };
            let cookie = format!(
                "{COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
                opened.token
            );
            let member = opened.member.id.0;
            tracing::info!(member, kind = ?opened.kind, "signed in on the web");
            let to = opened.next.as_deref().map_or(home, super::local_path).to_owned();
            match HeaderValue::from_str(&cookie) {
                Ok(value) => ([(header::SET_COOKIE, value)], Redirect::to(&to)).into_response(),
                Err(_) => WebError::NotFound(lang).into_response(),
            }
        }
        Ok(Err(refused)) => {
            let key = match refused {
                LoginRefused::Unknown => "web-login-unknown",
                LoginRefused::Used => "web-login-used",
                LoginRefused::Expired => "web-login-expired",
                LoginRefused::NotAllowed => "web-login-not-allowed",
            };
            signed_out(lang, key)
        }
        Err(e) => WebError::Failed(lang, e).into_response(),
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
    let page = signed_out(officer.lang(), "web-logged-out");
    Ok(([(header::SET_COOKIE, value)], page).into_response())
}

/// The page for anyone without a valid session: what happened and how to get a link.
pub fn signed_out(lang: Lang, key: &'static str) -> Response {
    let body = html! {
        div.problem { (t(lang, key)) }
        div.card { p { (t(lang, "web-how-to-sign-in")) } }
    };
    (StatusCode::UNAUTHORIZED, layout::bare(lang, &t(lang, "web-title"), body)).into_response()
}
