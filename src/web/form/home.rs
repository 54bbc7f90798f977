//! `/f`: the chair's unit — its recent periods, what it sent in each (on time or late, returned
//! and why, accepted), the report to do, the office's letter — and the way out.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Form;
use maud::html;

use crate::actions::{form as act, status};
use crate::domain::{PeriodId, ReportStatus};
use crate::i18n::{fmt_datetime, t, Msg};

use super::{cleared, frame, signed_out, Chair};
use crate::web::{download, CsrfForm, Shared, WebError};

#[derive(serde::Deserialize, Default)]
pub struct HomeQuery {
    /// Just registered by invitation: welcome them.
    #[serde(default)]
    joined: Option<String>,
}

/// `GET /f`: the unit's periods, the open ones first.
pub async fn home(
    State(web): State<Shared>,
    chair: Chair,
    Query(q): Query<HomeQuery>,
) -> Result<Response, WebError> {
    let lang = chair.lang();
    let tz = web.app.config().timezone;
    let member = chair.reporter.member();
    let mut periods =
        status::of_unit(&web.app, Some(member)).await.map_err(WebError::from(lang))?;
    periods.sort_by_key(|p| !p.period.is_open());
    let unit = act::unit(&web.app, &chair.reporter).await.map_err(WebError::from(lang))?;
    let (unit, in_sentence) = unit.map(|u| (u.name.clone(), u.in_sentence())).unwrap_or_default();
    let welcome = q.joined.is_some().then(|| {
        let msg = Msg::new("join-web-welcome")
            .arg("name", member.full_name.as_str())
            .arg("unit", in_sentence.as_str());
        web.app.config().office.named(msg).render(lang)
    });
    let body = html! {
        @if let Some(welcome) = welcome { div.notice role="status" { (welcome) } }
        @if periods.is_empty() { div.card { p { (t(lang, "form-no-periods")) } } }
        @for p in &periods {
            @let id = p.period.id.0;
            @let report = p.report.as_ref();
            @let waiting = act::waiting(report);
            div.card.period {
                h2 { (p.period.title(lang)) }
                p { (Msg::new("form-due").arg("due", fmt_datetime(p.period.due_at, tz)).render(lang)) }
                p {
                    strong { (crate::i18n::first_upper(&t(lang, crate::documents::status_key(report)))) }
                    @if let Some(report) = report {
                        " · " (Msg::new("form-sent-at")
                            .arg("name", report.submitted_by_name.as_str())
                            .arg("at", fmt_datetime(report.submitted_at, tz))
                            .arg("revision", report.revision)
                            .arg("timeliness", t(lang, if report.on_time { "report-on-time" } else { "report-late" }))
                            .render(lang))
                    }
                }
                @if let Some(reason) = report.filter(|r| r.status == ReportStatus::Returned).and_then(|r| r.return_reason.as_ref()) {
                    p.problem { (t(lang, "web-return-reason")) ": " (reason) }
                }
                @if p.period.is_open() {
                    p.actions {
                        a.button.primary href=(format!("/f/p/{id}")) {
                            (t(lang, if waiting { "form-do-report" } else { "form-see-report" }))
                        }
                        @if let Some(letter) = &p.letter {
                            " " a.button.secondary href=(format!("/f/p/{id}/letter")) { "📎 " (letter.name) }
                        }
                    }
                } @else if report.is_some() {
                    p { a href=(format!("/f/p/{id}")) { (t(lang, "form-see-report")) } }
                }
            }
        }
    };
    let title = t(lang, "form-home-title");
    Ok(frame(lang, &title, Some((&chair, &unit)), body).into_response())
}

/// `GET /f/p/{id}/letter`: the office's letter of an open period.
pub async fn letter(
    State(web): State<Shared>,
    chair: Chair,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let lang = chair.lang();
    let found = act::letter(&web.app, &chair.reporter, PeriodId(id)).await;
    match found.map_err(WebError::from(lang))? {
        Some(file) => Ok(download(file.mime, &file.name, file.bytes)),
        None => Err(WebError::NotFound(lang)),
    }
}

/// `POST /f/logout`: ends the form's session here and in the database.
pub async fn sign_out(
    State(web): State<Shared>,
    chair: Chair,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    chair.check(&form.csrf)?;
    let lang = chair.lang();
    crate::actions::web::logout(&web.app, &chair.token).await.map_err(WebError::from(lang))?;
    let page = signed_out(lang, "web-logged-out");
    match cleared() {
        Some(cookie) => Ok(([(header::SET_COOKIE, cookie)], page).into_response()),
        None => Ok(page),
    }
}
