//! What the report page sends: an answer, a list's row added or removed, a file, and the report
//! itself (sent; after a colleague's, sent in its place or thrown away). Each is read by the
//! chat's rules (`actions::answers`); a refusal comes back to its question with what was typed.

use axum::extract::{Multipart, Path, State};
use axum::http::header::{self, HeaderMap};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;

use crate::actions::answers::{self, Given};
use crate::actions::form as act;
use crate::actions::report::{self as report_act, Reporting, Submitted};
use crate::domain::{PeriodId, QuestionKind};
use crate::i18n::{fmt_datetime, t, Msg};

use super::page::{render, Flash};
use super::{by_script, frame, refused, to_question, Chair};
use crate::web::{Shared, Web, WebError};

/// What a form sent, by name (a row's fields without their `f.` prefix).
pub type Typed = answers::Fields;

type Sent = Form<Vec<(String, String)>>;

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// The chair's reporting in this period, after the form's token is checked.
async fn reporting(
    web: &Web,
    chair: &Chair,
    headers: &HeaderMap,
    id: i64,
    csrf: Option<&str>,
) -> Result<Reporting, WebError> {
    chair.check(csrf.unwrap_or_default())?;
    let lang = chair.lang();
    let r = act::reporting(&web.app, &chair.reporter, PeriodId(id));
    match r.await.map_err(WebError::from(lang))? {
        Ok(r) => Ok(r),
        Err(refusal) => {
            Err(WebError::Shown(Box::new(refused(headers, lang, refusal.render(lang)))))
        }
    }
}

/// `POST /f/p/{id}/q/{index}`: one answer (or a skip).
pub async fn answer(
    State(web): State<Shared>,
    chair: Chair,
    headers: HeaderMap,
    Path((id, index)): Path<(i64, usize)>,
    Form(pairs): Sent,
) -> Result<Response, WebError> {
    let lang = chair.lang();
    let r = reporting(&web, &chair, &headers, id, value(&pairs, "csrf")).await?;
    let Some(q) = r.period.questions.get(index) else { return Err(WebError::NotFound(lang)) };
    let Some(given) = given(&q.kind, &pairs) else {
        let refusal = Msg::new("form-choose-one");
        return Ok(refuse(&web, &chair, &headers, &r, index, refusal, Typed::new()).await);
    };
    let typed = match &given {
        Given::Typed(text) => Typed::from([("value".to_owned(), text.clone())]),
        _ => Typed::new(),
    };
    match answers::give(&web.app, &r, index, given).await.map_err(WebError::from(lang))? {
        Ok(draft) if by_script(&headers) => {
            let shown = draft.answers.get(&q.key).map(|a| a.display(q, lang)).unwrap_or_default();
            let text = Msg::new("form-saved").arg("answer", shown).render(lang);
            Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response())
        }
        Ok(_) => Ok(to_question(&r, index + 1)),
        Err(refusal) => Ok(refuse(&web, &chair, &headers, &r, index, refusal, typed).await),
    }
}

/// What a question's fields say, as the chat would have been told it; `None` when a choice was
/// asked for and none was made.
fn given(kind: &QuestionKind, pairs: &[(String, String)]) -> Option<Given> {
    if value(pairs, "do") == Some("skip") {
        return Some(Given::Skipped);
    }
    let given = match kind {
        QuestionKind::Fraction => {
            let (num, den) = (value(pairs, "num"), value(pairs, "den"));
            Given::Typed(match (num.map(str::trim), den.map(str::trim)) {
                (Some(num), Some("") | None) => num.to_owned(),
                (num, Some(den)) => format!("{}/{den}", num.unwrap_or_default()),
                (None, None) => String::new(),
            })
        }
        QuestionKind::YesNo | QuestionKind::Choice { .. } => {
            Given::Chosen(value(pairs, "choice")?.parse().ok()?)
        }
        QuestionKind::Multi { .. } => Given::Ticked(
            pairs.iter().filter(|(n, _)| n == "tick").filter_map(|(_, v)| v.parse().ok()).collect(),
        ),
        _ => Given::Typed(value(pairs, "value").unwrap_or_default().to_owned()),
    };
    Some(given)
}

/// A refusal: to the script as text; else the page again, the reason and what was typed at the
/// question.
async fn refuse(
    web: &Web,
    chair: &Chair,
    headers: &HeaderMap,
    r: &Reporting,
    index: usize,
    refusal: Msg,
    typed: Typed,
) -> Response {
    let lang = chair.lang();
    let text = refusal.render(lang);
    if by_script(headers) {
        return refused(headers, lang, text);
    }
    match act::open(&web.app, &chair.reporter, r.period.id, false).await {
        Ok(Ok(view)) => {
            let flash = Flash { index, text, typed };
            (StatusCode::BAD_REQUEST, render(web, chair, &view, Some(&flash), None)).into_response()
        }
        Ok(Err(refusal)) => refused(headers, lang, refusal.render(lang)),
        Err(e) => WebError::Failed(lang, e).into_response(),
    }
}

/// `POST /f/p/{id}/q/{index}/items`: a new row of a list.
pub async fn add_item(
    State(web): State<Shared>,
    chair: Chair,
    headers: HeaderMap,
    Path((id, index)): Path<(i64, usize)>,
    Form(pairs): Sent,
) -> Result<Response, WebError> {
    let lang = chair.lang();
    let r = reporting(&web, &chair, &headers, id, value(&pairs, "csrf")).await?;
    let typed: Typed = pairs
        .iter()
        .filter_map(|(n, v)| Some((n.strip_prefix("f.")?.to_owned(), v.clone())))
        .collect();
    match answers::put_item(&web.app, &r, index, None, &typed)
        .await
        .map_err(WebError::from(lang))?
    {
        Ok(_) => Ok(to_question(&r, index)),
        Err(refusal) => Ok(refuse(&web, &chair, &headers, &r, index, refusal, typed).await),
    }
}

/// `POST /f/p/{id}/q/{index}/items/{item}/remove`: a row removed.
pub async fn remove_item(
    State(web): State<Shared>,
    chair: Chair,
    headers: HeaderMap,
    Path((id, index, item)): Path<(i64, usize, usize)>,
    Form(pairs): Sent,
) -> Result<Response, WebError> {
    let lang = chair.lang();
    let r = reporting(&web, &chair, &headers, id, value(&pairs, "csrf")).await?;
    if !report_act::is_list(&r, index) {
        return Err(WebError::NotFound(lang));
    }
    answers::remove_item(&web.app, &r, index, item).await.map_err(WebError::from(lang))?;
    Ok(to_question(&r, index))
}

/// `POST /f/p/{id}/q/{index}/file`: a file (multipart: the token, then the file).
pub async fn file(
    State(web): State<Shared>,
    chair: Chair,
    headers: HeaderMap,
    Path((id, index)): Path<(i64, usize)>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let lang = chair.lang();
    let too_large =
        || Msg::new("answer-err-file-too-large").arg("max", super::FILE_LIMIT / (1024 * 1024));
    // A few files at a time are read into memory; the others wait for their turn.
    let Ok(_turn) = web.uploads.acquire().await else {
        return Ok(refused(&headers, lang, t(lang, "form-upload-broken")));
    };
    let (mut csrf, mut upload) = (String::new(), None);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Ok(refused(&headers, lang, too_large().render(lang)));
            }
            Err(_) => return Ok(refused(&headers, lang, t(lang, "form-upload-broken"))),
        };
        match field.name() {
            Some("csrf") => csrf = field.text().await.unwrap_or_default(),
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let declared = field.content_type().unwrap_or_default().to_owned();
                match field.bytes().await {
                    Ok(bytes) => upload = Some((name, declared, bytes.to_vec())),
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        return Ok(refused(&headers, lang, too_large().render(lang)));
                    }
                    Err(_) => return Ok(refused(&headers, lang, t(lang, "form-upload-broken"))),
                }
            }
            _ => {}
        }
    }
    let r = reporting(&web, &chair, &headers, id, Some(&csrf)).await?;
    let Some((name, declared, bytes)) = upload.filter(|(name, ..)| !name.is_empty()) else {
        let refusal = Msg::new("form-no-file");
        return Ok(refuse(&web, &chair, &headers, &r, index, refusal, Typed::new()).await);
    };
    let mime = crate::domain::file_type::declared_or_named(&name, &declared);
    let given = (name.as_str(), mime.as_str(), bytes);
    match answers::attach(&web.app, &r, index, given).await.map_err(WebError::from(lang))? {
        Ok(_) => Ok(to_question(&r, index + 1)),
        Err(refusal) => Ok(refuse(&web, &chair, &headers, &r, index, refusal, Typed::new()).await),
    }
}

/// `POST /f/p/{id}/submit`: sends the report.
pub async fn submit(
    State(web): State<Shared>,
    chair: Chair,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(pairs): Sent,
) -> Result<Response, WebError> {
    let lang = chair.lang();
    let r = reporting(&web, &chair, &headers, id, value(&pairs, "csrf")).await?;
    let submitted = report_act::submit(&web.app, &r).await.map_err(WebError::from(lang))?;
    Ok(submitted_page(&web, &chair, &headers, &r, submitted).await)
}

/// `POST /f/p/{id}/replace`: after a colleague's report, sends this one in its place.
pub async fn replace(
    State(web): State<Shared>,
    chair: Chair,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(pairs): Sent,
) -> Result<Response, WebError> {
    let lang = chair.lang();
    let r = reporting(&web, &chair, &headers, id, value(&pairs, "csrf")).await?;
    let submitted = report_act::replace(&web.app, &r).await.map_err(WebError::from(lang))?;
    Ok(submitted_page(&web, &chair, &headers, &r, submitted).await)
}

/// `POST /f/p/{id}/discard`: after a colleague's report, throws this draft away.
pub async fn discard(
    State(web): State<Shared>,
    chair: Chair,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(pairs): Sent,
) -> Result<Response, WebError> {
    let lang = chair.lang();
    let r = reporting(&web, &chair, &headers, id, value(&pairs, "csrf")).await?;
    report_act::discard(&web.app, &r).await.map_err(WebError::from(lang))?;
    Ok(Redirect::to(&format!("/f/p/{id}")).into_response())
}

/// What came of sending: the report page saying so, the first missing question, or the choice
/// after a colleague's report.
async fn submitted_page(
    web: &Web,
    chair: &Chair,
    headers: &HeaderMap,
    r: &Reporting,
    submitted: Submitted,
) -> Response {
    let (lang, tz) = (chair.lang(), web.app.config().timezone);
    let office = &web.app.config().office;
    let id = r.period.id.0;
    match submitted {
        Submitted::Done { .. } | Submitted::NoDraft(Some(_)) => {
            Redirect::to(&format!("/f/p/{id}?sent=1")).into_response()
        }
        Submitted::NoDraft(None) => Redirect::to(&format!("/f/p/{id}")).into_response(),
        Submitted::Incomplete { missing, first } => {
            let refusal = Msg::new("report-incomplete").arg("count", missing);
            refuse(web, chair, headers, r, first, refusal, Typed::new()).await
        }
        Submitted::Conflict { refusal, theirs } => {
            let body = html! {
                div.problem role="alert" { (refusal.msg(tz, office).render(lang)) }
                @if let Some(theirs) = &theirs {
                    div.card { dl.qa {
                        @for (i, q) in r.period.questions.iter().enumerate() {
                            dt { (i + 1) ". " (q.prompt(lang)) }
                            dd { (theirs.answers.get(&q.key).map_or_else(|| t(lang, "report-unanswered"), |a| a.display(q, lang))) }
                        }
                    } }
                    p.muted { (Msg::new("form-sent-at").arg("name", theirs.submitted_by_name.as_str()).arg("at", fmt_datetime(theirs.submitted_at, tz)).arg("revision", theirs.revision).arg("timeliness", t(lang, if theirs.on_time { "report-on-time" } else { "report-late" })).render(lang)) }
                }
                div.actions {
                    form method="post" action=(format!("/f/p/{id}/replace")) {
                        input type="hidden" name="csrf" value=(chair.csrf);
                        button.primary type="submit" { (t(lang, "report-button-replace")) }
                    }
                    form method="post" action=(format!("/f/p/{id}/discard")) {
                        input type="hidden" name="csrf" value=(chair.csrf);
                        button.secondary type="submit" { (t(lang, "report-button-discard")) }
                    }
                }
            };
            let title = r.period.title(lang);
            (StatusCode::CONFLICT, frame(lang, &title, Some((chair, &r.unit.name)), body))
                .into_response()
        }
        Submitted::Refused(refusal) => refused(headers, lang, refusal.msg(tz, office).render(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn a_fraction_is_given_as_the_chat_would_have_been_told_it() {
        let both = given(&QuestionKind::Fraction, &sent(&[("num", " 12 "), ("den", "15")]));
        assert!(matches!(both, Some(Given::Typed(t)) if t == "12/15"));
        let num_only = given(&QuestionKind::Fraction, &sent(&[("num", "12"), ("den", " ")]));
        assert!(matches!(num_only, Some(Given::Typed(t)) if t == "12"));
    }

    #[test]
    fn a_choice_not_made_is_no_answer_and_skip_wins_over_the_fields() {
        assert!(given(&QuestionKind::YesNo, &sent(&[("choice", "")])).is_none());
        assert!(matches!(
            given(&QuestionKind::YesNo, &sent(&[("choice", "1")])),
            Some(Given::Chosen(1))
        ));
        let skipped = given(&QuestionKind::YesNo, &sent(&[("do", "skip")]));
        assert!(matches!(skipped, Some(Given::Skipped)));
    }
}
