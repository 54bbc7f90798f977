//! Button data: a typed enum that encodes to at most 64 bytes. Every press is re-authorised
//! by its handler; data that does not decode is answered as expired.

use crate::domain::Cadence;
use crate::i18n::Lang;

/// Telegram's limit on `callback_data`.
pub const MAX_CALLBACK_BYTES: usize = 64;

/// What a button does. Periods, questions and reports are named by number, never by text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallbackData {
    /// Read the bot in this language.
    SetLang(Lang),
    /// Start (or resume) the report of a period.
    StartReport { period: i64 },
    /// Answer question `index` with option `option` (yes/no: 1/0; choices: their position).
    Pick { period: i64, index: usize, option: usize },
    /// Skip optional question `index`.
    Skip { period: i64, index: usize },
    /// Keep the current answer of question `index`.
    Keep { period: i64, index: usize },
    /// Go back from question `index`.
    Back { period: i64, index: usize },
    /// From the review: change the answer of question `index`.
    Edit { period: i64, index: usize },
    /// Submit the reviewed draft.
    Submit { period: i64 },
    /// After a conflict: submit my draft in place of the colleague's report.
    Replace { period: i64 },
    /// After a conflict: throw my draft away.
    Discard { period: i64 },
    /// Show a report.
    ViewReport { report: i64 },
    /// Period management (officers): one step of opening or closing a period.
    Period(PeriodStep),
    /// The status board of a period, page `page`.
    Board { period: i64, page: usize },
    /// Nudge every unit of a period that has not reported.
    NudgeAll { period: i64 },
    /// Return revision `revision` of a report (the officer then types the reason).
    Return { report: i64, revision: i64 },
    /// Accept revision `revision` of a report.
    Accept { report: i64, revision: i64 },
    /// List the earlier revisions of a report.
    Revisions { report: i64 },
    /// Move to the unit of the invite just opened (the chat remembers which).
    MoveConfirm,
    /// Stay with the unit one reports for now.
    MoveCancel,
    /// Asked one's name: use the Telegram display name.
    UseTelegramName,
    /// Asked one's position: give none.
    SkipPosition,
    /// Send the office's notice just previewed.
    AnnounceSend,
    /// A list question: add an item.
    ListAdd { period: i64, index: usize },
    /// … correct item `item`.
    ListEdit { period: i64, index: usize, item: usize },
    /// … remove item `item`.
    ListRemove { period: i64, index: usize, item: usize },
    /// … option `option` for the field being asked.
    ListPick { period: i64, index: usize, option: usize },
    /// … skip the field being asked (optional), or keep its value (correcting an item).
    ListSkip { period: i64, index: usize },
}

/// A step of `/kybaocao`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodStep {
    /// Start opening a new period.
    New,
    /// How often the period comes.
    Kind(Cadence),
    /// Month, quarter or half.
    Part(u32),
    Year(i32),
    /// The template, by its position in the configuration.
    Template(usize),
    /// Take the suggested deadline.
    SuggestedDue,
    Confirm,
    Cancel,
    /// Ask to close this period.
    Close(i64),
    /// Really close it.
    CloseConfirmed(i64),
    /// Move this period's deadline (the officer then types it).
    Extend(i64),
    /// Open this closed period again.
    Reopen(i64),
}

impl CallbackData {
    /// Buttons only officers and admins may press (re-checked on every press).
    pub fn officers_only(&self) -> bool {
        use CallbackData::*;
        matches!(
            self,
            Period(_)
                | Board { .. }
                | NudgeAll { .. }
                | Return { .. }
                | Accept { .. }
                | Revisions { .. }
        )
    }

    /// The wire form, e.g. `lang:en`.
    pub fn encode(&self) -> String {
        use CallbackData::*;
        match self {
            SetLang(lang) => format!("lang:{}", lang.code()),
            StartReport { period } => format!("r:{period}"),
            Pick { period, index, option } => format!("o:{period}:{index}:{option}"),
            Skip { period, index } => format!("s:{period}:{index}"),
            Keep { period, index } => format!("k:{period}:{index}"),
            Back { period, index } => format!("b:{period}:{index}"),
            Edit { period, index } => format!("e:{period}:{index}"),
            Submit { period } => format!("u:{period}"),
            Replace { period } => format!("x:{period}"),
            Discard { period } => format!("d:{period}"),
            ViewReport { report } => format!("v:{report}"),
            Period(step) => match step {
                PeriodStep::New => "pn".to_owned(),
                PeriodStep::Kind(c) => format!("pk:{}", c.code()),
                PeriodStep::Part(n) => format!("pp:{n}"),
                PeriodStep::Year(y) => format!("py:{y}"),
                PeriodStep::Template(i) => format!("pt:{i}"),
                PeriodStep::SuggestedDue => "pd".to_owned(),
                PeriodStep::Confirm => "pc".to_owned(),
                PeriodStep::Cancel => "px".to_owned(),
                PeriodStep::Close(id) => format!("pz:{id}"),
                PeriodStep::CloseConfirmed(id) => format!("pZ:{id}"),
                PeriodStep::Extend(id) => format!("pe:{id}"),
                PeriodStep::Reopen(id) => format!("po:{id}"),
            },
            Board { period, page } => format!("tb:{period}:{page}"),
            NudgeAll { period } => format!("na:{period}"),
            Return { report, revision } => format!("rr:{report}:{revision}"),
            Accept { report, revision } => format!("ra:{report}:{revision}"),
            Revisions { report } => format!("rv:{report}"),
            MoveConfirm => "mv".to_owned(),
            MoveCancel => "mvx".to_owned(),
            UseTelegramName => "pf:tg".to_owned(),
            SkipPosition => "pf:skip".to_owned(),
            AnnounceSend => "an:go".to_owned(),
            ListAdd { period, index } => format!("la:{period}:{index}"),
            ListEdit { period, index, item } => format!("le:{period}:{index}:{item}"),
            ListRemove { period, index, item } => format!("lr:{period}:{index}:{item}"),
            ListPick { period, index, option } => format!("lp:{period}:{index}:{option}"),
            ListSkip { period, index } => format!("ls:{period}:{index}"),
        }
    }

    /// Reads the wire form; anything unknown (old, forged, truncated) is `None`.
    pub fn decode(data: &str) -> Option<CallbackData> {
        use CallbackData::*;
        match data {
            "pn" => return Some(Period(PeriodStep::New)),
            "mv" => return Some(MoveConfirm),
            "mvx" => return Some(MoveCancel),
            "pf:tg" => return Some(UseTelegramName),
            "pf:skip" => return Some(SkipPosition),
            "an:go" => return Some(AnnounceSend),
            "pd" => return Some(Period(PeriodStep::SuggestedDue)),
            "pc" => return Some(Period(PeriodStep::Confirm)),
            "px" => return Some(Period(PeriodStep::Cancel)),
            _ => {}
        }
        let (tag, rest) = data.split_once(':')?;
        let nums: Vec<&str> = rest.split(':').collect();
        let id = |i: usize| nums.get(i).and_then(|n| n.parse::<i64>().ok()).filter(|n| *n > 0);
        let index =
            |i: usize| nums.get(i).and_then(|n| n.parse::<usize>().ok()).filter(|n| *n < 1000);
        let data = match (tag, nums.len()) {
            ("lang", 1) => SetLang(Lang::parse(rest)?),
            ("r", 1) => StartReport { period: id(0)? },
            ("o", 3) => Pick { period: id(0)?, index: index(1)?, option: index(2)? },
            ("s", 2) => Skip { period: id(0)?, index: index(1)? },
            ("k", 2) => Keep { period: id(0)?, index: index(1)? },
            ("b", 2) => Back { period: id(0)?, index: index(1)? },
            ("e", 2) => Edit { period: id(0)?, index: index(1)? },
            ("u", 1) => Submit { period: id(0)? },
            ("x", 1) => Replace { period: id(0)? },
            ("d", 1) => Discard { period: id(0)? },
            ("v", 1) => ViewReport { report: id(0)? },
            ("pk", 1) => Period(PeriodStep::Kind(Cadence::from_code(rest)?)),
            ("pp", 1) => Period(PeriodStep::Part(u32::try_from(index(0)?).ok()?)),
            ("py", 1) => {
                Period(PeriodStep::Year(i32::try_from(id(0)?).ok().filter(|y| *y < 10_000)?))
            }
            ("pt", 1) => Period(PeriodStep::Template(index(0)?)),
            ("pz", 1) => Period(PeriodStep::Close(id(0)?)),
            ("pZ", 1) => Period(PeriodStep::CloseConfirmed(id(0)?)),
            ("pe", 1) => Period(PeriodStep::Extend(id(0)?)),
            ("po", 1) => Period(PeriodStep::Reopen(id(0)?)),
            ("tb", 2) => Board { period: id(0)?, page: index(1)? },
            ("na", 1) => NudgeAll { period: id(0)? },
            ("rr", 2) => Return { report: id(0)?, revision: id(1)? },
            ("ra", 2) => Accept { report: id(0)?, revision: id(1)? },
            ("rv", 1) => Revisions { report: id(0)? },
            ("la", 2) => ListAdd { period: id(0)?, index: index(1)? },
            ("le", 3) => ListEdit { period: id(0)?, index: index(1)?, item: index(2)? },
            ("lr", 3) => ListRemove { period: id(0)?, index: index(1)?, item: index(2)? },
            ("lp", 3) => ListPick { period: id(0)?, index: index(1)?, option: index(2)? },
            ("ls", 2) => ListSkip { period: id(0)?, index: index(1)? },
            _ => return None,
        };
        Some(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all() -> Vec<CallbackData> {
        use CallbackData::*;
        let (period, index, option, report) = (i64::MAX, 999, 999, i64::MAX);
        let mut all: Vec<CallbackData> = Lang::ALL.into_iter().map(SetLang).collect();
        all.extend([UseTelegramName, SkipPosition, AnnounceSend]);
        all.extend([
            ListAdd { period, index },
            ListEdit { period, index, item: 999 },
            ListRemove { period, index, item: 999 },
            ListPick { period, index, option },
            ListSkip { period, index },
        ]);
        all.extend([
            StartReport { period },
            Pick { period, index, option },
            Skip { period, index },
            Keep { period, index },
            Back { period, index },
            Edit { period, index },
            Submit { period },
            Replace { period },
            Discard { period },
            ViewReport { report },
            Period(PeriodStep::New),
            Period(PeriodStep::Kind(Cadence::NineMonth)),
            Period(PeriodStep::Part(12)),
            Period(PeriodStep::Year(2021)),
            Period(PeriodStep::Template(3)),
            Period(PeriodStep::SuggestedDue),
            Period(PeriodStep::Confirm),
            Period(PeriodStep::Cancel),
            Period(PeriodStep::Close(i64::MAX)),
            Period(PeriodStep::CloseConfirmed(i64::MAX)),
            Period(PeriodStep::Extend(i64::MAX)),
            Period(PeriodStep::Reopen(i64::MAX)),
            Board { period: i64::MAX, page: 999 },
            NudgeAll { period: i64::MAX },
            Return { report: i64::MAX, revision: i64::MAX },
            Accept { report: i64::MAX, revision: i64::MAX },
            Revisions { report: i64::MAX },
            MoveConfirm,
            MoveCancel,
        ]);
        all
    }

    #[test]
    fn every_callback_round_trips_within_telegrams_limit() {
        for data in all() {
            let wire = data.encode();
            assert!(wire.len() <= MAX_CALLBACK_BYTES, "{wire} is too long");
            assert_eq!(CallbackData::decode(&wire), Some(data));
        }
    }

    #[test]
    fn unknown_data_is_rejected() {
        assert_eq!(CallbackData::decode("lang:fr"), None);
        assert_eq!(CallbackData::decode("nope"), None);
        assert_eq!(CallbackData::decode("r:0"), None);
        assert_eq!(CallbackData::decode("r:-4"), None);
        assert_eq!(CallbackData::decode("s:4"), None);
        assert_eq!(CallbackData::decode("s:4:1:9"), None);
        assert_eq!(CallbackData::decode("pk:2"), None, "a kind is a value, not a position");
    }

    proptest! {
        #[test]
        fn arbitrary_data_never_panics(s in any::<String>()) {
            let _ = CallbackData::decode(&s);
        }
    }
}
