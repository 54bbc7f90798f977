//! Contacts: the ways a member is reached (a Telegram chat, an e-mail address), each held by one
//! active member at a time; who holds one; the admins listed by e-mail in the configuration.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqliteConnection;

use crate::domain::{Contact, Member, MemberId, NewMember, Role};
use crate::error::Result;
use crate::i18n::Lang;

use super::events::{self, Actor};
use super::members::{member_from_row, upsert, MEMBER_COLUMNS};
use super::stored_words::Stored;
use super::{ts, Store};

/// Records `contact` for `member`, reachable: a contact that was a removed member's passes to
/// them; the caller makes sure it is not an active one's.
pub(crate) async fn put_contact(
    conn: &mut SqliteConnection,
    member: MemberId,
    contact: &Contact,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO contacts (member_id, channel, address, reachable, created_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT (channel, address) DO UPDATE SET member_id = excluded.member_id, reachable = 1,
             last_error = NULL",
    )
    .bind(member.0)
    .bind(&contact.channel)
    .bind(&contact.address)
    .bind(ts(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The active member holding this contact, inside a transaction.
pub(crate) async fn holder_of(
    conn: &mut SqliteConnection,
    contact: &Contact,
) -> Result<Option<Member>> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM members m JOIN contacts k ON k.member_id = m.id
          WHERE k.channel = ? AND k.address = ? AND m.active = 1"
    );
    let row = sqlx::query(&sql)
        .bind(&contact.channel)
        .bind(&contact.address)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(member_from_row).transpose()
}

impl Store {
    /// The active member who holds this contact, if any.
    pub async fn member_by_contact(&self, contact: &Contact) -> Result<Option<Member>> {
        let mut conn = self.pool.acquire().await?;
        holder_of(&mut conn, contact).await
    }

    /// The member of an admin listed by e-mail in the configuration: whoever holds the address
    /// now, or a new admin with it (named `name` until they change it), in one transaction so
    /// two requests at once make one.
    pub async fn email_admin(
        &self,
        address: &Contact,
        name: &str,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<Member> {
        let mut tx = self.write().await?;
        if let Some(holder) = holder_of(&mut tx, address).await? {
            return Ok(holder);
        }
        let new = NewMember {
            tg_user_id: None,
            contacts: vec![address.clone()],
            full_name: name.to_owned(),
            username: None,
            role: Role::Admin,
            unit_id: None,
            lang,
        };
        let member = upsert(&mut tx, &new, Some(Actor::System), now).await?;
        tx.commit().await?;
        Ok(member)
    }
}

impl Store {
    /// Admins are exactly `admins` (the configured Telegram user ids): every other active admin
    /// loses access now (removed, as `member remove` does: their past actions keep their name),
    /// is told so at their next message, and the change is in `events`. Returns how many.
    pub async fn revoke_admins_not_in(
        &self,
        (admins, emails): (&[i64], &[String]),
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut tx = self.write().await?;
        let listed = serde_json::to_string(admins)?;
        let emails = serde_json::to_string(emails)?;
        let revoked: Vec<(i64, Option<i64>)> = sqlx::query_as(
            "UPDATE members SET active = 0, removed_at = ?1, admin_revoked_at = ?1
             WHERE role = ?2 AND active = 1 AND operator = 0
               AND (tg_user_id IS NULL OR tg_user_id NOT IN (SELECT value FROM json_each(?3)))
               AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.member_id = members.id
                                 AND c.channel = 'email' AND c.address IN (SELECT value FROM json_each(?4)))
             RETURNING id, tg_user_id",
        )
        .bind(ts(now))
        .bind(Role::Admin.code())
        .bind(listed)
        .bind(emails)
        .fetch_all(&mut *tx)
        .await?;
        for (id, _) in &revoked {
            super::web::end_access(&mut tx, MemberId(*id)).await?;
            let subject = format!("member:{id}");
            let detail = json!({ "reason": "not in BAOCAO_ADMINS" });
            events::record(&mut tx, now, Actor::System, "member.admin_revoked", &subject, detail)
                .await?;
        }
        tx.commit().await?;
        Ok(revoked.len())
    }

    /// Whether this person lost their admin access at a start and has not been told yet; telling
    /// is once: the mark is cleared.
    pub async fn take_admin_revoked(&self, tg_user_id: i64) -> Result<bool> {
        let cleared = sqlx::query(
            "UPDATE members SET admin_revoked_at = NULL
             WHERE tg_user_id = ? AND active = 0 AND admin_revoked_at IS NOT NULL",
        )
        .bind(tg_user_id)
        .execute(&self.writer)
        .await?
        .rows_affected();
        Ok(cleared > 0)
    }
}
