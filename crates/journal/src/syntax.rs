//! Lexical pieces shared by both syntaxes: dates, amounts with their commodity, comments
//! and the end of an account name.

use artel_ledger::money::Decimal;
use chrono::NaiveDate;

/// Parses `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY.MM.DD`, month and day with one or two digits.
pub(crate) fn date(token: &str) -> Result<NaiveDate, String> {
    let invalid = || format!("invalid date '{token}'");
    let bytes = token.as_bytes();
    if let Some((year, month, day)) = iso_date(bytes) {
        return NaiveDate::from_ymd_opt(year, month, day).ok_or_else(invalid);
    }
    let separator = match bytes.get(4) {
        Some(&byte @ (b'-' | b'/' | b'.')) => byte,
        _ => return Err(invalid()),
    };
    // Reads one to `digits_max` digits from `at`, returning the number and where it ended.
    let number = |at: usize, digits_min: usize, digits_max: usize| -> Option<(u32, usize)> {
        let digits = bytes
            .get(at..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(digits_min..=digits_max).contains(&digits) {
            return None;
        }
        let value = bytes[at..at + digits]
            .iter()
            .fold(0u32, |value, b| value * 10 + u32::from(b - b'0'));
        Some((value, at + digits))
    };
    let parsed = number(0, 4, 4).and_then(|(year, at)| {
        let (month, at) = number(at + 1, 1, 2)?;
        if bytes.get(at) != Some(&separator) {
            return None;
        }
        let (day, at) = number(at + 1, 1, 2)?;
        (at == bytes.len()).then_some((year, month, day))
    });
    let (year, month, day) = parsed.ok_or_else(invalid)?;
    let year = i32::try_from(year).map_err(|_| invalid())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(invalid)
}

/// The year, month and day of the most common form, `YYYY-MM-DD` (or with `/` or `.`),
/// read without a loop; `None` for any other form.
fn iso_date(bytes: &[u8]) -> Option<(i32, u32, u32)> {
    let &[y0, y1, y2, y3, first, m0, m1, second, d0, d1] = bytes else {
        return None;
    };
    let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
    if !digits.iter().all(u8::is_ascii_digit)
        || first != second
        || !matches!(first, b'-' | b'/' | b'.')
    {
        return None;
    }
    let value = |pair: &[u8]| pair.iter().fold(0, |sum, b| sum * 10 + u32::from(b - b'0'));
    let year = i32::try_from(value(&digits[..4])).ok()?;
    Some((year, value(&digits[4..6]), value(&digits[6..])))
}

/// Splits `text` at its first whitespace character into the word before it and the rest
/// after it (`rest` empty when there is none).
pub(crate) fn split_first_word(text: &str) -> (&str, &str) {
    let end = text
        .bytes()
        .position(|b| !b.is_ascii() || char::from(b).is_whitespace());
    match end {
        // An ASCII whitespace character is one byte long.
        Some(at) if text.as_bytes()[at].is_ascii() => (&text[..at], &text[at + 1..]),
        Some(_) => text.split_once(char::is_whitespace).unwrap_or((text, "")),
        None => (text, ""),
    }
}

/// Splits `text` at its first `;` into the part before it and the trimmed comment after.
pub(crate) fn split_comment(text: &str) -> (&str, Option<&str>) {
    match memchr::memchr(b';', text.as_bytes()) {
        Some(at) => (&text[..at], Some(text[at + 1..].trim())),
        None => (text, None),
    }
}

/// `text` without the spaces and tabs at its start.
pub(crate) fn trim_blanks_start(text: &str) -> &str {
    let skip = text
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    &text[skip..]
}

/// `text` without the spaces and tabs at its end.
pub(crate) fn trim_blanks_end(text: &str) -> &str {
    let keep = text.len()
        - text
            .bytes()
            .rev()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
    &text[..keep]
}

/// Splits a ledger line body at the end of its account name (two spaces or a tab) into
/// the name and the rest.
pub(crate) fn split_account(body: &str) -> (&str, &str) {
    let bytes = body.as_bytes();
    let mut from = 0;
    let end = loop {
        let Some(found) = memchr::memchr2(b' ', b'\t', &bytes[from..]) else {
            break bytes.len();
        };
        let at = from + found;
        if bytes[at] == b'\t' || bytes.get(at + 1) == Some(&b' ') {
            break at;
        }
        from = at + 1;
    };
    // Both ends are at ASCII bytes, so at character boundaries.
    (trim_blanks_end(&body[..end]), &body[end..])
}

/// Whether `c` may be part of an unquoted commodity symbol (`CNY`, `$`, `元`). The writers
/// check symbols with the same rule, so what they write reads back.
pub(crate) fn is_commodity_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '$' || c == '_';
    }
    !(c.is_whitespace() || c.is_control())
}

fn take_commodity(text: &str) -> (Option<&str>, &str) {
    let end = text
        .find(|c: char| !is_commodity_char(c))
        .unwrap_or(text.len());
    if end == 0 {
        (None, text)
    } else {
        (Some(&text[..end]), &text[end..])
    }
}

fn take_sign(text: &str) -> (Option<char>, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (Some('-'), &text[1..]),
        Some(b'+') => (Some('+'), &text[1..]),
        _ => (None, text),
    }
}

/// Checks thousands separators: a comma is only allowed with a period decimal mark
/// (`1,234.50`), between groups of three digits. `1,234` alone is refused because hledger
/// reads it as 1.234 with a decimal comma, and the two readings must never silently differ.
fn check_commas(number: &str) -> Result<(), String> {
    if !number.contains(',') {
        return Ok(());
    }
    let Some((whole, _)) = number.split_once('.') else {
        return Err(format!(
            "ambiguous number '{number}': a comma is only read as a thousands separator when the number also has a period decimal mark (write '{}' or '{number}.00')",
            number.replace(',', "")
        ));
    };
    let mut groups = whole.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    if !first_ok || !groups.all(|g| g.len() == 3) {
        return Err(format!(
            "number '{number}' has its thousands separators in the wrong places"
        ));
    }
    Ok(())
}

/// Parses an amount with an optional commodity before or after the number, with or
/// without a space: `12.50 CNY`, `CNY 12.50`, `CNY12.50`, `$12.50`, `-$3`, `$-3`,
/// `1,234.50`.
pub(crate) fn amount(text: &str) -> Result<(Decimal, Option<&str>), String> {
    let text = trim_blanks_end(trim_blanks_start(text));
    if memchr::memchr(b'"', text.as_bytes()).is_some() {
        return Err(format!(
            "quoted commodity symbols are not supported: '{text}'"
        ));
    }
    let (outer_sign, rest) = take_sign(text);
    let (left, rest) = take_commodity(rest);
    let (inner_sign, rest) = take_sign(trim_blanks_start(rest));
    if outer_sign.is_some() && inner_sign.is_some() {
        return Err(format!("amount '{text}' has two signs"));
    }
    let number_end = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
        .count();
    let (number, rest) = rest.split_at(number_end);
    if number.is_empty() {
        return Err(format!("'{text}' is not an amount"));
    }
    let (right, rest) = take_commodity(trim_blanks_start(rest));
    if !rest.is_empty() {
        return Err(format!(
            "unexpected '{}' after the amount '{}'",
            rest.trim(),
            text
        ));
    }
    if left.is_some() && right.is_some() {
        return Err(format!("amount '{text}' has a commodity on both sides"));
    }
    check_commas(number)?;
    let decimal = Decimal::parse(number).map_err(|error| format!("amount '{text}': {error}"))?;
    let decimal = if outer_sign.or(inner_sign) == Some('-') {
        Decimal {
            mantissa: -decimal.mantissa,
            scale: decimal.scale,
        }
    } else {
        decimal
    };
    Ok((decimal, left.or(right)))
}

/// The common amount, such as `1347.29 CNY`, `-5` or `12.5CNY`, read in one pass: a sign,
/// at most 18 digits with at most one decimal point, and an ASCII commodity symbol after
/// the number. `None` for anything else (commas, a symbol before the number, blanks before
/// it, other characters), which [`amount`] reads; where this gives an amount, it is the
/// one [`amount`] gives.
pub(crate) fn plain_amount(text: &str) -> Option<(Decimal, Option<&str>)> {
    /// Digits an `i64` always holds.
    const DIGITS_MAX: u32 = 18;
    let bytes = text.as_bytes();
    let (negative, mut at) = match bytes.first()? {
        b'-' => (true, 1),
        b'+' => (false, 1),
        _ => (false, 0),
    };
    let mut mantissa: i64 = 0;
    let mut digits = 0;
    let mut scale: u8 = 0;
    let mut fraction = false;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'0'..=b'9' if digits < DIGITS_MAX => {
                mantissa = mantissa * 10 + i64::from(byte - b'0');
                digits += 1;
                scale += u8::from(fraction);
            }
            b'.' if !fraction => fraction = true,
            _ => break,
        }
        at += 1;
    }
    if digits == 0 || bytes.get(at).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let symbol_start = at
        + bytes[at..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
    let symbol = &bytes[symbol_start..];
    if !symbol
        .iter()
        .all(|b| b.is_ascii_alphabetic() || matches!(b, b'$' | b'_'))
    {
        return None;
    }
    let mantissa = if negative { -mantissa } else { mantissa };
    let decimal = Decimal { mantissa, scale };
    // The symbol is ASCII, so it starts at a character boundary.
    let symbol = (!symbol.is_empty()).then(|| &text[symbol_start..]);
    Some((decimal, symbol))
}

/// Formats `mantissa × 10^-scale` exactly, for numbers that may not fit a [`Decimal`].
pub(crate) fn format_wide(mantissa: i128, scale: u8) -> String {
    let sign = if mantissa < 0 { "-" } else { "" };
    let digits = mantissa.unsigned_abs().to_string();
    let scale = usize::from(scale);
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (whole, fraction) = padded.split_at(padded.len() - scale);
    format!("{sign}{whole}.{fraction}")
}

/// `10^exponent` for the scales Artel allows (at most 18, so at most 36 here).
pub(crate) fn power_of_ten(exponent: u8) -> i128 {
    10i128.pow(u32::from(exponent))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount_of(text: &str) -> (i64, u8, Option<&str>) {
        let (decimal, commodity) = amount(text).unwrap();
        (decimal.mantissa, decimal.scale, commodity)
    }

    #[test]
    fn dates_in_three_styles() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        for text in ["2024-03-05", "2024/3/5", "2024.03.5", "2024-3-05"] {
            assert_eq!(date(text), Ok(day), "{text}");
        }
        assert_eq!(
            date("2024-02-30"),
            Err("invalid date '2024-02-30'".to_owned())
        );
        for bad in [
            "24-03-05",
            "2024-03/05",
            "2024-003-05",
            "2024-03-05-1",
            "2024-3",
            "2024-a-1",
            "20240305",
        ] {
            assert!(date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amount_forms() {
        assert_eq!(amount_of("12.50 CNY"), (1250, 2, Some("CNY")));
        assert_eq!(amount_of("CNY 12.50"), (1250, 2, Some("CNY")));
        assert_eq!(amount_of("CNY12.50"), (1250, 2, Some("CNY")));
        assert_eq!(amount_of("12.50CNY"), (1250, 2, Some("CNY")));
        assert_eq!(amount_of("$12.50"), (1250, 2, Some("$")));
        assert_eq!(amount_of("-$3"), (-3, 0, Some("$")));
        assert_eq!(amount_of("$-3"), (-3, 0, Some("$")));
        assert_eq!(amount_of("CNY -1,234.50"), (-123450, 2, Some("CNY")));
        assert_eq!(amount_of("-1,234,567.5 元"), (-12345675, 1, Some("元")));
        assert_eq!(amount_of("+.5"), (5, 1, None));
        assert_eq!(amount_of("300"), (300, 0, None));
    }

    #[test]
    fn the_plain_forms_are_read_in_one_pass() {
        let plain = |text| plain_amount(text).map(|(d, c)| (d.mantissa, d.scale, c));
        assert_eq!(plain("1347.29 CNY"), Some((134729, 2, Some("CNY"))));
        assert_eq!(plain("-2000.27\tCNY"), Some((-200027, 2, Some("CNY"))));
        assert_eq!(plain("12.5$"), Some((125, 1, Some("$"))));
        assert_eq!(plain("+300"), Some((300, 0, None)));
        assert_eq!(plain("5."), Some((5, 0, None)));
        assert_eq!(plain(".5"), Some((5, 1, None)));
        for other in [
            "CNY 12.50",
            "1,234.50 CNY",
            "12.50 元",
            " 12.50",
            "1234567890123456789",
            ".",
            "1.2.3",
            "5 CNY x",
        ] {
            assert_eq!(plain(other), None, "{other}");
        }
    }

    proptest::proptest! {
        /// Wherever the one-pass reading gives an amount, it is the general reading's.
        #[test]
        fn the_plain_reading_agrees_with_the_general_one(
            text in "[-+ ]?[0-9.,]{0,22}[ \t]{0,2}[A-Z$_元0-9]{0,3}[ ]?",
        ) {
            if let Some(plain) = plain_amount(&text) {
                proptest::prop_assert_eq!(amount(&text), Ok(plain));
            }
        }
    }

    #[test]
    fn the_first_word_ends_at_any_whitespace() {
        assert_eq!(
            split_first_word("2024-01-05 * Sale"),
            ("2024-01-05", "* Sale")
        );
        assert_eq!(split_first_word("2024-01-05\tSale"), ("2024-01-05", "Sale"));
        assert_eq!(
            split_first_word("2024-01-05\u{3000}售"),
            ("2024-01-05", "售")
        );
        assert_eq!(split_first_word("日期\u{3000}x y"), ("日期", "x y"));
        assert_eq!(split_first_word("2024-01-05"), ("2024-01-05", ""));
    }

    #[test]
    fn amount_refusals() {
        for bad in [
            "",
            "CNY",
            "1,234",
            "1,23.00",
            "12,3456.00",
            "$ 3 USD",
            "--3",
            "-$-3",
            "3 CNY x",
            "\"ABC 1\" 3",
            "1.2.3",
        ] {
            assert!(amount(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn account_and_comment_ends() {
        assert_eq!(
            split_account("Assets:Cash  12 CNY"),
            ("Assets:Cash", "  12 CNY")
        );
        assert_eq!(
            split_account("Assets:Petty cash\t12"),
            ("Assets:Petty cash", "\t12")
        );
        assert_eq!(split_account("Assets:Cash "), ("Assets:Cash", ""));
        assert_eq!(split_comment("12 CNY ; paid"), ("12 CNY ", Some("paid")));
    }

    #[test]
    fn wide_numbers() {
        assert_eq!(format_wide(-5, 2), "-0.05");
        assert_eq!(format_wide(12345, 2), "123.45");
        assert_eq!(format_wide(7, 0), "7");
    }
}
