//! Members: registration (by invite or admin bootstrap), look-up, language, removal.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::domain::{Contact, Member, MemberId, NewMember, Role, UnitId};
use crate::error::Result;
use crate::i18n::Lang;

use super::contacts::{holder_of, put_contact};
use super::events::{self, Actor};
use super::read_model::{Changed, Look};
use super::stored_words::{Place, Stored};
use super::writer::{first_row, Write};
use super::{ts, Store};

/// A member with their unit, for listings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberListing {
    pub member: Member,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
}

/// A member's columns, and their contacts as one JSON column (`[[channel, address, reachable]…]`),
/// so that every query that reads members reads them whole in one statement.
pub(crate) const MEMBER_COLUMNS: &str =
    "m.id, m.tg_user_id, m.full_name, m.username, m.role, m.unit_id, \
     m.lang, m.notify_submissions, m.active, m.position, m.named, \
     (SELECT json_group_array(json_array(c.channel, c.address, c.reachable)) \
        FROM (SELECT * FROM contacts c WHERE c.member_id = m.id ORDER BY c.id) c) AS contacts";

pub(crate) fn member_from_row(row: &SqliteRow) -> Result<Member> {
    let role: String = row.try_get("role")?;
    let lang: String = row.try_get("lang")?;
    let id: i64 = row.try_get("id")?;
    let contacts: Option<String> = row.try_get("contacts")?;
    let contacts: Vec<(String, String, i64)> = match contacts {
        Some(json) => serde_json::from_str(&json)?,
        None => Vec::new(),
    };
    Ok(Member {
        id: MemberId(id),
        tg_user_id: row.try_get("tg_user_id")?,
        contacts: contacts
            .into_iter()
            .map(|(channel, address, reachable)| Contact {
                channel,
                address,
                reachable: reachable != 0,
            })
            .collect(),
        full_name: row.try_get("full_name")?,
        username: row.try_get("username")?,
        role: Role::decode(&role, Place::new("members", "role", id))?,
        unit_id: row.try_get::<Option<i64>, _>("unit_id")?.map(UnitId),
        lang: Lang::decode(&lang, Place::new("members", "lang", id))?,
        notify_submissions: row.try_get("notify_submissions")?,
        active: row.try_get("active")?,
        position: row.try_get("position")?,
        named: row.try_get("named")?,
    })
}

/// Why a member could not be added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddRefused {
    /// One of their contacts (an e-mail address) is another active member's already: who.
    ContactTaken { channel: String, address: String, by: String },
}

/// Inserts the member, or re-activates and updates the row of the same Telegram user; their
/// contacts are recorded (a contact of a removed member passes to them). Records
/// `member.joined` or `member.role_changed` on `conn`, by `actor` (the member themself when
/// `None`).
pub(crate) async fn upsert(
    conn: &mut SqliteConnection,
    new: &NewMember,
    actor: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<Member> {
    let before: Option<(String, Option<i64>, bool)> = match new.tg_user_id {
        Some(tg) => {
            sqlx::query_as("SELECT role, unit_id, active FROM members WHERE tg_user_id = ?")
                .bind(tg)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => None,
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO members (tg_user_id, full_name, username, role, unit_id, lang, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tg_user_id) DO UPDATE SET
             full_name = CASE WHEN members.named = 1 THEN members.full_name ELSE excluded.full_name END,
             username = excluded.username, role = excluded.role, unit_id = excluded.unit_id,
             active = 1, removed_at = NULL
         RETURNING id",
    )
    .bind(new.tg_user_id)
    .bind(&new.full_name)
    .bind(&new.username)
    .bind(new.role.code())
    .bind(new.unit_id.map(|u| u.0))
    .bind(new.lang.code())
    .bind(ts(now))
    .fetch_one(&mut *conn)
    .await?;
    let id = MemberId(id);
    for contact in &new.contacts {
        put_contact(conn, id, contact, now).await?;
    }
    let actor = actor.unwrap_or(Actor::Member(id));
    let subject = format!("member:{id}");
    let detail = json!({ "role": new.role.code(), "unit_id": new.unit_id.map(|u| u.0) });
    match before {
        Some((role, unit, true)) if role == new.role.code() && unit == new.unit_id.map(|u| u.0) => {
        }
        Some((role, _, true)) => {
            if role != new.role.code() {
                // What the old role could reach in the console ends with it.
                super::web::end_access(conn, id).await?;
            }
            let detail =
                json!({ "from": role, "to": new.role.code(), "unit_id": new.unit_id.map(|u| u.0) });
            events::record(conn, now, actor, "member.role_changed", &subject, detail).await?;
        }
        _ => {
            // A removed person registered again starts with no session of before.
            super::web::end_access(conn, id).await?;
            events::record(conn, now, actor, "member.joined", &subject, detail).await?
        }
    }
    member_in(conn, id).await
}

/// The member with this id, active or not, inside a transaction.
pub(crate) async fn member_in(conn: &mut SqliteConnection, id: MemberId) -> Result<Member> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.id = ?");
    let row = sqlx::query(&sql).bind(id.0).fetch_one(&mut *conn).await?;
    member_from_row(&row)
}

/// The active member with this id, inside a transaction.
pub(super) async fn active_member(
    conn: &mut SqliteConnection,
    id: MemberId,
) -> Result<Option<Member>> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.id = ? AND m.active = 1");
    let row = sqlx::query(&sql).bind(id.0).fetch_optional(&mut *conn).await?;
    row.as_ref().map(member_from_row).transpose()
}

impl Store {
    /// The active member with this Telegram user id.
    pub async fn member_by_tg_user(&self, tg_user_id: i64) -> Result<Option<Member>> {
        let ticket = match self.model.member_by_tg(tg_user_id) {
            Look::Held(member) => return Ok(member),
            Look::Missing(ticket) => ticket,
        };
        static SQL: LazyLock<String> = LazyLock::new(|| {
            format!(
                "SELECT {MEMBER_COLUMNS} FROM members m WHERE m.tg_user_id = ? AND m.active = 1"
            )
        });
        let row = sqlx::query(&SQL).bind(tg_user_id).fetch_optional(&self.pool).await?;
        let member = row.as_ref().map(member_from_row).transpose()?;
        self.model.keep_member_by_tg(ticket, tg_user_id, &member);
        Ok(member)
    }

    /// The active member with this id.
    pub async fn member_by_id(&self, id: MemberId) -> Result<Option<Member>> {
        let ticket = match self.model.member_by_id(id) {
            Look::Held(member) => return Ok(member),
            Look::Missing(ticket) => ticket,
        };
        let sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.id = ? AND m.active = 1");
        let row = sqlx::query(&sql).bind(id.0).fetch_optional(&self.pool).await?;
        let member = row.as_ref().map(member_from_row).transpose()?;
        self.model.keep_member_by_id(ticket, id, &member);
        Ok(member)
    }

    /// The member with this id, removed or not (to tell someone their unit was merged away).
    pub async fn member_even_removed(&self, id: MemberId) -> Result<Option<Member>> {
        let sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.id = ?");
        let row = sqlx::query(&sql).bind(id.0).fetch_optional(&self.pool).await?;
        row.as_ref().map(member_from_row).transpose()
    }

    /// The active members of the units of `period` that have not reported (one query): whom a
    /// reminder, a nudge or a new deadline may concern (`plan` decides who is told).
    pub async fn waiting_members(&self, period: &crate::domain::Period) -> Result<Vec<Member>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM members m JOIN period_units pu ON pu.unit_id = m.unit_id
             WHERE pu.period_id = ? AND m.active = 1
               AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.period_id = pu.period_id AND r.unit_id = pu.unit_id)
             ORDER BY m.unit_id, m.id"
        );
        let rows = sqlx::query(&sql).bind(period.id.0).fetch_all(&self.pool).await?;
        rows.iter().map(member_from_row).collect()
    }

    /// The active officers and admins.
    pub async fn officers(&self) -> Result<Vec<Member>> {
        let ticket = match self.model.officers() {
            Look::Held(officers) => return Ok(officers),
            Look::Missing(ticket) => ticket,
        };
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM members m WHERE m.role IN ('admin', 'officer') AND m.active = 1
             ORDER BY m.id"
        );
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        let officers = rows.iter().map(member_from_row).collect::<Result<Vec<_>>>()?;
        self.model.keep_officers(ticket, &officers);
        Ok(officers)
    }

    /// Adds a person by hand (from the command line, the console or the web join page), with
    /// their real name and position and their contacts; refused, adding nothing, when a contact
    /// is an active member's already.
    pub async fn add_member(
        &self,
        new: &NewMember,
        position: Option<&str>,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<std::result::Result<Member, AddRefused>> {
        let mut tx = self.write().await?;
        for contact in &new.contacts {
            if let Some(holder) = holder_of(&mut tx, contact).await? {
                let (channel, address) = (contact.channel.clone(), contact.address.clone());
                return Ok(Err(AddRefused::ContactTaken {
                    channel,
                    address,
                    by: holder.with_position(),
                }));
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO members (tg_user_id, full_name, role, unit_id, lang, position, named, created_at)
             VALUES (?, ?, ?, ?, ?, ?, 1, ?) RETURNING id",
        )
        .bind(new.tg_user_id)
        .bind(&new.full_name)
        .bind(new.role.code())
        .bind(new.unit_id.map(|u| u.0))
        .bind(new.lang.code())
        .bind(position)
        .bind(ts(now))
        .fetch_one(&mut *tx)
        .await?;
        let id = MemberId(id);
        for contact in &new.contacts {
            put_contact(&mut tx, id, contact, now).await?;
        }
        let detail = json!({ "role": new.role.code(), "unit_id": new.unit_id.map(|u| u.0), "by_hand": true });
        events::record(&mut tx, now, actor, "member.joined", &format!("member:{id}"), detail)
            .await?;
        let member = member_in(&mut tx, id).await?;
        tx.changing(Changed::MemberNow(member.clone()));
        tx.commit().await?;
        Ok(Ok(member))
    }

    /// All active members (all members when asked), officers first, then by unit order and name.
    pub async fn list_members(&self, include_removed: bool) -> Result<Vec<MemberListing>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS}, u.code AS unit_code, u.name AS unit_name
             FROM members m LEFT JOIN units u ON u.id = m.unit_id
             WHERE m.active = 1 OR ?
             ORDER BY CASE m.role WHEN 'admin' THEN 0 WHEN 'officer' THEN 1 ELSE 2 END,
                      u.position, m.full_name, m.id"
        );
        let rows = sqlx::query(&sql).bind(include_removed).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(MemberListing {
                    member: member_from_row(row)?,
                    unit_code: row.try_get("unit_code")?,
                    unit_name: row.try_get("unit_name")?,
                })
            })
            .collect()
    }

    /// Active members who report for `unit`.
    pub async fn reporters_of_unit(&self, unit: UnitId) -> Result<Vec<Member>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM members m WHERE m.unit_id = ? AND m.role = 'reporter' AND m.active = 1 ORDER BY m.id"
        );
        let rows = sqlx::query(&sql).bind(unit.0).fetch_all(&self.pool).await?;
        rows.iter().map(member_from_row).collect()
    }

    /// Removes a member's access (the row stays, so their past reports keep their author).
    /// Returns `false` when no active member has this id.
    pub async fn remove_member(
        &self,
        id: MemberId,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.write().await?;
        let removed = sqlx::query(
            "UPDATE members SET active = 0, removed_at = ? WHERE id = ? AND active = 1",
        )
        .bind(ts(now))
        .bind(id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if removed {
            events::record(
                &mut tx,
                now,
                actor,
                "member.removed",
                &format!("member:{id}"),
                json!({}),
            )
            .await?;
            sqlx::query(
                "DELETE FROM dialogues WHERE chat_id IN
                   (SELECT CAST(address AS INTEGER) FROM contacts WHERE member_id = ? AND channel = 'telegram')",
            )
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
            super::web::end_access(&mut tx, id).await?;
        }
        tx.changing(Changed::Member(id));
        tx.commit().await?;
        Ok(removed)
    }

    /// Turns submission notices on or off for a member; returns the new setting.
    pub async fn toggle_submission_notices(&self, id: MemberId) -> Result<bool> {
        let write = Write::new(
            "UPDATE members SET notify_submissions = 1 - notify_submissions WHERE id = ? RETURNING notify_submissions",
        )
        .bind(id.0)
        .changing(Changed::Member(id));
        let row = first_row(self.run(write).await?).ok_or(sqlx::Error::RowNotFound)?;
        Ok(row.try_get(0)?)
    }

    /// Sets the language a member reads the bot in.
    /// Records the name a member gave (họ và tên), in place of their Telegram display name.
    pub async fn set_member_name(&self, id: MemberId, name: &str) -> Result<()> {
        let write = Write::new("UPDATE members SET full_name = ?, named = 1 WHERE id = ?");
        self.run(write.bind(name).bind(id.0).changing(Changed::Member(id))).await?;
        Ok(())
    }

    /// Records a member's position (chức vụ); `None` clears it.
    pub async fn set_member_position(&self, id: MemberId, position: Option<&str>) -> Result<()> {
        let write = Write::new("UPDATE members SET position = ? WHERE id = ?");
        self.run(write.bind(position).bind(id.0).changing(Changed::Member(id))).await?;
        Ok(())
    }

    pub async fn set_member_lang(&self, id: MemberId, lang: Lang) -> Result<()> {
        let write = Write::new("UPDATE members SET lang = ? WHERE id = ?");
        self.run(write.bind(lang.code()).bind(id.0).changing(Changed::Member(id))).await?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "members_tests.rs"]
pub(crate) mod tests;
