//! SVG charts written by the server: small, self-contained, accessible, and left to the
//! browser to render their text (Chinese included).
//!
//! Amounts arrive as `i64` minor units and are shown exactly (as plain decimals) in the
//! text a reader sees or hears; only the geometry (bar heights in pixels) uses `f64`.

use std::fmt::Write as _;

use crate::plain_decimal;

/// One series of a bar chart: its name (for the legend) and one amount per month (or
/// category) in minor units. Amounts past the last month are ignored; a month without an
/// amount has no bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub name: String,
    pub values: Vec<i64>,
}

/// Okabe–Ito colours: told apart by readers with every common colour-vision deficiency, and
/// each with a contrast of at least 3:1 against white; five, one for each kind of buyer.
pub const COLOURS: [&str; 5] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000"];

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 320.0;
const PLOT_LEFT: f64 = 80.0;
const PLOT_RIGHT: f64 = WIDTH - 16.0;
const PLOT_TOP: f64 = 60.0;
const PLOT_BOTTOM: f64 = HEIGHT - 36.0;
/// About how many steps the value axis has.
const TARGET_STEPS: i128 = 5;

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// A pixel coordinate with at most two decimals.
fn px(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// The step of the value axis in minor units: 1, 2 or 5 times a power of ten, so that
/// about [`TARGET_STEPS`] of them cover `span`.
pub fn nice_step(span: i128) -> i128 {
    let wanted = (span + TARGET_STEPS - 1) / TARGET_STEPS;
    let mut magnitude: i128 = 1;
    loop {
        for factor in [1, 2, 5] {
            let step = factor * magnitude;
            if step >= wanted {
                return step;
            }
        }
        magnitude *= 10;
    }
}

/// A tick's label: the amount in major units without trailing zeros after the point, and
/// with thousands separators (`12,000`, `0.5`).
pub fn tick_label(minor: i128, scale: u8) -> String {
    let text = match i64::try_from(minor) {
        Ok(minor) => plain_decimal(minor, scale),
        Err(_) => minor.to_string(),
    };
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

fn floor_to(value: i128, step: i128) -> i128 {
    value.div_euclid(step) * step
}

fn ceil_to(value: i128, step: i128) -> i128 {
    -floor_to(-value, step)
}

/// Roughly how wide a text is in pixels at 12px: wide (CJK) characters count twice.
fn text_width(text: &str) -> f64 {
    let units: u32 = text
        .chars()
        .map(|c| if u32::from(c) >= 0x1100 { 2 } else { 1 })
        .sum();
    f64::from(units) * 6.5
}

/// A bar chart of amounts per month, the series side by side in each month (income and
/// costs, say), as a self-contained SVG document: [`category_bars`] with the months as
/// the categories.
pub fn monthly_bars(
    title: &str,
    series: &[Series],
    months: &[String],
    currency_scale: u8,
) -> String {
    category_bars(title, series, months, currency_scale)
}

/// A bar chart of amounts per category (a month, a product), the series side by side in
/// each, as a self-contained SVG document; a series' values follow the categories.
///
/// For assistive technology the chart is one image (`role="img"`) named by its `<title>`,
/// with a `<desc>` that lists every amount. Each bar carries its category, series and
/// exact amount in a `<title>`, which browsers show on hover. The value axis has round
/// ticks; zero is always on the axis, and negative amounts go below it. Bar heights are
/// proportional to the amounts.
pub fn category_bars(
    title: &str,
    series: &[Series],
    categories: &[String],
    currency_scale: u8,
) -> String {
    chart(title, series, categories, currency_scale, Marks::Bars)
}

/// A line chart of amounts per category (a quarter, a month): a line a series through its
/// categories in order, a dot on each amount, as a self-contained SVG document with the
/// same frame, axis and accessible text as [`category_bars`]; for a trend.
pub fn category_lines(
    title: &str,
    series: &[Series],
    categories: &[String],
    currency_scale: u8,
) -> String {
    chart(title, series, categories, currency_scale, Marks::Lines)
}

/// How a chart marks its amounts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marks {
    Bars,
    Lines,
}

fn chart(
    title: &str,
    series: &[Series],
    categories: &[String],
    currency_scale: u8,
    marks: Marks,
) -> String {
    let amounts = |index: usize| {
        series
            .iter()
            .filter_map(move |one| one.values.get(index).map(|value| i128::from(*value)))
    };
    let all: Vec<i128> = (0..categories.len()).flat_map(amounts).collect();
    let low = all.iter().copied().min().unwrap_or(0).min(0);
    let high = all.iter().copied().max().unwrap_or(0).max(0);
    let step = nice_step((high - low).max(1));
    let axis_low = floor_to(low, step);
    let axis_high = ceil_to(high, step).max(axis_low + step);
    let plot_height = PLOT_BOTTOM - PLOT_TOP;
    // Geometry only: the span is at most 2^65 and needs no exactness here.
    #[allow(clippy::cast_precision_loss)]
    let pixels_per_minor = plot_height / (axis_high - axis_low) as f64;
    #[allow(clippy::cast_precision_loss)]
    let y_of = |value: i128| PLOT_BOTTOM - (value - axis_low) as f64 * pixels_per_minor;

    let mut svg = String::new();
    let title = escape(title);
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" \
         font-family=\"sans-serif\" font-size=\"12\">",
        px(WIDTH),
        px(HEIGHT)
    );
    let _ = writeln!(svg, "<title>{title}</title>");
    let _ = writeln!(
        svg,
        "<desc>{}</desc>",
        escape(&describe(series, categories, currency_scale))
    );
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{title}</text>",
        px(PLOT_LEFT)
    );

    // Legend.
    let mut x = PLOT_LEFT;
    let _ = writeln!(svg, "<g class=\"legend\">");
    for (index, one) in series.iter().enumerate() {
        let colour = COLOURS[index % COLOURS.len()];
        let _ = writeln!(
            svg,
            "<rect x=\"{}\" y=\"34\" width=\"12\" height=\"12\" fill=\"{colour}\"/>\
             <text x=\"{}\" y=\"44\">{}</text>",
            px(x),
            px(x + 17.0),
            escape(&one.name)
        );
        x += 17.0 + text_width(&one.name) + 20.0;
    }
    let _ = writeln!(svg, "</g>");

    // Value axis: grid lines and labels at every step, zero darker.
    let _ = writeln!(svg, "<g class=\"axis\" text-anchor=\"end\">");
    let mut tick = axis_low;
    while tick <= axis_high {
        let y = px(y_of(tick));
        let stroke = if tick == 0 { "#333333" } else { "#d0d0d0" };
        let _ = writeln!(
            svg,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{stroke}\"/>\
             <text x=\"{}\" y=\"{y}\" dy=\"4\">{}</text>",
            px(PLOT_LEFT),
            px(PLOT_RIGHT),
            px(PLOT_LEFT - 6.0),
            tick_label(tick, currency_scale)
        );
        tick += step;
    }
    let _ = writeln!(svg, "</g>");

    if marks == Marks::Lines {
        draw_lines(&mut svg, series, categories, currency_scale, &y_of);
        svg.push_str("</svg>\n");
        return svg;
    }
    // Bars, category by category, the series side by side.
    if !categories.is_empty() {
        #[allow(clippy::cast_precision_loss)]
        let group = (PLOT_RIGHT - PLOT_LEFT) / categories.len() as f64;
        #[allow(clippy::cast_precision_loss)]
        let bar = group * 0.8 / series.len().max(1) as f64;
        let zero = y_of(0);
        let _ = writeln!(svg, "<g class=\"bars\">");
        for (category_index, category) in categories.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let left = PLOT_LEFT + group * category_index as f64 + group * 0.1;
            for (index, one) in series.iter().enumerate() {
                let Some(&value) = one.values.get(category_index) else {
                    continue;
                };
                let top = y_of(i128::from(value)).min(zero);
                #[allow(clippy::cast_precision_loss)]
                let height = value.unsigned_abs() as f64 * pixels_per_minor;
                #[allow(clippy::cast_precision_loss)]
                let x = left + bar * index as f64;
                let _ = writeln!(
                    svg,
                    "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" \
                     fill=\"{}\"><title>{} · {}: {}</title></rect>",
                    px(x),
                    px(top),
                    px((bar - 1.0).max(1.0)),
                    px(height),
                    COLOURS[index % COLOURS.len()],
                    escape(category),
                    escape(&one.name),
                    plain_decimal(value, currency_scale)
                );
            }
            let _ = writeln!(
                svg,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                px(left + group * 0.4),
                px(PLOT_BOTTOM + 18.0),
                escape(category)
            );
        }
        let _ = writeln!(svg, "</g>");
    }
    svg.push_str("</svg>\n");
    svg
}

/// A line a series through the categories' centres, a dot with its exact amount on each
/// amount, and the categories' labels.
fn draw_lines(
    svg: &mut String,
    series: &[Series],
    categories: &[String],
    scale: u8,
    y_of: &dyn Fn(i128) -> f64,
) {
    if categories.is_empty() {
        return;
    }
    #[allow(clippy::cast_precision_loss)]
    let group = (PLOT_RIGHT - PLOT_LEFT) / categories.len() as f64;
    #[allow(clippy::cast_precision_loss)]
    let x_of = |index: usize| PLOT_LEFT + group * (index as f64 + 0.5);
    let _ = writeln!(svg, "<g class=\"lines\">");
    for (index, one) in series.iter().enumerate() {
        let colour = COLOURS[index % COLOURS.len()];
        let points: Vec<String> = one
            .values
            .iter()
            .take(categories.len())
            .enumerate()
            .map(|(at, value)| format!("{},{}", px(x_of(at)), px(y_of(i128::from(*value)))))
            .collect();
        let _ = writeln!(
            svg,
            "<polyline class=\"line\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>",
            points.join(" ")
        );
        for (at, value) in one.values.iter().take(categories.len()).enumerate() {
            let _ = writeln!(
                svg,
                "<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{colour}\"><title>{} · {}: {}</title></circle>",
                px(x_of(at)),
                px(y_of(i128::from(*value))),
                escape(&categories[at]),
                escape(&one.name),
                plain_decimal(*value, scale)
            );
        }
    }
    for (at, category) in categories.iter().enumerate() {
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            px(x_of(at)),
            px(PLOT_BOTTOM + 18.0),
            escape(category)
        );
    }
    let _ = writeln!(svg, "</g>");
}

/// Every amount as text: "1954-01: Income 120.00, Costs 80.00; 1954-02: …".
fn describe(series: &[Series], categories: &[String], scale: u8) -> String {
    categories
        .iter()
        .enumerate()
        .map(|(index, category)| {
            let amounts: Vec<String> = series
                .iter()
                .filter_map(|one| {
                    one.values
                        .get(index)
                        .map(|value| format!("{} {}", one.name, plain_decimal(*value, scale)))
                })
                .collect();
            format!("{category}: {}", amounts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trend_is_a_line_a_series_through_its_categories_with_every_amount_told() {
        let series = [Series {
            name: "Defect rate".into(),
            values: vec![340, 60, 50, -10],
        }];
        let quarters: Vec<String> = ["1954-Q1", "1954-Q2", "1954-Q3", "1954-Q4"]
            .map(String::from)
            .to_vec();
        let svg = category_lines("Trend", &series, &quarters, 1);
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 4);
        assert!(
            svg.contains("<title>1954-Q1 · Defect rate: 34.0</title>"),
            "{svg}"
        );
        assert!(svg.contains("<desc>1954-Q1: Defect rate 34.0; 1954-Q2: Defect rate 6.0;"));
        assert!(!svg.contains("<rect class=\"bar\""));
        // The highest amount sits highest, the negative one below zero.
        let y = |value: &str| {
            let at = svg.find(&format!("Defect rate: {value}<")).unwrap();
            let circle = &svg[svg[..at].rfind("<circle").unwrap()..at];
            let cy = circle
                .split("cy=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            cy.parse::<f64>().unwrap()
        };
        assert!(y("34.0") < y("6.0") && y("6.0") < y("5.0") && y("5.0") < y("-1.0"));
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(1_000_000), 200_000);
        assert_eq!(nice_step(1_234_567), 500_000);
        assert_eq!(nice_step(26), 10);
    }

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(tick_label(1_200_000, 2), "12,000");
        assert_eq!(tick_label(50, 2), "0.5");
        assert_eq!(tick_label(-123_456_700, 2), "-1,234,567");
        assert_eq!(tick_label(0, 2), "0");
        assert_eq!(tick_label(100, 0), "100");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("a<b & \"c\"'\u{1}"),
            "a&lt;b &amp; &quot;c&quot;&apos;"
        );
    }
}
