//! The issuing office: who collects the reports, as its documents and messages name it — a
//! province's Sở Nội vụ, a commune's office, or (in the 2021 data) a district's Phòng Nội vụ.

use chrono::NaiveDate;

use crate::i18n::{Lang, Msg};

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
    /// The title above the signature of its documents ("GIÁM ĐỐC", "CHÁNH VĂN PHÒNG").
    pub signer: String,
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
            signer: "GIÁM ĐỐC".to_owned(),
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
}
