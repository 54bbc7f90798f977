//! The report dialogue in Telegram: a chair answers one question at a time, reviews, and
//! submits. The use cases are in `actions::report`; here they are asked and shown.
//! Every accepted answer is in the `drafts` table before the next question is shown.

mod list;
mod presses;
pub mod view;

pub use list::{add_item, edit_item, on_field, pick_field, remove_item, skip_field};
pub use presses::{back, discard, edit, keep, pick, replace, skip, submit};

use teloxide::prelude::*;
use teloxide::types::Message;

use crate::actions::report::{self as act, Reporting, Start};
use crate::domain::{Answer, Draft, FileRef, Input, PeriodId};
use crate::i18n::{fmt_datetime, t, Msg};

use super::actor::Actor;
use super::error::{HandlerError, HandlerResult, Notify};
use super::patient::Patiently;
use super::storage::States;
use super::{Env, State, TgBot, TgDialogue};

/// The reporting of this person in `period`; when refused, tells them and leaves the dialogue.
pub(super) async fn reporting_or_leave(
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
pub async fn report_cmd(
    bot: TgBot,
    actor: Actor,
    env: Env,
    dialogue: TgDialogue,
    states: States,
) -> HandlerResult {
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
        Some([(only, _)]) => begin(&bot, &env, &actor, (&dialogue, &states), only.id.0).await,
        Some(several) => {
            let mut text = t(lang, "report-choose-period");
            for (p, _) in several {
                text.push_str("\n\n");
                text.push_str(&view::period_header(p, lang, env.config().timezone));
            }
            let keyboard = view::period_choice_keyboard(several, lang, env.config().timezone);
            bot.send_message(chat, text).reply_markup(keyboard).patiently().await?;
            Ok(())
        }
    }
}

/// The "report" button (period choice, reminders): start or resume that period's report. Its
/// job is done once pressed: while the chat already answers or reviews that report, another press
/// (of this or an older copy) only says so, instead of sending the question again.
pub async fn start_button(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    period: i64,
    env: Env,
    dialogue: TgDialogue,
    states: States,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let state = dialogue.get().await.notify(chat, lang)?.unwrap_or_default();
    let under_way = match state {
        State::Answering { period_id, .. } | State::Reviewing { period_id } => period_id == period,
        _ => false,
    };
    if under_way {
        bot.answer_callback_query(q.id.clone())
            .text(t(lang, "report-already-open"))
            .patiently()
            .await?;
        return Ok(());
    }
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    begin(&bot, &env, &actor, (&dialogue, &states), period).await
}

async fn begin(
    bot: &TgBot,
    env: &Env,
    actor: &Actor,
    (dialogue, states): (&TgDialogue, &States),
    period: i64,
) -> HandlerResult {
    let Some(r) = reporting_or_leave(bot, env, actor, dialogue, period).await? else {
        return Ok(());
    };
    let (chat, lang, tz) = (actor.chat, actor.lang(), env.config().timezone);
    // A new draft is saved with the state of the step it leads to (the first question, or the
    // review when every answer is there), in one round trip.
    let mut next = states.next_for(chat.0);
    let started = act::start(env, &r, |draft| next.prepare(first_step(&r, draft)));
    let started = started.await.notify(chat, lang)?;
    next.written();
    let draft = match started {
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
            let text = env.config().office.named(Msg::new("report-accepted-locked")).render(lang);
            bot.send_message(chat, text).patiently().await?;
            return Ok(());
        }
        Start::Closed(report) => {
            dialogue.reset().await.notify(chat, lang)?;
            let msg = Msg::new("report-already-submitted")
                .arg("name", report.submitted_by_name.as_str())
                .arg("at", fmt_datetime(report.submitted_at, tz));
            let closed = env.config().office.named(Msg::new("report-revision-closed"));
            let text = format!("{}\n{}", actor.say(&msg), actor.say(&closed));
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
                .arg("unit", r.unit.in_sentence())
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

/// Where a report starts: its first unanswered question, or the review.
fn first_step(r: &Reporting, draft: &Draft) -> State {
    let period_id = r.period.id.0;
    match draft.first_unanswered(&r.period.questions) {
        Some(index) => State::Answering { period_id, index, editing: false },
        None => State::Reviewing { period_id },
    }
}

/// Asks question `index`, with `note` (why the last answer was refused, or that the report
/// resumes) on top of the same message: one message per step on a weak connection.
#[allow(clippy::too_many_arguments)]
pub(super) async fn ask(
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
    let keyboard = view::question_keyboard(r.period.id.0, q, index, current, editing, lang);
    dialogue
        .update(State::Answering { period_id: r.period.id.0, index, editing })
        .await
        .notify(chat, lang)?;
    bot.send_message(chat, text).reply_markup(keyboard).patiently().await?;
    Ok(())
}

pub(super) async fn review(
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
    let parts = view::review_text(
        &r.period,
        &r.unit,
        draft,
        &env.config().office,
        lang,
        env.config().timezone,
    );
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
pub(super) async fn advance(
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
pub(super) async fn record(
    bot: &TgBot,
    actor: &Actor,
    env: &Env,
    (r, dialogue, states): (&Reporting, &TgDialogue, &States),
    index: usize,
    answer: Answer,
    editing: bool,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let period_id = r.period.id.0;
    // The state `advance` moves to is written with the answer, in one round trip.
    let mut next = states.next_for(chat.0);
    let draft = act::save_answer_then(env, r, act::draft(r), index, answer, |draft| {
        next.prepare(match act::next_question(r, draft, index).filter(|_| !editing) {
            Some(index) => State::Answering { period_id, index, editing: false },
            None => State::Reviewing { period_id },
        })
    });
    let draft = draft.await.notify(chat, lang)?;
    next.written();
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
    states: States,
) -> HandlerResult {
    let Some(r) = reporting_or_leave(&bot, &env, &actor, &dialogue, period).await? else {
        return Ok(());
    };
    if let (Some(text), true) = (msg.text(), act::is_list(&r, index)) {
        let at = (r, index, editing);
        return list::typed_item(&bot, &actor, &env, at, text, &dialogue).await;
    }
    match act::read_answer(&r, index, input_of(&msg)) {
        None => dialogue.reset().await.notify(actor.chat, actor.lang()),
        Some(Ok(answer)) => {
            record(&bot, &actor, &env, (&r, &dialogue, &states), index, answer, editing).await
        }
        Some(Err(problem)) => {
            let draft = act::draft(&r);
            ask(&bot, &actor, &r, &draft, &dialogue, index, editing, Some(&problem)).await
        }
    }
}
