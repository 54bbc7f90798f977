//! The chairs' form: a unit's report in a phone's browser, for a chair who is not on Telegram (or
//! would rather type on a page). Mobile-first pages under `/f`, rendered on the server, that work
//! without JavaScript (every question is its own small form with a "Lưu" button) and save each
//! answer as it is entered when the script runs. Every page takes a [`Chair`]: a session of the
//! form, the member proved a reporter of a unit again on every request; a page names a period,
//! never a unit, so a chair reaches their own unit's report and nothing else.

mod home;
mod page;
mod save;
mod widgets;

use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};

use crate::actions::report::Reporting;
use crate::actions::Reporter;
use crate::i18n::{t, Lang};

use super::{Shared, WebError};

/// The form's session cookie (apart from the console's: one browser may hold both).
pub(crate) const COOKIE: &str = "baocao_form";
/// Largest file a chair may attach (the chat's limit: what Telegram lets a bot download).
pub const FILE_LIMIT: usize = 20 * 1024 * 1024;

/// The form's routes.
pub fn routes() -> Router<Shared> {
    let file = post(save::file).layer(DefaultBodyLimit::max(FILE_LIMIT + 64 * 1024));
    Router::new()
        .route("/f", get(home::home))
        .route("/f/logout", post(home::sign_out))
        .route("/f/p/{id}", get(page::page))
        .route("/f/p/{id}/letter", get(home::letter))
        .route("/f/p/{id}/q/{index}", post(save::answer))
        .route("/f/p/{id}/q/{index}/items", post(save::add_item))
        .route("/f/p/{id}/q/{index}/items/{item}/remove", post(save::remove_item))
        .route("/f/p/{id}/q/{index}/file", file)
        .route("/f/p/{id}/submit", post(save::submit))
        .route("/f/p/{id}/replace", post(save::replace))
        .route("/f/p/{id}/discard", post(save::discard))
}

/// A chair with a valid session of the form.
pub(crate) struct Chair {
    pub reporter: Reporter,
    pub csrf: String,
    pub token: String,
}

impl Chair {
    pub fn lang(&self) -> Lang {
        self.reporter.member().lang
    }

    /// Refuses a form whose CSRF token is not this session's.
    pub fn check(&self, csrf: &str) -> Result<(), WebError> {
        if super::constant_time_eq(csrf.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(WebError::Forbidden(self.lang()))
        }
    }
}

impl FromRequestParts<Shared> for Chair {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, web: &Shared) -> Result<Self, Self::Rejection> {
        let lang = super::browser_lang(&parts.headers);
        let Some(token) = super::cookie(&parts.headers, COOKIE) else {
            return Err(signed_out(lang, "form-signed-out"));
        };
        match crate::actions::web::form_session(&web.app, &token).await {
            Ok(Some(s)) => Ok(Chair { reporter: s.reporter, csrf: s.csrf, token }),
            Ok(None) => Err(signed_out(lang, "form-session-ended")),
            Err(e) => Err(WebError::Failed(lang, e).into_response()),
        }
    }
}

/// Whether the page's script sent this request (it wants a short answer, not a page).
pub(crate) fn by_script(headers: &HeaderMap) -> bool {
    headers.get("x-requested-with").is_some_and(|v| v == "fetch")
}

/// Back to the report at question `index` (after a form without the script); past the last
/// question, to the part that sends the report.
pub(crate) fn to_question(r: &Reporting, index: usize) -> Response {
    let period = r.period.id.0;
    if index < r.period.questions.len() {
        Redirect::to(&format!("/f/p/{period}#q{index}")).into_response()
    } else {
        Redirect::to(&format!("/f/p/{period}#send")).into_response()
    }
}

/// The page for someone without a valid session of the form: what happened and how to get in.
pub fn signed_out(lang: Lang, key: &'static str) -> Response {
    let body = html! {
        div.problem { (t(lang, key)) }
        div.card {
            p { (t(lang, "form-how-to-sign-in")) }
            p { a href="/login" { (t(lang, "web-send-link-title")) } }
        }
    };
    (StatusCode::UNAUTHORIZED, frame(lang, &t(lang, "form-title"), None, body)).into_response()
}

/// The cookie that ends the form's session in this browser.
pub(crate) fn cleared() -> Option<HeaderValue> {
    HeaderValue::from_str(&format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")).ok()
}

/// The frame of the form's pages: narrow, large targets, the office and unit on top, and the
/// way out when signed in.
pub(crate) fn frame(
    lang: Lang,
    title: &str,
    chair: Option<(&Chair, &str)>,
    body: Markup,
) -> Markup {
    let header = html! {
        @if let Some((chair, unit)) = chair {
            a.office href="/f" { (unit) }
            span.muted-on-brand { (chair.reporter.member().full_name) }
            form method="post" action="/f/logout" {
                input type="hidden" name="csrf" value=(chair.csrf);
                button type="submit" { (t(lang, "web-logout")) }
            }
        } @else {
            span.office { (t(lang, "form-title")) }
        }
    };
    super::layout::document(lang, Some("form"), title, header, body)
}

/// A refusal said back: to the script as text (400), else as a page.
pub(crate) fn refused(headers: &HeaderMap, lang: Lang, text: String) -> Response {
    if by_script(headers) {
        let kind = [(header::CONTENT_TYPE, "text/plain; charset=utf-8")];
        return (StatusCode::BAD_REQUEST, kind, text).into_response();
    }
    let body = html! {
        div.problem role="alert" { (text) }
        p { a href="/f" { (t(lang, "form-back-home")) } }
    };
    (StatusCode::BAD_REQUEST, frame(lang, &t(lang, "form-title"), None, body)).into_response()
}
