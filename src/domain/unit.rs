//! Reporting units: communes, towns, wards and agencies.

use std::fmt;

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
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Town,
    Commune,
    Ward,
    Agency,
}

impl UnitKind {
    /// Parses the CSV / database spelling (English, or the Vietnamese word).
    pub fn parse(s: &str) -> Result<UnitKind, UnitError> {
        match clean(s).to_lowercase().as_str() {
            "town" | "thị trấn" => Ok(UnitKind::Town),
            "commune" | "xã" => Ok(UnitKind::Commune),
            "ward" | "phường" => Ok(UnitKind::Ward),
            "agency" | "cơ quan" => Ok(UnitKind::Agency),
            other => Err(UnitError::KindUnknown(other.to_owned())),
        }
    }

    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Town => "town",
            UnitKind::Commune => "commune",
            UnitKind::Ward => "ward",
            UnitKind::Agency => "agency",
        }
    }

    /// Message key of the kind's name.
    pub fn msg(self) -> Msg {
        Msg::new(match self {
            UnitKind::Town => "unit-kind-town",
            UnitKind::Commune => "unit-kind-commune",
            UnitKind::Ward => "unit-kind-ward",
            UnitKind::Agency => "unit-kind-agency",
        })
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
    fn kind_accepts_english_and_vietnamese() {
        assert_eq!(UnitKind::parse("commune"), Ok(UnitKind::Commune));
        assert_eq!(UnitKind::parse("Thị trấn"), Ok(UnitKind::Town));
        assert!(matches!(UnitKind::parse("village"), Err(UnitError::KindUnknown(_))));
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
