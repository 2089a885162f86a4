use artel_ledger::Money;
use chrono::NaiveDate;

use super::*;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn q1() -> ReportPeriod {
    ReportPeriod::parse("1954-Q1").unwrap()
}

fn founded(date: &str, kind: OrgKind, status: OrgStatus) -> History {
    History::founded(day(date), kind, status)
}

fn value(rows: &[(String, Option<Figure>)], name: &str) -> Option<String> {
    rows.iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no row {name}"))
        .1
        .map(|f| f.to_string())
}

#[test]
fn cooperatives_and_teams_count_when_working_at_the_period_end() {
    let active = founded("1953-05-01", OrgKind::Cooperative, OrgStatus::Active);
    assert_eq!(counted_kind(&active, q1()), Some(OrgKind::Cooperative));
    let preparing = founded("1953-05-01", OrgKind::Cooperative, OrgStatus::Preparatory);
    assert_eq!(counted_kind(&preparing, q1()), None, "preparatory");
    let later = founded("1954-04-01", OrgKind::Team, OrgStatus::Active);
    assert_eq!(counted_kind(&later, q1()), None, "founded after the period");
    let rectified = founded("1953-05-01", OrgKind::Cooperative, OrgStatus::Active);
    let change = rectified
        .change_status(day("1954-03-31"), OrgStatus::UnderRectification)
        .unwrap();
    let rectified = rectified.with(change).unwrap();
    assert_eq!(counted_kind(&rectified, q1()), Some(OrgKind::Cooperative));
    let dissolved = rectified.clone();
    let change = dissolved
        .change_status(day("1954-03-31"), OrgStatus::Dissolved)
        .unwrap();
    assert_eq!(counted_kind(&dissolved.with(change).unwrap(), q1()), None);
    let smc = founded("1950-01-01", OrgKind::SupplyMarketing, OrgStatus::Active);
    assert_eq!(counted_kind(&smc, q1()), None, "not a producer");
}

#[test]
fn new_ones_are_founded_in_the_period_and_an_upgraded_team_is_a_new_cooperative() {
    let team = founded("1953-03-01", OrgKind::Team, OrgStatus::Active);
    let upgrade = team.upgrade(day("1954-02-10")).unwrap();
    let histories = [
        founded("1954-01-01", OrgKind::Cooperative, OrgStatus::Active),
        founded("1954-03-31", OrgKind::Team, OrgStatus::Active),
        founded("1953-12-31", OrgKind::Cooperative, OrgStatus::Active),
        founded("1954-04-01", OrgKind::Team, OrgStatus::Active),
        founded("1954-02-01", OrgKind::Federation, OrgStatus::Preparatory),
        team.with(upgrade).unwrap(),
    ];
    let figures = RegionFigures::count(&histories, q1());
    assert_eq!(
        figures.new,
        NewInPeriod {
            cooperatives: 2,
            teams: 1,
            upgraded: 1
        }
    );
    let rows = figures.rows(2);
    assert_eq!(value(&rows, "cooperatives").as_deref(), Some("3"));
    assert_eq!(value(&rows, "teams").as_deref(), Some("1"));
    assert_eq!(value(&rows, "new_cooperatives").as_deref(), Some("2"));
    assert_eq!(value(&rows, "new_teams").as_deref(), Some("1"));
    assert_eq!(
        value(&rows, "new_cooperatives.upgraded").as_deref(),
        Some("1")
    );
    assert_eq!(
        value(&rows, "organisations.federation").as_deref(),
        Some("1")
    );
    assert_eq!(
        value(&rows, "cooperatives.active").as_deref(),
        Some("3"),
        "the upgraded team is a cooperative at the end"
    );
}

/// Whole yuan as money of two decimals.
fn yuan(whole: i64) -> Money {
    Money::from_minor(whole * 100)
}

#[test]
fn rates_are_computed_over_summed_quantities_never_averaged() {
    let mut figures = RegionFigures::count(std::iter::empty::<&History>(), q1());
    let mut shashi = Totals {
        produced: 100,
        defective: 34,
        good_quantity: 66,
        good_value: yuan(66),
        planned_value: yuan(50),
        members: 12,
        ..Totals::default()
    };
    shashi.contract_value = yuan(1_000);
    shashi.contract_value_by_type[0] = yuan(1_000);
    let echeng = Totals {
        produced: 900,
        defective: 6,
        good_quantity: 894,
        good_value: yuan(894),
        planned_value: yuan(1_000),
        members: 30,
        invoiced: yuan(10),
        ..Totals::default()
    };
    figures.add(&shashi).unwrap();
    figures.add(&echeng).unwrap();
    let rows = figures.rows(2);
    assert_eq!(
        value(&rows, "defect_rate").as_deref(),
        Some("4.0"),
        "40 of 1000"
    );
    assert_eq!(value(&rows, "output_value").as_deref(), Some("960.00"));
    assert_eq!(value(&rows, "plan_fulfilment").as_deref(), Some("91.4"));
    assert_eq!(value(&rows, "members").as_deref(), Some("42"));
    assert_eq!(value(&rows, "sales").as_deref(), Some("10.00"));
    assert_eq!(value(&rows, "contract_value").as_deref(), Some("1000.00"));
    assert_eq!(
        value(&rows, "contract_value.supply-marketing").as_deref(),
        Some("1000.00")
    );
    assert_eq!(
        value(&rows, "contract_value.private-merchant").as_deref(),
        Some("0.00")
    );
}

#[test]
fn every_statistic_has_its_row_in_order_even_over_nothing() {
    let figures = RegionFigures::count(std::iter::empty::<&History>(), q1());
    let rows = figures.rows(2);
    let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[..STATISTICS.len()], STATISTICS);
    for name in ["cooperatives", "new_teams", "members"] {
        assert_eq!(value(&rows, name).as_deref(), Some("0"), "{name}");
    }
    assert_eq!(value(&rows, "output_value").as_deref(), Some("0.00"));
    assert_eq!(value(&rows, "defect_rate"), None, "nothing to divide by");
    assert_eq!(value(&rows, "plan_fulfilment"), None);
    let unique: std::collections::BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "no row twice");
}

#[test]
fn an_overflowing_sum_is_an_error() {
    let big = Totals {
        invoiced: Money::from_minor(i64::MAX),
        ..Totals::default()
    };
    let mut figures = RegionFigures::count(std::iter::empty::<&History>(), q1());
    figures.add(&big).unwrap();
    assert!(figures.add(&big).is_err());
}
