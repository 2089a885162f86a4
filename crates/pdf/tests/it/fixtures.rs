//! The statements the tests render, and the fonts they share.

use std::sync::OnceLock;

use artel_pdf::{Fonts, Section, Statement};

/// The fonts from ARTEL_FONT_DIR or Debian's path, loaded once for every test.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::load(None).unwrap_or_else(|error| panic!("{error}")))
}

pub fn texts(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|cell| (*cell).to_owned()).collect()
}

pub fn section(
    heading: &str,
    columns: &[&str],
    rows: &[&[&str]],
    total: Option<&[&str]>,
) -> Section {
    Section {
        heading: heading.to_owned(),
        columns: texts(columns),
        rows: rows.iter().map(|row| texts(row)).collect(),
        total: total.map(texts),
    }
}

/// A member's year-end statement in English.
pub fn english() -> Statement {
    Statement {
        title: "Member's Year-End Settlement".to_owned(),
        subtitle: "Member: Zhang San, year 2024".to_owned(),
        sections: vec![
            section(
                "Work days",
                &["Work", "Days", "Rate", "Amount"],
                &[
                    &["Spring ploughing", "35.5", "12.00", "426.00"],
                    &["Harvest", "20", "15.00", "300.00"],
                ],
                Some(&["Total", "55.5", "", "726.00"]),
            ),
            section(
                "Shares",
                &["Item", "Amount"],
                &[
                    &["Share capital paid in", "1234.56"],
                    &["Dividend on shares", "123.46"],
                ],
                Some(&["Total", "1358.02"]),
            ),
        ],
        footer: "Issued by the cooperative's accounts office.".to_owned(),
        lang: "en".to_owned(),
    }
}

/// The same statement in Chinese.
pub fn chinese() -> Statement {
    Statement {
        title: "社员年终分配结算单".to_owned(),
        subtitle: "社员：张三　年度：2024".to_owned(),
        sections: vec![
            section(
                "劳动日分配",
                &["项目", "劳动日", "单价", "金额"],
                &[
                    &["春耕", "35.5", "12.00", "426.00"],
                    &["秋收", "20", "15.00", "300.00"],
                ],
                Some(&["合计", "55.5", "", "726.00"]),
            ),
            section(
                "股金",
                &["项目", "金额"],
                &[&["入社股金", "1234.56"], &["股金分红", "123.46"]],
                Some(&["合计", "1358.02"]),
            ),
        ],
        footer: "本结算单由合作社财务室出具。".to_owned(),
        lang: "zh".to_owned(),
    }
}

/// Every text of a statement that must come back from the PDF: title, subtitle,
/// headings, column names, cells, totals and footer.
pub fn every_text(statement: &Statement) -> Vec<&str> {
    let mut texts = vec![
        statement.title.as_str(),
        statement.subtitle.as_str(),
        statement.footer.as_str(),
    ];
    for section in &statement.sections {
        texts.push(&section.heading);
        texts.extend(section.columns.iter().map(String::as_str));
        texts.extend(section.rows.iter().flatten().map(String::as_str));
        texts.extend(section.total.iter().flatten().map(String::as_str));
    }
    texts.retain(|text| !text.is_empty());
    texts
}
