//! Exhibitions and material exchange meetings, pure: an event's terms checked (kind,
//! title, place, first and last day, visitors), the products shown read from lines of
//! `ORGANISATION: PRODUCT`, the contracts signed there named by `ORGANISATION/NUMBER`, and
//! their total value added exactly in minor units.

use artel_ledger::Money;
use chrono::NaiveDate;

use crate::campaign::{CampaignRefusal, TITLE_CHARS_MAX};
use crate::organisation::Code;

/// Most participants, products shown or contracts one event lists.
pub const LINES_MAX: usize = 2000;

word_enum! {
    /// What kind of event it was.
    ExhibitionKind {
        /// Products shown to buyers and the public (展览会).
        Exhibition = "exhibition",
        /// Producers and buyers meeting to exchange materials and sign contracts (物资交流会).
        ExchangeMeeting = "exchange-meeting",
    }
}

fn refuse(field: &'static str, message: impl Into<String>) -> CampaignRefusal {
    CampaignRefusal {
        field,
        message: message.into(),
    }
}

/// An event's terms, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExhibitionTerms {
    pub kind: ExhibitionKind,
    pub title: String,
    pub place: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Visitors other than the participating organisations.
    pub visitors: u64,
}

impl ExhibitionTerms {
    /// Checks the terms; every field at fault is named (`kind`, `title`, `place`,
    /// `last_day`).
    pub fn new(
        kind: &str,
        title: &str,
        place: &str,
        first_day: NaiveDate,
        last_day: NaiveDate,
        visitors: u64,
    ) -> Result<ExhibitionTerms, Vec<CampaignRefusal>> {
        let mut refusals = Vec::new();
        let kind = ExhibitionKind::parse(kind.trim())
            .map_err(|e| refusals.push(refuse("kind", e)))
            .ok();
        for (field, text) in [("title", title), ("place", place)] {
            if text.trim().is_empty() {
                refusals.push(refuse(field, "is empty"));
            } else if text.chars().count() > TITLE_CHARS_MAX {
                refusals.push(refuse(
                    field,
                    format!("is longer than {TITLE_CHARS_MAX} characters"),
                ));
            }
        }
        if last_day < first_day {
            refusals.push(refuse(
                "last_day",
                format!("{last_day} is before the first day {first_day}"),
            ));
        }
        match kind {
            Some(kind) if refusals.is_empty() => Ok(ExhibitionTerms {
                kind,
                title: title.trim().to_owned(),
                place: place.trim().to_owned(),
                first_day,
                last_day,
                visitors,
            }),
            _ => Err(refusals),
        }
    }
}

/// A product an organisation showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownProduct {
    pub organisation: String,
    pub product: String,
}

/// A contract signed at the event: the organisation that holds it and its number there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SignedContract {
    pub organisation: String,
    pub number: String,
}

fn code_of(field: &'static str, text: &str, line: usize) -> Result<String, CampaignRefusal> {
    Code::parse(text.trim())
        .map(|c| c.to_string())
        .map_err(|e| refuse(field, format!("line {line}: {e}")))
}

/// Reads products shown, one per line as `ORGANISATION: PRODUCT`; blank lines are skipped,
/// every bad line is named.
pub fn read_products(lines: &[String]) -> Result<Vec<ShownProduct>, Vec<CampaignRefusal>> {
    let mut refusals = Vec::new();
    let mut products = Vec::new();
    for (index, line) in lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let line_number = index + 1;
        match line.split_once(':') {
            Some((code, product)) if !product.trim().is_empty() => {
                match code_of("products", code, line_number) {
                    Ok(organisation) => products.push(ShownProduct {
                        organisation,
                        product: product.trim().to_owned(),
                    }),
                    Err(refusal) => refusals.push(refusal),
                }
            }
            _ => refusals.push(refuse(
                "products",
                format!("line {line_number}: '{line}' is not ORGANISATION: PRODUCT"),
            )),
        }
    }
    if products.len() > LINES_MAX {
        refusals.push(refuse("products", format!("more than {LINES_MAX} lines")));
    }
    if refusals.is_empty() {
        Ok(products)
    } else {
        Err(refusals)
    }
}

/// Reads contracts signed, each as `ORGANISATION/NUMBER`; a contract named twice is an
/// error, every bad one is named.
pub fn read_contracts(items: &[String]) -> Result<Vec<SignedContract>, Vec<CampaignRefusal>> {
    let mut refusals = Vec::new();
    let mut contracts: Vec<SignedContract> = Vec::new();
    for (index, item) in items
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let line_number = index + 1;
        match item.split_once('/') {
            Some((code, number)) if !number.trim().is_empty() => {
                match code_of("contracts", code, line_number) {
                    Ok(organisation) => {
                        let contract = SignedContract {
                            organisation,
                            number: number.trim().to_owned(),
                        };
                        if contracts.contains(&contract) {
                            refusals.push(refuse(
                                "contracts",
                                format!("line {line_number}: '{item}' is named twice"),
                            ));
                        } else {
                            contracts.push(contract);
                        }
                    }
                    Err(refusal) => refusals.push(refusal),
                }
            }
            _ => refusals.push(refuse(
                "contracts",
                format!("line {line_number}: '{item}' is not ORGANISATION/NUMBER"),
            )),
        }
    }
    if contracts.len() > LINES_MAX {
        refusals.push(refuse(
            "contracts",
            format!("more than {LINES_MAX} contracts"),
        ));
    }
    if refusals.is_empty() {
        Ok(contracts)
    } else {
        Err(refusals)
    }
}

/// The total value of the contracts signed, exactly; `None` if it would overflow.
pub fn total_value(values: impl IntoIterator<Item = Money>) -> Option<Money> {
    Money::checked_sum(values).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn terms_name_every_field_at_fault() {
        let refused =
            ExhibitionTerms::new("fair", "", " ", day("1954-05-10"), day("1954-05-01"), 0)
                .unwrap_err();
        let fields: Vec<_> = refused.iter().map(|r| r.field).collect();
        assert_eq!(fields, ["kind", "title", "place", "last_day"]);
        let terms = ExhibitionTerms::new(
            "exchange-meeting",
            " Yingshan ",
            "Yingshan",
            day("1954-05-01"),
            day("1954-05-03"),
            1200,
        )
        .unwrap();
        assert_eq!(
            (terms.kind, terms.title.as_str()),
            (ExhibitionKind::ExchangeMeeting, "Yingshan")
        );
    }

    #[test]
    fn products_and_contracts_are_read_line_by_line() {
        let products = read_products(&[
            "shashi-weaving: cloth".into(),
            "".into(),
            "echeng-plow:plough".into(),
        ])
        .unwrap();
        assert_eq!(
            products[1],
            ShownProduct {
                organisation: "echeng-plow".into(),
                product: "plough".into()
            }
        );
        let refused = read_products(&["cloth".into(), "Bad Code: x".into()]).unwrap_err();
        assert_eq!(refused.len(), 2);
        assert!(refused[1].message.starts_with("line 2:"), "{refused:?}");
        let contracts =
            read_contracts(&["shashi-weaving/C-1".into(), "echeng-plow/7".into()]).unwrap();
        assert_eq!(contracts[0].number, "C-1");
        let twice = read_contracts(&["a/1".into(), "a/1".into(), "nothing".into()]).unwrap_err();
        assert_eq!(twice.len(), 2);
    }

    #[test]
    fn the_total_value_is_exact_and_overflow_is_refused() {
        let values = [Money::from_minor(1_000_001), Money::from_minor(2_999_999)];
        assert_eq!(total_value(values), Some(Money::from_minor(4_000_000)));
        assert_eq!(
            total_value([Money::from_minor(i64::MAX), Money::from_minor(1)]),
            None
        );
        assert_eq!(total_value([]), Some(Money::from_minor(0)));
    }
}
