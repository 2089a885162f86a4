//! Pages of the site and the user: every page in both languages, sign-in (errors next to
//! the fields, the name kept, one-time codes), sign-out, the language switch remembered
//! per user, sessions, password changes, 404 for organisations without a role, static
//! files, and cross-site posts.

use axum::http::{Method, StatusCode};

use super::{PASSWORD, SESSION, assert_translated, get, post, send, sign_in, with_password};
use crate::harness::{TestApp, engine_tests};

engine_tests!(
    every_page_renders_in_both_languages,
    pages_need_a_session,
    sign_in_refusals_come_back_next_to_the_fields,
    administrators_are_asked_for_their_code,
    sign_out_ends_the_session,
    the_language_is_remembered_for_the_user,
    password_changes_are_checked_and_end_other_sessions,
    the_current_password_is_guessed_no_faster_than_at_sign_in,
    sessions_are_listed_and_ended,
    an_organisation_without_a_role_is_not_found,
    static_files_are_served_for_long,
    cross_site_posts_are_refused,
);

async fn every_page_renders_in_both_languages(app: &TestApp) {
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let data = ["accountant", "Alpha Weaving Cooperative", "coop-a"];
    // (path, an English string, its Chinese translation)
    let pages = [
        ("/", "Your organisations", "您的组织"),
        ("/me/sessions", "My sessions", "我的会话"),
        ("/me/password", "Change your password", "修改密码"),
        (
            "/books/coop-a",
            "The books of Alpha Weaving Cooperative",
            "账簿",
        ),
    ];
    for (path, english, chinese) in pages {
        let answer = get(app, path, &[(SESSION, &session), ("lang", "en")]).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert!(answer.body.contains("<html lang=\"en\">"), "{path}");
        assert!(answer.body.contains(english), "{path}: {}", answer.body);
        assert!(answer.body.contains("id=\"main\""), "{path}");
        assert!(answer.body.contains("href=\"#main\""), "{path}");
        assert!(answer.body.contains("action=\"/sign-out\""), "{path}");
        let answer = get(app, path, &[(SESSION, &session), ("lang", "zh-CN")]).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert!(answer.body.contains(chinese), "{path}: {}", answer.body);
        assert_translated(&answer.body, &data);
        if std::env::var_os("ARTEL_SHOW_PAGES").is_some() {
            eprintln!("{}", answer.body);
        }
    }
    // Signed out: the sign-in page, by cookie and by Accept-Language.
    let answer = get(app, "/sign-in", &[("lang", "en")]).await;
    assert!(answer.body.contains("Sign in to Artel"), "{}", answer.body);
    assert!(!answer.body.contains("action=\"/sign-out\""));
    let answer = send(
        app,
        Method::GET,
        "/sign-in",
        &[],
        None,
        &[("accept-language", "zh-CN,zh;q=0.9,en;q=0.8")],
    )
    .await;
    assert!(answer.body.contains("登录 Artel"), "{}", answer.body);
    assert_translated(&answer.body, &[]);
    // The error page too.
    let answer = get(
        app,
        "/books/nowhere",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_translated(&answer.body, &data);
    // Refused forms too.
    let answer = send(
        app,
        Method::POST,
        "/sign-in",
        &[("lang", "zh-CN")],
        Some(&[("name", "accountant"), ("password", "wrong password here")]),
        &[],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(
        answer.body.contains("用户名、密码或一次性验证码不正确"),
        "{}",
        answer.body
    );
    assert_translated(&answer.body, &data);
    let answer = post(
        app,
        "/me/password",
        &[(SESSION, &session), ("lang", "zh-CN")],
        &[("current_password", ""), ("new_password", "short")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_translated(&answer.body, &data);
}

async fn pages_need_a_session(app: &TestApp) {
    for path in ["/", "/me/sessions", "/me/password", "/books/coop-a"] {
        let answer = get(app, path, &[]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(answer.location(), format!("/sign-in?next={path}"), "{path}");
    }
    let answer = get(app, "/me/sessions?a=1&b=2", &[]).await;
    assert_eq!(
        answer.location(),
        "/sign-in?next=/me/sessions%3Fa%3D1%26b%3D2"
    );
    // A made-up or ended session is no session.
    let answer = get(app, "/", &[(SESSION, "artel_session_00")]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    // A POST without a session changes nothing and is sent to sign in.
    let answer = post(app, "/me/password", &[], &[("current_password", "x")]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.location(), "/sign-in?next=/");
    // After sign-in the user goes where they were going, but only on this site.
    with_password(app, "member").await;
    let answer = get(app, "/sign-in?next=%2F%2Fevil.example%2F", &[]).await;
    assert!(
        answer.body.contains("name=\"next\" value=\"/\""),
        "{}",
        answer.body
    );
    for (next, expected) in [
        ("/me/sessions", "/me/sessions"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
    ] {
        let answer = post(
            app,
            "/sign-in",
            &[],
            &[("name", "member"), ("password", PASSWORD), ("next", next)],
        )
        .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        assert_eq!(answer.location(), expected);
    }
}

async fn sign_in_refusals_come_back_next_to_the_fields(app: &TestApp) {
    with_password(app, "member").await;
    // Empty password: the message at the password field, the name kept.
    let answer = post(
        app,
        "/sign-in",
        &[("lang", "en")],
        &[
            ("name", "member"),
            ("password", ""),
            ("next", "/me/sessions"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("value=\"member\""), "{}", answer.body);
    assert!(
        answer.body.contains("value=\"/me/sessions\""),
        "{}",
        answer.body
    );
    assert!(
        answer
            .body
            .contains("<p class=\"field-error\" id=\"password-error\">Fill this in.</p>"),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("aria-describedby=\"password-error\""));
    assert!(!answer.body.contains("name-error"));
    // The same in Chinese.
    let answer = post(
        app,
        "/sign-in",
        &[("lang", "zh-CN")],
        &[("name", ""), ("password", "x")],
    )
    .await;
    assert!(
        answer
            .body
            .contains("<p class=\"field-error\" id=\"name-error\">请填写此项。</p>"),
        "{}",
        answer.body
    );
    // A wrong password: refused, the name kept, never the password.
    let answer = post(
        app,
        "/sign-in",
        &[("lang", "en")],
        &[("name", "member"), ("password", "not the password")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(
        answer
            .body
            .contains("Wrong name, password or one-time code.")
    );
    assert!(answer.body.contains("value=\"member\""));
    assert!(!answer.body.contains("not the password"));
    assert!(answer.cookie(SESSION).is_none());
    // Names are escaped.
    let answer = post(
        app,
        "/sign-in",
        &[("lang", "en")],
        &[("name", "<script>x</script>"), ("password", "")],
    )
    .await;
    assert!(!answer.body.contains("<script>x"));
    assert!(answer.body.contains("&#60;script&#62;") || answer.body.contains("&lt;script&gt;"));
    // Throttled after repeated failures, with the wait, in the reader's language.
    for _ in 0..5 {
        post(
            app,
            "/sign-in",
            &[],
            &[("name", "member"), ("password", "still not it")],
        )
        .await;
    }
    let answer = post(
        app,
        "/sign-in",
        &[("lang", "zh-CN")],
        &[("name", "member"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        answer
            .body
            .contains("登录失败次数过多。请在 15 分钟后重试。"),
        "{}",
        answer.body
    );
    let answer = post(
        app,
        "/sign-in",
        &[("lang", "en")],
        &[("name", "member"), ("password", PASSWORD)],
    )
    .await;
    assert!(
        answer.body.contains("Try again in 15 minutes."),
        "{}",
        answer.body
    );
}

async fn administrators_are_asked_for_their_code(app: &TestApp) {
    with_password(app, "administrator").await;
    let answer = post(
        app,
        "/sign-in",
        &[("lang", "en")],
        &[("name", "administrator"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(
        answer
            .body
            .contains("Ask the operator to set one up first.")
    );
    let setup = app.artel.setup_totp("administrator").await.unwrap();
    let answer = post(
        app,
        "/sign-in",
        &[("lang", "en")],
        &[("name", "administrator"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(answer.body.contains("id=\"totp\""), "{}", answer.body);
    assert!(
        answer.body.contains(
            "<p class=\"field-error\" id=\"totp-error\">This account needs a one-time code too.</p>"
        ),
        "{}",
        answer.body
    );
    let totp = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(&setup.secret).unwrap())
        .build()
        .unwrap();
    let seconds = chrono::Utc::now().timestamp();
    let code = totp.generate(u64::try_from(seconds).unwrap()).to_string();
    let answer = post(
        app,
        "/sign-in",
        &[],
        &[
            ("name", "administrator"),
            ("password", PASSWORD),
            ("totp", &code),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert!(answer.cookie(SESSION).is_some());
}

async fn sign_out_ends_the_session(app: &TestApp) {
    with_password(app, "member").await;
    let session = sign_in(app, "member", PASSWORD).await;
    assert_eq!(
        get(app, "/", &[(SESSION, &session)]).await.status,
        StatusCode::OK
    );
    let answer = post(app, "/sign-out", &[(SESSION, &session)], &[]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.location(), "/sign-in");
    assert_eq!(answer.cookie(SESSION).as_deref(), Some(""));
    let answer = get(app, "/", &[(SESSION, &session)]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
}

async fn the_language_is_remembered_for_the_user(app: &TestApp) {
    with_password(app, "member").await;
    // Signed out: remembered in a cookie.
    let answer = post(
        app,
        "/language",
        &[],
        &[("lang", "zh-CN"), ("next", "/sign-in")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.location(), "/sign-in");
    assert_eq!(answer.cookie("lang").as_deref(), Some("zh-CN"));
    // An unknown language, or a `next` elsewhere, changes nothing dangerous.
    let answer = post(app, "/language", &[], &[("lang", "fr"), ("next", "/")]).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let answer = post(
        app,
        "/language",
        &[],
        &[("lang", "en"), ("next", "//evil.example")],
    )
    .await;
    assert_eq!(answer.location(), "/");
    // Signed in: remembered for the user, whatever the browser says.
    let session = sign_in(app, "member", PASSWORD).await;
    let answer = post(
        app,
        "/language",
        &[(SESSION, &session)],
        &[("lang", "zh-CN"), ("next", "/me/sessions")],
    )
    .await;
    assert_eq!(answer.location(), "/me/sessions");
    let other = sign_in(app, "member", PASSWORD).await;
    let answer = send(
        app,
        Method::GET,
        "/",
        &[(SESSION, &other), ("lang", "en")],
        None,
        &[("accept-language", "en")],
    )
    .await;
    assert!(
        answer.body.contains("<html lang=\"zh-CN\">"),
        "{}",
        answer.body
    );
    // And back.
    post(
        app,
        "/language",
        &[(SESSION, &other)],
        &[("lang", "en"), ("next", "/")],
    )
    .await;
    let answer = get(app, "/", &[(SESSION, &session), ("lang", "zh-CN")]).await;
    assert!(answer.body.contains("<html lang=\"en\">"));
}

async fn password_changes_are_checked_and_end_other_sessions(app: &TestApp) {
    with_password(app, "member").await;
    let session = sign_in(app, "member", PASSWORD).await;
    let other = sign_in(app, "member", PASSWORD).await;
    let cookies = [(SESSION, session.as_str()), ("lang", "en")];
    let change = |current: &'static str, new: &'static str, again: &'static str| {
        [
            ("current_password", current),
            ("new_password", new),
            ("new_password_again", again),
        ]
    };
    // The two new passwords differ.
    let answer = post(
        app,
        "/me/password",
        &cookies,
        &change(PASSWORD, "a new long password", "a new long passwort"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains(
        "<p class=\"field-error\" id=\"new_password_again-error\">The two new passwords differ.</p>"
    ), "{}", answer.body);
    assert!(!answer.body.contains("a new long password"));
    // Too short.
    let answer = post(
        app,
        "/me/password",
        &cookies,
        &change(PASSWORD, "short", "short"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains(
        "<p class=\"field-error\" id=\"new_password-error\">A password needs at least 12 characters.</p>"
    ), "{}", answer.body);
    // Eleven characters are still too few; 129 too many (a passphrase of 128 would do).
    let too_long: &'static str = "长".repeat(129).leak();
    for (new, message) in [
        ("eleven char", "at least 12 characters"),
        (too_long, "at most 128 characters"),
    ] {
        let answer = post(app, "/me/password", &cookies, &change(PASSWORD, new, new)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains(message), "{}", answer.body);
    }
    // The current password is wrong.
    let answer = post(
        app,
        "/me/password",
        &[(SESSION, &session), ("lang", "zh-CN")],
        &change(
            "not my password",
            "a new long password",
            "a new long password",
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains(
            "<p class=\"field-error\" id=\"current_password-error\">当前密码不正确。</p>"
        ),
        "{}",
        answer.body
    );
    // Nothing changed so far.
    assert!(password_is(app, "member", PASSWORD).await);
    assert_eq!(
        get(app, "/", &[(SESSION, &other)]).await.status,
        StatusCode::OK
    );
    // Changed: this session goes on, the other has ended.
    let answer = post(
        app,
        "/me/password",
        &cookies,
        &change(PASSWORD, "a new long password", "a new long password"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.body.contains("Your password is changed."));
    assert!(password_is(app, "member", "a new long password").await);
    assert!(!password_is(app, "member", PASSWORD).await);
    assert_eq!(
        get(app, "/", &[(SESSION, &session)]).await.status,
        StatusCode::OK
    );
    assert_eq!(
        get(app, "/", &[(SESSION, &other)]).await.status,
        StatusCode::SEE_OTHER
    );
}

async fn sessions_are_listed_and_ended(app: &TestApp) {
    with_password(app, "member").await;
    let session = sign_in(app, "member", PASSWORD).await;
    let other = sign_in(app, "member", PASSWORD).await;
    let answer = get(app, "/me/sessions", &[(SESSION, &session), ("lang", "en")]).await;
    assert_eq!(answer.body.matches("/end\"").count(), 2, "{}", answer.body);
    assert!(answer.body.contains("This session"));
    // Dates in the reader's style.
    let today = chrono::Utc::now().date_naive();
    assert!(
        answer.body.contains(&today.format("%-d %b %Y").to_string()),
        "{}",
        answer.body
    );
    let zh = get(
        app,
        "/me/sessions",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(
        zh.body
            .contains(&today.format("%Y年%-m月%-d日").to_string()),
        "{}",
        zh.body
    );
    // End the other one: this one goes on, the other stops at once.
    let id_in = |row: &str| {
        let at = row.find("action=\"/me/sessions/").unwrap() + "action=\"/me/sessions/".len();
        row[at..at + 36].to_owned()
    };
    let rows: Vec<&str> = answer
        .body
        .split("<tr>")
        .filter(|r| r.contains("action=\"/me/sessions/"))
        .collect();
    assert_eq!(rows.len(), 2);
    let current = rows
        .iter()
        .find(|r| r.contains("This session"))
        .map(|r| id_in(r))
        .unwrap();
    let other_id = rows
        .iter()
        .find(|r| !r.contains("This session"))
        .map(|r| id_in(r))
        .unwrap();
    let ended = post(
        app,
        &format!("/me/sessions/{other_id}/end"),
        &[(SESSION, &session)],
        &[],
    )
    .await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert_eq!(ended.location(), "/me/sessions");
    assert_eq!(
        get(app, "/", &[(SESSION, &session)]).await.status,
        StatusCode::OK
    );
    assert_eq!(
        get(app, "/", &[(SESSION, &other)]).await.status,
        StatusCode::SEE_OTHER
    );
    // Ending the current one signs out.
    let ended = post(
        app,
        &format!("/me/sessions/{current}/end"),
        &[(SESSION, &session)],
        &[],
    )
    .await;
    assert_eq!(ended.location(), "/sign-in");
    assert_eq!(ended.cookie(SESSION).as_deref(), Some(""));
    assert_eq!(
        get(app, "/", &[(SESSION, &session)]).await.status,
        StatusCode::SEE_OTHER
    );
    let session = sign_in(app, "member", PASSWORD).await;
    // An id that is not one of theirs: not found.
    let answer = post(
        app,
        "/me/sessions/00000000-0000-0000-0000-000000000000/end",
        &[(SESSION, &session)],
        &[],
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}

async fn an_organisation_without_a_role_is_not_found(app: &TestApp) {
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let home = get(app, "/", &[(SESSION, &session)]).await;
    assert!(home.body.contains("href=\"/books/coop-a\""));
    assert!(!home.body.contains("coop-b"));
    assert!(!home.body.contains("Bravo"));
    for lang in ["en", "zh-CN"] {
        let answer = get(app, "/books/coop-b", &[(SESSION, &session), ("lang", lang)]).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.body);
        assert!(answer.body.contains(&format!("<html lang=\"{lang}\">")));
        for secret in ["Bravo", "Plough", "900", "hunan", "Hunan"] {
            assert!(!answer.body.contains(secret), "{secret}: {}", answer.body);
        }
        // Exactly like an organisation that does not exist.
        let nowhere = get(
            app,
            "/books/nowhere",
            &[(SESSION, &session), ("lang", lang)],
        )
        .await;
        assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
        assert_eq!(
            answer.body.replace("coop-b", "X"),
            nowhere.body.replace("nowhere", "X")
        );
    }
}

async fn static_files_are_served_for_long(app: &TestApp) {
    let page = get(app, "/sign-in", &[]).await;
    for (name, content_type) in [
        ("artel.css", "text/css"),
        ("htmx.min.js", "text/javascript"),
    ] {
        let start = page.body.find(&format!("/static/{name}?v=")).unwrap();
        let end = start + page.body[start..].find('"').unwrap();
        let answer = get(app, &page.body[start..end], &[]).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(
            answer.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with(content_type)
        );
        assert!(
            answer.headers["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age=31536000")
        );
        assert!(!answer.body.is_empty());
    }
    assert!(
        page.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-store")
    );
    // No inline script or style: the CSP allows none.
    assert!(!page.body.contains("<script>"));
    assert!(!page.body.contains("<style"));
    assert!(!page.body.contains(" style="));
}

async fn cross_site_posts_are_refused(app: &TestApp) {
    with_password(app, "member").await;
    let session = sign_in(app, "member", PASSWORD).await;
    let answer = send(
        app,
        Method::POST,
        "/sign-out",
        &[(SESSION, &session)],
        None,
        &[("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(
        get(app, "/", &[(SESSION, &session)]).await.status,
        StatusCode::OK
    );
}

async fn the_current_password_is_guessed_no_faster_than_at_sign_in(app: &TestApp) {
    with_password(app, "member").await;
    let session = sign_in(app, "member", PASSWORD).await;
    let cookies = [(SESSION, session.as_str()), ("lang", "en")];
    let change = |current: &'static str| {
        [
            ("current_password", current),
            ("new_password", "a new long password"),
            ("new_password_again", "a new long password"),
        ]
    };
    // Wrong guesses are each refused at the field ...
    for _ in 0..artel_app::PAIR_FAILURES_MAX {
        let answer = post(app, "/me/password", &cookies, &change("a wrong guess")).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // ... and then even the right password waits, as at sign-in, and nothing changes.
    let answer = post(app, "/me/password", &cookies, &change(PASSWORD)).await;
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.body
    );
    assert!(
        answer
            .body
            .contains("Too many failed sign-ins. Try again in 15 minutes."),
        "{}",
        answer.body
    );
    assert!(password_is(app, "member", PASSWORD).await);
    // Every wrong guess is a security event.
    let events = app.artel.security_events(None, 1000).await.unwrap();
    let refused = events
        .iter()
        .filter(|e| e.action == "password.change.refused" && e.actor == "member")
        .count();
    assert_eq!(refused as i64, artel_app::PAIR_FAILURES_MAX);
}

/// Whether `password` is the password of the user `name` now.
async fn password_is(app: &TestApp, name: &str, password: &str) -> bool {
    app.artel
        .check_password(name, password)
        .await
        .unwrap()
        .is_some()
}
