//! The organisation's profile page: status history, memberships and affiliated bodies in
//! both languages, linked from the books' navigation, and refused to callers without a
//! role that reads the books.

use axum::http::StatusCode;

use super::{PASSWORD, SESSION, assert_translated, get, sign_in, with_password};
use crate::harness::{COOP_A_SECRETS, TestApp, engine_tests};

engine_tests!(
    the_profile_shows_history_memberships_and_bodies,
    the_profile_is_refused_without_a_role_that_reads_the_books,
);

async fn history(app: &TestApp) {
    let artel = &app.artel;
    artel
        .change_status(
            "coop-a",
            "under-rectification",
            "2030-01-10".parse().unwrap(),
            "重点社",
        )
        .await
        .unwrap();
    let federation = artel_app::OrganisationRequest {
        code: "shashi-federation".into(),
        kind: "federation".into(),
        name: "沙市手工业联社".into(),
        region: Some("shashi".into()),
        parent: None,
        currency: "CNY".into(),
        scale: 2,
        founded: Some("2020-01-01".parse().unwrap()),
        status: None,
    };
    artel.add_organisation(&federation).await.unwrap();
    artel
        .join_parent("coop-a", "shashi-federation", "2030-02-01".parse().unwrap())
        .await
        .unwrap();
    artel
        .add_body(
            "coop-a",
            "party-branch",
            "甲社党支部",
            Some("2030-03-01".parse().unwrap()),
        )
        .await
        .unwrap();
}

async fn the_profile_shows_history_memberships_and_bodies(app: &TestApp) {
    history(app).await;
    with_password(app, "director").await;
    let session = sign_in(app, "director", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let dashboard = get(app, "/books/coop-a", &english).await;
    assert!(
        dashboard.body.contains("href=\"/books/coop-a/profile\""),
        "linked from the navigation"
    );
    let page = get(app, "/books/coop-a/profile", &english).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for text in [
        "<dd>Production cooperative</dd>",
        "<dd>Under rectification</dd>",
        "<td data-label=\"Event\">Status changed</td>",
        "<td data-label=\"Status\">Under rectification</td>",
        "<td data-label=\"Note\">重点社</td>",
        "<td data-label=\"Date\">10 Jan 2030</td>",
        "A member of 沙市手工业联社",
        "<td data-label=\"Name\">甲社党支部</td>",
        "<td data-label=\"Kind of body\">Party branch</td>",
        "aria-current=\"page\">Profile</a>",
    ] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    let chinese = [(SESSION, session.as_str()), ("lang", "zh-CN")];
    let page = get(app, "/books/coop-a/profile", &chinese).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "整顿中",
        "状态沿革",
        "隶属于沙市手工业联社",
        "党支部",
        "手工业生产合作社",
    ] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    assert_translated(
        &page.body,
        &["Alpha Weaving Cooperative", "coop-a", "director"],
    );
    // The federation's profile lists the cooperative as its member.
    let federation = app.artel.organisation("shashi-federation").await.unwrap();
    assert_eq!(federation.kind, "federation");
    app.artel
        .add_user(
            "director",
            "director",
            &artel_app::Scope::Organisation("shashi-federation".into()),
        )
        .await
        .unwrap();
    let page = get(app, "/books/shashi-federation/profile", &english).await;
    assert!(
        page.body.contains("Alpha Weaving Cooperative is a member"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("No affiliated bodies are recorded."),
        "{}",
        page.body
    );
}

async fn the_profile_is_refused_without_a_role_that_reads_the_books(app: &TestApp) {
    history(app).await;
    for (name, status) in [
        ("hunan-officer", StatusCode::NOT_FOUND),
        ("member", StatusCode::FORBIDDEN),
    ] {
        with_password(app, name).await;
        let session = sign_in(app, name, PASSWORD).await;
        for lang in ["en", "zh-CN"] {
            let cookies = [(SESSION, session.as_str()), ("lang", lang)];
            let answer = get(app, "/books/coop-a/profile", &cookies).await;
            assert_eq!(answer.status, status, "{name}");
            for secret in COOP_A_SECRETS.iter().chain(&["重点社", "甲社党支部"]) {
                assert!(!answer.body.contains(secret), "{name}: {secret}");
            }
        }
    }
    // A government officer over the province reads it.
    with_password(app, "hubei-officer").await;
    let session = sign_in(app, "hubei-officer", PASSWORD).await;
    let answer = get(app, "/books/coop-a/profile", &[(SESSION, session.as_str())]).await;
    assert_eq!(answer.status, StatusCode::OK);
}
