//! Opening a reporting period, from every way in (the chat's wizard, the console's form, the
//! command line) and from a series: the data window, the deadline (typed, suggested, checked
//! against the window, warned of on a day off), the template, who reports, the office's letter;
//! every reporter is told in the same transaction, and the notices go out at once.

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::attachment::Attachment;
use crate::domain::dates::parse_local_datetime;
use crate::domain::period::{check_due, PeriodError};
use crate::domain::schedule::DueWarning;
use crate::domain::{Audience, DataWindow, Period, PeriodKind, UnitCode};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::store::{Actor, NewPeriod};

use super::{App, By};

/// Longest title given by hand (it is shown on buttons and in every reminder).
pub const TITLE_MAX: usize = 120;

/// What to open.
#[derive(Clone, Debug)]
pub struct PeriodRequest {
    pub kind: PeriodKind,
    /// Required for ad-hoc periods; otherwise the kind's own title is used when `None`.
    pub title: Option<String>,
    /// Required for ad-hoc periods; otherwise computed by Decree 09's rules.
    pub window: Option<DataWindow>,
    pub due: Due,
    pub template: String,
    pub audience: Who,
    /// The office's request letter or outline, sent with the notice that the period is open.
    pub attachment: Option<Attachment>,
    /// The person has read the warning about the deadline (a day off, no working day after the
    /// cut-off) and opens it anyway.
    pub anyway: bool,
}

/// The deadline asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    /// As typed, "dd/mm/yyyy HH:MM" in the office's time zone.
    Typed(String),
    /// Chosen already (the wizard keeps it between its steps).
    At(DateTime<Utc>),
    /// The one the office usually gives ([`suggested_due`]); none for an ad-hoc period.
    Suggested,
}

/// Who must report: one emulation cluster, a list of unit codes (each active), or, with
/// neither, every active unit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Who {
    pub cluster: Option<String>,
    pub units: Vec<String>,
}

/// What came of asking to open a period.
#[derive(Clone, Debug, PartialEq)]
pub enum Opening {
    /// Open: every reporter of its units is being told. With how many units must report.
    Opened { period: Period, units: usize },
    /// Not opened: the deadline deserves a second look; asked again with `anyway`, it opens.
    Warned(DueWarning),
}

/// Checks the request (kind, window, deadline, template, who) and opens the period, unless the
/// deadline needs a second look that the person has not given yet.
pub async fn open(app: &App, by: By<'_>, req: &PeriodRequest) -> Result<Opening> {
    let checked = check(app, req).await?;
    if let (Some(warning), false) =
        (due_warning(&app.config, Some(checked.window), checked.due_at), req.anyway)
    {
        return Ok(Opening::Warned(warning));
    }
    let new = NewPeriod { created_by: by.member().map(|m| m.id), ..checked };
    let period =
        app.store.create_period(&new, by.actor(), app.now(), crate::plan::period_opened).await?;
    app.flush_soon("the notice that a period is open");
    let units = app.store.period_unit_count(period.id).await?;
    Ok(Opening::Opened { period, units: usize::try_from(units).unwrap_or(0) })
}

/// Opens, at the scheduler's `now`, the period a series stands for (never twice: `series_key` is
/// unique). `Ok(None)`: it was opened already.
pub(crate) async fn open_series(
    app: &App,
    (kind, template): (PeriodKind, &str),
    due_at: DateTime<Utc>,
    series_key: String,
    now: DateTime<Utc>,
) -> Result<Option<Period>> {
    if app.store.series_period_exists(&series_key).await? {
        return Ok(None);
    }
    let req = PeriodRequest {
        kind,
        title: None,
        window: None,
        due: Due::At(due_at),
        template: template.to_owned(),
        audience: Who::default(),
        attachment: None,
        anyway: true,
    };
    let new = NewPeriod { series_key: Some(series_key), opens_at: now, ..check(app, &req).await? };
    let period =
        app.store.create_period(&new, Actor::System, now, crate::plan::period_opened).await?;
    app.flush_soon("the notice that a period is open");
    Ok(Some(period))
}

/// The period the request stands for, checked; not stored.
async fn check(app: &App, req: &PeriodRequest) -> Result<NewPeriod> {
    let config = &app.config;
    let window = window(req)?;
    let title = req.title.as_deref().map(crate::domain::text::clean).filter(|t| !t.is_empty());
    if title.as_ref().is_some_and(|t| t.chars().count() > TITLE_MAX) {
        return Err(Error::User(Msg::new("err-period-title-too-long").arg("max", TITLE_MAX)));
    }
    if req.kind == PeriodKind::AdHoc && title.is_none() {
        return Err(user(PeriodError::TitleMissing));
    }
    let due_at = deadline(config, req.kind, Some(window), &req.due)?;
    let Some(template) = config.template(&req.template) else {
        let known: Vec<&str> = config.templates.iter().map(|t| t.key.as_str()).collect();
        return Err(Error::User(
            Msg::new("err-template-unknown")
                .arg("key", req.template.as_str())
                .arg("known", known.join(", ")),
        ));
    };
    Ok(NewPeriod {
        kind: req.kind,
        custom_title: title,
        window,
        opens_at: app.now(),
        due_at,
        template_key: template.key.clone(),
        questions: template.questions.clone(),
        audience: audience(app, &req.audience).await?,
        created_by: None,
        series_key: None,
        attachment: req.attachment.clone(),
    })
}

fn user(e: PeriodError) -> Error {
    Error::User(e.msg())
}

/// The data window: Decree 09's for the kind, or the one given for an ad-hoc period.
fn window(req: &PeriodRequest) -> Result<DataWindow> {
    match (req.kind.data_window().map_err(user)?, req.window) {
        (Some(window), _) | (None, Some(window)) => Ok(window),
        (None, None) => Err(Error::User(Msg::new("err-period-window-missing"))),
    }
}

/// The deadline asked for, checked against the data window (it must fall after its last day).
pub fn deadline(
    config: &Config,
    kind: PeriodKind,
    window: Option<DataWindow>,
    due: &Due,
) -> Result<DateTime<Utc>> {
    let due_at = match due {
        Due::At(at) => *at,
        Due::Typed(text) => parse_local_datetime(text, config.timezone)?,
        Due::Suggested => {
            suggested_due(config, kind).ok_or(Error::User(Msg::new("err-period-due-needed")))?
        }
    };
    if let Some(window) = window.or_else(|| kind.data_window().ok().flatten()) {
        check_due(&window, due_at, config.timezone).map_err(user)?;
    }
    Ok(due_at)
}

/// The units that must report, as the store takes them.
async fn audience(app: &App, who: &Who) -> Result<Audience> {
    if let Some(cluster) = &who.cluster {
        return Ok(Audience::Cluster(cluster.clone()));
    }
    if who.units.is_empty() {
        return Ok(Audience::AllActive);
    }
    let mut ids = Vec::with_capacity(who.units.len());
    for code in &who.units {
        let code = UnitCode::parse(code).map_err(|e| Error::User(e.msg()))?;
        ids.push(super::units::active(app, &code).await?.id);
    }
    Ok(Audience::Units(ids))
}

/// The deadline suggested for a period of `kind`: the first working day two or more days after
/// its data window's last day, at 17:00 local time (the office's usual deadline).
pub fn suggested_due(config: &Config, kind: PeriodKind) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    let window = kind.data_window().ok()??;
    let day = config.schedule.calendar.suggested_due_day(window.to);
    let local = day.and_time(chrono::NaiveTime::from_hms_opt(17, 0, 0)?);
    config.timezone.from_local_datetime(&local).single().map(|t| t.with_timezone(&Utc))
}

/// Why a deadline deserves a second look (a day off, no working day after the data cut-off),
/// if it does.
pub fn due_warning(
    config: &Config,
    window: Option<DataWindow>,
    due_at: DateTime<Utc>,
) -> Option<DueWarning> {
    let window = window?;
    let due_day = due_at.with_timezone(&config.timezone).date_naive();
    config.schedule.calendar.due_warning(window.to, due_day)
}

#[cfg(test)]
#[path = "period_tests.rs"]
mod tests;
