//! An officer returns a report for revision (with a reason) or accepts it; the unit's reporters
//! are told through the outbox.

use chrono::{DateTime, Utc};

use crate::domain::{Decision, Report, ReportId, ReportStatus};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::plan;
use crate::store::DecisionOutcome;

use super::{App, Officer};

/// Longest reason for returning a report.
pub const REASON_MAX: usize = 1000;

/// What came of a decision.
#[derive(Clone, Debug, PartialEq)]
pub enum Decided {
    /// Made: the report as it now stands, its unit's name, and how many of the unit's reporters
    /// the news is on its way to (sent in the background: the officer does not wait for it).
    Done { report: Report, unit: String, told: usize },
    /// Someone decided first, or the unit revised it meanwhile: nothing was changed.
    Stale { status: ReportStatus, revision: i64, by: Option<String>, at: Option<DateTime<Utc>> },
    /// No such report (any more).
    Unknown,
}

/// The reason as it will be sent: cleaned, not empty, not too long.
pub fn parse_reason(text: &str) -> Result<String> {
    let reason = crate::domain::text::clean(text);
    if reason.is_empty() || reason.chars().count() > REASON_MAX {
        return Err(Error::User(Msg::new("decision-reason-invalid")));
    }
    Ok(reason)
}

/// Returns (with `reason`) or accepts revision `revision` of a report, and tells the unit.
pub async fn decide(
    app: &App,
    officer: &Officer,
    report: ReportId,
    revision: i64,
    decision: Decision,
    reason: Option<&str>,
) -> Result<Decided> {
    let now = app.now();
    let reason = match (decision, reason) {
        (Decision::Return, Some(reason)) => Some(parse_reason(reason)?),
        (Decision::Return, None) => return Err(Error::User(Msg::new("decision-reason-invalid"))),
        (Decision::Accept, _) => None,
    };
    let Some(mut current) = app.store.report_by_id(report).await? else {
        return Ok(Decided::Unknown);
    };
    // The news for the unit is planned for the revision decided on, and recorded with the
    // decision in one transaction: a decision is never stored without the messages that tell it.
    current.revision = revision;
    let reporters = app.store.reporters_of_unit(current.unit_id).await?;
    let planned = plan::decisions_to(&reporters, &current, decision);
    let what = (decision, reason.as_deref());
    let outcome =
        app.store.decide(report, revision, what, officer.member().id, now, &planned).await?;
    let report = match outcome {
        DecisionOutcome::Done(report) => report,
        DecisionOutcome::Stale { status, revision, by, at } => {
            return Ok(Decided::Stale { status, revision, by, at })
        }
        DecisionOutcome::Unknown => return Ok(Decided::Unknown),
    };
    app.flush_soon("the news of a decision");
    let told = planned.len();
    // As the officer's reply writes it mid-sentence ("xã Ta Ma").
    let unit =
        app.store.unit_by_id(report.unit_id).await?.map(|u| u.in_sentence()).unwrap_or_default();
    Ok(Decided::Done { report, unit, told })
}
