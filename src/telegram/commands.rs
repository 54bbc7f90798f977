//! The commands, and the menus Telegram shows for them (per language and per role).

use teloxide::prelude::*;

use crate::domain::office::Office;
use crate::telegram::patient::Patiently;
use teloxide::types::{BotCommand, BotCommandScope, Recipient};
use teloxide::utils::command::BotCommands;

use crate::domain::{Member, Role};
use crate::i18n::{t, Lang, Msg};

use super::TgBot;

/// Commands understood in a private chat. Vietnamese names first, English aliases.
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    Start(String),
    #[command(alias = "trogiup")]
    Help,
    #[command(aliases = ["ngonngu", "language"])]
    Lang,
    #[command(alias = "invite")]
    Moi(String),
    #[command(alias = "cancel")]
    Huy,
    #[command(alias = "report")]
    Baocao,
    #[command(alias = "status")]
    Tinhtrang,
    #[command(alias = "notices")]
    Thongbao,
    #[command(alias = "periods")]
    Kybaocao,
    #[command(alias = "nudge")]
    Nhac(String),
    #[command(alias = "overview")]
    Tonghop(String),
    #[command(alias = "missing")]
    Chuanop(String),
    #[command(alias = "view")]
    Xem(String),
    #[command(alias = "export")]
    Xuat(String),
    #[command(alias = "summary")]
    Baocaotonghop(String),
    #[command(alias = "stats")]
    Thongke(String),
    #[command(alias = "me")]
    Toi,
    #[command(alias = "announce")]
    Guitin(String),
    #[command(alias = "desk")]
    Web,
}

/// One line of a menu: the command and the key of its description.
struct MenuEntry {
    command: &'static str,
    key: &'static str,
}

const fn entry(command: &'static str, key: &'static str) -> MenuEntry {
    MenuEntry { command, key }
}

const GUEST_MENU: &[MenuEntry] = &[entry("start", "cmd-start"), entry("help", "cmd-help")];
const REPORTER_MENU: &[MenuEntry] = &[
    entry("baocao", "cmd-baocao"),
    entry("tinhtrang", "cmd-tinhtrang"),
    entry("toi", "cmd-toi"),
    entry("help", "cmd-help"),
    entry("lang", "cmd-lang"),
    entry("huy", "cmd-huy"),
];
const OFFICER_MENU: &[MenuEntry] = &[
    entry("tonghop", "cmd-tonghop"),
    entry("chuanop", "cmd-chuanop"),
    entry("xem", "cmd-xem"),
    entry("xuat", "cmd-xuat"),
    entry("baocaotonghop", "cmd-baocaotonghop"),
    entry("thongke", "cmd-thongke"),
    entry("kybaocao", "cmd-kybaocao"),
    entry("nhac", "cmd-nhac"),
    entry("guitin", "cmd-guitin"),
    entry("web", "cmd-web"),
    entry("moi", "cmd-moi"),
    entry("thongbao", "cmd-thongbao"),
    entry("toi", "cmd-toi"),
    entry("help", "cmd-help"),
    entry("lang", "cmd-lang"),
    entry("huy", "cmd-huy"),
];

fn menu(role: Option<Role>) -> &'static [MenuEntry] {
    match role {
        None => GUEST_MENU,
        Some(Role::Reporter) => REPORTER_MENU,
        // Officers and admins share the menu (the admins' extra powers are in the console).
        Some(_) => OFFICER_MENU,
    }
}

fn bot_commands(role: Option<Role>, lang: Lang) -> Vec<BotCommand> {
    menu(role).iter().map(|e| BotCommand::new(e.command, t(lang, e.key))).collect()
}

/// The help text for someone with `role` (or nobody yet).
pub fn help_text(role: Option<Role>, office: &Office, lang: Lang) -> String {
    let mut text = t(lang, "help-title");
    for e in menu(role) {
        text.push_str(&format!("\n/{} — {}", e.command, t(lang, e.key)));
    }
    let note = match role {
        None => "help-note-guest",
        Some(Role::Reporter) => "help-note-reporter",
        Some(_) => "help-note-officer",
    };
    text.push_str("\n\n");
    text.push_str(&office.named(Msg::new(note)).render(lang));
    text
}

/// Registers the menus everyone sees: Vietnamese by default, English for English-speaking apps.
pub async fn install_default_menus(bot: &TgBot) -> Result<(), teloxide::RequestError> {
    bot.set_my_commands(bot_commands(None, Lang::Vi))
        .scope(BotCommandScope::AllPrivateChats)
        .patiently()
        .await?;
    bot.set_my_commands(bot_commands(None, Lang::En))
        .scope(BotCommandScope::AllPrivateChats)
        .language_code("en")
        .patiently()
        .await?;
    Ok(())
}

/// Registers the menu of one member's chat, for their role and in their language.
pub async fn install_member_menu(
    bot: &TgBot,
    member: &Member,
) -> Result<(), teloxide::RequestError> {
    let Some(chat) = member.telegram_chat() else { return Ok(()) };
    let scope = BotCommandScope::Chat { chat_id: Recipient::Id(ChatId(chat)) };
    bot.set_my_commands(bot_commands(Some(member.role), member.lang))
        .scope(scope)
        .patiently()
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_parse_to_the_same_command() {
        assert_eq!(
            Command::parse("/invite X-TAMA", "bot").ok(),
            Some(Command::Moi("X-TAMA".to_owned()))
        );
        assert_eq!(Command::parse("/cancel", "bot").ok(), Some(Command::Huy));
        assert_eq!(Command::parse("/ngonngu", "bot").ok(), Some(Command::Lang));
        assert_eq!(Command::parse("/start", "bot").ok(), Some(Command::Start(String::new())));
    }

    #[test]
    fn officers_see_the_invite_command_and_reporters_do_not() {
        let officer = Role::parse("officer");
        assert!(help_text(officer, &Office::default(), Lang::Vi).contains("/moi"));
        assert!(!help_text(Some(Role::Reporter), &Office::default(), Lang::Vi).contains("/moi"));
    }

    #[test]
    fn menu_descriptions_fit_telegrams_limit() {
        for lang in Lang::ALL {
            for role in
                [None, Role::parse("reporter"), Role::parse("officer"), Role::parse("admin")]
            {
                for c in bot_commands(role, lang) {
                    assert!((1..=256).contains(&c.description.chars().count()), "{}", c.command);
                }
            }
        }
    }
}
