//! The SVG bar chart: a golden snapshot, well-formed XML, accessible names, and bar
//! heights proportional to the amounts.

use artel_reports_out::chart::{COLOURS, Series, monthly_bars};

fn months(count: usize) -> Vec<String> {
    (1..=count)
        .map(|month| format!("1954-{month:02}"))
        .collect()
}

fn income_and_costs() -> Vec<Series> {
    vec![
        Series {
            name: "Income".into(),
            values: vec![120_550, 98_000, 0, 143_275, 110_000, 87_525],
        },
        Series {
            name: "Costs".into(),
            values: vec![80_000, 101_000, 12_500, 95_000, 60_050, 91_000],
        },
    ]
}

/// Every bar as (fill, y, height, the text of its title).
fn bars(svg: &str) -> Vec<(String, f64, f64, String)> {
    let document = roxmltree::Document::parse(svg).unwrap();
    document
        .descendants()
        .filter(|node| node.has_tag_name("rect") && node.attribute("class") == Some("bar"))
        .map(|node| {
            let number = |name| node.attribute(name).unwrap().parse::<f64>().unwrap();
            let title = node
                .children()
                .find(|child| child.has_tag_name("title"))
                .and_then(|title| title.text())
                .unwrap()
                .to_owned();
            (
                node.attribute("fill").unwrap().to_owned(),
                number("y"),
                number("height"),
                title,
            )
        })
        .collect()
}

#[test]
fn income_and_costs_by_month() {
    let svg = monthly_bars("Income and costs, 1954", &income_and_costs(), &months(6), 2);
    insta::assert_snapshot!(svg);
}

#[test]
fn chinese_text_and_markup_are_escaped() {
    let series = vec![
        Series {
            name: "收入 <现金>".into(),
            values: vec![5, -3],
        },
        Series {
            name: "支出 & \"费用\"".into(),
            values: vec![2],
        },
    ];
    let svg = monthly_bars("沙市织布生产合作社 <1954> & 'Co'", &series, &months(2), 2);
    insta::assert_snapshot!(svg);
    let document = roxmltree::Document::parse(&svg).unwrap();
    let root = document.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let child_text = |tag: &str| {
        root.children()
            .find(|child| child.has_tag_name(tag))
            .and_then(|child| child.text())
            .unwrap()
            .to_owned()
    };
    assert_eq!(child_text("title"), "沙市织布生产合作社 <1954> & 'Co'");
    assert_eq!(
        child_text("desc"),
        "1954-01: 收入 <现金> 0.05, 支出 & \"费用\" 0.02; 1954-02: 收入 <现金> -0.03"
    );
    let titles: Vec<String> = bars(&svg).into_iter().map(|bar| bar.3).collect();
    assert_eq!(
        titles,
        [
            "1954-01 · 收入 <现金>: 0.05",
            "1954-01 · 支出 & \"费用\": 0.02",
            "1954-02 · 收入 <现金>: -0.03",
        ]
    );
}

#[test]
fn the_document_is_accessible_xml() {
    let svg = monthly_bars("Income and costs", &income_and_costs(), &months(6), 2);
    let document = roxmltree::Document::parse(&svg).unwrap();
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("role"), Some("img"));
    let first: Vec<&str> = root
        .children()
        .filter(roxmltree::Node::is_element)
        .take(2)
        .map(|child| child.tag_name().name())
        .collect();
    assert_eq!(first, ["title", "desc"]);
    // Every bar names its month, its series and its exact amount; the series alternate
    // colours from the colour-blind-safe palette.
    let bars = bars(&svg);
    assert_eq!(bars.len(), 12);
    assert_eq!(bars[0].3, "1954-01 · Income: 1205.50");
    assert_eq!(bars[3].3, "1954-02 · Costs: 1010.00");
    for (index, bar) in bars.iter().enumerate() {
        assert_eq!(bar.0, COLOURS[index % 2]);
    }
    // Ticks are round numbers.
    let ticks: Vec<String> = document
        .descendants()
        .filter(|node| {
            node.has_tag_name("text")
                && node.parent().and_then(|p| p.attribute("class")) == Some("axis")
        })
        .map(|node| node.text().unwrap().to_owned())
        .collect();
    assert_eq!(ticks, ["0", "500", "1,000", "1,500"]);
}

#[test]
fn bar_heights_are_proportional_to_the_amounts() {
    let series = vec![
        Series {
            name: "Income".into(),
            values: vec![1, 987_654_321, 0, 123_456_789_012, -40_000_000_000],
        },
        Series {
            name: "Costs".into(),
            values: vec![77_777, 5, 1_000_000_000, 99_999_999_999, -1],
        },
    ];
    let svg = monthly_bars("Proportional", &series, &months(5), 2);
    let bars = bars(&svg);
    let amounts: Vec<f64> = (0..5)
        .flat_map(|month| series.iter().map(move |one| one.values[month] as f64))
        .collect();
    assert_eq!(bars.len(), amounts.len());
    let largest = amounts.iter().fold(0f64, |a, b| a.max(b.abs()));
    let tallest = bars.iter().fold(0f64, |a, bar| a.max(bar.2));
    let pixels_per_unit = tallest / largest;
    // Positive bars stand on zero, negative ones hang from it.
    let zero = bars[0].1 + bars[0].2;
    for ((_, y, height, title), amount) in bars.iter().zip(&amounts) {
        assert!(
            (height - amount.abs() * pixels_per_unit).abs() <= 0.01,
            "{title}: height {height} for {amount}"
        );
        if *amount >= 0.0 {
            assert!((y + height - zero).abs() <= 0.01, "{title}");
        } else {
            assert!((y - zero).abs() <= 0.01, "{title}");
        }
    }
}

#[test]
fn no_months_is_still_a_chart() {
    let svg = monthly_bars("Nothing yet", &[], &[], 2);
    roxmltree::Document::parse(&svg).unwrap();
    assert!(bars(&svg).is_empty());
}
