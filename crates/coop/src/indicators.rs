//! The indicators of one organisation over a period, as INTERFACE.md defines them, computed
//! from what the records add up to — never typed in. Every indicator has its row, always:
//! rates and averages are empty when there is nothing to divide by, counts and sums are 0
//! when nothing happened. Figures are exact decimals; a rate is a percentage rounded to one
//! decimal, half away from zero.

use std::fmt;

use artel_ledger::Money;

use crate::sales::CounterpartyType;
use chrono::{Datelike, NaiveDate};

/// A period of a report: a year (`1954`), a quarter (`1954-Q2`) or a month (`1954-04`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPeriod {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl ReportPeriod {
    pub fn parse(text: &str) -> Result<ReportPeriod, String> {
        let invalid = || format!("'{text}' is not a period: use YYYY, YYYY-Qn or YYYY-MM");
        let (year, rest) = match text.split_once('-') {
            Some((year, rest)) => (year, Some(rest)),
            None => (text, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let year: i32 = year.parse().map_err(|_| invalid())?;
        let (first_month, months) = match rest {
            None => (1, 12),
            Some(quarter) if quarter.len() == 2 && quarter.starts_with('Q') => {
                match quarter[1..].parse::<u32>() {
                    Ok(q @ 1..=4) => (3 * q - 2, 3),
                    _ => return Err(invalid()),
                }
            }
            Some(month) if month.len() == 2 && month.bytes().all(|b| b.is_ascii_digit()) => {
                match month.parse::<u32>() {
                    Ok(m @ 1..=12) => (m, 1),
                    _ => return Err(invalid()),
                }
            }
            Some(_) => return Err(invalid()),
        };
        let first = NaiveDate::from_ymd_opt(year, first_month, 1).ok_or_else(invalid)?;
        let after = first
            .checked_add_months(chrono::Months::new(months))
            .ok_or_else(invalid)?;
        let last = after.pred_opt().ok_or_else(invalid)?;
        Ok(ReportPeriod { first, last })
    }
}

impl fmt::Display for ReportPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let months = (self.last.year() - self.first.year()) * 12 + self.last.month() as i32
            - self.first.month() as i32
            + 1;
        match months {
            12 => write!(f, "{}", self.first.year()),
            3 => write!(f, "{}-Q{}", self.first.year(), self.first.month() / 3 + 1),
            _ => write!(f, "{}-{:02}", self.first.year(), self.first.month()),
        }
    }
}

/// An exact decimal: `units` of 10^-`scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    pub units: i128,
    pub scale: u8,
}

impl Figure {
    pub fn count(n: u64) -> Figure {
        Figure {
            units: i128::from(n),
            scale: 0,
        }
    }

    pub fn amount(money: Money, scale: u8) -> Figure {
        Figure {
            units: i128::from(money.minor()),
            scale,
        }
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.units);
        }
        let unit = 10_i128.pow(u32::from(self.scale));
        let sign = if self.units < 0 { "-" } else { "" };
        let magnitude = self.units.unsigned_abs();
        let unit = unit.unsigned_abs();
        write!(
            f,
            "{sign}{}.{:0width$}",
            magnitude / unit,
            magnitude % unit,
            width = usize::from(self.scale)
        )
    }
}

/// `numerator ÷ denominator` rounded half away from zero; `None` when dividing by zero.
fn divide(numerator: i128, denominator: i128) -> Option<i128> {
    if denominator == 0 {
        return None;
    }
    let (quotient, remainder) = (numerator / denominator, numerator % denominator);
    let away = (remainder.unsigned_abs() * 2 >= denominator.unsigned_abs()) as i128;
    let sign = if (numerator < 0) != (denominator < 0) {
        -1
    } else {
        1
    };
    Some(quotient + sign * away * (remainder != 0) as i128)
}

/// `part ÷ whole × 100`, one decimal.
fn rate(part: i128, whole: i128) -> Option<Figure> {
    divide(part * 1000, whole).map(|units| Figure { units, scale: 1 })
}

/// The change from `compare` to `value` in percent, one decimal; `None` when either is
/// missing or `compare` is 0.
pub fn change_pct(value: Option<Figure>, compare: Option<Figure>) -> Option<Figure> {
    let (value, compare) = (value?, compare?);
    let scale = value.scale.max(compare.scale);
    let widen = |f: Figure| f.units * 10_i128.pow(u32::from(scale - f.scale));
    rate(widen(value) - widen(compare), widen(compare))
}

/// What an organisation's records add up to over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Quantity produced, all grades, defective included.
    pub produced: u64,
    pub defective: u64,
    pub first_grade: u64,
    /// Good quantity at the products' standard prices.
    pub good_value: Money,
    pub good_quantity: u64,
    /// Planned value of the period's months.
    pub planned_value: Money,
    /// Posted to the accounts the chart marks as production costs.
    pub production_cost: Money,
    pub invoiced: Money,
    pub invoiced_on_credit: Money,
    pub invoiced_to_private_buyers: Money,
    pub contract_value: Money,
    /// `contract_value` by the counterparty's type, in the order of `CounterpartyType::ALL`.
    pub contract_value_by_type: [Money; CounterpartyType::ALL.len()],
    /// Members at the end of the period.
    pub members: u64,
    pub withdrawal_requests: u64,
    /// Wages and dividends paid to members.
    pub paid_to_members: Money,
}

/// The names of the indicators, in the order every report lists them.
pub const INDICATORS: [&str; 12] = [
    "defect_rate",
    "output_quantity",
    "output_value",
    "first_grade_share",
    "plan_fulfilment",
    "unit_cost",
    "credit_sales_share",
    "private_buyer_share",
    "contract_value",
    "members",
    "withdrawal_requests",
    "member_income",
];

/// Every indicator of [`INDICATORS`] from `totals`, in the book's currency at `scale`.
pub fn indicators(totals: &Totals, scale: u8) -> Vec<(&'static str, Option<Figure>)> {
    let minor = |money: Money| i128::from(money.minor());
    let amount = |money: Money| Some(Figure::amount(money, scale));
    let per = |money: Money, count: u64| {
        divide(minor(money), i128::from(count)).map(|units| Figure { units, scale })
    };
    let t = totals;
    let values = [
        rate(i128::from(t.defective), i128::from(t.produced)),
        Some(Figure::count(t.produced)),
        amount(t.good_value),
        rate(i128::from(t.first_grade), i128::from(t.produced)),
        rate(minor(t.good_value), minor(t.planned_value)),
        per(t.production_cost, t.good_quantity),
        rate(minor(t.invoiced_on_credit), minor(t.invoiced)),
        rate(minor(t.invoiced_to_private_buyers), minor(t.invoiced)),
        amount(t.contract_value),
        Some(Figure::count(t.members)),
        Some(Figure::count(t.withdrawal_requests)),
        per(t.paid_to_members, t.members),
    ];
    INDICATORS.into_iter().zip(values).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_are_years_quarters_and_months() {
        let q1 = ReportPeriod::parse("1954-Q1").unwrap();
        assert_eq!((q1.first, q1.last), (date(1954, 1, 1), date(1954, 3, 31)));
        let feb = ReportPeriod::parse("1956-02").unwrap();
        assert_eq!(feb.last, date(1956, 2, 29));
        let year = ReportPeriod::parse("1954").unwrap();
        assert_eq!(
            (year.first, year.last),
            (date(1954, 1, 1), date(1954, 12, 31))
        );
        for (text, period) in [("1954", year), ("1954-Q1", q1), ("1956-02", feb)] {
            assert_eq!(period.to_string(), text);
        }
        for bad in [
            "54",
            "1954-Q5",
            "1954-13",
            "1954-1",
            "1954-Q",
            "1954-04-01",
            "",
        ] {
            assert!(ReportPeriod::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn figures_print_as_plain_decimals() {
        assert_eq!(
            Figure {
                units: -5,
                scale: 2
            }
            .to_string(),
            "-0.05"
        );
        assert_eq!(
            Figure {
                units: 60,
                scale: 1
            }
            .to_string(),
            "6.0"
        );
        assert_eq!(Figure::count(42).to_string(), "42");
    }

    #[test]
    fn rates_round_half_away_from_zero_and_are_empty_without_a_base() {
        // 1 of 16 defective: 6.25 % → 6.3; 1 of 3: 33.33… → 33.3.
        assert_eq!(
            rate(1, 16),
            Some(Figure {
                units: 63,
                scale: 1
            })
        );
        assert_eq!(
            rate(1, 3),
            Some(Figure {
                units: 333,
                scale: 1
            })
        );
        assert_eq!(
            rate(-1, 16),
            Some(Figure {
                units: -63,
                scale: 1
            })
        );
        assert_eq!(rate(5, 0), None);
    }

    #[test]
    fn nothing_recorded_gives_zero_counts_and_empty_rates() {
        let rows = indicators(&Totals::default(), 2);
        assert_eq!(rows.len(), INDICATORS.len());
        let shown: Vec<(&str, String)> = rows
            .iter()
            .map(|(name, value)| (*name, value.map(|v| v.to_string()).unwrap_or_default()))
            .collect();
        let expected = [
            ("defect_rate", ""),
            ("output_quantity", "0"),
            ("output_value", "0.00"),
            ("first_grade_share", ""),
            ("plan_fulfilment", ""),
            ("unit_cost", ""),
            ("credit_sales_share", ""),
            ("private_buyer_share", ""),
            ("contract_value", "0.00"),
            ("members", "0"),
            ("withdrawal_requests", "0"),
            ("member_income", ""),
        ];
        let expected: Vec<(&str, String)> =
            expected.iter().map(|(n, v)| (*n, v.to_string())).collect();
        assert_eq!(shown, expected);
    }

    #[test]
    fn indicators_from_totals() {
        let totals = Totals {
            produced: 400,
            defective: 24,
            first_grade: 300,
            good_quantity: 376,
            good_value: Money::from_minor(188_000),
            planned_value: Money::from_minor(200_000),
            production_cost: Money::from_minor(100_000),
            members: 3,
            paid_to_members: Money::from_minor(10_000),
            ..Totals::default()
        };
        let rows = indicators(&totals, 2);
        let get = |name: &str| {
            rows.iter()
                .find(|(n, _)| *n == name)
                .and_then(|(_, v)| *v)
                .map(|v| v.to_string())
        };
        assert_eq!(get("defect_rate").as_deref(), Some("6.0"));
        assert_eq!(get("first_grade_share").as_deref(), Some("75.0"));
        assert_eq!(get("plan_fulfilment").as_deref(), Some("94.0"));
        // 1000.00 over 376 good pieces: 2.6595… → 2.66.
        assert_eq!(get("unit_cost").as_deref(), Some("2.66"));
        assert_eq!(get("member_income").as_deref(), Some("33.33"));
        assert_eq!(get("members").as_deref(), Some("3"));
    }

    #[test]
    fn change_is_against_the_comparison_and_empty_against_zero() {
        let count = |n| Some(Figure::count(n));
        assert_eq!(change_pct(count(12), count(8)).unwrap().to_string(), "50.0");
        assert_eq!(change_pct(count(6), count(8)).unwrap().to_string(), "-25.0");
        assert_eq!(change_pct(count(6), count(0)), None);
        assert_eq!(change_pct(None, count(3)), None);
        let rate = |units| Some(Figure { units, scale: 1 });
        // 34.0 % defective before, 6.0 % after: −82.4 %.
        assert_eq!(
            change_pct(rate(60), rate(340)).unwrap().to_string(),
            "-82.4"
        );
    }
}
