//! `/f/p/{id}`: a unit's report as one page. Each question is its own small form (its answer is
//! saved when it is sent, with or without the script); a list has a row form and a remove button
//! per row; a file its upload. At the bottom, what is still missing and the button that sends the
//! report. A report sent and waiting is shown as sent, with a way to revise it while it may be.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Deserialize;

use crate::actions::form::{self as act, FormState, FormView};
use crate::domain::answer::item_line;
use crate::domain::{Answer, PeriodId, QuestionKind, ReportStatus};
use crate::i18n::{fmt_datetime, t, Lang, Msg};

use super::save::Typed;
use super::widgets::{hint, inputs, row_fields};
use super::{frame, Chair};
use crate::web::{Shared, Web, WebError};

#[derive(Deserialize, Default)]
pub struct PageQuery {
    /// Begin a revision of the report sent.
    #[serde(default)]
    revise: Option<String>,
    /// Just sent: say so on top.
    #[serde(default)]
    sent: Option<String>,
}

/// What a refused form brings back to its question: why, and what was typed.
pub(crate) struct Flash {
    pub index: usize,
    pub text: String,
    pub typed: Typed,
}

/// `GET /f/p/{id}`: the report page.
pub async fn page(
    State(web): State<Shared>,
    chair: Chair,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let lang = chair.lang();
    let opened = act::open(&web.app, &chair.reporter, PeriodId(id), q.revise.is_some()).await;
    let view = match opened.map_err(WebError::from(lang))? {
        Ok(view) => view,
        Err(refusal) => return Err(WebError::User(lang, refusal)),
    };
    let notice = q.sent.is_some().then(|| sent_notice(&web, &view, lang)).flatten();
    Ok(render(&web, &chair, &view, None, notice).into_response())
}

/// The report page, with a refused form's `flash` at its question and a `notice` on top.
pub(crate) fn render(
    web: &Web,
    chair: &Chair,
    view: &FormView,
    flash: Option<&Flash>,
    notice: Option<String>,
) -> Markup {
    let lang = chair.lang();
    let r = &view.reporting;
    let title = r.period.title(lang);
    let body = html! {
        @if let Some(notice) = notice { div.notice role="status" { (notice) } }
        (status_card(web, view, lang))
        @match (&view.state, &view.draft) {
            (FormState::Editing, Some(draft)) => {
                @for (i, q) in r.period.questions.iter().enumerate() {
                    (question(view, chair, i, draft.answers.get(&q.key), flash.filter(|f| f.index == i)))
                }
                (send_card(view, chair, draft, lang))
            }
            _ => { (read_only(view, lang)) }
        }
    };
    frame(lang, &title, Some((chair, &r.unit.name)), body)
}

/// The unit, the deadline, and where its report stands (returned: why).
fn status_card(web: &Web, view: &FormView, lang: Lang) -> Markup {
    let tz = web.app.config().timezone;
    let due = Msg::new("form-due").arg("due", fmt_datetime(view.reporting.period.due_at, tz));
    let sent = view.report.as_ref().map(|report| {
        Msg::new("form-sent-at")
            .arg("name", report.submitted_by_name.as_str())
            .arg("at", fmt_datetime(report.submitted_at, tz))
            .arg("revision", report.revision)
            .arg(
                "timeliness",
                t(lang, if report.on_time { "report-on-time" } else { "report-late" }),
            )
            .render(lang)
    });
    let returned = view.report.as_ref().filter(|r| r.status == ReportStatus::Returned);
    let editing_sent = view.state == FormState::Editing
        && view.report.as_ref().is_some_and(|r| r.status == ReportStatus::Submitted);
    html! {
        div.card {
            p { (due.render(lang)) }
            @if let Some(sent) = sent { p { (sent) } }
            @if let Some(report) = returned {
                div.problem {
                    p { strong { (web.app.config().office.named(Msg::new("form-returned")).render(lang)) } }
                    @if let Some(reason) = &report.return_reason { p { (t(lang, "web-return-reason")) ": " (reason) } }
                }
            }
            @if editing_sent { p { (t(lang, "form-revising")) } }
            @if view.report.is_none() && view.state == FormState::Editing { p.muted { (t(lang, "form-intro")) } }
        }
    }
}

/// One question: its number and text, what is expected, its form, and the answer saved.
fn question(
    view: &FormView,
    chair: &Chair,
    index: usize,
    current: Option<&Answer>,
    flash: Option<&Flash>,
) -> Markup {
    let lang = chair.lang();
    let questions = &view.reporting.period.questions;
    let Some(q) = questions.get(index) else { return html! {} };
    let id = view.reporting.period.id.0;
    let action = format!("/f/p/{id}/q/{index}");
    let head =
        Msg::new(if q.required { "report-question-required" } else { "report-question-optional" })
            .arg("n", index + 1)
            .arg("total", questions.len());
    let typed = flash.and_then(|f| f.typed.get("value").cloned());
    let saved = match current {
        Some(answer) if !matches!(q.kind, QuestionKind::List { .. }) => {
            Msg::new("form-saved").arg("answer", answer.display(q, lang)).render(lang)
        }
        Some(_) => String::new(),
        None => t(lang, "report-unanswered"),
    };
    html! {
        section.q id=(format!("q{index}")) {
            h2 { span.num { (head.render(lang)) } br; label for=(format!("a{index}")) { (q.prompt(lang)) } }
            p.hint { (hint(q).render(lang)) }
            @if let Some(flash) = flash { div.problem role="alert" { (flash.text) } }
            @match &q.kind {
                QuestionKind::List { fields, max_items, .. } => {
                    @let items = match current { Some(Answer::List { items }) => items.as_slice(), _ => &[] };
                    @if !items.is_empty() {
                        ol.items { @for (n, item) in items.iter().enumerate() {
                            li {
                                span { (item_line(q, item, lang)) }
                                form method="post" action=(format!("{action}/items/{n}/remove")) {
                                    input type="hidden" name="csrf" value=(chair.csrf);
                                    button.link type="submit" { (t(lang, "form-remove-row")) }
                                }
                            }
                        } }
                    }
                    @if items.len() < *max_items {
                        form.row method="post" action=(format!("{action}/items")) {
                            input type="hidden" name="csrf" value=(chair.csrf);
                            fieldset {
                                legend { (Msg::new("form-new-row").arg("n", items.len() + 1).render(lang)) }
                                (row_fields(fields, flash.map(|f| &f.typed), lang))
                            }
                            button type="submit" { (t(lang, "form-add-row")) }
                        }
                    } @else {
                        p.muted { (Msg::new("list-full").arg("max", *max_items).render(lang)) }
                    }
                    @if !q.required && items.is_empty() && current.is_none() { (skip_form(&action, chair)) }
                }
                QuestionKind::File => {
                    form.file method="post" action=(format!("{action}/file")) enctype="multipart/form-data" {
                        input type="hidden" name="csrf" value=(chair.csrf);
                        input id=(format!("a{index}")) type="file" name="file" accept=(ACCEPT);
                        button type="submit" { (t(lang, "form-upload")) }
                    }
                    @if !q.required && current.is_none() { (skip_form(&action, chair)) }
                    p.saved { (saved) }
                }
                _ => {
                    form.answer method="post" action=(action) data-autosave data-saving=(t(lang, "form-saving")) data-unsaved=(t(lang, "form-unsaved")) {
                        input type="hidden" name="csrf" value=(chair.csrf);
                        div.inputs { (inputs(q, index, current, typed.as_deref(), lang)) }
                        div.actions {
                            button type="submit" name="do" value="save" { (t(lang, "form-save")) }
                            @if !q.required { button.secondary type="submit" name="do" value="skip" { (t(lang, "report-button-skip")) } }
                        }
                        p.saved aria-live="polite" { (saved) }
                    }
                }
            }
        }
    }
}

/// The file kinds a report may carry, for the phone's file picker.
const ACCEPT: &str = ".pdf,.doc,.docx,.xls,.xlsx,.odt,.jpg,.jpeg,.png,.webp,.heic";

fn skip_form(action: &str, chair: &Chair) -> Markup {
    html! {
        form.skip method="post" action=(action) {
            input type="hidden" name="csrf" value=(chair.csrf);
            button.secondary type="submit" name="do" value="skip" { (t(chair.lang(), "report-button-skip")) }
        }
    }
}

/// What is still missing, and the button that sends the report.
fn send_card(view: &FormView, chair: &Chair, draft: &crate::domain::Draft, lang: Lang) -> Markup {
    let questions = &view.reporting.period.questions;
    let missing: Vec<usize> = questions
        .iter()
        .enumerate()
        .filter(|(_, q)| {
            q.required && matches!(draft.answers.get(&q.key), None | Some(Answer::Skipped))
        })
        .map(|(i, _)| i)
        .collect();
    let id = view.reporting.period.id.0;
    html! {
        section.card.send id="send" {
            h2 { (t(lang, "form-send-title")) }
            @if missing.is_empty() {
                p { (t(lang, "form-ready")) }
            } @else {
                p { (Msg::new("report-incomplete").arg("count", missing.len()).render(lang)) }
                p { @for i in &missing { a href=(format!("#q{i}")) { (Msg::new("form-question-n").arg("n", i + 1).render(lang)) } " " } }
            }
            form method="post" action=(format!("/f/p/{id}/submit")) {
                input type="hidden" name="csrf" value=(chair.csrf);
                button.primary type="submit" { (t(lang, "report-button-submit")) }
            }
        }
    }
}

/// The report as sent (or accepted), each answer under its question; a way to revise it.
fn read_only(view: &FormView, lang: Lang) -> Markup {
    let id = view.reporting.period.id.0;
    let answers = view.report.as_ref().map(|r| &r.answers);
    html! {
        @match &view.state {
            FormState::Locked(why) => { div.notice { (why.render(lang)) } }
            FormState::Sent { may_revise: true } => {
                form method="get" action=(format!("/f/p/{id}")) {
                    input type="hidden" name="revise" value="1";
                    button type="submit" { (t(lang, "form-revise")) }
                }
            }
            _ => {}
        }
        @if let Some(answers) = answers {
            div.card { dl.qa {
                @for (i, q) in view.reporting.period.questions.iter().enumerate() {
                    dt { (i + 1) ". " (q.prompt(lang)) }
                    dd { (answers.get(&q.key).map_or_else(|| t(lang, "report-unanswered"), |a| a.display(q, lang))) }
                }
            } }
        }
    }
}

/// "Sent at …" after a submission, as the chat says it.
fn sent_notice(web: &Web, view: &FormView, lang: Lang) -> Option<String> {
    let report = view.report.as_ref()?;
    let tz = web.app.config().timezone;
    let timeliness = t(lang, if report.on_time { "report-on-time" } else { "report-late" });
    let key = if report.revision > 1 { "form-revised" } else { "form-submitted" };
    let msg = Msg::new(key)
        .arg("title", view.reporting.period.title(lang))
        .arg("unit", view.reporting.unit.in_sentence())
        .arg("at", fmt_datetime(report.submitted_at, tz))
        .arg("timeliness", timeliness)
        .arg("revision", report.revision);
    Some(web.app.config().office.named(msg).render(lang))
}
