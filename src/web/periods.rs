//! `/`: the periods, open first, each with a bar of its progress; and when the data was last
//! backed up (a warning when that was long ago, failed, or never happened).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use crate::actions::operations::{backup_status, BackupStatus};
use crate::actions::{progress, By};
use crate::domain::backup::BackupHealth;
use crate::domain::progress::PeriodProgress;
use crate::i18n::{fmt_datetime, t, Lang, Msg};

use super::{layout, Shared, SignedIn, WebError};

type Page = Result<Response, WebError>;

/// The bar of a period's progress: one segment per group, as a share of the units expected.
pub(super) fn progress_bar(progress: &PeriodProgress, lang: Lang) -> Markup {
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
pub async fn periods(State(web): State<Shared>, o: SignedIn) -> Page {
    let lang = o.lang();
    let tz = web.app.config().timezone;
    let by = By::Officer(&o.officer);
    let rows = progress::periods(&web.app, by, true, 60).await.map_err(WebError::from(lang))?;
    let backups = backup_status(&web.app, by).await.map_err(WebError::from(lang))?;
    let backups = backup_note(&backups, lang, tz);
    let body = html! {
        @if let Some((true, note)) = &backups { div.problem.backup { (note) } }
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
                tbody { @for progress in &rows { @let p = &progress.period; tr {
                    td { a href=(format!("/periods/{}", p.id.0)) { (p.title(lang)) } }
                    td { (fmt_datetime(p.due_at, tz)) }
                    td { (progress_bar(progress, lang)) }
                    td.hide-narrow { (t(lang, if p.is_open() { "web-period-open" } else { "web-period-closed" })) }
                } } }
            } }
        }
        @if let Some((false, note)) = &backups { p.muted.backup { (note) } }
    };
    let office = web.app.config().office.short_name.clone();
    Ok(layout::page(&o, &office, (&t(lang, "web-menu-periods"), "/"), body).into_response())
}

/// What officers are told of the backups, and whether it is a warning.
fn backup_note(status: &BackupStatus, lang: Lang, tz: chrono_tz::Tz) -> Option<(bool, String)> {
    let at = |at: Option<chrono::DateTime<chrono::Utc>>| at.map(|at| fmt_datetime(at, tz));
    let (last, failed) =
        (at(status.made.as_ref().map(|m| m.at)), at(status.failed.as_ref().map(|f| f.at)));
    let msg = match (status.health, last, failed) {
        (BackupHealth::Failed, _, Some(failed)) => Msg::new("web-backup-failed").arg("at", failed),
        (BackupHealth::Old, Some(last), _) => Msg::new("web-backup-old").arg("at", last),
        (BackupHealth::Never, _, _) => {
            let time = status.schedule.as_ref().map(|s| s.0.format("%H:%M").to_string());
            Msg::new("web-backup-never").arg("time", time.unwrap_or_default())
        }
        (BackupHealth::Fine, Some(last), _) => Msg::new("web-backup-last").arg("at", last),
        (BackupHealth::Off, _, _) => Msg::new("web-backup-off"),
        _ => return None,
    };
    Some((status.health.is_warning(), msg.render(lang)))
}
