//! The people and the units: everyone registered (an admin takes a reporter's or an officer's
//! access away), the units with whether each has a reporter, the invitations still pending and
//! the printable sheet of new ones.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;

use crate::actions::invite::{self, BulkInvite};
use crate::actions::units::Overview;
use crate::actions::{self, members, By};
use crate::domain::MemberId;
use crate::i18n::{fmt_datetime, t, Msg};

use super::{layout, CsrfForm, Shared, SignedIn, WebError};

type Page = Result<Response, WebError>;

/// A role's name as a table shows it: "Cán bộ theo dõi".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `/members`: everyone registered; an admin may remove a reporter or an officer.
pub async fn members(State(web): State<Shared>, o: SignedIn) -> Page {
    let lang = o.lang();
    let list = members::list(&web.app, By::Officer(&o.officer), false).await;
    let list = list.map_err(WebError::from(lang))?;
    let admin = o.officer.as_admin().is_some();
    let body = html! {
        p.muted { (Msg::new("web-members-count").arg("count", list.len()).render(lang)) }
        div.table-wrap { table {
            thead { tr {
                th { "#" } th { (t(lang, "web-col-person")) } th { (t(lang, "web-col-role")) }
                th { (t(lang, "web-col-unit")) } th.hide-narrow { (t(lang, "web-col-reach")) }
                @if admin { th {} }
            } }
            tbody { @for l in &list {
                @let m = &l.member;
                tr {
                    td { (m.id.0) }
                    td { (m.with_position()) }
                    td { (capitalised(&m.role.msg().render(lang))) }
                    td { (l.unit_name.clone().unwrap_or_default()) }
                    td.hide-narrow { @if m.reachable() { "✓" } @else { span.muted { (t(lang, "board-unreachable")) } } }
                    @if admin {
                        td { @if members::removable(m) {
                            form.inline method="post" action=(format!("/members/{}/remove", m.id.0)) {
                                input type="hidden" name="csrf" value=(o.csrf);
                                button.secondary type="submit" { (t(lang, "web-remove")) }
                            }
                        } }
                    }
                }
            } }
        } }
    };
    let office = web.app.config().office.short_name.clone();
    Ok(layout::page(&o, &office, (&t(lang, "web-menu-members"), "/members"), body).into_response())
}

/// `POST /members/{id}/remove`: an admin takes a reporter's or an officer's access away (their
/// past reports keep their name; their console sessions end at once).
pub async fn remove_member(
    State(web): State<Shared>,
    o: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    let removed = members::remove(&web.app, By::Officer(&o.officer), MemberId(id)).await;
    removed.map_err(WebError::from(lang))?;
    Ok(Redirect::to("/members").into_response())
}

/// `/units`: the units, whether each has a reporter, and the printable invitations for those
/// that have none.
pub async fn units(State(web): State<Shared>, o: SignedIn) -> Page {
    let lang = o.lang();
    let tz = web.app.config().timezone;
    let overview = actions::units::overview(&web.app, &o.officer).await;
    let Overview { units, pending: invites } = overview.map_err(WebError::from(lang))?;
    let without = units.iter().filter(|(_, reporters)| reporters.is_empty()).count();
    let body = html! {
        div.card {
            p { (Msg::new("web-units-without").arg("count", without).arg("total", units.len()).render(lang)) }
            @if without > 0 {
                form method="post" action="/invites" {
                    input type="hidden" name="csrf" value=(o.csrf);
                    button type="submit" { (t(lang, "web-invites-print")) }
                }
                p.muted { (t(lang, "web-invites-note")) }
            }
        }
        div.table-wrap { table {
            thead { tr {
                th { (t(lang, "web-col-code")) } th { (t(lang, "web-col-unit")) }
                th { (t(lang, "web-filter-kind")) } th.hide-narrow { (t(lang, "web-filter-cluster")) }
                th { (t(lang, "web-col-reporters")) }
            } }
            tbody { @for (u, reporters) in &units { tr {
                td { (u.code.as_str()) }
                td { (u.name) }
                td { (u.kind.msg().render(lang)) }
                td.hide-narrow { (u.cluster.clone().unwrap_or_default()) }
                td { @if reporters.is_empty() { span.muted { (t(lang, "web-no-reporter")) } } @else { "✓" } }
            } } }
        } }
        h2 { (Msg::new("web-invites-pending").arg("count", invites.len()).render(lang)) }
        @if !invites.is_empty() {
            div.table-wrap { table #invites {
                thead { tr {
                    th { (t(lang, "web-col-code")) } th { (t(lang, "web-col-role")) }
                    th { (t(lang, "web-col-created")) } th { (t(lang, "web-col-expires")) }
                } }
                tbody { @for i in &invites { tr {
                    td { (i.unit_code.clone().unwrap_or_default()) }
                    td { (capitalised(&i.role.msg().render(lang))) }
                    td { (fmt_datetime(i.created_at, tz)) }
                    td { (fmt_datetime(i.expires_at, tz)) }
                } } }
            } }
            p.muted { (t(lang, "web-invites-codes")) }
        }
    };
    let office = web.app.config().office.short_name.clone();
    Ok(layout::page(&o, &office, (&t(lang, "web-menu-units"), "/units"), body).into_response())
}

/// `POST /invites`: a new invitation for every unit without a reporter, as the printable A4
/// sheet (one page per unit, with its QR code) — `baocao invite create --all`.
pub async fn invites(State(web): State<Shared>, o: SignedIn, Form(form): Form<CsrfForm>) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    let config = web.app.config();
    let request = BulkInvite { units_too: true, ttl: config.invite_ttl, ..BulkInvite::default() };
    let by = By::Officer(&o.officer);
    let prepared = invite::prepare(&web.app, by, &request).await.map_err(WebError::from(lang))?;
    // Telegram when this server runs it (a configured username alone answers nobody), and the
    // join page of this site.
    let telegram = config.token.as_ref().map(|_| web.username.as_str());
    let ways = invite::InviteWays::new(telegram, Some(&web.config));
    // The sheet is made first: a failure stores no invite whose code nobody would ever see.
    let (_, pdf) = crate::documents::invite_sheet::invite_files(
        &prepared.invites,
        &ways,
        &config.office,
        config.timezone,
        lang,
    )
    .map_err(WebError::from(lang))?;
    invite::commit(&web.app, prepared).await.map_err(WebError::from(lang))?;
    let today = web.app.now().with_timezone(&config.timezone);
    let name = format!("loi-moi-{}.pdf", today.format("%Y-%m-%d"));
    Ok(super::download("application/pdf", &name, pdf))
}
