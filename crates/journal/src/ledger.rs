//! The ledger/hledger subset: `account` and `commodity` directives, comments and entries.
//! Every other directive is refused by name, because ignoring one (an `include`, an
//! `alias`, a price or a periodic entry) would silently give wrong balances.

use artel_ledger::{AccountName, AccountType};

use crate::entry_builder::{Amount, EntryBuilder};
use crate::item::{Item, ParsedEntry};
use crate::parser::State;
use crate::syntax;

/// Directives of ledger and hledger that Artel knows and does not accept.
const UNSUPPORTED_DIRECTIVES: &[&str] = &[
    "include",
    "alias",
    "end",
    "apply",
    "tag",
    "payee",
    "year",
    "Y",
    "D",
    "P",
    "A",
    "N",
    "C",
    "bucket",
    "decimal-mark",
    "define",
    "def",
    "eval",
    "expr",
    "assert",
    "check",
    "value",
    "python",
    "import",
    "test",
    "--command-line-flags",
    "capture",
    "fixed",
    "endfixed",
    "bank",
    "default",
    "timeclock",
    "i",
    "o",
    "I",
    "O",
    "b",
    "h",
];

/// Reads one record that starts at the left margin.
pub(crate) fn record<'a>(state: &mut State<'a>, number: usize, text: &'a str) {
    let first = text.as_bytes().first().copied().unwrap_or(b' ');
    match first {
        b';' | b'#' | b'*' => comment(state),
        b'0'..=b'9' => entry(state, number, text),
        b'~' => refuse(state, number, "periodic entries ('~') are not supported"),
        b'=' => refuse(state, number, "automated entries ('=') are not supported"),
        _ => match text.split_whitespace().next().unwrap_or("") {
            "account" => account(state, number, text),
            "commodity" => commodity(state, number, text),
            "comment" => comment_block(state, number),
            word if UNSUPPORTED_DIRECTIVES.contains(&word) => {
                refuse(
                    state,
                    number,
                    &format!("directive '{word}' is not supported"),
                );
            }
            word => refuse(state, number, &format!("unknown directive '{word}'")),
        },
    }
}

fn refuse(state: &mut State<'_>, number: usize, message: &str) {
    state.error(number, message);
    state.skip_continuation();
}

/// A comment at the left margin; indented lines after it may only be comments, as hledger
/// ends an entry at such a line.
fn comment(state: &mut State<'_>) {
    while let Some((number, text)) = state.next_continuation() {
        match text {
            Ok(text) if text.trim_start().starts_with(';') => {}
            Ok(_) => state.error(
                number,
                "indented line after a comment line; a comment at the left margin ends an entry",
            ),
            Err(diagnostic) => state.report(diagnostic),
        }
    }
}

/// A `comment` … `end comment` block: everything up to the end line is skipped.
fn comment_block(state: &mut State<'_>, number: usize) {
    while let Some(line) = state.lines.next_line() {
        let ends = line
            .text()
            .is_ok_and(|text| text.trim_end() == "end comment");
        if ends {
            return;
        }
    }
    state.error(number, "'comment' block has no 'end comment' line");
}

/// The part of a directive after its keyword.
fn directive_argument(text: &str) -> &str {
    text.split_once(char::is_whitespace)
        .map_or("", |(_, rest)| rest.trim_start())
}

/// `account NAME  ; type: A`, with optional indented comments and `note` lines.
fn account(state: &mut State<'_>, number: usize, text: &str) {
    let (name, rest) = syntax::split_account(directive_argument(text));
    let rest = rest.trim_start();
    let mut ok = true;
    if !rest.is_empty() && !rest.starts_with(';') {
        state.error(
            number,
            format!("unexpected '{rest}' after the account name"),
        );
        ok = false;
    }
    let name = account_name(name)
        .map_err(|message| state.error(number, message))
        .ok();
    let mut account_type = None;
    let mut comments = vec![(
        number,
        syntax::split_comment(rest).1.unwrap_or("").to_owned(),
    )];
    while let Some((line, sub)) = state.next_continuation() {
        let sub = match sub {
            Ok(sub) => sub.trim(),
            Err(diagnostic) => {
                state.report(diagnostic);
                ok = false;
                continue;
            }
        };
        if let Some(comment) = sub.strip_prefix(';') {
            comments.push((line, comment.to_owned()));
        } else if sub.split_whitespace().next() != Some("note") {
            let word = sub.split_whitespace().next().unwrap_or("");
            state.error(
                line,
                format!("account sub-directive '{word}' is not supported"),
            );
            ok = false;
        }
    }
    for (line, comment) in comments {
        match type_tag(&comment) {
            Ok(found) => account_type = account_type.or(found),
            Err(message) => {
                state.error(line, message);
                ok = false;
            }
        }
    }
    if let (Some(name), true) = (name, ok) {
        state.emit(Item::AccountDeclaration {
            line: number,
            name,
            account_type,
            commodities: Vec::new(),
        });
    }
}

/// An account name as written in a ledger file.
fn account_name(name: &str) -> Result<AccountName, String> {
    if name.contains(';') {
        return Err(format!(
            "account name '{name}' contains ';' (a comment after an account name needs two spaces before the ';')"
        ));
    }
    AccountName::parse(name).map_err(|error| error.to_string())
}

/// The account type an hledger `type:` tag in a comment declares.
fn type_tag(comment: &str) -> Result<Option<AccountType>, String> {
    for piece in comment.split(',') {
        let Some(at) = piece.find("type:") else {
            continue;
        };
        let starts_tag = piece[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        if !starts_tag {
            continue;
        }
        let value = piece[at + "type:".len()..].trim();
        let found = match value.to_lowercase().as_str() {
            "a" | "asset" | "assets" | "c" | "cash" => AccountType::Asset,
            "l" | "liability" | "liabilities" => AccountType::Liability,
            "e" | "equity" | "v" | "conversion" => AccountType::Equity,
            "r" | "revenue" | "revenues" | "income" => AccountType::Income,
            "x" | "expense" | "expenses" => AccountType::Expense,
            _ => {
                return Err(format!(
                    "unknown account type '{value}' (use A, L, E, R, X, C or V)"
                ));
            }
        };
        return Ok(Some(found));
    }
    Ok(None)
}

/// `commodity CNY`, `commodity 1,000.00 CNY`, `commodity $1,000.00`, with optional
/// indented `format` and `note` lines.
fn commodity(state: &mut State<'_>, number: usize, text: &str) {
    let (argument, _) = syntax::split_comment(directive_argument(text));
    let mut ok = true;
    let mut parsed = commodity_argument(argument.trim());
    if let Err(message) = &parsed {
        state.error(number, message.clone());
        ok = false;
    }
    while let Some((line, sub)) = state.next_continuation() {
        let sub = match sub {
            Ok(sub) => syntax::split_comment(sub).0.trim(),
            Err(diagnostic) => {
                state.report(diagnostic);
                ok = false;
                continue;
            }
        };
        let word = sub.split_whitespace().next().unwrap_or("");
        match word {
            "" | "note" => {}
            "format" => match (commodity_argument(directive_argument(sub)), &mut parsed) {
                (Ok((symbol, Some(scale))), Ok((declared, declared_scale)))
                    if symbol == *declared =>
                {
                    *declared_scale = Some(scale);
                }
                (Ok(_), _) => {
                    state.error(line, "'format' needs a sample amount of the same commodity, such as 'format 1,000.00 CNY'");
                    ok = false;
                }
                (Err(message), _) => {
                    state.error(line, message);
                    ok = false;
                }
            },
            _ => {
                state.error(
                    line,
                    format!("commodity sub-directive '{word}' is not supported"),
                );
                ok = false;
            }
        }
    }
    if let (Ok((symbol, scale)), true) = (parsed, ok) {
        state.emit(Item::Commodity {
            line: number,
            symbol,
            scale,
        });
    }
}

/// A commodity directive's argument: a symbol alone, or a sample amount that tells the
/// symbol and its number of decimal places.
fn commodity_argument(argument: &str) -> Result<(String, Option<u8>), String> {
    if argument.is_empty() {
        return Err("commodity directive without a commodity symbol".to_owned());
    }
    if argument.contains(|c: char| c.is_ascii_digit()) {
        return match syntax::amount(argument)? {
            (decimal, Some(symbol)) => Ok((symbol.to_owned(), Some(decimal.scale))),
            (_, None) => Err(format!(
                "commodity directive '{argument}' has a number but no commodity symbol"
            )),
        };
    }
    if argument.chars().all(syntax::is_commodity_char) {
        Ok((argument.to_owned(), None))
    } else {
        Err(format!(
            "'{argument}' is not a commodity symbol Artel accepts (letters or a currency sign, no quotes)"
        ))
    }
}

/// An entry: `DATE [*|!] [(CODE)] DESCRIPTION [; COMMENT]` and its indented postings.
fn entry<'a>(state: &mut State<'a>, number: usize, text: &str) {
    let parsed = match header(number, text) {
        Ok(parsed) => parsed,
        Err(message) => return refuse(state, number, &message),
    };
    EntryBuilder::read_postings(state, parsed, posting_line);
}

fn header(number: usize, text: &str) -> Result<ParsedEntry, String> {
    let (date_token, rest) = syntax::split_first_word(text);
    if let Some((_, second)) = date_token.split_once('=') {
        return Err(format!("secondary dates ('={second}') are not supported"));
    }
    let date = syntax::date(date_token)?;
    let mut rest = rest.trim_start();
    let mut status = None;
    if let Some(mark @ ('*' | '!')) = rest.chars().next() {
        status = Some(mark);
        rest = rest[1..].trim_start();
    }
    let mut code = None;
    if let Some(after) = rest.strip_prefix('(') {
        let (inside, after) = after
            .split_once(')')
            .ok_or("the code '(' has no closing ')'")?;
        code = Some(inside.trim().to_owned());
        rest = after.trim_start();
    }
    let (description, comment) = syntax::split_comment(rest);
    Ok(ParsedEntry {
        line: number,
        date,
        status,
        code,
        description: description.trim().to_owned(),
        comment: comment.filter(|c| !c.is_empty()).map(str::to_owned),
        postings: Vec::new(),
    })
}

/// One indented line of an entry: a comment (`None`), or a posting's account and amount
/// (`None` when left out).
fn posting_line(text: &str) -> Result<Option<(&str, Option<Amount<'_>>)>, String> {
    let mut body = syntax::trim_blanks_start(text);
    match body.as_bytes() {
        [b';', ..] => return Ok(None),
        [b'*' | b'!', b' ' | b'\t', ..] => body = syntax::trim_blanks_start(&body[1..]),
        [b'(' | b'[', ..] => {
            return Err(
                "virtual postings ('(account)' or '[account]') are not supported".to_owned(),
            );
        }
        _ => {}
    }
    let (account, rest) = syntax::split_account(body);
    // The line's first ';' begins its comment, unless it is within the account name.
    let account_end = body.len() - rest.len();
    let comment_start = memchr::memchr(b';', body.as_bytes()).unwrap_or(body.len());
    if comment_start < account_end {
        return Err(format!(
            "account name '{account}' contains ';' (a comment after an account name needs two spaces before the ';')"
        ));
    }
    let amount = &body[account_end..comment_start];
    let amount = syntax::trim_blanks_end(syntax::trim_blanks_start(amount));
    if amount.is_empty() {
        return Ok(Some((account, None)));
    }
    if let Some(plain) = syntax::plain_amount(amount) {
        return Ok(Some((account, Some(plain))));
    }
    let special = amount
        .bytes()
        .find(|b| matches!(b, b'@' | b'=' | b'{' | b'}' | b'('));
    match special {
        None => Ok(Some((account, Some(syntax::amount(amount)?)))),
        Some(b'@') => Err(format!(
            "prices ('@' or '@@') are not supported: '{amount}'"
        )),
        Some(b'=') => Err(format!(
            "balance assertions and assignments ('=') are not supported: '{amount}'"
        )),
        Some(b'(') => Err(format!("value expressions are not supported: '{amount}'")),
        Some(_) => Err(format!(
            "lot prices ('{{...}}') are not supported: '{amount}'"
        )),
    }
}
