//! Reporting units: communes, wards and special zones of a province; villages and departments of
//! a commune; agencies; and the towns (thị trấn) of before 2025.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

use super::text::clean;

/// Database identity of a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnitId(pub i64);

/// A unit's short code, e.g. `X-TAMA`: ASCII letters, digits, `-` and `_`, stored upper-case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnitCode(String);

/// Longest unit code accepted.
pub const UNIT_CODE_MAX: usize = 32;
/// Longest unit name accepted, in characters.
pub const UNIT_NAME_MAX: usize = 120;

/// Why a unit field was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitError {
    CodeEmpty,
    CodeTooLong,
    CodeBadChars,
    NameEmpty,
    NameTooLong,
    KindUnknown(String),
    ClusterTooLong,
}

impl UnitError {
    /// What to tell the person who typed it.
    pub fn msg(&self) -> Msg {
        match self {
            UnitError::CodeEmpty => Msg::new("err-unit-code-empty"),
            UnitError::CodeTooLong => Msg::new("err-unit-code-too-long").arg("max", UNIT_CODE_MAX),
            UnitError::CodeBadChars => Msg::new("err-unit-code-chars"),
            UnitError::NameEmpty => Msg::new("err-unit-name-empty"),
            UnitError::NameTooLong => Msg::new("err-unit-name-too-long").arg("max", UNIT_NAME_MAX),
            UnitError::KindUnknown(kind) => Msg::new("err-unit-kind").arg("kind", kind.as_str()),
            UnitError::ClusterTooLong => {
                Msg::new("err-unit-cluster-too-long").arg("max", UNIT_NAME_MAX)
            }
        }
    }
}

impl UnitCode {
    /// Parses a code as typed; lower case is accepted and stored upper-case.
    pub fn parse(s: &str) -> Result<UnitCode, UnitError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(UnitError::CodeEmpty);
        }
        if s.len() > UNIT_CODE_MAX {
            return Err(UnitError::CodeTooLong);
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(UnitError::CodeBadChars);
        }
        Ok(UnitCode(s.to_ascii_uppercase()))
    }

    /// The code as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of body a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Xã.
    Commune,
    /// Phường.
    Ward,
    /// Đặc khu (the island special zones of 2025).
    SpecialZone,
    /// Thị trấn: abolished with the districts in 2025, kept for the units of before.
    Town,
    /// Cơ quan, đơn vị: a sở, ban, ngành.
    Agency,
    /// Thôn, bản, tổ dân phố of a commune.
    Village,
    /// Phòng, ban of a commune's office.
    Department,
}

impl UnitKind {
    /// Every kind, in the order lists show them.
    pub const ALL: [UnitKind; 7] = [
        UnitKind::Commune,
        UnitKind::Ward,
        UnitKind::SpecialZone,
        UnitKind::Town,
        UnitKind::Agency,
        UnitKind::Village,
        UnitKind::Department,
    ];

    /// The word a CSV file or a page's address writes for it ("commune", "special_zone").
    pub fn word(self) -> &'static str {
        match self {
            UnitKind::Commune => "commune",
            UnitKind::Ward => "ward",
            UnitKind::SpecialZone => "special_zone",
            UnitKind::Town => "town",
            UnitKind::Agency => "agency",
            UnitKind::Village => "village",
            UnitKind::Department => "department",
        }
    }

    /// Parses the CSV spelling: the stored word, or the Vietnamese one.
    pub fn parse(s: &str) -> Result<UnitKind, UnitError> {
        let word = clean(s).to_lowercase().replace([' ', '-'], "_");
        match word.as_str() {
            "commune" | "xã" => Ok(UnitKind::Commune),
            "ward" | "phường" => Ok(UnitKind::Ward),
            "special_zone" | "đặc_khu" => Ok(UnitKind::SpecialZone),
            "town" | "thị_trấn" => Ok(UnitKind::Town),
            "agency" | "cơ_quan" | "đơn_vị" | "sở" | "ban" | "ngành" => {
                Ok(UnitKind::Agency)
            }
            "village" | "thôn" | "bản" | "tổ_dân_phố" | "ấp" | "buôn" | "làng" | "xóm" => {
                Ok(UnitKind::Village)
            }
            "department" | "phòng" | "phòng_ban" => Ok(UnitKind::Department),
            _ => Err(UnitError::KindUnknown(clean(s))),
        }
    }

    /// Message key of the kind's name.
    pub fn msg(self) -> Msg {
        Msg::new(match self {
            UnitKind::Commune => "unit-kind-commune",
            UnitKind::Ward => "unit-kind-ward",
            UnitKind::SpecialZone => "unit-kind-special-zone",
            UnitKind::Town => "unit-kind-town",
            UnitKind::Agency => "unit-kind-agency",
            UnitKind::Village => "unit-kind-village",
            UnitKind::Department => "unit-kind-department",
        })
    }

    /// A place (xã, phường, đặc khu, thị trấn, thôn…), whose name Decree 30 writes with a
    /// lower-case first word mid-sentence ("xã Ta Ma"); agencies and departments keep theirs.
    pub fn is_place(self) -> bool {
        !matches!(self, UnitKind::Agency | UnitKind::Department)
    }
}

/// A unit's name as written mid-sentence: "Xã Ta Ma" becomes "xã Ta Ma" for places; an
/// agency's name ("Công an xã", "Phòng Văn hóa - Xã hội") is a proper name and stays.
pub fn name_in_sentence(name: &str, kind: UnitKind) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if kind.is_place() && first.is_uppercase() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => name.to_owned(),
    }
}

/// A unit as given to import: validated, not yet stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUnit {
    pub code: UnitCode,
    pub name: String,
    pub kind: UnitKind,
    pub cluster: Option<String>,
}

impl NewUnit {
    /// Validates the fields of one unit.
    pub fn parse(code: &str, name: &str, kind: &str, cluster: &str) -> Result<NewUnit, UnitError> {
        let code = UnitCode::parse(code)?;
        let name = clean(name);
        if name.is_empty() {
            return Err(UnitError::NameEmpty);
        }
        if name.chars().count() > UNIT_NAME_MAX {
            return Err(UnitError::NameTooLong);
        }
        let kind = UnitKind::parse(kind)?;
        let cluster = clean(cluster);
        if cluster.chars().count() > UNIT_NAME_MAX {
            return Err(UnitError::ClusterTooLong);
        }
        let cluster = (!cluster.is_empty()).then_some(cluster);
        Ok(NewUnit { code, name, kind, cluster })
    }
}

/// A stored unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub id: UnitId,
    pub code: UnitCode,
    pub name: String,
    pub kind: UnitKind,
    pub cluster: Option<String>,
    pub position: i64,
    pub active: bool,
    /// The day it came into being, when known (e.g. 01/07/2025 for a merged commune).
    pub valid_from: Option<NaiveDate>,
    /// The day it ceased to exist (merged or dissolved).
    pub valid_to: Option<NaiveDate>,
    /// The unit it was merged into.
    pub merged_into: Option<UnitId>,
}

impl Unit {
    /// Its name as written mid-sentence ("xã Ta Ma").
    pub fn in_sentence(&self) -> String {
        name_in_sentence(&self.name, self.kind)
    }

    /// An active commune `code` named `name`, number `id` and placed `id`th: the unit tests
    /// across the crate need.
    #[cfg(test)]
    #[allow(clippy::unwrap_used)]
    pub fn commune(id: i64, code: &str, name: &str) -> Unit {
        Unit {
            id: UnitId(id),
            code: UnitCode::parse(code).unwrap(),
            name: name.to_owned(),
            kind: UnitKind::Commune,
            cluster: None,
            position: id,
            active: true,
            valid_from: None,
            valid_to: None,
            merged_into: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn code_is_stored_upper_case() {
        assert_eq!(UnitCode::parse(" x-tama ").unwrap().as_str(), "X-TAMA");
    }

    #[test]
    fn code_with_spaces_or_vietnamese_letters_is_rejected() {
        assert_eq!(UnitCode::parse("X TAMA"), Err(UnitError::CodeBadChars));
        assert_eq!(UnitCode::parse("X-TẢMA"), Err(UnitError::CodeBadChars));
        assert_eq!(UnitCode::parse(""), Err(UnitError::CodeEmpty));
    }

    #[test]
    fn every_kind_reads_back_from_its_word() {
        for kind in UnitKind::ALL {
            assert_eq!(UnitKind::parse(kind.word()), Ok(kind));
        }
    }

    #[test]
    fn kind_accepts_english_and_vietnamese() {
        assert_eq!(UnitKind::parse("commune"), Ok(UnitKind::Commune));
        assert_eq!(UnitKind::parse("Thị trấn"), Ok(UnitKind::Town));
        assert_eq!(UnitKind::parse("Đặc khu"), Ok(UnitKind::SpecialZone));
        assert_eq!(UnitKind::parse("special_zone"), Ok(UnitKind::SpecialZone));
        assert_eq!(UnitKind::parse("tổ dân phố"), Ok(UnitKind::Village));
        assert_eq!(UnitKind::parse("Bản"), Ok(UnitKind::Village));
        assert_eq!(UnitKind::parse("phòng"), Ok(UnitKind::Department));
        assert_eq!(UnitKind::parse("sở"), Ok(UnitKind::Agency));
        assert!(matches!(UnitKind::parse("huyện"), Err(UnitError::KindUnknown(_))));
    }

    #[test]
    fn place_names_are_lower_case_mid_sentence_and_agencies_keep_theirs() {
        assert_eq!(name_in_sentence("Xã Ta Ma", UnitKind::Commune), "xã Ta Ma");
        assert_eq!(name_in_sentence("Phường Mường Thanh", UnitKind::Ward), "phường Mường Thanh");
        assert_eq!(name_in_sentence("Đặc khu Côn Đảo", UnitKind::SpecialZone), "đặc khu Côn Đảo");
        assert_eq!(name_in_sentence("Bản Huổi Lóng", UnitKind::Village), "bản Huổi Lóng");
        assert_eq!(name_in_sentence("Công an xã", UnitKind::Agency), "Công an xã");
        assert_eq!(
            name_in_sentence("Phòng Văn hóa - Xã hội", UnitKind::Department),
            "Phòng Văn hóa - Xã hội"
        );
    }

    #[test]
    fn empty_cluster_is_none_and_name_is_required() {
        let unit = NewUnit::parse("X-TAMA", "Xã Ta Ma", "commune", " ").unwrap();
        assert_eq!(unit.cluster, None);
        assert_eq!(NewUnit::parse("X-TAMA", "  ", "commune", ""), Err(UnitError::NameEmpty));
    }

    proptest! {
        #[test]
        fn unit_parsers_never_panic(code in any::<String>(), name in any::<String>(), kind in any::<String>()) {
            let _ = NewUnit::parse(&code, &name, &kind, &name);
        }
    }
}
