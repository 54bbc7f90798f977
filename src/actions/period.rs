//! Opening and closing reporting periods (from the CLI or an officer's chat).

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::period::check_due;
use crate::domain::{Audience, DataWindow, Member, Period, PeriodId, PeriodKind};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::store::{Actor, NewPeriod, Store};

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
    pub due_at: DateTime<Utc>,
    /// When the period opens (default: now).
    pub opens_at: Option<DateTime<Utc>>,
    pub template: String,
    pub audience: Audience,
    /// The officer asking; `None` from the command line or a series.
    pub by: Option<Member>,
    /// Set when a series opens the period (so it never opens it twice).
    pub series_key: Option<String>,
    /// The office's request letter or outline, sent with the notice that the period is open.
    pub attachment: Option<crate::domain::attachment::Attachment>,
}

/// Checks the request (kind, window, deadline, template) and opens the period.
pub async fn create(
    store: &Store,
    config: &Config,
    req: &PeriodRequest,
    now: DateTime<Utc>,
) -> Result<Period> {
    let user = |e: crate::domain::period::PeriodError| Error::User(e.msg());
    let window = match (req.kind.data_window().map_err(user)?, req.window) {
        (Some(window), _) => window,
        (None, Some(window)) => window,
        (None, None) => return Err(Error::User(Msg::new("err-period-window-missing"))),
    };
    let title = req.title.as_deref().map(crate::domain::text::clean).filter(|t| !t.is_empty());
    if title.as_ref().is_some_and(|t| t.chars().count() > TITLE_MAX) {
        return Err(Error::User(Msg::new("err-period-title-too-long").arg("max", TITLE_MAX)));
    }
    if req.kind == PeriodKind::AdHoc && title.is_none() {
        return Err(user(crate::domain::period::PeriodError::TitleMissing));
    }
    check_due(&window, req.due_at, config.timezone).map_err(user)?;
    let Some(template) = config.template(&req.template) else {
        let known: Vec<&str> = config.templates.iter().map(|t| t.key.as_str()).collect();
        return Err(Error::User(
            Msg::new("err-template-unknown")
                .arg("key", req.template.as_str())
                .arg("known", known.join(", ")),
        ));
    };
    let new = NewPeriod {
        kind: req.kind,
        custom_title: title,
        window,
        opens_at: req.opens_at.unwrap_or(now),
        due_at: req.due_at,
        template_key: template.key.clone(),
        questions: template.questions.clone(),
        audience: req.audience.clone(),
        created_by: req.by.as_ref().map(|m| m.id),
        series_key: req.series_key.clone(),
        attachment: req.attachment.clone(),
    };
    let actor = match (&req.by, &req.series_key) {
        (Some(m), _) => Actor::Member(m.id),
        (None, Some(_)) => Actor::System,
        (None, None) => Actor::Cli,
    };
    store.create_period(&new, actor, now).await
}

/// Closes a period; the error names an unknown id. `by`: the officer asking (checked), or `None`
/// from the command line.
pub async fn close(
    store: &Store,
    id: PeriodId,
    by: Option<&Member>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let actor = match by {
        Some(m) => Actor::Member(super::officer(Some(m))?.id),
        None => Actor::Cli,
    };
    match store.close_period(id, actor, now).await? {
        Some(changed) => Ok(changed),
        None => Err(Error::User(Msg::new("err-period-unknown").arg("id", id.0.to_string()))),
    }
}

/// The open period nearest its deadline (one `unit` must report in, when given): what officers
/// mean when they name no period.
pub async fn nearest_open(
    store: &Store,
    unit: Option<crate::domain::UnitId>,
) -> Result<Option<Period>> {
    let mut open = store.list_periods(false).await?;
    open.sort_by_key(|p| p.due_at);
    for period in open {
        match unit {
            Some(u) if !store.unit_in_period(period.id, u).await? => continue,
            _ => return Ok(Some(period)),
        }
    }
    Ok(None)
}

/// What came of moving a deadline.
#[derive(Clone, Debug, PartialEq)]
pub struct Extended {
    pub period: Period,
    pub due_at: DateTime<Utc>,
    /// How many reporters of units that have not reported the news is on its way to (sent in
    /// the background: the officer does not wait for it).
    pub told: usize,
}

/// Moves the deadline of an open period to `due_at` (checked against its data window) and tells
/// the units that have not reported.
pub async fn extend(
    app: &super::App,
    actor: Option<&Member>,
    id: PeriodId,
    due_at: DateTime<Utc>,
) -> Result<Extended> {
    let officer = super::officer(actor)?;
    let Some(period) = app.store.period(id).await? else {
        return Err(Error::User(Msg::new("err-period-unknown").arg("id", id.0.to_string())));
    };
    check_due(&period.window, due_at, app.config.timezone).map_err(|e| Error::User(e.msg()))?;
    let now = app.clock.now();
    // The news is recorded with the new deadline, in one transaction.
    let planned = crate::plan::extensions(&app.store, &period, due_at).await?;
    app.store.extend_deadline(&period, due_at, Actor::Member(officer.id), now, &planned).await?;
    app.outbox.flush_soon("the news of a new deadline");
    let told = planned.len();
    Ok(Extended { period, due_at, told })
}

/// Opens a closed period again; `None`: no such period, `Some(false)`: it was open.
pub async fn reopen(
    store: &Store,
    actor: Option<&Member>,
    id: PeriodId,
    now: DateTime<Utc>,
) -> Result<Option<bool>> {
    let officer = super::officer(actor)?;
    store.reopen_period(id, Actor::Member(officer.id), now).await
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

/// Why a deadline typed by hand deserves a second look (a day off, no working day after the
/// data cut-off), if it does.
pub fn due_warning(
    config: &Config,
    window: Option<DataWindow>,
    due_at: DateTime<Utc>,
) -> Option<crate::domain::schedule::DueWarning> {
    let window = window?;
    let due_day = due_at.with_timezone(&config.timezone).date_naive();
    config.schedule.calendar.due_warning(window.to, due_day)
}

/// The period an officer means: `#id` or a number, else the open period nearest its deadline,
/// else the latest period.
pub async fn resolve(store: &Store, arg: &str) -> Result<Period> {
    let arg = arg.trim().trim_start_matches('#');
    if !arg.is_empty() {
        let id: i64 =
            arg.parse().map_err(|_| Error::User(Msg::new("err-period-unknown").arg("id", arg)))?;
        return store
            .period(PeriodId(id))
            .await?
            .ok_or_else(|| Error::User(Msg::new("err-period-unknown").arg("id", arg)));
    }
    if let Some(p) = nearest_open(store, None).await? {
        return Ok(p);
    }
    store
        .list_periods(true)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| Error::User(Msg::new("officer-no-period")))
}

/// Who must report: one emulation cluster, a list of unit codes (each active), or every active unit.
pub async fn audience(
    store: &Store,
    cluster: Option<String>,
    units: Vec<String>,
) -> Result<Audience> {
    if let Some(cluster) = cluster {
        return Ok(Audience::Cluster(cluster));
    }
    if units.is_empty() {
        return Ok(Audience::AllActive);
    }
    let mut ids = Vec::new();
    for code in units {
        let code = crate::domain::UnitCode::parse(&code).map_err(|e| Error::User(e.msg()))?;
        match store.unit_by_code(&code).await? {
            Some(unit) if unit.active => ids.push(unit.id),
            Some(unit) => {
                return Err(Error::User(Msg::new("err-unit-inactive").arg("unit", unit.name)))
            }
            None => {
                return Err(Error::User(Msg::new("err-unit-unknown").arg("code", code.as_str())))
            }
        }
    }
    Ok(Audience::Units(ids))
}
