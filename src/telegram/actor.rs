//! Who sent an update: their Telegram identity and, if registered, their membership.

use teloxide::prelude::*;
use teloxide::types::{ChatId, User};

use super::patient::Patiently;
use super::TgBot;

use crate::actions::{self, App};
use crate::domain::{Member, NewMember, Role};
use crate::error::Result;
use crate::i18n::{Lang, Msg};

/// The person behind an update.
#[derive(Clone, Debug)]
pub struct Actor {
    pub tg_user_id: i64,
    pub chat: ChatId,
    pub full_name: String,
    pub username: Option<String>,
    /// Language from the person's Telegram settings.
    pub tg_lang: Lang,
    /// Their membership, when registered and not removed.
    pub member: Option<Member>,
}

impl Actor {
    /// Looks the sender up (once per update: every rule below sees the member as they are now).
    pub async fn load(app: &App, user: &User, chat: ChatId) -> Result<Actor> {
        let tg_user_id = i64::try_from(user.id.0).unwrap_or(i64::MAX);
        let member = actions::members::by_telegram(app, tg_user_id).await?;
        Ok(Actor {
            tg_user_id,
            chat,
            full_name: crate::domain::text::clean(&user.full_name()),
            username: user.username.clone(),
            tg_lang: Lang::from_telegram(user.language_code.as_deref()),
            member,
        })
    }

    /// The language to speak to them in: their choice, else their Telegram language.
    pub fn lang(&self) -> Lang {
        self.member.as_ref().map_or(self.tg_lang, |m| m.lang)
    }

    /// Their role, if registered.
    pub fn role(&self) -> Option<Role> {
        self.member.as_ref().map(|m| m.role)
    }

    /// Their proof of following the reporting, or the refusal (the same sentence everywhere).
    pub fn officer(&self) -> Result<actions::Officer> {
        actions::roles::officer(self.member.as_ref())
    }

    /// Renders `msg` for them.
    pub fn say(&self, msg: &Msg) -> String {
        msg.render(self.lang())
    }

    /// Their registration data, with the role and unit to be decided by the caller.
    pub fn as_new_member(&self, role: Role) -> NewMember {
        NewMember {
            tg_user_id: Some(self.tg_user_id),
            contacts: vec![crate::domain::Contact::telegram(self.chat.0)],
            full_name: self.full_name.clone(),
            username: self.username.clone(),
            role,
            unit_id: None,
            lang: self.tg_lang,
        }
    }
}

pub(super) async fn actor_of_message(msg: Message, app: App, bot: TgBot) -> Option<Actor> {
    let user = msg.from.as_ref()?;
    load_actor(&app, &bot, user, msg.chat.id).await
}

pub(super) async fn actor_of_callback(q: CallbackQuery, app: App, bot: TgBot) -> Option<Actor> {
    let chat = q.regular_message().map_or(ChatId(q.from.id.0 as i64), |m| m.chat.id);
    if !chat.is_user() {
        // A button in a group chat: stop the spinner, do nothing.
        let _ = bot.answer_callback_query(q.id.clone()).patiently().await;
        return None;
    }
    load_actor(&app, &bot, &q.from, chat).await
}

/// The officer's proof of an update's sender, when they follow the reporting (the routing tree
/// hands it to the officers' handlers; anyone else is refused by [`Actor::officer`]'s sentence).
pub(super) fn officer_of(actor: Actor) -> Option<actions::Officer> {
    actor.officer().ok()
}

async fn load_actor(
    app: &App,
    bot: &TgBot,
    user: &teloxide::types::User,
    chat: ChatId,
) -> Option<Actor> {
    match Actor::load(app, user, chat).await {
        Ok(actor) => Some(actor),
        Err(e) => {
            tracing::error!(error = %e, "could not load the sender");
            let lang = crate::i18n::Lang::from_telegram(user.language_code.as_deref());
            let _ = bot.send_message(chat, e.user_message().render(lang)).patiently().await;
            None
        }
    }
}
