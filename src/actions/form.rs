//! The chair's form in a browser: a report as one page. The same rules as the chat's dialogue
//! ([`super::report`], [`super::answers`]), reached with a proof that the person reports for a
//! unit ([`Reporter`]): a page names a period, never a unit, so a chair reaches their own unit's
//! report and nothing else.

use crate::domain::report::may_revise;
use crate::domain::{Draft, PeriodId, Report, ReportStatus};
use crate::error::Result;
use crate::i18n::Msg;

use super::reading::Attached;
use super::report::{self, Reporting, Start};
use super::{App, Reporter};

/// The report page of one period: the chair's draft (begun, resumed or revised now) or the
/// report the unit sent.
#[derive(Clone, Debug)]
pub struct FormView {
    pub reporting: Reporting,
    /// The draft being filled (when `state` is `Editing`).
    pub draft: Option<Draft>,
    /// The unit's report as the office has it, if it sent one.
    pub report: Option<Report>,
    pub state: FormState,
}

/// What the chair may do on the page.
#[derive(Clone, Debug, PartialEq)]
pub enum FormState {
    /// Answer and send (a new report, a draft, a returned report, a revision asked for).
    Editing,
    /// The unit's report is sent and waits for the office; `may_revise`: it can still be changed.
    Sent { may_revise: bool },
    /// Nothing can be changed, and why (accepted, or the time to revise is over).
    Locked(Msg),
}

/// The reporting of `reporter` in `period`, or why they cannot report there.
pub async fn reporting(
    app: &App,
    reporter: &Reporter,
    period: PeriodId,
) -> Result<std::result::Result<Reporting, Msg>> {
    report::reporting(app, Some(reporter.member()), period).await
}

/// Opens the report of `period` for the chair: resumes their draft, or begins one (empty, or
/// with the unit's answers when its report was returned). A report sent and waiting is shown as
/// sent; `revise` begins a revision of it (while it may still be changed).
pub async fn open(
    app: &App,
    reporter: &Reporter,
    period: PeriodId,
    revise: bool,
) -> Result<std::result::Result<FormView, Msg>> {
    let reporting = match reporting(app, reporter, period).await? {
        Ok(r) => r,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let report = app.store.report(period, reporting.unit.id).await?;
    let office = &app.config.office;
    if let (None, Some(sent), false) = (&reporting.draft, &report, revise) {
        if sent.status == ReportStatus::Submitted {
            let may_revise = may_revise(&reporting.period, sent, app.now());
            let state = FormState::Sent { may_revise };
            return Ok(Ok(FormView { reporting, draft: None, report, state }));
        }
    }
    let (draft, state) = match report::start(app, &reporting, |_| None).await? {
        Start::Resume(draft) | Start::New(draft) | Start::Revising { draft, .. } => {
            (Some(draft), FormState::Editing)
        }
        Start::Locked => {
            (None, FormState::Locked(office.named(Msg::new("report-accepted-locked"))))
        }
        Start::Closed(_) => {
            (None, FormState::Locked(office.named(Msg::new("report-revision-closed"))))
        }
    };
    Ok(Ok(FormView { reporting, draft, report, state }))
}

/// The office's letter of an open period the chair's unit reports in, as it is handed out.
pub async fn letter(app: &App, reporter: &Reporter, period: PeriodId) -> Result<Option<Attached>> {
    if reporting(app, reporter, period).await?.is_err() {
        return Ok(None);
    }
    let Some(letter) = app.store.period_attachment(period).await? else { return Ok(None) };
    let bytes = match letter.file {
        crate::domain::attachment::AttachedFile::Bytes(bytes) => bytes.as_ref().clone(),
        crate::domain::attachment::AttachedFile::ChannelId(id) => {
            super::reading::file_bytes(app, &id).await?
        }
    };
    let (mime, name) = crate::domain::file_type::served(&letter.name, None);
    Ok(Some(Attached { mime, name, bytes }))
}

/// The chair's unit (its name tops each page).
pub async fn unit(app: &App, reporter: &Reporter) -> Result<Option<crate::domain::Unit>> {
    app.store.unit_by_id(reporter.unit()).await
}

/// Whether the unit's report in this state is waiting for the chair (nothing sent, or returned).
pub fn waiting(report: Option<&Report>) -> bool {
    report.is_none_or(|r| r.status == ReportStatus::Returned)
}
