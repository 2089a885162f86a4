//! The journal's pages: the new-entry form, the entries list, an entry with its reversal,
//! and closing and reopening months.

use axum::http::StatusCode;

use super::{
    PASSWORD, SESSION, amount_after, assert_translated, field_error, get, post, sign_in,
    with_password,
};
use crate::harness::{TestApp, engine_tests};

engine_tests!(
    the_entry_form_posts_a_balanced_entry_once,
    the_entry_form_names_each_bad_field_and_keeps_the_input,
    an_entry_is_reversed_once_from_its_page,
    the_entries_list_filters_by_date,
    months_are_closed_and_reopened_with_a_reason,
);

async fn accountant(app: &TestApp) -> String {
    with_password(app, "accountant").await;
    sign_in(app, "accountant", PASSWORD).await
}

/// A form of two lines: 25.00 from cash to materials.
fn materials_form<'a>(date: &'a str, key: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("key", key),
        ("date", date),
        ("memo", "Dye for the looms"),
        ("account_0", "Expenses:Production:Materials"),
        ("debit_0", "25.00"),
        ("credit_0", ""),
        ("account_1", "Assets:Cash"),
        ("debit_1", ""),
        ("credit_1", "25"),
        ("account_2", ""),
        ("debit_2", ""),
        ("credit_2", ""),
    ]
}

/// The trial balance row of `account`, as the page shows it.
async fn balance_row(app: &TestApp, session: &str, account: &str) -> String {
    let page = get(
        app,
        "/books/coop-a/trial-balance",
        &[(SESSION, session), ("lang", "en")],
    )
    .await;
    let start = page
        .body
        .find(&format!("<td>{account}</td>"))
        .unwrap_or_else(|| panic!("{account} not in {}", page.body));
    let row = &page.body[start..];
    row[..row.find("</tr>").unwrap_or(row.len())].to_owned()
}

async fn the_entry_form_posts_a_balanced_entry_once(app: &TestApp) {
    let session = accountant(app).await;
    let form = get(
        app,
        "/books/coop-a/entries/new",
        &[(SESSION, &session), ("lang", "en")],
    )
    .await;
    assert_eq!(form.status, StatusCode::OK);
    for text in [
        "New entry",
        "name=\"key\"",
        "id=\"account_3\"",
        "<option value=\"Assets:Cash\">",
        "data-scale=\"2\"",
        "entry-form.js",
        "aria-keyshortcuts=\"Control+Enter\"",
    ] {
        assert!(form.body.contains(text), "{text}: {}", form.body);
    }
    // The post button comes first, so that Enter in a field posts rather than adds a line.
    assert!(form.body.find("id=\"post-entry\"") < form.body.find("id=\"add-line\""));
    let chinese = get(
        app,
        "/books/coop-a/entries/new",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(chinese.body.contains("新凭证"), "{}", chinese.body);
    assert_translated(
        &chinese.body,
        &["accountant", "Alpha Weaving Cooperative", "Ctrl+Enter"],
    );

    let key = "0192a1b2-0000-7000-8000-00000000e001";
    let posted = post(
        app,
        "/books/coop-a/entries/new",
        &[(SESSION, &session)],
        &materials_form("2024-03-10", key),
    )
    .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    assert_eq!(posted.location(), "/books/coop-a/entries/4?posted=1");
    let shown = get(
        app,
        posted.location(),
        &[(SESSION, &session), ("lang", "en")],
    )
    .await;
    for text in [
        "Entry 4 was posted.",
        "Dye for the looms",
        "10 Mar 2024",
        "25.00",
    ] {
        assert!(shown.body.contains(text), "{text}: {}", shown.body);
    }
    assert!(
        balance_row(app, &session, "Expenses:Production:Materials")
            .await
            .contains("65.00"),
        "40.00 + 25.00"
    );
    // Sent again (a double click, a retried request): the same entry, nothing more posted.
    let again = post(
        app,
        "/books/coop-a/entries/new",
        &[(SESSION, &session)],
        &materials_form("2024-03-10", key),
    )
    .await;
    assert_eq!(again.location(), "/books/coop-a/entries/4?posted=1");
    assert_eq!(app.artel.verify("coop-a").await.unwrap().entries_checked, 4);
    // The same key with other lines is refused at the form, not posted.
    let changed = post(
        app,
        "/books/coop-a/entries/new",
        &[(SESSION, &session), ("lang", "en")],
        &materials_form("2024-03-11", key),
    )
    .await;
    assert_eq!(changed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        changed.body.contains("already sent with other values"),
        "{}",
        changed.body
    );
    assert_eq!(app.artel.verify("coop-a").await.unwrap().entries_checked, 4);
}

async fn the_entry_form_names_each_bad_field_and_keeps_the_input(app: &TestApp) {
    let session = accountant(app).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let bad = [
        ("key", "0192a1b2-0000-7000-8000-00000000e002"),
        ("date", "2024-02-30"),
        ("memo", " "),
        ("account_0", "Assets:Nowhere"),
        ("debit_0", "12.345"),
        ("credit_0", ""),
        ("account_1", "Assets:Cash"),
        ("debit_1", "5"),
        ("credit_1", "5"),
        ("account_2", ""),
        ("debit_2", "3"),
        ("credit_2", ""),
        ("account_3", "Income:Sales"),
        ("debit_3", ""),
        ("credit_3", "-4"),
    ];
    let answer = post(app, "/books/coop-a/entries/new", &english, &bad).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&answer, "date").contains("2024-02-30"));
    assert_eq!(field_error(&answer, "memo"), "Fill this in.");
    assert!(field_error(&answer, "account_0").contains("Assets:Nowhere"));
    assert!(field_error(&answer, "debit_0").contains("at most 2 decimals"));
    assert_eq!(
        field_error(&answer, "credit_1"),
        "Enter a debit or a credit, not both."
    );
    assert_eq!(field_error(&answer, "account_2"), "Fill this in.");
    assert_eq!(
        field_error(&answer, "credit_3"),
        "Enter an amount greater than zero."
    );
    // The input is kept, each field linked to its message.
    for kept in [
        "value=\"Assets:Nowhere\"",
        "value=\"12.345\"",
        "value=\"2024-02-30\"",
        "aria-describedby=\"debit_0-error\"",
    ] {
        assert!(answer.body.contains(kept), "{kept}: {}", answer.body);
    }
    // Well-formed but unbalanced: the difference, under the lines.
    let mut unbalanced = materials_form("2024-03-10", "0192a1b2-0000-7000-8000-00000000e003");
    unbalanced[8].1 = "35.00";
    let answer = post(app, "/books/coop-a/entries/new", &english, &unbalanced).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&answer, "lines"),
        "Debits and credits differ by 10.00."
    );
    // Amounts whose sum would overflow exact money: refused, never wrapped.
    let huge = [
        ("key", "0192a1b2-0000-7000-8000-00000000e006"),
        ("date", "2024-03-10"),
        ("memo", "Too much"),
        ("account_0", "Assets:Cash"),
        ("debit_0", "50000000000000000"),
        ("account_1", "Assets:Cash"),
        ("debit_1", "50000000000000000"),
        ("account_2", "Income:Sales"),
        ("credit_2", "1"),
    ];
    let answer = post(app, "/books/coop-a/entries/new", &english, &huge).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&answer, "debit_1"),
        "The amounts are too large to add up exactly."
    );
    // In Chinese, the same refusal in Chinese.
    let chinese = post(
        app,
        "/books/coop-a/entries/new",
        &[(SESSION, &session), ("lang", "zh-CN")],
        &bad,
    )
    .await;
    assert_eq!(field_error(&chinese, "credit_1"), "借方和贷方只能填一个。");
    assert_translated(
        &chinese.body,
        &[
            "accountant",
            "Alpha Weaving Cooperative",
            "Ctrl+Enter",
            "Assets:Nowhere",
        ],
    );
    // "Add a line" posts nothing and gives one more line, the input kept.
    let mut more = materials_form("2024-03-10", "0192a1b2-0000-7000-8000-00000000e004");
    more.push(("add_line", "1"));
    let answer = post(app, "/books/coop-a/entries/new", &english, &more).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("id=\"account_3\""));
    assert!(answer.body.contains("value=\"Dye for the looms\""));
    assert_eq!(app.artel.verify("coop-a").await.unwrap().entries_checked, 3);
    // A director may read the books but not post: no link, and the form is refused.
    with_password(app, "director").await;
    let director = sign_in(app, "director", PASSWORD).await;
    let list = get(app, "/books/coop-a/entries", &[(SESSION, &director)]).await;
    assert!(!list.body.contains("/entries/new"), "{}", list.body);
    let refused = post(
        app,
        "/books/coop-a/entries/new",
        &[(SESSION, &director)],
        &materials_form("2024-03-10", "0192a1b2-0000-7000-8000-00000000e005"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(app.artel.verify("coop-a").await.unwrap().entries_checked, 3);
}

async fn an_entry_is_reversed_once_from_its_page(app: &TestApp) {
    let session = accountant(app).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let entry = get(app, "/books/coop-a/entries/3", &english).await;
    assert_eq!(entry.status, StatusCode::OK);
    for text in [
        "Entry 3",
        "Alpha yarn",
        "Expenses:Production:Materials",
        "40.00",
        "Post the reversal",
    ] {
        assert!(entry.body.contains(text), "{text}: {}", entry.body);
    }
    let reversed = post(
        app,
        "/books/coop-a/entries/3/reverse",
        &english,
        &[
            ("key", "0192a1b2-0000-7000-8000-00000000e101"),
            ("date", "2024-03-05"),
            ("memo", ""),
        ],
    )
    .await;
    assert_eq!(reversed.status, StatusCode::SEE_OTHER, "{}", reversed.body);
    assert_eq!(reversed.location(), "/books/coop-a/entries/4?posted=1");
    let reversal = get(app, reversed.location(), &english).await;
    for text in [
        "Entry 4 was posted.",
        "Reversal of entry 3: Alpha yarn",
        "href=\"/books/coop-a/entries/3\"",
    ] {
        assert!(reversal.body.contains(text), "{text}: {}", reversal.body);
    }
    let income = get(app, "/books/coop-a/income-statement", &english).await;
    assert_eq!(
        amount_after(&income.body, "Total expenses"),
        "0.00",
        "the materials are back to nothing"
    );
    // The original links to its reversal and offers no second one.
    let original = get(app, "/books/coop-a/entries/3", &english).await;
    assert!(original.body.contains("Reversed by"), "{}", original.body);
    assert!(original.body.contains("href=\"/books/coop-a/entries/4\""));
    assert!(!original.body.contains("Post the reversal"));
    let twice = post(
        app,
        "/books/coop-a/entries/3/reverse",
        &english,
        &[
            ("key", "0192a1b2-0000-7000-8000-00000000e102"),
            ("date", "2024-03-06"),
        ],
    )
    .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&twice, "date"),
        "This entry has already been reversed."
    );
    assert_eq!(app.artel.verify("coop-a").await.unwrap().entries_checked, 4);
    // No such entry: the error page.
    for path in ["/books/coop-a/entries/99", "/books/coop-a/entries/x"] {
        assert_eq!(get(app, path, &english).await.status, StatusCode::NOT_FOUND);
    }
    let chinese = get(
        app,
        "/books/coop-a/entries/4",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(chinese.body.contains("第4号凭证"), "{}", chinese.body);
    let hash = app.artel.entry("coop-a", 4).await.unwrap().hash;
    let hash: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    assert!(
        chinese.body.contains(&hash),
        "the entry's chain hash is shown"
    );
    assert_translated(
        &chinese.body,
        &[
            &hash,
            "accountant",
            "Alpha Weaving Cooperative",
            "Reversal of entry 3: Alpha yarn",
            "Expenses:Production:Materials",
            "Assets:Cash",
        ],
    );
}

async fn the_entries_list_filters_by_date(app: &TestApp) {
    let session = accountant(app).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let all = get(app, "/books/coop-a/entries", &english).await;
    assert_eq!(all.status, StatusCode::OK);
    for n in 1..=3 {
        assert!(
            all.body
                .contains(&format!("href=\"/books/coop-a/entries/{n}\""))
        );
    }
    assert!(all.body.contains("Shares paid by the Weavers of Alpha"));
    // Newest first.
    let position = |n: u64| {
        all.body
            .find(&format!("href=\"/books/coop-a/entries/{n}\""))
            .unwrap()
    };
    assert!(position(3) < position(2) && position(2) < position(1));
    let some = get(app, "/books/coop-a/entries?from=2024-01-10&to=", &english).await;
    assert_eq!(some.status, StatusCode::OK);
    assert!(!some.body.contains("href=\"/books/coop-a/entries/1\""));
    assert!(some.body.contains("href=\"/books/coop-a/entries/2\""));
    assert!(some.body.contains("value=\"2024-01-10\""));
    let none = get(app, "/books/coop-a/entries?from=2025-01-01", &english).await;
    assert!(none.body.contains("No entries in this range."));
    let bad = get(
        app,
        "/books/coop-a/entries?from=2024-03-01&to=2024-01-01",
        &english,
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&bad, "to"),
        "The end of the range is before its start."
    );
    let chinese = get(
        app,
        "/books/coop-a/entries",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(chinese.body.contains("2024年1月5日"), "{}", chinese.body);
    assert_translated(
        &chinese.body,
        &[
            "accountant",
            "Alpha Weaving Cooperative",
            "Shares paid by the Weavers of Alpha",
            "Alpha cloth sold on credit",
            "Alpha yarn",
            "Assets:Receivables:Alpha Buyer",
            "Expenses:Production:Materials",
            "Equity:Share Capital",
            "Income:Sales",
            "Assets:Cash",
        ],
    );
}

async fn months_are_closed_and_reopened_with_a_reason(app: &TestApp) {
    let session = accountant(app).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let periods = get(app, "/books/coop-a/periods", &english).await;
    assert_eq!(periods.status, StatusCode::OK);
    for month in ["Jan 2024", "Feb 2024", "Mar 2024"] {
        assert!(periods.body.contains(month), "{month}: {}", periods.body);
    }
    assert!(
        periods
            .body
            .contains("action=\"/books/coop-a/periods/2024-01/close\"")
    );
    let closed = post(app, "/books/coop-a/periods/2024-01/close", &english, &[]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let after = get(app, closed.location(), &english).await;
    assert!(after.body.contains("Jan 2024 is closed."), "{}", after.body);
    // An accountant may close but not reopen: no reopen form.
    assert!(!after.body.contains("/periods/2024-01/reopen"));
    // Posting into the closed month comes back next to the date.
    let refused = post(
        app,
        "/books/coop-a/entries/new",
        &english,
        &materials_form("2024-01-31", "0192a1b2-0000-7000-8000-00000000e201"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&refused, "date").contains("is closed"),
        "{}",
        refused.body
    );
    // A director reopens it, with a reason.
    with_password(app, "director").await;
    let director = sign_in(app, "director", PASSWORD).await;
    let director = [(SESSION, director.as_str()), ("lang", "en")];
    let page = get(app, "/books/coop-a/periods", &director).await;
    assert!(
        page.body
            .contains("action=\"/books/coop-a/periods/2024-01/reopen\"")
    );
    let no_reason = post(
        app,
        "/books/coop-a/periods/2024-01/reopen",
        &director,
        &[("reason", "  ")],
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&no_reason, "reason_2024-01"),
        "Give the reason for reopening."
    );
    let reopened = post(
        app,
        "/books/coop-a/periods/2024-01/reopen",
        &director,
        &[("reason", "Missed invoice from the dye works")],
    )
    .await;
    assert_eq!(reopened.status, StatusCode::SEE_OTHER);
    let after = get(app, reopened.location(), &director).await;
    assert!(
        after.body.contains("Jan 2024 is open again."),
        "{}",
        after.body
    );
    assert!(app.artel.closed_periods("coop-a").await.unwrap().is_empty());
    // The reason is in the audit trail, for a supervisor.
    with_password(app, "supervisor").await;
    let supervisor = sign_in(app, "supervisor", PASSWORD).await;
    let trail = get(
        app,
        "/books/coop-a/audit",
        &[(SESSION, &supervisor), ("lang", "en")],
    )
    .await;
    assert_eq!(trail.status, StatusCode::OK);
    assert!(
        trail.body.contains("Missed invoice from the dye works"),
        "{}",
        trail.body
    );
    let chinese = get(
        app,
        "/books/coop-a/periods",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(chinese.body.contains("2024年1月"), "{}", chinese.body);
    assert_translated(&chinese.body, &["accountant", "Alpha Weaving Cooperative"]);
}
