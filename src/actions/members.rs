//! The people registered: who is writing (a Telegram user, read at every update), the list of
//! everyone, taking someone's access away, a person's language and notices.

use crate::domain::{Member, MemberId};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};
use crate::store::MemberListing;

use super::{App, By, Officer};

/// The member behind Telegram user `tg_user_id`, if registered and not removed. Someone who had
/// blocked the bot and writes to it again can be reached again.
pub async fn by_telegram(app: &App, tg_user_id: i64) -> Result<Option<Member>> {
    let member = app.store.member_by_tg_user(tg_user_id).await?;
    if let Some(m) = member.as_ref().filter(|m| !m.reachable) {
        if let Err(e) = app.store.mark_reachable(m.id).await {
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

/// Sets the language `member` reads the bot (and the console) in.
pub async fn set_lang(app: &App, member: &Member, lang: Lang) -> Result<()> {
    app.store.set_member_lang(member.id, lang).await
}

/// Turns an officer's notices of each submission on or off; returns the new setting.
pub async fn toggle_notices(app: &App, officer: &Officer) -> Result<bool> {
    app.store.toggle_submission_notices(officer.member().id).await
}

/// The notice that a reply to Telegram chat `chat` was lost on the way, through the outbox
/// (which retries until the connection is back).
pub async fn lost_reply(app: &App, chat: i64) {
    let now = app.now();
    let notice = crate::plan::unconfirmed(chat, now);
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
