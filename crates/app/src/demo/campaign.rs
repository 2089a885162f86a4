//! The rectification campaign of 1954 and Yingshan's exhibition. The provincial handicraft
//! conference of late February 1954 decided to rectify the existing cooperatives; the
//! special districts chose twelve focus cooperatives in all; each went through the stages
//! the article lists — ideological mobilisation, explaining policy, promoting democracy,
//! inspecting work, establishing systems, solving problems — with findings and corrective
//! actions, baseline January and follow-up April; by early June the pilot was over and its
//! experience being summed up, the whole province due by the end of June. Yingshan county
//! held a handicraft exhibition and a material exchange meeting, where contracts were
//! signed.
//!
//! Each part is recorded once: the conference when the office has no meeting, the campaign
//! when it does not exist (its focus, stages, findings, actions and phase with it), the
//! events when none is recorded.

use chrono::NaiveDate;

use super::books::day;
use super::province::{FOCUS, PROVINCE_OFFICE};
use super::{AppError, Artel, DemoRecords};
use crate::{CampaignRequest, ExhibitionRequest, FocusSelection, MeetingRequest, StageUpdate};

/// The campaign's code.
pub(super) const CAMPAIGN: &str = "hubei-1954-rectification";

/// The standard stages, in order.
const STAGES: [&str; 6] = [
    "mobilisation",
    "explaining-policy",
    "democratic-review",
    "inspection-of-work",
    "establishing-systems",
    "solving-problems",
];

/// How far each focus cooperative had come by early June: the number of stages done (the
/// next one in progress when fewer than six).
const STAGES_DONE: [usize; 12] = [6, 6, 6, 6, 6, 5, 6, 6, 6, 5, 4, 4];

/// Findings: cooperative, category, what was found, the corrective action's owner, due
/// day and the day it was done (none while open).
type Finding = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    (u32, u32),
    Option<(u32, u32)>,
);

const FINDINGS: [Finding; 9] = [
    (
        "shashi-weaving",
        "quality",
        "社员不愿公开技术，一月次品占百分之三十四 Members kept their techniques to themselves; a third of January's cloth defective",
        "技术组 Technique group",
        (4, 15),
        Some((4, 10)),
    ),
    (
        "echeng-plow",
        "sales-credit",
        "百分之八十的产品赊销给私商，赊期长达四、五个月 80 % of the plows sold on credit to private merchants, on four and five months' terms",
        "社务委员会 Management committee",
        (4, 30),
        Some((4, 8)),
    ),
    (
        "echeng-plow",
        "finance-accounting",
        "财务制度非常混乱，大量赔钱 The accounts in disorder; heavy losses",
        "会计 Bookkeeper",
        (4, 30),
        Some((4, 25)),
    ),
    (
        "echeng-plow",
        "membership",
        "大部社员要求退社 Most members asked to withdraw",
        "社务委员会 Management committee",
        (4, 15),
        Some((4, 12)),
    ),
    (
        "yingcheng-ironware",
        "sales-credit",
        "原料不足，销路不稳 Short of iron, no steady buyers",
        "社主任 Director",
        (4, 30),
        Some((4, 8)),
    ),
    (
        "macheng-tools",
        "management",
        "没有生产计划 No production plan",
        "社务委员会 Management committee",
        (5, 15),
        Some((5, 20)),
    ),
    (
        "xiangyang-pottery",
        "finance-accounting",
        "账目不清 Accounts unclear",
        "会计 Bookkeeper",
        (5, 31),
        None,
    ),
    (
        "enshi-paper",
        "management",
        "社务不民主，社员意见大 Affairs run without the members",
        "监事会 Supervisory committee",
        (5, 20),
        None,
    ),
    (
        "yunxian-rope",
        "quality",
        "麻绳粗细不匀 Rope of uneven thickness",
        "技术组 Technique group",
        (6, 30),
        None,
    ),
];

fn date(month: u32, day_of_month: u32) -> Result<NaiveDate, AppError> {
    day(month, day_of_month)
}

impl Artel {
    /// The conference, the campaign and the events, each once.
    pub(super) async fn load_demo_campaign(&self, records: &DemoRecords) -> Result<(), AppError> {
        if self.meetings(PROVINCE_OFFICE).await?.is_empty() {
            let conference = MeetingRequest {
                body: "conference".into(),
                held_on: date(2, 24)?,
                title: "湖北省手工业工作会议 Hubei Provincial Handicraft Work Conference".into(),
                agenda: "整顿原有的手工业生产合作社 Rectifying the existing handicraft production cooperatives".into(),
                minutes: "决定对原有的手工业生产合作社加以整顿，各专区选择重点 Decided to rectify the existing cooperatives, each special district choosing focus cooperatives".into(),
                eligible: Some(126),
                present: 118,
            };
            self.record_meeting(PROVINCE_OFFICE, &conference).await?;
        }
        if self.campaigns().await?.iter().all(|c| c.code != CAMPAIGN) {
            self.record_rectification().await?;
        }
        if self.exhibitions().await?.is_empty() {
            self.record_yingshan_events(records).await?;
        }
        Ok(())
    }

    async fn record_rectification(&self) -> Result<(), AppError> {
        let request = CampaignRequest {
            code: CAMPAIGN.into(),
            owner: PROVINCE_OFFICE.into(),
            region: "hubei".into(),
            title: "重点整顿手工业生产合作社 Rectification of the handicraft production cooperatives".into(),
            start: date(3, 1)?,
            deadline: date(6, 30)?,
            goals: "提高社员社会主义觉悟，健全经营管理和财务会计制度，解决存在的问题 Raise the members' socialist consciousness, put management and accounting in order, solve the problems found".into(),
            meeting: Some(1),
            baseline: "1954-01".into(),
            follow_up: "1954-04".into(),
        };
        self.record_campaign(&request).await?;
        let focus = FOCUS.iter().map(|f| f.0.to_owned()).collect();
        self.select_focus(CAMPAIGN, &FocusSelection::Codes(focus))
            .await?;
        for (index, ((code, ..), done)) in FOCUS.iter().zip(STAGES_DONE).enumerate() {
            // A stage every ten days or so from early March, later districts later.
            let offset = u32::try_from(index % 4).unwrap_or(0) * 3;
            for (number, stage) in STAGES.iter().enumerate() {
                let number = u32::try_from(number).unwrap_or(0);
                let started = day(3, 1)? + chrono::Duration::days(i64::from(number * 12 + offset));
                let finished = started + chrono::Duration::days(10);
                let (status, finished) = match usize::try_from(number).unwrap_or(0) {
                    n if n < done => ("done", Some(finished)),
                    n if n == done => ("in-progress", None),
                    _ => continue,
                };
                let update = StageUpdate {
                    organisation: (*code).into(),
                    stage: (*stage).into(),
                    status: status.into(),
                    started: Some(started),
                    finished,
                    notes: String::new(),
                };
                self.update_stage(CAMPAIGN, &update).await?;
            }
        }
        for (code, category, text, owner, (month, due), done) in FINDINGS {
            let finding = self.add_finding(CAMPAIGN, code, category, text).await?;
            let action = self
                .add_action(CAMPAIGN, finding, owner, date(month, due)?)
                .await?;
            if let Some((month, on)) = done {
                self.action_done(CAMPAIGN, action, date(month, on)?).await?;
            }
        }
        self.move_phase(CAMPAIGN, "summing-up", date(5, 25)?)
            .await?;
        Ok(())
    }

    /// Yingshan's exhibition of handicraft products and its material exchange meeting,
    /// with the contracts signed at the meeting.
    async fn record_yingshan_events(&self, records: &DemoRecords) -> Result<(), AppError> {
        let buyer = "应山县供销合作社 Yingshan County SMC";
        let contracts = format!(
            "number,counterparty,counterparty_type,kind,signed,value,credit_days\n\
             YS-1954-01,{buyer},supply-marketing,sales,1954-05-17,4800000.00,30\n\
             YS-1954-02,{buyer},supply-marketing,sales,1954-05-18,2650000.00,30\n"
        );
        if self
            .contracts("yingshan-bamboo", date(1, 1)?, date(12, 31)?)
            .await?
            .is_empty()
        {
            self.import_contracts("yingshan-bamboo", &records.file("contracts", &contracts)?)
                .await?;
        }
        let owner = "yingshan-handicraft-section";
        let participants: Vec<String> = [
            "yingshan-bamboo",
            "yingshan-woodware",
            "yingshan-farm-tools",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        let exhibition = ExhibitionRequest {
            owner: owner.into(),
            region: Some("yingshan".into()),
            kind: "exhibition".into(),
            title: "应山县手工业品展览会 Yingshan County Handicraft Exhibition".into(),
            place: "应山县城 Yingshan county town".into(),
            first_day: date(5, 15)?,
            last_day: date(5, 20)?,
            participants: participants.clone(),
            visitors: 12_400,
            products: vec![
                "yingshan-bamboo: baskets".into(),
                "yingshan-woodware: buckets".into(),
                "yingshan-farm-tools: sickles".into(),
            ],
            contracts: Vec::new(),
        };
        self.record_exhibition(&exhibition).await?;
        let exchange = ExhibitionRequest {
            kind: "exchange-meeting".into(),
            title: "应山县物资交流会 Yingshan County Material Exchange Meeting".into(),
            first_day: date(5, 17)?,
            last_day: date(5, 19)?,
            visitors: 8_300,
            products: Vec::new(),
            contracts: vec![
                "yingshan-bamboo/YS-1954-01".into(),
                "yingshan-bamboo/YS-1954-02".into(),
            ],
            ..exhibition
        };
        self.record_exhibition(&exchange).await?;
        Ok(())
    }
}
