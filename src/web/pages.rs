//! What an officer does in the console: follow the periods, read the board, read a report and
//! decide on it, take the documents, look at the year's statistics. Each page calls the same use
//! cases as the chat.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use crate::actions::{self, exports::Format};
use crate::domain::progress::{PeriodProgress, Standing, UnitProgress};
use crate::domain::{
    Answer, Decision, Member, Period, PeriodId, QuestionKind, ReportId, ReportStatus, UnitId,
    UnitKind,
};
use crate::i18n::{fmt_datetime, t, Lang, Msg};

use super::{layout, Officer, Shared, WebError};
use crate::store::stored_words::Stored;

type Page = Result<Response, WebError>;

fn standing_key(s: Standing) -> (&'static str, &'static str) {
    match s {
        Standing::OnTime => ("on_time", "web-standing-on-time"),
        Standing::Late => ("late", "web-standing-late"),
        Standing::Returned => ("returned", "web-standing-returned"),
        Standing::Accepted => ("accepted", "web-standing-accepted"),
        Standing::Missing => ("missing", "web-standing-missing"),
        Standing::Merged => ("merged", "web-standing-merged"),
    }
}

async fn period_of(web: &Shared, o: &Officer, id: i64) -> Result<Period, WebError> {
    let period = web.app.store.period(PeriodId(id)).await.map_err(WebError::from(o.lang()))?;
    period.ok_or(WebError::NotFound(o.lang()))
}

/// The bar of a period's progress: one segment per group, as a share of the units expected.
fn progress_bar(progress: &PeriodProgress, lang: Lang) -> Markup {
    let c = progress.counts();
    let total = c.total.max(1) as f64;
    let part = |n: usize| n as f64 * 100.0 / total;
    let reported = c.total - c.missing;
    let label = Msg::new("web-progress").arg("reported", reported).arg("total", c.total);
    // Drawn in SVG: the page's CSP allows no inline style, and SVG geometry is not style.
    let mut x = 0.0;
    let segments: Vec<(&str, f64, f64)> = [
        ("accepted", c.accepted),
        ("on_time", c.on_time),
        ("late", c.late),
        ("returned", c.returned),
    ]
    .into_iter()
    .map(|(class, n)| {
        let w = part(n);
        x += w;
        (class, x - w, w)
    })
    .collect();
    html! {
        svg.bar viewBox="0 0 100 4" preserveAspectRatio="none" role="img" aria-label=(label.render(lang)) {
            rect.track x="0" y="0" width="100" height="4" {}
            @for (class, x, w) in segments {
                rect class=(class) x=(format!("{x:.2}")) y="0" width=(format!("{w:.2}")) height="4" {}
            }
        }
        span.muted { (label.render(lang)) }
    }
}

/// `/`: the periods, open first, with their progress.
pub async fn periods(State(web): State<Shared>, o: Officer) -> Page {
    let lang = o.lang();
    let store = &web.app.store;
    let tz = web.app.config.timezone;
    let list = store.list_periods(true).await.map_err(WebError::from(lang))?;
    let mut rows = Vec::new();
    for p in list.iter().take(60) {
        rows.push((p, store.period_progress(p).await.map_err(WebError::from(lang))?));
    }
    let body = html! {
        p { a.button href="/periods/new" { (t(lang, "web-open-heading")) } }
        @if rows.is_empty() { div.card { (t(lang, "web-no-periods")) } }
        @else {
            div.table-wrap { table {
                thead { tr {
                    th { (t(lang, "web-col-period")) }
                    th { (t(lang, "web-col-due")) }
                    th { (t(lang, "web-col-progress")) }
                    th.hide-narrow { (t(lang, "web-col-state")) }
                } }
                tbody { @for (p, progress) in &rows { tr {
                    td { a href=(format!("/periods/{}", p.id.0)) { (p.title(lang)) } }
                    td { (fmt_datetime(p.due_at, tz)) }
                    td { (progress_bar(progress, lang)) }
                    td.hide-narrow { (t(lang, if p.is_open() { "web-period-open" } else { "web-period-closed" })) }
                } } }
            } }
        }
    };
    let office = web.app.config.office.short_name.clone();
    Ok(layout::page(&o, &office, (&t(lang, "web-menu-periods"), "/"), body).into_response())
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
pub async fn board_version(State(web): State<Shared>, o: Officer, Path(id): Path<i64>) -> Page {
    let period = period_of(&web, &o, id).await?;
    let progress =
        web.app.store.period_progress(&period).await.map_err(WebError::from(o.lang()))?;
    Ok(version(&progress).into_response())
}

/// Reporters by unit: name (position), and whether the bot can write to them.
async fn reporters(web: &Shared, lang: Lang) -> Result<HashMap<UnitId, Vec<Member>>, WebError> {
    let members = web.app.store.list_members(false).await.map_err(WebError::from(lang))?;
    let mut by_unit: HashMap<UnitId, Vec<Member>> = HashMap::new();
    for m in members.into_iter().map(|l| l.member) {
        if let (Some(unit), false) = (m.unit_id, m.role.is_officer()) {
            by_unit.entry(unit).or_default().push(m);
        }
    }
    Ok(by_unit)
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
    o: Officer,
    Path(id): Path<i64>,
    Query(q): Query<BoardQuery>,
) -> Page {
    let lang = o.lang();
    let tz = web.app.config.timezone;
    let period = period_of(&web, &o, id).await?;
    let progress = web.app.store.period_progress(&period).await.map_err(WebError::from(lang))?;
    let people = reporters(&web, lang).await?;
    // A kind is named in the page's address by its stored word ("commune", "ward"…).
    let mut units: Vec<&UnitProgress> = progress
        .units
        .iter()
        .filter(|u| q.status.is_empty() || standing_key(u.standing()).0 == q.status)
        .filter(|u| q.kind.is_empty() || u.unit.kind.code() == q.kind)
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
            (progress_bar(&progress, lang))
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
                        option value=(k.code()) selected[q.kind == k.code()] { (k.msg().render(lang)) }
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
                            div { (person(m)) @if !m.reachable { " · " span.muted { (t(lang, "board-unreachable")) } } }
                        }
                        @if u.reporters == 0 { span.muted { (t(lang, "web-no-reporter")) } }
                    }
                }
            } }
        } }
        @if units.is_empty() { p.muted { (t(lang, "web-filter-none")) } }
    };
    let office = web.app.config.office.short_name.clone();
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

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /periods/{id}/nudge`: the same nudge as `/nhac`; its messages go out in the background.
pub async fn nudge(
    State(web): State<Shared>,
    o: Officer,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Page {
    o.check(&form.csrf)?;
    let target = actions::nudge::Target::Period(PeriodId(id));
    let nudged = actions::nudge::nudge(&web.app, Some(&o.member), &target).await;
    match nudged.map_err(WebError::from(o.lang()))? {
        Some(_) => Ok(Redirect::to(&format!("/periods/{id}?done=nudged")).into_response()),
        None => Err(WebError::User(o.lang(), Msg::new("web-period-not-open"))),
    }
}

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
    o: Officer,
    Path((id, unit)): Path<(i64, i64)>,
    Query(q): Query<ReportQuery>,
) -> Page {
    let lang = o.lang();
    let tz = web.app.config.timezone;
    let store = &web.app.store;
    let period = period_of(&web, &o, id).await?;
    let report = store.report(period.id, UnitId(unit)).await.map_err(WebError::from(lang))?;
    let Some(report) = report else { return Err(WebError::NotFound(lang)) };
    let unit = store.unit_by_id(UnitId(unit)).await.map_err(WebError::from(lang))?;
    let unit_name = unit.map(|u| u.name).unwrap_or_default();
    let previous = store.previous_answers(report.id).await.map_err(WebError::from(lang))?;
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
    let office = web.app.config.office.short_name.clone();
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
    o: Officer,
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
    let member = Some(&o.member);
    let decided =
        actions::decision::decide(&web.app, member, ReportId(id), form.revision, decision, reason);
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

/// `/periods/{id}/export/{format}`: a document of the period, as the chat's `/xuat` makes it.
pub async fn export(
    State(web): State<Shared>,
    o: Officer,
    Path((id, format)): Path<(i64, String)>,
) -> Page {
    let lang = o.lang();
    let format = match format.as_str() {
        "xlsx" => Format::Xlsx,
        "csv" => Format::Csv,
        "docx" => Format::Docx,
        "khenthuong" => Format::Commendations,
        _ => return Err(WebError::NotFound(lang)),
    };
    let config = &web.app.config;
    let issued = actions::exports::Issued {
        lang,
        tz: config.timezone,
        office: &config.office,
        now: web.app.clock.now(),
    };
    let doc = actions::exports::export(&web.app.store, PeriodId(id), format, issued)
        .await
        .map_err(WebError::from(lang))?;
    let kind = match format {
        Format::Csv => "text/csv; charset=utf-8",
        Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format::Xlsx | Format::Commendations => {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    };
    Ok(super::download(kind, &doc.name, doc.bytes))
}

#[derive(Deserialize, Default)]
pub struct StatsQuery {
    /// As typed in the page's field: read here, so a wrong year gets a sentence, not a raw 400.
    #[serde(default)]
    year: String,
}

/// `/stats?year=`: each unit's periods on time, late and missing in a year — a chart drawn in
/// SVG in the page, and its table.
pub async fn stats(State(web): State<Shared>, o: Officer, Query(q): Query<StatsQuery>) -> Page {
    let lang = o.lang();
    let (now, tz) = (web.app.clock.now(), web.app.config.timezone);
    let year = match q.year.trim() {
        "" => actions::exports::this_year(now, tz),
        typed => {
            typed.parse::<i32>().ok().filter(|y| (1900..=9999).contains(y)).ok_or_else(|| {
                WebError::User(lang, Msg::new("web-open-bad-year").arg("value", typed.to_owned()))
            })?
        }
    };
    let stats = actions::exports::year_stats(&web.app.store, year, now, tz)
        .await
        .map_err(WebError::from(lang))?;
    let (row_h, label_w, bar_w) = (22.0, 260.0, 420.0);
    let height = row_h * stats.len() as f64 + 30.0;
    let body = html! {
        form.filters method="get" {
            label { (t(lang, "web-year")) input type="text" name="year" value=(year) size="6" inputmode="numeric"; }
            button type="submit" { (t(lang, "web-filter-apply")) }
        }
        @if stats.is_empty() { div.card { (t(lang, "web-no-stats")) } }
        @else {
            div.card {
                svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox=(format!("0 0 {} {height}", label_w + bar_w + 60.0)) role="img" aria-label=(t(lang, "web-stats-chart")) {
                    @for (i, s) in stats.iter().enumerate() {
                        @let y = 10.0 + row_h * i as f64;
                        @let required = f64::from(s.required.max(1));
                        @let on_time = bar_w * f64::from(s.on_time) / required;
                        @let late = bar_w * f64::from(s.late) / required;
                        text x=(label_w - 6.0) y=(y + 14.0) text-anchor="end" font-size="12" { (s.unit.name) }
                        rect x=(label_w) y=(y) width=(bar_w) height="16" fill="#e4e7eb" {}
                        rect x=(label_w) y=(y) width=(format!("{on_time:.1}")) height="16" fill="#1e7b34" {}
                        rect x=(format!("{:.1}", label_w + on_time)) y=(y) width=(format!("{late:.1}")) height="16" fill="#b26a00" {}
                        text x=(label_w + bar_w + 6.0) y=(y + 13.0) font-size="12" { (s.on_time) "/" (s.required) }
                    }
                }
                p.muted { span.tag.on_time { (t(lang, "web-standing-on-time")) } " " span.tag.late { (t(lang, "web-standing-late")) } }
            }
            div.table-wrap { table {
                thead { tr {
                    th { (t(lang, "web-col-unit")) }
                    th { (t(lang, "web-col-required")) }
                    th { (t(lang, "web-standing-on-time")) }
                    th { (t(lang, "web-standing-late")) }
                    th { (t(lang, "web-standing-missing")) }
                } }
                tbody { @for s in &stats { tr {
                    td { (s.unit.name) @if let Some(to) = &s.successor { br; span.muted { "→ " (to.name) } } }
                    td { (s.required) } td { (s.on_time) } td { (s.late) } td { (s.missing()) }
                } } }
            } }
        }
    };
    let title = Msg::new("web-stats-title").arg("year", year.to_string()).render(lang);
    let office = web.app.config.office.short_name.clone();
    Ok(layout::page(&o, &office, (&title, &format!("/stats?year={year}")), body).into_response())
}

/// `/periods/{id}/units/{unit}/file/{question}`: the file a unit attached to its report, fetched
/// from the channel by the server (the bot's token never reaches the browser).
pub async fn file(
    State(web): State<Shared>,
    o: Officer,
    Path((id, unit, question)): Path<(i64, i64, usize)>,
) -> Page {
    let lang = o.lang();
    let period = period_of(&web, &o, id).await?;
    let report =
        web.app.store.report(period.id, UnitId(unit)).await.map_err(WebError::from(lang))?;
    let file = report.as_ref().zip(period.questions.get(question)).and_then(|(r, q)| {
        match r.answers.get(&q.key) {
            Some(Answer::File { file }) => Some(file.clone()),
            _ => None,
        }
    });
    let Some(file) = file else { return Err(WebError::NotFound(lang)) };
    let bytes = web.app.outbox.channel().fetch_file(&file.file_id).await.map_err(|e| {
        tracing::warn!(error = e.detail(), "could not fetch an attached file");
        WebError::User(lang, Msg::new("web-file-unavailable"))
    })?;
    let name =
        file.name
            .clone()
            .unwrap_or_else(|| if file.photo { "anh.jpg".into() } else { "tep".into() });
    // The type a chair's phone declared is trusted only for the kinds a report may carry: anything
    // else (text/html…) is served as bytes, never as a page of this site.
    let kind = file
        .mime
        .as_deref()
        .filter(|m| crate::domain::answer::accepted_mime(m))
        .unwrap_or("application/octet-stream");
    Ok(super::download(kind, &name, bytes))
}
