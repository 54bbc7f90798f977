//! Where the periods stand, counted one way for every way in (the chat's board and lists, the
//! console's pages, the command line, the documents): which period an officer means, every
//! period with its progress, one period's board with who reports for each unit.

use std::collections::HashMap;

use crate::domain::progress::PeriodProgress;
use crate::domain::{Member, Period, PeriodId, UnitId};
use crate::error::{Error, Result};
use crate::i18n::Msg;

use super::period_change::known;
use super::{App, By, Officer};

/// The periods by deadline, newest first, each with where it stands (`all`: the closed ones too;
/// at most `limit`).
pub async fn periods(app: &App, _: By<'_>, all: bool, limit: usize) -> Result<Vec<PeriodProgress>> {
    let list = app.store.list_periods(all).await?;
    let mut out = Vec::with_capacity(list.len().min(limit));
    for period in list.iter().take(limit) {
        out.push(app.store.period_progress(period).await?);
    }
    Ok(out)
}

/// Where period `id` stands; the error names an unknown period.
pub async fn period(app: &App, _: By<'_>, id: PeriodId) -> Result<PeriodProgress> {
    let period = known(app, id).await?;
    app.store.period_progress(&period).await
}

/// A period's board: where each unit stands, and who reports for it (name, position, whether
/// the bot can reach them).
pub struct Board {
    pub progress: PeriodProgress,
    pub reporters: HashMap<UnitId, Vec<Member>>,
}

/// The board of period `id`.
pub async fn board(app: &App, officer: &Officer, id: PeriodId) -> Result<Board> {
    let progress = period(app, By::Officer(officer), id).await?;
    let mut reporters: HashMap<UnitId, Vec<Member>> = HashMap::new();
    for m in super::units::reporters_by_unit(app).await? {
        if let Some(unit) = m.unit_id {
            reporters.entry(unit).or_default().push(m);
        }
    }
    Ok(Board { progress, reporters })
}

/// The open periods, nearest deadline first (for the chat's board buttons).
pub async fn open_periods(app: &App, _: &Officer) -> Result<Vec<Period>> {
    app.store.list_periods(false).await
}

/// The period an officer means: `#id` or a number, else the open period nearest its deadline,
/// else the latest period.
pub async fn resolve(app: &App, _: By<'_>, arg: &str) -> Result<Period> {
    let arg = arg.trim().trim_start_matches('#');
    if !arg.is_empty() {
        let id: i64 = arg
            .parse()
            .map_err(|_| Error::NotFound(Msg::new("err-period-unknown").arg("id", arg)))?;
        return known(app, PeriodId(id)).await;
    }
    if let Some(p) = nearest_open(app, None).await? {
        return Ok(p);
    }
    app.store
        .list_periods(true)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| Error::User(Msg::new("officer-no-period")))
}

/// The open period nearest its deadline (one `unit` must report in, when given): what officers
/// mean when they name no period.
pub(crate) async fn nearest_open(app: &App, unit: Option<UnitId>) -> Result<Option<Period>> {
    let mut open = app.store.list_periods(false).await?;
    open.sort_by_key(|p| p.due_at);
    for period in open {
        match unit {
            Some(u) if !app.store.unit_in_period(period.id, u).await? => continue,
            _ => return Ok(Some(period)),
        }
    }
    Ok(None)
}
