//! Contacts: the ways a member is reached (a Telegram chat, an e-mail address), each held by one
//! active member at a time; who holds one. Who holds a contact is always read from the database
//! (the read model holds members by Telegram account and by id only).

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::domain::{Contact, Member, MemberId};
use crate::error::Result;

use super::members::{member_from_row, MEMBER_COLUMNS};
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
}
