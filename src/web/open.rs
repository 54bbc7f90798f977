//! Opening a period from the console: the wizard's choices on one form (kind of period, its part
//! and year or an ad-hoc window and title, template, who reports, deadline, the office's letter).

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use crate::actions::period::{self, Due, Opening, PeriodRequest, Who};
use crate::actions::{units, By};
use crate::domain::attachment::{AttachedFile, Attachment, ATTACHMENT_MAX_BYTES};
use crate::domain::cadence::Cadence;
use crate::domain::dates::parse_day;
use crate::domain::{DataWindow, PeriodKind};
use crate::i18n::{t, Lang, Msg};

use super::{layout, Shared, SignedIn, WebError};

type Page = Result<Response, WebError>;

/// The largest form accepted here: the letter and a little more.
pub const OPEN_BODY_LIMIT: usize = ATTACHMENT_MAX_BYTES + 64 * 1024;

/// `/periods/new`: the form.
pub async fn form(State(web): State<Shared>, o: SignedIn) -> Page {
    let year = crate::actions::exports::this_year(&web.app);
    let empty = Fields { year: year.to_string(), ..Fields::default() };
    render_form(&web, &o, &empty, None).await
}

/// The form, with what was typed and, after a refusal, why (the letter must be chosen again: a
/// browser never re-fills a file field).
async fn render_form(web: &Shared, o: &SignedIn, f: &Fields, problem: Option<String>) -> Page {
    let lang = o.lang();
    let config = web.app.config();
    let units = units::list(&web.app, By::Officer(&o.officer), false).await;
    let units = units.map_err(WebError::from(lang))?;
    let mut clusters: Vec<String> = units.into_iter().filter_map(|u| u.cluster).collect();
    clusters.sort();
    clusters.dedup();
    let body = html! {
        @if let Some(problem) = &problem { div.problem #problem { (problem) } }
        form.card method="post" action="/periods" enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(o.csrf);
            div.filters {
                label { (t(lang, "web-open-kind"))
                    select name="cadence" {
                        @for c in Cadence::ALL { option value=(c.code()) selected[f.cadence == c.code()] { (t(lang, c.msg_key())) } }
                        option value="adhoc" selected[f.cadence == "adhoc"] { (t(lang, "web-open-adhoc")) }
                    }
                }
                label { (t(lang, "web-open-part")) input type="text" name="part" size="4" inputmode="numeric" value=(f.part); }
                label { (t(lang, "web-year")) input type="text" name="year" size="6" inputmode="numeric" value=(f.year); }
            }
            p.muted { (t(lang, "web-open-part-note")) }
            div.filters {
                label { (t(lang, "web-open-title")) input type="text" name="title" size="40" maxlength="120" value=(f.title); }
                label { (t(lang, "web-open-from")) input type="text" name="from" size="11" placeholder="dd/mm/yyyy" value=(f.from); }
                label { (t(lang, "web-open-to")) input type="text" name="to" size="11" placeholder="dd/mm/yyyy" value=(f.to); }
            }
            p.muted { (t(lang, "web-open-adhoc-note")) }
            div.filters {
                label { (t(lang, "web-open-template"))
                    select name="template" {
                        @for tpl in &config.templates { option value=(tpl.key) selected[f.template == tpl.key] { (tpl.name(lang)) } }
                    }
                }
                label { (t(lang, "web-open-audience"))
                    select name="cluster" {
                        option value="" { (t(lang, "web-open-everyone")) }
                        @for c in &clusters { option value=(c) selected[&f.cluster == c] { (c) } }
                    }
                }
                label { (t(lang, "web-open-due")) input type="text" name="due" size="16" placeholder="dd/mm/yyyy HH:MM" value=(f.due); }
            }
            p.muted { (t(lang, "web-open-due-note")) }
            div.filters {
                label { (t(lang, "web-open-letter")) input type="file" name="attachment"; }
                label { span { input type="checkbox" name="anyway" value="1" checked[f.anyway]; " " (t(lang, "web-open-anyway")) } }
            }
            div.actions { button type="submit" { (t(lang, "web-open-submit")) } }
        }
    };
    let office = config.office.short_name.clone();
    let page = layout::page(o, &office, (&t(lang, "web-open-heading"), "/periods/new"), body);
    let status = if problem.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    Ok((status, page).into_response())
}

/// The form's fields as typed.
#[derive(Default)]
struct Fields {
    csrf: String,
    cadence: String,
    part: String,
    year: String,
    title: String,
    from: String,
    to: String,
    template: String,
    cluster: String,
    due: String,
    anyway: bool,
    attachment: Option<Attachment>,
}

async fn read(mut multipart: Multipart, lang: Lang) -> Result<Fields, WebError> {
    let bad = |_| WebError::User(lang, Msg::new("web-open-bad-form"));
    let mut f = Fields::default();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "attachment" {
            let file_name = field.file_name().unwrap_or_default().trim().to_owned();
            let bytes = field.bytes().await.map_err(bad)?;
            if !file_name.is_empty() && !bytes.is_empty() {
                let file = AttachedFile::Bytes(std::sync::Arc::new(bytes.to_vec()));
                f.attachment = Some(Attachment { name: file_name, file });
            }
            continue;
        }
        let value = field.text().await.map_err(bad)?.trim().to_owned();
        match name.as_str() {
            "csrf" => f.csrf = value,
            "cadence" => f.cadence = value,
            "part" => f.part = value,
            "year" => f.year = value,
            "title" => f.title = value,
            "from" => f.from = value,
            "to" => f.to = value,
            "template" => f.template = value,
            "cluster" => f.cluster = value,
            "due" => f.due = value,
            "anyway" => f.anyway = !value.is_empty(),
            _ => {}
        }
    }
    Ok(f)
}

/// `POST /periods`: opens the period through the same use case as the wizard and the command
/// line; every unit that reports in it is told, with the letter.
pub async fn create(State(web): State<Shared>, o: SignedIn, multipart: Multipart) -> Page {
    let lang = o.lang();
    let f = read(multipart, lang).await?;
    o.check(&f.csrf)?;
    match open(&web, &o, &f).await {
        Err(WebError::User(lang, msg)) => render_form(&web, &o, &f, Some(msg.render(lang))).await,
        other => other,
    }
}

/// Reads the form and opens the period (or says why not, or what to look at again).
async fn open(web: &Shared, o: &SignedIn, f: &Fields) -> Page {
    let lang = o.lang();
    let user = |msg: Msg| WebError::User(lang, msg);
    let number = |s: &str, key: &'static str| {
        s.parse::<i32>().map_err(|_| user(Msg::new(key).arg("value", s.to_owned())))
    };
    let (kind, window) = match Cadence::from_code(&f.cadence) {
        Some(cadence) => {
            let year = number(&f.year, "web-open-bad-year")?;
            let part = match cadence.parts() {
                Some(_) => Some(number(&f.part, "web-open-bad-part")? as u32),
                None => None,
            };
            (cadence.period(part, year).map_err(|e| user(e.msg()))?, None)
        }
        None if f.cadence == "adhoc" => {
            let (from, to) = (parse_day(&f.from).map_err(user)?, parse_day(&f.to).map_err(user)?);
            let window = DataWindow::new(from, to).map_err(|e| user(e.msg()))?;
            (PeriodKind::AdHoc, Some(window))
        }
        None => return Err(user(Msg::new("web-open-bad-form"))),
    };
    let request = PeriodRequest {
        kind,
        title: Some(f.title.clone()).filter(|t| !t.is_empty()),
        window,
        due: if f.due.is_empty() { Due::Suggested } else { Due::Typed(f.due.clone()) },
        template: f.template.clone(),
        audience: Who {
            cluster: Some(f.cluster.clone()).filter(|c| !c.is_empty()),
            units: Vec::new(),
        },
        attachment: f.attachment.clone(),
        anyway: f.anyway,
    };
    let opened = period::open(&web.app, By::Officer(&o.officer), &request).await;
    match opened.map_err(WebError::from(lang))? {
        Opening::Opened { period, .. } => {
            tracing::info!(period = period.id.0, "a period was opened from the web console");
            Ok(Redirect::to(&format!("/periods/{}?done=opened", period.id.0)).into_response())
        }
        Opening::Warned(warning) => {
            let text = format!("{} {}", warning.msg().render(lang), t(lang, "web-open-warning"));
            Err(WebError::User(lang, Msg::new("web-text").arg("text", text)))
        }
    }
}
