//! `/kybaocao`: officers list the open periods, open a new one in a few taps, or close one.

use chrono::{Datelike, Duration, NaiveTime, TimeZone, Utc};
use teloxide::prelude::*;

use crate::telegram::patient::Patiently;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::period::{self, PeriodRequest};
use crate::domain::period::{check_due, parse_local_datetime};
use crate::domain::{Audience, PeriodId, PeriodKind};
use crate::i18n::{fmt_datetime, t, Lang, Msg};
use crate::render::period_header;

use super::actor::Actor;
use super::callback::{CallbackData, PeriodStep};
use super::error::{HandlerResult, Notify};
use super::state::PeriodDraft;
use super::{Env, State, TgBot, TgDialogue};

/// The kinds offered in the chat (thematic periods are opened from the command line).
const KINDS: [(&str, &str); 5] = [
    ("monthly", "wizard-kind-monthly"),
    ("quarterly", "wizard-kind-quarterly"),
    ("semiannual", "wizard-kind-semiannual"),
    ("nine-month", "wizard-kind-nine-month"),
    ("annual", "wizard-kind-annual"),
];

fn button(label: String, step: PeriodStep) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, CallbackData::Period(step).encode())
}

/// `/kybaocao`: the open periods with their progress, a button to open one, and one to close each.
pub async fn periods_cmd(
    bot: TgBot,
    actor: Actor,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    dialogue.reset().await.notify(chat, lang)?;
    let periods = env.store.list_periods(false).await.notify(chat, lang)?;
    let mut text =
        if periods.is_empty() { t(lang, "wizard-no-open") } else { t(lang, "wizard-open-title") };
    let mut rows = vec![vec![button(t(lang, "wizard-button-new"), PeriodStep::New)]];
    for p in &periods {
        let done = env.store.report_count(p.id).await.notify(chat, lang)?;
        let total = env.store.period_unit_count(p.id).await.notify(chat, lang)?;
        text.push_str(&format!("\n\n#{} {}", p.id.0, period_header(p, lang, env.config.timezone)));
        text.push('\n');
        text.push_str(
            &Msg::new("wizard-progress").arg("done", done).arg("total", total).render(lang),
        );
        let id = p.id.0.to_string();
        rows.push(vec![
            button(
                Msg::new("wizard-button-extend").arg("id", id.as_str()).render(lang),
                PeriodStep::Extend(p.id.0),
            ),
            button(
                Msg::new("wizard-button-close").arg("id", id.as_str()).render(lang),
                PeriodStep::Close(p.id.0),
            ),
        ]);
    }
    let closed: Vec<_> = env
        .store
        .list_periods(true)
        .await
        .notify(chat, lang)?
        .into_iter()
        .filter(|p| !p.is_open())
        .take(3)
        .collect();
    for p in &closed {
        let label = Msg::new("wizard-button-reopen")
            .arg("id", p.id.0.to_string())
            .arg("title", p.title(lang))
            .render(lang);
        rows.push(vec![button(label, PeriodStep::Reopen(p.id.0))]);
    }
    for part in crate::render::split(&text, crate::render::MESSAGE_LIMIT) {
        bot.send_message(chat, part).patiently().await?;
    }
    bot.send_message(chat, t(lang, "wizard-what-next"))
        .reply_markup(InlineKeyboardMarkup::new(rows))
        .patiently()
        .await?;
    Ok(())
}

/// A button of the wizard.
pub async fn on_step(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    step: PeriodStep,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let state = dialogue.get().await.notify(chat, lang)?.unwrap_or_default();
    let mut draft = match (&state, step) {
        (_, PeriodStep::New) => PeriodDraft::default(),
        (
            _,
            PeriodStep::Close(_)
            | PeriodStep::CloseConfirmed(_)
            | PeriodStep::Extend(_)
            | PeriodStep::Reopen(_),
        ) => PeriodDraft::default(),
        (State::OpeningPeriod(draft), _) => draft.clone(),
        _ => {
            super::buttons::refuse(&bot, &q, lang, "button-expired").await?;
            return Ok(());
        }
    };
    super::buttons::consume(&bot, &q).await?;
    match step {
        PeriodStep::Kind(k) if k < KINDS.len() => draft.kind = Some(k),
        PeriodStep::Part(n) => draft.part = Some(n),
        PeriodStep::Year(y) => draft.year = Some(y),
        PeriodStep::Template(i) => {
            draft.template = env.config.templates.get(i).map(|t| t.key.clone())
        }
        PeriodStep::SuggestedDue => {
            draft.due_at = suggested_due(&env, &draft).map(|d| d.timestamp())
        }
        PeriodStep::Cancel => {
            dialogue.reset().await.notify(chat, lang)?;
            bot.send_message(chat, t(lang, "wizard-cancelled")).patiently().await?;
            return Ok(());
        }
        PeriodStep::Confirm => return confirm(&bot, &actor, &env, &dialogue, &draft).await,
        PeriodStep::Close(id) => return ask_close(&bot, &actor, &env, id).await,
        PeriodStep::CloseConfirmed(id) => return close(&bot, &actor, &env, id).await,
        PeriodStep::Extend(id) => {
            dialogue.update(State::NewDeadline { period_id: id }).await.notify(chat, lang)?;
            bot.send_message(chat, t(lang, "extend-ask")).patiently().await?;
            return Ok(());
        }
        PeriodStep::Reopen(id) => return reopen(&bot, &actor, &env, id).await,
        PeriodStep::New | PeriodStep::Kind(_) => {}
    }
    next(&bot, &actor, &env, &dialogue, draft).await
}

/// A typed deadline while the wizard waits for one.
pub async fn on_text(
    bot: TgBot,
    msg: Message,
    actor: Actor,
    draft: PeriodDraft,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let Some(text) = msg.text() else {
        bot.send_message(chat, t(lang, "wizard-type-due")).patiently().await?;
        return Ok(());
    };
    let checked = parse_local_datetime(text, env.config.timezone).and_then(|due| {
        let window = kind_of(&draft).and_then(|k| k.data_window().ok().flatten());
        match window {
            Some(w) => check_due(&w, due, env.config.timezone).map(|()| due).map_err(|e| e.msg()),
            None => Ok(due),
        }
    });
    match checked {
        Ok(due) => {
            next(
                &bot,
                &actor,
                &env,
                &dialogue,
                PeriodDraft { due_at: Some(due.timestamp()), ..draft },
            )
            .await
        }
        Err(problem) => {
            bot.send_message(chat, actor.say(&problem)).patiently().await?;
            next(&bot, &actor, &env, &dialogue, draft).await
        }
    }
}

fn needs_part(kind: usize) -> Option<u32> {
    match KINDS.get(kind)?.0 {
        "monthly" => Some(12),
        "quarterly" => Some(4),
        "semiannual" => Some(2),
        _ => None,
    }
}

fn kind_of(draft: &PeriodDraft) -> Option<PeriodKind> {
    let (code, _) = KINDS.get(draft.kind?)?;
    let part = draft.part;
    PeriodKind::from_parts(code, draft.year, part, part, part).ok()
}

/// Two days after the data window's last day, 17:00: the district's usual deadline.
fn suggested_due(env: &Env, draft: &PeriodDraft) -> Option<chrono::DateTime<Utc>> {
    let window = kind_of(draft)?.data_window().ok()??;
    let day = window.to + Duration::days(2);
    let local = day.and_time(NaiveTime::from_hms_opt(17, 0, 0)?);
    env.config.timezone.from_local_datetime(&local).single().map(|t| t.with_timezone(&Utc))
}

/// Asks for whatever is still missing, or shows the summary to confirm.
async fn next(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    dialogue: &TgDialogue,
    mut draft: PeriodDraft,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    if draft.template.is_none() && env.config.templates.len() == 1 {
        draft.template = env.config.templates.first().map(|t| t.key.clone());
    }
    dialogue.update(State::OpeningPeriod(draft.clone())).await.notify(chat, lang)?;
    let cancel = vec![button(t(lang, "wizard-button-cancel"), PeriodStep::Cancel)];
    let (text, mut rows) =
        match (&draft.kind, draft.part, draft.year, &draft.template, draft.due_at) {
            (None, ..) => (t(lang, "wizard-ask-kind"), kind_rows(lang)),
            (Some(k), None, ..) if needs_part(*k).is_some() => part_prompt(*k, lang),
            (_, _, None, ..) => (t(lang, "wizard-ask-year"), year_rows(env)),
            (_, _, _, None, _) => (t(lang, "wizard-ask-template"), template_rows(env, lang)),
            (_, _, _, _, None) => due_prompt(env, &draft, lang),
            _ => return summary(bot, actor, env, &draft).await,
        };
    rows.push(cancel);
    bot.send_message(chat, text).reply_markup(InlineKeyboardMarkup::new(rows)).patiently().await?;
    Ok(())
}

fn kind_rows(lang: Lang) -> Vec<Vec<InlineKeyboardButton>> {
    KINDS
        .iter()
        .enumerate()
        .map(|(i, (_, key))| vec![button(t(lang, key), PeriodStep::Kind(i))])
        .collect()
}

fn part_prompt(kind: usize, lang: Lang) -> (String, Vec<Vec<InlineKeyboardButton>>) {
    let count = needs_part(kind).unwrap_or(1);
    let (ask, label) = match count {
        12 => ("wizard-ask-month", "wizard-month"),
        4 => ("wizard-ask-quarter", "wizard-quarter"),
        _ => ("wizard-ask-half", "wizard-half"),
    };
    let buttons: Vec<InlineKeyboardButton> = (1..=count)
        .map(|n| button(Msg::new(label).arg("n", n).render(lang), PeriodStep::Part(n)))
        .collect();
    (t(lang, ask), buttons.chunks(4).map(<[_]>::to_vec).collect())
}

fn year_rows(env: &Env) -> Vec<Vec<InlineKeyboardButton>> {
    let this_year = env.clock.now().with_timezone(&env.config.timezone).year();
    vec![(this_year - 1..=this_year + 1)
        .map(|y| button(y.to_string(), PeriodStep::Year(y)))
        .collect()]
}

fn template_rows(env: &Env, lang: Lang) -> Vec<Vec<InlineKeyboardButton>> {
    env.config
        .templates
        .iter()
        .enumerate()
        .map(|(i, t)| vec![button(t.name(lang).to_owned(), PeriodStep::Template(i))])
        .collect()
}

fn due_prompt(
    env: &Env,
    draft: &PeriodDraft,
    lang: Lang,
) -> (String, Vec<Vec<InlineKeyboardButton>>) {
    let mut rows = Vec::new();
    if let Some(due) = suggested_due(env, draft) {
        let label = Msg::new("wizard-button-due")
            .arg("due", fmt_datetime(due, env.config.timezone))
            .render(lang);
        rows.push(vec![button(label, PeriodStep::SuggestedDue)]);
    }
    (t(lang, "wizard-ask-due"), rows)
}

async fn summary(bot: &TgBot, actor: &Actor, env: &Env, draft: &PeriodDraft) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let Some(request) = request_of(actor, env, draft) else {
        bot.send_message(chat, t(lang, "button-expired")).patiently().await?;
        return Ok(());
    };
    let window = request.kind.data_window().ok().flatten().map(|w| w.display()).unwrap_or_default();
    let template =
        env.config.template(&request.template).map(|t| t.name(lang).to_owned()).unwrap_or_default();
    let text = Msg::new("wizard-summary")
        .arg("title", request.kind.title().render(lang))
        .arg("window", window)
        .arg("due", fmt_datetime(request.due_at, env.config.timezone))
        .arg("template", template)
        .render(lang);
    let rows = vec![vec![
        button(t(lang, "wizard-button-confirm"), PeriodStep::Confirm),
        button(t(lang, "wizard-button-cancel"), PeriodStep::Cancel),
    ]];
    bot.send_message(chat, text).reply_markup(InlineKeyboardMarkup::new(rows)).patiently().await?;
    Ok(())
}

fn request_of(actor: &Actor, env: &Env, draft: &PeriodDraft) -> Option<PeriodRequest> {
    Some(PeriodRequest {
        kind: kind_of(draft)?,
        title: None,
        window: None,
        due_at: chrono::DateTime::from_timestamp(draft.due_at?, 0)?,
        opens_at: None,
        template: draft.template.clone()?,
        audience: Audience::AllActive,
        by: actor.member.clone(),
        series_key: None,
    })
    .filter(|_| env.config.template(draft.template.as_deref().unwrap_or_default()).is_some())
}

async fn confirm(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    dialogue: &TgDialogue,
    draft: &PeriodDraft,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let Some(request) = request_of(actor, env, draft) else {
        return next(bot, actor, env, dialogue, draft.clone()).await;
    };
    match period::create(&env.store, &env.config, &request, env.clock.now()).await {
        Ok(created) => {
            dialogue.reset().await.notify(chat, lang)?;
            let units = env.store.period_unit_count(created.id).await.notify(chat, lang)?;
            let text = Msg::new("wizard-created")
                .arg("id", created.id.0.to_string())
                .arg("units", units)
                .render(lang);
            bot.send_message(
                chat,
                format!("{text}\n{}", period_header(&created, lang, env.config.timezone)),
            )
            .patiently()
            .await?;
            Ok(())
        }
        Err(crate::error::Error::User(problem)) => {
            // A deadline before the window ends, for instance: say why and ask for it again.
            bot.send_message(chat, actor.say(&problem)).patiently().await?;
            next(bot, actor, env, dialogue, PeriodDraft { due_at: None, ..draft.clone() }).await
        }
        Err(e) => Err(e).notify(chat, lang),
    }
}

async fn ask_close(bot: &TgBot, actor: &Actor, env: &Env, id: i64) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let Some(p) = env.store.period(PeriodId(id)).await.notify(chat, lang)?.filter(|p| p.is_open())
    else {
        bot.send_message(chat, t(lang, "button-expired")).patiently().await?;
        return Ok(());
    };
    let text = Msg::new("wizard-close-ask").arg("title", p.title(lang)).render(lang);
    let rows = vec![vec![
        button(t(lang, "wizard-button-close-confirm"), PeriodStep::CloseConfirmed(id)),
        button(t(lang, "wizard-button-cancel"), PeriodStep::Cancel),
    ]];
    bot.send_message(chat, text).reply_markup(InlineKeyboardMarkup::new(rows)).patiently().await?;
    Ok(())
}

async fn close(bot: &TgBot, actor: &Actor, env: &Env, id: i64) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let changed = period::close(&env.store, PeriodId(id), actor.member.as_ref(), env.clock.now())
        .await
        .notify(chat, lang)?;
    let key = if changed { "cli-period-closed-now" } else { "cli-period-was-closed" };
    bot.send_message(chat, Msg::new(key).arg("id", id.to_string()).render(lang))
        .patiently()
        .await?;
    Ok(())
}

async fn reopen(bot: &TgBot, actor: &Actor, env: &Env, id: i64) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let reopened = period::reopen(&env.store, actor.member.as_ref(), PeriodId(id), env.clock.now())
        .await
        .notify(chat, lang)?;
    let key = match reopened {
        Some(true) => "wizard-reopened",
        Some(false) => "wizard-was-open",
        None => "button-expired",
    };
    bot.send_message(chat, Msg::new(key).arg("id", id.to_string()).render(lang))
        .patiently()
        .await?;
    Ok(())
}
