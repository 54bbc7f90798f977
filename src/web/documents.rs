//! The documents of a period (Excel, CSV, the Decree 30 Word report, the commendation list), as
//! the chat's `/xuat` makes them; and the year's statistics, drawn in the page.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use crate::actions::{self, exports::Format, By};
use crate::domain::PeriodId;
use crate::i18n::{t, Msg};

use super::{layout, Shared, SignedIn, WebError};

type Page = Result<Response, WebError>;

/// `/periods/{id}/export/{format}`: a document of the period, as the chat's `/xuat` makes it.
pub async fn export(
    State(web): State<Shared>,
    o: SignedIn,
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
    let by = By::Officer(&o.officer);
    let doc = actions::exports::export(&web.app, by, PeriodId(id), format, lang)
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
pub async fn stats(State(web): State<Shared>, o: SignedIn, Query(q): Query<StatsQuery>) -> Page {
    let lang = o.lang();
    let year = match q.year.trim() {
        "" => actions::exports::this_year(&web.app),
        typed => {
            typed.parse::<i32>().ok().filter(|y| (1900..=9999).contains(y)).ok_or_else(|| {
                WebError::User(lang, Msg::new("web-open-bad-year").arg("value", typed.to_owned()))
            })?
        }
    };
    let stats = actions::exports::year_stats(&web.app, &o.officer, year)
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
    let office = web.app.config().office.short_name.clone();
    Ok(layout::page(&o, &office, (&title, &format!("/stats?year={year}")), body).into_response())
}
