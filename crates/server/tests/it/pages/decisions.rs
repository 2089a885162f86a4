//! The decisions' pages: a meeting recorded from its form, an applicant admitted by a motion
//! put to the vote there (the shares reaching the books), a count that cannot be true
//! refused next to its field, a member's page with the history linking the resolution and
//! the entry, the charter — in English and Chinese, and only for the roles allowed.

use axum::http::StatusCode;

use super::{PASSWORD, SESSION, assert_translated, field_error, get, post, sign_in, with_password};
use crate::harness::{TestApp, engine_tests};

engine_tests!(
    an_applicant_is_admitted_by_a_vote_from_the_meeting_page,
    a_member_page_changes_the_standing_and_refuses_what_the_charter_reserves,
    a_member_sees_their_own_capital_and_nothing_of_the_others,
);

/// Three members who paid one share each, and an applicant (number 4) for two shares.
async fn register_with_applicant(app: &TestApp) {
    let directory = tempfile::tempdir().unwrap();
    let file = directory.path().join("members.csv");
    std::fs::write(
        &file,
        "name,joined,shares_subscribed,shares_paid\nWang,2024-03-01,1,1\nLi,2024-03-01,1,1\nZhao,2024-03-01,1,1\n",
    )
    .unwrap();
    app.artel.import_members("coop-a", &file).await.unwrap();
}

async fn director(app: &TestApp) -> String {
    with_password(app, "director").await;
    sign_in(app, "director", PASSWORD).await
}

async fn an_applicant_is_admitted_by_a_vote_from_the_meeting_page(app: &TestApp) {
    register_with_applicant(app).await;
    let session = director(app).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let applied = post(
        app,
        "/books/coop-a/members",
        &english,
        &[
            ("name", "Chen"),
            ("joined", "2024-04-01"),
            ("shares_subscribed", "2"),
            ("shares_paid", "2"),
            ("applicant", "yes"),
        ],
    )
    .await;
    assert_eq!(applied.status, StatusCode::SEE_OTHER, "{}", applied.body);
    let register = get(app, applied.location(), &english).await;
    assert!(
        register.body.contains("application was recorded."),
        "{}",
        register.body
    );
    assert!(
        register
            .body
            .contains("<td data-label=\"Standing\">Applicant</td>")
    );

    // More present than may vote is refused next to the field.
    let meeting = |present: &'static str| {
        [
            ("body", "general-assembly"),
            ("held_on", "2024-04-10"),
            ("title", "Spring assembly"),
            ("present", present),
        ]
    };
    let refused = post(app, "/books/coop-a/meetings", &english, &meeting("4")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&refused, "present"),
        "More present than may attend."
    );
    let recorded = post(app, "/books/coop-a/meetings", &english, &meeting("2")).await;
    assert_eq!(recorded.location(), "/books/coop-a/meetings/1");
    let page = get(app, "/books/coop-a/meetings/1", &english).await;
    assert!(page.body.contains("2 / 3"), "{}", page.body);
    assert!(
        page.body
            .contains("<option value=\"4\">4 Chen (Applicant)</option>"),
        "{}",
        page.body
    );

    // One member, one vote.
    let vote = |yes: &'static str| {
        [
            ("kind", "admission"),
            ("text", "Admit Chen"),
            ("member", "4"),
            ("ballot", "secret"),
            ("yes", yes),
            ("no", "0"),
            ("abstain", "0"),
        ]
    };
    let refused = post(
        app,
        "/books/coop-a/meetings/1/motions",
        &english,
        &vote("3"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&refused, "yes"),
        "More votes than members present: one member, one vote."
    );
    let decided = post(
        app,
        "/books/coop-a/meetings/1/motions",
        &english,
        &vote("2"),
    )
    .await;
    assert_eq!(
        decided.location(),
        "/books/coop-a/meetings/1?motion=1&outcome=adopted"
    );
    let page = get(app, decided.location(), &english).await;
    assert!(page.body.contains("Motion 1: Adopted"), "{}", page.body);
    assert!(page.body.contains("<strong>Adopted</strong>"));

    let member = get(app, "/books/coop-a/members/4", &english).await;
    assert!(
        member.body.contains("<dd id=\"standing\">Member</dd>"),
        "{}",
        member.body
    );
    assert!(member.body.contains("<dd id=\"paid-in\">20.00</dd>"));
    assert!(member.body.contains("motion 1"));
    let capital = app.artel.trial_balance("coop-a", None, None).await.unwrap();
    let capital = capital
        .trial_balance
        .rows
        .iter()
        .find(|row| row.account.as_str() == "Equity:Share Capital")
        .unwrap()
        .balance;
    assert_eq!(capital.minor(), -(30_000 + 3 * 1_000 + 2_000));

    // An election from the same form: Wang and Li on the management committee.
    let elected = post(
        app,
        "/books/coop-a/meetings/1/motions",
        &english,
        &[
            ("kind", "election"),
            ("text", "Management committee"),
            ("ballot", "secret"),
            ("yes", "2"),
            ("no", "0"),
            ("committee", "management-committee"),
            ("elected", "1, 2"),
            ("term_ends", "2099-04-10"),
        ],
    )
    .await;
    assert_eq!(
        elected.location(),
        "/books/coop-a/meetings/1?motion=2&outcome=adopted"
    );
    let bad = post(
        app,
        "/books/coop-a/meetings/1/motions",
        &english,
        &[
            ("kind", "election"),
            ("text", "Again"),
            ("ballot", "open"),
            ("yes", "2"),
            ("no", "0"),
            ("committee", "management-committee"),
            ("elected", "one"),
            ("term_ends", "2099-04-10"),
        ],
    )
    .await;
    assert_eq!(
        field_error(&bad, "elected"),
        "Enter member numbers separated by commas, like 1, 4, 7."
    );
    let listed = get(app, "/books/coop-a/meetings", &english).await;
    assert!(
        listed
            .body
            .contains("<td data-label=\"Member concerned\">1 Wang</td>"),
        "{}",
        listed.body
    );

    // The same pages in Chinese.
    let chinese = [(SESSION, session.as_str()), ("lang", "zh-CN")];
    for path in [
        "/books/coop-a/meetings",
        "/books/coop-a/meetings/1",
        "/books/coop-a/members/4",
        "/books/coop-a/charter",
    ] {
        let page = get(app, path, &chinese).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_translated(
            &page.body,
            &[
                "Alpha Weaving Cooperative",
                "Spring assembly",
                "Admit Chen",
                "Chen",
                "Wang",
                "Li",
                "Zhao",
                "director",
                "Management committee",
            ],
        );
    }
    // An accountant reads the meetings but records no vote.
    with_password(app, "accountant").await;
    let accountant = sign_in(app, "accountant", PASSWORD).await;
    let page = get(app, "/books/coop-a/meetings/1", &[(SESSION, &accountant)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("/motions\" novalidate"));
    let refused = post(
        app,
        "/books/coop-a/meetings/1/motions",
        &[(SESSION, &accountant)],
        &vote("2"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

async fn a_member_page_changes_the_standing_and_refuses_what_the_charter_reserves(app: &TestApp) {
    register_with_applicant(app).await;
    let session = director(app).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let change = |event: &'static str, date: &'static str| {
        [
            ("event", event),
            ("date", date),
            ("note", ""),
            ("debts", ""),
        ]
    };
    let expelled = post(
        app,
        "/books/coop-a/members/1",
        &english,
        &change("expel", "2024-04-01"),
    )
    .await;
    assert_eq!(expelled.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&expelled, "event").contains("reserves it to a resolution"));
    let asked = post(
        app,
        "/books/coop-a/members/1",
        &english,
        &change("request-withdrawal", "2024-04-01"),
    )
    .await;
    assert_eq!(
        asked.location(),
        "/books/coop-a/members/1?changed=request-withdrawal"
    );
    let early = post(
        app,
        "/books/coop-a/members/1",
        &english,
        &change("settle-withdrawal", "2024-04-15"),
    )
    .await;
    assert!(
        field_error(&early, "date").contains("notice has run"),
        "{}",
        early.body
    );
    let settled = post(
        app,
        "/books/coop-a/members/1",
        &english,
        &change("settle-withdrawal", "2024-05-01"),
    )
    .await;
    assert_eq!(settled.status, StatusCode::SEE_OTHER, "{}", settled.body);
    let page = get(app, settled.location(), &english).await;
    assert!(
        page.body.contains("Recorded: Withdrawal settled."),
        "{}",
        page.body
    );
    assert!(page.body.contains("<dd id=\"standing\">Withdrawn</dd>"));
    assert!(page.body.contains("<dd id=\"paid-in\">0.00</dd>"));
    // The share ledger: paid in, then refunded by the settlement's entry.
    assert!(
        page.body
            .contains("<td data-label=\"Shares\" class=\"amount\">-1</td>"),
        "{}",
        page.body
    );
    // Li pays nothing more than subscribed (one share, paid); the refusal is next to the field.
    let pay = post(
        app,
        "/books/coop-a/members/2/shares",
        &english,
        &[("shares", "1"), ("date", "2024-04-02")],
    )
    .await;
    assert_eq!(pay.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        pay.body
            .contains("id=\"pay_shares-error\">Not possible: more than the shares subscribed"),
        "{}",
        pay.body
    );
    assert!(!pay.body.contains("id=\"event-error\""), "{}", pay.body);
    // Someone with no role there sees nothing of it.
    let outsider = {
        with_password(app, "hunan-officer").await;
        sign_in(app, "hunan-officer", PASSWORD).await
    };
    // Nor can they change anything there: every form of these pages answers as if coop-a
    // did not exist, and nothing is written.
    for (path, form) in [
        (
            "/books/coop-a/members/2",
            &[("event", "suspend"), ("date", "2024-05-02")][..],
        ),
        (
            "/books/coop-a/members/2/shares",
            &[("shares", "1"), ("date", "2024-05-02")][..],
        ),
        (
            "/books/coop-a/meetings",
            &[
                ("body", "general-assembly"),
                ("held_on", "2024-05-02"),
                ("title", "x"),
                ("present", "0"),
            ][..],
        ),
        (
            "/books/coop-a/meetings/1/motions",
            &[
                ("kind", "ordinary"),
                ("text", "x"),
                ("ballot", "open"),
                ("yes", "0"),
                ("no", "0"),
            ][..],
        ),
    ] {
        let refused = post(app, path, &[(SESSION, &outsider)], form).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert!(app.artel.meetings("coop-a").await.unwrap().is_empty());
    assert_eq!(
        app.artel.member("coop-a", 2).await.unwrap().0.status,
        "member"
    );
    for path in [
        "/books/coop-a/members/1",
        "/books/coop-a/meetings",
        "/books/coop-a/charter",
    ] {
        let page = get(app, path, &[(SESSION, &outsider)]).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!page.body.contains("Wang"));
    }
}

async fn a_member_sees_their_own_capital_and_nothing_of_the_others(app: &TestApp) {
    register_with_applicant(app).await;
    app.artel.link_member("coop-a", 2, "member").await.unwrap();
    with_password(app, "member").await;
    let session = sign_in(app, "member", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let home = get(app, "/", &english).await;
    assert!(
        home.body.contains("href=\"/membership/coop-a\""),
        "{}",
        home.body
    );
    assert!(
        !home.body.contains("href=\"/books/coop-a\""),
        "{}",
        home.body
    );
    let own = get(app, "/membership/coop-a", &english).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("My membership: Li"), "{}", own.body);
    assert!(own.body.contains("<dd id=\"paid-in\">10.00</dd>"));
    // Entry numbers, but no links into books the member may not read; no other member.
    assert!(!own.body.contains("/entries/"));
    assert!(!own.body.contains("Wang") && !own.body.contains("Zhao"));
    let chinese = get(
        app,
        "/membership/coop-a",
        &[(SESSION, session.as_str()), ("lang", "zh-CN")],
    )
    .await;
    assert_translated(
        &chinese.body,
        &["Alpha Weaving Cooperative", "Li", "member"],
    );
    for path in [
        "/books/coop-a/members",
        "/books/coop-a/members/1",
        "/books/coop-a",
    ] {
        let refused = get(app, path, &english).await;
        assert!(
            matches!(
                refused.status,
                StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
            ),
            "{path}: {}",
            refused.status
        );
        assert!(!refused.body.contains("Wang"), "{path}");
    }
    // A user with a role there who is not in the register, and one with no role there.
    for other in ["supervisor", "hunan-officer"] {
        with_password(app, other).await;
        let session = sign_in(app, other, PASSWORD).await;
        let page = get(app, "/membership/coop-a", &[(SESSION, &session)]).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{other}");
        assert!(!page.body.contains("Li"), "{other}");
    }
    // The same through the API.
    let token = app.token("member").await;
    let (status, own) = app
        .call(
            axum::http::Method::GET,
            "/api/v1/organisations/coop-a/membership",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        (status, own["member"]["name"].clone()),
        (StatusCode::OK, serde_json::json!("Li"))
    );
}
