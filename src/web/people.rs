//! The people and the units: everyone registered (an admin takes a reporter's or an officer's
//! access away), the units with whether each has a reporter, the invitations still pending and
//! the printable sheet of new ones.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use serde::Deserialize;

use crate::actions::invite::{self, BulkInvite};
use crate::actions::units::Overview;
use crate::actions::{self, members, By};
use crate::domain::MemberId;
use crate::i18n::{first_upper, fmt_datetime, t, Msg};

use super::{layout, CsrfForm, Shared, SignedIn, WebError};

type Page = Result<Response, WebError>;

#[derive(Deserialize, Default)]
pub struct MembersQuery {
    #[serde(default)]
    done: String,
}

/// `/members`: everyone registered, how they are reached and signed in; an admin may add a
/// person, sign them out of the web everywhere, or remove them.
pub async fn members(
    State(web): State<Shared>,
    o: SignedIn,
    Query(q): Query<MembersQuery>,
) -> Page {
    let lang = o.lang();
    let by = By::Officer(&o.officer);
    let list = members::list(&web.app, by, false).await.map_err(WebError::from(lang))?;
    let sessions = members::sessions(&web.app, by).await.map_err(WebError::from(lang))?;
    let admin = o.officer.as_admin().is_some();
    let done = match q.done.as_str() {
        "added" => Some("web-member-added"),
        "signed-out" => Some("web-member-signed-out"),
        _ => None,
    };
    let units = match admin {
        true => {
            actions::units::overview(&web.app, &o.officer)
                .await
                .map_err(WebError::from(lang))?
                .units
        }
        false => Vec::new(),
    };
    let body = html! {
        @if let Some(key) = done { div.notice role="status" { (t(lang, key)) } }
        p.muted { (Msg::new("web-members-count").arg("count", list.len()).render(lang)) }
        div.table-wrap { table {
            thead { tr {
                th { "#" } th { (t(lang, "web-col-person")) } th { (t(lang, "web-col-role")) }
                th { (t(lang, "web-col-unit")) } th.hide-narrow { (t(lang, "web-col-reach")) }
                th.hide-narrow { (t(lang, "web-col-sessions")) }
                @if admin { th {} }
            } }
            tbody { @for l in &list {
                @let m = &l.member;
                tr {
                    td { (m.id.0) }
                    td { (m.with_position()) }
                    td { (first_upper(&m.role.msg().render(lang))) }
                    td { (l.unit_name.clone().unwrap_or_default()) }
                    td.hide-narrow { (contacts(m, lang)) }
                    td.hide-narrow { (sessions.get(&m.id).copied().unwrap_or(0)) }
                    @if admin {
                        td { @if members::removable(m) {
                            @if sessions.contains_key(&m.id) {
                                form.inline method="post" action=(format!("/members/{}/sign-out", m.id.0)) {
                                    input type="hidden" name="csrf" value=(o.csrf);
                                    button.secondary type="submit" { (t(lang, "web-member-sign-out")) }
                                }
                                " "
                            }
                            form.inline method="post" action=(format!("/members/{}/remove", m.id.0)) {
                                input type="hidden" name="csrf" value=(o.csrf);
                                button.secondary type="submit" { (t(lang, "web-remove")) }
                            }
                        } }
                    }
                }
            } }
        } }
        @if admin { (add_form(&o, &units)) }
    };
    let office = web.app.config().office.short_name.clone();
    Ok(layout::page(&o, &office, (&t(lang, "web-menu-members"), "/members"), body).into_response())
}

/// How a member is reached: Telegram, their e-mail address; a contact that bounced or blocked the
/// bot is marked.
fn contacts(m: &crate::domain::Member, lang: crate::i18n::Lang) -> maud::Markup {
    html! {
        @if m.contacts.is_empty() { span.muted { (t(lang, "web-no-contact")) } }
        @for (i, c) in m.contacts.iter().enumerate() {
            @if i > 0 { br; }
            @if c.channel == crate::domain::contact::TELEGRAM { "Telegram" } @else { (c.address) }
            @if !c.reachable { " " span.tag.returned { (t(lang, "board-unreachable")) } }
        }
    }
}

/// The form that adds a person by hand (an admin's).
fn add_form(
    o: &SignedIn,
    units: &[(crate::domain::Unit, Vec<crate::domain::Member>)],
) -> maud::Markup {
    let lang = o.lang();
    html! {
        h2 { (t(lang, "web-member-add")) }
        form.card method="post" action="/members/add" {
            input type="hidden" name="csrf" value=(o.csrf);
            label.field { span { (t(lang, "join-web-name")) } input type="text" name="name" required maxlength="100"; }
            label.field { span { (t(lang, "join-web-position")) } input type="text" name="position" maxlength="100"; }
            label.field { span { (t(lang, "join-web-email")) } input type="email" name="email" maxlength="254"; }
            label.field { span { (t(lang, "web-col-role")) }
                select name="role" {
                    option value="reporter" { (first_upper(&crate::domain::Role::Reporter.msg().render(lang))) }
                    option value="officer" { (first_upper(&crate::domain::Role::Officer.msg().render(lang))) }
                }
            }
            label.field { span { (t(lang, "web-member-unit")) }
                select name="unit" {
                    option value="" { "—" }
                    @for (u, _) in units { option value=(u.code.as_str()) { (u.name) } }
                }
            }
            p.muted { (t(lang, "web-member-add-note")) }
            div.actions { button type="submit" { (t(lang, "web-member-add-button")) } }
        }
    }
}

#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit: String,
}

/// `POST /members/add`: an admin adds a person by hand (a unit's reporter or an officer), with
/// an e-mail address where they are reached and sent sign-in links.
pub async fn add_member(State(web): State<Shared>, o: SignedIn, Form(form): Form<AddForm>) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    let role = crate::domain::Role::parse(&form.role).unwrap_or(crate::domain::Role::Reporter);
    let unit = match form.unit.trim() {
        "" => None,
        code => Some(crate::domain::UnitCode::parse(code).map_err(|_| {
            WebError::User(lang, Msg::new("err-unit-unknown").arg("code", code.to_owned()))
        })?),
    };
    let person = members::NewPerson {
        unit,
        name: form.name,
        position: Some(form.position),
        email: Some(form.email),
        role,
        lang: web.app.config().lang,
    };
    members::add(&web.app, By::Officer(&o.officer), &person).await.map_err(WebError::from(lang))?;
    Ok(Redirect::to("/members?done=added").into_response())
}

/// `POST /members/{id}/sign-out`: an admin signs someone out of the web everywhere.
pub async fn sign_out_member(
    State(web): State<Shared>,
    o: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Page {
    let lang = o.lang();
    o.check(&form.csrf)?;
    let ended = members::end_sessions(&web.app, By::Officer(&o.officer), MemberId(id)).await;
    ended.map_err(WebError::from(lang))?;
    Ok(Redirect::to("/members?done=signed-out").into_response())
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
                    td { (first_upper(&i.role.msg().render(lang))) }
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
/// sheet (one page per unit, with a QR code of each way in) — `baocao invite create --all`.
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
