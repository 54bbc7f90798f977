//! The issuing office: who collects the reports, as its documents and messages name it — a
//! province's Sở Nội vụ, a commune's office, or (in the 2021 data) a district's Phòng Nội vụ.

use chrono::NaiveDate;

use crate::i18n::{Lang, Msg};

/// Which level of government the office serves: it decides the defaults of the signature, the
/// drafting section and the titles and awards units may propose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OfficeLevel {
    /// A province's Sở Nội vụ, with its communes, wards and agencies.
    #[default]
    Province,
    /// A commune's (ward's) Văn phòng HĐND và UBND, with its villages and departments.
    Commune,
}

impl OfficeLevel {
    /// The level as written in a setting: `province` (tỉnh, sở) or `commune` (xã, phường).
    pub fn parse(s: &str) -> Option<OfficeLevel> {
        match crate::domain::text::one_line(s).to_lowercase().as_str() {
            "province" | "tinh" | "tỉnh" | "so" | "sở" => Some(OfficeLevel::Province),
            "commune" | "ward" | "xa" | "xã" | "phuong" | "phường" => {
                Some(OfficeLevel::Commune)
            }
            _ => None,
        }
    }

    /// The level of an office nobody set one for: a commune's when its parent body or its own
    /// name is a commune's, ward's or special zone's ("UBND XÃ CHIỀNG SINH", "VĂN PHÒNG HĐND VÀ
    /// UBND"), a province's otherwise.
    pub fn guess(parent: &str, name: &str) -> OfficeLevel {
        let words: Vec<String> = parent.split_whitespace().map(str::to_uppercase).collect();
        let commune_parent = words.iter().any(|w| matches!(w.as_str(), "XÃ" | "PHƯỜNG"))
            || words.windows(2).any(|w| w[0] == "ĐẶC" && w[1] == "KHU");
        if commune_parent || name.to_uppercase().contains("HĐND VÀ UBND") {
            OfficeLevel::Commune
        } else {
            OfficeLevel::Province
        }
    }

    /// The setting's word for the level.
    pub fn code(self) -> &'static str {
        match self {
            OfficeLevel::Province => "province",
            OfficeLevel::Commune => "commune",
        }
    }

    /// Who signs the office's documents when the setting is not given: a Sở's director, a
    /// commune office's chief.
    pub fn default_signer(self) -> &'static str {
        match self {
            OfficeLevel::Province => "GIÁM ĐỐC",
            OfficeLevel::Commune => "CHÁNH VĂN PHÒNG",
        }
    }

    /// The drafting section in "Lưu: VT, …" when the setting is not given: a Sở's emulation
    /// and commendation section, a commune's office itself.
    pub fn default_section(self) -> &'static str {
        match self {
            OfficeLevel::Province => "TĐKT",
            OfficeLevel::Commune => "VP",
        }
    }
}

/// The office as configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Office {
    /// The body above the office, upper-case in documents ("UBND TỈNH ĐIỆN BIÊN"); may be empty.
    pub parent: String,
    /// The office's own name in document headers ("SỞ NỘI VỤ").
    pub name: String,
    /// The name used in messages ("Sở Nội vụ"), as Decree 30 capitalises an agency's name.
    pub short_name: String,
    /// The place of the date line ("Điện Biên, ngày …"); empty leaves a blank to fill in.
    pub place: String,
    /// The office's symbol in document numbers ("Số: …/BC-SNV").
    pub symbol: String,
    /// The title above the signature of its documents, one line per authority ("GIÁM ĐỐC";
    /// "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"; "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH").
    pub signer: String,
    /// The level of government it serves.
    pub level: OfficeLevel,
    /// "Nơi nhận" as the office writes it, one recipient a line ("UBND tỉnh (để báo cáo)");
    /// empty: its parent body, to be reported to.
    pub recipients: Vec<String>,
    /// The drafting section in "Lưu: VT, {section}." ("TĐKT").
    pub section: String,
    /// What each template reports on, by template key ("công tác thi đua, khen thưởng"), for
    /// the title of the compiled report.
    pub subjects: Vec<Subject>,
}

/// What a template's reports are about, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    pub template: String,
    pub vi: String,
    pub en: String,
}

impl Default for Office {
    /// Today's typical office, until the operator names theirs (`config check` shows it).
    fn default() -> Office {
        Office {
            parent: String::new(),
            name: "SỞ NỘI VỤ".to_owned(),
            short_name: "Sở Nội vụ".to_owned(),
            place: String::new(),
            symbol: "SNV".to_owned(),
            signer: OfficeLevel::Province.default_signer().to_owned(),
            level: OfficeLevel::Province,
            recipients: Vec::new(),
            section: OfficeLevel::Province.default_section().to_owned(),
            subjects: Vec::new(),
        }
    }
}

impl Office {
    /// `msg` with the office's name as `$office`, for messages that speak of it.
    pub fn named(&self, msg: Msg) -> Msg {
        msg.arg("office", self.short_name.as_str())
    }

    /// The date line of a document: "Điện Biên, ngày 18 tháng 6 năm 2021" (in English,
    /// "Điện Biên, 18/06/2021").
    pub fn date_line(&self, date: NaiveDate, lang: Lang) -> String {
        let place = if self.place.is_empty() { "……" } else { self.place.as_str() };
        match lang {
            Lang::Vi => format!("{place}, {}", formal_date(date)),
            Lang::En => format!("{place}, {}", date.format("%d/%m/%Y")),
        }
    }

    /// The lines of the signature's title, each as given ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC").
    pub fn signer_lines(&self) -> Vec<&str> {
        self.signer.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
    }

    /// The recipients as set, each without the list's dash and closing punctuation (the
    /// document adds them).
    pub fn recipient_lines(&self) -> Vec<String> {
        self.recipients
            .iter()
            .map(|r| r.trim().trim_start_matches(['-', '–', '+']).trim_end_matches([';', '.', ',']))
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The recipients its documents name: those set, else its parent body to be reported to
    /// ("UBND tỉnh Điện Biên (để báo cáo)"), else a blank to fill in.
    pub fn recipients(&self, lang: Lang) -> Vec<String> {
        let set = self.recipient_lines();
        if !set.is_empty() {
            return set;
        }
        vec![if self.parent.is_empty() {
            crate::i18n::t(lang, "doc-recipient-blank")
        } else {
            Msg::new("doc-recipient-parent").arg("parent", self.parent_in_sentence()).render(lang)
        }]
    }

    /// The parent body as written in a list of recipients: "UBND TỈNH ĐIỆN BIÊN" becomes
    /// "UBND tỉnh Điện Biên"; a name not in capitals, or not a People's Committee's, as given.
    pub fn parent_in_sentence(&self) -> String {
        body_in_sentence(&self.parent)
    }

    /// What the template `key` reports on, in `lang`, when it says.
    pub fn subject(&self, key: &str, lang: Lang) -> Option<&str> {
        let s = self.subjects.iter().find(|s| s.template == key)?;
        Some(match lang {
            Lang::Vi => &s.vi,
            Lang::En => &s.en,
        })
    }
}

/// "UBND TỈNH ĐIỆN BIÊN" → "UBND tỉnh Điện Biên", "ỦY BAN NHÂN DÂN XÃ TA MA" → "Ủy ban nhân dân
/// xã Ta Ma": the level lower-case, the place name capitalised word by word (Decree 30's rule
/// for names of places), "UBND"/"HĐND" kept.
fn body_in_sentence(body: &str) -> String {
    let body = body.trim();
    if body.chars().any(char::is_lowercase) {
        return body.to_owned();
    }
    let upper: Vec<&str> = body.split_whitespace().collect();
    let (head, rest) = match upper.as_slice() {
        ["UBND", rest @ ..] => ("UBND".to_owned(), rest),
        ["HĐND", rest @ ..] => ("HĐND".to_owned(), rest),
        ["ỦY", "BAN", "NHÂN", "DÂN", rest @ ..] => ("Ủy ban nhân dân".to_owned(), rest),
        _ => return body.to_owned(),
    };
    let level_words = match rest {
        ["THÀNH", "PHỐ", ..] | ["ĐẶC", "KHU", ..] | ["THỊ", "TRẤN", ..] => 2,
        ["TỈNH" | "XÃ" | "PHƯỜNG" | "HUYỆN" | "QUẬN", ..] => 1,
        _ => return body.to_owned(),
    };
    let mut words = vec![head];
    words.extend(rest[..level_words].iter().map(|w| w.to_lowercase()));
    words.extend(rest[level_words..].iter().map(|w| capitalised(w)));
    words.join(" ")
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect())
        .unwrap_or_default()
}

/// A date as Decree 30/2020 writes it in documents: the day and the month zero-padded only when
/// below 10 for days and for January and February ("ngày 05 tháng 01 năm 2022", "ngày 18 tháng 6
/// năm 2021").
pub fn formal_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    let month = match date.month() {
        m @ (1 | 2) => format!("{m:02}"),
        m => m.to_string(),
    };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn months_are_zero_padded_only_for_january_and_february() {
        assert_eq!(formal_date(day(2021, 6, 18)), "ngày 18 tháng 6 năm 2021");
        assert_eq!(formal_date(day(2022, 1, 5)), "ngày 05 tháng 01 năm 2022");
        assert_eq!(formal_date(day(2022, 2, 28)), "ngày 28 tháng 02 năm 2022");
        assert_eq!(formal_date(day(2025, 12, 1)), "ngày 01 tháng 12 năm 2025");
    }

    #[test]
    fn the_date_line_leaves_a_blank_when_no_place_is_set() {
        let office = Office { place: "Điện Biên".to_owned(), ..Office::default() };
        let date = day(2025, 7, 10);
        assert_eq!(office.date_line(date, Lang::Vi), "Điện Biên, ngày 10 tháng 7 năm 2025");
        assert_eq!(Office::default().date_line(date, Lang::Vi), "……, ngày 10 tháng 7 năm 2025");
    }

    #[test]
    fn a_parent_body_in_capitals_is_written_as_a_name_in_a_list_of_recipients() {
        let of = |parent: &str| Office { parent: parent.to_owned(), ..Office::default() };
        assert_eq!(of("UBND TỈNH ĐIỆN BIÊN").parent_in_sentence(), "UBND tỉnh Điện Biên");
        assert_eq!(of("UBND XÃ CHIỀNG SINH").parent_in_sentence(), "UBND xã Chiềng Sinh");
        assert_eq!(
            of("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI").parent_in_sentence(),
            "Ủy ban nhân dân thành phố Hà Nội"
        );
        assert_eq!(of("UBND HUYỆN TUẦN GIÁO").parent_in_sentence(), "UBND huyện Tuần Giáo");
        assert_eq!(of("UBND tỉnh Điện Biên").parent_in_sentence(), "UBND tỉnh Điện Biên");
        assert_eq!(of("BỘ NỘI VỤ").parent_in_sentence(), "BỘ NỘI VỤ", "not guessed");
    }

    #[test]
    fn the_level_is_guessed_from_the_parent_body_or_the_office_name() {
        assert_eq!(OfficeLevel::guess("UBND TỈNH ĐIỆN BIÊN", "SỞ NỘI VỤ"), OfficeLevel::Province);
        assert_eq!(
            OfficeLevel::guess("UBND XÃ CHIỀNG SINH", "VĂN PHÒNG HĐND VÀ UBND"),
            OfficeLevel::Commune
        );
        assert_eq!(
            OfficeLevel::guess("UBND PHƯỜNG MƯỜNG THANH", "VĂN PHÒNG"),
            OfficeLevel::Commune
        );
        assert_eq!(OfficeLevel::guess("", "VĂN PHÒNG HĐND VÀ UBND XÃ"), OfficeLevel::Commune);
        assert_eq!(OfficeLevel::guess("", "SỞ NỘI VỤ"), OfficeLevel::Province);
        assert_eq!(OfficeLevel::parse(" Xã "), Some(OfficeLevel::Commune));
        assert_eq!(OfficeLevel::parse("province"), Some(OfficeLevel::Province));
        assert_eq!(OfficeLevel::parse("huyện"), None);
    }

    #[test]
    fn the_signer_is_one_line_per_authority_and_recipients_lose_their_dashes() {
        let office = Office {
            signer: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n".to_owned(),
            recipients: vec!["- UBND tỉnh (để báo cáo);".to_owned(), "  ".to_owned()],
            ..Office::default()
        };
        assert_eq!(office.signer_lines(), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
        assert_eq!(office.recipient_lines(), ["UBND tỉnh (để báo cáo)"]);
        let unset = Office { parent: "UBND TỈNH ĐIỆN BIÊN".to_owned(), ..Office::default() };
        assert_eq!(unset.recipients(Lang::Vi), ["UBND tỉnh Điện Biên (để báo cáo)"]);
        assert_eq!(Office::default().recipients(Lang::Vi), ["……………………"], "a blank to fill in");
    }
}
