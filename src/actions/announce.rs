//! The office's notice to every unit (or one emulation cluster), through the paced outbox, with
//! the count of messages sent, blocked and still pending, as a nudge reports.

use crate::domain::delivery::Tally;
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::plan;

use super::{App, Officer};

/// Longest notice accepted, in characters (it is split to fit a message when longer than one).
pub const ANNOUNCEMENT_MAX: usize = 3000;

/// A notice under way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Announced {
    /// The keys of its messages, to ask how they went ([`outcome`]).
    pub keys: Vec<String>,
    /// Units with nobody the bot can reach.
    pub nobody: usize,
}

/// Reads a notice as typed: trimmed, 1 to [`ANNOUNCEMENT_MAX`] characters.
pub fn parse_text(text: &str) -> Result<String> {
    let text = crate::domain::text::clean(text);
    let n = text.chars().count();
    if n == 0 || n > ANNOUNCEMENT_MAX {
        return Err(Error::User(Msg::new("announce-invalid").arg("max", ANNOUNCEMENT_MAX)));
    }
    Ok(text)
}

/// How many active units a notice to `cluster` (or to all, `None`) reaches; an unknown cluster
/// is the polite refusal that names it.
pub async fn reach(app: &App, _: &Officer, cluster: Option<&str>) -> Result<usize> {
    let units = app.store.list_units(false).await?;
    let count =
        units.iter().filter(|u| cluster.is_none() || u.cluster.as_deref() == cluster).count();
    if count == 0 {
        let msg = Msg::new("announce-no-units").arg("cluster", cluster.unwrap_or_default());
        return Err(Error::User(msg));
    }
    Ok(count)
}

/// Records the notice and its messages (officers and admins only) and lets the outbox send them.
pub async fn announce(
    app: &App,
    officer: &Officer,
    cluster: Option<&str>,
    text: &str,
) -> Result<Announced> {
    let text = parse_text(text)?;
    let by = (officer.member().id, app.now());
    let (planned, units) =
        app.store.create_announcement(&text, cluster, by, plan::announcement).await?;
    let nobody = units.iter().filter(|(_, reporters)| !plan::reachable(reporters)).count();
    app.flush_soon("the office's notice");
    Ok(Announced { keys: plan::keys(&planned), nobody })
}

/// How its messages went, once the outbox has tried each of them (call it in the background).
pub async fn outcome(app: &App, announced: &Announced) -> Result<Tally> {
    Ok(Tally::of(&super::nudge::deliver_now(app, &announced.keys).await?))
}
