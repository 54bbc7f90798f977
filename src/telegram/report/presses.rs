//! The buttons under a question and under the review: each press is checked against the screen
//! the chat is on (a stale one answers "expired"), then handled by one function.

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::report::{self as act, Reporting, Submitted};
use crate::domain::answer::{toggled, Done};
use crate::domain::{Answer, Submission};
use crate::i18n::{fmt_datetime, t, Msg};

use super::super::actor::Actor;
use super::super::buttons;
use super::super::callback::CallbackData;
use super::super::error::{HandlerError, HandlerResult, Notify};
use super::super::patient::Patiently;
use super::super::storage::States;
use super::super::{Env, State, TgBot, TgDialogue};
use super::{advance, ask, record, reporting_or_leave, review, view};

/// The screen a button was shown under.
#[derive(Clone, Copy)]
pub(super) enum Screen {
    Question(usize),
    Review,
}

/// A press of a button under a question or the review: answered as expired unless the chat is
/// still on that screen of that period; otherwise consumed (buttons taken off). Returns the
/// reporting and whether the person came from the review to change one answer.
pub(super) async fn pressed(
    bot: &TgBot,
    q: &CallbackQuery,
    actor: &Actor,
    env: &Env,
    dialogue: &TgDialogue,
    (period, screen): (i64, Screen),
) -> Result<Option<(Reporting, bool)>, HandlerError> {
    let (chat, lang) = (actor.chat, actor.lang());
    let state = dialogue.get().await.notify(chat, lang)?.unwrap_or_default();
    let editing = match (screen, &state) {
        (Screen::Question(i), State::Answering { period_id, index, editing })
            if *period_id == period && *index == i =>
        {
            *editing
        }
        (Screen::Review, State::Reviewing { period_id }) if *period_id == period => false,
        _ => {
            buttons::refuse(bot, q, lang, "button-expired").await?;
            return Ok(None);
        }
    };
    buttons::consume(bot, q).await?;
    let r = reporting_or_leave(bot, env, actor, dialogue, period).await?;
    Ok(r.map(|r| (r, editing)))
}

/// An option of a yes/no or choice question; on a checklist, one item ticked or unticked.
pub async fn pick(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (period, index, option): (i64, usize, usize),
    env: Env,
    dialogue: TgDialogue,
    states: States,
) -> HandlerResult {
    if let Some(done) = tick(&bot, &q, &actor, &env, &dialogue, (period, index, option)).await? {
        return done;
    }
    let at = (period, Screen::Question(index));
    let Some((r, editing)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    match act::picked(&r, index, option) {
        Some(answer) => {
            record(&bot, &actor, &env, (&r, &dialogue, &states), index, answer, editing).await
        }
        None => ask_again(&bot, &actor, &r, &dialogue, index, editing).await,
    }
}

/// "Skip" on an optional question.
pub async fn skip(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (period, index): (i64, usize),
    env: Env,
    dialogue: TgDialogue,
    states: States,
) -> HandlerResult {
    let at = (period, Screen::Question(index));
    let Some((r, editing)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    if !act::may_skip(&r, index) {
        return ask_again(&bot, &actor, &r, &dialogue, index, editing).await;
    }
    record(&bot, &actor, &env, (&r, &dialogue, &states), index, Answer::Skipped, editing).await
}

/// "Keep" the current answer.
pub async fn keep(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (period, index): (i64, usize),
    env: Env,
    dialogue: TgDialogue,
    states: States,
) -> HandlerResult {
    let at = (period, Screen::Question(index));
    let Some((r, editing)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    let draft = act::draft(&r);
    // On a checklist or a list this is "Xong", which checks the minimum first.
    match act::done(&r, &draft, index) {
        Done::GoOn => {
            settle(&bot, &q, &actor, act::chosen(&r, &draft, index, actor.lang())).await;
            advance(&bot, &actor, &env, (&r, &draft, &dialogue), index, editing).await
        }
        Done::Skip => {
            settle(&bot, &q, &actor, act::chosen(&r, &draft, index, actor.lang())).await;
            record(&bot, &actor, &env, (&r, &dialogue, &states), index, Answer::Skipped, editing)
                .await
        }
        Done::TooFew(problem) => {
            ask(&bot, &actor, &r, &draft, &dialogue, index, editing, Some(&problem)).await
        }
    }
}

/// After "Xong" on a checklist, the question's message keeps what was chosen under it (its
/// buttons are gone); best effort: an old message may no longer be editable.
async fn settle(bot: &TgBot, q: &CallbackQuery, actor: &Actor, chosen: Option<String>) {
    let (Some(chosen), Some(message)) = (chosen, q.regular_message()) else { return };
    let Some(text) = message.text() else { return };
    let note = Msg::new("report-chosen").arg("answer", chosen);
    let text = format!("{text}\n\n{}", actor.say(&note));
    if let Err(e) = bot.edit_message_text(message.chat.id, message.id, text).patiently().await {
        tracing::debug!(error = %e, "could not show the choice under its question");
    }
}

/// "Back": the previous question, or the review when editing from it.
pub async fn back(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (period, index): (i64, usize),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let at = (period, Screen::Question(index));
    let Some((r, editing)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    let draft = act::draft(&r);
    if editing {
        return review(&bot, &actor, &env, &r, &draft, &dialogue).await;
    }
    ask(&bot, &actor, &r, &draft, &dialogue, index.saturating_sub(1), false, None).await
}

/// "Change answer N" on the review.
pub async fn edit(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (period, index): (i64, usize),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let at = (period, Screen::Review);
    let Some((r, _)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    ask_again(&bot, &actor, &r, &dialogue, index, true).await
}

/// "Send the report" on the review.
pub async fn submit(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    period: i64,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    send(&bot, &q, &actor, &env, &dialogue, period, false).await
}

/// After a conflict: send mine in place of the colleague's report.
pub async fn replace(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    period: i64,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    send(&bot, &q, &actor, &env, &dialogue, period, true).await
}

/// Submits the draft (in place of a colleague's report when `replacing`) and says how it went.
async fn send(
    bot: &TgBot,
    q: &CallbackQuery,
    actor: &Actor,
    env: &Env,
    dialogue: &TgDialogue,
    period: i64,
    replacing: bool,
) -> HandlerResult {
    let at = (period, Screen::Review);
    let Some((r, _)) = pressed(bot, q, actor, env, dialogue, at).await? else {
        return Ok(());
    };
    let submitted = match replacing {
        true => act::replace(env, &r).await,
        false => act::submit(env, &r).await,
    };
    let submitted = submitted.notify(actor.chat, actor.lang())?;
    submitted_reply(bot, actor, env, &r, dialogue, submitted).await
}

/// After a conflict: throw my draft away.
pub async fn discard(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    period: i64,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let at = (period, Screen::Review);
    let Some((r, _)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    act::discard(&env, &r).await.notify(chat, lang)?;
    dialogue.reset().await.notify(chat, lang)?;
    bot.send_message(chat, t(lang, "report-draft-discarded")).patiently().await?;
    Ok(())
}

/// Shows question `index` again, as stored.
async fn ask_again(
    bot: &TgBot,
    actor: &Actor,
    r: &Reporting,
    dialogue: &TgDialogue,
    index: usize,
    editing: bool,
) -> HandlerResult {
    let draft = act::draft(r);
    ask(bot, actor, r, &draft, dialogue, index, editing, None).await
}

/// Tells the reporter what came of submitting.
async fn submitted_reply(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    r: &Reporting,
    dialogue: &TgDialogue,
    submitted: Submitted,
) -> HandlerResult {
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config().timezone);
    match submitted {
        Submitted::Done { report, submission } => {
            dialogue.reset().await.notify(chat, lang)?;
            let timeliness =
                if report.on_time { t(lang, "report-on-time") } else { t(lang, "report-late") };
            let key = match submission {
                Submission::First { .. } => "report-submitted",
                Submission::Revision { .. } => "report-revised",
            };
            let msg = Msg::new(key)
                .arg("title", r.period.title(lang))
                .arg("unit", r.unit.in_sentence())
                .arg("at", fmt_datetime(report.submitted_at, tz))
                .arg("timeliness", timeliness)
                .arg("revision", report.revision);
            bot.send_message(chat, actor.say(&msg)).patiently().await?;
        }
        Submitted::NoDraft(report) => {
            dialogue.reset().await.notify(chat, lang)?;
            if let Some(report) = report {
                let msg = Msg::new("report-already-submitted")
                    .arg("name", report.submitted_by_name.as_str())
                    .arg("at", fmt_datetime(report.submitted_at, tz));
                bot.send_message(chat, actor.say(&msg)).patiently().await?;
            }
        }
        Submitted::Incomplete { missing, first } => {
            let draft = act::draft(r);
            let note = Msg::new("report-incomplete").arg("count", missing);
            ask(bot, actor, r, &draft, dialogue, first, true, Some(&note)).await?;
        }
        Submitted::Conflict { refusal, theirs } => {
            let keyboard = conflict_keyboard(r.period.id.0, theirs.as_ref().map(|t| t.id.0), lang);
            bot.send_message(chat, actor.say(&refusal.msg(tz, &env.config().office)))
                .reply_markup(keyboard)
                .patiently()
                .await?;
        }
        Submitted::Refused(refusal) => {
            dialogue.reset().await.notify(chat, lang)?;
            bot.send_message(chat, actor.say(&refusal.msg(tz, &env.config().office)))
                .patiently()
                .await?;
        }
    }
    Ok(())
}

/// Read theirs, send mine in its place, or discard mine.
fn conflict_keyboard(
    period: i64,
    theirs: Option<i64>,
    lang: crate::i18n::Lang,
) -> InlineKeyboardMarkup {
    let button =
        |key, data: CallbackData| vec![InlineKeyboardButton::callback(t(lang, key), data.encode())];
    let mut rows = Vec::new();
    if let Some(report) = theirs {
        rows.push(button("report-button-view-theirs", CallbackData::ViewReport { report }));
    }
    rows.push(button("report-button-replace", CallbackData::Replace { period }));
    rows.push(button("report-button-discard", CallbackData::Discard { period }));
    InlineKeyboardMarkup::new(rows)
}

/// A press on a checklist item: the tick is saved at once and the buttons change in place (the
/// question stays until "Xong"). `None` when the question is not a checklist.
async fn tick(
    bot: &TgBot,
    q: &CallbackQuery,
    actor: &Actor,
    env: &Env,
    dialogue: &TgDialogue,
    (period, index, option): (i64, usize, usize),
) -> Result<Option<HandlerResult>, HandlerError> {
    let (chat, lang) = (actor.chat, actor.lang());
    let state = dialogue.get().await.notify(chat, lang)?.unwrap_or_default();
    let State::Answering { period_id, index: waiting, editing } = state else { return Ok(None) };
    if period_id != period || waiting != index {
        return Ok(None);
    }
    let Some(r) = reporting_or_leave(bot, env, actor, dialogue, period).await? else {
        return Ok(Some(Ok(())));
    };
    let Some(question) = r.period.questions.get(index) else { return Ok(None) };
    let draft = act::draft(&r);
    let Some(answer) = toggled(question, draft.answers.get(&question.key), option) else {
        return Ok(None);
    };
    let draft = act::save_answer(env, &r, draft, index, answer).await.notify(chat, lang)?;
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    if let Some(message) = q.regular_message() {
        let current = draft.answers.get(&question.key);
        let keyboard = view::question_keyboard(period, question, index, current, editing, lang);
        let _ = bot
            .edit_message_reply_markup(message.chat.id, message.id)
            .reply_markup(keyboard)
            .patiently()
            .await;
    }
    Ok(Some(Ok(())))
}
