//! The demo's members and their general assembly. Twelve founding members joined in 1952
//! and subscribed their shares; at the rectification's general assembly of 4 January 1954
//! the members adopt a charter that sets the share at 100,000 yuan (old currency), admit
//! an applicant by a vote — her share paid on admission — and elect the management
//! committee; the founding members then pay their shares. Those payments are the share
//! capital the year's books start with (1,800,000 yuan, 18 shares).
//!
//! The register has no idempotency key: once it holds anyone, all of this is left alone.

use artel_ledger::Money;

use super::books::day;
use super::{AppError, Artel, DEMO_BOOK, DemoRecords};
use crate::{MeetingRequest, MemberRequest, MotionRequest};

/// The founding members: name, trade, shares subscribed and shares paid in January 1954.
const FOUNDERS: [(&str, &str, u32, u32); 12] = [
    ("张桂芳 Zhang Guifang", "weaver", 2, 2),
    ("李德明 Li Deming", "loom mechanic", 2, 2),
    ("刘淑珍 Liu Shuzhen", "weaver", 2, 2),
    ("陈玉兰 Chen Yulan", "weaver", 2, 1),
    ("杨文华 Yang Wenhua", "dyer", 2, 2),
    ("赵凤英 Zhao Fengying", "weaver", 1, 1),
    ("黄秀兰 Huang Xiulan", "spinner", 1, 1),
    ("周志强 Zhou Zhiqiang", "loom mechanic", 1, 1),
    ("吴素梅 Wu Sumei", "weaver", 2, 2),
    ("徐春花 Xu Chunhua", "weaver", 2, 1),
    ("孙桂英 Sun Guiying", "spinner", 1, 1),
    ("马国栋 Ma Guodong", "bookkeeper", 1, 1),
];

/// The charter's share value from the general assembly on, in the book's currency.
const SHARE_VALUE: &str = "100000.00";
const ENTRANCE_FEE: &str = "5000.00";

/// The founding members as a register file (`artel import members`): subscribed, nothing
/// paid yet.
fn register_csv() -> String {
    let mut csv = String::from("name,joined,shares_subscribed,shares_paid,trade\n");
    for (name, trade, subscribed, _) in FOUNDERS {
        csv.push_str(&format!("{name},1952-05-01,{subscribed},0,{trade}\n"));
    }
    csv
}

fn motion(kind: &str, text: &str, yes: u32, no: u32) -> MotionRequest {
    MotionRequest {
        kind: kind.into(),
        text: text.into(),
        ballot: "open".into(),
        member: None,
        yes,
        no,
        abstain: 0,
        debts: Money::ZERO,
        charter: None,
        effective: None,
        committee: None,
        elected: Vec::new(),
        term_ends: None,
    }
}

impl Artel {
    /// Records the demo's register, general assembly and share payments, unless the
    /// register already holds anyone.
    pub(super) async fn load_demo_members(&self, records: &DemoRecords) -> Result<(), AppError> {
        if !self.members(DEMO_BOOK).await?.is_empty() {
            return Ok(());
        }
        self.import_members(DEMO_BOOK, &records.file("members", &register_csv())?)
            .await?;
        let applicant = self
            .apply_member(
                DEMO_BOOK,
                MemberRequest {
                    name: "胡玉珍 Hu Yuzhen".into(),
                    trade: "weaver".into(),
                    joined: day(1, 2)?,
                    shares_subscribed: 1,
                    shares_paid: 1,
                },
            )
            .await?;
        let assembly = day(1, 4)?;
        let meeting = self
            .record_meeting(
                DEMO_BOOK,
                &MeetingRequest {
                    body: "general-assembly".into(),
                    held_on: assembly,
                    title: "General assembly on the rectification".into(),
                    agenda:
                        "The charter's share; Hu Yuzhen's application; the management committee"
                            .into(),
                    minutes: "Eleven of the twelve members present.".into(),
                    eligible: None,
                    present: 11,
                },
            )
            .await?;
        let (_, mut charter) = self.charter(DEMO_BOOK, assembly).await?;
        charter.share_value = SHARE_VALUE.into();
        charter.entrance_fee = ENTRANCE_FEE.into();
        let motions = [
            MotionRequest {
                charter: Some(charter),
                ..motion(
                    "charter-change",
                    "The share is 100,000 yuan from today",
                    10,
                    1,
                )
            },
            MotionRequest {
                member: Some(applicant.number),
                ..motion("admission", "Admit Hu Yuzhen, weaver", 11, 0)
            },
            MotionRequest {
                committee: Some("management-committee".into()),
                elected: vec![1, 2, 5],
                term_ends: Some(
                    chrono::NaiveDate::from_ymd_opt(1956, 1, 3)
                        .ok_or_else(|| AppError::Failed("no day 1956-01-03".into()))?,
                ),
                ..motion(
                    "election",
                    "Elect Zhang Guifang, Li Deming and Yang Wenhua to the management committee",
                    11,
                    0,
                )
            },
        ];
        for request in &motions {
            self.put_motion(DEMO_BOOK, meeting, request).await?;
        }
        for (number, (_, _, _, paid)) in (1..).zip(FOUNDERS) {
            self.pay_shares(DEMO_BOOK, number, paid, assembly).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_founders_and_the_applicant_pay_the_share_capital_the_year_starts_with() {
        let founders: u32 = FOUNDERS.iter().map(|(_, _, _, paid)| paid).sum();
        // 17 shares of the founders and the applicant's one, at 100,000 yuan.
        assert_eq!((founders + 1) * 100_000, 1_800_000);
        assert!(
            FOUNDERS
                .iter()
                .all(|(_, _, subscribed, paid)| paid <= subscribed)
        );
        assert_eq!(register_csv().lines().count(), 13);
    }
}
