//! The materials a production report used, written `yarn=45; cotton=150@Shashi SMC` (an
//! item of stock, how much, and the buyer whose supplied materials they were), and the
//! issues from stock that record their use.

use std::fmt;

use chrono::NaiveDate;

use crate::stock::{StockKind, StockMove};

/// How much of an item of stock a report used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialUse {
    pub item: String,
    pub quantity: u32,
    /// The buyer whose supplied materials these were; none for own stock.
    pub owner: Option<String>,
}

impl fmt::Display for MaterialUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.item, self.quantity)?;
        match &self.owner {
            Some(owner) => write!(f, "@{owner}"),
            None => Ok(()),
        }
    }
}

/// Reads `item=quantity[@buyer]` entries separated by `;`; empty text is none.
pub fn read_materials(text: &str) -> Result<Vec<MaterialUse>, String> {
    text.split(';')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let malformed = || format!("'{part}' is not ITEM=QUANTITY or ITEM=QUANTITY@BUYER");
            let (item, rest) = part.split_once('=').ok_or_else(malformed)?;
            let (quantity, owner) = match rest.split_once('@') {
                Some((quantity, owner)) => (quantity, Some(owner.trim())),
                None => (rest, None),
            };
            let item = item.trim();
            let quantity: u32 = quantity.trim().parse().map_err(|_| malformed())?;
            if item.is_empty() || quantity == 0 || owner.is_some_and(str::is_empty) {
                return Err(malformed());
            }
            Ok(MaterialUse {
                item: item.to_owned(),
                quantity,
                owner: owner.map(str::to_owned),
            })
        })
        .collect()
}

/// The materials written back as [`read_materials`] reads them.
pub fn write_materials(materials: &[MaterialUse]) -> String {
    materials
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The issues from stock that record what a report of `product` on `date` (at `line` of
/// its file) used; their note names the product.
pub fn issues_for(
    line: u64,
    date: NaiveDate,
    product: &str,
    materials: &[MaterialUse],
) -> Vec<StockMove> {
    materials
        .iter()
        .map(|m| StockMove {
            line,
            date,
            kind: StockKind::Issue,
            item: m.item.clone(),
            quantity: i64::from(m.quantity),
            value: None,
            owner: m.owner.clone(),
            paid_from: None,
            note: product.to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn materials_read_and_write_back() {
        let text = "cotton yarn=45; cotton=150@Shashi SMC ;";
        let materials = read_materials(text).unwrap();
        assert_eq!(
            materials,
            [
                MaterialUse {
                    item: "cotton yarn".into(),
                    quantity: 45,
                    owner: None
                },
                MaterialUse {
                    item: "cotton".into(),
                    quantity: 150,
                    owner: Some("Shashi SMC".into())
                },
            ]
        );
        assert_eq!(
            write_materials(&materials),
            "cotton yarn=45; cotton=150@Shashi SMC"
        );
        assert_eq!(read_materials(" ").unwrap(), []);
        for bad in ["yarn", "yarn=0", "yarn=-1", "=3", "yarn=2@", "yarn=2.5"] {
            assert!(read_materials(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn each_material_is_an_issue_from_stock() {
        let date = NaiveDate::from_ymd_opt(1954, 4, 5).unwrap();
        let materials = read_materials("yarn=45; cotton=150@Shashi SMC").unwrap();
        let issues = issues_for(7, date, "cloth", &materials);
        assert_eq!(issues.len(), 2);
        assert!(
            issues
                .iter()
                .all(|i| i.kind == StockKind::Issue && i.line == 7)
        );
        assert_eq!(issues[1].owner.as_deref(), Some("Shashi SMC"));
        assert_eq!(issues[0].note, "cloth");
    }
}
