//! Admins: those listed in the configuration (registered at their first `/start` or sign-in by
//! e-mail, revoked when no longer listed) and the machine's own admin (the command line's `web link --admin`).

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::{Contact, Member, MemberId, NewMember, Role};
use crate::error::Result;
use crate::i18n::Lang;

use super::contacts::holder_of;
use super::events::{self, Actor};
use super::members::{member_in, upsert};
use super::read_model::Changed;
use super::stored_words::Stored;
use super::writer::{changes, Write};
use super::{ts, Store};

impl Store {
    /// The admin of the machine itself (made on first use, named `name`): whoever runs `baocao
    /// web link --admin` signs in as them; never revoked for not being in `BAOCAO_ADMINS`.
    pub async fn machine_admin(
        &self,
        name: &str,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<Member> {
        let mut tx = self.write().await?;
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM members WHERE operator = 1 AND active = 1 ORDER BY id LIMIT 1",
        )
        .fetch_optional(&mut *tx)
        .await?;
        let id = match found {
            Some(id) => MemberId(id),
            None => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO members (full_name, role, lang, named, operator, created_at)
                     VALUES (?, 'admin', ?, 1, 1, ?) RETURNING id",
                )
                .bind(name)
                .bind(lang.code())
                .bind(ts(now))
                .fetch_one(&mut *tx)
                .await?;
                let detail = json!({ "role": "admin", "machine": true });
                let subject = format!("member:{id}");
                events::record(&mut tx, now, Actor::Cli, "member.joined", &subject, detail).await?;
                MemberId(id)
            }
        };
        let member = member_in(&mut tx, id).await?;
        tx.changing(Changed::MemberNow(member.clone()));
        tx.commit().await?;
        Ok(member)
    }

    /// Registers someone listed as an admin in the configuration (first `/start`).
    pub async fn bootstrap_admin(&self, new: &NewMember, now: DateTime<Utc>) -> Result<Member> {
        let mut tx = self.write().await?;
        let member = upsert(
            &mut tx,
            &NewMember { role: Role::Admin, unit_id: None, ..new.clone() },
            Some(Actor::System),
            now,
        )
        .await?;
        tx.changing(Changed::MemberNow(member.clone()));
        tx.commit().await?;
        Ok(member)
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
            return Ok(holder); // dropped: nothing was written
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
        tx.changing(Changed::MemberNow(member.clone()));
        tx.commit().await?;
        Ok(member)
    }

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
        tx.changing(Changed::Members);
        tx.commit().await?;
        Ok(revoked.len())
    }

    /// Whether this person lost their admin access at a start and has not been told yet; telling
    /// is once: the mark is cleared.
    pub async fn take_admin_revoked(&self, tg_user_id: i64) -> Result<bool> {
        // Only removed members' rows: nothing the read model holds.
        let write = Write::new(
            "UPDATE members SET admin_revoked_at = NULL
             WHERE tg_user_id = ? AND active = 0 AND admin_revoked_at IS NOT NULL",
        );
        let done = self.run(write.bind(tg_user_id).changing_nothing_held()).await?;
        Ok(changes(&done) > 0)
    }
}
