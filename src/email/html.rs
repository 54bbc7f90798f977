//! The HTML of a letter: the same text as the plain part, escaped, in paragraphs and lines; each
//! button a link drawn as a button; styles inline (mail clients drop style sheets), nothing
//! fetched from elsewhere (no images, no fonts), one column that fits a phone.

use maud::{html, Markup, DOCTYPE};

use crate::outbox::OutMessage;

const BODY: &str = "margin:0;padding:16px;background:#ffffff;color:#1a1a1a;\
    font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5";
const COLUMN: &str = "max-width:600px;margin:0 auto";
const PARAGRAPH: &str = "margin:0 0 16px 0";
const BUTTON_ROW: &str = "margin:24px 0";
const BUTTON: &str = "display:inline-block;padding:12px 20px;border-radius:6px;\
    background:#0b5394;color:#ffffff;font-weight:bold;text-decoration:none";
const CLOSING: &str = "margin:32px 0 0 0;padding-top:12px;border-top:1px solid #dddddd;\
    color:#555555;font-size:13px";

/// The page of `message`, signed by `office`.
pub fn page(message: &OutMessage, office: &str) -> String {
    let markup: Markup = html! {
        (DOCTYPE)
        html lang=(message.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (message.subject) }
            }
            body style=(BODY) {
                div style=(COLUMN) {
                    @for paragraph in paragraphs(&message.parts) {
                        p style=(PARAGRAPH) {
                            @for (i, line) in paragraph.lines().enumerate() {
                                @if i > 0 { br; }
                                (line)
                            }
                        }
                    }
                    @for button in &message.buttons {
                        @if let Some(link) = &button.link {
                            p style=(BUTTON_ROW) { a href=(link) style=(BUTTON) { (button.label) } }
                        }
                    }
                    p style=(CLOSING) {
                        @for (i, line) in super::letter::closing(message, office).iter().enumerate() {
                            @if i > 0 { br; }
                            (line)
                        }
                    }
                }
            }
        }
    };
    markup.into_string()
}

/// The paragraphs of the parts: each part, split where a blank line is.
fn paragraphs(parts: &[String]) -> impl Iterator<Item = &str> {
    parts
        .iter()
        .flat_map(|part| part.split("\n\n"))
        .map(str::trim_end)
        .filter(|p| !p.trim().is_empty())
}
