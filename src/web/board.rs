//! `/periods/{id}`: the board of a period — every unit in one table (status, sent at, reporters),
//! filtered and sorted as asked, updating by itself; the period's actions and documents.

use std::hash::{Hash, Hasher};

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use serde::Deserialize;

use crate::actions::{self, progress, By};
use crate::domain::progress::{PeriodProgress, Standing, UnitProgress};
use crate::domain::{Member, PeriodId, UnitKind};
use crate::i18n::{fmt_datetime, t, Msg};

use super::{layout, CsrfForm, Shared, SignedIn, WebError};

type Page = Result<Response, WebError>;

pub(super) fn standing_key(s: Standing) -> (&'static str, &'static str) {
    match s {
        Standing::OnTime => ("on_time", "web-standing-on-time"),
        Standing::Late => ("late", "web-standing-late"),
        Standing::Returned => ("returned", "web-standing-returned"),
        Standing::Accepted => ("accepted", "web-standing-accepted"),
        Standing::Missing => ("missing", "web-standing-missing"),
        Standing::Merged => ("merged", "web-standing-merged"),
    }
}

#[derive(Deserialize, Default)]
pub struct BoardQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    cluster: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    done: String,
}

/// A value that changes whenever a unit's standing or report time does (the board's short poll).
fn version(progress: &PeriodProgress) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for u in &progress.units {
        (u.unit.id.0, standing_key(u.standing()).0, u.report.as_ref().map(|r| r.submitted_at))
            .hash(&mut h);
    }
    progress.period.due_at.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// `/periods/{id}/version`: the board's version, asked every few seconds by its script.
pub async fn board_version(State(web): State<Shared>, o: SignedIn, Path(id): Path<i64>) -> Page {
    let by = By::Officer(&o.officer);
    let progress = progress::period(&web.app, by, PeriodId(id)).await;
    Ok(version(&progress.map_err(WebError::from(o.lang()))?).into_response())
}

fn person(m: &Member) -> String {
    match &m.position {
        Some(p) => format!("{} ({p})", m.full_name),
        None => m.full_name.clone(),
    }
}

/// `/periods/{id}`: every unit of a period in one table, filtered and sorted as asked.
pub async fn board(
    State(web): State<Shared>,
    o: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<BoardQuery>,
) -> Page {
    let lang = o.lang();
    let tz = web.app.config().timezone;
    let board = progress::board(&web.app, &o.officer, PeriodId(id)).await;
    let progress::Board { progress, reporters: people } = board.map_err(WebError::from(lang))?;
    let period = &progress.period;
    // A kind is named in the page's address by its stored word ("commune", "ward"…).
    let mut units: Vec<&UnitProgress> = progress
        .units
        .iter()
        .filter(|u| q.status.is_empty() || standing_key(u.standing()).0 == q.status)
        .filter(|u| q.kind.is_empty() || u.unit.kind.word() == q.kind)
        .filter(|u| q.cluster.is_empty() || u.unit.cluster.as_deref() == Some(q.cluster.as_str()))
        .collect();
    // Sorted by name, by what needs doing (not sent, returned, late, on time, accepted), or
    // by the latest sent first; otherwise in the office's order.
    let rank = |u: &UnitProgress| match u.standing() {
        Standing::Missing => 0,
        Standing::Returned => 1,
        Standing::Late => 2,
        Standing::OnTime => 3,
        Standing::Accepted => 4,
        Standing::Merged => 5,
    };
    match q.sort.as_str() {
        "name" => units.sort_by(|a, b| a.unit.name.cmp(&b.unit.name)),
        "status" => units.sort_by_key(|u| rank(u)),
        "sent" => {
            units.sort_by_key(|u| std::cmp::Reverse(u.report.as_ref().map(|r| r.submitted_at)))
        }
        _ => {}
    }
    // The kinds present in this period, in the order lists show them; named in the page's address
    // by their stored word ("commune", "ward"…).
    let kinds: Vec<UnitKind> = UnitKind::ALL
        .into_iter()
        .filter(|k| progress.units.iter().any(|u| u.unit.kind == *k))
        .collect();
    let mut clusters: Vec<&str> =
        progress.units.iter().filter_map(|u| u.unit.cluster.as_deref()).collect();
    clusters.sort();
    clusters.dedup();
    let standings = [
        Standing::Missing,
        Standing::OnTime,
        Standing::Late,
        Standing::Returned,
        Standing::Accepted,
        Standing::Merged,
    ];
    let sort_link = |key: &str| {
        format!(
            "?status={}&kind={}&cluster={}&sort={key}",
            urlencode(&q.status),
            urlencode(&q.kind),
            urlencode(&q.cluster)
        )
    };
    let docs = [
        ("xlsx", "web-doc-xlsx"),
        ("csv", "web-doc-csv"),
        ("docx", "web-doc-docx"),
        ("khenthuong", "web-doc-commendations"),
    ];
    let header = Msg::new("web-board-header").arg("due", fmt_datetime(period.due_at, tz)).arg(
        "state",
        t(lang, if period.is_open() { "web-period-open" } else { "web-period-closed" }),
    );
    let body = html! {
        @if let Some(key) = board_done(&q.done) { div.notice { (t(lang, key)) } }
        div.card data-version-url=(format!("/periods/{id}/version")) data-version=(version(&progress)) {
            p { (header.render(lang)) }
            (super::periods::progress_bar(&progress, lang))
            div.actions {
                @if period.is_open() {
                    form.inline method="post" action=(format!("/periods/{id}/nudge")) {
                        input type="hidden" name="csrf" value=(o.csrf);
                        button type="submit" { (t(lang, "web-nudge")) }
                    }
                    form.inline method="post" action=(format!("/periods/{id}/close")) {
                        input type="hidden" name="csrf" value=(o.csrf);
                        button.secondary type="submit" { (t(lang, "web-close")) }
                    }
                } @else {
                    form.inline method="post" action=(format!("/periods/{id}/reopen")) {
                        input type="hidden" name="csrf" value=(o.csrf);
                        button.secondary type="submit" { (t(lang, "web-reopen")) }
                    }
                }
            }
            @if period.is_open() {
                form.filters method="post" action=(format!("/periods/{id}/extend")) {
                    input type="hidden" name="csrf" value=(o.csrf);
                    label { (t(lang, "web-extend-to"))
                        input #due type="text" name="due" value=(fmt_datetime(period.due_at, tz)) placeholder="dd/mm/yyyy HH:MM" size="16";
                    }
                    button.secondary type="submit" { (t(lang, "web-extend")) }
                }
            }
            p.docs {
                (t(lang, "web-documents")) ": "
                @for (format, key) in docs {
                    a.button.secondary href=(format!("/periods/{id}/export/{format}")) { (t(lang, key)) } " "
                }
            }
        }
        form.filters method="get" {
            label { (t(lang, "web-filter-status"))
                select name="status" {
                    option value="" { (t(lang, "web-filter-all")) }
                    @for s in standings {
                        @let (code, key) = standing_key(s);
                        option value=(code) selected[q.status == code] { (t(lang, key)) }
                    }
                }
            }
            label { (t(lang, "web-filter-kind"))
                select name="kind" {
                    option value="" { (t(lang, "web-filter-all")) }
                    @for k in &kinds {
                        option value=(k.word()) selected[q.kind == k.word()] { (k.msg().render(lang)) }
                    }
                }
            }
            @if !clusters.is_empty() {
                label { (t(lang, "web-filter-cluster"))
                    select name="cluster" {
                        option value="" { (t(lang, "web-filter-all")) }
                        @for c in &clusters { option value=(c) selected[q.cluster == *c] { (c) } }
                    }
                }
            }
            input type="hidden" name="sort" value=(q.sort);
            button type="submit" { (t(lang, "web-filter-apply")) }
        }
        div.table-wrap { table #board {
            thead { tr {
                th { "#" }
                th { a href=(sort_link("name")) { (t(lang, "web-col-unit")) } }
                th { a href=(sort_link("status")) { (t(lang, "web-col-status")) } }
                th { a href=(sort_link("sent")) { (t(lang, "web-col-sent")) } }
                th.hide-narrow { (t(lang, "web-col-reporters")) }
            } }
            tbody { @for (i, u) in units.iter().enumerate() {
                @let (class, key) = standing_key(u.standing());
                tr {
                    td { (i + 1) }
                    td {
                        @if u.report.is_some() {
                            a href=(format!("/periods/{id}/units/{}", u.unit.id.0)) { (u.unit.name) }
                        } @else { (u.unit.name) }
                        @if let Some(to) = &u.successor { br; span.muted { "→ " (to) } }
                    }
                    td { span.tag.(class) { (t(lang, key)) } }
                    td { @if let Some(r) = &u.report { (fmt_datetime(r.submitted_at, tz)) } }
                    td.hide-narrow {
                        @for m in people.get(&u.unit.id).map(Vec::as_slice).unwrap_or_default() {
                            div { (person(m)) @if !m.reachable() { " · " span.muted { (t(lang, "board-unreachable")) } } }
                        }
                        @if u.reporters == 0 { span.muted { (t(lang, "web-no-reporter")) } }
                    }
                }
            } }
        } }
        @if units.is_empty() { p.muted { (t(lang, "web-filter-none")) } }
    };
    let office = web.app.config().office.short_name.clone();
    Ok(layout::page(&o, &office, (&period.title(lang), &format!("/periods/{id}")), body)
        .into_response())
}

/// The notice after an action on the board.
fn board_done(done: &str) -> Option<&'static str> {
    match done {
        "nudged" => Some("web-nudged"),
        "extended" => Some("web-done-extended"),
        "closed" => Some("web-done-closed"),
        "reopened" => Some("web-done-reopened"),
        "opened" => Some("web-done-opened"),
        _ => None,
    }
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// `POST /periods/{id}/nudge`: the same nudge as `/nhac`; its messages go out in the background.
pub async fn nudge(
    State(web): State<Shared>,
    o: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Page {
    o.check(&form.csrf)?;
    let target = actions::nudge::Target::Period(PeriodId(id));
    let nudged = actions::nudge::nudge(&web.app, &o.officer, &target).await;
    match nudged.map_err(WebError::from(o.lang()))? {
        Some(_) => Ok(Redirect::to(&format!("/periods/{id}?done=nudged")).into_response()),
        None => Err(WebError::User(o.lang(), Msg::new("web-period-not-open"))),
    }
}
