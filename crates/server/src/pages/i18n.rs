//! The pages' languages: English and Simplified Chinese, from the Fluent catalogs in
//! `crates/server/locales/{en,zh-CN}/*.ftl` (compiled into the binary), and dates and
//! amounts written the way each language writes them.
//!
//! A page's language is the signed-in user's saved choice, else the `lang` cookie (set by
//! the language switch), else the browser's `Accept-Language`, else English.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

fluent_templates::static_loader! {
    static CATALOGS = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they would show up in tests and
        // in copied text, and every argument here is a number or a short name.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The cookie that remembers the language of a visitor who is not signed in.
pub const LANGUAGE_COOKIE: &str = "lang";

static EN: LanguageIdentifier = langid!("en");
static ZH_CN: LanguageIdentifier = langid!("zh-CN");

/// A language the pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    ZhCn,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::ZhCn];

    /// The BCP 47 tag, as in `<html lang>` and the catalogs' directory names.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
        }
    }

    /// The language's own name for itself, for the language switch.
    pub fn own_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::ZhCn => "中文",
        }
    }

    /// The locale of an exact tag (`en`, `zh-CN`, case-insensitive).
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// The locale a language range of `Accept-Language` asks for: any `en-*` is English,
    /// any Chinese but the traditional scripts and regions is Simplified Chinese.
    fn from_range(range: &str) -> Option<Locale> {
        let range = range.trim().to_ascii_lowercase();
        let primary = range.split(['-', '_']).next().unwrap_or("");
        match primary {
            "en" => Some(Locale::En),
            "zh" if !["hant", "tw", "hk", "mo"]
                .iter()
                .any(|t| range.split(['-', '_']).skip(1).any(|s| s == *t)) =>
            {
                Some(Locale::ZhCn)
            }
            _ => None,
        }
    }

    /// The locale preferred by an `Accept-Language` header, if it names one we have.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut ranges: Vec<(f32, usize, Locale)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let locale = Locale::from_range(pieces.next()?)?;
                let quality = pieces
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (quality > 0.0).then_some((quality, i, locale))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges.first().map(|r| r.2)
    }

    /// The locale of a request without a signed-in user's choice: the `lang` cookie, else
    /// `Accept-Language`, else English.
    pub fn from_headers(headers: &HeaderMap) -> Locale {
        cookie(headers, LANGUAGE_COOKIE)
            .and_then(Locale::from_tag)
            .or_else(|| {
                headers
                    .get(ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Locale::from_accept_language)
            })
            .unwrap_or_default()
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Locale::En => &EN,
            Locale::ZhCn => &ZH_CN,
        }
    }

    /// The message `key`. A missing key shows as the key itself (and the catalog tests
    /// catch it before that can ship).
    pub fn t(self, key: &str) -> String {
        CATALOGS
            .try_lookup(self.id(), key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with arguments (`{ $minutes }`).
    pub fn t_with(self, key: &str, args: &[(&'static str, Arg)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Text(s) => FluentValue::from(s.clone()),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        CATALOGS
            .try_lookup_with_args(self.id(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// A date: `30 Apr 1954`, `1954年4月30日`.
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Locale::En => date.format("%-d %b %Y").to_string(),
            Locale::ZhCn => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        }
    }

    /// A month of the books: `Mar 1954`, `1954年3月`.
    pub fn month(self, period: artel_ledger::Period) -> String {
        match self {
            Locale::En => period.first_day().format("%b %Y").to_string(),
            Locale::ZhCn => format!("{}年{}月", period.year(), period.month()),
        }
    }

    /// A moment, in UTC: `30 Apr 1954, 14:05 UTC`, `1954年4月30日 14:05 UTC`.
    pub fn date_time(self, at: DateTime<Utc>) -> String {
        let date = self.date(at.date_naive());
        let separator = match self {
            Locale::En => ", ",
            Locale::ZhCn => " ",
        };
        format!("{date}{separator}{:02}:{:02} UTC", at.hour(), at.minute())
    }

    /// An amount of `minor` units with `scale` decimals: `-1,234.50` in both languages
    /// (Chinese books group digits by thousands too).
    pub fn amount(self, minor: i64, scale: u32) -> String {
        let negative = minor < 0;
        let digits = minor.unsigned_abs().to_string();
        let scale = scale as usize;
        let digits = if digits.len() <= scale {
            format!("{}{digits}", "0".repeat(scale + 1 - digits.len()))
        } else {
            digits
        };
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if negative { "-" } else { "" };
        if fraction.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}.{fraction}")
        }
    }
}

/// An argument of a message.
#[derive(Debug, Clone)]
pub enum Arg {
    Number(f64),
    Text(String),
}

/// The value of the cookie `name`, when the request carries one.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(name)?.strip_prefix('='))
        .find(|value| !value.is_empty())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_language_we_have() {
        assert_eq!(
            Locale::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Some(Locale::ZhCn)
        );
        assert_eq!(
            Locale::from_accept_language("fr, en-GB;q=0.5, zh;q=0.4"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("en;q=0.2, zh-Hans;q=0.9"),
            Some(Locale::ZhCn)
        );
        assert_eq!(Locale::from_accept_language("zh-TW"), None);
        assert_eq!(Locale::from_accept_language("de"), None);
    }

    #[test]
    fn dates_and_amounts_in_each_language() {
        let date = NaiveDate::from_ymd_opt(1954, 4, 30).unwrap();
        assert_eq!(Locale::En.date(date), "30 Apr 1954");
        assert_eq!(Locale::ZhCn.date(date), "1954年4月30日");
        assert_eq!(Locale::En.amount(123_450, 2), "1,234.50");
        assert_eq!(Locale::ZhCn.amount(123_450, 2), "1,234.50");
        assert_eq!(Locale::En.amount(-5, 2), "-0.05");
        assert_eq!(Locale::En.amount(1_000_000, 0), "1,000,000");
        assert_eq!(Locale::En.amount(100, 2), "1.00");
    }

    #[test]
    fn messages_are_found_in_both_languages() {
        assert_eq!(Locale::En.t("product-name"), "Artel");
        assert_ne!(Locale::ZhCn.t("sign-in"), Locale::En.t("sign-in"));
        let text = Locale::En.t_with("sign-in-throttled", &[("minutes", Arg::Number(3.0))]);
        assert!(text.contains('3'), "{text}");
    }
}
