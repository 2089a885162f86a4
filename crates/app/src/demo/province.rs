//! The Hubei province of 1954 as the demo draws it: the province, its special districts of
//! the time with their counties and cities (the boundaries are approximate: districts were
//! redrawn several times in those years), and the organisations the article names or
//! implies — the provincial handicraft office that held the conference, the county
//! governments' handicraft sections, the supply and marketing cooperatives, federations in
//! preparation, handicraft laborers associations, the twelve focus cooperatives with the
//! other cooperatives of before 1954, and the thirty-nine cooperatives and five hundred and
//! thirty-seven production teams founded in the first quarter of 1954. Every organisation
//! is recorded with its founding date and, where it changed, its status's history, so the
//! statistics count them as of any date.

use chrono::NaiveDate;

use super::books::day;
use crate::AppError;

/// A region: code, name, parent, level.
pub(super) type RegionRow = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
);

/// The regions, parents first.
pub(super) const REGIONS: &[RegionRow] = &[
    ("hubei", "湖北省 Hubei Province", None, "province"),
    (
        "xiaogan",
        "孝感专区 Xiaogan Special District",
        Some("hubei"),
        "district",
    ),
    (
        "yingcheng",
        "应城县 Yingcheng County",
        Some("xiaogan"),
        "county",
    ),
    (
        "yingshan",
        "应山县 Yingshan County",
        Some("xiaogan"),
        "county",
    ),
    (
        "xiaogan-county",
        "孝感县 Xiaogan County",
        Some("xiaogan"),
        "county",
    ),
    (
        "huanggang",
        "黄冈专区 Huanggang Special District",
        Some("hubei"),
        "district",
    ),
    (
        "xishui",
        "浠水县 Xishui County",
        Some("huanggang"),
        "county",
    ),
    (
        "macheng",
        "麻城县 Macheng County",
        Some("huanggang"),
        "county",
    ),
    (
        "huanggang-county",
        "黄冈县 Huanggang County",
        Some("huanggang"),
        "county",
    ),
    (
        "daye",
        "大冶专区 Daye Special District",
        Some("hubei"),
        "district",
    ),
    ("echeng", "鄂城县 Echeng County", Some("daye"), "county"),
    ("daye-county", "大冶县 Daye County", Some("daye"), "county"),
    (
        "jingzhou",
        "荆州专区 Jingzhou Special District",
        Some("hubei"),
        "district",
    ),
    ("shashi", "沙市 Shashi", Some("jingzhou"), "city"),
    (
        "jiangling",
        "江陵县 Jiangling County",
        Some("jingzhou"),
        "county",
    ),
    ("jianli", "监利县 Jianli County", Some("jingzhou"), "county"),
    (
        "yichang-district",
        "宜昌专区 Yichang Special District",
        Some("hubei"),
        "district",
    ),
    (
        "yichang",
        "宜昌市 Yichang",
        Some("yichang-district"),
        "city",
    ),
    (
        "zigui",
        "秭归县 Zigui County",
        Some("yichang-district"),
        "county",
    ),
    (
        "xiangyang",
        "襄阳专区 Xiangyang Special District",
        Some("hubei"),
        "district",
    ),
    (
        "xiangyang-county",
        "襄阳县 Xiangyang County",
        Some("xiangyang"),
        "county",
    ),
    (
        "zaoyang",
        "枣阳县 Zaoyang County",
        Some("xiangyang"),
        "county",
    ),
    (
        "enshi",
        "恩施专区 Enshi Special District",
        Some("hubei"),
        "district",
    ),
    (
        "enshi-county",
        "恩施县 Enshi County",
        Some("enshi"),
        "county",
    ),
    ("lichuan", "利川县 Lichuan County", Some("enshi"), "county"),
    (
        "yunyang",
        "郧阳专区 Yunyang Special District",
        Some("hubei"),
        "district",
    ),
    ("yunxian", "郧县 Yun County", Some("yunyang"), "county"),
    ("huangshi", "黄石市 Huangshi", Some("hubei"), "city"),
];

/// The counties and cities where cooperatives and teams work (every region below a
/// district, and Huangshi).
pub(super) fn localities() -> impl Iterator<Item = &'static RegionRow> {
    REGIONS
        .iter()
        .filter(|(_, _, _, level)| matches!(*level, "county" | "city"))
}

/// An organisation of the province: code, kind, name, region, founded, status changes
/// (date, status) after its founding.
pub(super) struct OrgRow {
    pub code: String,
    pub kind: &'static str,
    pub name: String,
    pub region: &'static str,
    pub founded: NaiveDate,
    pub status: &'static str,
}

fn date(year: i32, month: u32, day_of_month: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(year, month, day_of_month)
        .ok_or_else(|| AppError::Failed(format!("no day {year}-{month}-{day_of_month}")))
}

/// The provincial handicraft office, which held the conference and runs the campaign.
pub(super) const PROVINCE_OFFICE: &str = "hubei-handicraft";

/// The focus cooperatives of the rectification, twelve in all: code, name, locality,
/// founded (year, month), trade, product and its standard price.
pub(super) type FocusRow = (
    &'static str,
    &'static str,
    &'static str,
    (i32, u32),
    &'static str,
    &'static str,
);

pub(super) const FOCUS: [FocusRow; 12] = [
    (
        "shashi-weaving",
        "沙市织布生产合作社 Shashi Weaving Production Cooperative",
        "shashi",
        (1952, 5),
        "cloth",
        "35000.00",
    ),
    (
        "echeng-plow",
        "鄂城县犁头生产合作社 Echeng County Plow Production Cooperative",
        "echeng",
        (1952, 9),
        "plows",
        "65000.00",
    ),
    (
        "yingcheng-ironware",
        "应城县铁器生产合作社 Yingcheng County Ironware Production Cooperative",
        "yingcheng",
        (1953, 3),
        "hoes",
        "18000.00",
    ),
    (
        "yingshan-bamboo",
        "应山县竹器生产合作社 Yingshan County Bamboo Ware Production Cooperative",
        "yingshan",
        (1953, 4),
        "baskets",
        "3500.00",
    ),
    (
        "xishui-cloth",
        "浠水县土布生产合作社 Xishui County Homespun Cloth Production Cooperative",
        "xishui",
        (1952, 11),
        "homespun",
        "30000.00",
    ),
    (
        "macheng-tools",
        "麻城县农具生产合作社 Macheng County Farm Tools Production Cooperative",
        "macheng",
        (1953, 2),
        "sickles",
        "9000.00",
    ),
    (
        "huangshi-smithy",
        "黄石市铁业生产合作社 Huangshi Smithy Production Cooperative",
        "huangshi",
        (1952, 8),
        "nails",
        "12000.00",
    ),
    (
        "yichang-leather",
        "宜昌市皮革生产合作社 Yichang Leather Production Cooperative",
        "yichang",
        (1953, 1),
        "shoes",
        "42000.00",
    ),
    (
        "jiangling-carpentry",
        "江陵县木器生产合作社 Jiangling County Woodware Production Cooperative",
        "jiangling",
        (1953, 5),
        "buckets",
        "15000.00",
    ),
    (
        "xiangyang-pottery",
        "襄阳县陶器生产合作社 Xiangyang County Pottery Production Cooperative",
        "xiangyang-county",
        (1953, 6),
        "jars",
        "6000.00",
    ),
    (
        "enshi-paper",
        "恩施县造纸生产合作社 Enshi County Paper Production Cooperative",
        "enshi-county",
        (1953, 3),
        "paper",
        "20000.00",
    ),
    (
        "yunxian-rope",
        "郧县麻绳生产合作社 Yun County Hemp Rope Production Cooperative",
        "yunxian",
        (1953, 7),
        "rope",
        "5000.00",
    ),
];

/// Trades of the cooperatives and teams founded in 1954 and of the older ones: code part,
/// Chinese and English.
const TRADES: [(&str, &str, &str); 12] = [
    ("ironware", "铁器", "Ironware"),
    ("woodware", "木器", "Woodware"),
    ("bamboo", "竹器", "Bamboo Ware"),
    ("tailoring", "缝纫", "Tailoring"),
    ("weaving", "织布", "Weaving"),
    ("shoes", "制鞋", "Shoemaking"),
    ("farm-tools", "农具", "Farm Tools"),
    ("pottery", "陶器", "Pottery"),
    ("paper", "造纸", "Paper"),
    ("leather", "皮革", "Leather"),
    ("oil", "榨油", "Oil Pressing"),
    ("copper", "铜器", "Copperware"),
];

/// How many cooperatives and teams were founded in the first quarter of 1954.
pub(super) const NEW_COOPERATIVES_1954_Q1: usize = 39;
pub(super) const NEW_TEAMS_1954_Q1: usize = 537;

/// The combined contracts of Yingcheng's 6th and 7th district supply and marketing
/// cooperatives with the county's cooperatives: cooperative, number, buyer, signed
/// (month, day), value — together over 320,000,000 yuan.
/// A combined contract: cooperative, number, buyer, signed (month, day), value.
pub(super) type CombinedRow = (
    &'static str,
    &'static str,
    &'static str,
    (u32, u32),
    &'static str,
);

pub(super) const YINGCHENG_COMBINED: [CombinedRow; 5] = [
    (
        "yingcheng-ironware",
        "YC6-1954-01",
        YINGCHENG_SMC_6,
        (4, 8),
        "86000000.00",
    ),
    (
        "yingcheng-weaving",
        "YC6-1954-02",
        YINGCHENG_SMC_6,
        (4, 12),
        "72500000.00",
    ),
    (
        "yingcheng-bamboo",
        "YC7-1954-01",
        YINGCHENG_SMC_7,
        (4, 15),
        "54000000.00",
    ),
    (
        "yingcheng-tailoring",
        "YC7-1954-02",
        YINGCHENG_SMC_7,
        (4, 20),
        "61000000.00",
    ),
    (
        "yingcheng-ironware",
        "YC7-1954-03",
        YINGCHENG_SMC_7,
        (5, 6),
        "48000000.00",
    ),
];

pub(super) const YINGCHENG_SMC_6: &str = "应城县第六区供销合作社 Yingcheng 6th District SMC";
pub(super) const YINGCHENG_SMC_7: &str = "应城县第七区供销合作社 Yingcheng 7th District SMC";

/// The six supply and marketing cooperatives of Echeng county.
pub(super) const ECHENG_SMCS: [&str; 6] = [
    "鄂城县城关供销合作社 Echeng Town SMC",
    "鄂城县华容供销合作社 Huarong SMC",
    "鄂城县葛店供销合作社 Gedian SMC",
    "鄂城县燕矶供销合作社 Yanji SMC",
    "鄂城县泽林供销合作社 Zelin SMC",
    "鄂城县段店供销合作社 Duandian SMC",
];

/// Every organisation of the province but the focus cooperatives, in the order they are
/// added.
pub(super) fn organisations() -> Result<Vec<OrgRow>, AppError> {
    let mut rows = vec![OrgRow {
        code: PROVINCE_OFFICE.into(),
        kind: "government",
        name: "湖北省人民政府手工业管理处 Hubei Provincial Handicraft Administration".into(),
        region: "hubei",
        founded: date(1952, 10, 1)?,
        status: "active",
    }];
    // The county governments' handicraft sections, set up one after another that spring.
    for (index, (code, name, _, _)) in localities().enumerate() {
        let short = name.split(' ').next().unwrap_or(name);
        let english = name.split_once(' ').map_or("", |(_, e)| e);
        let month = 3 + u32::try_from(index % 3).unwrap_or(0);
        rows.push(OrgRow {
            code: format!("{code}-handicraft-section"),
            kind: "government",
            name: format!("{short}人民政府手工业科 {english} Handicraft Section"),
            region: code,
            founded: date(1954, month, 1 + u32::try_from(index).unwrap_or(0) % 27)?,
            status: "active",
        });
    }
    for (index, name) in ECHENG_SMCS.iter().enumerate() {
        rows.push(OrgRow {
            code: format!("echeng-smc-{}", index + 1),
            kind: "supply-marketing",
            name: (*name).into(),
            region: "echeng",
            founded: date(1950, 10, 1)?,
            status: "active",
        });
    }
    for (code, name) in [
        ("yingcheng-smc-6", YINGCHENG_SMC_6),
        ("yingcheng-smc-7", YINGCHENG_SMC_7),
    ] {
        rows.push(OrgRow {
            code: code.into(),
            kind: "supply-marketing",
            name: name.into(),
            region: "yingcheng",
            founded: date(1951, 3, 1)?,
            status: "active",
        });
    }
    // Federations of the cooperatives in preparation.
    for (code, name, region, month) in [
        (
            "huangshi-federation",
            "黄石市手工业生产合作社联合社筹备处 Huangshi Federation of Handicraft Cooperatives (in preparation)",
            "huangshi",
            4,
        ),
        (
            "echeng-federation",
            "鄂城县手工业生产合作社联合社筹备处 Echeng Federation of Handicraft Cooperatives (in preparation)",
            "echeng",
            5,
        ),
        (
            "xishui-federation",
            "浠水县手工业生产合作社联合社筹备处 Xishui Federation of Handicraft Cooperatives (in preparation)",
            "xishui",
            5,
        ),
    ] {
        rows.push(OrgRow {
            code: code.into(),
            kind: "federation",
            name: name.into(),
            region,
            founded: date(1954, month, 10)?,
            status: "preparatory",
        });
    }
    // Handicraft laborers associations piloted in ten counties and cities.
    for (index, region) in [
        "echeng",
        "yichang",
        "shashi",
        "huangshi",
        "xishui",
        "yingcheng",
        "xiaogan-county",
        "jiangling",
        "xiangyang-county",
        "enshi-county",
    ]
    .into_iter()
    .enumerate()
    {
        let name = REGIONS
            .iter()
            .find(|(code, ..)| *code == region)
            .map_or(region, |(_, name, ..)| name);
        let short = name.split(' ').next().unwrap_or(name);
        let english = name.split_once(' ').map_or("", |(_, e)| e);
        rows.push(OrgRow {
            code: format!("{region}-laborers"),
            kind: "association",
            name: format!("{short}手工业劳动者协会 {english} Handicraft Laborers Association"),
            region,
            founded: date(1954, 4, 5 + u32::try_from(index).unwrap_or(0) * 2)?,
            status: "active",
        });
    }
    rows.extend(older_cooperatives()?);
    rows.extend(founded_in_1954_q1()?);
    Ok(rows)
}

fn trade_name(locality: &RegionRow, trade: (&str, &str, &str), what: (&str, &str)) -> String {
    let (_, name, _, _) = locality;
    let short = name.split(' ').next().unwrap_or(name);
    let english = name.split_once(' ').map_or("", |(_, e)| e);
    format!(
        "{short}{}{} {english} {} {}",
        trade.1, what.0, trade.2, what.1
    )
}

/// Cooperatives founded before 1954 besides the focus ones: two in every locality, more in
/// Yingcheng, whose cooperatives signed the combined contracts.
fn older_cooperatives() -> Result<Vec<OrgRow>, AppError> {
    let mut rows = Vec::new();
    for (index, locality) in localities().enumerate() {
        let mut trades = vec![
            TRADES[index % TRADES.len()],
            TRADES[(index + 5) % TRADES.len()],
        ];
        if locality.0 == "yingcheng" {
            trades = vec![TRADES[4], TRADES[2], TRADES[3]];
        }
        for (number, trade) in trades.into_iter().enumerate() {
            let code = format!("{}-{}", locality.0, trade.0);
            if FOCUS.iter().any(|(focus, ..)| *focus == code) {
                continue;
            }
            rows.push(OrgRow {
                code,
                kind: "cooperative",
                name: trade_name(locality, trade, ("生产合作社", "Production Cooperative")),
                region: locality.0,
                founded: date(
                    1953,
                    1 + u32::try_from((index + number) % 12).unwrap_or(0),
                    15,
                )?,
                status: "active",
            });
        }
    }
    Ok(rows)
}

/// The cooperatives and teams founded in the first quarter of 1954, spread over the
/// localities and the quarter's days.
fn founded_in_1954_q1() -> Result<Vec<OrgRow>, AppError> {
    let places: Vec<&RegionRow> = localities().collect();
    let mut rows = Vec::with_capacity(NEW_COOPERATIVES_1954_Q1 + NEW_TEAMS_1954_Q1);
    for index in 0..NEW_COOPERATIVES_1954_Q1 {
        let locality = places[index % places.len()];
        let trade = TRADES[(index * 7 + 3) % TRADES.len()];
        rows.push(OrgRow {
            code: format!("{}-{}-1954", locality.0, trade.0),
            kind: "cooperative",
            name: trade_name(
                locality,
                trade,
                ("生产合作社（新建）", "Production Cooperative (1954)"),
            ),
            region: locality.0,
            founded: quarter_day(index, NEW_COOPERATIVES_1954_Q1)?,
            status: "active",
        });
    }
    for index in 0..NEW_TEAMS_1954_Q1 {
        let locality = places[index % places.len()];
        let trade = TRADES[(index / places.len()) % TRADES.len()];
        let number = index / places.len() + 1;
        rows.push(OrgRow {
            code: format!("{}-team-{number}", locality.0),
            kind: "team",
            name: trade_name(
                locality,
                trade,
                (
                    &format!("生产小组第{number}组"),
                    &format!("Production Team {number}"),
                ),
            ),
            region: locality.0,
            founded: quarter_day(index, NEW_TEAMS_1954_Q1)?,
            status: "active",
        });
    }
    Ok(rows)
}

/// The `index`th of `count` days spread evenly over 1 January to 31 March 1954.
fn quarter_day(index: usize, count: usize) -> Result<NaiveDate, AppError> {
    let offset = i64::try_from(index * 90 / count).unwrap_or(0);
    Ok(day(1, 1)? + chrono::Duration::days(offset))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_code_is_new_and_every_region_known() {
        let rows = organisations().unwrap();
        let mut codes: HashSet<String> = FOCUS.iter().map(|f| f.0.to_owned()).collect();
        for row in &rows {
            assert!(codes.insert(row.code.clone()), "{} twice", row.code);
            assert!(REGIONS.iter().any(|r| r.0 == row.region), "{}", row.region);
        }
        let regions: HashSet<&str> = REGIONS.iter().map(|r| r.0).collect();
        assert_eq!(regions.len(), REGIONS.len());
        for (code, _, parent, _) in REGIONS {
            if let Some(parent) = parent {
                let at = REGIONS.iter().position(|r| r.0 == *parent).unwrap();
                let me = REGIONS.iter().position(|r| r.0 == *code).unwrap();
                assert!(at < me, "{code} after its parent");
            }
        }
    }

    #[test]
    fn the_first_quarter_founds_39_cooperatives_and_537_teams() {
        let q1 = |d: NaiveDate| d >= day(1, 1).unwrap() && d <= day(3, 31).unwrap();
        let rows = organisations().unwrap();
        let new = |kind: &str| {
            rows.iter()
                .filter(|r| r.kind == kind && q1(r.founded))
                .count()
        };
        assert_eq!(new("cooperative"), NEW_COOPERATIVES_1954_Q1);
        assert_eq!(new("team"), NEW_TEAMS_1954_Q1);
        assert!(
            FOCUS.iter().all(|f| f.3.0 < 1954),
            "focus cooperatives are older"
        );
        let sum: i64 = YINGCHENG_COMBINED
            .iter()
            .map(|c| c.4.trim_end_matches(".00").parse::<i64>().unwrap())
            .sum();
        assert!(sum > 320_000_000 && sum < 330_000_000, "{sum}");
    }
}
