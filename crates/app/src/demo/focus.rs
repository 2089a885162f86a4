//! The focus cooperatives besides Shashi's and Echeng's, and Yingcheng's combined
//! contracts. Each focus cooperative gets a register, its product at a standard price, a
//! plan and a production report for every month from January to June 1954, its defect
//! rate falling after the rectification as the article's examples do; Yingcheng's
//! cooperatives sign the combined contracts of over 320,000,000 yuan with the supply and
//! marketing cooperatives of the county's 6th and 7th districts. Each part is recorded
//! once, as in the rest of the demo.

use super::books::day;
use super::province::{FOCUS, FocusRow, YINGCHENG_COMBINED};
use super::{AppError, Artel, DemoRecords};

/// The given names the registers draw on, with the surnames of the Echeng register.
const NAMES: [&str; 12] = [
    "秀英", "玉珍", "桂兰", "志刚", "国华", "明德", "春生", "文清", "淑华", "永福", "金凤", "汉章",
];
const SURNAMES: [&str; 8] = ["孙", "朱", "胡", "郭", "何", "高", "林", "罗"];

/// The register of the `index`th focus cooperative: 10 to 31 members.
fn register_csv(index: usize, founded: (i32, u32)) -> String {
    let mut csv = String::from("name,joined,shares_subscribed,shares_paid\n");
    let members = 10 + (index * 7) % 22;
    for number in 0..members {
        csv.push_str(&format!(
            "{}{},{}-{:02}-01,1,1\n",
            SURNAMES[(number + index) % SURNAMES.len()],
            NAMES[number % NAMES.len()],
            founded.0,
            founded.1
        ));
    }
    csv
}

/// Production from January to June: more each month, the defective share falling from
/// a fifth or so before the rectification to a twentieth after it.
/// Returns the reports and the plans (each month's value the quantity at `price` yuan).
fn production_csv(index: usize, product: &str, price: i64) -> (String, String) {
    let base = 200 + 40 * u32::try_from(index).unwrap_or(0);
    let mut production = String::from("date,product,quantity,defective,first_grade\n");
    let mut plans = String::from("month,product,quantity,value\n");
    for month in 1..=6u32 {
        let made = base + base * (month - 1) / 8;
        let defect_per_cent = if month < 4 { 22 - 3 * month } else { 5 };
        let defective = made * defect_per_cent / 100;
        let first_grade = (made - defective) * (30 + 8 * month) / 100;
        production.push_str(&format!(
            "1954-{month:02}-28,{product},{made},{defective},{first_grade}\n"
        ));
        let plan = base + base * (month - 1) / 9;
        plans.push_str(&format!(
            "1954-{month:02},{product},{plan},{}.00\n",
            i64::from(plan) * price
        ));
    }
    (production, plans)
}

impl Artel {
    /// Records the focus cooperatives other than Shashi's and Echeng's.
    pub(super) async fn load_focus_cooperatives(
        &self,
        records: &DemoRecords,
    ) -> Result<(), AppError> {
        let others = FOCUS
            .iter()
            .enumerate()
            .filter(|(_, (code, ..))| !matches!(*code, "shashi-weaving" | "echeng-plow"));
        for (index, focus) in others {
            self.load_focus_cooperative(records, index, focus).await?;
        }
        Ok(())
    }

    async fn load_focus_cooperative(
        &self,
        records: &DemoRecords,
        index: usize,
        (code, _, _, founded, product, price): &FocusRow,
    ) -> Result<(), AppError> {
        if self.members(code).await?.is_empty() {
            self.import_members(
                code,
                &records.file("members", &register_csv(index, *founded))?,
            )
            .await?;
        }
        if self.products(code).await?.is_empty() {
            records
                .products(self, code, &[(product, price, "piece", "")])
                .await?;
            let yuan = price
                .strip_suffix(".00")
                .and_then(|yuan| yuan.parse().ok())
                .ok_or_else(|| AppError::Failed(format!("the demo's price {price}")))?;
            let (production, plans) = production_csv(index, product, yuan);
            self.import_plans(code, &records.file("plans", &plans)?)
                .await?;
            self.import_production(code, &records.file("production", &production)?)
                .await?;
        }
        Ok(())
    }

    /// Records Yingcheng's combined contracts, unless its first cooperative has them.
    pub(super) async fn load_yingcheng_contracts(
        &self,
        records: &DemoRecords,
    ) -> Result<(), AppError> {
        let (first, ..) = YINGCHENG_COMBINED[0];
        if !self
            .contracts(first, day(1, 1)?, day(12, 31)?)
            .await?
            .is_empty()
        {
            return Ok(());
        }
        let mut by_cooperative: Vec<(&str, String)> = Vec::new();
        for (code, number, buyer, (month, day_of_month), value) in YINGCHENG_COMBINED {
            let line = format!(
                "{number},{buyer},supply-marketing,combined,1954-{month:02}-{day_of_month:02},{value},30\n"
            );
            match by_cooperative.iter_mut().find(|(c, _)| *c == code) {
                Some((_, csv)) => csv.push_str(&line),
                None => by_cooperative.push((
                    code,
                    format!("number,counterparty,counterparty_type,kind,signed,value,credit_days\n{line}"),
                )),
            }
        }
        for (code, csv) in by_cooperative {
            self.import_contracts(code, &records.file("contracts", &csv)?)
                .await?;
        }
        Ok(())
    }
}
