//! The web console's one-time login links and sessions. Codes and tokens are stored only as
//! their SHA-256; a session is valid while it has not expired and its member is still an active
//! officer or admin — checked on every request, so a removed or demoted officer is out at once.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::domain::{Member, MemberId};
use crate::error::Result;

use super::events::{self, Actor};
use super::{from_ts, ts, Store};

/// Why a login link did not open a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginRefused {
    /// No such link (mistyped, or from another installation).
    Unknown,
    /// Used once already.
    Used,
    /// Older than its validity.
    Expired,
    /// Its member is no longer an active officer or admin.
    NotOfficer,
}

/// A session as a request sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct WebSession {
    pub member: Member,
    pub csrf: String,
    pub expires_at: DateTime<Utc>,
}

/// Ends every session of `member` and deletes their unused login links: called wherever a
/// member is removed, revoked or changes role, so an old cookie or link never comes back to life
/// when the same person is registered again.
pub(crate) async fn end_access(conn: &mut sqlx::SqliteConnection, member: MemberId) -> Result<()> {
    sqlx::query("DELETE FROM web_sessions WHERE member_id = ?")
        .bind(member.0)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM web_logins WHERE member_id = ? AND used_at IS NULL")
        .bind(member.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

impl Store {
    /// Records a login link for `member` (by its code's hash), valid until `expires_at`.
    pub async fn create_web_login(
        &self,
        member: MemberId,
        code_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("INSERT INTO web_logins (code_hash, member_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
            .bind(code_hash)
            .bind(member.0)
            .bind(ts(now))
            .bind(ts(expires_at))
            .execute(&mut *tx)
            .await?;
        events::record(
            &mut tx,
            now,
            Actor::Member(member),
            "web.link",
            "web",
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Uses the login link with this code hash (once) and opens a session with `token_hash` for
    /// its member, if `may_sign_in` says they still may; in one transaction, so two tabs opening
    /// the same link get one session between them.
    pub async fn open_web_session(
        &self,
        code_hash: &str,
        (token_hash, csrf): (&str, &str),
        (now, expires_at): (DateTime<Utc>, DateTime<Utc>),
        may_sign_in: impl Fn(&Member) -> bool,
    ) -> Result<std::result::Result<Member, LoginRefused>> {
        let mut tx = self.write().await?;
        let row = sqlx::query(
            "SELECT member_id, expires_at, used_at FROM web_logins WHERE code_hash = ?",
        )
        .bind(code_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Ok(Err(LoginRefused::Unknown)) };
        let member = MemberId(row.try_get("member_id")?);
        if row.try_get::<Option<i64>, _>("used_at")?.is_some() {
            return Ok(Err(LoginRefused::Used));
        }
        if from_ts(row.try_get("expires_at")?) <= now {
            return Ok(Err(LoginRefused::Expired));
        }
        sqlx::query("UPDATE web_logins SET used_at = ? WHERE code_hash = ?")
            .bind(ts(now))
            .bind(code_hash)
            .execute(&mut *tx)
            .await?;
        let Some(m) =
            super::members::active_member(&mut tx, member).await?.filter(|m| may_sign_in(m))
        else {
            tx.commit().await?;
            return Ok(Err(LoginRefused::NotOfficer));
        };
        sqlx::query(
            "INSERT INTO web_sessions (token_hash, member_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(token_hash)
        .bind(member.0)
        .bind(csrf)
        .bind(ts(now))
        .bind(ts(expires_at))
        .execute(&mut *tx)
        .await?;
        events::record(
            &mut tx,
            now,
            Actor::Member(member),
            "web.login",
            "web",
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(m))
    }

    /// The session with this token hash and its member (removed or not), if it has not expired;
    /// an expired one is deleted. Whether the member may still use it is the caller's rule.
    pub async fn web_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<WebSession>> {
        let row = sqlx::query(
            "SELECT member_id, csrf, expires_at FROM web_sessions WHERE token_hash = ?",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let expires_at = from_ts(row.try_get("expires_at")?);
        let member = self.member_even_removed(MemberId(row.try_get("member_id")?)).await?;
        match member {
            Some(member) if expires_at > now => {
                Ok(Some(WebSession { member, csrf: row.try_get("csrf")?, expires_at }))
            }
            _ => {
                self.end_web_session(token_hash).await?;
                Ok(None)
            }
        }
    }

    /// Deletes the sessions and the login links that expired before `now`; returns how many.
    pub async fn prune_web_access(&self, now: DateTime<Utc>) -> Result<u64> {
        let mut tx = self.write().await?;
        let sessions = sqlx::query("DELETE FROM web_sessions WHERE expires_at <= ?")
            .bind(ts(now))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let logins = sqlx::query("DELETE FROM web_logins WHERE expires_at <= ?")
            .bind(ts(now))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(sessions + logins)
    }

    /// Ends a session (logout, or found invalid).
    pub async fn end_web_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM web_sessions WHERE token_hash = ?")
            .bind(token_hash)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewMember, Role};
    use crate::i18n::Lang;
    use crate::store::periods::tests::{now, with_units};
    use chrono::Duration;

    async fn officer(store: &Store, role: Role) -> Member {
        let mut tx = store.pool.begin().await.unwrap();
        let new = NewMember {
            tg_user_id: 900,
            chat_id: 900,
            full_name: "Cán bộ".into(),
            username: None,
            role,
            unit_id: None,
            lang: Lang::Vi,
        };
        let m =
            crate::store::members::upsert(&mut tx, &new, Some(Actor::Cli), now()).await.unwrap();
        tx.commit().await.unwrap();
        m
    }

    #[tokio::test]
    async fn a_login_link_opens_one_session_once_and_not_after_it_expires() {
        let (store, _dir) = with_units().await;
        let m = officer(&store, Role::Officer).await;
        let later = now() + Duration::minutes(10);
        store.create_web_login(m.id, "h1", now(), later).await.unwrap();
        let day = now() + Duration::hours(9);
        let opened =
            store.open_web_session("h1", ("t1", "c1"), (now(), day), |_| true).await.unwrap();
        assert_eq!(opened.unwrap().id, m.id);
        let again =
            store.open_web_session("h1", ("t2", "c2"), (now(), day), |_| true).await.unwrap();
        assert_eq!(again, Err(LoginRefused::Used));
        assert_eq!(
            store.open_web_session("nope", ("t3", "c3"), (now(), day), |_| true).await.unwrap(),
            Err(LoginRefused::Unknown)
        );
        store.create_web_login(m.id, "h2", now(), later).await.unwrap();
        let late =
            store.open_web_session("h2", ("t4", "c4"), (later, day), |_| true).await.unwrap();
        assert_eq!(late, Err(LoginRefused::Expired));
        // The session holds until it expires, then is gone.
        assert_eq!(store.web_session("t1", now()).await.unwrap().unwrap().csrf, "c1");
        assert!(store.web_session("t2", now()).await.unwrap().is_none());
        assert!(store.web_session("t1", day).await.unwrap().is_none());
        assert!(store.web_session("t1", now()).await.unwrap().is_none(), "deleted once expired");
    }

    #[tokio::test]
    async fn a_session_ends_when_its_member_is_removed_or_no_longer_an_admin() {
        let (store, _dir) = with_units().await;
        let day = now() + Duration::hours(9);
        let admin = officer(&store, Role::Admin).await;
        store.create_web_login(admin.id, "h1", now(), day).await.unwrap();
        store.open_web_session("h1", ("t1", "c1"), (now(), day), |_| true).await.unwrap().unwrap();
        assert!(store.web_session("t1", now()).await.unwrap().is_some());
        // Taken off BAOCAO_ADMINS: out at the next request.
        assert_eq!(store.revoke_admins_not_in(&[], now()).await.unwrap(), 1);
        assert!(store.web_session("t1", now()).await.unwrap().is_none());
        // A link made before cannot open a session either.
        store.create_web_login(admin.id, "h2", now(), day).await.unwrap();
        let refused =
            store.open_web_session("h2", ("t2", "c2"), (now(), day), |_| true).await.unwrap();
        assert_eq!(refused, Err(LoginRefused::NotOfficer));
    }

    /// The hole of the security read: sessions were deleted only when presented, and a re-join
    /// re-activates the same member row, so the old cookie worked again.
    #[tokio::test]
    async fn a_session_and_an_unused_link_do_not_come_back_when_their_member_rejoins() {
        let (store, _dir) = with_units().await;
        let day = now() + Duration::hours(9);
        let m = officer(&store, Role::Officer).await;
        store.create_web_login(m.id, "h1", now(), day).await.unwrap();
        store.open_web_session("h1", ("t1", "c1"), (now(), day), |_| true).await.unwrap().unwrap();
        store.create_web_login(m.id, "h2", now(), day).await.unwrap();
        assert!(store.remove_member(m.id, Actor::Cli, now()).await.unwrap());
        let again = officer(&store, Role::Officer).await;
        assert_eq!(again.id, m.id, "the same row, active again");
        assert!(store.web_session("t1", now()).await.unwrap().is_none());
        let link =
            store.open_web_session("h2", ("t2", "c2"), (now(), day), |_| true).await.unwrap();
        assert_eq!(link, Err(LoginRefused::Unknown));
    }

    #[tokio::test]
    async fn a_change_of_role_ends_the_sessions_and_expired_ones_are_pruned() {
        let (store, _dir) = with_units().await;
        let day = now() + Duration::hours(9);
        let m = officer(&store, Role::Officer).await;
        store.create_web_login(m.id, "h1", now(), day).await.unwrap();
        store.open_web_session("h1", ("t1", "c1"), (now(), day), |_| true).await.unwrap().unwrap();
        officer(&store, Role::Admin).await;
        assert!(store.web_session("t1", now()).await.unwrap().is_none(), "promoted: signed out");
        store.create_web_login(m.id, "h2", now(), now() + Duration::minutes(10)).await.unwrap();
        store.open_web_session("h2", ("t2", "c2"), (now(), day), |_| true).await.unwrap().unwrap();
        store.create_web_login(m.id, "h3", now(), now() + Duration::minutes(10)).await.unwrap();
        // A day later: the session and the three links (two used, one not) have expired; all go.
        assert_eq!(store.prune_web_access(day + Duration::hours(1)).await.unwrap(), 4);
        let left: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM web_sessions) + (SELECT COUNT(*) FROM web_logins)",
        )
        .fetch_one(&store.pool)
        .await
        .unwrap();
        assert_eq!(left, 0);
    }
}
