//! The report dialogue in Telegram: a chair answers one question at a time, reviews, and
//! submits. The use cases are in `actions::report`; here they are asked and shown.
//! Every accepted answer is in the `drafts` table before the next question is shown.

pub mod view;

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, Message};

use crate::actions::report::{self as act, Reporting, Start, Submitted};
use crate::domain::{Answer, Draft, FileRef, Input, PeriodId, Submission};
use crate::i18n::{fmt_datetime, t, Msg};

use super::actor::Actor;
use super::buttons;
use super::callback::CallbackData;
use super::error::{HandlerError, HandlerResult, Notify};
use super::patient::Patiently;
use super::{Env, State, TgBot, TgDialogue};

/// The reporting of this person in `period`; when refused, tells them and leaves the dialogue.
async fn reporting_or_leave(
    bot: &TgBot,
    env: &Env,
    actor: &Actor,
    dialogue: &TgDialogue,
    period: i64,
) -> Result<Option<Reporting>, HandlerError> {
    let (chat, lang) = (actor.chat, actor.lang());
    match act::reporting(env, actor.member.as_ref(), PeriodId(period)).await.notify(chat, lang)? {
        Ok(r) => Ok(Some(r)),
        Err(msg) => {
            dialogue.reset().await.notify(chat, lang)?;
            bot.send_message(chat, actor.say(&msg)).patiently().await?;
            Ok(None)
        }
    }
}

/// `/baocao`: start or resume; with several open periods, let the reporter pick one.
pub async fn report_cmd(bot: TgBot, actor: Actor, env: Env, dialogue: TgDialogue) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let periods = act::open_periods(&env, actor.member.as_ref()).await.notify(chat, lang)?;
    match periods.as_deref() {
        None => {
            bot.send_message(chat, t(lang, "report-not-reporter")).patiently().await?;
            Ok(())
        }
        Some([]) => {
            bot.send_message(chat, t(lang, "report-no-open-period")).patiently().await?;
            Ok(())
        }
        Some([(only, _)]) => begin(&bot, &env, &actor, &dialogue, only.id.0).await,
        Some(several) => {
            let mut text = t(lang, "report-choose-period");
            for (p, _) in several {
                text.push_str("\n\n");
                text.push_str(&view::period_header(p, lang, env.config.timezone));
            }
            let keyboard = view::period_choice_keyboard(several, lang, env.config.timezone);
            bot.send_message(chat, text).reply_markup(keyboard).patiently().await?;
            Ok(())
        }
    }
}

/// The "report" button (period choice, reminders): start or resume that period's report.
pub async fn start_button(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    period: i64,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    begin(&bot, &env, &actor, &dialogue, period).await
}

async fn begin(
    bot: &TgBot,
    env: &Env,
    actor: &Actor,
    dialogue: &TgDialogue,
    period: i64,
) -> HandlerResult {
    let Some(r) = reporting_or_leave(bot, env, actor, dialogue, period).await? else {
        return Ok(());
    };
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config.timezone);
    let draft = match act::start(env, &r).await.notify(chat, lang)? {
        Start::Resume(draft) => {
            let note = Msg::new("report-resuming");
            return match draft.first_unanswered(&r.period.questions) {
                Some(index) => {
                    ask(bot, actor, &r, &draft, dialogue, index, false, Some(&note)).await
                }
                None => review(bot, actor, env, &r, &draft, dialogue).await,
            };
        }
        Start::Locked => {
            dialogue.reset().await.notify(chat, lang)?;
            bot.send_message(chat, t(lang, "report-accepted-locked")).patiently().await?;
            return Ok(());
        }
        Start::Closed(report) => {
            dialogue.reset().await.notify(chat, lang)?;
            let msg = Msg::new("report-already-submitted")
                .arg("name", report.submitted_by_name.as_str())
                .arg("at", fmt_datetime(report.submitted_at, tz));
            let text = format!("{}\n{}", actor.say(&msg), t(lang, "report-revision-closed"));
            bot.send_message(chat, text).patiently().await?;
            return Ok(());
        }
        Start::Revising { report, draft } => {
            let msg = Msg::new("report-revising")
                .arg("name", report.submitted_by_name.as_str())
                .arg("at", fmt_datetime(report.submitted_at, tz));
            bot.send_message(chat, actor.say(&msg)).patiently().await?;
            draft
        }
        Start::New(draft) => {
            let intro = Msg::new("report-intro")
                .arg("unit", r.unit.name.as_str())
                .arg("header", view::period_header(&r.period, lang, tz))
                .arg("count", r.period.questions.len());
            bot.send_message(chat, actor.say(&intro)).patiently().await?;
            draft
        }
    };
    match draft.first_unanswered(&r.period.questions) {
        Some(index) => ask(bot, actor, &r, &draft, dialogue, index, false, None).await,
        None => review(bot, actor, env, &r, &draft, dialogue).await,
    }
}

/// Asks question `index`, with `note` (why the last answer was refused, or that the report
/// resumes) on top of the same message: one message per step on a weak connection.
#[allow(clippy::too_many_arguments)]
async fn ask(
    bot: &TgBot,
    actor: &Actor,
    r: &Reporting,
    draft: &Draft,
    dialogue: &TgDialogue,
    index: usize,
    editing: bool,
    note: Option<&Msg>,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let Some(q) = r.period.questions.get(index) else { return Ok(()) };
    let current = draft.answers.get(&q.key);
    let mut text = view::question_text(q, index, r.period.questions.len(), current, lang);
    if let Some(note) = note {
        text = format!("{}\n\n{text}", actor.say(note));
    }
    let keyboard =
        view::question_keyboard(r.period.id.0, q, index, current.is_some(), editing, lang);
    dialogue
        .update(State::Answering { period_id: r.period.id.0, index, editing })
        .await
        .notify(chat, lang)?;
    bot.send_message(chat, text).reply_markup(keyboard).patiently().await?;
    Ok(())
}

async fn review(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    r: &Reporting,
    draft: &Draft,
    dialogue: &TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let period = r.period.id.0;
    dialogue.update(State::Reviewing { period_id: period }).await.notify(chat, lang)?;
    let parts = view::review_text(&r.period, &r.unit, draft, lang, env.config.timezone);
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.into_iter().enumerate() {
        let request = bot.send_message(chat, part);
        if i == last {
            let keyboard = view::review_keyboard(period, r.period.questions.len(), lang);
            request.reply_markup(keyboard).await?;
        } else {
            request.await?;
        }
    }
    Ok(())
}

/// Where to go after question `index`: back to the review when editing, else the next question.
async fn advance(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    (r, draft, dialogue): (&Reporting, &Draft, &TgDialogue),
    index: usize,
    editing: bool,
) -> HandlerResult {
    match act::next_question(r, draft, index).filter(|_| !editing) {
        Some(next) => ask(bot, actor, r, draft, dialogue, next, false, None).await,
        None => review(bot, actor, env, r, draft, dialogue).await,
    }
}

/// Saves `answer` to question `index` at once, then moves on.
async fn record(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    (r, dialogue): (&Reporting, &TgDialogue),
    index: usize,
    answer: Answer,
    editing: bool,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let draft = act::draft(env, r).await.notify(chat, lang)?;
    let draft = act::save_answer(env, r, draft, index, answer).await.notify(chat, lang)?;
    advance(bot, actor, env, (r, &draft, dialogue), index, editing).await
}

fn input_of(msg: &Message) -> Input<'_> {
    if let Some(text) = msg.text() {
        return Input::Text(text);
    }
    if let Some(doc) = msg.document() {
        return Input::File(FileRef {
            file_id: doc.file.id.to_string(),
            file_unique_id: doc.file.unique_id.to_string(),
            name: doc.file_name.clone(),
            mime: doc.mime_type.as_ref().map(ToString::to_string),
            size: Some(u64::from(doc.file.size)),
            photo: false,
        });
    }
    if let Some(photo) =
        msg.photo().and_then(|sizes| sizes.iter().max_by_key(|p| p.width * p.height))
    {
        return Input::File(FileRef {
            file_id: photo.file.id.to_string(),
            file_unique_id: photo.file.unique_id.to_string(),
            name: None,
            mime: Some("image/jpeg".to_owned()),
            size: Some(u64::from(photo.file.size)),
            photo: true,
        });
    }
    Input::Other
}

/// A message while a question waits: parse it, save it, or explain and ask again.
pub async fn on_answer(
    bot: TgBot,
    msg: Message,
    actor: Actor,
    (period, index, editing): (i64, usize, bool),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let Some(r) = reporting_or_leave(&bot, &env, &actor, &dialogue, period).await? else {
        return Ok(());
    };
    match act::read_answer(&r, index, input_of(&msg)) {
        None => dialogue.reset().await.notify(actor.chat, actor.lang()),
        Some(Ok(answer)) => {
            record(&bot, &actor, &env, (&r, &dialogue), index, answer, editing).await
        }
        Some(Err(problem)) => {
            let draft = act::draft(&env, &r).await.notify(actor.chat, actor.lang())?;
            ask(&bot, &actor, &r, &draft, &dialogue, index, editing, Some(&problem)).await
        }
    }
}

/// The screen a button was shown under.
#[derive(Clone, Copy)]
enum Screen {
    Question(usize),
    Review,
}

/// A press of a button under a question or the review: answered as expired unless the chat is
/// still on that screen of that period; otherwise consumed (buttons taken off). Returns the
/// reporting and whether the person came from the review to change one answer.
async fn pressed(
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

/// An option of a yes/no or choice question.
pub async fn pick(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    (period, index, option): (i64, usize, usize),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let at = (period, Screen::Question(index));
    let Some((r, editing)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    match act::picked(&r, index, option) {
        Some(answer) => record(&bot, &actor, &env, (&r, &dialogue), index, answer, editing).await,
        None => ask_again(&bot, &actor, &env, &r, &dialogue, index, editing).await,
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
) -> HandlerResult {
    let at = (period, Screen::Question(index));
    let Some((r, editing)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    if !act::may_skip(&r, index) {
        return ask_again(&bot, &actor, &env, &r, &dialogue, index, editing).await;
    }
    record(&bot, &actor, &env, (&r, &dialogue), index, Answer::Skipped, editing).await
}

/// "Keep" the current answer.
pub async fn keep(
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
    let draft = act::draft(&env, &r).await.notify(actor.chat, actor.lang())?;
    advance(&bot, &actor, &env, (&r, &draft, &dialogue), index, editing).await
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
    let draft = act::draft(&env, &r).await.notify(actor.chat, actor.lang())?;
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
    ask_again(&bot, &actor, &env, &r, &dialogue, index, true).await
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
    let at = (period, Screen::Review);
    let Some((r, _)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    let submitted = act::submit(&env, &r).await.notify(actor.chat, actor.lang())?;
    submitted_reply(&bot, &actor, &env, &r, &dialogue, submitted).await
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
    let at = (period, Screen::Review);
    let Some((r, _)) = pressed(&bot, &q, &actor, &env, &dialogue, at).await? else {
        return Ok(());
    };
    let submitted = act::replace(&env, &r).await.notify(actor.chat, actor.lang())?;
    submitted_reply(&bot, &actor, &env, &r, &dialogue, submitted).await
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
    env: &Env,
    r: &Reporting,
    dialogue: &TgDialogue,
    index: usize,
    editing: bool,
) -> HandlerResult {
    let draft = act::draft(env, r).await.notify(actor.chat, actor.lang())?;
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
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config.timezone);
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
                .arg("unit", r.unit.name.as_str())
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
            let draft = act::draft(env, r).await.notify(chat, lang)?;
            let note = Msg::new("report-incomplete").arg("count", missing);
            ask(bot, actor, r, &draft, dialogue, first, true, Some(&note)).await?;
        }
        Submitted::Conflict { refusal, theirs } => {
            let keyboard = conflict_keyboard(r.period.id.0, theirs.as_ref().map(|t| t.id.0), lang);
            bot.send_message(chat, actor.say(&refusal.msg(tz)))
                .reply_markup(keyboard)
                .patiently()
                .await?;
        }
        Submitted::Refused(refusal) => {
            dialogue.reset().await.notify(chat, lang)?;
            bot.send_message(chat, actor.say(&refusal.msg(tz))).patiently().await?;
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
