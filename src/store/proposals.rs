//! The lists units sent in other periods (the award proposals among them), for a commendation
//! list to say when a name was proposed before.

use chrono::NaiveDate;
use sqlx::Row;

use crate::domain::nominee::SentList;
use crate::domain::{Answer, PeriodId, ReportStatus, UnitKind};
use crate::error::Result;

use super::periods::period_from_row;
use super::stored_words::{Place, Stored};
use super::Store;

impl Store {
    /// Every list answer of the reports that count (not returned for correction) in the
    /// periods other than `except` whose data window ends between `from` and `to` (inclusive),
    /// with the period and the unit's name as that period knew it; in the order of the periods'
    /// ends, then the units' order.
    pub async fn lists_sent_between(
        &self,
        except: PeriodId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SentList>> {
        let rows = sqlx::query(
            "SELECT p.*, COALESCE(pu.unit_name, u.name) AS unit_name, u.kind AS unit_kind,
                    u.id AS unit_id, ra.question_key, ra.value_json
             FROM periods p
             JOIN reports r ON r.period_id = p.id AND r.status <> ?
             JOIN report_answers ra ON ra.report_id = r.id AND ra.value_json LIKE '{\"type\":\"list\"%'
             JOIN units u ON u.id = r.unit_id
             LEFT JOIN period_units pu ON pu.period_id = p.id AND pu.unit_id = u.id
             WHERE p.id <> ? AND p.data_to >= ? AND p.data_to <= ?
             ORDER BY p.data_to, p.id, u.position, u.id, ra.question_key",
        )
        .bind(ReportStatus::Returned.code())
        .bind(except.0)
        .bind(from.format("%Y-%m-%d").to_string())
        .bind(to.format("%Y-%m-%d").to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut lists = Vec::with_capacity(rows.len());
        for row in &rows {
            let unit: i64 = row.try_get("unit_id")?;
            let kind: String = row.try_get("unit_kind")?;
            let json: String = row.try_get("value_json")?;
            let Answer::List { items } = serde_json::from_str(&json)? else { continue };
            lists.push(SentList {
                period: period_from_row(row)?,
                unit: row.try_get("unit_name")?,
                unit_kind: UnitKind::decode(&kind, Place::new("units", "kind", unit))?,
                question: row.try_get("question_key")?,
                items,
            });
        }
        Ok(lists)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::{Duration, TimeZone, Utc};

    use crate::domain::{Audience, Decision, Draft, NewMember, PeriodKind, Role, UnitCode};
    use crate::i18n::Lang;
    use crate::store::periods::tests::{first_half, now, open, with_units};
    use crate::store::Actor;

    use super::*;

    fn nominees(names: &[&str]) -> Answer {
        let items =
            names.iter().map(|n| BTreeMap::from([("ten".to_owned(), (*n).to_owned())])).collect();
        Answer::List { items }
    }

    #[tokio::test]
    async fn the_lists_of_other_periods_of_the_year_that_count_are_found() {
        let (store, _dir) = with_units().await;
        let first = open(&store, Audience::AllActive).await;
        let mut year = first_half(Audience::AllActive);
        year.kind = PeriodKind::Annual { year: 2021 };
        year.window = year.kind.data_window().unwrap().unwrap();
        year.due_at = Utc.with_ymd_and_hms(2021, 12, 16, 10, 0, 0).unwrap();
        let plan = crate::plan::period_opened;
        let year = store.create_period(&year, Actor::Cli, now(), plan).await.unwrap();
        let mut sent = Vec::new();
        for (tg, code, names) in [(1, "X-TAMA", ["Lò Văn Hùng"]), (2, "X-PUXI", ["Quàng Thị Xuân"])]
        {
            let unit = store.unit_by_code(&UnitCode::parse(code).unwrap()).await.unwrap().unwrap();
            let mut tx = store.pool.begin().await.unwrap();
            let new = NewMember {
                tg_user_id: Some(tg),
                contacts: vec![crate::domain::Contact::telegram(tg)],
                full_name: format!("Chủ tịch {tg}"),
                username: None,
                role: Role::Reporter,
                unit_id: Some(unit.id),
                lang: Lang::Vi,
            };
            let m = crate::store::members::upsert(&mut tx, &new, Some(Actor::Cli), now()).await;
            tx.commit().await.unwrap();
            let member = m.unwrap().id;
            let mut draft = Draft::default();
            draft.answers.insert("de_nghi_khen".into(), nominees(&names));
            draft.answers.insert("ket_qua".into(), Answer::Text { text: "Tốt".into() });
            draft.answers.insert("chi_tieu".into(), Answer::Fraction { num: 1, den: 2 });
            draft.answers.insert("phong_trao".into(), Answer::Number { value: 1 });
            draft.answers.insert("dien_hinh".into(), Answer::Number { value: 1 });
            store.save_draft(first.id, unit.id, member, &draft, now()).await.unwrap();
            store.submit_report(first.id, unit.id, member, now()).await.unwrap();
            sent.push((unit, member));
        }
        // Pú Xi's report is returned for correction: it does not count.
        let puxi = store.report(first.id, sent[1].0.id).await.unwrap().unwrap();
        let what = (Decision::Return, Some("Thiếu"));
        store.decide(puxi.id, puxi.revision, what, sent[0].1, now(), &[]).await.unwrap();

        let lists = store
            .lists_sent_between(year.id, year.window.to - Duration::days(365), year.window.to)
            .await
            .unwrap();
        assert_eq!(lists.len(), 1, "only the list answer of the report that counts: {lists:?}");
        assert_eq!(lists[0].period.id, first.id);
        assert_eq!(
            (lists[0].unit.as_str(), lists[0].question.as_str()),
            ("Xã Ta Ma", "de_nghi_khen")
        );
        assert_eq!(lists[0].items[0]["ten"], "Lò Văn Hùng");
        // The period itself is left out, and so are periods ending outside the dates.
        let none = store.lists_sent_between(first.id, first.window.from, first.window.to).await;
        assert!(none.unwrap().is_empty());
        let before = first.window.to - Duration::days(1);
        let none = store.lists_sent_between(year.id, first.window.from, before).await.unwrap();
        assert!(none.is_empty());
    }
}
