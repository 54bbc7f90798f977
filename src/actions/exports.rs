//! Gathering what exports, the summary and the statistics need.

use std::collections::HashMap;

use chrono::{Datelike, TimeZone, Utc};

use crate::documents::ExportData;
use crate::domain::stats::{rank, UnitStats};
use crate::domain::PeriodId;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};

use super::{App, By, Officer};

/// Loads a period's progress, reports and reporters; the error names an unknown period.
pub async fn load(app: &App, _: By<'_>, id: PeriodId) -> Result<ExportData> {
    let store = &app.store;
    let period = super::period_change::known(app, id).await?;
    let progress = store.period_progress(&period).await?;
    let reports = store.reports_of_period(id).await?.into_iter().map(|r| (r.unit_id, r)).collect();
    let mut reporters = HashMap::new();
    for u in progress.missing() {
        reporters.insert(u.unit.id, store.reporters_of_unit(u.unit.id).await?);
    }
    Ok(ExportData { progress, reports, reporters, elsewhere: Vec::new() })
}

/// The lists units sent in the other periods whose data ended in the year up to this period's
/// end (the year before excluded: 15/12/2020 – 14/12/2021 for the year 2021): the commendation
/// list names who was proposed there too.
async fn lists_of_the_year(
    store: &crate::store::Store,
    period: &crate::domain::Period,
) -> Result<Vec<crate::domain::nominee::SentList>> {
    let to = period.window.to;
    let year_before = to.checked_sub_months(chrono::Months::new(12)).unwrap_or(to);
    store.lists_sent_between(period.id, year_before + chrono::Duration::days(1), to).await
}

/// Per-unit statistics over the periods due in `year` (local time), ranked best to worst.
pub async fn year_stats(app: &App, _: &Officer, year: i32) -> Result<Vec<UnitStats>> {
    let (now, tz) = (app.now(), app.config.timezone);
    let start =
        |y: i32| tz.with_ymd_and_hms(y, 1, 1, 0, 0, 0).single().map(|t| t.with_timezone(&Utc));
    let (Some(from), Some(to)) = (start(year), start(year + 1)) else {
        return Err(Error::User(Msg::new("err-period-year")));
    };
    let mut stats = app.store.unit_stats(from, to, now).await?;
    rank(&mut stats);
    Ok(stats)
}

/// The year it is now, in the office's time zone.
pub fn this_year(app: &App) -> i32 {
    app.now().with_timezone(&app.config.timezone).year()
}

/// The formats a period's reports are exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An Excel workbook.
    Xlsx,
    /// One CSV sheet of answers, UTF-8 with a BOM.
    Csv,
    /// The compiled report as a Word document in the format of Decree 30.
    Docx,
    /// The list of award proposals, as an Excel sheet.
    Commendations,
}

impl Format {
    /// The format a file name asks for, by its extension.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Docx => "docx",
            Format::Commendations => "xlsx",
        }
    }
}

/// An exported file.
pub struct Document {
    pub bytes: Vec<u8>,
    /// A file name that says which period it is.
    pub name: String,
    /// What it holds, for the person receiving it.
    pub data: ExportData,
}

/// A period's reports as a file, in `lang`, issued by the office today.
pub async fn export(
    app: &App,
    by: By<'_>,
    period: PeriodId,
    format: Format,
    lang: Lang,
) -> Result<Document> {
    let (tz, office, now) = (app.config.timezone, &app.config.office, app.now());
    let mut data = load(app, by, period).await?;
    if matches!(format, Format::Docx | Format::Commendations) {
        data.elsewhere = lists_of_the_year(&app.store, &data.progress.period).await?;
    }
    let bytes = match format {
        Format::Xlsx => crate::documents::spreadsheets::xlsx(&data, lang, tz)?,
        Format::Csv => crate::documents::spreadsheets::csv(&data, lang, tz)?,
        Format::Docx => crate::documents::summary_docx::report_docx(&data, office, now, lang, tz)?,
        Format::Commendations => {
            let Some(list) = crate::documents::commendation_list::commendation_list(&data, lang)
            else {
                return Err(Error::User(Msg::new("commendation-no-question")));
            };
            let about = crate::documents::about(&data.progress.period, office, lang);
            let today = now.with_timezone(&tz).date_naive();
            crate::documents::commendation_sheet::commendation_xlsx(
                &list, &about, office, today, lang,
            )?
        }
    };
    let mut name = crate::documents::file_name(&data, format.extension());
    match format {
        Format::Docx => name = name.replace("bao-cao-ky", "bao-cao-tong-hop"),
        Format::Commendations => name = name.replace("bao-cao-ky", "de-nghi-khen-thuong"),
        Format::Xlsx | Format::Csv => {}
    }
    Ok(Document { bytes, name, data })
}
