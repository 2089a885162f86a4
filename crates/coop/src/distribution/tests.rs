use proptest::prelude::*;

use super::*;
use crate::charter::Charter;

fn money(minor: i64) -> Money {
    Money::from_minor(minor)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn member(member: u64, days: u64, capital_days: u128) -> MemberBasis {
    MemberBasis {
        member,
        labour: Labour {
            days_tenths: days * 10,
            pieces: 0,
            wages: Money::ZERO,
        },
        capital_days,
    }
}

fn year(surplus: i64) -> YearResult {
    YearResult {
        surplus: money(surplus),
        carried_loss: Money::ZERO,
        accumulation_fund: Money::ZERO,
        welfare_fund: Money::ZERO,
        year: 1954,
    }
}

fn sum_postings(d: &Distribution) -> i64 {
    d.postings().unwrap().iter().map(|(_, m)| m.minor()).sum()
}

#[test]
fn the_default_charter_divides_a_surplus_by_hand() {
    let charter = Charter::default_for_scale(2);
    // 100.00 held all of 1954, 100.00 from 1 July (184 days), 50.00 all year.
    let members = [
        member(1, 200, 10_000 * 365),
        member(2, 100, 10_000 * 184),
        member(3, 0, 5_000 * 365),
    ];
    let d = distribute(&charter, &year(1_000_000), &members, None).unwrap();
    assert_eq!(d.distributable, money(1_000_000));
    assert_eq!(d.welfare_fund, money(100_000));
    assert_eq!(d.other_levies, money(50_000));
    // 8 % a year on 7,315,000 capital-days over 365 days: 1603.28…, rounded down.
    assert_eq!(d.share_cap, money(1_603));
    assert_eq!(d.share_dividend, money(1_603));
    assert_eq!(d.cap_excess, money(100_000 - 1_603));
    assert_eq!(d.accumulation_fund, money(300_000 + 98_397));
    assert_eq!(d.labour_dividend, money(450_000));
    // Labour 2:1; shares 799.86, 403.22, 399.93 → the two units left go to the largest
    // remainders, member 3 and then member 1.
    assert_eq!(
        d.members,
        vec![
            MemberDividend {
                member: 1,
                labour: money(300_000),
                share: money(800)
            },
            MemberDividend {
                member: 2,
                labour: money(150_000),
                share: money(403)
            },
            MemberDividend {
                member: 3,
                labour: money(0),
                share: money(400)
            },
        ]
    );
    assert_eq!(sum_postings(&d), 0);
    assert_eq!(
        d.postings().unwrap(),
        vec![
            (CURRENT_YEAR_SURPLUS, money(1_000_000)),
            (ACCUMULATION_FUND, money(-398_397)),
            (WELFARE_FUND, money(-100_000)),
            (LEVIES_PAYABLE, money(-50_000)),
            (DIVIDENDS_PAYABLE, money(-451_603)),
        ]
    );
}

#[test]
fn equal_remainders_go_to_the_earlier_part() {
    assert_eq!(
        apportion(money(1), &[1, 1]).unwrap(),
        Some(vec![money(1), money(0)])
    );
    assert_eq!(
        apportion(money(2), &[1, 1, 1]).unwrap(),
        Some(vec![money(1), money(1), money(0)])
    );
    assert_eq!(apportion(money(5), &[0, 0]).unwrap(), None);
    assert_eq!(apportion(money(0), &[0]).unwrap(), Some(vec![money(0)]));
    assert_eq!(apportion(money(-1), &[1]), Err(MoneyError::Overflow));
    // Members in any order: the lower number gets the unit of a tie.
    let charter = Charter::default_for_scale(2);
    let mut members = [member(7, 1, 0), member(3, 1, 0)];
    members.reverse();
    let d = distribute(&charter, &year(1_000), &members, None).unwrap();
    // No capital: the share dividend's part goes to the accumulation fund.
    assert_eq!(d.labour_dividend, money(450));
    assert_eq!(d.accumulation_fund, money(300 + 100));
    assert_eq!(
        d.members[0],
        MemberDividend {
            member: 3,
            labour: money(225),
            share: money(0)
        }
    );
    let d = distribute(&charter, &year(1_001), &members, None).unwrap();
    assert_eq!(d.members[0].member, 3);
    assert_eq!(d.members[0].labour.minor() - d.members[1].labour.minor(), 1);
}

#[test]
fn a_zero_surplus_divides_nothing_and_posts_nothing() {
    let charter = Charter::default_for_scale(2);
    let d = distribute(&charter, &year(0), &[member(1, 0, 0)], None).unwrap();
    assert_eq!(d.distributable, Money::ZERO);
    assert!(d.members.is_empty());
    assert!(d.postings().unwrap().is_empty());
}

#[test]
fn a_loss_is_charged_to_the_fund_as_far_as_it_goes_or_carried() {
    let mut charter = Charter::default_for_scale(2);
    let mut result = year(-50_000);
    result.accumulation_fund = money(30_000);
    let carried = distribute(&charter, &result, &[member(1, 10, 0)], None).unwrap();
    assert_eq!(
        (carried.loss_charged, carried.loss_carried),
        (money(0), money(50_000))
    );
    assert!(carried.members.is_empty());
    charter.year_end.loss = LossRule::AccumulationFund;
    let charged = distribute(&charter, &result, &[member(1, 10, 0)], None).unwrap();
    assert_eq!(
        (charged.loss_charged, charged.loss_carried),
        (money(30_000), money(20_000))
    );
    assert_eq!(
        charged.postings().unwrap(),
        vec![
            (ACCUMULATION_FUND, money(30_000)),
            (UNDISTRIBUTED_SURPLUS, money(20_000)),
            (CURRENT_YEAR_SURPLUS, money(-50_000)),
        ]
    );
    // A later surplus covers the carried loss before anything is divided.
    let mut later = year(25_000);
    later.carried_loss = money(20_000);
    let d = distribute(&charter, &later, &[member(1, 10, 0)], None).unwrap();
    assert_eq!(
        (d.loss_covered, d.distributable),
        (money(20_000), money(5_000))
    );
    assert_eq!(
        d.postings().unwrap()[1],
        (UNDISTRIBUTED_SURPLUS, money(-20_000))
    );
    assert_eq!(sum_postings(&d), 0);
}

#[test]
fn indivisible_reserves_are_never_paid_out() {
    let mut charter = Charter::default_for_scale(2);
    let mut result = year(10_000);
    result.welfare_fund = money(5_000);
    result.accumulation_fund = money(90_000);
    let members = [member(1, 10, 0)];
    for reserve in [Reserve::AccumulationFund, Reserve::WelfareFund] {
        assert_eq!(
            distribute(&charter, &result, &members, Some((reserve, money(100)))),
            Err(DistributionError::Indivisible(reserve))
        );
    }
    charter.year_end.indivisible = vec![Reserve::AccumulationFund];
    assert_eq!(
        distribute(
            &charter,
            &result,
            &members,
            Some((Reserve::AccumulationFund, money(1)))
        ),
        Err(DistributionError::Indivisible(Reserve::AccumulationFund))
    );
    assert_eq!(
        distribute(
            &charter,
            &result,
            &members,
            Some((Reserve::WelfareFund, money(5_001)))
        ),
        Err(DistributionError::DrawTooLarge(Reserve::WelfareFund))
    );
    let d = distribute(
        &charter,
        &result,
        &members,
        Some((Reserve::WelfareFund, money(5_000))),
    )
    .unwrap();
    assert_eq!(d.labour_dividend, money(4_500 + 5_000));
    // The fund's share of the surplus and the draw are separate lines.
    let postings = d.postings().unwrap();
    assert!(postings.contains(&(WELFARE_FUND, money(-1_000))));
    assert!(postings.contains(&(WELFARE_FUND, money(5_000))));
    assert_eq!(sum_postings(&d), 0);
}

#[test]
fn a_labour_dividend_without_labour_is_refused() {
    let charter = Charter::default_for_scale(2);
    let refused = distribute(&charter, &year(1_000), &[member(1, 0, 365)], None);
    assert_eq!(refused, Err(DistributionError::NoLabour(LabourBasis::Days)));
    assert_eq!(
        refused.unwrap_err().to_string(),
        "labour: no labour days are recorded for the year, so the labour dividend has no basis"
    );
}

#[test]
fn capital_is_counted_for_the_days_it_was_held() {
    let movements = [
        (day("1955-01-10"), money(100_000)),
        (day("1954-07-01"), money(5_000)),
        (day("1953-05-01"), money(10_000)),
    ];
    let (first, last) = year_bounds(1954).unwrap();
    // 100.00 for the 181 days to 30 June, 150.00 for the 184 days after.
    assert_eq!(
        capital_days(&movements, first, last),
        Ok(10_000 * 181 + 15_000 * 184)
    );
    // A member who joined in the year gets the share of the year they held capital.
    let charter = Charter::default_for_scale(2);
    let members = [member(1, 1, 10_000 * 365), member(2, 1, 10_000 * 184)];
    let d = distribute(&charter, &year(100_000_000), &members, None).unwrap();
    // Capped: 8 % of 100.00 a year is 8.00; of 100.00 for 184 days, 4.03.
    assert_eq!(d.members[0].share, money(800));
    assert_eq!(d.members[1].share, money(403));
}

fn charter_strategy() -> impl Strategy<Value = Charter> {
    (
        proptest::collection::vec(0u32..=1000, 4),
        0u32..=200,
        0usize..3,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(mut cuts, cap, basis, carry, excess)| {
            cuts.sort_unstable();
            let mut charter = Charter::default_for_scale(2);
            let d = &mut charter.distribution;
            d.accumulation_fund = cuts[0];
            d.welfare_fund = cuts[1] - cuts[0];
            d.other_levies = cuts[2] - cuts[1];
            d.labour_dividend = cuts[3] - cuts[2];
            d.share_dividend = 1000 - cuts[3];
            d.share_dividend_cap = cap;
            charter.year_end.labour_basis = LabourBasis::ALL[basis];
            charter.year_end.loss = if carry {
                LossRule::CarryForward
            } else {
                LossRule::AccumulationFund
            };
            charter.year_end.cap_excess = if excess {
                CapExcess::AccumulationFund
            } else {
                CapExcess::LabourDividend
            };
            charter
        })
}

fn members_strategy() -> impl Strategy<Value = Vec<MemberBasis>> {
    proptest::collection::vec(
        (0u64..3_000, 0u64..5_000, 0i64..1_000_000, 0u128..50_000_000),
        1..40,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (days, pieces, wages, capital_days))| MemberBasis {
                member: i as u64 + 1,
                labour: Labour {
                    days_tenths: days,
                    pieces,
                    wages: money(wages),
                },
                capital_days,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn apportion_loses_and_invents_nothing(
        total in 0i64..1_000_000_000_000,
        weights in proptest::collection::vec(0u128..10_000_000, 1..50),
    ) {
        let whole: u128 = weights.iter().sum();
        let parts = apportion(money(total), &weights).unwrap();
        let Some(parts) = parts else {
            prop_assert_eq!(whole, 0);
            return Ok(());
        };
        prop_assert_eq!(parts.iter().map(|p| p.minor()).sum::<i64>(), total);
        for (part, weight) in parts.iter().zip(&weights) {
            // Within one minor unit of the exact share, never below zero.
            let exact = total as u128 * weight;
            let got = part.minor() as u128 * whole;
            prop_assert!(got + whole > exact && got < exact + whole);
        }
    }

    #[test]
    fn every_distribution_adds_up_to_the_cent(
        charter in charter_strategy(),
        surplus in -1_000_000_000i64..1_000_000_000_000,
        carried in 0i64..1_000_000_000,
        fund in -1_000_000i64..1_000_000_000,
        members in members_strategy(),
    ) {
        let result = YearResult {
            surplus: money(surplus),
            carried_loss: money(carried),
            accumulation_fund: money(fund),
            welfare_fund: Money::ZERO,
            year: 1956,
        };
        let d = match distribute(&charter, &result, &members, None) {
            Err(DistributionError::NoLabour(basis)) => {
                let weight: u128 = members.iter().map(|m| m.labour.weight(basis)).sum();
                prop_assert_eq!(weight, 0);
                return Ok(());
            }
            other => other.unwrap(),
        };
        prop_assert_eq!(sum_postings(&d), 0);
        let labour: i64 = d.members.iter().map(|m| m.labour.minor()).sum();
        let share: i64 = d.members.iter().map(|m| m.share.minor()).sum();
        prop_assert_eq!(labour, d.labour_dividend.minor());
        prop_assert_eq!(share, d.share_dividend.minor());
        prop_assert!(d.members.iter().all(|m| m.labour >= Money::ZERO && m.share >= Money::ZERO));
        prop_assert!(d.share_dividend <= d.share_cap);
        if surplus >= 0 {
            let parts = [d.accumulation_fund, d.welfare_fund, d.other_levies, d.labour_dividend, d.share_dividend];
            prop_assert_eq!(parts.iter().map(|p| p.minor()).sum::<i64>(), d.distributable.minor());
            prop_assert_eq!(d.distributable.minor() + d.loss_covered.minor(), surplus);
            prop_assert!(d.loss_covered.minor() <= carried);
        } else {
            prop_assert_eq!(d.loss_charged.minor() + d.loss_carried.minor(), -surplus);
            prop_assert!(d.loss_charged.minor() <= fund.max(0));
            prop_assert!(d.members.is_empty());
        }
    }
}

#[test]
fn only_the_years_of_four_digit_dates_have_bounds() {
    assert!(year_bounds(1).is_some() && year_bounds(9999).is_some());
    for year in [-4106, 0, 10_000] {
        assert_eq!(year_bounds(year), None, "{year}");
    }
}
