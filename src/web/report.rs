//! `/periods/{id}/units/{unit}`: a unit's report — every answer under its question, lists as
//! tables, a revision beside the one before — with the decision (accept, return with a reason)
//! and the file it carries.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use crate::actions;
use crate::actions::reading::{self, ReadReport};
use crate::domain::{Answer, Decision, PeriodId, QuestionKind, ReportId, ReportStatus, UnitId};
use crate::i18n::{fmt_datetime, t, Lang, Msg};

use super::{layout, Shared, SignedIn, WebError};

type Page = Result<Response, WebError>;

#[derive(Deserialize, Default)]
pub struct ReportQuery {
    #[serde(default)]
    done: String,
}

/// An answer as the page shows it; a file is a link to `file_link` (fetched by the server).
fn answer_html(
    q: &crate::domain::Question,
    answer: Option<&Answer>,
    lang: Lang,
    file_link: &str,
) -> Markup {
    match (answer, &q.kind) {
        (None, _) => html! { span.muted { (t(lang, "web-no-answer")) } },
        (Some(Answer::File { file }), _) => html! {
            a href=(file_link) { "📎 " (file.name.clone().unwrap_or_else(|| t(lang, "web-file"))) }
        },
        (Some(Answer::List { items }), QuestionKind::List { fields, .. }) => html! {
            @if items.is_empty() { span.muted { (t(lang, "web-no-items")) } }
            @else {
                div.table-wrap { table {
                    thead { tr { th { "#" } @for f in fields { th { (if lang == Lang::En { &f.en } else { &f.vi }) } } } }
                    tbody { @for (i, item) in items.iter().enumerate() { tr {
                        td { (i + 1) }
                        @for f in fields {
                            td { (f.options.iter().find(|o| Some(&o.key) == item.get(&f.key)).map(|o| o.label(lang).to_owned()).or_else(|| item.get(&f.key).cloned()).unwrap_or_default()) }
                        }
                    } } }
                } }
            }
        },
        (Some(a), _) => html! { div.answer { (a.display(q, lang)) } },
    }
}

/// `/periods/{id}/units/{unit}`: a unit's report, every answer under its question, with the
/// decision forms.
pub async fn report(
    State(web): State<Shared>,
    o: SignedIn,
    Path((id, unit)): Path<(i64, i64)>,
    Query(q): Query<ReportQuery>,
) -> Page {
    let lang = o.lang();
    let tz = web.app.config().timezone;
    let read = reading::report(&web.app, Some(o.member()), PeriodId(id), UnitId(unit)).await;
    let Some(read) = read.map_err(WebError::from(lang))? else {
        return Err(WebError::NotFound(lang));
    };
    let ReadReport { period, unit, report, previous, .. } = read;
    let unit_name = unit.name;
    let back = format!("/periods/{id}/units/{}", report.unit_id.0);
    let status_key = crate::documents::status_key(Some(&report));
    let head = Msg::new("web-report-head")
        .arg("by", report.submitted_by_name.as_str())
        .arg("at", fmt_datetime(report.submitted_at, tz))
        .arg("revision", report.revision)
        .arg("timeliness", t(lang, if report.on_time { "report-on-time" } else { "report-late" }));
    let done = match q.done.as_str() {
        "accepted" => Some("web-done-accepted"),
        "returned" => Some("web-done-returned"),
        _ => None,
    };
    let body = html! {
        p { a href=(format!("/periods/{id}")) { "← " (period.title(lang)) } }
        @if let Some(key) = done { div.notice { (t(lang, key)) } }
        div.card {
            p { (head.render(lang)) }
            p { (t(lang, "web-col-status")) ": " strong { (t(lang, status_key)) } }
            @if let (ReportStatus::Returned, Some(reason)) = (report.status, &report.return_reason) {
                p { (t(lang, "web-return-reason")) ": " (reason) }
            }
        }
        @if let Some((before, old)) = &previous {
            h2 { (Msg::new("web-changes").arg("before", *before).arg("now", report.revision).render(lang)) }
            div.table-wrap { table.compare {
                thead { tr {
                    th { (t(lang, "web-col-question")) }
                    th { (Msg::new("web-revision").arg("revision", *before).render(lang)) }
                    th { (Msg::new("web-revision").arg("revision", report.revision).render(lang)) }
                } }
                tbody { @for (i, question) in period.questions.iter().enumerate() {
                    @let (was, is) = (old.get(&question.key), report.answers.get(&question.key));
                    @let link = format!("{back}/file/{i}");
                    tr class=(if was == is { "same" } else { "changed" }) {
                        td { (i + 1) ". " (question.prompt(lang)) @if was != is { br; span.tag.late { (t(lang, "web-changed")) } } }
                        td { (answer_html(question, was, lang, "")) }
                        td { (answer_html(question, is, lang, &link)) }
                    }
                } }
            } }
        } @else {
            div.card { dl.qa {
                @for (i, question) in period.questions.iter().enumerate() {
                    dt { (i + 1) ". " (question.prompt(lang)) }
                    dd { (answer_html(question, report.answers.get(&question.key), lang, &format!("{back}/file/{i}"))) }
                }
            } }
        }
        @if report.status == ReportStatus::Submitted {
            div.card #decide {
                h2 { (t(lang, "web-decide")) }
                form method="post" action=(format!("/reports/{}/decide", report.id.0)) {
                    input type="hidden" name="csrf" value=(o.csrf);
                    input type="hidden" name="revision" value=(report.revision);
                    input type="hidden" name="period" value=(id);
                    input type="hidden" name="unit" value=(report.unit_id.0);
                    div.actions { button type="submit" name="decision" value="accept" { (t(lang, "decision-button-accept")) } }
                    label for="reason" { (t(lang, "web-return-reason")) }
                    textarea #reason name="reason" maxlength="1000" {}
                    div.actions { button.secondary type="submit" name="decision" value="return" { (t(lang, "decision-button-return")) } }
                }
            }
        }
    };
    let title = format!("{unit_name} — {}", period.title(lang));
    let office = web.app.config().office.short_name.clone();
    Ok(layout::page(&o, &office, (&title, &back), body).into_response())
}

#[derive(Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    csrf: String,
    revision: i64,
    period: i64,
    unit: i64,
    decision: String,
    #[serde(default)]
    reason: String,
}

/// `POST /reports/{id}/decide`: accept, or return with a reason — the chat's decision use case.
pub async fn decide(
    State(web): State<Shared>,
    o: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<DecideForm>,
) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    let (decision, reason, done) = match form.decision.as_str() {
        "accept" => (Decision::Accept, None, "accepted"),
        "return" => (Decision::Return, Some(form.reason.as_str()), "returned"),
        _ => return Err(WebError::NotFound(lang)),
    };
    let decided = actions::decision::decide(
        &web.app,
        &o.officer,
        ReportId(id),
        form.revision,
        decision,
        reason,
    );
    match decided.await.map_err(WebError::from(lang))? {
        actions::decision::Decided::Done { .. } => {
            let to = format!("/periods/{}/units/{}?done={done}", form.period, form.unit);
            Ok(Redirect::to(&to).into_response())
        }
        actions::decision::Decided::Stale { .. } => {
            Err(WebError::User(lang, Msg::new("web-decision-stale")))
        }
        actions::decision::Decided::Unknown => Err(WebError::NotFound(lang)),
    }
}

/// `/periods/{id}/units/{unit}/file/{question}`: the file a unit attached to its report, fetched
/// from the channel by the server (the bot's token never reaches the browser), handed out as the
/// kind of file it is, under a name whose extension says so.
pub async fn file(
    State(web): State<Shared>,
    o: SignedIn,
    Path((id, unit, question)): Path<(i64, i64, usize)>,
) -> Page {
    let lang = o.lang();
    let at = (PeriodId(id), UnitId(unit));
    let attached = reading::attached_file(&web.app, Some(o.member()), at, question).await;
    let Some(file) = attached.map_err(WebError::from(lang))? else {
        return Err(WebError::NotFound(lang));
    };
    Ok(super::download(file.mime, &file.name, file.bytes))
}

/// `/reports/{id}`: a report named by its number (the link in an e-mail notice), at its page.
pub async fn by_id(State(web): State<Shared>, o: SignedIn, Path(id): Path<i64>) -> Page {
    let lang = o.lang();
    let read = reading::by_id(&web.app, Some(o.member()), ReportId(id)).await;
    match read.map_err(WebError::from(lang))? {
        Some(read) => {
            let (period, unit) = (read.report.period_id.0, read.report.unit_id.0);
            Ok(Redirect::to(&format!("/periods/{period}/units/{unit}")).into_response())
        }
        None => Err(WebError::NotFound(lang)),
    }
}
