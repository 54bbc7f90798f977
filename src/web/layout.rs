//! The frame of every page: the office's name, the officer's menu, the one stylesheet and script.

use maud::{html, Markup, DOCTYPE};

use crate::i18n::{t, Lang};

use super::Officer;

/// A page without the menu (signed out, or a problem).
pub fn bare(lang: Lang, title: &str, body: Markup) -> Markup {
    frame(lang, title, html! {}, body)
}

/// A page of the console, with the menu of a signed-in officer.
pub fn page(officer: &Officer, office: &str, title: &str, body: Markup) -> Markup {
    let lang = officer.lang();
    let menu = html! {
        a href="/" { (t(lang, "web-menu-periods")) }
        a href="/stats" { (t(lang, "web-menu-stats")) }
        span.muted-on-brand { (officer.member.full_name) }
        form method="post" action="/logout" {
            input type="hidden" name="csrf" value=(officer.csrf);
            button type="submit" { (t(lang, "web-logout")) }
        }
    };
    frame(lang, title, html! { span.office { (office) } (menu) }, body)
}

fn frame(lang: Lang, title: &str, header: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) }
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                header.top { (header) }
                main { h1 { (title) } (body) }
            }
        }
    }
}
