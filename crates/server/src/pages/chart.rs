//! Charts drawn by the server as SVG: small, accessible (a title, a description, every bar's
//! exact amount in its tooltip) and rendered in the reader's own fonts, Chinese included.
//! Amounts stay integers; only the geometry is computed in floating point.

use std::fmt::Write;

/// One group of bars: a label (a month) and an amount per series, in minor units.
pub struct Group {
    pub label: String,
    pub amounts: Vec<i64>,
}

/// The shape of a bar chart.
pub struct BarChart<'a> {
    pub title: &'a str,
    /// What the chart shows, in a sentence, for screen readers.
    pub description: &'a str,
    /// The name of each series, in order, shown in the legend.
    pub series: &'a [String],
    pub groups: &'a [Group],
    /// Formats an amount for labels and tooltips.
    pub format: &'a dyn Fn(i64) -> String,
}

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 90.0;
const BOTTOM: f64 = 30.0;
const TOP: f64 = 30.0;
/// Colours told apart by people with the common colour-vision deficiencies.
const COLOURS: [&str; 4] = ["#1b6e8a", "#c8702a", "#6b4e9b", "#3d7a3d"];

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// A round step for about four ticks up to `max`: 1, 2 or 5 times a power of ten.
fn tick_step(max: i64) -> i64 {
    let rough = (max / 4).max(1);
    let mut power = 1i64;
    while power.saturating_mul(10) <= rough {
        power = power.saturating_mul(10);
    }
    [1, 2, 5, 10]
        .iter()
        .map(|m| power.saturating_mul(*m))
        .find(|step| *step >= rough)
        .unwrap_or(power.saturating_mul(10))
}

/// Draws grouped bars (negative amounts are drawn as zero-height bars, labelled exactly).
pub fn bar_chart(chart: &BarChart<'_>) -> String {
    let max = chart
        .groups
        .iter()
        .flat_map(|g| g.amounts.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let step = tick_step(max);
    let top_value = ((max + step - 1) / step) * step;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let plot_width = WIDTH - LEFT - 10.0;
    #[allow(clippy::cast_precision_loss)]
    let y =
        |amount: i64| TOP + plot_height - (amount.max(0) as f64 / top_value as f64) * plot_height;
    let group_width = plot_width / chart.groups.len().max(1) as f64;
    let bar_width = (group_width * 0.8) / chart.series.len().max(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" class="chart"><title id="chart-title">{}</title><desc id="chart-desc">{}</desc>"#,
        escape(chart.title),
        escape(chart.description)
    );
    let mut tick = 0;
    while tick <= top_value {
        let ty = y(tick);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" x2="{}" y1="{ty:.1}" y2="{ty:.1}" stroke="#d0d0d0"/><text x="{}" y="{:.1}" text-anchor="end" font-size="11">{}</text>"##,
            WIDTH - 10.0,
            LEFT - 6.0,
            ty + 4.0,
            escape(&(chart.format)(tick))
        );
        tick += step;
    }
    for (index, group) in chart.groups.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let x0 = LEFT + group_width * index as f64 + group_width * 0.1;
        for (series, amount) in group.amounts.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let x = x0 + bar_width * series as f64;
            let top = y(*amount);
            let name = chart.series.get(series).map_or("", String::as_str);
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{} · {}: {}</title></rect>"#,
                (bar_width - 2.0).max(1.0),
                (TOP + plot_height - top).max(0.0),
                COLOURS[series % COLOURS.len()],
                escape(&group.label),
                escape(name),
                escape(&(chart.format)(*amount))
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11">{}</text>"#,
            x0 + group_width * 0.4,
            HEIGHT - 10.0,
            escape(&group.label)
        );
    }
    for (series, name) in chart.series.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let x = LEFT + 140.0 * series as f64;
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="6" width="12" height="12" fill="{}"/><text x="{}" y="16" font-size="12">{}</text>"#,
            COLOURS[series % COLOURS.len()],
            x + 16.0,
            escape(name)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(groups: &[Group]) -> String {
        let series = ["Income".to_owned(), "Costs & <taxes>".to_owned()];
        let format = |minor: i64| format!("{}.{:02}", minor / 100, minor % 100);
        bar_chart(&BarChart {
            title: "Monthly",
            description: "Income and costs",
            series: &series,
            groups,
            format: &format,
        })
    }

    #[test]
    fn bars_are_proportional_and_labelled_exactly() {
        let groups = [
            Group {
                label: "Jan".into(),
                amounts: vec![40_000, 10_000],
            },
            Group {
                label: "Feb".into(),
                amounts: vec![20_000, 0],
            },
        ];
        let svg = chart(&groups);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title>Jan · Income: 400.00</title>"), "{svg}");
        assert!(svg.contains("Costs &amp; &lt;taxes&gt;"), "text is escaped");
        let heights: Vec<f64> = svg
            .split("<rect ")
            .filter(|r| r.contains("<title>"))
            .map(|r| {
                r.split("height=\"")
                    .nth(1)
                    .and_then(|h| h.split('"').next())
                    .and_then(|h| h.parse().ok())
                    .unwrap()
            })
            .collect();
        assert_eq!(heights.len(), 4);
        assert!((heights[0] - 2.0 * heights[2]).abs() < 0.2, "{heights:?}");
        assert!((heights[0] - 4.0 * heights[1]).abs() < 0.2, "{heights:?}");
        assert_eq!(heights[3], 0.0);
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(1_000), 500);
        for max in [1, 7, 99, 1_000, 51_480_000_00] {
            let step = tick_step(max);
            let digits = step.to_string();
            assert!(
                matches!(digits.chars().next(), Some('1' | '2' | '5'))
                    && digits[1..].chars().all(|c| c == '0'),
                "{max}: {step}"
            );
            assert!(step * 4 >= max / 2, "{max}: {step}");
        }
    }
}
