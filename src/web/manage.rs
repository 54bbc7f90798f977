//! A period's housekeeping in the console (a new deadline, closing, reopening) and the console's
//! language. Same use cases as the chat and the command line.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use crate::actions::period::Due;
use crate::actions::{members, period_change, By};
use crate::domain::PeriodId;
use crate::i18n::Lang;

use super::{local_path, CsrfForm, Shared, SignedIn, WebError};

type Page = Result<Response, WebError>;

#[derive(Deserialize)]
pub struct DueForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    due: String,
}

fn back_to(id: i64, done: &str) -> Response {
    Redirect::to(&format!("/periods/{id}?done={done}")).into_response()
}

/// `POST /periods/{id}/extend`: a new deadline (dd/mm/yyyy HH:MM), and the units not yet reported
/// are told — as "Gia hạn" in the chat.
pub async fn extend(
    State(web): State<Shared>,
    o: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<DueForm>,
) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    let due = Due::Typed(form.due);
    period_change::extend(&web.app, &o.officer, PeriodId(id), &due)
        .await
        .map_err(WebError::from(lang))?;
    Ok(back_to(id, "extended"))
}

/// `POST /periods/{id}/close`.
pub async fn close(
    State(web): State<Shared>,
    o: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    period_change::close(&web.app, By::Officer(&o.officer), PeriodId(id))
        .await
        .map_err(WebError::from(lang))?;
    Ok(back_to(id, "closed"))
}

/// `POST /periods/{id}/reopen`.
pub async fn reopen(
    State(web): State<Shared>,
    o: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    period_change::reopen(&web.app, &o.officer, PeriodId(id))
        .await
        .map_err(WebError::from(lang))?;
    Ok(back_to(id, "reopened"))
}

#[derive(Deserialize)]
pub struct LangForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
}

/// `POST /lang`: the officer's language, here and in the chat (as `/lang` sets it).
pub async fn set_lang(State(web): State<Shared>, o: SignedIn, Form(form): Form<LangForm>) -> Page {
    o.check(&form.csrf)?;
    let lang = Lang::parse(&form.lang).ok_or(WebError::NotFound(o.lang()))?;
    members::set_lang(&web.app, o.member(), lang).await.map_err(WebError::from(lang))?;
    // Only a path of this site: never a redirect elsewhere.
    Ok(Redirect::to(local_path(&form.back)).into_response())
}
