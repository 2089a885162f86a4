//! The beancount subset: `option`, `open`, `close`, `commodity` and transactions.
//! Tags, links and metadata lines are read and ignored; every other directive is refused
//! by name, because ignoring a `pad`, a `balance` or an `include` would silently give
//! wrong balances or leave part of the books out.

use artel_ledger::AccountName;

use crate::entry_builder::{Amount, EntryBuilder};
use crate::item::{Item, ParsedEntry};
use crate::parser::State;
use crate::syntax;

/// Dated directives of beancount that Artel knows and does not accept.
const UNSUPPORTED_DATED: &[&str] = &[
    "balance", "pad", "price", "event", "note", "document", "custom", "query",
];
/// Undated directives of beancount that Artel knows and does not accept.
const UNSUPPORTED_UNDATED: &[&str] = &[
    "include", "plugin", "pushtag", "poptag", "pushmeta", "popmeta",
];

/// Reads one record that starts at the left margin.
pub(crate) fn record<'a>(state: &mut State<'a>, number: usize, text: &'a str) {
    let first = text.chars().next().unwrap_or(' ');
    let (word, rest) = split_word(text);
    match first {
        // Comments, and org-mode headings, which beancount skips too.
        ';' | '*' | '#' => {
            skip_metadata(state, true);
        }
        '0'..='9' => dated(state, number, word, rest),
        _ if word == "option" => option(state, number, rest),
        _ if UNSUPPORTED_UNDATED.contains(&word) => refuse(
            state,
            number,
            format!("directive '{word}' is not supported"),
        ),
        _ => refuse(state, number, format!("unknown directive '{word}'")),
    }
}

/// Whether an indented line is beancount metadata (`key: value`, the key starting with a
/// lowercase letter), which Artel reads and ignores.
pub(crate) fn is_metadata(body: &str) -> bool {
    let Some((key, _)) = body.split_once(':') else {
        return false;
    };
    let mut chars = key.chars();
    let key_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    key_ok
        && body[key.len() + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
}

fn split_word(text: &str) -> (&str, &str) {
    let text = syntax::trim_blanks_start(text);
    let end = text
        .bytes()
        .take_while(|b| !matches!(b, b' ' | b'\t'))
        .count();
    (&text[..end], syntax::trim_blanks_start(&text[end..]))
}

fn refuse(state: &mut State<'_>, number: usize, message: String) {
    state.error(number, message);
    state.skip_continuation();
}

/// The indented lines under a directive other than a transaction: metadata and comments
/// only. Returns whether they were all fine.
fn skip_metadata(state: &mut State<'_>, after_comment: bool) -> bool {
    let mut ok = true;
    while let Some((number, text)) = state.next_continuation() {
        match text {
            Ok(text) if text.trim_start().starts_with(';') => {}
            Ok(text) if !after_comment && is_metadata(text.trim_start()) => {}
            Ok(_) => {
                state.error(
                    number,
                    "indented line that is neither metadata ('key: value') nor a comment",
                );
                ok = false;
            }
            Err(diagnostic) => {
                state.report(diagnostic);
                ok = false;
            }
        }
    }
    ok
}

/// A quoted string with backslash escapes; returns it and the text after it.
fn string(text: &str) -> Result<(String, &str), String> {
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1);
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return Ok((value, &text[index + 1..])),
            '\\' => match chars.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((_, escaped)) => value.push(escaped),
                None => break,
            },
            _ => value.push(c),
        }
    }
    Err("a string is not closed on its line (strings spanning lines are not supported)".to_owned())
}

/// `option "name" "value"`.
fn option(state: &mut State<'_>, number: usize, rest: &str) {
    let parsed = string_pair(rest);
    let ok = skip_metadata(state, false);
    match parsed {
        Ok((name, value)) if ok => state.emit(Item::Option {
            line: number,
            name,
            value,
        }),
        Ok(_) => {}
        Err(message) => state.error(number, message),
    }
}

fn string_pair(rest: &str) -> Result<(String, String), String> {
    let shape =
        || "an option needs a quoted name and a quoted value: option \"name\" \"value\"".to_owned();
    if !rest.starts_with('"') {
        return Err(shape());
    }
    let (name, rest) = string(rest)?;
    let rest = rest.trim_start();
    if !rest.starts_with('"') {
        return Err(shape());
    }
    let (value, rest) = string(rest)?;
    if !syntax::split_comment(rest).0.trim().is_empty() {
        return Err(shape());
    }
    Ok((name, value))
}

/// A directive that starts with a date.
fn dated(state: &mut State<'_>, number: usize, date_token: &str, rest: &str) {
    let date = match syntax::date(date_token) {
        Ok(date) => date,
        Err(message) => return refuse(state, number, message),
    };
    let (keyword, arguments) = split_word(rest);
    let arguments = syntax::split_comment(arguments).0.trim();
    match keyword {
        "*" | "!" | "txn" => transaction(
            state,
            number,
            date,
            keyword,
            rest[keyword.len()..].trim_start(),
        ),
        "open" => {
            let parsed = open(arguments);
            finish_directive(
                state,
                number,
                parsed.map(|(name, commodities)| Item::AccountDeclaration {
                    line: number,
                    name,
                    account_type: None,
                    commodities,
                }),
            );
        }
        "close" => {
            let parsed = account(arguments).and_then(|name| match name {
                (name, "") => Ok(Item::Close {
                    line: number,
                    date,
                    name,
                }),
                (_, extra) => Err(format!("unexpected '{extra}' after the account name")),
            });
            finish_directive(state, number, parsed);
        }
        "commodity" => {
            let parsed = match split_word(arguments) {
                (symbol, "") if currency_ok(symbol) => Ok(Item::Commodity {
                    line: number,
                    symbol: symbol.to_owned(),
                    scale: None,
                }),
                _ => Err(format!("'{arguments}' is not a commodity symbol")),
            };
            finish_directive(state, number, parsed);
        }
        _ if UNSUPPORTED_DATED.contains(&keyword) => {
            refuse(
                state,
                number,
                format!("directive '{keyword}' is not supported"),
            );
        }
        "" => refuse(
            state,
            number,
            "a date with no directive after it".to_owned(),
        ),
        _ => refuse(state, number, format!("unknown directive '{keyword}'")),
    }
}

fn finish_directive(state: &mut State<'_>, number: usize, parsed: Result<Item, String>) {
    let ok = skip_metadata(state, false);
    match parsed {
        Ok(item) if ok => state.emit(item),
        Ok(_) => {}
        Err(message) => state.error(number, message),
    }
}

fn currency_ok(symbol: &str) -> bool {
    !symbol.is_empty() && symbol.chars().all(syntax::is_commodity_char)
}

fn account(text: &str) -> Result<(AccountName, &str), String> {
    let (name, rest) = split_word(text);
    if name.is_empty() {
        return Err("an account name is missing".to_owned());
    }
    AccountName::parse(name)
        .map(|name| (name, rest))
        .map_err(|error| error.to_string())
}

/// `open ACCOUNT [CUR[,CUR]] ["booking method"]`.
fn open(arguments: &str) -> Result<(AccountName, Vec<String>), String> {
    let (name, rest) = account(arguments)?;
    let (list, rest) = match rest.find('"') {
        Some(quote) => (&rest[..quote], &rest[quote..]),
        None => (rest, ""),
    };
    if !rest.is_empty() {
        string(rest)?;
    }
    let mut commodities = Vec::new();
    for symbol in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !currency_ok(symbol) {
            return Err(format!("'{symbol}' is not a commodity symbol"));
        }
        commodities.push(symbol.to_owned());
    }
    Ok((name, commodities))
}

/// `DATE * "payee" "narration" #tag ^link ; comment` and its postings.
fn transaction<'a>(
    state: &mut State<'a>,
    number: usize,
    date: chrono::NaiveDate,
    flag: &str,
    rest: &str,
) {
    let header = match header(rest) {
        Ok(header) => header,
        Err(message) => return refuse(state, number, message),
    };
    let (strings, comment) = header;
    let description = match strings.as_slice() {
        [] => String::new(),
        [narration] => narration.clone(),
        [payee, narration] if payee.is_empty() => narration.clone(),
        [payee, narration, ..] => format!("{payee} | {narration}"),
    };
    let status = Some(if flag == "!" { '!' } else { '*' });
    let parsed = ParsedEntry {
        line: number,
        date,
        status,
        code: None,
        description,
        comment,
        postings: Vec::new(),
    };
    EntryBuilder::read_postings(state, parsed, posting_line);
}

/// The strings (payee and narration), tags and links and comment of a transaction line.
fn header(mut rest: &str) -> Result<(Vec<String>, Option<String>), String> {
    let mut strings = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Ok((strings, None));
        }
        if let Some(comment) = rest.strip_prefix(';') {
            let comment = comment.trim();
            return Ok((strings, (!comment.is_empty()).then(|| comment.to_owned())));
        }
        if rest.starts_with('"') {
            if strings.len() == 2 {
                return Err(
                    "a transaction has at most two strings, a payee and a narration".to_owned(),
                );
            }
            let (value, after) = string(rest)?;
            strings.push(value);
            rest = after;
        } else if rest.starts_with(['#', '^']) {
            rest = split_word(rest).1;
        } else {
            let (word, _) = split_word(rest);
            return Err(format!("unexpected '{word}' in the transaction line"));
        }
    }
}

/// One indented line of a transaction: a comment or metadata (`None`), or a posting's
/// account and amount (`None` when left out).
fn posting_line(text: &str) -> Result<Option<(&str, Option<Amount<'_>>)>, String> {
    let mut body = syntax::trim_blanks_start(text);
    match body.as_bytes() {
        [b';', ..] => return Ok(None),
        [b'*' | b'!', b' ' | b'\t', ..] => body = syntax::trim_blanks_start(&body[1..]),
        [b'a'..=b'z', ..] if is_metadata(body) => return Ok(None),
        _ => {}
    }
    let (account, rest) = split_word(body);
    let amount = syntax::trim_blanks_end(syntax::split_comment(rest).0);
    if amount.is_empty() {
        return Ok(Some((account, None)));
    }
    if let Some(plain @ (_, Some(_))) = syntax::plain_amount(syntax::trim_blanks_start(amount)) {
        return Ok(Some((account, Some(plain))));
    }
    match amount.bytes().find(|b| matches!(b, b'@' | b'{' | b'}')) {
        Some(b'@') => {
            return Err(format!(
                "prices ('@' or '@@') are not supported: '{amount}'"
            ));
        }
        Some(_) => return Err(format!("costs ('{{...}}') are not supported: '{amount}'")),
        None => {}
    }
    if amount.starts_with(syntax::is_commodity_char) {
        return Err(format!(
            "in beancount the currency comes after the number: '{amount}'"
        ));
    }
    match syntax::amount(amount)? {
        (_, None) => Err(format!("amount '{amount}' has no currency")),
        (decimal, Some(currency)) => Ok(Some((account, Some((decimal, Some(currency)))))),
    }
}
