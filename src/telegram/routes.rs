//! The whole routing tree: every command, dialogue state and button kind has its own row,
//! each named in the update's span.

use teloxide::dispatching::dialogue::ErasedStorage;
use teloxide::dispatching::{HandlerExt, UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;

use super::actor::{actor_of_callback, actor_of_message, officer_of};
use super::flood::{button_not_flooding, not_flooding};
use super::span::{named, traced};
use super::{
    announce, invite_cmd, notices, nudge, officer, onboarding, periods, profile, report, web_link,
    Actor, CallbackData, Command, HandlerError, PeriodStep, State,
};

/// The whole routing tree. Every update runs in a span with its id, its chat and (once routed)
/// the handler, so one grep follows one person's request; failures are logged inside it.
pub fn schema() -> UpdateHandler<HandlerError> {
    traced().branch(private_messages()).branch(button_presses()).branch(edited_messages())
}

/// An edited message is not read again: say so, so nobody thinks a correction was taken.
fn edited_messages() -> UpdateHandler<HandlerError> {
    Update::filter_edited_message()
        .filter(|m: Message| m.chat.is_private())
        .filter_async(not_flooding)
        .filter_map_async(actor_of_message)
        .filter(|a: Actor| a.member.is_some())
        .inspect(named("onboarding::edited"))
        .endpoint(onboarding::edited)
}

/// Messages in private chats; group chats are ignored.
fn private_messages() -> UpdateHandler<HandlerError> {
    use dptree::case;
    let commands = teloxide::filter_command::<Command, _>()
        // Joining works for everyone.
        .branch(
            case![Command::Start(payload)]
                .inspect(named("onboarding::start"))
                .endpoint(onboarding::start),
        )
        // Everything else needs a registration first.
        .branch(
            dptree::filter(|a: Actor| a.member.is_none())
                .inspect(named("onboarding::guest"))
                .endpoint(onboarding::guest),
        )
        .branch(case![Command::Help].inspect(named("onboarding::help")).endpoint(onboarding::help))
        .branch(case![Command::Toi].inspect(named("profile::me")).endpoint(profile::me))
        .branch(
            case![Command::Lang]
                .inspect(named("onboarding::choose_lang"))
                .endpoint(onboarding::choose_lang),
        )
        .branch(
            case![Command::Huy].inspect(named("onboarding::cancel")).endpoint(onboarding::cancel),
        )
        .branch(
            case![Command::Baocao]
                .inspect(named("report::report_cmd"))
                .endpoint(report::report_cmd),
        )
        .branch(
            case![Command::Tinhtrang]
                .inspect(named("notices::unit_status"))
                .endpoint(notices::unit_status),
        )
        // Officer tools, with the proof that the sender follows the reporting; refused to
        // anyone else with the same sentence as every way in.
        .branch(
            dptree::filter_map(officer_of)
                .branch(
                    case![Command::Guitin(arg)]
                        .inspect(named("announce::start"))
                        .endpoint(announce::start),
                )
                .branch(case![Command::Web].inspect(named("web_link::web")).endpoint(web_link::web))
                .branch(
                    case![Command::Moi(arg)]
                        .inspect(named("invite_cmd::invite"))
                        .endpoint(invite_cmd::invite),
                )
                .branch(
                    case![Command::Thongbao]
                        .inspect(named("notices::toggle_notices"))
                        .endpoint(notices::toggle_notices),
                )
                .branch(
                    case![Command::Kybaocao]
                        .inspect(named("periods::periods_cmd"))
                        .endpoint(periods::periods_cmd),
                )
                .branch(
                    case![Command::Nhac(arg)].inspect(named("nudge::nudge")).endpoint(nudge::nudge),
                )
                .branch(
                    case![Command::Tonghop(arg)]
                        .inspect(named("officer::board"))
                        .endpoint(officer::board),
                )
                .branch(
                    case![Command::Chuanop(arg)]
                        .inspect(named("officer::missing"))
                        .endpoint(officer::missing),
                )
                .branch(
                    case![Command::Xem(arg)]
                        .inspect(named("officer::view"))
                        .endpoint(officer::view),
                )
                .branch(
                    case![Command::Xuat(arg)]
                        .inspect(named("officer::export"))
                        .endpoint(officer::export),
                )
                .branch(
                    case![Command::Baocaotonghop(arg)]
                        .inspect(named("officer::summary"))
                        .endpoint(officer::summary),
                )
                .branch(
                    case![Command::Thongke(arg)]
                        .inspect(named("officer::stats"))
                        .endpoint(officer::stats),
                ),
        )
        .branch(
            dptree::entry()
                .inspect(named("onboarding::officers_only"))
                .endpoint(onboarding::officers_only),
        );
    Update::filter_message()
        .filter(|m: Message| m.chat.is_private())
        .filter_async(not_flooding)
        .filter_map_async(actor_of_message)
        .enter_dialogue::<Message, ErasedStorage<State>, State>()
        // A state stored by an older version that cannot be read: apologise and start afresh.
        .branch(
            case![State::Unreadable]
                .inspect(named("onboarding::unreadable_state"))
                .endpoint(onboarding::unreadable_state),
        )
        .branch(commands)
        .branch(
            dptree::filter(|a: Actor| a.member.is_none())
                .inspect(named("onboarding::guest"))
                .endpoint(onboarding::guest),
        )
        // An answer to the question the chat is waiting on.
        .branch(
            case![State::Answering { period_id, index, editing }]
                .inspect(named("report::on_answer"))
                .endpoint(report::on_answer),
        )
        // A deadline typed while an officer opens a period; a wizard of an earlier version.
        .branch(
            case![State::PeriodDueAsked { kind, template }]
                .inspect(named("periods::open::typed_due"))
                .endpoint(periods::open::typed_due),
        )
        .branch(
            case![State::PeriodConfirmAsked { kind, template, due_at, attachment }]
                .inspect(named("periods::open::attach"))
                .endpoint(periods::open::attach),
        )
        .branch(
            case![State::LegacyOpeningPeriod(draft)]
                .inspect(named("periods::open::restart"))
                .endpoint(periods::open::restart),
        )
        // The reason an officer gives for returning a report; a new deadline.
        .branch(
            case![State::ReturnReason { report_id, revision }]
                .inspect(named("officer::return_with_reason"))
                .endpoint(officer::return_with_reason),
        )
        .branch(
            case![State::NewDeadline { period_id }]
                .inspect(named("officer::new_deadline"))
                .endpoint(officer::new_deadline),
        )
        // A field of a list item (a nominee's name, position…).
        .branch(
            case![State::ListItemAsked { period_id, index, editing, item, field, values }]
                .inspect(named("report::on_field"))
                .endpoint(report::on_field),
        )
        // The text of the office's notice to every unit.
        .branch(
            case![State::AnnounceTextAsked { cluster }]
                .inspect(named("announce::on_text"))
                .endpoint(announce::on_text),
        )
        // A name, then a position, given at joining or with /toi.
        .branch(
            case![State::NameAsked].inspect(named("profile::on_name")).endpoint(profile::on_name),
        )
        .branch(
            case![State::PositionAsked]
                .inspect(named("profile::on_position"))
                .endpoint(profile::on_position),
        )
        .inspect(named("onboarding::not_understood"))
        .endpoint(onboarding::not_understood)
}

/// The buttons of `/kybaocao`: one row per step of opening a period, and the period's own.
fn period_steps() -> UpdateHandler<HandlerError> {
    use dptree::case;
    use periods::open;
    case![CallbackData::Period(step)]
        .branch(case![PeriodStep::New].inspect(named("periods::open::new")).endpoint(open::new))
        .branch(
            case![PeriodStep::Kind(cadence)]
                .inspect(named("periods::open::cadence"))
                .endpoint(open::cadence),
        )
        .branch(
            case![PeriodStep::Part(n)].inspect(named("periods::open::part")).endpoint(open::part),
        )
        .branch(
            case![PeriodStep::Year(y)].inspect(named("periods::open::year")).endpoint(open::year),
        )
        .branch(
            case![PeriodStep::Template(i)]
                .inspect(named("periods::open::template"))
                .endpoint(open::template),
        )
        .branch(
            case![PeriodStep::SuggestedDue]
                .inspect(named("periods::open::suggested_due"))
                .endpoint(open::suggested_due),
        )
        .branch(
            case![PeriodStep::Confirm]
                .inspect(named("periods::open::confirm"))
                .endpoint(open::confirm),
        )
        .branch(
            case![PeriodStep::Cancel]
                .inspect(named("periods::open::cancel"))
                .endpoint(open::cancel),
        )
        .branch(
            case![PeriodStep::Close(id)]
                .inspect(named("periods::ask_close"))
                .endpoint(periods::ask_close),
        )
        .branch(
            case![PeriodStep::CloseConfirmed(id)]
                .inspect(named("periods::close"))
                .endpoint(periods::close),
        )
        .branch(
            case![PeriodStep::Extend(id)]
                .inspect(named("periods::extend"))
                .endpoint(periods::extend),
        )
        .branch(
            case![PeriodStep::Reopen(id)]
                .inspect(named("periods::reopen"))
                .endpoint(periods::reopen),
        )
}

/// Inline button presses.
fn button_presses() -> UpdateHandler<HandlerError> {
    use dptree::case;
    Update::filter_callback_query()
        .filter_async(button_not_flooding)
        .filter_map_async(actor_of_callback)
        .enter_dialogue::<CallbackQuery, ErasedStorage<State>, State>()
        .branch(
            dptree::filter_map(|q: CallbackQuery| q.data.as_deref().and_then(CallbackData::decode))
                .branch(
                    case![CallbackData::SetLang(lang)]
                        .inspect(named("onboarding::set_lang"))
                        .endpoint(onboarding::set_lang),
                )
                .branch(
                    case![CallbackData::MoveConfirm]
                        .inspect(named("onboarding::move_confirm"))
                        .endpoint(onboarding::move_confirm),
                )
                .branch(
                    case![CallbackData::MoveCancel]
                        .inspect(named("onboarding::move_cancel"))
                        .endpoint(onboarding::move_cancel),
                )
                .branch(
                    case![CallbackData::UseTelegramName]
                        .inspect(named("profile::use_telegram_name"))
                        .endpoint(profile::use_telegram_name),
                )
                .branch(
                    case![CallbackData::ListAdd { period, index }]
                        .inspect(named("report::add_item"))
                        .endpoint(report::add_item),
                )
                .branch(
                    case![CallbackData::ListEdit { period, index, item }]
                        .inspect(named("report::edit_item"))
                        .endpoint(report::edit_item),
                )
                .branch(
                    case![CallbackData::ListRemove { period, index, item }]
                        .inspect(named("report::remove_item"))
                        .endpoint(report::remove_item),
                )
                .branch(
                    case![CallbackData::ListPick { period, index, option }]
                        .inspect(named("report::pick_field"))
                        .endpoint(report::pick_field),
                )
                .branch(
                    case![CallbackData::ListSkip { period, index }]
                        .inspect(named("report::skip_field"))
                        .endpoint(report::skip_field),
                )
                .branch(
                    case![CallbackData::AnnounceSend]
                        .inspect(named("announce::send"))
                        .endpoint(announce::send),
                )
                .branch(
                    case![CallbackData::SkipPosition]
                        .inspect(named("profile::skip_position"))
                        .endpoint(profile::skip_position),
                )
                .branch(
                    case![CallbackData::StartReport { period }]
                        .inspect(named("report::start_button"))
                        .endpoint(report::start_button),
                )
                .branch(
                    case![CallbackData::ViewReport { report }]
                        .inspect(named("officer::view_report"))
                        .endpoint(officer::view_report),
                )
                // Buttons under a question of the report.
                .branch(
                    case![CallbackData::Pick { period, index, option }]
                        .inspect(named("report::pick"))
                        .endpoint(report::pick),
                )
                .branch(
                    case![CallbackData::Skip { period, index }]
                        .inspect(named("report::skip"))
                        .endpoint(report::skip),
                )
                .branch(
                    case![CallbackData::Keep { period, index }]
                        .inspect(named("report::keep"))
                        .endpoint(report::keep),
                )
                .branch(
                    case![CallbackData::Back { period, index }]
                        .inspect(named("report::back"))
                        .endpoint(report::back),
                )
                // Buttons under the review of the report, and after a colleague's submission.
                .branch(
                    case![CallbackData::Edit { period, index }]
                        .inspect(named("report::edit"))
                        .endpoint(report::edit),
                )
                .branch(
                    case![CallbackData::Submit { period }]
                        .inspect(named("report::submit"))
                        .endpoint(report::submit),
                )
                .branch(
                    case![CallbackData::Replace { period }]
                        .inspect(named("report::replace"))
                        .endpoint(report::replace),
                )
                .branch(
                    case![CallbackData::Discard { period }]
                        .inspect(named("report::discard"))
                        .endpoint(report::discard),
                )
                // Officers' buttons: refused to anyone else, whatever the button says.
                .branch(
                    dptree::filter(|d: CallbackData| d.officers_only())
                        .branch(officer_buttons())
                        .branch(
                            dptree::entry()
                                .inspect(named("onboarding::officers_only_button"))
                                .endpoint(onboarding::officers_only_button),
                        ),
                ),
        )
        .inspect(named("onboarding::expired_button"))
        .endpoint(onboarding::expired_button)
}

/// The officers' buttons, with the proof that the sender follows the reporting.
fn officer_buttons() -> UpdateHandler<HandlerError> {
    use dptree::case;
    dptree::filter_map(officer_of)
        .branch(period_steps())
        .branch(
            case![CallbackData::Board { period, page }]
                .inspect(named("officer::board_button"))
                .endpoint(officer::board_button),
        )
        .branch(
            case![CallbackData::NudgeAll { period }]
                .inspect(named("officer::nudge_all"))
                .endpoint(officer::nudge_all),
        )
        .branch(
            case![CallbackData::Return { report, revision }]
                .inspect(named("officer::ask_return_reason"))
                .endpoint(officer::ask_return_reason),
        )
        .branch(
            case![CallbackData::Accept { report, revision }]
                .inspect(named("officer::accept"))
                .endpoint(officer::accept),
        )
        .branch(
            case![CallbackData::Revisions { report }]
                .inspect(named("officer::revisions"))
                .endpoint(officer::revisions),
        )
}
