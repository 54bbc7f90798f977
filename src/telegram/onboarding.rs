//! Joining the bot (`/start`, with or without an invite code), help, language, cancel.

use teloxide::prelude::*;

use crate::domain::office::Office;
use crate::telegram::patient::Patiently;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, Me};

use crate::actions::join::{join, redeem, Joined};
use crate::domain::{InviteStatus, Member, Role, Unit};
use crate::i18n::{t, Lang, Msg};

use super::actor::Actor;
use super::callback::CallbackData;
use super::commands::{help_text, install_member_menu};
use super::error::{HandlerResult, Notify};
use super::{AppConfig, Env, State, TgBot, TgDialogue};

/// `/start [CODE]`: bootstrap an admin, redeem an invite, or say who the person is.
pub async fn start(
    bot: TgBot,
    actor: Actor,
    payload: String,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let config = env.config();
    let person = actor.as_new_member(Role::Reporter);
    let joined = join(&env, &person, actor.member.as_ref(), &payload).await.notify(chat, lang)?;
    match joined {
        Joined::Welcome { member, unit } => {
            // A new membership starts with nothing in progress, whatever an earlier one left.
            dialogue.reset().await.notify(chat, lang)?;
            welcome(&bot, &member, unit, &config.office, &dialogue).await
        }
        Joined::Known { member, unit } => whoami(&bot, &member, unit, &config.office).await,
        Joined::Guest => say(&bot, &actor, &guest_or_revoked(&env, &actor).await).await,
        Joined::AdminKeepsRole => say(&bot, &actor, &Msg::new("start-admin-keeps-role")).await,
        Joined::KeepsRole { role } => {
            let msg = Msg::new("invite-keeps-role").arg("role", role.msg().render(lang));
            say(&bot, &actor, &msg).await
        }
        Joined::ConfirmMove { from, to, invite } => {
            let name = |u: Option<Unit>| u.map(|u| u.in_sentence()).unwrap_or_default();
            let (from, to) = (name(from), name(to));
            dialogue.update(State::MoveAsked { invite }).await.notify(chat, lang)?;
            let ask = Msg::new("move-ask").arg("from", from.as_str()).arg("to", to.as_str());
            let buttons = [
                InlineKeyboardButton::callback(
                    Msg::new("move-button-confirm").arg("to", to.as_str()).render(lang),
                    CallbackData::MoveConfirm.encode(),
                ),
                InlineKeyboardButton::callback(
                    Msg::new("move-button-cancel").arg("from", from.as_str()).render(lang),
                    CallbackData::MoveCancel.encode(),
                ),
            ];
            bot.send_message(chat, actor.say(&ask))
                .reply_markup(InlineKeyboardMarkup::new(buttons.map(|b| [b])))
                .patiently()
                .await?;
            Ok(())
        }
        Joined::Rejected(status) => {
            say(&bot, &actor, &invite_rejected(status, &actor, &config.office)).await
        }
    }
}

/// "Move to that unit": uses the invite the chat remembers.
pub async fn move_confirm(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let config = env.config();
    let Some(State::MoveAsked { invite }) = dialogue.get().await.notify(chat, lang)? else {
        super::buttons::refuse(&bot, &q, lang, "button-expired").await?;
        return Ok(());
    };
    super::buttons::consume(&bot, &q).await?;
    dialogue.reset().await.notify(chat, lang)?;
    let person = actor.as_new_member(Role::Reporter);
    match redeem(&env, &invite, &person).await.notify(chat, lang)? {
        Joined::Welcome { member, unit } => {
            welcome(&bot, &member, unit, &config.office, &dialogue).await
        }
        Joined::Rejected(status) => {
            say(&bot, &actor, &invite_rejected(status, &actor, &config.office)).await
        }
        _ => Ok(()),
    }
}

/// "Stay": the invite stays unused.
pub async fn move_cancel(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    if !matches!(dialogue.get().await.notify(chat, lang)?, Some(State::MoveAsked { .. })) {
        super::buttons::refuse(&bot, &q, lang, "button-expired").await?;
        return Ok(());
    }
    super::buttons::consume(&bot, &q).await?;
    dialogue.reset().await.notify(chat, lang)?;
    say(&bot, &actor, &Msg::new("move-cancelled")).await
}

/// `/help`: the commands of the person's role.
pub async fn help(bot: TgBot, actor: Actor, config: AppConfig) -> HandlerResult {
    let text = help_text(actor.role(), &config.office, actor.lang());
    bot.send_message(actor.chat, text).patiently().await?;
    Ok(())
}

/// `/lang`: buttons to choose the language.
pub async fn choose_lang(bot: TgBot, actor: Actor) -> HandlerResult {
    let buttons = Lang::ALL.map(|lang| {
        InlineKeyboardButton::callback(t(lang, "lang-name"), CallbackData::SetLang(lang).encode())
    });
    bot.send_message(actor.chat, t(actor.lang(), "lang-choose"))
        .reply_markup(InlineKeyboardMarkup::new([buttons]))
        .patiently()
        .await?;
    Ok(())
}

/// The language button: remember the choice and confirm in the new language.
pub async fn set_lang(
    bot: TgBot,
    actor: Actor,
    q: CallbackQuery,
    lang: Lang,
    env: Env,
) -> HandlerResult {
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    let Some(member) = &actor.member else {
        return say(&bot, &actor, &guest_msg(&actor, &env.config().office)).await;
    };
    crate::actions::members::set_lang(&env, member, lang).await.notify(actor.chat, actor.lang())?;
    let text = t(lang, "lang-set");
    match q.regular_message() {
        Some(message) => {
            bot.edit_message_text(message.chat.id, message.id, text).patiently().await?;
        }
        None => {
            bot.send_message(actor.chat, text).patiently().await?;
        }
    }
    let member = Member { lang, ..member.clone() };
    refresh_menu(&bot, &member).await;
    Ok(())
}

/// `/huy`: leave whatever is in progress.
pub async fn cancel(bot: TgBot, actor: Actor, dialogue: TgDialogue) -> HandlerResult {
    let was_idle = matches!(
        dialogue.get().await.notify(actor.chat, actor.lang())?,
        None | Some(super::State::Idle)
    );
    dialogue.reset().await.notify(actor.chat, actor.lang())?;
    let key = if was_idle { "cancel-nothing" } else { "cancel-done" };
    say(&bot, &actor, &Msg::new(key)).await
}

/// The chat's stored state could not be read: reset it and say so.
pub async fn unreadable_state(bot: TgBot, actor: Actor, dialogue: TgDialogue) -> HandlerResult {
    dialogue.reset().await.notify(actor.chat, actor.lang())?;
    say(&bot, &actor, &Msg::new("state-unreadable")).await
}

/// Anything from someone not registered.
pub async fn guest(bot: TgBot, actor: Actor, env: Env) -> HandlerResult {
    say(&bot, &actor, &guest_or_revoked(&env, &actor).await).await
}

/// How to join; or, once, that their admin access was taken away (no longer in BAOCAO_ADMINS).
async fn guest_or_revoked(env: &Env, actor: &Actor) -> Msg {
    let office = &env.config().office;
    match crate::actions::members::take_admin_revoked(env, actor.tg_user_id).await {
        Ok(true) => Msg::new("admin-revoked").arg("id", actor.tg_user_id.to_string()),
        Ok(false) => guest_msg(actor, office),
        Err(e) => {
            tracing::warn!(error = %e, "could not read whether an admin was revoked");
            guest_msg(actor, office)
        }
    }
}

/// Text or media the bot does not expect right now.
pub async fn not_understood(bot: TgBot, actor: Actor) -> HandlerResult {
    say(&bot, &actor, &Msg::new("not-understood")).await
}

/// A command only officers may use, tried by someone else: the use cases' own refusal.
pub async fn officers_only(bot: TgBot, actor: Actor) -> HandlerResult {
    say(&bot, &actor, &refusal(&actor)).await
}

/// Why the sender may not use an officer's command or button (with the chat's way out).
fn refusal(actor: &Actor) -> Msg {
    match actor.officer() {
        Err(e) => {
            Msg::new("officers-only-in-chat").arg("why", e.user_message().render(actor.lang()))
        }
        Ok(_) => Msg::new("button-expired"),
    }
}

/// An edited message: its new text is not taken.
pub async fn edited(bot: TgBot, actor: Actor) -> HandlerResult {
    say(&bot, &actor, &Msg::new("edited-ignored")).await
}

/// An officer's button pressed by someone else (an old or forged message).
pub async fn officers_only_button(bot: TgBot, q: CallbackQuery, actor: Actor) -> HandlerResult {
    let text = actor.say(&refusal(&actor));
    bot.answer_callback_query(q.id.clone()).text(text).show_alert(true).patiently().await?;
    Ok(())
}

/// A button whose data no longer means anything (old message, forged data).
pub async fn expired_button(bot: TgBot, q: CallbackQuery, actor: Actor) -> HandlerResult {
    super::buttons::refuse(&bot, &q, actor.lang(), "button-expired").await?;
    Ok(())
}

/// The welcome of a new membership; with the question of their name, unless they gave it before.
async fn welcome(
    bot: &TgBot,
    member: &Member,
    unit: Option<Unit>,
    office: &Office,
    dialogue: &TgDialogue,
) -> HandlerResult {
    let unit_name = unit.map(|u| u.in_sentence()).unwrap_or_default();
    let msg =
        office.named(member.role.welcome()).arg("name", &member.full_name).arg("unit", unit_name);
    let chat = dialogue.chat_id();
    if member.named {
        bot.send_message(chat, msg.render(member.lang)).patiently().await?;
    } else {
        let intro = msg.render(member.lang);
        super::profile::ask_name(bot, chat, &member.full_name, intro, member.lang, dialogue)
            .await?;
    }
    refresh_menu(bot, member).await;
    Ok(())
}

async fn whoami(
    bot: &TgBot,
    member: &Member,
    unit: Option<Unit>,
    office: &Office,
) -> HandlerResult {
    let role = member.role.msg().render(member.lang);
    let msg = match unit {
        Some(unit) => Msg::new("start-known-unit")
            .arg("name", &member.full_name)
            .arg("role", role)
            .arg("unit", unit.in_sentence()),
        None => Msg::new("start-known").arg("name", &member.full_name).arg("role", role),
    };
    let text = format!(
        "{}\n\n{}",
        msg.render(member.lang),
        help_text(Some(member.role), office, member.lang)
    );
    let Some(chat) = member.telegram_chat() else { return Ok(()) };
    bot.send_message(ChatId(chat), text).patiently().await?;
    Ok(())
}

/// Menus are a convenience: a failure is logged, not shown.
async fn refresh_menu(bot: &TgBot, member: &Member) {
    if let Err(e) = install_member_menu(bot, member).await {
        tracing::warn!(error = %e, member = %member.id, "could not set the member's command menu");
    }
}

fn guest_msg(actor: &Actor, office: &Office) -> Msg {
    office.named(Msg::new("welcome-unknown")).arg("id", actor.tg_user_id.to_string())
}

fn invite_rejected(status: InviteStatus, actor: &Actor, office: &Office) -> Msg {
    let key = match status {
        InviteStatus::Expired => "invite-expired",
        InviteStatus::Used => "invite-used",
        InviteStatus::UnitInactive => "invite-unit-inactive",
        InviteStatus::Unknown | InviteStatus::Valid => "invite-unknown",
    };
    office.named(Msg::new(key)).arg("id", actor.tg_user_id.to_string())
}

async fn say(bot: &TgBot, actor: &Actor, msg: &Msg) -> HandlerResult {
    bot.send_message(actor.chat, actor.say(msg)).patiently().await?;
    Ok(())
}

/// The bot's @username for links: configured, else what Telegram said at start.
pub fn bot_username(config: &AppConfig, me: &Me) -> Option<String> {
    config.bot_username.clone().or_else(|| me.user.username.clone())
}
