//! Reports: one per unit and period, revised rather than overwritten, returned or accepted.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

use super::answer::Answer;
use super::member::MemberId;
use super::period::{Period, PeriodId};
use super::unit::UnitId;

/// Database identity of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportId(pub i64);

/// Where a report stands with the office.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportStatus {
    Submitted,
    /// Sent back by an officer for revision (allowed after the deadline).
    Returned,
    /// Accepted by an officer: no more revisions.
    Accepted,
}

/// What an officer decides about a submitted report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Send it back to the unit for revision, with a reason.
    Return,
    /// Accept it: no more revisions.
    Accept,
}

impl Decision {
    /// The status a report takes when this decision is made.
    pub fn status(self) -> ReportStatus {
        match self {
            Decision::Return => ReportStatus::Returned,
            Decision::Accept => ReportStatus::Accepted,
        }
    }
}

/// A stored report with its answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub id: ReportId,
    pub period_id: PeriodId,
    pub unit_id: UnitId,
    pub revision: i64,
    pub status: ReportStatus,
    pub submitted_by: MemberId,
    pub submitted_by_name: String,
    pub submitted_at: DateTime<Utc>,
    pub first_submitted_at: DateTime<Utc>,
    pub on_time: bool,
    pub return_reason: Option<String>,
    pub answers: BTreeMap<String, Answer>,
}

/// What a submission does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submission {
    /// The unit's first report for the period.
    First { on_time: bool },
    /// A new revision of the unit's report (the old one is kept in the history).
    Revision { revision: i64 },
}

/// Why a submission was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    PeriodClosed,
    /// Required questions still unanswered (their keys).
    Incomplete(Vec<String>),
    /// A colleague submitted (or revised) while this person was answering.
    Conflict {
        by: String,
        at: DateTime<Utc>,
    },
    Accepted,
    /// The deadline passed and nobody returned the report.
    RevisionClosed,
}

impl Refusal {
    /// What to tell the person (`tz` renders the conflict's time; `office` is who to ask).
    pub fn msg(&self, tz: chrono_tz::Tz, office: &super::office::Office) -> Msg {
        match self {
            Refusal::PeriodClosed => Msg::new("report-period-closed"),
            Refusal::Incomplete(keys) => Msg::new("report-incomplete").arg("count", keys.len()),
            Refusal::Conflict { by, at } => Msg::new("report-conflict")
                .arg("name", by.as_str())
                .arg("at", crate::i18n::fmt_datetime(*at, tz)),
            Refusal::Accepted => office.named(Msg::new("report-accepted-locked")),
            Refusal::RevisionClosed => office.named(Msg::new("report-revision-closed")),
        }
    }
}

/// Decides whether a draft based on `base_revision` may be submitted at `now`, and how.
pub fn decide_submission(
    period: &Period,
    existing: Option<&Report>,
    base_revision: i64,
    missing_required: Vec<String>,
    now: DateTime<Utc>,
) -> Result<Submission, Refusal> {
    if !period.is_open() {
        return Err(Refusal::PeriodClosed);
    }
    let Some(report) = existing else {
        if !missing_required.is_empty() {
            return Err(Refusal::Incomplete(missing_required));
        }
        return Ok(Submission::First { on_time: period.on_time(now) });
    };
    if report.status == ReportStatus::Accepted {
        return Err(Refusal::Accepted);
    }
    if report.revision != base_revision {
        return Err(Refusal::Conflict {
            by: report.submitted_by_name.clone(),
            at: report.submitted_at,
        });
    }
    if !may_revise(period, report, now) {
        return Err(Refusal::RevisionClosed);
    }
    if !missing_required.is_empty() {
        return Err(Refusal::Incomplete(missing_required));
    }
    Ok(Submission::Revision { revision: report.revision + 1 })
}

/// A unit may revise until the deadline, or after it when an officer returned the report.
pub fn may_revise(period: &Period, report: &Report, now: DateTime<Utc>) -> bool {
    period.is_open()
        && match report.status {
            ReportStatus::Accepted => false,
            ReportStatus::Returned => true,
            ReportStatus::Submitted => now <= period.due_at,
        }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::{DataWindow, PeriodKind, PeriodStatus};
    use chrono::{Duration, NaiveDate, TimeZone};

    fn period(status: PeriodStatus) -> Period {
        let due = Utc.with_ymd_and_hms(2021, 6, 16, 10, 0, 0).unwrap();
        Period {
            id: PeriodId(1),
            kind: PeriodKind::Semiannual { half: 1, year: 2021 },
            custom_title: None,
            window: DataWindow::new(
                NaiveDate::from_ymd_opt(2020, 12, 15).unwrap(),
                NaiveDate::from_ymd_opt(2021, 6, 14).unwrap(),
            )
            .unwrap(),
            opens_at: due - Duration::days(20),
            due_at: due,
            template_key: "thi-dua".into(),
            questions: vec![],
            status,
        }
    }

    fn report(revision: i64, status: ReportStatus) -> Report {
        let at = Utc.with_ymd_and_hms(2021, 6, 15, 3, 0, 0).unwrap();
        Report {
            id: ReportId(1),
            period_id: PeriodId(1),
            unit_id: UnitId(1),
            revision,
            status,
            submitted_by: MemberId(1),
            submitted_by_name: "Đồng nghiệp".into(),
            submitted_at: at,
            first_submitted_at: at,
            on_time: true,
            return_reason: None,
            answers: BTreeMap::new(),
        }
    }

    #[test]
    fn first_submission_is_on_time_until_the_deadline_and_late_after() {
        let p = period(PeriodStatus::Open);
        assert_eq!(
            decide_submission(&p, None, 0, vec![], p.due_at),
            Ok(Submission::First { on_time: true })
        );
        let late = p.due_at + Duration::seconds(1);
        assert_eq!(
            decide_submission(&p, None, 0, vec![], late),
            Ok(Submission::First { on_time: false })
        );
    }

    #[test]
    fn a_closed_period_takes_nothing() {
        let p = period(PeriodStatus::Closed);
        assert_eq!(decide_submission(&p, None, 0, vec![], p.due_at), Err(Refusal::PeriodClosed));
    }

    #[test]
    fn a_colleagues_newer_revision_is_a_conflict() {
        let p = period(PeriodStatus::Open);
        let r = report(2, ReportStatus::Submitted);
        let out = decide_submission(&p, Some(&r), 1, vec![], p.due_at);
        assert!(matches!(out, Err(Refusal::Conflict { .. })));
        assert_eq!(
            decide_submission(&p, Some(&r), 2, vec![], p.due_at),
            Ok(Submission::Revision { revision: 3 })
        );
    }

    #[test]
    fn revision_after_the_deadline_needs_a_return_and_accepted_is_final() {
        let p = period(PeriodStatus::Open);
        let late = p.due_at + Duration::days(1);
        let submitted = report(1, ReportStatus::Submitted);
        assert_eq!(
            decide_submission(&p, Some(&submitted), 1, vec![], late),
            Err(Refusal::RevisionClosed)
        );
        let returned = report(1, ReportStatus::Returned);
        assert_eq!(
            decide_submission(&p, Some(&returned), 1, vec![], late),
            Ok(Submission::Revision { revision: 2 })
        );
        let accepted = report(1, ReportStatus::Accepted);
        assert_eq!(
            decide_submission(&p, Some(&accepted), 1, vec![], p.due_at),
            Err(Refusal::Accepted)
        );
    }

    #[test]
    fn missing_required_answers_block_submission() {
        let p = period(PeriodStatus::Open);
        let out = decide_submission(&p, None, 0, vec!["ket_qua".into()], p.due_at);
        assert_eq!(out, Err(Refusal::Incomplete(vec!["ket_qua".into()])));
    }
}
