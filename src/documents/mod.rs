//! The documents an office takes away from a period: the compiled summary (as text and as a
//! Decree 30 Word report), the spreadsheets of answers, the commendation list, the printable
//! invitations, the statistics chart. Each maker takes the period's data and lays it out; none
//! reads the database or knows a channel.

pub mod chart;
pub mod commendation_list;
pub mod commendation_sheet;
mod decree30;
pub mod invite_sheet;
mod print;
pub mod spreadsheets;
pub mod summary;
pub mod summary_docx;

use std::collections::HashMap;

use chrono_tz::Tz;

use crate::domain::nominee::SentList;
use crate::domain::office::Office;
use crate::domain::progress::PeriodProgress;
use crate::domain::{Member, Period, PeriodKind, Report, ReportStatus, UnitId};
use crate::i18n::{fmt_datetime, Lang, Msg};

/// Everything an export needs about one period.
pub struct ExportData {
    pub progress: PeriodProgress,
    pub reports: HashMap<UnitId, Report>,
    /// Active reporters of each unit.
    pub reporters: HashMap<UnitId, Vec<Member>>,
    /// The lists units sent in the other periods of the year, which the commendation list
    /// compares its names with (loaded only for the documents that have one).
    pub elsewhere: Vec<SentList>,
}

impl ExportData {
    /// The reports the totals add up, in the office's order: a report returned for correction
    /// (and not sent again yet) is not counted until it is.
    pub fn counted_reports(&self) -> Vec<&Report> {
        self.progress
            .units
            .iter()
            .filter_map(|u| self.reports.get(&u.unit.id))
            .filter(|r| r.status != ReportStatus::Returned)
            .collect()
    }
}

/// What a period's reports are about, mid-sentence: "báo cáo công tác thi đua, khen thưởng 6
/// tháng cuối năm 2026" (the subject of its template, for the kind's part of the year), or its
/// own title when it was given one or its template says nothing.
pub fn about(period: &Period, office: &Office, lang: Lang) -> String {
    let subject = office.subject(&period.template_key, lang).filter(|s| !s.is_empty());
    let (Some(subject), None) = (subject, &period.custom_title) else {
        return period.title_in_sentence(lang);
    };
    let msg = match period.kind {
        PeriodKind::Monthly { month, year } => {
            Msg::new("doc-about-monthly").arg("month", month).arg("year", year.to_string())
        }
        PeriodKind::Quarterly { quarter, year } => {
            Msg::new("doc-about-quarterly").arg("quarter", quarter).arg("year", year.to_string())
        }
        PeriodKind::Semiannual { half, year } => {
            Msg::new("doc-about-semiannual").arg("half", half).arg("year", year.to_string())
        }
        PeriodKind::NineMonth { year } => {
            Msg::new("doc-about-nine-month").arg("year", year.to_string())
        }
        PeriodKind::Annual { year } => Msg::new("doc-about-annual").arg("year", year.to_string()),
        PeriodKind::AdHoc => return period.title_in_sentence(lang),
    };
    msg.arg("subject", subject).render(lang)
}

/// The message key of a report's status ("chưa gửi" when there is none).
pub(crate) fn status_key(report: Option<&Report>) -> &'static str {
    match report.map(|r| r.status) {
        None => "export-status-missing",
        Some(ReportStatus::Submitted) => "report-status-submitted",
        Some(ReportStatus::Returned) => "report-status-returned",
        Some(ReportStatus::Accepted) => "report-status-accepted",
    }
}

/// Text as a spreadsheet will show it, never run it: a cell that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return is a formula to Excel and LibreOffice (a link that sends the row
/// away, a command), so it gets a leading `'`, which they show as text. (XLSX cells are written as
/// strings and need no such care.)
pub(crate) fn csv_text(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

/// A file name for the period's exports, e.g. `bao-cao-ky-3.xlsx`.
pub fn file_name(data: &ExportData, ext: &str) -> String {
    format!(
        "bao-cao-ky-{}-{}.{ext}",
        data.progress.period.id.0,
        data.progress.period.due_at.format("%Y%m%d")
    )
}

/// The date and time of an export, for a caption.
pub fn caption(
    data: &ExportData,
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
    tz: Tz,
) -> String {
    Msg::new("export-caption")
        .arg("title", data.progress.period.title(lang))
        .arg("at", fmt_datetime(now, tz))
        .render(lang)
}
