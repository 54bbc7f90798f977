//! On-time statistics per unit over a year: an input the emulation council uses to score units.

use super::unit::Unit;

/// One unit's record over the periods of a year whose deadline has passed.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitStats {
    pub unit: Unit,
    /// Periods the unit had to report in.
    pub required: u32,
    pub on_time: u32,
    pub late: u32,
    /// The unit it was merged into, if it was: its record stays under its own name.
    pub successor: Option<Unit>,
}

impl UnitStats {
    /// Periods with no report.
    pub fn missing(&self) -> u32 {
        self.required.saturating_sub(self.on_time + self.late)
    }

    /// Reports sent on time, of those required (0 when nothing was required).
    pub fn on_time_rate(&self) -> f64 {
        if self.required == 0 {
            0.0
        } else {
            f64::from(self.on_time) / f64::from(self.required)
        }
    }
}

/// Best to worst: on-time rate, then fewer missing, then the office's order.
pub fn rank(stats: &mut [UnitStats]) {
    stats.sort_by(|a, b| {
        b.on_time_rate()
            .total_cmp(&a.on_time_rate())
            .then(a.missing().cmp(&b.missing()))
            .then(a.unit.position.cmp(&b.unit.position))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(position: i64, required: u32, on_time: u32, late: u32) -> UnitStats {
        let unit = Unit::commune(position, &format!("X-{position}"), &format!("Xã {position}"));
        UnitStats { unit, required, on_time, late, successor: None }
    }

    #[test]
    fn units_are_ranked_by_on_time_rate_then_missing_then_order() {
        let mut all =
            vec![stats(1, 4, 2, 2), stats(2, 4, 4, 0), stats(3, 4, 2, 0), stats(4, 0, 0, 0)];
        rank(&mut all);
        let order: Vec<i64> = all.iter().map(|s| s.unit.position).collect();
        assert_eq!(order, [2, 1, 3, 4]);
        assert_eq!(all[2].missing(), 2);
        assert!((all[0].on_time_rate() - 1.0).abs() < f64::EPSILON);
    }
}
