//! Reading a unit's report, the one rule for every way in: officers and admins read any report,
//! a reporter only their own unit's. With the previous revision (to show what changed), the
//! history of revisions, and the file a unit attached (fetched through its channel).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::domain::{Answer, Member, Period, PeriodId, Report, ReportId, Unit, UnitCode, UnitId};
use crate::error::{Error, Result};
use crate::i18n::Msg;

use super::roles::may_read;
use super::{App, By};

/// A report as its reader sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadReport {
    pub period: Period,
    pub unit: Unit,
    pub report: Report,
    /// The revision before this one and its answers, when the report was revised.
    pub previous: Option<(i64, BTreeMap<String, Answer>)>,
    /// Whether the reader may return or accept it (an officer or admin).
    pub decidable: bool,
}

/// The report of `unit` in `period`, if `reader` may read it; `Ok(None)`: the unit has not
/// reported (or there is no such period or unit).
pub async fn report(
    app: &App,
    reader: Option<&Member>,
    period: PeriodId,
    unit: UnitId,
) -> Result<Option<ReadReport>> {
    let reader = refuse_unless(reader, unit)?;
    match app.store.report(period, unit).await? {
        Some(report) => complete(app, reader, report).await,
        None => Ok(None),
    }
}

/// The report with this id, if `reader` may read it; `Ok(None)`: there is no such report.
pub async fn by_id(app: &App, reader: Option<&Member>, id: ReportId) -> Result<Option<ReadReport>> {
    let Some(report) = app.store.report_by_id(id).await? else { return Ok(None) };
    let reader = refuse_unless(reader, report.unit_id)?;
    complete(app, reader, report).await
}

/// What an officer asked for with `/xem UNIT [period]`: the unit, the period meant, and the
/// report if the unit has sent one.
pub async fn by_unit_code(
    app: &App,
    reader: &super::Officer,
    code: &UnitCode,
    period_arg: &str,
) -> Result<(Unit, Period, Option<ReadReport>)> {
    let unit = super::units::known(app, code).await?;
    let period = super::progress::resolve(app, By::Officer(reader), period_arg).await?;
    let read = report(app, Some(reader.member()), period.id, unit.id).await?;
    Ok((unit, period, read))
}

/// Who sent each revision of report `id`, and when; the reader must be allowed to read it.
pub async fn revisions(
    app: &App,
    reader: Option<&Member>,
    id: ReportId,
) -> Result<Vec<(i64, String, DateTime<Utc>)>> {
    match app.store.report_by_id(id).await? {
        Some(report) => refuse_unless(reader, report.unit_id)?,
        None => return Ok(Vec::new()),
    };
    app.store.report_revisions(id).await
}

/// A file attached to a report, as it is handed out.
pub struct Attached {
    /// The type it is served as (see [`crate::domain::file_type::served`]).
    pub mime: &'static str,
    /// A name whose extension matches that type.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The file answering question `question` of `unit`'s report in `period`, fetched from the
/// channel it came by (the bot's token never reaches the reader); `Ok(None)`: there is none.
pub async fn attached_file(
    app: &App,
    reader: Option<&Member>,
    (period, unit): (PeriodId, UnitId),
    question: usize,
) -> Result<Option<Attached>> {
    let Some(read) = report(app, reader, period, unit).await? else { return Ok(None) };
    let file =
        read.period.questions.get(question).and_then(|q| match read.report.answers.get(&q.key) {
            Some(Answer::File { file }) => Some(file.clone()),
            _ => None,
        });
    let Some(file) = file else { return Ok(None) };
    let bytes = file_bytes(app, &file.file_id).await?;
    Ok(Some(Attached::new(file, bytes)))
}

impl Attached {
    /// `file` with its `bytes`, named and typed as it is handed out.
    fn new(file: crate::domain::FileRef, bytes: Vec<u8>) -> Attached {
        let (mime, name) = match (file.photo, file.name) {
            (true, name) => ("image/jpeg", name.unwrap_or_else(|| "anh.jpg".to_owned())),
            (false, name) => crate::domain::file_type::served(
                &name.unwrap_or_else(|| "tep".to_owned()),
                file.mime.as_deref(),
            ),
        };
        Attached { mime, name, bytes }
    }
}

/// Whether `file` came through the web form and is kept here (else its channel holds it).
pub fn kept_here(file: &crate::domain::FileRef) -> bool {
    file.file_id.starts_with(crate::domain::UPLOAD)
}

/// The bytes of a report's file: kept here when it came through the web form, else fetched from
/// the channel it came by (the bot's token never reaches the reader).
pub(crate) async fn file_bytes(app: &App, file_id: &str) -> Result<Vec<u8>> {
    let unavailable = || Error::User(Msg::new("err-file-unavailable"));
    if let Some(id) = file_id.strip_prefix(crate::domain::UPLOAD) {
        let id = id.parse().map_err(|_| unavailable())?;
        return app.store.upload(id).await?.map(|u| u.bytes).ok_or_else(unavailable);
    }
    let outbox = app.outbox.as_ref().ok_or_else(unavailable)?;
    let (channel, id) = crate::domain::contact::file_source(file_id);
    let channel = outbox.channel(channel).ok_or_else(unavailable)?;
    channel.fetch_file(id).await.map_err(|e| {
        tracing::warn!(error = e.detail(), "could not fetch an attached file");
        unavailable()
    })
}

/// The files of a report that came through the web form, named and typed as the console hands
/// them out (a chat re-sends the others by the id its channel gave them): for the chat's "read"
/// button.
pub async fn web_files(app: &App, read: &ReadReport) -> Result<Vec<Attached>> {
    let mut out = Vec::new();
    for answer in read.report.answers.values() {
        if let Answer::File { file } = answer {
            if kept_here(file) {
                let bytes = file_bytes(app, &file.file_id).await?;
                out.push(Attached::new(file.clone(), bytes));
            }
        }
    }
    Ok(out)
}

/// The reader, if they may read the reports of `unit`; otherwise the refusal.
fn refuse_unless(reader: Option<&Member>, unit: UnitId) -> Result<&Member> {
    match reader {
        Some(reader) if may_read(reader, unit) => Ok(reader),
        _ => Err(Error::User(Msg::new("err-report-not-yours"))),
    }
}

async fn complete(app: &App, reader: &Member, report: Report) -> Result<Option<ReadReport>> {
    let period = app.store.period(report.period_id).await?;
    let unit = app.store.unit_by_id(report.unit_id).await?;
    let (Some(period), Some(unit)) = (period, unit) else { return Ok(None) };
    let previous = match report.revision {
        1 => None,
        _ => app.store.previous_answers(report.id).await?,
    };
    let decidable = super::roles::officer(Some(reader)).is_ok();
    Ok(Some(ReadReport { period, unit, report, previous, decidable }))
}
