//! Drafts: every accepted answer is saved at once, with the chat's next state in the same round
//! trip; the read model holds each as the write left it.

use chrono::{DateTime, Utc};

use crate::domain::{Draft, MemberId, PeriodId, UnitId};
use crate::error::Result;

use super::dialogues::ChatState;
use super::read_model::{Changed, Look};
use super::writer::Write;
use super::{ts, Store};

impl Store {
    /// The draft of `member` for `unit` in `period`.
    pub async fn draft(
        &self,
        period: PeriodId,
        unit: UnitId,
        member: MemberId,
    ) -> Result<Option<Draft>> {
        let ticket = match self.model.draft((period, unit, member)) {
            Look::Held(draft) => return Ok(draft),
            Look::Missing(ticket) => ticket,
        };
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT answers_json, base_revision FROM drafts WHERE period_id = ? AND unit_id = ? AND member_id = ?",
        )
        .bind(period.0)
        .bind(unit.0)
        .bind(member.0)
        .fetch_optional(&self.pool)
        .await?;
        let draft = row
            .map(|(answers, base_revision)| {
                Ok::<_, crate::error::Error>(Draft {
                    answers: serde_json::from_str(&answers)?,
                    base_revision,
                })
            })
            .transpose()?;
        self.model.keep_draft(ticket, (period, unit, member), &draft);
        Ok(draft)
    }

    /// Saves the draft (every accepted answer goes through here at once).
    pub async fn save_draft(
        &self,
        period: PeriodId,
        unit: UnitId,
        member: MemberId,
        draft: &Draft,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.save_draft_then(period, unit, member, draft, None, now).await
    }

    /// Saves the draft and then, in the same hand-off to the database (one round trip instead of
    /// two on every step of the report dialogue), the conversation state that follows it. The
    /// state is written only if the draft was.
    pub async fn save_draft_then(
        &self,
        period: PeriodId,
        unit: UnitId,
        member: MemberId,
        draft: &Draft,
        then: Option<&ChatState>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        const DRAFT: &str = "INSERT INTO drafts (period_id, unit_id, member_id, answers_json, base_revision, updated_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (period_id, unit_id, member_id) DO UPDATE SET answers_json = excluded.answers_json,
                 base_revision = excluded.base_revision, updated_at = excluded.updated_at";
        let write = Write::new(DRAFT)
            .bind(period.0)
            .bind(unit.0)
            .bind(member.0)
            .bind(serde_json::to_string(&draft.answers)?)
            .bind(draft.base_revision)
            .bind(ts(now));
        let write = match then {
            Some(state) => write
                .then(super::dialogues::SAVE_STATE)
                .bind(state.chat_id)
                .bind(state.json.as_str())
                .bind(ts(now)),
            None => write,
        };
        let draft = Some(draft.clone());
        self.run(write.changing(Changed::Draft { period, unit, member, draft })).await?;
        Ok(())
    }

    /// Discards a draft.
    pub async fn delete_draft(
        &self,
        period: PeriodId,
        unit: UnitId,
        member: MemberId,
    ) -> Result<()> {
        let write =
            Write::new("DELETE FROM drafts WHERE period_id = ? AND unit_id = ? AND member_id = ?")
                .bind(period.0)
                .bind(unit.0)
                .bind(member.0)
                .changing(Changed::Draft { period, unit, member, draft: None });
        self.run(write).await?;
        Ok(())
    }
}
