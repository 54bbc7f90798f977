//! What the bot waits for in a private chat. Persisted as JSON: adding variants is fine,
//! renaming or removing one needs a migration path (see `storage.rs`).

use serde::{Deserialize, Serialize};

use crate::domain::{Cadence, PeriodKind};

/// The state of one private chat.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// Nothing in progress.
    #[default]
    Idle,
    /// Waiting for the answer to question `index` of the unit's report for `period_id`.
    /// `editing`: the person came from the review screen and returns there afterwards.
    Answering { period_id: i64, index: usize, editing: bool },
    /// Showing the review screen of the report for `period_id`.
    Reviewing { period_id: i64 },
    /// Opening a period (`/kybaocao`): which cadence?
    PeriodCadenceAsked,
    /// … which month, quarter or half?
    PeriodPartAsked { cadence: Cadence },
    /// … which year?
    PeriodYearAsked { cadence: Cadence, part: Option<u32> },
    /// … which template?
    PeriodTemplateAsked { kind: PeriodKind },
    /// … which deadline (typed, or the suggested one)?
    PeriodDueAsked { kind: PeriodKind, template: String },
    /// … open it? `due_at` in Unix seconds.
    /// A document sent meanwhile is attached: its name and the id Telegram gave it.
    PeriodConfirmAsked {
        kind: PeriodKind,
        template: String,
        due_at: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attachment: Option<SentLetter>,
    },
    /// The wizard as an earlier version stored it (the kind as a position in a list): the officer
    /// is asked to start again.
    #[serde(rename = "OpeningPeriod")]
    LegacyOpeningPeriod(LegacyPeriodDraft),
    /// An officer returns revision `revision` of report `report_id` and is typing the reason.
    ReturnReason { report_id: i64, revision: i64 },
    /// An officer is typing the new deadline of `period_id`.
    NewDeadline { period_id: i64 },
    /// A reporter opened another unit's invite and is asked to confirm the move; `invite` is the
    /// code's hash (the code itself is never stored).
    MoveAsked { invite: String },
    /// A list question's item being filled in, field by field: `item` is the item edited (or a
    /// new one), `values` what is given so far.
    ListItemAsked {
        period_id: i64,
        index: usize,
        editing: bool,
        item: Option<usize>,
        field: usize,
        values: std::collections::BTreeMap<String, String>,
    },
    /// An officer is typing the office's notice to every unit (or one cluster).
    AnnounceTextAsked { cluster: Option<String> },
    /// … and is asked to confirm sending it.
    AnnounceConfirmAsked { cluster: Option<String>, text: String },
    /// A member is asked their full name (họ và tên).
    NameAsked,
    /// … then their position (chức vụ).
    PositionAsked,
    /// A stored state could not be read (after an upgrade): the chat is reset with an apology.
    #[serde(skip)]
    Unreadable,
}

/// A document an officer sent to go with a period: its file name and the id Telegram gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentLetter {
    pub name: String,
    pub file_id: String,
}

/// The choices of an officer opening a period, as versions before the typed wizard stored them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyPeriodDraft {
    /// Position in that version's list of kinds.
    pub kind: Option<usize>,
    /// Month, quarter or half, for the kinds that need one.
    pub part: Option<u32>,
    pub year: Option<i32>,
    pub template: Option<String>,
    /// Unix seconds.
    pub due_at: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stored states are schema: these exact strings must keep decoding after any change. The
    /// wizard's shape of earlier versions (`OpeningPeriod`, kind as a position) still decodes, as
    /// the legacy state whose officer is asked to start again.
    #[test]
    fn states_stored_by_this_version_keep_decoding() {
        let stored = [
            (r#"{"state":"Idle"}"#, State::Idle),
            (
                r#"{"state":"Answering","period_id":3,"index":2,"editing":false}"#,
                State::Answering { period_id: 3, index: 2, editing: false },
            ),
            (r#"{"state":"Reviewing","period_id":3}"#, State::Reviewing { period_id: 3 }),
            (
                r#"{"state":"ReturnReason","report_id":4,"revision":2}"#,
                State::ReturnReason { report_id: 4, revision: 2 },
            ),
            (r#"{"state":"NewDeadline","period_id":5}"#, State::NewDeadline { period_id: 5 }),
            (
                r#"{"state":"MoveAsked","invite":"ab12"}"#,
                State::MoveAsked { invite: "ab12".into() },
            ),
            (
                r#"{"state":"OpeningPeriod","kind":2,"part":1,"year":2021,"template":"thi-dua","due_at":null}"#,
                State::LegacyOpeningPeriod(LegacyPeriodDraft {
                    kind: Some(2),
                    part: Some(1),
                    year: Some(2021),
                    template: Some("thi-dua".into()),
                    due_at: None,
                }),
            ),
        ];
        for (json, state) in stored {
            assert_eq!(serde_json::from_str::<State>(json).unwrap(), state);
            assert_eq!(serde_json::to_string(&state).unwrap(), json);
        }
        // The wizard, one state per step, with typed values.
        let kind = PeriodKind::Semiannual { half: 1, year: 2021 };
        let steps = [
            (r#"{"state":"PeriodCadenceAsked"}"#, State::PeriodCadenceAsked),
            (
                r#"{"state":"PeriodPartAsked","cadence":"semiannual"}"#,
                State::PeriodPartAsked { cadence: Cadence::Semiannual },
            ),
            (
                r#"{"state":"PeriodYearAsked","cadence":"nine_month","part":null}"#,
                State::PeriodYearAsked { cadence: Cadence::NineMonth, part: None },
            ),
            (
                r#"{"state":"PeriodTemplateAsked","kind":{"kind":"semiannual","half":1,"year":2021}}"#,
                State::PeriodTemplateAsked { kind },
            ),
            (
                r#"{"state":"PeriodDueAsked","kind":{"kind":"semiannual","half":1,"year":2021},"template":"thi-dua"}"#,
                State::PeriodDueAsked { kind, template: "thi-dua".into() },
            ),
            (
                r#"{"state":"PeriodConfirmAsked","kind":{"kind":"semiannual","half":1,"year":2021},"template":"thi-dua","due_at":1623837600}"#,
                State::PeriodConfirmAsked {
                    kind,
                    template: "thi-dua".into(),
                    due_at: 1_623_837_600,
                    attachment: None,
                },
            ),
            (
                r#"{"state":"PeriodConfirmAsked","kind":{"kind":"semiannual","half":1,"year":2021},"template":"thi-dua","due_at":1623837600,"attachment":{"name":"cv.pdf","file_id":"f1"}}"#,
                State::PeriodConfirmAsked {
                    kind,
                    template: "thi-dua".into(),
                    due_at: 1_623_837_600,
                    attachment: Some(SentLetter { name: "cv.pdf".into(), file_id: "f1".into() }),
                },
            ),
        ];
        for (json, state) in steps {
            assert_eq!(serde_json::from_str::<State>(json).unwrap(), state);
            assert_eq!(serde_json::to_string(&state).unwrap(), json);
        }
    }
}
