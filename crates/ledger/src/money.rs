//! Exact money: amounts are integers of a currency's minor unit, never floating point.
//!
//! A [`Currency`] says how many decimal places its minor unit has (its scale); a [`Money`]
//! is a count of minor units. Arithmetic is checked: an overflow is an error, not a wrap.
//! [`Decimal`] is a parsed decimal number whose scale is not yet tied to a currency, as it
//! comes out of a journal file.

use std::fmt;

/// Largest scale Artel accepts; 10^18 still fits an `i64`.
pub const SCALE_MAX: u8 = 18;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amount overflows the range of exact money")]
    Overflow,
    #[error("'{0}' is not a decimal number")]
    NotANumber(String),
    #[error("'{text}' has more than {scale} decimal places")]
    TooManyDecimals { text: String, scale: u8 },
    #[error("scale {0} is larger than {SCALE_MAX}")]
    ScaleTooLarge(u8),
    #[error("currency symbol '{0}' is not valid")]
    InvalidSymbol(String),
}

/// A currency: its symbol (`CNY`) and the number of decimal places of its minor unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Currency {
    symbol: String,
    scale: u8,
}

impl Currency {
    pub fn new(symbol: &str, scale: u8) -> Result<Self, MoneyError> {
        if scale > SCALE_MAX {
            return Err(MoneyError::ScaleTooLarge(scale));
        }
        let valid = !symbol.is_empty()
            && symbol.chars().count() <= 24
            && symbol
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_ascii_digit() && !"-+.,;\"".contains(c));
        if !valid {
            return Err(MoneyError::InvalidSymbol(symbol.to_owned()));
        }
        Ok(Currency {
            symbol: symbol.to_owned(),
            scale,
        })
    }

    pub fn symbol(&self) -> &str {
        &self.symbol
    }

    pub fn scale(&self) -> u8 {
        self.scale
    }

    /// Parses a plain decimal (`-1234.5`, `1,234.50`) into this currency's minor units.
    pub fn parse(&self, text: &str) -> Result<Money, MoneyError> {
        Decimal::parse(text)?.to_money(self.scale)
    }

    /// Writes minor units as a plain decimal with exactly this currency's decimal places:
    /// `-1234.50`, no thousands separators, no symbol.
    pub fn format(&self, amount: Money) -> String {
        Decimal {
            mantissa: amount.minor(),
            scale: self.scale,
        }
        .to_string()
    }
}

/// An amount in minor units of a book's one currency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_minor(minor: i64) -> Self {
        Money(minor)
    }

    pub const fn minor(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.0
            .checked_add(other.0)
            .map(Money)
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.0
            .checked_sub(other.0)
            .map(Money)
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_neg(self) -> Result<Money, MoneyError> {
        self.0.checked_neg().map(Money).ok_or(MoneyError::Overflow)
    }

    /// Sums amounts exactly; an overflow anywhere is an error.
    pub fn checked_sum<I: IntoIterator<Item = Money>>(amounts: I) -> Result<Money, MoneyError> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, Money::checked_add)
    }
}

/// A decimal number as written in a file: `mantissa × 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    pub mantissa: i64,
    pub scale: u8,
}

impl Decimal {
    /// Parses `-1234.50`, `+3`, `1,234.5`, `.5`. Commas are thousands separators and only
    /// allowed before the decimal point.
    pub fn parse(text: &str) -> Result<Decimal, MoneyError> {
        let bad = || MoneyError::NotANumber(text.to_owned());
        let (negative, body) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let (whole, fraction) = match body.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (body, None),
        };
        if whole.is_empty() && fraction.is_none_or(str::is_empty) {
            return Err(bad());
        }
        if whole.starts_with(',') || whole.ends_with(',') || whole.contains(",,") {
            return Err(bad());
        }
        let mut mantissa: i64 = 0;
        let mut scale: u8 = 0;
        let push = |mantissa: &mut i64, byte: u8| -> Result<(), MoneyError> {
            *mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(byte - b'0')))
                .ok_or(MoneyError::Overflow)?;
            Ok(())
        };
        for byte in whole.bytes() {
            match byte {
                b'0'..=b'9' => push(&mut mantissa, byte)?,
                b',' => {}
                _ => return Err(bad()),
            }
        }
        for byte in fraction.unwrap_or("").bytes() {
            if !byte.is_ascii_digit() {
                return Err(bad());
            }
            if scale == SCALE_MAX {
                return Err(MoneyError::TooManyDecimals {
                    text: text.to_owned(),
                    scale: SCALE_MAX,
                });
            }
            push(&mut mantissa, byte)?;
            scale += 1;
        }
        if negative {
            mantissa = -mantissa;
        }
        Ok(Decimal { mantissa, scale })
    }

    /// The same number with `scale` decimal places; more places than the number has are
    /// zeros, fewer are an error unless the dropped digits are zeros.
    pub fn rescale(self, scale: u8) -> Result<Decimal, MoneyError> {
        if scale > SCALE_MAX {
            return Err(MoneyError::ScaleTooLarge(scale));
        }
        let mantissa = if scale >= self.scale {
            let factor = 10i64.pow(u32::from(scale - self.scale));
            self.mantissa
                .checked_mul(factor)
                .ok_or(MoneyError::Overflow)?
        } else {
            let factor = 10i64.pow(u32::from(self.scale - scale));
            if self.mantissa % factor != 0 {
                return Err(MoneyError::TooManyDecimals {
                    text: self.to_string(),
                    scale,
                });
            }
            self.mantissa / factor
        };
        Ok(Decimal { mantissa, scale })
    }

    /// This number as minor units of a currency with `scale` decimal places.
    pub fn to_money(self, scale: u8) -> Result<Money, MoneyError> {
        Ok(Money(self.rescale(scale)?.mantissa))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = self.mantissa.unsigned_abs();
        if self.scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let factor = 10u64.pow(u32::from(self.scale));
        let width = usize::from(self.scale);
        write!(f, "{sign}{}.{:0width$}", digits / factor, digits % factor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_exactly() {
        let cny = Currency::new("CNY", 2).unwrap();
        for (text, minor, shown) in [
            ("1234.5", 123450, "1234.50"),
            ("-0.05", -5, "-0.05"),
            ("1,234.50", 123450, "1234.50"),
            ("+3", 300, "3.00"),
            (".5", 50, "0.50"),
            (
                "-92233720368547758.07",
                -9223372036854775807,
                "-92233720368547758.07",
            ),
        ] {
            let money = cny.parse(text).unwrap();
            assert_eq!(money.minor(), minor, "{text}");
            assert_eq!(cny.format(money), shown);
        }
    }

    #[test]
    fn refuses_what_is_not_exact_money() {
        let cny = Currency::new("CNY", 2).unwrap();
        assert_eq!(
            cny.parse("1.005"),
            Err(MoneyError::TooManyDecimals {
                text: "1.005".into(),
                scale: 2
            })
        );
        assert_eq!(cny.parse("1.000").unwrap().minor(), 100);
        for text in ["", "-", "1.2.3", "1e5", ",1", "1,,2", "12a", "."] {
            assert!(cny.parse(text).is_err(), "{text}");
        }
        assert_eq!(cny.parse("92233720368547758.08"), Err(MoneyError::Overflow));
        assert_eq!(
            Money::from_minor(i64::MAX).checked_add(Money::from_minor(1)),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::from_minor(i64::MIN).checked_neg(),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn zero_scale_currency() {
        let yuan = Currency::new("CNY", 0).unwrap();
        assert_eq!(yuan.format(yuan.parse("90000000").unwrap()), "90000000");
        assert!(yuan.parse("1.5").is_err());
        assert!(Currency::new("CN Y", 2).is_err());
        assert!(Currency::new("CNY", 19).is_err());
    }
}
