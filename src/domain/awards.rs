//! The emulation titles and forms of award a unit may propose (danh hiệu thi đua, hình thức khen
//! thưởng), under the Law on Emulation and Commendation 2022: what reaches a province's Sở Nội
//! vụ from its communes and agencies (decided by the province's chair or above), and what reaches
//! a commune's office from its villages and departments (decided by the commune's chair, art.
//! 80). The office may set its own lists; a field of a template that asks for them
//! (`awards = "collective"` or `"individual"`) gets them as its options.

use serde::{Deserialize, Serialize};

use crate::domain::office::OfficeLevel;
use crate::domain::template::{ChoiceOption, Template};
use crate::i18n::Msg;

/// Whom a list of awards is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardsFor {
    /// Collectives and households (tập thể, hộ gia đình).
    Collective,
    /// Individuals (cá nhân).
    Individual,
}

/// The office's lists of titles and forms of award.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Awards {
    pub collective: Vec<ChoiceOption>,
    pub individual: Vec<ChoiceOption>,
}

/// At most this many options on each side (they are buttons).
const MAX: usize = 12;

fn option(key: &str, vi: &str, en: &str) -> ChoiceOption {
    ChoiceOption { key: key.to_owned(), vi: vi.to_owned(), en: en.to_owned() }
}

impl Awards {
    /// The lists of an office of `level` that set none.
    pub fn defaults(level: OfficeLevel) -> Awards {
        match level {
            OfficeLevel::Province => Awards {
                collective: vec![
                    option(
                        "co_thi_dua_tinh",
                        "Cờ thi đua của UBND tỉnh",
                        "Emulation flag of the provincial People's Committee",
                    ),
                    option(
                        "tap_the_lao_dong_xuat_sac",
                        "Tập thể lao động xuất sắc",
                        "Excellent labour collective",
                    ),
                    option(
                        "bang_khen_tinh",
                        "Bằng khen của Chủ tịch UBND tỉnh",
                        "Certificate of merit of the provincial chair",
                    ),
                    option(
                        "co_thi_dua_chinh_phu",
                        "Cờ thi đua của Chính phủ",
                        "Emulation flag of the Government",
                    ),
                    option(
                        "bang_khen_thu_tuong",
                        "Bằng khen của Thủ tướng Chính phủ",
                        "Certificate of merit of the Prime Minister",
                    ),
                ],
                individual: vec![
                    option(
                        "chien_si_thi_dua_tinh",
                        "Chiến sĩ thi đua cấp tỉnh",
                        "Provincial emulation fighter",
                    ),
                    option(
                        "bang_khen_tinh",
                        "Bằng khen của Chủ tịch UBND tỉnh",
                        "Certificate of merit of the provincial chair",
                    ),
                    option(
                        "chien_si_thi_dua_toan_quoc",
                        "Chiến sĩ thi đua toàn quốc",
                        "National emulation fighter",
                    ),
                    option(
                        "bang_khen_thu_tuong",
                        "Bằng khen của Thủ tướng Chính phủ",
                        "Certificate of merit of the Prime Minister",
                    ),
                ],
            },
            OfficeLevel::Commune => Awards {
                collective: vec![
                    option(
                        "thon_van_hoa",
                        "Thôn, tổ dân phố văn hóa",
                        "Cultural village or residential group",
                    ),
                    option("gia_dinh_van_hoa", "Gia đình văn hóa", "Cultural family"),
                    option(
                        "tap_the_lao_dong_tien_tien",
                        "Tập thể lao động tiên tiến",
                        "Advanced labour collective",
                    ),
                    option(
                        "giay_khen_xa",
                        "Giấy khen của Chủ tịch UBND xã",
                        "Certificate of merit of the commune chair",
                    ),
                ],
                individual: vec![
                    option("lao_dong_tien_tien", "Lao động tiên tiến", "Advanced worker"),
                    option(
                        "chien_si_thi_dua_co_so",
                        "Chiến sĩ thi đua cơ sở",
                        "Grassroots emulation fighter",
                    ),
                    option(
                        "giay_khen_xa",
                        "Giấy khen của Chủ tịch UBND xã",
                        "Certificate of merit of the commune chair",
                    ),
                ],
            },
        }
    }

    /// The list for `whom`.
    pub fn of(&self, whom: AwardsFor) -> &[ChoiceOption] {
        match whom {
            AwardsFor::Collective => &self.collective,
            AwardsFor::Individual => &self.individual,
        }
    }

    /// Checks each list: 1 to 12 options, keys of lower-case letters, digits and `_`, each once,
    /// both languages given. The error names the list.
    pub fn validate(&self) -> Result<(), Msg> {
        for (name, list) in [("collective", &self.collective), ("individual", &self.individual)] {
            let mut keys = std::collections::HashSet::new();
            let ok = (1..=MAX).contains(&list.len())
                && list.iter().all(|o| {
                    (1..=32).contains(&o.key.len())
                        && o.key
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                        && keys.insert(o.key.as_str())
                        && !o.vi.trim().is_empty()
                        && !o.en.trim().is_empty()
                        && o.vi.chars().count() <= 80
                        && o.en.chars().count() <= 80
                });
            if !ok {
                return Err(Msg::new("config-awards-invalid").arg("list", name));
            }
        }
        Ok(())
    }

    /// Gives every field of `template` that asks for awards the office's list as its options.
    pub fn fill(&self, template: &mut Template) {
        for q in &mut template.questions {
            if let crate::domain::QuestionKind::List { fields, .. } = &mut q.kind {
                for f in fields.iter_mut() {
                    if let Some(whom) = f.awards {
                        f.options = self.of(whom).to_vec();
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::embedded_templates;
    use crate::domain::QuestionKind;

    fn labels(list: &[ChoiceOption]) -> Vec<&str> {
        list.iter().map(|o| o.vi.as_str()).collect()
    }

    #[test]
    fn a_province_receives_what_its_chair_decides_and_a_commune_what_its_own_chair_does() {
        let province = Awards::defaults(OfficeLevel::Province);
        assert!(labels(&province.collective).contains(&"Cờ thi đua của UBND tỉnh"));
        assert!(labels(&province.collective).contains(&"Tập thể lao động xuất sắc"));
        assert!(labels(&province.individual).contains(&"Chiến sĩ thi đua cấp tỉnh"));
        assert!(labels(&province.individual).contains(&"Bằng khen của Chủ tịch UBND tỉnh"));
        // Decided at commune level (art. 80): a commune does not propose them to the province.
        for commune_level in ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Giấy khen"]
        {
            assert!(
                !labels(&province.individual).iter().any(|l| l.starts_with(commune_level)),
                "{commune_level}"
            );
        }
        let commune = Awards::defaults(OfficeLevel::Commune);
        assert!(labels(&commune.collective).contains(&"Thôn, tổ dân phố văn hóa"));
        assert!(labels(&commune.collective).contains(&"Gia đình văn hóa"));
        assert!(labels(&commune.individual).contains(&"Lao động tiên tiến"));
        assert!(labels(&commune.individual).contains(&"Giấy khen của Chủ tịch UBND xã"));
        assert_eq!(province.validate(), Ok(()));
        assert_eq!(commune.validate(), Ok(()));
    }

    #[test]
    fn the_award_fields_of_a_template_get_the_offices_lists_as_options() {
        let mut year =
            embedded_templates().unwrap().into_iter().find(|t| t.key == "tong-ket-nam").unwrap();
        Awards::defaults(OfficeLevel::Commune).fill(&mut year);
        let options = |key: &str| {
            let q = year.questions.iter().find(|q| q.key == key).unwrap();
            let QuestionKind::List { fields, .. } = &q.kind else { panic!("{key} is a list") };
            let f = fields.iter().find(|f| f.awards.is_some()).unwrap();
            assert_eq!(f.vi, "Danh hiệu thi đua, hình thức khen thưởng đề nghị");
            labels(&f.options).into_iter().map(str::to_owned).collect::<Vec<_>>()
        };
        assert_eq!(options("khen_tap_the")[0], "Thôn, tổ dân phố văn hóa");
        assert_eq!(options("khen_ca_nhan")[0], "Lao động tiên tiến");
    }

    #[test]
    fn a_list_without_options_or_with_a_repeated_key_is_refused() {
        let mut awards = Awards::defaults(OfficeLevel::Province);
        awards.individual.clear();
        assert_eq!(awards.validate().unwrap_err().key, "config-awards-invalid");
        let mut awards = Awards::defaults(OfficeLevel::Province);
        awards.collective.push(awards.collective[0].clone());
        assert!(awards.validate().is_err());
    }
}
