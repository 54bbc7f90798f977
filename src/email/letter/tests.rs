//! The letter as a mail client reads it (parsed back with `mail-parser`, not by hand).

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use mail_parser::{MessageParser, MimeHeaders};

use super::*;
use crate::domain::PeriodId;
use crate::outbox::{Action, Button};

const NOTICE: &str = "Kính gửi đồng chí Lò Văn Hùng,\nSở Nội vụ đã mở báo cáo 6 tháng đầu năm 2021 cho xã Ta Ma.\nHạn gửi: 16/06/2021 17:00.";
const LINK: &str = "https://baocao.dienbien.gov.vn/login?code=AbC123";

fn sender() -> Sender {
    let from = "Sở Nội vụ Điện Biên <baocao@snv.dienbien.gov.vn>".parse().unwrap();
    Sender { from, office: "Sở Nội vụ".to_owned() }
}

fn notice() -> OutMessage {
    OutMessage {
        subject: "Báo cáo 6 tháng đầu năm 2021 – Xã Ta Ma – hạn gửi 16/06/2021 17:00".to_owned(),
        parts: vec![NOTICE.to_owned(), "Ghi chú: 3 < 5 & \"đề cương\" kèm theo.".to_owned()],
        buttons: vec![Button {
            label: "📝 Báo cáo ngay".to_owned(),
            action: Action::StartReport(PeriodId(1)),
            link: Some(LINK.to_owned()),
        }],
        attachment: Some(Attachment {
            name: "Công văn số 123 – đề cương.pdf".to_owned(),
            file: AttachedFile::Bytes(Arc::new(b"%PDF-1.4 cong van".to_vec())),
        }),
        lang: Lang::Vi,
    }
}

fn planned() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 6, 1, 2, 1, 0).unwrap()
}

fn raw(message: &OutMessage, key: &str) -> Vec<u8> {
    letter(&sender(), "chutich@tama.dienbien.gov.vn", message, (key, planned()))
        .unwrap()
        .formatted()
}

#[test]
fn a_letter_carries_the_subject_sender_reader_and_language_on_a_seven_bit_wire() {
    let raw = raw(&notice(), "opened:1:7:email");
    assert!(raw.is_ascii(), "every server carries it: Vietnamese is encoded, not sent as 8-bit");
    let mail = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(mail.subject(), Some(notice().subject.as_str()));
    let from = mail.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some("Sở Nội vụ Điện Biên"));
    assert_eq!(from.address(), Some("baocao@snv.dienbien.gov.vn"));
    let to = mail.to().unwrap().first().unwrap();
    assert_eq!(to.address(), Some("chutich@tama.dienbien.gov.vn"));
    assert_eq!(mail.header_raw("Content-Language").map(str::trim), Some("vi"));
    assert!(mail.date().is_some());
}

#[test]
fn the_text_and_the_html_say_the_same_with_the_personal_link() {
    let raw = raw(&notice(), "opened:1:7:email");
    let mail = MessageParser::default().parse(&raw).unwrap();
    // Lines end in CRLF on the wire.
    let text = mail.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(text.contains(NOTICE), "{text}");
    assert!(text.contains("Ghi chú: 3 < 5 & \"đề cương\" kèm theo."), "{text}");
    assert!(text.contains(&format!("📝 Báo cáo ngay: {LINK}")), "{text}");
    assert!(text.contains(&Msg::new("email-link-personal").render(Lang::Vi)), "{text}");
    let html = mail.body_html(0).unwrap();
    assert!(html.contains("Kính gửi đồng chí Lò Văn Hùng,<br>Sở Nội vụ đã mở"), "{html}");
    assert!(html.contains("3 &lt; 5 &amp; &quot;đề cương&quot;"), "escaped: {html}");
    assert!(html.contains(&format!("<a href=\"{LINK}\"")), "{html}");
    assert!(html.contains("📝 Báo cáo ngay</a>"), "{html}");
    assert!(html.contains("name=\"viewport\""), "fits a phone");
    for remote in ["<img", "<link", "<script", "url("] {
        assert!(!html.contains(remote), "nothing fetched from elsewhere: {remote}");
    }
}

#[test]
fn the_office_document_is_attached_under_its_own_name() {
    let raw = raw(&notice(), "opened:1:7:email");
    let mail = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(mail.attachment_count(), 1);
    let document = mail.attachment(0).unwrap();
    assert_eq!(document.attachment_name(), Some("Công văn số 123 – đề cương.pdf"));
    assert_eq!(document.contents(), b"%PDF-1.4 cong van");
    let kind = document.content_type().unwrap();
    assert_eq!((kind.ctype(), kind.subtype()), ("application", Some("pdf")));
    // Text and HTML are alternatives of one body, beside the document.
    assert_eq!((mail.text_body_count(), mail.html_body_count()), (1, 1));
}

#[test]
fn a_message_without_buttons_or_document_is_a_plain_alternative() {
    let message = OutMessage {
        subject: "Thông báo".to_owned(),
        parts: vec!["Xin chào".to_owned()],
        lang: Lang::En,
        ..OutMessage::default()
    };
    let mail_raw = raw(&message, "announce:1:2:email");
    let mail = MessageParser::default().parse(&mail_raw).unwrap();
    assert_eq!(mail.attachment_count(), 0);
    let text = mail.body_text(0).unwrap();
    assert!(
        !text.contains(&Msg::new("email-link-personal").render(Lang::En)),
        "no links, no warning"
    );
    assert_eq!(mail.header_raw("Content-Language").map(str::trim), Some("en"));
}

#[test]
fn the_message_id_is_the_same_for_one_delivery_and_another_for_any_other() {
    let id = |key: &str, at: DateTime<Utc>| message_id(&sender().from, (key, at));
    let first = id("opened:1:7:email", planned());
    assert_eq!(first, id("opened:1:7:email", planned()), "a retry is the same letter");
    assert!(first.starts_with('<') && first.ends_with("@snv.dienbien.gov.vn>"), "{first}");
    assert_ne!(first, id("opened:1:8:email", planned()), "another delivery");
    let later = planned() + chrono::Duration::seconds(1);
    assert_ne!(first, id("opened:1:7:email", later), "the same key in a database started afresh");
    let mail_raw = raw(&notice(), "opened:1:7:email");
    let mail = MessageParser::default().parse(&mail_raw).unwrap();
    assert_eq!(mail.message_id().map(|m| format!("<{m}>")), Some(first));
}

#[test]
fn an_address_that_is_not_one_is_gone_and_a_document_left_on_telegram_fails() {
    let error = letter(&sender(), "not an address", &notice(), ("k", planned())).unwrap_err();
    assert!(matches!(error, SendError::Gone(_)), "{error:?}");
    let mut message = notice();
    if let Some(document) = &mut message.attachment {
        document.file = AttachedFile::ChannelId("tg-file".to_owned());
    }
    let error = letter(&sender(), "a@b.vn", &message, ("k", planned())).unwrap_err();
    assert!(matches!(error, SendError::Failed(_)), "{error:?}");
}
