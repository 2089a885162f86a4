//! One cooperative's records, deterministic from the seed and the cooperative's number,
//! as the CSV files `artel import` reads (INTERFACE.md): its member register, products with
//! standard prices, a production report per product and month, a monthly plan, contracts
//! and invoiced sales. Amounts are whole minor units (fen) formatted as decimals; no
//! floating point anywhere. A cooperative's records depend only on the seed, its number
//! and the years, never on how many cooperatives are made, so `--coops 200` writes the
//! first 200 cooperatives of the full province exactly.

use std::fmt::Write;

use chrono::NaiveDate;

/// A small deterministic generator: splitmix64 to seed, xorshift64* to draw.
pub struct Rng(u64);

impl Rng {
    /// The generator for one stream (`stream`: a cooperative's number) of `seed`.
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut z = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `low..=high` (the slight modulo bias does not matter here).
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    /// True `per_cent` times in a hundred.
    pub fn chance(&mut self, per_cent: u64) -> bool {
        self.between(1, 100) <= per_cent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let last = items.len().saturating_sub(1) as u64;
        &items[self.between(0, last) as usize]
    }
}

/// A product a cooperative may make: name, unit, Chinese name, standard price in fen and
/// the pieces a cooperative of ordinary size makes in a month.
const CATALOGUE: [(&str, &str, &str, u64, u64); 10] = [
    ("cloth", "bolt", "布", 12_000, 150),
    ("towels", "piece", "毛巾", 800, 600),
    ("plows", "piece", "犁", 4_500, 80),
    ("iron-pots", "piece", "铁锅", 3_000, 100),
    ("baskets", "piece", "篮子", 600, 500),
    ("pottery", "piece", "陶器", 1_200, 300),
    ("shoes", "pair", "布鞋", 2_500, 200),
    ("umbrellas", "piece", "雨伞", 1_500, 250),
    ("furniture", "piece", "家具", 18_000, 30),
    ("rope", "kg", "绳", 400, 800),
];

const SURNAMES: [&str; 20] = [
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
    "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo",
];
const GIVEN: [&str; 20] = [
    "Wei", "Fang", "Min", "Jing", "Lan", "Qiang", "Jun", "Hua", "Ping", "Gang", "Li", "Ying",
    "Hong", "Ming", "Xia", "Tao", "Yan", "Bo", "Hui", "Chun",
];

/// Who a cooperative sells to: a name and its counterparty type, and how often in a
/// hundred sales it is the buyer.
struct Buyer {
    name: String,
    kind: &'static str,
    weight: u64,
}

/// The options every cooperative is made with.
#[derive(Clone, Copy)]
pub struct Shape {
    pub seed: u64,
    pub members: u64,
    pub years: i32,
    pub first_year: i32,
}

/// A product as the cooperative makes it.
pub struct Product {
    pub name: &'static str,
    pub unit: &'static str,
    pub name_zh: &'static str,
    /// Standard price in fen.
    pub price: u64,
    /// Pieces a month at the start, before growth.
    monthly: u64,
}

/// Everything one cooperative records, as the files its imports read.
pub struct Cooperative {
    pub code: String,
    pub name: String,
    pub region: String,
    pub founded: NaiveDate,
    pub products: Vec<Product>,
    pub members_csv: String,
    pub plans_csv: String,
    pub production_csv: String,
    pub contracts_csv: String,
    pub sales_csv: String,
    /// Rows of each file (the header not counted).
    pub rows: Rows,
}

/// Rows written, per kind.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Rows {
    pub members: u64,
    pub production: u64,
    pub plans: u64,
    pub contracts: u64,
    pub invoices: u64,
}

impl Rows {
    pub fn total(&self) -> u64 {
        self.members + self.production + self.plans + self.contracts + self.invoices
    }

    pub fn add(&mut self, other: Rows) {
        self.members += other.members;
        self.production += other.production;
        self.plans += other.plans;
        self.contracts += other.contracts;
        self.invoices += other.invoices;
    }
}

/// Fen as a decimal in yuan: `123456` → `1234.56`.
pub fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// `part` per mille of `whole`, rounded down.
fn per_mille(whole: u64, part: u64) -> u64 {
    whole * part / 1000
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// The region code of the province, a prefecture (1–10) and a county (1–10) in it.
pub const PROVINCE: &str = "bench";

pub fn prefecture_code(prefecture: u64) -> String {
    format!("{PROVINCE}-p{prefecture:02}")
}

pub fn county_code(prefecture: u64, county: u64) -> String {
    format!("{PROVINCE}-p{prefecture:02}-c{county:02}")
}

/// The code of the cooperative `number` (from 1).
pub fn cooperative_code(number: u64) -> String {
    format!("{PROVINCE}-{number:05}")
}

/// The cooperative `number` (from 1): the counties take cooperatives in turn.
pub fn cooperative(shape: Shape, number: u64) -> Cooperative {
    let mut rng = Rng::new(shape.seed, number);
    let county = (number - 1) % 100;
    let (prefecture, county) = (county / 10 + 1, county % 10 + 1);
    let code = cooperative_code(number);
    let founded_year = shape.first_year - rng.between(1, 5) as i32;
    let founded = day(founded_year, rng.between(1, 12) as u32, 1);
    let products = products(&mut rng);
    let trade = match products[0].name {
        "cloth" | "towels" | "shoes" => "weaving and sewing",
        "plows" | "iron-pots" => "smithing",
        "furniture" => "carpentry",
        _ => "handicraft",
    };
    let buyers = buyers(&mut rng, prefecture, county, number);
    // How large it is against an ordinary one, in per cent.
    let size = rng.between(70, 130);
    let mut rows = Rows::default();
    let members_csv = members(&mut rng, shape, founded, trade, &mut rows);
    let (plans_csv, production_csv) = production(&mut rng, shape, &products, size, &mut rows);
    let (contracts_csv, sales_csv) = sales(&mut rng, shape, &products, &buyers, size, &mut rows);
    Cooperative {
        name: format!("Handicraft cooperative {number} ({})", products[0].name),
        region: county_code(prefecture, county),
        code,
        founded,
        products,
        members_csv,
        plans_csv,
        production_csv,
        contracts_csv,
        sales_csv,
        rows,
    }
}

/// Two or three products of the catalogue, each at a price within a tenth of the usual.
fn products(rng: &mut Rng) -> Vec<Product> {
    let count = rng.between(2, 3) as usize;
    let first = rng.between(0, CATALOGUE.len() as u64 - 1) as usize;
    let step = rng.between(1, 3) as usize;
    (0..count)
        .map(|i| {
            let (name, unit, name_zh, price, monthly) =
                CATALOGUE[(first + i * step) % CATALOGUE.len()];
            Product {
                name,
                unit,
                name_zh,
                price: price * rng.between(90, 110) / 100,
                monthly,
            }
        })
        .collect()
}

/// The cooperative's buyers: the county's supply and marketing cooperative, the
/// prefecture's state commerce company, two private merchants, a neighbouring cooperative
/// and individuals at the gate.
fn buyers(rng: &mut Rng, prefecture: u64, county: u64, number: u64) -> Vec<Buyer> {
    let merchant =
        |rng: &mut Rng| format!("Merchant {} {}", rng.pick(&SURNAMES), rng.between(1, 400));
    vec![
        Buyer {
            name: format!("Supply and marketing cooperative {prefecture:02}-{county:02}"),
            kind: "supply-marketing",
            weight: 35,
        },
        Buyer {
            name: format!("State commerce company {prefecture:02}"),
            kind: "state-commerce",
            weight: 20,
        },
        Buyer {
            name: merchant(rng),
            kind: "private-merchant",
            weight: 12,
        },
        Buyer {
            name: merchant(rng),
            kind: "private-merchant",
            weight: 8,
        },
        Buyer {
            name: format!("Cooperative {}", cooperative_code(number % 9_999 + 1)),
            kind: "cooperative",
            weight: 10,
        },
        Buyer {
            name: "Individual buyers".into(),
            kind: "individual",
            weight: 15,
        },
    ]
}

/// The register: a third founding members (joined on the founding day), the others
/// joining over the years, more of them early; most paid their shares in full, some in
/// part, some not yet. Ordered by the day joined.
fn members(
    rng: &mut Rng,
    shape: Shape,
    founded: NaiveDate,
    trade: &str,
    rows: &mut Rows,
) -> String {
    let years = shape.years.max(1) as u64;
    let mut members: Vec<(NaiveDate, String, u64, u64)> = (0..shape.members)
        .map(|_| {
            let joined = if rng.chance(33) {
                founded
            } else {
                // The smaller of two draws: early years more likely.
                let year = rng.between(0, years - 1).min(rng.between(0, years - 1));
                let year = shape.first_year + year as i32;
                day(year, 1, 1) + chrono::Days::new(rng.between(0, 364))
            };
            let name = format!("{} {}", rng.pick(&SURNAMES), rng.pick(&GIVEN));
            let subscribed = rng.between(1, 5);
            let paid = match rng.between(1, 100) {
                1..=20 => 0,
                21..=50 => rng.between(1, subscribed),
                _ => subscribed,
            };
            (joined, name, subscribed, paid)
        })
        .collect();
    members.sort_by_key(|m| m.0);
    let mut csv = String::from("name,joined,shares_subscribed,shares_paid,trade\n");
    for (joined, name, subscribed, paid) in &members {
        let _ = writeln!(csv, "{name},{joined},{subscribed},{paid},{trade}");
    }
    rows.members += members.len() as u64;
    csv
}

/// The plans (`month,product,quantity,value`) and production reports
/// (`date,product,quantity,defective,first_grade`), one of each per product and month: output
/// grows about 3 % a year and varies by season, the defect rate falls over the years.
fn production(
    rng: &mut Rng,
    shape: Shape,
    products: &[Product],
    size: u64,
    rows: &mut Rows,
) -> (String, String) {
    let mut plans = String::from("month,product,quantity,value\n");
    let mut reports = String::from("date,product,quantity,defective,first_grade\n");
    for year in 0..shape.years {
        let growth = 1000 + 30 * year as u64;
        for month in 1..=12u32 {
            let season =
                [96, 92, 100, 104, 106, 102, 98, 96, 102, 106, 104, 110][month as usize - 1];
            for product in products {
                let usual = product.monthly * size / 100 * growth / 1000;
                let planned = (usual / 10).max(1) * 10;
                let _ = writeln!(
                    plans,
                    "{}-{month:02},{},{planned},{}",
                    shape.first_year + year,
                    product.name,
                    yuan(planned * product.price)
                );
                let made = (usual * season / 100 * rng.between(90, 110) / 100).max(1);
                let defect = rng.between(10, 50) + 3 * (shape.years - 1 - year).max(0) as u64;
                let defective = per_mille(made, defect);
                let first_grade = per_mille(made - defective, rng.between(500, 850));
                let date = day(shape.first_year + year, month, 25);
                let _ = writeln!(
                    reports,
                    "{date},{},{made},{defective},{first_grade}",
                    product.name
                );
                rows.plans += 1;
                rows.production += 1;
            }
        }
    }
    (plans, reports)
}

/// A contract as the sales refer to it.
struct Signed {
    number: String,
    buyer: usize,
    signed: NaiveDate,
}

/// The contracts (two to four a year: mostly sales, some combined, some purchases) and the
/// invoiced sales (two to four a month, cash or on credit, a part of them against a
/// contract of the year with the same buyer).
fn sales(
    rng: &mut Rng,
    shape: Shape,
    products: &[Product],
    buyers: &[Buyer],
    size: u64,
    rows: &mut Rows,
) -> (String, String) {
    let mut contracts =
        String::from("number,counterparty,counterparty_type,kind,signed,value,credit_days\n");
    let mut sales = String::from(
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract\n",
    );
    let weights: u64 = buyers.iter().map(|b| b.weight).sum();
    let pick_buyer = |rng: &mut Rng| {
        let mut draw = rng.between(1, weights);
        buyers
            .iter()
            .position(|b| {
                let hit = draw <= b.weight;
                draw = draw.saturating_sub(b.weight);
                hit
            })
            .unwrap_or(0)
    };
    for year in shape.first_year..shape.first_year + shape.years {
        let mut signed_this_year: Vec<Signed> = Vec::new();
        for n in 1..=rng.between(2, 4) {
            // Contracts are with the organised buyers, not with individuals.
            let buyer = pick_buyer(rng) % (buyers.len() - 1);
            let kind = match rng.between(1, 100) {
                1..=70 => "sales",
                71..=85 => "combined",
                _ => "purchase",
            };
            let signed = day(year, rng.between(1, 9) as u32, rng.between(1, 28) as u32);
            let product = rng.pick(products);
            let value = product.monthly * size / 100 * rng.between(1, 3) * product.price;
            let credit = if rng.chance(50) {
                (rng.between(1, 3) * 30).to_string()
            } else {
                String::new()
            };
            let number = format!("{year}-{n:02}");
            let _ = writeln!(
                contracts,
                "{number},{},{},{kind},{signed},{},{credit}",
                buyers[buyer].name,
                buyers[buyer].kind,
                yuan(value)
            );
            rows.contracts += 1;
            if kind != "purchase" {
                signed_this_year.push(Signed {
                    number,
                    buyer,
                    signed,
                });
            }
        }
        for month in 1..=12u32 {
            let mut days: Vec<u32> = (0..rng.between(2, 4))
                .map(|_| rng.between(1, 28) as u32)
                .collect();
            days.sort_unstable();
            for sale_day in days {
                let date = day(year, month, sale_day);
                let buyer = pick_buyer(rng);
                let product = rng.pick(products);
                let quantity = (product.monthly * size / 100 * rng.between(15, 55) / 100).max(1);
                let amount = quantity * product.price * rng.between(95, 105) / 100;
                let terms = if buyers[buyer].kind == "individual" || rng.chance(60) {
                    "cash".to_owned()
                } else {
                    format!("credit:{}", rng.between(1, 3) * 30)
                };
                let contract = signed_this_year
                    .iter()
                    .find(|c| c.buyer == buyer && c.signed <= date)
                    .filter(|_| rng.chance(60))
                    .map_or("", |c| c.number.as_str());
                let _ = writeln!(
                    sales,
                    "{date},{},{},{},{quantity},{},{terms},{contract}",
                    buyers[buyer].name,
                    buyers[buyer].kind,
                    product.name,
                    yuan(amount.max(1))
                );
                rows.invoices += 1;
            }
        }
    }
    (contracts, sales)
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    const SHAPE: Shape = Shape {
        seed: 1,
        members: 100,
        years: 10,
        first_year: 2015,
    };

    #[test]
    fn a_cooperative_is_the_same_whatever_else_is_made() {
        let (a, b) = (cooperative(SHAPE, 7), cooperative(SHAPE, 7));
        assert_eq!(a.sales_csv, b.sales_csv);
        assert_eq!(a.members_csv, b.members_csv);
        assert_ne!(a.sales_csv, cooperative(SHAPE, 8).sales_csv);
        let other_seed = Shape { seed: 2, ..SHAPE };
        assert_ne!(a.members_csv, cooperative(other_seed, 7).members_csv);
    }

    #[test]
    fn rows_are_counted_and_files_are_whole() {
        let coop = cooperative(SHAPE, 1);
        let lines = |csv: &str| csv.lines().count() as u64 - 1;
        assert_eq!(lines(&coop.members_csv), 100);
        assert_eq!(coop.rows.members, 100);
        assert_eq!(lines(&coop.production_csv), coop.rows.production);
        assert_eq!(coop.rows.production, 120 * coop.products.len() as u64);
        assert_eq!(lines(&coop.plans_csv), coop.rows.plans);
        assert_eq!(lines(&coop.contracts_csv), coop.rows.contracts);
        assert_eq!(lines(&coop.sales_csv), coop.rows.invoices);
        assert!((240..=480).contains(&coop.rows.invoices));
        assert!(coop.founded.year() < 2015);
        assert_eq!(coop.region, "bench-p01-c01");
        assert_eq!(cooperative(SHAPE, 100).region, "bench-p10-c10");
        assert_eq!(cooperative(SHAPE, 101).region, "bench-p01-c01");
    }

    #[test]
    fn reports_keep_defective_and_first_grade_within_what_was_made() {
        for number in 1..50 {
            let coop = cooperative(SHAPE, number);
            for line in coop.production_csv.lines().skip(1) {
                let fields: Vec<u64> = line
                    .split(',')
                    .skip(2)
                    .map(|f| f.parse().unwrap_or(u64::MAX))
                    .collect();
                assert!(
                    fields[0] > 0 && fields[1] + fields[2] <= fields[0],
                    "{line}"
                );
            }
            for line in coop.members_csv.lines().skip(1) {
                let fields: Vec<u64> = line
                    .split(',')
                    .skip(2)
                    .take(2)
                    .map(|f| f.parse().unwrap_or(u64::MAX))
                    .collect();
                assert!(fields[1] <= fields[0] && fields[0] >= 1, "{line}");
            }
        }
    }

    #[test]
    fn amounts_are_exact_decimals() {
        assert_eq!(yuan(0), "0.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(123_456), "1234.56");
    }
}
