//! 鄂城县犁头生产合作社, the Echeng County Plow Production Cooperative, January to June
//! 1954, recorded so that the reports give the article's figures. Before the
//! rectification it sold four fifths of its plows on credit to private merchants on four
//! and five months' terms, lost money, paid its members little, and most of them asked to
//! withdraw. In April it signed contracts of 90,000,000 yuan in all with the county's six
//! supply and marketing cooperatives, whose advances solved its want of funds; its members
//! took their requests back, and against January it made 72 % more plows, its share of
//! first-grade plows rose by 62 % and a good plow cost 16.6 % less to make.
//!
//! Each part is recorded once: the register when it is empty, the products with their plans
//! and reports when there are none, the contracts, sales and payments when there are no
//! contracts, the labour records when there are none; the entries carry idempotency keys.

use super::books::day;
use super::province::ECHENG_SMCS;
use super::{AppError, Artel, DemoRecords};
use crate::{MemberAction, PaymentRequest};

pub(super) const ECHENG_PLOW: &str = "echeng-plow";

/// The members, forty smiths and their helpers.
const SURNAMES: [&str; 10] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"];
const GIVEN: [&str; 4] = ["大顺", "德胜", "长生", "金山"];
pub(super) const MEMBERS: usize = 40;
/// The members who asked to withdraw in January 1954: the first twenty-four.
const ASKING_TO_WITHDRAW: usize = 24;

/// A month's production: plows made, defective, first grade; the plan in plows; the
/// production cost posted (materials, wages, overheads) in yuan.
struct Month {
    made: u32,
    defective: u32,
    first_grade: u32,
    plan: u32,
    materials: i64,
    wages: i64,
    overheads: i64,
}

/// January to June. A good plow cost 60,000 yuan in January (27,000,000 over 450) and
/// 50,040 in April (42,033,600 over 840): 16.6 % less. First grade 200 of 500 (40.0 %),
/// then 557 of 860 (64.8 %): 62 % more. Plows made: 500, then 860: 72 % more.
const MONTHS: [Month; 6] = [
    Month {
        made: 500,
        defective: 50,
        first_grade: 200,
        plan: 600,
        materials: 19_800_000,
        wages: 6_000_000,
        overheads: 1_200_000,
    },
    Month {
        made: 520,
        defective: 45,
        first_grade: 215,
        plan: 600,
        materials: 20_825_000,
        wages: 6_000_000,
        overheads: 1_200_000,
    },
    Month {
        made: 640,
        defective: 35,
        first_grade: 300,
        plan: 650,
        materials: 23_075_000,
        wages: 9_000_000,
        overheads: 1_200_000,
    },
    Month {
        made: 860,
        defective: 20,
        first_grade: 557,
        plan: 800,
        materials: 25_633_600,
        wages: 15_200_000,
        overheads: 1_200_000,
    },
    Month {
        made: 880,
        defective: 18,
        first_grade: 580,
        plan: 820,
        materials: 26_327_600,
        wages: 15_400_000,
        overheads: 1_200_000,
    },
    Month {
        made: 900,
        defective: 18,
        first_grade: 600,
        plan: 850,
        materials: 26_859_000,
        wages: 15_600_000,
        overheads: 1_200_000,
    },
];

const PLOW_PRICE: &str = "65000.00";
/// What the supply and marketing cooperatives pay for a plow under contract.
const CONTRACT_PRICE: i64 = 62_500;
/// The plows each of the six contracts takes: 1,440 at 62,500 yuan, 90,000,000 in all.
const CONTRACT_PLOWS: [i64; 6] = [300, 280, 250, 230, 200, 180];

const WANG_JI: &str = "王记铁货行 Wang Ji Hardware";
const HE_JI: &str = "何记农具店 He Ji Farm Tools";

fn member_name(index: usize) -> String {
    format!(
        "{}{}",
        SURNAMES[index % SURNAMES.len()],
        GIVEN[index / SURNAMES.len() % GIVEN.len()]
    )
}

fn register_csv() -> String {
    let mut csv = String::from("name,joined,shares_subscribed,shares_paid,trade\n");
    for index in 0..MEMBERS {
        let trade = if index % 4 == 0 { "helper" } else { "smith" };
        csv.push_str(&format!("{},1952-09-01,2,1,{trade}\n", member_name(index)));
    }
    csv
}

fn plans_csv() -> String {
    let mut csv = String::from("month,product,quantity,value\n");
    for (month, plan) in (1..).zip(MONTHS.iter().map(|m| m.plan)) {
        csv.push_str(&format!(
            "1954-{month:02},plows,{plan},{}.00\n",
            i64::from(plan) * 65_000
        ));
    }
    csv
}

fn production_csv() -> String {
    let mut csv = String::from("date,product,quantity,defective,first_grade\n");
    for (month, m) in (1..).zip(&MONTHS) {
        csv.push_str(&format!(
            "1954-{month:02}-28,plows,{},{},{}\n",
            m.made, m.defective, m.first_grade
        ));
    }
    csv
}

/// The six contracts of April, one item each, delivered by the end of June.
fn contracts_csv() -> String {
    let mut csv = String::from(
        "number,counterparty,counterparty_type,kind,signed,value,credit_days,product,quantity,price,deliver_by\n",
    );
    for (index, (buyer, plows)) in ECHENG_SMCS.iter().zip(CONTRACT_PLOWS).enumerate() {
        csv.push_str(&format!(
            "EC-1954-{:02},{buyer},supply-marketing,sales,1954-04-{:02},{}.00,30,plows,{plows},{CONTRACT_PRICE}.00,1954-06-30\n",
            index + 1,
            3 + index,
            plows * CONTRACT_PRICE,
        ));
    }
    csv
}

/// The invoices: the winter's plows on long credit to two private merchants and a few for
/// cash to the county town's cooperative; from April, deliveries under the contracts.
fn sales_csv() -> String {
    let mut csv = String::from(
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract\n",
    );
    let smc = ECHENG_SMCS[0];
    for (month, merchants, cash) in [(1, 160, 80), (2, 170, 85), (3, 150, 150)] {
        for (day_of_month, merchant, terms) in
            [(10, WANG_JI, "credit:150"), (18, HE_JI, "credit:120")]
        {
            csv.push_str(&format!(
                "1954-{month:02}-{day_of_month},{merchant},private-merchant,plows,{merchants},{}.00,{terms},\n",
                merchants * 65_000
            ));
        }
        csv.push_str(&format!(
            "1954-{month:02}-25,{smc},supply-marketing,plows,{cash},{}.00,cash,\n",
            cash * 65_000
        ));
    }
    // April to June: the contracts delivered in three parts (a half, a third, the rest).
    for (index, (buyer, plows)) in ECHENG_SMCS.iter().zip(CONTRACT_PLOWS).enumerate() {
        let parts = [plows / 2, plows / 3, plows - plows / 2 - plows / 3];
        for (month, part) in [4, 5, 6].into_iter().zip(parts) {
            csv.push_str(&format!(
                "1954-{month:02}-{:02},{buyer},supply-marketing,plows,{part},{}.00,credit:30,EC-1954-{:02}\n",
                20 + index,
                part * CONTRACT_PRICE,
                index + 1
            ));
        }
    }
    csv
}

/// The members' labour: days and wages of every month, the wages adding up to what the
/// month posted to production wages.
fn labour_csv() -> String {
    let mut csv = String::from("month,member,days,wages\n");
    let members = i64::try_from(MEMBERS).unwrap_or(1);
    for (month, m) in (1..).zip(&MONTHS) {
        let days = if month < 4 { "21.0" } else { "25.5" };
        for number in 1..=MEMBERS {
            csv.push_str(&format!(
                "1954-{month:02},{number},{days},{}.00\n",
                m.wages / members
            ));
        }
    }
    csv
}

/// The entries no other record posts: the month's materials, wages and overheads, the
/// interest the merchants' credit cost, and paying the wages.
fn entries() -> Result<Vec<super::books::DemoEntry>, AppError> {
    let mut entries = Vec::new();
    for (month, m) in (1..).zip(&MONTHS) {
        entries.push((
            day(month, 27)?,
            "Pig iron and charcoal used".to_owned(),
            vec![
                ("Expenses:Production:Materials", m.materials),
                ("Liabilities:Payables", -m.materials),
            ],
        ));
        entries.push((
            day(month, 28)?,
            "Wages for the month".to_owned(),
            vec![
                ("Expenses:Production:Wages", m.wages),
                ("Liabilities:Wages Payable", -m.wages),
            ],
        ));
        entries.push((
            day(month, 28)?,
            "Forge upkeep and tools".to_owned(),
            vec![
                ("Expenses:Production:Overheads", m.overheads),
                ("Assets:Cash", -m.overheads),
            ],
        ));
    }
    entries.push((
        day(1, 30)?,
        "Interest on a private loan to carry the merchants' credit".to_owned(),
        vec![("Expenses:Interest", 900_000), ("Assets:Cash", -900_000)],
    ));
    Ok(entries)
}

impl Artel {
    /// Records the Echeng plow cooperative's half year, each part once.
    pub(super) async fn load_echeng_plow(&self, records: &DemoRecords) -> Result<(), AppError> {
        let code = ECHENG_PLOW;
        if self.members(code).await?.is_empty() {
            self.import_members(code, &records.file("members", &register_csv())?)
                .await?;
            for number in 1..=ASKING_TO_WITHDRAW {
                let number = u64::try_from(number).unwrap_or(1);
                let asked = MemberAction {
                    event: artel_coop::MemberEvent::RequestWithdrawal,
                    date: day(1, 5 + u32::try_from(number).unwrap_or(0))?,
                    note: "Little income; asks to leave".into(),
                    debts: artel_ledger::Money::ZERO,
                };
                self.change_member(code, number, &asked).await?;
            }
            for number in 1..=ASKING_TO_WITHDRAW {
                let number = u64::try_from(number).unwrap_or(1);
                let stays = MemberAction {
                    event: artel_coop::MemberEvent::RetractWithdrawal,
                    date: day(4, 12)?,
                    note: "Stays after the democratic review and the contracts".into(),
                    debts: artel_ledger::Money::ZERO,
                };
                self.change_member(code, number, &stays).await?;
            }
        }
        if self.products(code).await?.is_empty() {
            records
                .products(self, code, &[("plows", PLOW_PRICE, "piece", "犁头")])
                .await?;
            self.import_plans(code, &records.file("plans", &plans_csv())?)
                .await?;
            self.import_production(code, &records.file("production", &production_csv())?)
                .await?;
        }
        records
            .post(self, code, "demo-1954-echeng-plow", &entries()?)
            .await?;
        if self
            .contracts(code, day(1, 1)?, day(12, 31)?)
            .await?
            .is_empty()
        {
            self.import_contracts(code, &records.file("contracts", &contracts_csv())?)
                .await?;
            // A third of each contract paid in advance the day after it was signed.
            for (index, (buyer, plows)) in ECHENG_SMCS.iter().zip(CONTRACT_PLOWS).enumerate() {
                let advance = format!("{}.00", plows * CONTRACT_PRICE / 3);
                let payment = PaymentRequest {
                    counterparty: buyer,
                    amount: &advance,
                    date: day(4, 4 + u32::try_from(index).unwrap_or(0))?,
                    into: Some("Assets:Bank"),
                    invoice: None,
                };
                self.record_payment(code, &payment).await?;
            }
            self.import_sales(code, &records.file("sales", &sales_csv())?)
                .await?;
        }
        if self.labour(code, 1954).await?.is_empty() {
            self.import_labour(code, &records.file("labour", &labour_csv())?)
                .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(after - before) / before` in tenths of a percent, rounded half away from zero.
    fn change(before: i64, after: i64) -> i64 {
        let tenths = (after - before) * 2000 / before;
        (tenths + tenths.signum()) / 2
    }

    #[test]
    fn april_against_january_gives_the_articles_figures() {
        let (january, april) = (&MONTHS[0], &MONTHS[3]);
        assert_eq!(change(january.made.into(), april.made.into()), 720);
        // First-grade share in tenths of a percent, as the indicator rounds it.
        let share = |m: &Month| {
            let tenths = i64::from(m.first_grade) * 2000 / i64::from(m.made);
            (tenths + 1) / 2
        };
        assert_eq!((share(january), share(april)), (400, 648));
        assert_eq!(change(share(january), share(april)), 620);
        let unit_cost =
            |m: &Month| (m.materials + m.wages + m.overheads) / i64::from(m.made - m.defective);
        assert_eq!((unit_cost(january), unit_cost(april)), (60_000, 50_040));
        assert_eq!(change(unit_cost(january), unit_cost(april)), -166);
        assert_eq!(
            CONTRACT_PLOWS.iter().sum::<i64>() * CONTRACT_PRICE,
            90_000_000
        );
        assert!(contracts_csv().lines().count() == 7);
        assert_eq!(MONTHS.iter().map(|m| m.wages % 40).sum::<i64>(), 0);
    }
}
