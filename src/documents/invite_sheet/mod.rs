//! The printable invite sheet: one A4 page per invite with the unit's name, a QR code of each
//! way in (the bot's link, the page that registers its holder in a browser: side by side when
//! there are both), each link in text and a few lines of instructions — what an office attaches
//! to its letter or hands over at a meeting. The font is embedded (the same as the chart's), so
//! Vietnamese prints the same from any server.

mod page;
#[cfg(test)]
mod read_back;
mod text;

use crate::actions::invite::{CreatedInvite, InviteWays};
use crate::documents::csv_text;
use crate::domain::office::Office;
use crate::domain::InviteLinks;
use crate::error::{Error, Result};
use crate::i18n::{fmt_datetime, t, Lang, Msg};

use page::invite_sheets;

/// One page: who it is for and the links.
#[derive(Clone, Debug)]
struct Sheet {
    /// The unit's name ("Xã Chiềng Sinh"), or "Cán bộ theo dõi (1/3)" for an officer.
    pub title: String,
    /// The unit's name as written mid-sentence, for the instructions ("xã Chiềng Sinh").
    pub in_sentence: String,
    /// The bot's link, the join page's, or both (two QR codes).
    pub links: InviteLinks,
    /// When the links stop working, as people read it.
    pub expires: String,
    /// An officer's invite (the instructions differ).
    pub officer: bool,
}

/// The columns of the CSV, in order: `link` is the bot's (empty when Telegram is off),
/// `web_link` the join page's (empty when the site is off), last so that the older columns keep
/// their places.
const CSV_HEADER: [&str; 7] = ["code", "name", "kind", "cluster", "link", "expires", "web_link"];

/// The files of a bulk invitation: a CSV (UTF-8 with a BOM, [`CSV_HEADER`]) for mail merge, and
/// the printable PDF, one page per invite. Refused when `ways` has no way in (nothing to print).
pub fn invite_files(
    created: &[CreatedInvite],
    ways: &InviteWays<'_>,
    office: &Office,
    tz: chrono_tz::Tz,
    lang: Lang,
) -> Result<(Vec<u8>, Vec<u8>)> {
    ways.check()?;
    let csv_error = |e: csv::Error| Error::Io(e.into());
    let officers = created.iter().filter(|c| c.for_officer()).count();
    let mut csv = b"\xEF\xBB\xBF".to_vec();
    let mut sheets = Vec::with_capacity(created.len());
    {
        let mut writer = csv::Writer::from_writer(&mut csv);
        writer.write_record(CSV_HEADER).map_err(csv_error)?;
        let mut n = 0_usize;
        for c in created {
            let links = ways.links(&c.code)?;
            let expires = fmt_datetime(c.expires_at, tz);
            n += usize::from(c.for_officer());
            let whom = Whom::of(c, (n, officers), lang);
            let (telegram, web) = (links.telegram().unwrap_or(""), links.web().unwrap_or(""));
            let row = [&whom.code, &whom.name, &whom.kind, &whom.cluster]
                .map(String::as_str)
                .into_iter()
                .chain([telegram, &expires, web])
                .map(csv_text);
            writer.write_record(row).map_err(csv_error)?;
            sheets.push(Sheet {
                title: whom.name,
                in_sentence: whom.in_sentence,
                links,
                expires: until(c.expires_at, tz, lang),
                officer: c.for_officer(),
            });
        }
        writer.flush()?;
    }
    let pdf = invite_sheets(&sheets, office, lang)?;
    Ok((csv, pdf))
}

/// Whom one invite is for, as the CSV and the page name them.
struct Whom {
    code: String,
    name: String,
    in_sentence: String,
    kind: String,
    cluster: String,
}

impl Whom {
    /// A unit's reporter, or the `n`th of `count` officers.
    fn of(invite: &CreatedInvite, (n, count): (usize, usize), lang: Lang) -> Whom {
        match &invite.unit {
            Some(u) => Whom {
                code: u.code.to_string(),
                name: u.name.clone(),
                in_sentence: u.in_sentence(),
                kind: u.kind.msg().render(lang),
                cluster: u.cluster.clone().unwrap_or_default(),
            },
            None => {
                let name = Msg::new("invite-sheet-officer").arg("n", n).arg("count", count);
                let name = name.render(lang);
                Whom {
                    code: String::new(),
                    in_sentence: name.clone(),
                    name,
                    kind: t(lang, "role-officer"),
                    cluster: String::new(),
                }
            }
        }
    }
}

/// The instructions of a page: how to join by each way the page offers (and, with two, that one
/// is enough: they share one code), then what comes after for a reporter (reminders, the
/// questions in the chat or on the page) or what an officer does (follows the reporting, reads
/// reports, reminds, returns or accepts them, exports).
fn steps(sheet: &Sheet, office: &Office, lang: Lang) -> Vec<String> {
    step_keys(&sheet.links, sheet.officer)
        .iter()
        .enumerate()
        .map(|(n, key)| {
            office
                .named(Msg::new(key))
                .arg("n", n + 1)
                .arg("unit", sheet.in_sentence.as_str())
                .render(lang)
        })
        .collect()
}

fn step_keys(links: &InviteLinks, officer: bool) -> &'static [&'static str] {
    match (links, officer) {
        (InviteLinks::Telegram(_), false) => {
            &["invite-sheet-step-1", "invite-sheet-step-2", "invite-sheet-step-3"]
        }
        (InviteLinks::Telegram(_), true) => &[
            "invite-sheet-step-1",
            "invite-sheet-step-2-officer",
            "doc-invite-officer-follow",
            "doc-invite-officer-act",
            "doc-invite-officer-contact",
        ],
        (InviteLinks::Web(_), false) => {
            &["invite-sheet-web-step-1", "invite-sheet-web-step-2", "invite-sheet-web-step-3"]
        }
        (InviteLinks::Web(_), true) => &[
            "invite-sheet-web-step-1",
            "invite-sheet-web-step-2-officer",
            "doc-invite-officer-web",
            "doc-invite-officer-contact",
        ],
        (InviteLinks::Both { .. }, false) => {
            &["invite-sheet-both-telegram", "invite-sheet-both-web", "invite-sheet-both-once"]
        }
        (InviteLinks::Both { .. }, true) => &[
            "invite-sheet-both-telegram-officer",
            "invite-sheet-both-web-officer",
            "doc-invite-officer-both",
            "invite-sheet-both-once",
        ],
    }
}

/// When a link stops working, as a letter writes it: "15 giờ 11 ngày 17/12/2026".
fn until(at: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz, lang: Lang) -> String {
    use chrono::Timelike;
    let local = at.with_timezone(&tz);
    Msg::new("doc-invite-until")
        .arg("hour", local.hour())
        .arg("minute", format!("{:02}", local.minute()))
        .arg("date", local.format("%d/%m/%Y").to_string())
        .render(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::WebConfig;
    use crate::domain::{InviteCode, Role, Unit};

    const TELEGRAM: &str =
        "https://t.me/baocao_dienbien_bot?start=0123456789abcdef0123456789abcdef";
    const WEB: &str =
        "https://baocao.snv.dienbien.gov.vn/join?code=0123456789abcdef0123456789abcdef";

    pub(super) fn sheet(title: &str, links: InviteLinks) -> Sheet {
        Sheet {
            title: title.to_owned(),
            in_sentence: title.to_lowercase(),
            links,
            expires: "16/12/2026 09:00".into(),
            officer: false,
        }
    }

    pub(super) fn both() -> InviteLinks {
        InviteLinks::Both { telegram: TELEGRAM.into(), web: WEB.into() }
    }

    pub(super) fn office() -> Office {
        Office { short_name: "Sở Nội vụ".to_owned(), ..Office::default() }
    }

    #[test]
    fn an_officers_page_says_what_officers_do_and_a_reporters_page_how_to_answer() {
        let office = office();
        let officer = Sheet {
            officer: true,
            ..sheet("Cán bộ theo dõi báo cáo (1/2)", InviteLinks::Telegram(TELEGRAM.into()))
        };
        let text = steps(&officer, &office, Lang::Vi).join("\n");
        for does in ["/tonghop", "/xem", "/nhac", "Trả lại", "Tiếp nhận", "/xuat", "/web"] {
            assert!(text.contains(does), "{does} in {text}");
        }
        assert!(!text.contains("trả lời từng câu"), "{text}");
        assert!(text.contains("liên hệ Sở Nội vụ"), "{text}");
        let reporter = sheet("Xã Chiềng Sinh", InviteLinks::Telegram(TELEGRAM.into()));
        let reporter = steps(&reporter, &office, Lang::Vi).join("\n");
        assert!(reporter.contains("trả lời từng câu") && reporter.contains("xã chiềng sinh"));
        assert!(!reporter.contains("e-mail") && !reporter.contains("bên phải"), "{reporter}");
    }

    /// The steps of `keys` as a page for Xã Chiềng Sinh renders them.
    fn rendered(keys: &[&'static str]) -> Vec<String> {
        let office = office();
        let step = |(n, key): (usize, &&'static str)| {
            let msg = office.named(Msg::new(key)).arg("n", n + 1);
            msg.arg("unit", "xã chiềng sinh").render(Lang::Vi)
        };
        keys.iter().enumerate().map(step).collect()
    }

    #[test]
    fn with_both_ways_each_way_has_its_step_and_one_says_either_will_do() {
        let reporter = sheet("Xã Chiềng Sinh", both());
        assert_eq!(
            steps(&reporter, &office(), Lang::Vi),
            rendered(&[
                "invite-sheet-both-telegram",
                "invite-sheet-both-web",
                "invite-sheet-both-once"
            ])
        );
        let officer = Sheet { officer: true, ..reporter };
        let text = steps(&officer, &office(), Lang::Vi);
        assert_eq!(
            text,
            rendered(&[
                "invite-sheet-both-telegram-officer",
                "invite-sheet-both-web-officer",
                "doc-invite-officer-both",
                "invite-sheet-both-once"
            ])
        );
        assert!(text.join("\n").contains("/tonghop"), "the chat's commands are told too");
        for lang in [Lang::Vi, Lang::En] {
            let text = steps(&officer, &office(), lang).join("\n");
            assert!(text.contains("Telegram") && text.contains("Sở Nội vụ"), "{text}");
        }
    }

    #[test]
    fn without_telegram_the_steps_tell_only_the_browser_and_e_mail() {
        let reporter = sheet("Xã Chiềng Sinh", InviteLinks::Web(WEB.into()));
        assert_eq!(
            steps(&reporter, &office(), Lang::Vi),
            rendered(&[
                "invite-sheet-web-step-1",
                "invite-sheet-web-step-2",
                "invite-sheet-web-step-3"
            ])
        );
        let officer = Sheet { officer: true, ..reporter.clone() };
        assert_eq!(
            steps(&officer, &office(), Lang::Vi),
            rendered(&[
                "invite-sheet-web-step-1",
                "invite-sheet-web-step-2-officer",
                "doc-invite-officer-web",
                "doc-invite-officer-contact"
            ])
        );
        for (page, lang) in [(&reporter, Lang::Vi), (&officer, Lang::Vi), (&officer, Lang::En)] {
            let text = steps(page, &office(), lang).join("\n");
            for absent in ["Telegram", "/tonghop", "/overview", "/web"] {
                assert!(!text.contains(absent), "{absent} in {text}");
            }
            assert!(text.contains("e-mail") && text.contains("Sở Nội vụ"), "{text}");
        }
    }

    pub(super) fn invites() -> Vec<CreatedInvite> {
        use chrono::TimeZone;
        let expires_at = chrono::Utc.with_ymd_and_hms(2026, 12, 16, 2, 0, 0).unwrap();
        let unit = Unit::commune(1, "X-TAMA", "Xã Ta Ma");
        let code = || InviteCode::generate();
        vec![
            CreatedInvite { code: code(), role: Role::Reporter, unit: Some(unit), expires_at },
            CreatedInvite { code: code(), role: Role::Officer, unit: None, expires_at },
        ]
    }

    fn files(ways: &InviteWays<'_>) -> Result<(String, Vec<u8>)> {
        let created = invites();
        let (csv, pdf) =
            invite_files(&created, ways, &office(), chrono_tz::Asia::Ho_Chi_Minh, Lang::Vi)?;
        Ok((String::from_utf8(csv).unwrap(), pdf))
    }

    pub(super) fn site() -> WebConfig {
        let url = url::Url::parse("https://baocao.snv.dienbien.gov.vn/").unwrap();
        WebConfig { addr: "127.0.0.1:8080".parse().unwrap(), url, console_from: Vec::new() }
    }

    #[test]
    fn the_csv_keeps_its_columns_and_adds_the_join_page_last_with_the_same_code() {
        let web = site();
        let (csv, pdf) = files(&InviteWays::new(Some("baocao_dienbien_bot"), Some(&web))).unwrap();
        let mut lines = csv.trim_start_matches('\u{feff}').lines();
        assert_eq!(lines.next(), Some("code,name,kind,cluster,link,expires,web_link"));
        let tama: Vec<&str> = lines.next().unwrap().split(',').collect();
        assert_eq!(&tama[..4], ["X-TAMA", "Xã Ta Ma", "xã", ""]);
        let code = tama[4].strip_prefix("https://t.me/baocao_dienbien_bot?start=").unwrap();
        assert_eq!(tama[5], "16/12/2026 09:00");
        assert_eq!(tama[6], format!("https://baocao.snv.dienbien.gov.vn/join?code={code}"));
        let officer: Vec<&str> = lines.next().unwrap().split(',').collect();
        assert!(officer[4].starts_with("https://t.me/") && officer[6].contains("/join?code="));
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn without_telegram_the_link_column_is_empty_and_with_no_way_nothing_is_made() {
        let web = site();
        let (csv, _) = files(&InviteWays::new(Some(""), Some(&web))).unwrap();
        let tama: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
        assert_eq!(tama[4], "");
        assert!(tama[6].starts_with("https://baocao.snv.dienbien.gov.vn/join?code="));
        let (csv, _) = files(&InviteWays::new(Some("baocao_dienbien_bot"), None)).unwrap();
        let tama: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
        assert!(tama[4].starts_with("https://t.me/") && tama[6].is_empty(), "{tama:?}");
        let refused = files(&InviteWays::new(None, None)).unwrap_err();
        assert_eq!(refused.user_message(), Msg::new("err-invite-no-way"));
    }

    #[test]
    fn the_expiry_is_written_as_a_letter_writes_it() {
        use chrono::TimeZone;
        let tz = chrono_tz::Asia::Ho_Chi_Minh;
        let at = tz.with_ymd_and_hms(2026, 12, 17, 15, 11, 0).unwrap().with_timezone(&chrono::Utc);
        assert_eq!(until(at, tz, Lang::Vi), "15 giờ 11 ngày 17/12/2026");
        let at = tz.with_ymd_and_hms(2026, 12, 17, 9, 5, 0).unwrap().with_timezone(&chrono::Utc);
        assert_eq!(until(at, tz, Lang::Vi), "9 giờ 05 ngày 17/12/2026");
        let expires = Msg::new("doc-invite-expires").arg("expires", until(at, tz, Lang::Vi));
        assert_eq!(
            expires.render(Lang::Vi),
            "Link dùng được một lần, đến 9 giờ 05 ngày 17/12/2026."
        );
    }
}
