//! The people registered: who is writing (a Telegram user, read at every update), the list of
//! everyone, taking someone's access away, a person's language and notices.

use crate::domain::contact::{parse_email, Contact, TELEGRAM};
use crate::domain::member::parse_person_text;
use crate::domain::{Member, MemberId, NewMember, Role};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};
use crate::store::{AddRefused, MemberListing};

use super::{App, By, Officer};

/// The member behind Telegram user `tg_user_id`, if registered and not removed. Someone who had
/// blocked the bot and writes to it again can be reached again.
pub async fn by_telegram(app: &App, tg_user_id: i64) -> Result<Option<Member>> {
    let member = app.store.member_by_tg_user(tg_user_id).await?;
    let blocked = |m: &&Member| m.contact(TELEGRAM).is_some_and(|c| !c.reachable);
    if let Some(m) = member.as_ref().filter(blocked) {
        if let Err(e) = app.store.mark_reachable(m.id, TELEGRAM).await {
            tracing::warn!(error = %e, "could not mark a member reachable again");
        }
    }
    Ok(member)
}

/// The language to speak to Telegram user `tg_user_id` in: theirs, else the office's default.
pub async fn lang_of(app: &App, tg_user_id: i64) -> Lang {
    match app.store.member_by_tg_user(tg_user_id).await {
        Ok(Some(member)) => member.lang,
        _ => app.config.lang,
    }
}

/// Whether this person lost their admin access at a start and has not been told yet (told once).
pub async fn take_admin_revoked(app: &App, tg_user_id: i64) -> Result<bool> {
    app.store.take_admin_revoked(tg_user_id).await
}

/// Everyone registered (`all`: the removed too), with their unit.
pub async fn list(app: &App, _: By<'_>, all: bool) -> Result<Vec<MemberListing>> {
    app.store.list_members(all).await
}

/// A person added by hand: their unit (a reporter's), name, position, e-mail, role.
#[derive(Clone, Debug)]
pub struct NewPerson {
    pub unit: Option<crate::domain::UnitCode>,
    pub name: String,
    pub position: Option<String>,
    pub email: Option<String>,
    pub role: Role,
    pub lang: Lang,
}

/// Adds a reporter of a unit or an officer by hand, with an e-mail address or none (they are
/// reached there, and sign in to the web by links sent there): by the person at the machine,
/// an admin, or an officer (a unit's reporter only, as with invites).
pub async fn add(app: &App, by: By<'_>, person: &NewPerson) -> Result<Member> {
    if let By::Officer(officer) = by {
        if !officer.member().role.may_invite(person.role) {
            return Err(Error::User(Msg::new("err-member-add-not-allowed")));
        }
    }
    let unit = match (person.role, &person.unit) {
        (Role::Reporter, Some(code)) => Some(super::units::active(app, code).await?.id),
        (Role::Reporter, None) => return Err(Error::User(Msg::new("err-member-needs-unit"))),
        (Role::Officer, None) => None,
        (Role::Officer, Some(_)) => return Err(Error::User(Msg::new("err-invite-officer-unit"))),
        (Role::Admin, _) => return Err(Error::User(Msg::new("err-admin-stays"))),
    };
    let name = parse_person_text(&person.name)
        .ok_or_else(|| Error::User(Msg::new("profile-name-invalid")))?;
    let position = match person.position.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(typed) => Some(
            parse_person_text(typed)
                .ok_or_else(|| Error::User(Msg::new("profile-position-invalid")))?,
        ),
        None => None,
    };
    let contacts = match person.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(typed) => vec![Contact::email(&parse_email(typed)?)],
        None => Vec::new(),
    };
    let new = NewMember {
        tg_user_id: None,
        contacts,
        full_name: name,
        username: None,
        role: person.role,
        unit_id: unit,
        lang: person.lang,
    };
    let added = app.store.add_member(&new, position.as_deref(), by.actor(), app.now()).await?;
    added.map_err(|AddRefused::ContactTaken { address, by, .. }| {
        Error::User(Msg::new("err-contact-taken").arg("address", address).arg("by", by))
    })
}

/// Whether `member`'s access may be taken away here: admins are the configuration's
/// (`BAOCAO_ADMINS`), never removed by hand.
pub fn removable(member: &Member) -> bool {
    super::roles::admin(Some(member)).is_err()
}

/// Takes a reporter's or an officer's access away, by an admin (the console) or the person at
/// the machine: their past reports keep their name, their sessions and unused sign-in links end
/// at once. The error names an unknown member or refuses an admin.
pub async fn remove(app: &App, by: By<'_>, id: MemberId) -> Result<()> {
    if let By::Officer(officer) = by {
        super::roles::admin(Some(officer.member()))?;
    }
    match app.store.member_by_id(id).await? {
        Some(m) if !removable(&m) => Err(Error::User(Msg::new("err-admin-stays"))),
        Some(m) => {
            app.store.remove_member(m.id, by.actor(), app.now()).await?;
            Ok(())
        }
        None => Err(Error::NotFound(Msg::new("err-member-unknown").arg("id", id.0.to_string()))),
    }
}

/// How many web sessions each member holds now (the console's, the form's on their phones).
pub async fn sessions(app: &App, _: By<'_>) -> Result<std::collections::HashMap<MemberId, i64>> {
    app.store.web_session_counts(app.now()).await
}

/// Signs someone out of the web everywhere (a lost phone, a shared computer), by an admin or the
/// person at the machine: their sessions and unused sign-in links end at once; they keep their
/// role and may be sent a new link.
pub async fn end_sessions(app: &App, by: By<'_>, id: MemberId) -> Result<()> {
    if let By::Officer(officer) = by {
        super::roles::admin(Some(officer.member()))?;
    }
    match app.store.member_by_id(id).await? {
        Some(m) => {
            app.store.end_web_access(m.id).await?;
            tracing::info!(member = m.id.0, "web sessions ended by hand");
            Ok(())
        }
        None => Err(Error::NotFound(Msg::new("err-member-unknown").arg("id", id.0.to_string()))),
    }
}

/// Sets the language `member` reads the bot (and the console) in.
pub async fn set_lang(app: &App, member: &Member, lang: Lang) -> Result<()> {
    app.store.set_member_lang(member.id, lang).await
}

/// Turns an officer's notices of each submission on or off; returns the new setting.
pub async fn toggle_notices(app: &App, officer: &Officer) -> Result<bool> {
    app.store.toggle_submission_notices(officer.member().id).await
}

/// The notice that a reply to the chat `to` was lost on the way, through the outbox (which
/// retries until the connection is back).
pub async fn lost_reply(app: &App, to: &Contact) {
    let now = app.now();
    let notice = crate::plan::unconfirmed(to, now);
    if let Err(e) = app.store.add_deliveries(&[notice], now).await {
        tracing::error!(error = %e, "could not record the notice of a lost reply");
        return;
    }
    app.flush_soon("the notice of a lost reply");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::test_support::world;
    use crate::actions::{roles, Operator};
    use crate::domain::Role;

    fn refused(result: Result<()>) -> &'static str {
        match result {
            Err(e) if e.is_user() => e.user_message().key,
            other => panic!("not refused: {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_person_with_only_an_email_is_added_and_an_address_is_nobodys_twice() {
        let w = world().await;
        let operator = Operator::at_the_machine();
        let person = NewPerson {
            unit: Some(crate::domain::UnitCode::parse("X-TAMA").unwrap()),
            name: " Lò  Văn Hùng ".into(),
            position: Some("Chủ tịch UBND xã".into()),
            email: Some("ChuTich@TaMa.gov.vn".into()),
            role: Role::Reporter,
            lang: Lang::Vi,
        };
        let added = add(&w.app, By::Operator(&operator), &person).await.unwrap();
        assert_eq!(added.with_position(), "Lò Văn Hùng (Chủ tịch UBND xã)");
        assert_eq!(
            (added.email(), added.tg_user_id, added.telegram_chat()),
            (Some("chutich@tama.gov.vn"), None, None)
        );
        assert_eq!(added.unit_id, Some(w.unit("X-TAMA").await));
        let again = add(&w.app, By::Operator(&operator), &person).await.unwrap_err();
        assert_eq!(again.user_message().key, "err-contact-taken");
        let officer = roles::officer(Some(&w.person(950, Role::Officer, None).await)).unwrap();
        let colleague =
            NewPerson { unit: None, role: Role::Officer, email: None, ..person.clone() };
        assert_eq!(
            refused(add(&w.app, By::Officer(&officer), &colleague).await.map(|_| ())),
            "err-member-add-not-allowed"
        );
        let no_unit = NewPerson { unit: None, email: None, ..person.clone() };
        assert_eq!(
            refused(add(&w.app, By::Operator(&operator), &no_unit).await.map(|_| ())),
            "err-member-needs-unit"
        );
        let wrong = NewPerson { email: Some("chutich@".into()), ..person };
        assert_eq!(
            refused(add(&w.app, By::Operator(&operator), &wrong).await.map(|_| ())),
            "err-email-invalid"
        );
    }

    #[tokio::test]
    async fn only_an_admin_or_the_operator_removes_and_never_an_admin() {
        let w = world().await;
        let admin = w.person(1, Role::Admin, None).await;
        let officer = roles::officer(Some(&w.person(2, Role::Officer, None).await)).unwrap();
        let other = w.person(3, Role::Officer, None).await;
        let by_officer = remove(&w.app, By::Officer(&officer), other.id).await;
        assert_eq!(refused(by_officer), "err-admins-only");
        let as_admin = roles::officer(Some(&admin)).unwrap();
        assert_eq!(
            refused(remove(&w.app, By::Officer(&as_admin), admin.id).await),
            "err-admin-stays"
        );
        let operator = Operator::at_the_machine();
        // The command line keeps the same rule: an admin is removed from BAOCAO_ADMINS instead.
        assert_eq!(
            refused(remove(&w.app, By::Operator(&operator), admin.id).await),
            "err-admin-stays"
        );
        remove(&w.app, By::Officer(&as_admin), other.id).await.unwrap();
        assert_eq!(w.store.member_by_id(other.id).await.unwrap(), None);
        let again = remove(&w.app, By::Operator(&operator), other.id).await;
        assert_eq!(refused(again), "err-member-unknown", "already gone");
    }
}
