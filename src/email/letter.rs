//! One outgoing message as a letter: the subject, the sender, the reader, a Message-ID that is
//! the same on every attempt of one delivery, the reader's language, the text twice (plain, and
//! simple HTML for phones) and the office's document as an attachment. Everything is 7-bit on
//! the wire (quoted-printable or base64, RFC 2047/2231 headers), so any server carries
//! Vietnamese intact.

use chrono::{DateTime, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};
use sha2::{Digest, Sha256};

use crate::domain::attachment::{AttachedFile, Attachment};
use crate::domain::file_type::KINDS;
use crate::i18n::{Lang, Msg};
use crate::outbox::{OutMessage, SendError};

use super::html;

/// Who writes: the sender's mailbox and the office's name (said at the end of each letter).
#[derive(Clone, Debug)]
pub struct Sender {
    pub from: Mailbox,
    pub office: String,
}

/// The letter of `message` to `to`, for the delivery `(key, planned_at)`. An address that is not
/// one is the reader gone for this channel; anything else that stops the building is a failure.
pub fn letter(
    sender: &Sender,
    to: &str,
    message: &OutMessage,
    delivery: (&str, DateTime<Utc>),
) -> Result<Message, SendError> {
    let to: Address = to.parse().map_err(|_| SendError::Gone("not an e-mail address".into()))?;
    let body = MultiPart::alternative()
        .singlepart(SinglePart::plain(plain_text(message, &sender.office)))
        .singlepart(SinglePart::html(html::page(message, &sender.office)));
    let body = match &message.attachment {
        Some(document) => MultiPart::mixed().multipart(body).singlepart(attachment(document)?),
        None => body,
    };
    Message::builder()
        .from(sender.from.clone())
        .to(Mailbox::new(None, to))
        .subject(message.subject.clone())
        .message_id(Some(message_id(&sender.from, delivery)))
        .raw_header(HeaderValue::new(CONTENT_LANGUAGE, message.lang.code().to_owned()))
        .multipart(body)
        .map_err(|e| SendError::Failed(format!("could not build the letter: {e}")))
}

/// `<hash@sender's domain>`: the hash of the delivery's key, when it was planned and the sender,
/// so a letter sent again after a crash is the same letter to mail clients, and no other letter
/// (of another delivery, or of a database started afresh) ever shares it.
pub fn message_id(from: &Mailbox, (key, planned_at): (&str, DateTime<Utc>)) -> String {
    let mut hash = Sha256::new();
    for field in [key, &planned_at.to_rfc3339(), from.email.as_ref()] {
        hash.update(field.as_bytes());
        hash.update([0]);
    }
    let hex: String = hash.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("<{hex}.baocao@{}>", from.email.domain())
}

/// The text of a letter: the parts, a blank line between them; each button as "Label: link";
/// the office's closing line (and, with links, that they are personal).
pub fn plain_text(message: &OutMessage, office: &str) -> String {
    let mut text = message.parts.join("\n\n");
    let links: Vec<String> = message
        .buttons
        .iter()
        .filter_map(|b| b.link.as_ref().map(|link| format!("{}: {link}", b.label)))
        .collect();
    if !links.is_empty() {
        text.push_str("\n\n");
        text.push_str(&links.join("\n"));
    }
    text.push_str("\n\n-- \n");
    text.push_str(&closing(message, office).join("\n"));
    text.push('\n');
    text
}

/// The closing lines: who sent it automatically, and that the links are the reader's own.
pub fn closing(message: &OutMessage, office: &str) -> Vec<String> {
    let lang: Lang = message.lang;
    let mut lines = vec![Msg::new("email-footer").arg("office", office).render(lang)];
    if message.buttons.iter().any(|b| b.link.is_some()) {
        lines.push(Msg::new("email-link-personal").render(lang));
    }
    lines
}

/// The document as a MIME part of its type (known by its extension), under its own name.
fn attachment(document: &Attachment) -> Result<SinglePart, SendError> {
    let AttachedFile::Bytes(bytes) = &document.file else {
        return Err(SendError::Failed("the document's bytes were not fetched".into()));
    };
    let extension = document.name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let mime = KINDS
        .iter()
        .find(|k| extension.as_deref().is_some_and(|e| k.extensions.contains(&e)))
        .map_or(crate::domain::file_type::OPAQUE, |k| k.mime);
    let content_type = ContentType::parse(mime)
        .map_err(|e| SendError::Failed(format!("the document's type: {e}")))?;
    Ok(MimeAttachment::new(document.name.clone()).body(bytes.as_ref().clone(), content_type))
}

/// The language a letter is written in (RFC 3282): checked when this is compiled.
const CONTENT_LANGUAGE: HeaderName = HeaderName::new_from_ascii_str("Content-Language");

#[cfg(test)]
mod tests;
