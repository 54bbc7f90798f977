//! An officer returns a report for revision (with a reason) or accepts it; the unit's reporters
//! are told through the outbox.

use chrono::{DateTime, Utc};

use crate::domain::delivery::Tally;
use crate::domain::{Decision, Member, Report, ReportId, ReportStatus};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::plan;
use crate::store::DecisionOutcome;

use super::App;

/// Longest reason for returning a report.
pub const REASON_MAX: usize = 1000;

/// What came of a decision.
#[derive(Clone, Debug, PartialEq)]
pub enum Decided {
    /// Made: the report as it now stands, its unit's name, and how the news went out.
    Done { report: Report, unit: String, told: Tally },
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
    actor: Option<&Member>,
    report: ReportId,
    revision: i64,
    decision: Decision,
    reason: Option<&str>,
) -> Result<Decided> {
    let officer = super::officer(actor)?;
    let now = app.clock.now();
    let outcome = match (decision, reason) {
        (Decision::Return, Some(reason)) => {
            let reason = parse_reason(reason)?;
            app.store.return_report(report, revision, &reason, officer.id, now).await?
        }
        (Decision::Return, None) => return Err(Error::User(Msg::new("decision-reason-invalid"))),
        (Decision::Accept, _) => app.store.accept_report(report, revision, officer.id, now).await?,
    };
    let report = match outcome {
        DecisionOutcome::Done(report) => report,
        DecisionOutcome::Stale { status, revision, by, at } => {
            return Ok(Decided::Stale { status, revision, by, at })
        }
        DecisionOutcome::Unknown => return Ok(Decided::Unknown),
    };
    let planned = plan::decisions(&app.store, &report, decision).await?;
    app.store.add_deliveries(&planned, now).await?;
    let told = Tally::of(&app.outbox.deliver_now(&plan::keys(&planned)).await?);
    let unit = app.store.unit_by_id(report.unit_id).await?.map(|u| u.name).unwrap_or_default();
    Ok(Decided::Done { report, unit, told })
}
