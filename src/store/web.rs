//! The web's one-time sign-in links and sessions: an officer's at the console, a reporter's on
//! the chairs' form. Codes and tokens are stored only as their SHA-256; whether a member may use
//! a session is the use cases' rule, asked at every request.

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
    /// Its member may no longer sign in there (removed, or no longer of the role it is for).
    NotAllowed,
}

/// What a link signs its person in to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginKind {
    /// The officers' console.
    Console,
    /// The chairs' form.
    Form,
}

impl LoginKind {
    fn code(self) -> &'static str {
        match self {
            LoginKind::Console => "console",
            LoginKind::Form => "form",
        }
    }

    fn decode(word: &str) -> LoginKind {
        if word == "form" {
            LoginKind::Form
        } else {
            LoginKind::Console
        }
    }
}

/// A sign-in link to record.
#[derive(Clone, Copy, Debug)]
pub struct NewLogin<'a> {
    pub member: MemberId,
    pub kind: LoginKind,
    /// Where it leads once used (a path of the site).
    pub next: Option<&'a str>,
}

/// A session opened by a link.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedSession {
    pub member: Member,
    pub kind: LoginKind,
    pub next: Option<String>,
}

/// A session as a request sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct WebSession {
    pub member: Member,
    pub kind: LoginKind,
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
    /// Records a sign-in link (by its code's hash), valid until `expires_at`.
    pub async fn create_web_login(
        &self,
        login: &NewLogin<'_>,
        code_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("INSERT INTO web_logins (code_hash, member_id, kind, next, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(code_hash)
            .bind(login.member.0)
            .bind(login.kind.code())
            .bind(login.next)
            .bind(ts(now))
            .bind(ts(expires_at))
            .execute(&mut *tx)
            .await?;
        events::record(
            &mut tx,
            now,
            Actor::Member(login.member),
            "web.link",
            "web",
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Uses the sign-in link with this code hash (once) and opens a session with `token_hash`
    /// for its member, of its kind, lasting as `lasts` says for that kind — if `may_sign_in`
    /// says they still may; in one transaction, so two tabs opening the same link get one
    /// session between them.
    pub async fn open_web_session(
        &self,
        code_hash: &str,
        (token_hash, csrf): (&str, &str),
        now: DateTime<Utc>,
        lasts: impl Fn(LoginKind) -> chrono::Duration,
        may_sign_in: impl Fn(&Member, LoginKind) -> bool,
    ) -> Result<std::result::Result<OpenedSession, LoginRefused>> {
        let mut tx = self.write().await?;
        let row = sqlx::query(
            "SELECT member_id, kind, next, expires_at, used_at FROM web_logins WHERE code_hash = ?",
        )
        .bind(code_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Ok(Err(LoginRefused::Unknown)) };
        let member = MemberId(row.try_get("member_id")?);
        let kind = LoginKind::decode(&row.try_get::<String, _>("kind")?);
        let next: Option<String> = row.try_get("next")?;
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
            super::members::active_member(&mut tx, member).await?.filter(|m| may_sign_in(m, kind))
        else {
            tx.commit().await?;
            return Ok(Err(LoginRefused::NotAllowed));
        };
        sqlx::query(
            "INSERT INTO web_sessions (token_hash, member_id, kind, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(token_hash)
        .bind(member.0)
        .bind(kind.code())
        .bind(csrf)
        .bind(ts(now))
        .bind(ts(now + lasts(kind)))
        .execute(&mut *tx)
        .await?;
        let detail = serde_json::json!({ "kind": kind.code() });
        events::record(&mut tx, now, Actor::Member(member), "web.login", "web", detail).await?;
        tx.commit().await?;
        Ok(Ok(OpenedSession { member: m, kind, next }))
    }

    /// The sessions a member has open on the web, newest first: kind, opened, expires.
    pub async fn web_sessions_of(
        &self,
        member: MemberId,
    ) -> Result<Vec<(LoginKind, DateTime<Utc>, DateTime<Utc>)>> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT kind, created_at, expires_at FROM web_sessions WHERE member_id = ? ORDER BY created_at DESC",
        )
        .bind(member.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(k, c, e)| (LoginKind::decode(&k), from_ts(c), from_ts(e)))
            .collect())
    }

    /// How many unexpired sessions each member holds.
    pub async fn web_session_counts(
        &self,
        now: DateTime<Utc>,
    ) -> Result<std::collections::HashMap<MemberId, i64>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT member_id, COUNT(*) FROM web_sessions WHERE expires_at > ? GROUP BY member_id",
        )
        .bind(ts(now))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(m, n)| (MemberId(m), n)).collect())
    }

    /// Ends every session and unused sign-in link of `member`.
    pub async fn end_web_access(&self, member: MemberId) -> Result<()> {
        let mut tx = self.write().await?;
        end_access(&mut tx, member).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The session with this token hash and its member (removed or not), if it has not expired;
    /// an expired one is deleted. Whether the member may still use it is the caller's rule.
    pub async fn web_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<WebSession>> {
        let row = sqlx::query(
            "SELECT member_id, kind, csrf, expires_at FROM web_sessions WHERE token_hash = ?",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let expires_at = from_ts(row.try_get("expires_at")?);
        let member = self.member_even_removed(MemberId(row.try_get("member_id")?)).await?;
        match member {
            Some(member) if expires_at > now => {
                let kind = LoginKind::decode(&row.try_get::<String, _>("kind")?);
                Ok(Some(WebSession { member, kind, csrf: row.try_get("csrf")?, expires_at }))
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

    /// Records a console link for `m`.
    async fn link(store: &Store, m: &Member, hash: &str, at: DateTime<Utc>, until: DateTime<Utc>) {
        let login = NewLogin { member: m.id, kind: LoginKind::Console, next: None };
        store.create_web_login(&login, hash, at, until).await.unwrap();
    }

    /// Uses the link `hash` at `at` for a session of nine hours, anyone allowed.
    async fn open(
        store: &Store,
        hash: &str,
        keys: (&str, &str),
        at: DateTime<Utc>,
    ) -> std::result::Result<OpenedSession, LoginRefused> {
        let lasts = |_| Duration::hours(9);
        store.open_web_session(hash, keys, at, lasts, |_, _| true).await.unwrap()
    }

    async fn officer(store: &Store, role: Role) -> Member {
        let mut tx = store.pool.begin().await.unwrap();
        let new = NewMember {
            tg_user_id: Some(900),
            contacts: vec![crate::domain::Contact::telegram(900)],
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
        link(&store, &m, "h1", now(), later).await;
        let day = now() + Duration::hours(9);
        let opened = open(&store, "h1", ("t1", "c1"), now()).await;
        assert_eq!(opened.unwrap().member.id, m.id);
        let again = open(&store, "h1", ("t2", "c2"), now()).await;
        assert_eq!(again, Err(LoginRefused::Used));
        assert_eq!(open(&store, "nope", ("t3", "c3"), now()).await, Err(LoginRefused::Unknown));
        link(&store, &m, "h2", now(), later).await;
        let late = open(&store, "h2", ("t4", "c4"), later).await;
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
        link(&store, &admin, "h1", now(), day).await;
        open(&store, "h1", ("t1", "c1"), now()).await.unwrap();
        assert!(store.web_session("t1", now()).await.unwrap().is_some());
        // Taken off BAOCAO_ADMINS: out at the next request.
        assert_eq!(store.revoke_admins_not_in((&[], &[]), now()).await.unwrap(), 1);
        assert!(store.web_session("t1", now()).await.unwrap().is_none());
        // A link made before cannot open a session either.
        link(&store, &admin, "h2", now(), day).await;
        let refused = open(&store, "h2", ("t2", "c2"), now()).await;
        assert_eq!(refused, Err(LoginRefused::NotAllowed));
    }

    /// The hole of the security read: sessions were deleted only when presented, and a re-join
    /// re-activates the same member row, so the old cookie worked again.
    #[tokio::test]
    async fn a_session_and_an_unused_link_do_not_come_back_when_their_member_rejoins() {
        let (store, _dir) = with_units().await;
        let day = now() + Duration::hours(9);
        let m = officer(&store, Role::Officer).await;
        link(&store, &m, "h1", now(), day).await;
        open(&store, "h1", ("t1", "c1"), now()).await.unwrap();
        link(&store, &m, "h2", now(), day).await;
        assert!(store.remove_member(m.id, Actor::Cli, now()).await.unwrap());
        let again = officer(&store, Role::Officer).await;
        assert_eq!(again.id, m.id, "the same row, active again");
        assert!(store.web_session("t1", now()).await.unwrap().is_none());
        let link = open(&store, "h2", ("t2", "c2"), now()).await;
        assert_eq!(link, Err(LoginRefused::Unknown));
    }

    #[tokio::test]
    async fn a_change_of_role_ends_the_sessions_and_expired_ones_are_pruned() {
        let (store, _dir) = with_units().await;
        let day = now() + Duration::hours(9);
        let m = officer(&store, Role::Officer).await;
        link(&store, &m, "h1", now(), day).await;
        open(&store, "h1", ("t1", "c1"), now()).await.unwrap();
        officer(&store, Role::Admin).await;
        assert!(store.web_session("t1", now()).await.unwrap().is_none(), "promoted: signed out");
        link(&store, &m, "h2", now(), now() + Duration::minutes(10)).await;
        open(&store, "h2", ("t2", "c2"), now()).await.unwrap();
        link(&store, &m, "h3", now(), now() + Duration::minutes(10)).await;
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
