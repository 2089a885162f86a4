//! The Fluent catalogs: the same keys in every language, every key a page uses present,
//! and the translation check itself.

use std::collections::BTreeSet;

use super::assert_translated;

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
