//! The frame of every page: the office's name, the officer's menu, the one stylesheet and script.

use maud::{html, Markup, DOCTYPE};

use crate::i18n::{t, Lang};

use super::SignedIn;

/// A page without the menu (signed out, or a problem).
pub fn bare(lang: Lang, title: &str, body: Markup) -> Markup {
    frame(lang, title, html! {}, body)
}

/// A page of the console, with the menu of a signed-in officer.
/// `back` is the page's own path, where the language switch returns.
pub fn page(officer: &SignedIn, office: &str, (title, back): (&str, &str), body: Markup) -> Markup {
    let lang = officer.lang();
    let other = if lang == Lang::Vi { Lang::En } else { Lang::Vi };
    let menu = html! {
        a href="/" { (t(lang, "web-menu-periods")) }
        a href="/stats" { (t(lang, "web-menu-stats")) }
        a href="/units" { (t(lang, "web-menu-units")) }
        a href="/members" { (t(lang, "web-menu-members")) }
        span.muted-on-brand { (officer.member().full_name) }
        form method="post" action="/lang" {
            input type="hidden" name="csrf" value=(officer.csrf);
            input type="hidden" name="lang" value=(other.code());
            input type="hidden" name="back" value=(back);
            button type="submit" lang=(other.code()) { (t(lang, "web-lang-switch")) }
        }
        form method="post" action="/logout" {
            input type="hidden" name="csrf" value=(officer.csrf);
            button type="submit" { (t(lang, "web-logout")) }
        }
    };
    frame(lang, title, html! { span.office { (office) } (menu) }, body)
}

fn frame(lang: Lang, title: &str, header: Markup, body: Markup) -> Markup {
    document(lang, None, title, header, body)
}

/// A whole page: the head every page shares (the one stylesheet and script of this site), the
/// header bar, the title and the body; `class` sets the page apart (the chairs' form).
pub(crate) fn document(
    lang: Lang,
    class: Option<&str>,
    title: &str,
    header: Markup,
    body: Markup,
) -> Markup {
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
            body class=[class] {
                header.top { (header) }
                main { h1 { (title) } (body) }
            }
        }
    }
}
