//! Invites: created by officers or the CLI, redeemed once through `/start CODE`.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::{Invite, InviteCode, InviteStatus, Member, MemberId, NewMember, Role, UnitId};
use crate::error::Result;

use super::events::{self, Actor};
use super::members;
use super::stored_words::{Place, Stored};
use super::{from_ts, ts, Store};

/// An invite about to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewInvite {
    pub role: Role,
    pub unit_id: Option<UnitId>,
    pub created_by: Option<MemberId>,
    pub expires_at: DateTime<Utc>,
}

/// A stored invite, for listings (the code itself is not stored, so it is not shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InviteListing {
    pub role: Role,
    pub unit_code: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_by: Option<String>,
}

/// role, unit code, created_at, expires_at, used by (name)
type InviteRow = (i64, String, Option<String>, i64, i64, Option<String>);
/// role, unit id, expires_at, used_at, unit active
type InviteStateRow = (i64, String, Option<i64>, i64, Option<i64>, Option<bool>);

/// What redeeming a code did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedeemOutcome {
    Joined(Member),
    Rejected(InviteStatus),
    /// One of the person's contacts (an e-mail address) is another active member's: the invite
    /// stays unused.
    ContactTaken {
        by: String,
    },
}

impl Store {
    /// Stores an invite under the hash of its code.
    pub async fn create_invite(
        &self,
        code: &InviteCode,
        invite: &NewInvite,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.create_invites(&[(code.clone(), invite.clone())], actor, now).await
    }

    /// Stores many invites at once (a whole province's), all or none.
    pub async fn create_invites(
        &self,
        invites: &[(InviteCode, NewInvite)],
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        for (code, invite) in invites {
            insert_invite(&mut tx, code, invite, actor, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Active units that have no active reporter, in the office's order.
    pub async fn units_without_reporter(&self) -> Result<Vec<crate::domain::Unit>> {
        let sql = format!(
            "SELECT {} FROM units u WHERE u.active = 1 AND NOT EXISTS
               (SELECT 1 FROM members m WHERE m.unit_id = u.id AND m.role = 'reporter' AND m.active = 1)
             ORDER BY u.position, u.id",
            super::columns_of("u", super::units::UNIT_COLUMNS, "")
        );
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        rows.iter().map(super::units::unit_from_row).collect()
    }
}

async fn insert_invite(
    tx: &mut sqlx::SqliteConnection,
    code: &InviteCode,
    invite: &NewInvite,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO invites (code_hash, role, unit_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(code.hash())
    .bind(invite.role.code())
    .bind(invite.unit_id.map(|u| u.0))
    .bind(invite.created_by.map(|m| m.0))
    .bind(ts(now))
    .bind(ts(invite.expires_at))
    .execute(&mut *tx)
    .await?;
    let detail = json!({
        "role": invite.role.code(),
        "unit_id": invite.unit_id.map(|u| u.0),
        "expires_at": ts(invite.expires_at),
    });
    let subject = format!("invite:{}", &code.hash()[..12]);
    events::record(&mut *tx, now, actor, "invite.created", &subject, detail).await?;
    Ok(())
}

impl Store {
    /// Invites, newest first: only those still redeemable unless `include_done`.
    pub async fn list_invites(
        &self,
        include_done: bool,
        now: DateTime<Utc>,
    ) -> Result<Vec<InviteListing>> {
        let rows: Vec<InviteRow> = sqlx::query_as(
            "SELECT i.rowid, i.role, u.code, i.created_at, i.expires_at, m.full_name
             FROM invites i LEFT JOIN units u ON u.id = i.unit_id LEFT JOIN members m ON m.id = i.used_by
             WHERE ?1 OR (i.used_at IS NULL AND i.expires_at > ?2)
             ORDER BY i.created_at DESC, i.rowid DESC",
        )
        .bind(include_done)
        .bind(ts(now))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(rowid, role, unit_code, created_at, expires_at, used_by)| {
                Ok(InviteListing {
                    role: Role::decode(&role, Place::new("invites", "role", rowid))?,
                    unit_code,
                    created_at: from_ts(created_at),
                    expires_at: from_ts(expires_at),
                    used_by,
                })
            })
            .collect()
    }

    /// Redeems `code` for `person` in one transaction: the invite is used at most once,
    /// even when two people open the same link at the same moment.
    pub async fn redeem_invite(
        &self,
        code: &InviteCode,
        person: &NewMember,
        now: DateTime<Utc>,
    ) -> Result<RedeemOutcome> {
        self.redeem_invite_hash(&code.hash(), person, now).await
    }

    /// The invite with this code and whether it can be used now, without using it.
    pub async fn peek_invite(
        &self,
        code: &InviteCode,
        now: DateTime<Utc>,
    ) -> Result<(Option<Invite>, InviteStatus)> {
        let mut conn = self.pool.acquire().await?;
        let invite = self.invite_by_hash(&mut conn, &code.hash()).await?;
        let status = self.why_not_redeemable_hash(&mut conn, &code.hash(), now).await?;
        Ok((invite.map(|(invite, _)| invite), status))
    }

    /// [`Store::redeem_invite`] by the code's hash (kept while a person confirms a move).
    pub async fn redeem_invite_hash(
        &self,
        hash: &str,
        person: &NewMember,
        now: DateTime<Utc>,
    ) -> Result<RedeemOutcome> {
        let mut tx = self.write().await?;
        // Writing first takes SQLite's write lock at once, so the check and the use cannot interleave.
        let claimed: Option<(i64, String, Option<i64>)> = sqlx::query_as(
            "UPDATE invites SET used_at = ?1
             WHERE code_hash = ?2 AND used_at IS NULL AND expires_at > ?1
               AND (unit_id IS NULL OR unit_id IN (SELECT id FROM units WHERE active = 1))
             RETURNING rowid, role, unit_id",
        )
        .bind(ts(now))
        .bind(hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((rowid, role, unit_id)) = claimed else {
            let status = self.why_not_redeemable_hash(&mut tx, hash, now).await?;
            return Ok(RedeemOutcome::Rejected(status));
        };
        let role = Role::decode(&role, Place::new("invites", "role", rowid))?;
        for contact in &person.contacts {
            if let Some(holder) = super::contacts::holder_of(&mut tx, contact).await? {
                if holder.tg_user_id.is_none() || holder.tg_user_id != person.tg_user_id {
                    // Dropped without a commit: the invite is not used.
                    return Ok(RedeemOutcome::ContactTaken { by: holder.with_position() });
                }
            }
        }
        let new = NewMember { role, unit_id: unit_id.map(UnitId), ..person.clone() };
        let member = members::upsert(&mut tx, &new, None, now).await?;
        sqlx::query("UPDATE invites SET used_by = ? WHERE code_hash = ?")
            .bind(member.id.0)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
        let subject = format!("invite:{}", hash.get(..12).unwrap_or(hash));
        let detail = json!({ "member_id": member.id.0, "role": role.code(), "unit_id": unit_id });
        events::record(&mut tx, now, Actor::Member(member.id), "invite.redeemed", &subject, detail)
            .await?;
        tx.commit().await?;
        Ok(RedeemOutcome::Joined(member))
    }

    async fn invite_by_hash(
        &self,
        conn: &mut sqlx::SqliteConnection,
        hash: &str,
    ) -> Result<Option<(Invite, Option<bool>)>> {
        let row: Option<InviteStateRow> = sqlx::query_as(
            "SELECT i.rowid, i.role, i.unit_id, i.expires_at, i.used_at, u.active
             FROM invites i LEFT JOIN units u ON u.id = i.unit_id WHERE i.code_hash = ?",
        )
        .bind(hash)
        .fetch_optional(conn)
        .await?;
        let Some((rowid, role, unit_id, expires_at, used_at, unit_active)) = row else {
            return Ok(None);
        };
        let invite = Invite {
            role: Role::decode(&role, Place::new("invites", "role", rowid))?,
            unit_id: unit_id.map(UnitId),
            expires_at: from_ts(expires_at),
            used: used_at.is_some(),
        };
        Ok(Some((invite, unit_active)))
    }

    async fn why_not_redeemable_hash(
        &self,
        conn: &mut sqlx::SqliteConnection,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<InviteStatus> {
        let Some((invite, unit_active)) = self.invite_by_hash(conn, hash).await? else {
            return Ok(InviteStatus::Unknown);
        };
        Ok(match invite.status(now) {
            InviteStatus::Valid if unit_active == Some(false) => InviteStatus::UnitInactive,
            status => status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit_import::parse_units_csv;
    use crate::domain::UnitCode;
    use crate::i18n::Lang;
    use crate::store::test_support::store;
    use chrono::Duration;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_623_800_000, 0).unwrap()
    }

    fn chair(tg: i64) -> NewMember {
        NewMember {
            tg_user_id: Some(tg),
            contacts: vec![crate::domain::Contact::telegram(tg)],
            full_name: "Quàng Văn Chủ tịch".to_owned(),
            username: None,
            role: Role::Admin, // ignored: the invite decides
            unit_id: None,
            lang: Lang::Vi,
        }
    }

    async fn with_units() -> (Store, tempfile::TempDir, UnitId) {
        let (store, dir) = store().await;
        let units = parse_units_csv(include_bytes!("../../examples/tuan-giao-units.csv")).unwrap();
        store.import_units(&units, now()).await.unwrap();
        let tama = store.unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
        (store, dir, tama.id)
    }

    fn reporter_invite(unit: UnitId) -> NewInvite {
        NewInvite {
            role: Role::Reporter,
            unit_id: Some(unit),
            created_by: None,
            expires_at: now() + Duration::days(14),
        }
    }

    #[tokio::test]
    async fn invite_is_redeemed_once_with_the_invites_role_and_unit() {
        let (store, _dir, tama) = with_units().await;
        let code = InviteCode::generate();
        store.create_invite(&code, &reporter_invite(tama), Actor::Cli, now()).await.unwrap();
        let RedeemOutcome::Joined(member) =
            store.redeem_invite(&code, &chair(100), now()).await.unwrap()
        else {
            panic!("the first redemption should join");
        };
        assert_eq!((member.role, member.unit_id), (Role::Reporter, Some(tama)));
        let again = store.redeem_invite(&code, &chair(101), now()).await.unwrap();
        assert_eq!(again, RedeemOutcome::Rejected(InviteStatus::Used));
        let listing = store.list_invites(true, now()).await.unwrap();
        assert_eq!(listing[0].used_by.as_deref(), Some("Quàng Văn Chủ tịch"));
        assert!(store.list_invites(false, now()).await.unwrap().is_empty());
        assert_eq!(store.recent_events(Some("invite.redeemed"), 5).await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn expired_unknown_and_deactivated_unit_codes_are_rejected() {
        let (store, _dir, tama) = with_units().await;
        let code = InviteCode::generate();
        store.create_invite(&code, &reporter_invite(tama), Actor::Cli, now()).await.unwrap();
        let later = now() + Duration::days(15);
        assert_eq!(
            store.redeem_invite(&code, &chair(100), later).await.unwrap(),
            RedeemOutcome::Rejected(InviteStatus::Expired)
        );
        assert_eq!(
            store.redeem_invite(&InviteCode::generate(), &chair(100), now()).await.unwrap(),
            RedeemOutcome::Rejected(InviteStatus::Unknown)
        );
        let code_tama = UnitCode::parse("X-TAMA").unwrap();
        store.set_unit_active(&code_tama, false, Actor::Cli, now()).await.unwrap();
        assert_eq!(
            store.redeem_invite(&code, &chair(100), now()).await.unwrap(),
            RedeemOutcome::Rejected(InviteStatus::UnitInactive)
        );
        assert_eq!(store.member_by_tg_user(100).await.unwrap(), None);
    }

    #[tokio::test]
    async fn two_people_opening_one_link_at_once_yield_one_member() {
        let (store, _dir, tama) = with_units().await;
        let code = InviteCode::generate();
        store.create_invite(&code, &reporter_invite(tama), Actor::Cli, now()).await.unwrap();
        let (first, second) = (chair(1), chair(2));
        let (a, b) = tokio::join!(
            store.redeem_invite(&code, &first, now()),
            store.redeem_invite(&code, &second, now())
        );
        let joined = [a.unwrap(), b.unwrap()]
            .iter()
            .filter(|o| matches!(o, RedeemOutcome::Joined(_)))
            .count();
        assert_eq!(joined, 1);
        assert_eq!(store.reporters_of_unit(tama).await.unwrap().len(), 1);
    }
}
