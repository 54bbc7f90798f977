//! A person's name and position as they give them (họ và tên, chức vụ), used in reminders, lists
//! and exports; and an admin taking someone's access away.

use crate::domain::member::parse_person_text;
use crate::domain::Member;
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::store::Store;

/// Records the full name `typed` for `member`; the error says what a name must be.
pub async fn set_name(store: &Store, member: &Member, typed: &str) -> Result<String> {
    let name = parse_person_text(typed).ok_or(Error::User(Msg::new("profile-name-invalid")))?;
    store.set_member_name(member.id, &name).await?;
    Ok(name)
}

/// Records the position `typed` for `member` (`None`: no position, an earlier one cleared); the
/// error says what a position must be.
pub async fn set_position(
    store: &Store,
    member: &Member,
    typed: Option<&str>,
) -> Result<Option<String>> {
    let position = match typed {
        Some(text) => {
            Some(parse_person_text(text).ok_or(Error::User(Msg::new("profile-position-invalid")))?)
        }
        None => None,
    };
    store.set_member_position(member.id, position.as_deref()).await?;
    Ok(position)
}

/// An admin takes a reporter's or an officer's access away (their past reports keep their name;
/// their console sessions end at their next request). Admins are the configuration's: never
/// removed here. `Ok(false)`: no such active member.
pub async fn remove_member(
    store: &Store,
    actor: Option<&Member>,
    id: crate::domain::MemberId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool> {
    use crate::domain::Role;
    let Some(admin) = actor.filter(|m| m.active && m.role == Role::Admin) else {
        return Err(Error::User(Msg::new("web-admins-only")));
    };
    match store.member_by_id(id).await? {
        Some(m) if m.role == Role::Admin => Err(Error::User(Msg::new("web-admin-stays"))),
        Some(m) => store.remove_member(m.id, crate::store::Actor::Member(admin.id), now).await,
        None => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewMember, Role};
    use crate::i18n::Lang;
    use crate::store::test_support::store;

    async fn member(store: &Store, tg: i64, role: Role) -> Member {
        let new = NewMember {
            tg_user_id: tg,
            chat_id: tg,
            full_name: format!("Người {tg}"),
            username: None,
            role,
            unit_id: None,
            lang: Lang::Vi,
        };
        let mut tx = store.write().await.unwrap();
        let m =
            crate::store::members::upsert(&mut tx, &new, None, chrono::Utc::now()).await.unwrap();
        tx.commit().await.unwrap();
        m
    }

    fn refused(result: Result<bool>) -> &'static str {
        match result {
            Err(Error::User(msg)) => msg.key,
            other => panic!("not refused: {other:?}"),
        }
    }

    #[tokio::test]
    async fn only_an_admin_removes_and_never_an_admin() {
        let (store, _dir) = store().await;
        let now = chrono::Utc::now();
        let (admin, officer) =
            (member(&store, 1, Role::Admin).await, member(&store, 2, Role::Officer).await);
        let other = member(&store, 3, Role::Officer).await;
        let by_officer = remove_member(&store, Some(&officer), other.id, now).await;
        assert_eq!(refused(by_officer), "web-admins-only");
        assert_eq!(
            refused(remove_member(&store, Some(&admin), admin.id, now).await),
            "web-admin-stays"
        );
        assert!(remove_member(&store, Some(&admin), other.id, now).await.unwrap());
        assert_eq!(store.member_by_id(other.id).await.unwrap(), None);
        assert!(!remove_member(&store, Some(&admin), other.id, now).await.unwrap(), "already gone");
    }
}
