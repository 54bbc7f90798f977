//! `/join?code=…`: joining by invitation in a browser, for whoever is not on Telegram. The page
//! says which unit the invitation is for and asks for a name, a position and an e-mail address;
//! sending it uses the invitation (once) and signs the person in on this browser. Codes are
//! counted against the address that tries them (see `limits`).

use axum::extract::{Extension, Query, State};
use axum::http::header::HeaderMap;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use crate::actions::join::{self as act, Invitation, WebJoined, WebJoiner};
use crate::actions::web::LoginKind;
use crate::domain::Role;
use crate::i18n::{t, Lang, Msg};

use super::limits::{code_key, Client};
use super::{too_many, Shared, WebError};

#[derive(Deserialize, Default)]
pub struct JoinForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    email: String,
}

/// `GET /join?code=…`: what the invitation is for, and the form.
pub async fn page(
    State(web): State<Shared>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Query(form): Query<JoinForm>,
) -> Response {
    let lang = super::browser_lang(&headers);
    // Counted against the address only: link previews (Zalo, Outlook) open the link too, and
    // must not use up the tries of the person it was sent to; the code is spent only by a POST.
    if !web.limits.code(client, None) {
        return too_many(lang);
    }
    match act::invitation(&web.app, &form.code).await {
        Ok(invitation) => shown(&web, lang, &invitation, &form, None),
        Err(e) => WebError::Failed(lang, e).into_response(),
    }
}

/// `POST /join`: registers the person and signs them in here.
pub async fn join(
    State(web): State<Shared>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Form(form): Form<JoinForm>,
) -> Response {
    let lang = super::browser_lang(&headers);
    if !web.limits.code(client, code_key(&form.code)) {
        return too_many(lang);
    }
    let joiner = WebJoiner {
        name: form.name.clone(),
        position: Some(form.position.clone()),
        email: form.email.clone(),
        lang,
    };
    match act::join_on_web(&web.app, &form.code, &joiner).await {
        Ok(WebJoined::Welcome(session)) => {
            tracing::info!(member = session.member.id.0, "joined by invitation on the web");
            let home = match session.kind {
                LoginKind::Form => "/f?joined=1",
                LoginKind::Console => "/",
            };
            super::login::kept(&web, lang, &session, home)
        }
        Ok(WebJoined::Refused(why)) => match act::invitation(&web.app, &form.code).await {
            Ok(invitation) => {
                let mut page = shown(&web, lang, &invitation, &form, Some(why));
                *page.status_mut() = StatusCode::BAD_REQUEST;
                page
            }
            Err(e) => WebError::Failed(lang, e).into_response(),
        },
        Err(e) => WebError::Failed(lang, e).into_response(),
    }
}

/// The page: the invitation (or why it cannot be used), the form with what was typed, and why a
/// try was refused.
fn shown(
    web: &super::Web,
    lang: Lang,
    invitation: &Invitation,
    typed: &JoinForm,
    refused: Option<Msg>,
) -> Response {
    let office = &web.app.config().office;
    let title = t(lang, "join-web-title");
    let body = match invitation {
        Invitation::Closed(status) => html! {
            div.problem role="alert" { (office.named(act::closed(status.clone())).render(lang)) }
        },
        Invitation::Open { role, unit, .. } => {
            let whom = match (role, unit) {
                (Role::Reporter, Some(unit)) => {
                    Msg::new("join-web-for-unit").arg("unit", unit.in_sentence())
                }
                _ => Msg::new("join-web-for-officer"),
            };
            html! {
                div.card { p { (office.named(whom).render(lang)) } }
                @if let Some(why) = refused { div.problem role="alert" { (office.named(why).render(lang)) } }
                (form(lang, typed))
            }
        }
    };
    let status = match invitation {
        Invitation::Open { .. } => StatusCode::OK,
        Invitation::Closed(_) => StatusCode::NOT_FOUND,
    };
    (status, super::form::frame(lang, &title, None, body)).into_response()
}

fn form(lang: Lang, typed: &JoinForm) -> Markup {
    html! {
        form.card method="post" action="/join" {
            input type="hidden" name="code" value=(typed.code.trim());
            label.field {
                span { (t(lang, "join-web-name")) }
                input type="text" name="name" required maxlength="100" autocomplete="name" value=(typed.name);
            }
            label.field {
                span { (t(lang, "join-web-position")) }
                input type="text" name="position" maxlength="100" autocomplete="organization-title" value=(typed.position);
            }
            label.field {
                span { (t(lang, "join-web-email")) }
                input type="email" name="email" required maxlength="254" autocomplete="email" inputmode="email" value=(typed.email);
            }
            p.hint { (t(lang, "join-web-email-why")) }
            div.actions { button.primary type="submit" { (t(lang, "join-web-button")) } }
        }
    }
}
