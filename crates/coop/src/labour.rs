//! Labour and piece-rate records: each member's labour days (in tenths of a day), pieces and
//! wages in a month, the bases a labour dividend may go by. They are read from the CSV
//! `month,member,days[,pieces][,wages]` (an empty cell is nothing) or typed into a form one
//! at a time; a member-month appears once in a file. Wages here are what the member earned,
//! for the dividend's basis and the statements; paying them is an entry of the books.

use std::collections::{BTreeMap, HashMap};

use artel_ledger::{Currency, Decimal, Money, Period};

use crate::csv_input::{LineError, Row, read_rows};
use crate::distribution::Labour;

/// One line of a labour file, or one record typed into a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabourLine {
    pub line: u64,
    pub month: Period,
    pub member: u64,
    pub labour: Labour,
}

/// Labour days as typed (`21`, `21.5`) in tenths of a day.
pub fn parse_days(text: &str) -> Result<u64, String> {
    if text.is_empty() {
        return Ok(0);
    }
    let refuse = || format!("'{text}' is not a number of days with at most one decimal (21.5)");
    let tenths = Decimal::parse(text)
        .and_then(|d| d.rescale(1))
        .map_err(|_| refuse())?
        .mantissa;
    u64::try_from(tenths).map_err(|_| format!("'{text}' is below nothing"))
}

/// Tenths of a day as written: `215` → `21.5`.
pub fn days_text(tenths: u64) -> String {
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        tenth => format!("{}.{tenth}", tenths / 10),
    }
}

/// Wages as typed in `currency`, zero or more; empty is nothing.
pub fn parse_wages(text: &str, currency: &Currency) -> Result<Money, String> {
    if text.is_empty() {
        return Ok(Money::ZERO);
    }
    match currency.parse(text) {
        Ok(wages) if wages >= Money::ZERO => Ok(wages),
        Ok(_) => Err("wages cannot be negative".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// The most pieces one member-month may record: far beyond any month's work, well inside
/// what the database stores.
pub const PIECES_MAX: u64 = 1_000_000_000_000;

/// Pieces as typed; empty is nothing.
pub fn parse_pieces(text: &str) -> Result<u64, String> {
    if text.is_empty() {
        return Ok(0);
    }
    match text.parse::<u64>() {
        Ok(pieces) => check_pieces(pieces),
        Err(_) => Err(format!("'{text}' is not a whole number of 0 or more")),
    }
}

/// `pieces`, refused beyond [`PIECES_MAX`].
pub fn check_pieces(pieces: u64) -> Result<u64, String> {
    if pieces > PIECES_MAX {
        return Err(format!("{pieces} pieces is more than {PIECES_MAX}"));
    }
    Ok(pieces)
}

fn read_line(row: &Row<'_>, currency: &Currency) -> Result<LabourLine, Vec<LineError>> {
    let mut errors = Vec::new();
    let month = Period::parse(row.text("month"))
        .map_err(|e| errors.push(row.refuse("month", e.to_string())))
        .ok();
    let member = match row.required("member") {
        Ok(text) => match text.parse::<u64>() {
            Ok(number) if number > 0 => Some(number),
            _ => {
                errors.push(row.refuse("member", format!("'{text}' is not a member number")));
                None
            }
        },
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let mut field = |column: &str, read: &dyn Fn(&str) -> Result<u64, String>| {
        read(row.text(column))
            .map_err(|e| errors.push(row.refuse(column, e)))
            .ok()
    };
    let days = field("days", &parse_days);
    let pieces = field("pieces", &parse_pieces);
    let wages = parse_wages(row.text("wages"), currency)
        .map_err(|e| errors.push(row.refuse("wages", e)))
        .ok();
    match (month, member, days, pieces, wages) {
        (Some(month), Some(member), Some(days_tenths), Some(pieces), Some(wages))
            if errors.is_empty() =>
        {
            Ok(LabourLine {
                line: row.line,
                month,
                member,
                labour: Labour {
                    days_tenths,
                    pieces,
                    wages,
                },
            })
        }
        _ => Err(errors),
    }
}

/// Reads a labour file in `currency`; every bad line is named, and a member-month given
/// twice is refused on its second line.
pub fn read_labour(text: &str, currency: &Currency) -> Result<Vec<LabourLine>, Vec<LineError>> {
    let lines = read_rows(
        text,
        &["month", "member", "days"],
        &["pieces", "wages"],
        |row| read_line(row, currency),
    )?;
    let mut seen: HashMap<(u64, Period), u64> = HashMap::new();
    let mut errors = Vec::new();
    for line in &lines {
        if let Some(first) = seen.insert((line.member, line.month), line.line) {
            errors.push(LineError {
                line: line.line,
                column: Some("member".into()),
                message: format!(
                    "member {} in {} is on line {first} already",
                    line.member, line.month
                ),
            });
        }
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

/// Each member's labour added up.
pub fn labour_by_member(
    lines: impl IntoIterator<Item = (u64, Labour)>,
) -> Result<BTreeMap<u64, Labour>, artel_ledger::MoneyError> {
    let mut totals: BTreeMap<u64, Labour> = BTreeMap::new();
    for (member, labour) in lines {
        let total = totals.entry(member).or_default();
        *total = total.checked_add(labour)?;
    }
    Ok(totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cny() -> Currency {
        Currency::new("CNY", 2).unwrap()
    }

    #[test]
    fn labour_is_read_with_days_in_tenths_and_empty_cells_as_nothing() {
        let text = "month,member,days,pieces,wages\n1954-01,1,21.5,300,42.10\n\n1954-01,2,20,,\n";
        let lines = read_labour(text, &cny()).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].labour.days_tenths, 215);
        assert_eq!(lines[0].labour.pieces, 300);
        assert_eq!(lines[0].labour.wages, Money::from_minor(4_210));
        assert_eq!(lines[1].line, 4);
        assert_eq!(
            lines[1].labour,
            Labour {
                days_tenths: 200,
                ..Labour::default()
            }
        );
        assert_eq!(days_text(215), "21.5");
        assert_eq!(days_text(200), "20");
    }

    #[test]
    fn every_bad_line_is_named() {
        let text = "month,member,days,wages\n1954-13,0,2.25,-1\n1954-02,3,1,\n1954-02,3,2,\n";
        let errors = read_labour(text, &cny()).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 4, "{shown:?}");
        assert!(shown[0].starts_with("2: month:"), "{shown:?}");
        assert!(
            shown[1].contains("member: '0' is not a member number"),
            "{shown:?}"
        );
        assert!(
            shown[2].contains("days: '2.25' is not a number of days"),
            "{shown:?}"
        );
        assert!(
            shown[3].contains("wages: wages cannot be negative"),
            "{shown:?}"
        );
        // The duplicate is found once every line reads.
        let text = "month,member,days\n1954-02,3,1\n1954-02,3,2\n";
        let errors = read_labour(text, &cny()).unwrap_err();
        assert_eq!(
            parse_pieces("1000000000001").unwrap_err(),
            "1000000000001 pieces is more than 1000000000000"
        );
        assert_eq!(
            errors[0].to_string(),
            "3: member: member 3 in 1954-02 is on line 2 already"
        );
    }

    #[test]
    fn labour_adds_up_by_member() {
        let a = Labour {
            days_tenths: 10,
            pieces: 2,
            wages: Money::from_minor(5),
        };
        let totals = labour_by_member([(2, a), (1, a), (2, a)]).unwrap();
        assert_eq!(totals[&2].days_tenths, 20);
        assert_eq!(totals[&1], a);
    }
}
