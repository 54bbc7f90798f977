//! Files a chair attached through the web form (those sent in the chat stay with Telegram).

use chrono::{DateTime, Utc};

use crate::domain::MemberId;
use crate::error::Result;

use super::{ts, Store};

/// A kept file: its name, declared type, bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

impl Store {
    /// Keeps a file `member` sent; returns its number.
    pub async fn keep_upload(
        &self,
        member: MemberId,
        name: &str,
        mime: &str,
        bytes: &[u8],
        now: DateTime<Utc>,
    ) -> Result<i64> {
        use sqlx::Row;
        let write = super::writer::Write::new(
            "INSERT INTO uploads (member_id, name, mime, bytes, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(member.0)
        .bind(name)
        .bind(mime)
        .bind(bytes)
        .bind(ts(now))
        .changing_nothing_held();
        let done = self.run(write).await?;
        let row = super::writer::first_row(done).ok_or(sqlx::Error::RowNotFound)?;
        Ok(row.try_get(0)?)
    }

    /// Deletes the file with this number unless a draft or a report (any revision) still
    /// holds it; whether it was deleted.
    pub async fn forget_upload(&self, id: i64) -> Result<bool> {
        let held = format!("%\"{}{id}\"%", crate::domain::UPLOAD);
        // Plain `?`s (not `?1`): the write joins the others waiting in one command.
        let write = super::writer::Write::new(
            "DELETE FROM uploads WHERE id = ?
               AND NOT EXISTS (SELECT 1 FROM drafts WHERE answers_json LIKE ?)
               AND NOT EXISTS (SELECT 1 FROM report_answers WHERE value_json LIKE ?)
               AND NOT EXISTS (SELECT 1 FROM report_revisions WHERE answers_json LIKE ?)",
        )
        .bind(id)
        .bind(held.as_str())
        .bind(held.as_str())
        .bind(held.as_str())
        .changing_nothing_held();
        let done = self.run(write).await?;
        Ok(super::writer::changes(&done) == 1)
    }

    /// The file with this number, if it is kept.
    pub async fn upload(&self, id: i64) -> Result<Option<Upload>> {
        let row: Option<(String, String, Vec<u8>)> =
            sqlx::query_as("SELECT name, mime, bytes FROM uploads WHERE id = ?")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(name, mime, bytes)| Upload { name, mime, bytes }))
    }
}

#[cfg(test)]
mod tests {
    use crate::actions::test_support::{june_2021, world};
    use crate::domain::Role;

    #[tokio::test]
    async fn a_kept_file_comes_back_whole() {
        let w = world().await;
        let chair = w.person(1001, Role::Reporter, Some("X-TAMA")).await;
        let pdf = b"%PDF-1.4".as_slice();
        let id = w.store.keep_upload(chair.id, "bao-cao.pdf", "application/pdf", pdf, june_2021());
        let id = id.await.unwrap();
        let kept = w.store.upload(id).await.unwrap().unwrap();
        assert_eq!((kept.name.as_str(), kept.bytes.as_slice()), ("bao-cao.pdf", pdf));
        assert_eq!(w.store.upload(id + 1000).await.unwrap(), None);
    }

    /// A file replaced on the page goes only when no draft holds it any more.
    #[tokio::test]
    async fn a_file_is_forgotten_only_once_no_draft_holds_it() {
        use crate::domain::{Answer, Audience, Draft, FileRef};
        let w = world().await;
        let chair = w.person(1001, Role::Reporter, Some("X-TAMA")).await;
        let period = crate::store::periods::tests::open(&w.store, Audience::AllActive).await;
        let pdf = b"%PDF-1.4".as_slice();
        let id = w.store.keep_upload(chair.id, "a.pdf", "application/pdf", pdf, june_2021());
        let id = id.await.unwrap();
        let file_id = format!("{}{id}", crate::domain::UPLOAD);
        let file = FileRef {
            file_id: file_id.clone(),
            file_unique_id: file_id,
            name: Some("a.pdf".into()),
            mime: Some("application/pdf".into()),
            size: Some(8),
            photo: false,
        };
        let mut draft = Draft::default();
        draft.answers.insert("van_ban".into(), Answer::File { file });
        let unit = chair.unit_id.unwrap();
        w.store.save_draft(period.id, unit, chair.id, &draft, june_2021()).await.unwrap();
        assert!(!w.store.forget_upload(id).await.unwrap(), "the draft holds it");
        assert!(w.store.upload(id).await.unwrap().is_some());
        let other = Draft::default();
        w.store.save_draft(period.id, unit, chair.id, &other, june_2021()).await.unwrap();
        assert!(w.store.forget_upload(id).await.unwrap());
        assert_eq!(w.store.upload(id).await.unwrap(), None);
    }
}
