//! `/nhac` (`/nudge`): an officer sends the current reminder now to the units that have not
//! reported, recorded like any delivery, and hears back how it went.

use teloxide::prelude::*;

use crate::telegram::patient::Patiently;

use crate::domain::{Period, PeriodId, UnitCode, UnitId};
use crate::error::Error;
use crate::i18n::{t, Msg};

use super::actor::Actor;
use super::error::{HandlerResult, Notify};
use super::{Env, TgBot};

/// `/nhac` (the open period nearest its deadline), `/nhac 3` (period 3), `/nhac X-TAMA` (one unit).
pub async fn nudge(bot: TgBot, actor: Actor, arg: String, env: Env) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let arg = arg.trim();
    let (period_id, unit) = match arg.parse::<i64>() {
        Ok(id) => (Some(PeriodId(id)), None),
        Err(_) if arg.is_empty() => (None, None),
        Err(_) => {
            let code = UnitCode::parse(arg).map_err(|e| Error::User(e.msg())).notify(chat, lang)?;
            let unit = env.store.unit_by_code(&code).await.notify(chat, lang)?;
            let Some(unit) = unit else {
                return Err(Error::User(Msg::new("err-unit-unknown").arg("code", code.as_str())))
                    .notify(chat, lang);
            };
            (None, Some(unit.id))
        }
    };
    let Some(period) = pick_period(&env, period_id, unit).await.notify(chat, lang)? else {
        bot.send_message(chat, t(lang, "nudge-no-period")).patiently().await?;
        return Ok(());
    };
    let msg = run(&env, &period, unit).await.notify(chat, lang)?;
    bot.send_message(chat, actor.say(&msg)).patiently().await?;
    Ok(())
}

/// Nudges the units of `period` that have not reported (or only `unit`) and says how it went.
pub async fn run(env: &Env, period: &Period, unit: Option<UnitId>) -> crate::Result<Msg> {
    let now = env.clock.now();
    let planned = env.scheduler.nudges_for(period, unit, now).await?;
    let statuses = env.scheduler.deliver_now(&planned, now).await?;
    let count = |s: &str| statuses.iter().filter(|x| x.as_str() == s).count();
    let progress = env.store.period_progress(period).await?;
    let nobody = progress
        .missing_and_unreachable()
        .filter(|u| unit.is_none_or(|id| u.unit.id == id))
        .count();
    Ok(Msg::new("nudge-done")
        .arg("title", period.title(env.config.lang))
        .arg("sent", count("sent"))
        .arg("blocked", count("blocked"))
        .arg("failed", count("failed") + count("gave_up") + count("pending") + count("sending"))
        .arg("nobody", nobody))
}

/// The period asked for, or the open one nearest its deadline (that `unit` is in, if given).
async fn pick_period(
    env: &Env,
    id: Option<PeriodId>,
    unit: Option<UnitId>,
) -> crate::Result<Option<Period>> {
    if let Some(id) = id {
        return Ok(env.store.period(id).await?.filter(Period::is_open));
    }
    crate::actions::period::nearest_open(&env.store, unit).await
}
