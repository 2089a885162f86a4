//! The web pages: each in both languages with no English left on a Chinese page, sign-in
//! (errors next to the fields, the name kept, one-time codes), sign-out, the language
//! switch remembered per user, sessions, password changes, 404 for organisations without
//! a role, static files, and catalogs with the same keys.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::harness::{TestApp, engine_tests};

engine_tests!(
    every_page_renders_in_both_languages,
    pages_need_a_session,
    sign_in_refusals_come_back_next_to_the_fields,
    administrators_are_asked_for_their_code,
    sign_out_ends_the_session,
    the_language_is_remembered_for_the_user,
    password_changes_are_checked_and_end_other_sessions,
    sessions_are_listed_and_ended,
    an_organisation_without_a_role_is_not_found,
    static_files_are_served_for_long,
    cross_site_posts_are_refused,
    the_dashboard_shows_the_books_figures,
    the_trial_balance_page_and_its_downloads,
);

const PASSWORD: &str = "correct horse battery";

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The value the answer's `Set-Cookie` gives `name`.
    fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.strip_prefix(name)?.strip_prefix('='))
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
            .next()
    }
}

/// A browser-like request: `cookies` as sent, `form` urlencoded.
async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    cookies: &[(&str, &str)],
    form: Option<&[(&str, &str)]>,
    headers: &[(&str, &str)],
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    if !cookies.is_empty() {
        let cookie = cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        request = request.header("cookie", cookie);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = match form {
        Some(form) => {
            let body = form
                .iter()
                .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                .collect::<Vec<_>>()
                .join("&");
            request
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
        }
        None => request.body(Body::empty()),
    }
    .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn get(app: &TestApp, path: &str, cookies: &[(&str, &str)]) -> Answer {
    send(app, Method::GET, path, cookies, None, &[]).await
}

async fn post(
    app: &TestApp,
    path: &str,
    cookies: &[(&str, &str)],
    form: &[(&str, &str)],
) -> Answer {
    send(app, Method::POST, path, cookies, Some(form), &[]).await
}

const SESSION: &str = "__Host-artel-session";

/// Signs `name` in through the sign-in form; the session token.
async fn sign_in(app: &TestApp, name: &str, password: &str) -> String {
    let answer = post(
        app,
        "/sign-in",
        &[],
        &[("name", name), ("password", password), ("next", "/")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    answer.cookie(SESSION).expect("a session cookie")
}

async fn with_password(app: &TestApp, name: &str) {
    app.artel.set_password(name, PASSWORD).await.unwrap();
}

/// The text a reader sees or hears: outside tags, and in `aria-label`, `title`,
/// `placeholder` and `data-label` attributes.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        text.push(' ');
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + end];
        for attribute in [
            "aria-label=\"",
            "title=\"",
            "placeholder=\"",
            "data-label=\"",
        ] {
            let mut tag_rest = tag;
            while let Some(at) = tag_rest.find(attribute) {
                let value = &tag_rest[at + attribute.len()..];
                let value_end = value.find('"').unwrap_or(value.len());
                text.push_str(&value[..value_end]);
                text.push(' ');
                tag_rest = &value[value_end..];
            }
        }
        rest = &rest[start + end + 1..];
    }
    text.push_str(rest);
    text
}

/// Words a Chinese page may show in Latin letters: the product's name, the language
/// switch's "English", and the time zone.
const LATIN_ALLOWED: [&str; 3] = ["Artel", "English", "UTC"];

/// Asserts that a page is in Chinese: `<html lang="zh-CN">`, and no Latin word in what the
/// reader sees but data (`data`: names, codes) and [`LATIN_ALLOWED`].
fn assert_translated(html: &str, data: &[&str]) {
    assert!(html.contains("<html lang=\"zh-CN\">"), "{html}");
    let mut text = visible_text(html);
    for datum in data.iter().chain(LATIN_ALLOWED.iter()) {
        text = text.replace(datum, " ");
    }
    let english: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|word| word.len() >= 2)
        .collect();
    assert!(
        english.is_empty(),
        "English left on a Chinese page: {english:?}\n{html}"
    );
}

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
        "<p class=\"field-error\" id=\"new_password-error\">A password needs at least 10 characters.</p>"
    ), "{}", answer.body);
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
    assert!(
        app.artel
            .check_password("member", PASSWORD)
            .await
            .unwrap()
            .is_some()
    );
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
    assert!(
        app.artel
            .check_password("member", "a new long password")
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        app.artel
            .check_password("member", PASSWORD)
            .await
            .unwrap()
            .is_none()
    );
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

/// The keys of a Fluent catalog: every message's identifier.
fn catalog_keys(locale: &str) -> BTreeSet<String> {
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(locale);
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(&directory).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ftl") {
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                if let Some((key, _)) = line.split_once('=') {
                    let key = key.trim_end();
                    if !key.is_empty()
                        && !line.starts_with([' ', '#', '\t', '*', '['])
                        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    {
                        keys.insert(key.to_owned());
                    }
                }
            }
        }
    }
    keys
}

#[test]
fn the_catalogs_have_the_same_keys() {
    let english = catalog_keys("en");
    let chinese = catalog_keys("zh-CN");
    assert!(english.len() > 40, "{english:?}");
    let only_english: Vec<_> = english.difference(&chinese).collect();
    let only_chinese: Vec<_> = chinese.difference(&english).collect();
    assert!(
        only_english.is_empty(),
        "missing in zh-CN: {only_english:?}"
    );
    assert!(only_chinese.is_empty(), "missing in en: {only_chinese:?}");
}

#[test]
fn every_key_the_templates_use_is_in_the_catalogs() {
    let keys = catalog_keys("en");
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let sources = std::fs::read_dir(&directory)
        .unwrap()
        .map(|e| e.unwrap().path())
        .chain(
            std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pages"))
                .unwrap()
                .map(|e| e.unwrap().path()),
        );
    for path in sources {
        // Code only: the documentation's examples name no real key.
        let text: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for call in ["c.t(\"", "c.t1(\"", "c.tn(\"", ".t_with(\""] {
            for (at, _) in text.match_indices(call) {
                let rest = &text[at + call.len()..];
                let key = &rest[..rest.find('"').unwrap()];
                assert!(keys.contains(key), "{}: no key {key}", path.display());
            }
        }
    }
}

#[test]
#[should_panic(expected = "English left on a Chinese page")]
fn the_translation_check_finds_english() {
    assert_translated(
        "<html lang=\"zh-CN\"><body><p>登录</p><button aria-label=\"End it\">结束</button></body></html>",
        &[],
    );
}

#[test]
fn the_translation_check_passes_chinese_with_data() {
    assert_translated(
        "<html lang=\"zh-CN\"><head><title>首页 · Artel</title></head><body><a href=\"/books/coop-a\">Alpha Weaving</a> <span>1954年4月30日 14:05 UTC</span></body></html>",
        &["Alpha Weaving"],
    );
}

async fn the_dashboard_shows_the_books_figures(app: &TestApp) {
    with_password(app, "director").await;
    let session = sign_in(app, "director", PASSWORD).await;
    let english = get(app, "/books/coop-a", &[(SESSION, &session), ("lang", "en")]).await;
    assert_eq!(english.status, StatusCode::OK);
    for figure in [
        "Figures as of 2 Mar 2024",
        "260.00",
        "120.50",
        "80.50",
        "Income and costs by month, 2024",
    ] {
        assert!(english.body.contains(figure), "{figure}: {}", english.body);
    }
    // The chart: one bar per month and series, each with its exact amount.
    assert!(english.body.contains("<svg") && english.body.contains("role=\"img\""));
    assert!(
        english.body.contains("<title>Jan · Income: 120.50</title>"),
        "{}",
        english.body
    );
    assert!(
        english.body.contains("<title>Mar · Costs: 40.00</title>"),
        "{}",
        english.body
    );
    assert_eq!(
        english.body.matches("</title></rect>").count(),
        6,
        "3 months × 2 series, each bar titled"
    );
    let chinese = get(
        app,
        "/books/coop-a",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(
        chinese.body.contains("数据截至2024年3月2日"),
        "{}",
        chinese.body
    );
    assert!(
        chinese.body.contains("<title>1月 · 收入: 120.50</title>"),
        "{}",
        chinese.body
    );
    assert_translated(&chinese.body, &["director", "Alpha Weaving Cooperative"]);
}

async fn the_trial_balance_page_and_its_downloads(app: &TestApp) {
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let page = get(
        app,
        "/books/coop-a/trial-balance",
        &[(SESSION, &session), ("lang", "en")],
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Trial balance",
        "Assets:Receivables:Alpha Buyer",
        "120.50",
        "Total",
        "420.50",
        "trial-balance.xlsx",
    ] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    let chinese = get(
        app,
        "/books/coop-a/trial-balance?from=2024-01-06&to=2024-01-31",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(
        chinese.body.contains("试算平衡表") && chinese.body.contains("借方"),
        "{}",
        chinese.body
    );
    assert!(
        !chinese.body.contains("Assets:Cash<"),
        "the range leaves cash out: {}",
        chinese.body
    );
    let link = chinese
        .body
        .split("download/trial-balance.csv")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default();
    assert!(
        link.contains("from=2024-01-06") && link.contains("to=2024-01-31"),
        "the downloads keep the range: {link}"
    );
    let data = [
        "accountant",
        "Alpha Weaving Cooperative",
        "Assets:Receivables:Alpha Buyer",
        "Income:Sales",
        "CSV",
        "XLSX",
        "coop-a",
    ];
    assert_translated(&chinese.body, &data);
    // The downloads: the CSV of the command line, and a workbook.
    let csv = get(
        app,
        "/books/coop-a/download/trial-balance.csv",
        &[(SESSION, &session)],
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body.starts_with("account,balance\n")
            && csv.body.contains("Assets:Receivables:Alpha Buyer,120.50"),
        "{}",
        csv.body
    );
    // The workbook, as bytes: a ZIP container of the spreadsheet kind, named after the book.
    let request = axum::http::Request::builder()
        .uri("/books/coop-a/download/trial-balance.xlsx")
        .header("cookie", format!("{SESSION}={session}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("coop-a-trial-balance.xlsx")
    );
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert!(
        bytes.starts_with(b"PK\x03\x04") && bytes.len() > 1_000,
        "{} bytes",
        bytes.len()
    );
    // Someone without a role over coop-b gets neither the page nor the file.
    for path in [
        "/books/coop-b/trial-balance",
        "/books/coop-b/download/trial-balance.csv",
    ] {
        let refused = get(app, path, &[(SESSION, &session), ("lang", "en")]).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            !refused.body.contains("900.00") && !refused.body.contains("Bravo"),
            "{}",
            refused.body
        );
    }
}
