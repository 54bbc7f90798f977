//! The office's housekeeping in the console: a period's deadline, closing and reopening; units
//! and their invitations; the people registered; the console's language. Same use cases as the
//! chat and the command line.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use serde::Deserialize;

use crate::actions::{self, invite::BulkInvite};
use crate::domain::dates::parse_local_datetime;
use crate::domain::{MemberId, PeriodId, Role};
use crate::i18n::{fmt_datetime, t, Lang, Msg};

use super::{layout, Officer, Shared, WebError};

type Page = Result<Response, WebError>;

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize)]
pub struct DueForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    due: String,
}

fn back_to(id: i64, done: &str) -> Response {
    Redirect::to(&format!("/periods/{id}?done={done}")).into_response()
}

/// `POST /periods/{id}/extend`: a new deadline (dd/mm/yyyy HH:MM), and the units not yet reported
/// are told — as "Gia hạn" in the chat.
pub async fn extend(
    State(web): State<Shared>,
    o: Officer,
    Path(id): Path<i64>,
    Form(form): Form<DueForm>,
) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    let due = parse_local_datetime(&form.due, web.app.config.timezone)
        .map_err(|msg| WebError::User(lang, msg))?;
    actions::period::extend(&web.app, Some(&o.member), PeriodId(id), due)
        .await
        .map_err(WebError::from(lang))?;
    Ok(back_to(id, "extended"))
}

/// `POST /periods/{id}/close`.
pub async fn close(
    State(web): State<Shared>,
    o: Officer,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    let now = web.app.clock.now();
    actions::period::close(&web.app.store, PeriodId(id), Some(&o.member), now)
        .await
        .map_err(WebError::from(lang))?;
    Ok(back_to(id, "closed"))
}

/// `POST /periods/{id}/reopen`.
pub async fn reopen(
    State(web): State<Shared>,
    o: Officer,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    let now = web.app.clock.now();
    match actions::period::reopen(&web.app.store, Some(&o.member), PeriodId(id), now)
        .await
        .map_err(WebError::from(lang))?
    {
        Some(_) => Ok(back_to(id, "reopened")),
        None => Err(WebError::NotFound(lang)),
    }
}

#[derive(Deserialize)]
pub struct LangForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
}

/// `POST /lang`: the officer's language, here and in the chat (as `/lang` sets it).
pub async fn set_lang(State(web): State<Shared>, o: Officer, Form(form): Form<LangForm>) -> Page {
    o.check(&form.csrf)?;
    let lang = Lang::parse(&form.lang).ok_or(WebError::NotFound(o.lang()))?;
    web.app.store.set_member_lang(o.member.id, lang).await.map_err(WebError::from(lang))?;
    // Only a path of this site: never a redirect elsewhere.
    let back = Some(form.back.as_str())
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
        .unwrap_or("/");
    Ok(Redirect::to(back).into_response())
}

fn role_key(role: Role) -> &'static str {
    match role {
        Role::Admin => "web-role-admin",
        Role::Officer => "web-role-officer",
        Role::Reporter => "web-role-reporter",
    }
}

/// `/members`: everyone registered; an admin may remove a reporter or an officer.
pub async fn members(State(web): State<Shared>, o: Officer) -> Page {
    let lang = o.lang();
    let list = web.app.store.list_members(false).await.map_err(WebError::from(lang))?;
    let admin = o.member.role == Role::Admin;
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
                    td { (t(lang, role_key(m.role))) }
                    td { (l.unit_name.clone().unwrap_or_default()) }
                    td.hide-narrow { @if m.reachable { "✓" } @else { span.muted { (t(lang, "board-unreachable")) } } }
                    @if admin {
                        td { @if m.role != Role::Admin {
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
    let office = web.app.config.office.short_name.clone();
    Ok(layout::page(&o, &office, (&t(lang, "web-menu-members"), "/members"), body).into_response())
}

/// `POST /members/{id}/remove`: an admin takes a reporter's or an officer's access away (their
/// past reports keep their name; their console sessions end at once).
pub async fn remove_member(
    State(web): State<Shared>,
    o: Officer,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    let now = web.app.clock.now();
    let removed =
        actions::profile::remove_member(&web.app.store, Some(&o.member), MemberId(id), now);
    match removed.await.map_err(WebError::from(lang))? {
        true => Ok(Redirect::to("/members").into_response()),
        false => Err(WebError::NotFound(lang)),
    }
}

/// `/units`: the units, whether each has a reporter, and the printable invitations for those
/// that have none.
pub async fn units(State(web): State<Shared>, o: Officer) -> Page {
    let lang = o.lang();
    let store = &web.app.store;
    let units = store.list_units(false).await.map_err(WebError::from(lang))?;
    let without = store.units_without_reporter().await.map_err(WebError::from(lang))?;
    let (now, tz) = (web.app.clock.now(), web.app.config.timezone);
    let invites = store.list_invites(false, now).await.map_err(WebError::from(lang))?;
    let body = html! {
        div.card {
            p { (Msg::new("web-units-without").arg("count", without.len()).arg("total", units.len()).render(lang)) }
            @if !without.is_empty() {
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
            tbody { @for u in &units { tr {
                td { (u.code.as_str()) }
                td { (u.name) }
                td { (u.kind.msg().render(lang)) }
                td.hide-narrow { (u.cluster.clone().unwrap_or_default()) }
                td { @if without.iter().any(|w| w.id == u.id) { span.muted { (t(lang, "web-no-reporter")) } } @else { "✓" } }
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
                    td { (t(lang, role_key(i.role))) }
                    td { (fmt_datetime(i.created_at, tz)) }
                    td { (fmt_datetime(i.expires_at, tz)) }
                } } }
            } }
            p.muted { (t(lang, "web-invites-codes")) }
        }
    };
    let office = web.app.config.office.short_name.clone();
    Ok(layout::page(&o, &office, (&t(lang, "web-menu-units"), "/units"), body).into_response())
}

/// `POST /invites`: a new invitation for every unit without a reporter, as the printable A4
/// sheet (one page per unit, with its QR code) — `baocao invite create --all`.
pub async fn invites(State(web): State<Shared>, o: Officer, Form(form): Form<CsrfForm>) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    let config = &web.app.config;
    let request = BulkInvite {
        units_too: true,
        kind: None,
        cluster: None,
        units: Vec::new(),
        officers: 0,
        ttl: config.invite_ttl,
    };
    let now = web.app.clock.now();
    let created = actions::invite::create_bulk(&web.app.store, &request, now)
        .await
        .map_err(WebError::from(lang))?;
    let (_, pdf) = crate::documents::invite_sheet::invite_files(
        &created,
        &web.username,
        &config.office,
        config.timezone,
        lang,
    )
    .map_err(WebError::from(lang))?;
    let name = format!("loi-moi-{}.pdf", now.with_timezone(&config.timezone).format("%Y-%m-%d"));
    Ok(super::download("application/pdf", &name, pdf))
}
