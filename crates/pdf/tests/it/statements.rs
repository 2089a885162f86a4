//! Rendering statements and reading them back: every text is there, Chinese comes back
//! as Chinese in the embedded Noto Sans CJK SC, markup characters print literally, and
//! long tables flow onto further pages.

use artel_pdf::{Statement, render};

use crate::fixtures::{chinese, english, every_text, fonts, section};
use crate::poppler;

/// Renders `statement`, checks it is a PDF and returns its bytes and its text.
fn render_and_read(statement: &Statement) -> (Vec<u8>, String) {
    let pdf = render(statement, fonts()).unwrap();
    assert!(
        pdf.starts_with(b"%PDF"),
        "not a PDF: {:?}",
        &pdf[..pdf.len().min(16)]
    );
    let text = poppler::text(&pdf);
    (pdf, text)
}

/// Checks that every text of the statement is in `text`, comparing runs of white space
/// (the ideographic space too) as one space, since pdftotext lays lines out with spaces.
fn assert_every_text_is_printed(statement: &Statement, text: &str) {
    let printed = words(text);
    for expected in every_text(statement) {
        assert!(
            printed.contains(&words(expected)),
            "{expected:?} is missing from:\n{text}"
        );
    }
}

/// `text` with each run of white space as one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks that the PDF embeds Noto Sans CJK SC in both weights.
fn assert_noto_regular_and_bold(pdf: &[u8]) {
    let fonts = poppler::fonts(pdf);
    assert!(fonts.contains("NotoSansCJKsc-Regular"), "{fonts}");
    assert!(fonts.contains("NotoSansCJKsc-Bold"), "{fonts}");
}

#[test]
fn an_english_statement_prints_every_text() {
    let statement = english();
    let (pdf, text) = render_and_read(&statement);
    assert_every_text_is_printed(&statement, &text);
    assert_noto_regular_and_bold(&pdf);
    assert!(poppler::info(&pdf).contains("(A4)"));
    assert_eq!(poppler::pages(&pdf), 1);
}

#[test]
fn a_chinese_statement_comes_back_as_chinese() {
    let statement = chinese();
    let (pdf, text) = render_and_read(&statement);
    assert_every_text_is_printed(&statement, &text);
    assert!(text.contains("社员年终分配结算单"), "{text}");
    assert_noto_regular_and_bold(&pdf);
    assert_eq!(poppler::pages(&pdf), 1);
}

#[test]
fn the_title_is_the_documents_title() {
    let pdf = render(&chinese(), fonts()).unwrap();
    let info = poppler::info(&pdf);
    let title = info.lines().find_map(|line| line.strip_prefix("Title:"));
    assert_eq!(title.map(str::trim), Some("社员年终分配结算单"), "{info}");
}

#[test]
fn markup_characters_print_literally() {
    let markup = [
        "#set page(width: 1cm)",
        "*bold* _emphasis_ `raw`",
        "$x^2$ [a] {b} <label> @ref",
        r"back\slash \\ and \#",
        r#""double" and 'single' quotes"#,
        "= not a heading",
        "// not a comment",
    ];
    let statement = Statement {
        title: markup[0].to_owned(),
        subtitle: markup[1].to_owned(),
        sections: vec![section(
            markup[2],
            &[markup[3], "#1"],
            &[&[markup[4], "$100"], &[markup[5], "*2*"]],
            Some(&[markup[6], "#{3}"]),
        )],
        footer: "#pagebreak() ]] #eval(\"1\")".to_owned(),
        lang: "en".to_owned(),
    };
    let (pdf, text) = render_and_read(&statement);
    assert_every_text_is_printed(&statement, &text);
    assert!(
        poppler::info(&pdf).contains("(A4)"),
        "the page size changed"
    );
    assert_eq!(poppler::pages(&pdf), 1);
}

#[test]
fn many_rows_flow_onto_further_pages_under_the_header_again() {
    let rows: Vec<Vec<String>> = (1..=120)
        .map(|day| vec![format!("第{day}天"), format!("{day}.50")])
        .collect();
    let mut statement = chinese();
    statement.sections[1].rows = rows;
    let (pdf, text) = render_and_read(&statement);
    let pages = poppler::pages(&pdf);
    assert!(pages >= 2, "{pages} pages");
    // typst puts a little space between Chinese and Latin letters or digits ("第 1 天"),
    // which pdftotext prints as spaces, and pdftotext drops the narrow ones of "1 / 3":
    // compare without spaces.
    let squashed = text.replace(' ', "");
    for day in [1, 60, 120] {
        assert!(
            squashed.contains(&format!("第{day}天{day}.50")),
            "day {day}: {text}"
        );
    }
    let footers = text.matches("本结算单由合作社财务室出具。").count();
    assert_eq!(footers, pages, "the footer is on every page");
    // A page's first line starts with a form feed.
    let headers = text
        .lines()
        .filter(|line| line.trim_start().starts_with("项目"))
        .count();
    assert_eq!(
        headers,
        1 + pages,
        "the header row is repeated on every page: {text}"
    );
    for page in 1..=pages {
        assert!(
            squashed.contains(&format!("{page}/{pages}")),
            "no page number {page}: {text}"
        );
    }
}

#[test]
fn the_same_statement_renders_to_the_same_bytes() {
    let first = render(&english(), fonts()).unwrap();
    let second = render(&english(), fonts()).unwrap();
    assert!(first == second, "two renders differ");
}

#[test]
fn a_statement_that_does_not_check_is_refused_before_typesetting() {
    let mut statement = english();
    statement.sections[0].rows[1].pop();
    let error = render(&statement, fonts()).unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"row 2 of section 1 ("Work days") has 3 cells for 4 columns"#
    );
}

#[test]
fn fonts_are_shared_between_threads() {
    let renders: Vec<Vec<u8>> = std::thread::scope(|scope| {
        let handles: Vec<_> = [english(), chinese()]
            .map(|statement| scope.spawn(move || render(&statement, fonts()).unwrap()))
            .into_iter()
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap())
            .collect()
    });
    assert!(poppler::text(&renders[1]).contains("社员年终分配结算单"));
}
