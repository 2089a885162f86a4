//! Accounting periods: calendar months (`1954-04`). A closed period is locked: no entry
//! dated in it may be posted until it is reopened, which is an audited decision.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("'{0}' is not a month in the form YYYY-MM")]
    Invalid(String),
    #[error("the period {0} is closed")]
    Closed(Period),
}

/// One calendar month of one book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    year: i32,
    month: u32,
}

impl Period {
    pub fn new(year: i32, month: u32) -> Option<Period> {
        ((1..=12).contains(&month) && (1..=9999).contains(&year)).then_some(Period { year, month })
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Period {
        Period {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let invalid = || PeriodError::Invalid(text.to_owned());
        let (year, month) = text.split_once('-').ok_or_else(invalid)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(invalid());
        }
        let year = year.parse().map_err(|_| invalid())?;
        let month = month.parse().map_err(|_| invalid())?;
        Period::new(year, month).ok_or_else(invalid)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Period {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn previous(self) -> Period {
        if self.month == 1 {
            Period {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Period {
                year: self.year,
                month: self.month - 1,
            }
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Refuses a date that falls in one of the closed periods.
pub fn ensure_open(date: NaiveDate, closed: &BTreeSet<Period>) -> Result<(), PeriodError> {
    let period = Period::of(date);
    if closed.contains(&period) {
        return Err(PeriodError::Closed(period));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        let april = Period::parse("1954-04").unwrap();
        assert_eq!(april.to_string(), "1954-04");
        assert_eq!(
            april.last_day(),
            NaiveDate::from_ymd_opt(1954, 4, 30).unwrap()
        );
        assert_eq!(
            Period::parse("1954-12").unwrap().next().to_string(),
            "1955-01"
        );
        assert_eq!(
            Period::parse("1954-01").unwrap().previous().to_string(),
            "1953-12"
        );
        for bad in ["1954-13", "1954-4", "54-04", "1954/04", "1954-00", ""] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_closed_period_refuses_entries() {
        let closed = BTreeSet::from([Period::parse("1954-01").unwrap()]);
        let in_january = NaiveDate::from_ymd_opt(1954, 1, 31).unwrap();
        let in_february = NaiveDate::from_ymd_opt(1954, 2, 1).unwrap();
        assert_eq!(
            ensure_open(in_january, &closed),
            Err(PeriodError::Closed(Period::parse("1954-01").unwrap()))
        );
        assert_eq!(ensure_open(in_february, &closed), Ok(()));
    }
}
