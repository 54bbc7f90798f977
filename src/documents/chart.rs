//! The on-time chart: a PNG bar chart of each unit's on-time rate, Vietnamese names included
//! (the font is embedded, so the chart looks the same on any server).

use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};

use crate::domain::stats::UnitStats;
use crate::error::{Error, Result};

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FAMILY: &str = "baocao-sans";

/// Chart width in pixels.
pub const WIDTH: u32 = 1000;
/// Most bars drawn: more would not be readable, and Telegram refuses photos taller than 10,000
/// pixels (a province's 3,300 units would also need a gigabyte of pixels).
pub const MAX_BARS: usize = 60;
const ROW: u32 = 34;
const MARGIN: u32 = 90;

/// The chart's height for `units` bars.
pub fn height(units: usize) -> u32 {
    MARGIN + ROW * u32::try_from(units.max(1)).unwrap_or(u32::MAX / ROW - MARGIN)
}

fn chart_error(e: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// The units drawn: all of them, or the best and the worst half of [`MAX_BARS`] when there are more.
pub fn charted(stats: &[UnitStats]) -> Vec<&UnitStats> {
    if stats.len() <= MAX_BARS {
        return stats.iter().collect();
    }
    let half = MAX_BARS / 2;
    stats[..half].iter().chain(&stats[stats.len() - half..]).collect()
}

/// Draws the chart as PNG bytes: one horizontal bar per charted unit, best first.
pub fn on_time_chart(stats: &[UnitStats], title: &str) -> Result<Vec<u8>> {
    let stats: Vec<UnitStats> = charted(stats).into_iter().cloned().collect();
    let stats = stats.as_slice();
    // Registering twice is harmless; the font is the same static slice.
    let _ = register_font(FAMILY, FontStyle::Normal, FONT);
    let (w, h) = (WIDTH, height(stats.len()));
    let mut pixels = vec![255_u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        draw(&root, stats, title).map_err(chart_error)?;
        root.present().map_err(chart_error)?;
    }
    let image =
        image::RgbImage::from_raw(w, h, pixels).ok_or_else(|| chart_error("chart buffer"))?;
    let mut png = std::io::Cursor::new(Vec::new());
    image.write_to(&mut png, image::ImageFormat::Png).map_err(chart_error)?;
    Ok(png.into_inner())
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    stats: &[UnitStats],
    title: &str,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let n = i32::try_from(stats.len()).unwrap_or(i32::MAX).max(1);
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FAMILY, 22))
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(220)
        .build_cartesian_2d(0.0..100.0_f64, (0..n).into_segmented())?;
    // Row 0 is drawn at the bottom: the best unit (first) goes on top.
    let row = |i: usize| n - 1 - i32::try_from(i).unwrap_or(0);
    let names: Vec<String> = stats.iter().map(|s| s.unit.name.clone()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .y_labels(stats.len().max(1))
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(y) => usize::try_from(n - 1 - *y)
                .ok()
                .and_then(|k| names.get(k))
                .cloned()
                .unwrap_or_default(),
            _ => String::new(),
        })
        .x_label_formatter(&|x| format!("{x:.0}%"))
        .label_style((FAMILY, 15))
        .draw()?;
    chart.draw_series(stats.iter().enumerate().map(|(i, s)| {
        let rate = s.on_time_rate() * 100.0;
        let colour = if rate >= 80.0 {
            RGBColor(46, 125, 50)
        } else if rate >= 50.0 {
            RGBColor(249, 168, 37)
        } else {
            RGBColor(198, 40, 40)
        };
        let y = row(i);
        let mut bar = Rectangle::new(
            [(0.0, SegmentValue::Exact(y)), (rate.max(0.5), SegmentValue::Exact(y + 1))],
            colour.filled(),
        );
        bar.set_margin(4, 4, 0, 0);
        bar
    }))?;
    chart.draw_series(stats.iter().enumerate().map(|(i, s)| {
        let rate = s.on_time_rate() * 100.0;
        let x = if rate > 80.0 { rate - 15.0 } else { rate + 1.0 };
        let label = format!("{rate:.0}% ({}/{})", s.on_time, s.required);
        Text::new(
            label,
            (x, SegmentValue::CenterOf(row(i))),
            (FAMILY, 14).into_font().color(&BLACK),
        )
    }))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Unit;

    #[test]
    fn the_chart_is_a_png_of_the_expected_size_with_one_bar_per_unit() {
        let units = crate::domain::unit_import::parse_units_csv(include_bytes!(
            "../../examples/tuan-giao-units.csv"
        ))
        .unwrap();
        let mut stats: Vec<UnitStats> = units
            .iter()
            .enumerate()
            .map(|(i, u)| UnitStats {
                unit: Unit::commune(i as i64, u.code.as_str(), &u.name),
                required: 4,
                on_time: (i as u32 * 7) % 5,
                late: 4 - (i as u32 * 7) % 5,
                successor: None,
            })
            .collect();
        crate::domain::stats::rank(&mut stats);
        let png = on_time_chart(&stats, "Tỷ lệ báo cáo đúng hạn năm 2021").unwrap();
        let image =
            image::load_from_memory_with_format(&png, image::ImageFormat::Png).unwrap().to_rgb8();
        assert_eq!(image.dimensions(), (WIDTH, height(19)));
        // Full marks are green, none at all red.
        let has = |c: [u8; 3]| image.pixels().any(|p| p.0 == c);
        assert!(has([46, 125, 50]) && has([198, 40, 40]));
        // `BAOCAO_CHART_OUT=docs cargo test chart` redraws the picture in the README.
        if let Ok(dir) = std::env::var("BAOCAO_CHART_OUT") {
            std::fs::write(std::path::Path::new(&dir).join("chart.png"), &png).unwrap();
        }
    }

    #[test]
    fn a_province_is_charted_by_its_best_and_worst_units_in_a_photo_telegram_accepts() {
        let unit = |i: i64| Unit::commune(i, &format!("X-{i}"), &format!("Xã {i}"));
        let stats: Vec<UnitStats> = (0..3300)
            .map(|i| UnitStats {
                unit: unit(i),
                required: 2,
                on_time: u32::from(i < 1000),
                late: 0,
                successor: None,
            })
            .collect();
        let shown = charted(&stats);
        assert_eq!(shown.len(), MAX_BARS);
        assert_eq!((shown[0].unit.position, shown[MAX_BARS - 1].unit.position), (0, 3299));
        let png = on_time_chart(&stats, "Tỷ lệ").unwrap();
        let image = image::load_from_memory(&png).unwrap();
        assert_eq!((image.width(), image.height()), (WIDTH, height(MAX_BARS)));
        assert!(image.height() <= 10_000);
    }
}
