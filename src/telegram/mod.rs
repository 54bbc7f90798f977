//! The only code that knows Telegram: routing, handlers, keyboards, menus.

mod actor;
mod buttons;
pub mod callback;
pub mod channel;
pub mod commands;
mod error;
mod invite_cmd;
mod notices;
mod nudge;
mod officer;
mod onboarding;
mod patient;
mod period_wizard;
pub mod report;
pub mod state;
pub mod storage;

use std::ops::Deref;
use std::sync::Arc;

use teloxide::dispatching::dialogue::{Dialogue, ErasedStorage};
use teloxide::dispatching::{HandlerExt, UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;

use crate::telegram::patient::Patiently;

use crate::config::Config;
use crate::domain::Clock;
use crate::store::Store;

pub use actor::Actor;
pub use callback::CallbackData;
pub use commands::Command;
pub use error::{HandlerError, HandlerResult, TellTheUser};
pub use invite_cmd::created_msg as invite_message;
pub use state::State;

/// The bot as handlers use it. Replies go straight to the Bot API and wait out a 429
/// (`.patiently()`); the flood guard keeps each chat at a person's pace. What the bot sends by itself
/// goes through the paced outbox.
pub type TgBot = Bot;

/// The per-chat flood guard, injectable by type.
#[derive(Clone, Default)]
pub struct Flood(pub Arc<std::sync::Mutex<crate::domain::flood::FloodGuard>>);
/// A private chat's dialogue.
pub type TgDialogue = Dialogue<State, ErasedStorage<State>>;

/// The configuration, injectable by type.
#[derive(Clone, Debug)]
pub struct AppConfig(pub Arc<Config>);

impl Deref for AppConfig {
    type Target = Config;
    fn deref(&self) -> &Config {
        &self.0
    }
}

/// The clock, injectable by type.
#[derive(Clone)]
pub struct AppClock(pub Arc<dyn Clock>);

impl Deref for AppClock {
    type Target = dyn Clock;
    fn deref(&self) -> &(dyn Clock + 'static) {
        &*self.0
    }
}

/// What most handlers need, injected as one dependency: the use cases' own handle.
pub type Env = crate::actions::App;

/// The whole routing tree.
pub fn schema() -> UpdateHandler<HandlerError> {
    dptree::entry().branch(private_messages()).branch(button_presses()).branch(edited_messages())
}

/// An edited message is not read again: say so, so nobody thinks a correction was taken.
fn edited_messages() -> UpdateHandler<HandlerError> {
    Update::filter_edited_message()
        .filter(|m: Message| m.chat.is_private())
        .filter_async(not_flooding)
        .filter_map_async(actor_of_message)
        .filter(|a: Actor| a.member.is_some())
        .endpoint(onboarding::edited)
}

/// Lets a chat's message through unless it floods; warns once when it does.
async fn not_flooding(msg: Message, flood: Flood, bot: TgBot) -> bool {
    use crate::domain::flood::Verdict;
    let verdict = match flood.0.lock() {
        Ok(mut guard) => guard.check(msg.chat.id.0, std::time::Instant::now()),
        Err(_) => Verdict::Handle,
    };
    match verdict {
        Verdict::Handle => true,
        Verdict::Drop => false,
        Verdict::Warn => {
            let lang = crate::i18n::Lang::from_telegram(
                msg.from.as_ref().and_then(|u| u.language_code.as_deref()),
            );
            let _ = bot
                .send_message(msg.chat.id, crate::i18n::t(lang, "flood-slow-down"))
                .patiently()
                .await;
            false
        }
    }
}

/// Messages in private chats; group chats are ignored.
fn private_messages() -> UpdateHandler<HandlerError> {
    use dptree::case;
    let commands = teloxide::filter_command::<Command, _>()
        // Joining works for everyone.
        .branch(case![Command::Start(payload)].endpoint(onboarding::start))
        // Everything else needs a registration first.
        .branch(dptree::filter(|a: Actor| a.member.is_none()).endpoint(onboarding::guest))
        .branch(case![Command::Help].endpoint(onboarding::help))
        .branch(case![Command::Lang].endpoint(onboarding::choose_lang))
        .branch(case![Command::Huy].endpoint(onboarding::cancel))
        .branch(case![Command::Baocao].endpoint(report::report_cmd))
        .branch(case![Command::Tinhtrang].endpoint(notices::unit_status))
        // Officer tools: refused politely to reporters.
        .branch(dptree::filter(|a: Actor| !a.is_officer()).endpoint(onboarding::officers_only))
        .branch(case![Command::Moi(arg)].endpoint(invite_cmd::invite))
        .branch(case![Command::Thongbao].endpoint(notices::toggle_notices))
        .branch(case![Command::Kybaocao].endpoint(period_wizard::periods_cmd))
        .branch(case![Command::Nhac(arg)].endpoint(nudge::nudge))
        .branch(case![Command::Tonghop(arg)].endpoint(officer::board))
        .branch(case![Command::Chuanop(arg)].endpoint(officer::missing))
        .branch(case![Command::Xem(arg)].endpoint(officer::view))
        .branch(case![Command::Xuat(arg)].endpoint(officer::export))
        .branch(case![Command::Baocaotonghop(arg)].endpoint(officer::summary))
        .branch(case![Command::Thongke(arg)].endpoint(officer::stats));
    Update::filter_message()
        .filter(|m: Message| m.chat.is_private())
        .filter_async(not_flooding)
        .filter_map_async(actor_of_message)
        .enter_dialogue::<Message, ErasedStorage<State>, State>()
        // A state stored by an older version that cannot be read: apologise and start afresh.
        .branch(case![State::Unreadable].endpoint(onboarding::unreadable_state))
        .branch(commands)
        .branch(dptree::filter(|a: Actor| a.member.is_none()).endpoint(onboarding::guest))
        // An answer to the question the chat is waiting on.
        .branch(case![State::Answering { period_id, index, editing }].endpoint(report::on_answer))
        // A deadline typed while an officer opens a period.
        .branch(case![State::OpeningPeriod(draft)].endpoint(period_wizard::on_text))
        // The reason an officer gives for returning a report; a new deadline.
        .branch(
            case![State::ReturnReason { report_id, revision }]
                .endpoint(officer::return_with_reason),
        )
        .branch(case![State::NewDeadline { period_id }].endpoint(officer::new_deadline))
        .endpoint(onboarding::not_understood)
}

/// Inline button presses.
fn button_presses() -> UpdateHandler<HandlerError> {
    use dptree::case;
    Update::filter_callback_query()
        .filter_map_async(actor_of_callback)
        .enter_dialogue::<CallbackQuery, ErasedStorage<State>, State>()
        .branch(
            dptree::filter_map(|q: CallbackQuery| q.data.as_deref().and_then(CallbackData::decode))
                .branch(case![CallbackData::SetLang(lang)].endpoint(onboarding::set_lang))
                .branch(case![CallbackData::StartReport { period }].endpoint(report::start_button))
                .branch(case![CallbackData::ViewReport { report }].endpoint(notices::view_report))
                // Buttons under a question of the report.
                .branch(case![CallbackData::Pick { period, index, option }].endpoint(report::pick))
                .branch(case![CallbackData::Skip { period, index }].endpoint(report::skip))
                .branch(case![CallbackData::Keep { period, index }].endpoint(report::keep))
                .branch(case![CallbackData::Back { period, index }].endpoint(report::back))
                // Buttons under the review of the report, and after a colleague's submission.
                .branch(case![CallbackData::Edit { period, index }].endpoint(report::edit))
                .branch(case![CallbackData::Submit { period }].endpoint(report::submit))
                .branch(case![CallbackData::Replace { period }].endpoint(report::replace))
                .branch(case![CallbackData::Discard { period }].endpoint(report::discard))
                // Officers' buttons: refused to anyone else, whatever the button says.
                .branch(
                    dptree::filter(|d: CallbackData| d.officers_only())
                        .branch(
                            dptree::filter(|a: Actor| !a.is_officer())
                                .endpoint(onboarding::officers_only_button),
                        )
                        .branch(case![CallbackData::Period(step)].endpoint(period_wizard::on_step))
                        .branch(
                            case![CallbackData::Board { period, page }]
                                .endpoint(officer::board_button),
                        )
                        .branch(
                            case![CallbackData::NudgeAll { period }].endpoint(officer::nudge_all),
                        )
                        .branch(
                            case![CallbackData::Return { report, revision }]
                                .endpoint(officer::ask_return_reason),
                        )
                        .branch(
                            case![CallbackData::Accept { report, revision }]
                                .endpoint(officer::accept),
                        )
                        .branch(
                            case![CallbackData::Revisions { report }].endpoint(officer::revisions),
                        ),
                ),
        )
        .endpoint(onboarding::expired_button)
}

async fn actor_of_message(msg: Message, store: Store, bot: TgBot) -> Option<Actor> {
    let user = msg.from.as_ref()?;
    load_actor(&store, &bot, user, msg.chat.id).await
}

async fn actor_of_callback(q: CallbackQuery, store: Store, bot: TgBot) -> Option<Actor> {
    let chat = q.regular_message().map_or(ChatId(q.from.id.0 as i64), |m| m.chat.id);
    if !chat.is_user() {
        // A button in a group chat: stop the spinner, do nothing.
        let _ = bot.answer_callback_query(q.id.clone()).patiently().await;
        return None;
    }
    load_actor(&store, &bot, &q.from, chat).await
}

async fn load_actor(
    store: &Store,
    bot: &TgBot,
    user: &teloxide::types::User,
    chat: ChatId,
) -> Option<Actor> {
    match Actor::load(store, user, chat).await {
        Ok(actor) => {
            // Someone who blocked the bot and writes to it again can be reached again.
            if let Some(member) = actor.member.as_ref().filter(|m| !m.reachable) {
                if let Err(e) = store.mark_reachable(member.id).await {
                    tracing::warn!(error = %e, "could not mark a member reachable again");
                }
            }
            Some(actor)
        }
        Err(e) => {
            tracing::error!(error = %e, "could not load the sender");
            let lang = crate::i18n::Lang::from_telegram(user.language_code.as_deref());
            let _ = bot.send_message(chat, e.user_message().render(lang)).patiently().await;
            None
        }
    }
}
