//! Campaigns and exhibitions: a campaign's code is unique everywhere; its focus
//! cooperatives, stages (a stage's row replaced as it moves on), findings and actions
//! numbered per campaign, an action done once; phases never reached twice; an exhibition's
//! contracts refused unless their holder has them, and their values read from the holder.

use artel_ledger::Money;
use artel_ledger::chart::cooperative_chart;
use artel_store::{NewCampaign, NewContract, NewExhibition, StoreError, StoredStage};

use crate::harness::{TestDb, day, engine_tests, new_cooperative, new_region};

engine_tests!(
    a_campaign_keeps_its_focus_stages_findings_and_actions,
    an_exhibition_sums_the_contracts_its_holders_have
);

fn campaign(code: &str, region_id: uuid::Uuid) -> NewCampaign {
    NewCampaign {
        code: code.into(),
        region_id,
        title: "Rectification".into(),
        start: day("1954-03-01"),
        deadline: day("1954-06-30"),
        goals: "Better books".into(),
        meeting: None,
        baseline: "1954-01".into(),
        follow_up: "1954-04".into(),
        phase: "pilot".into(),
    }
}

async fn a_campaign_keeps_its_focus_stages_findings_and_actions(t: &TestDb) {
    let region =
        t.db.add_region(&new_region("hubei", "province", None))
            .await
            .unwrap();
    let office = t.cooperative("hubei-office").await;
    let other_office = t.cooperative("other-office").await;
    let coop = t.cooperative("red-star").await;
    let second = t.cooperative("east-wind").await;
    t.db.add_campaign(
        office.org_id,
        &campaign("c-1954", region.region_id),
        "tester",
    )
    .await
    .unwrap();
    // The code is unique everywhere, not only under one owner.
    let again =
        t.db.add_campaign(
            other_office.org_id,
            &campaign("c-1954", region.region_id),
            "tester",
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            again,
            StoreError::AlreadyExists {
                what: "campaign",
                ..
            }
        ),
        "{again:?}"
    );
    let stored = t.db.campaign("c-1954").await.unwrap().unwrap();
    assert_eq!(stored.org_id, office.org_id);
    assert_eq!(stored.phases, [("pilot".to_owned(), day("1954-03-01"))]);
    let id = stored.campaign_id;
    let added =
        t.db.add_campaign_focus(office.org_id, id, &[coop.org_id, second.org_id], "tester")
            .await
            .unwrap();
    let added_again =
        t.db.add_campaign_focus(office.org_id, id, &[coop.org_id], "tester")
            .await
            .unwrap();
    assert_eq!((added, added_again), (2, 0));
    let mut stage = StoredStage {
        focus_org_id: coop.org_id,
        stage: "mobilisation".into(),
        status: "in-progress".into(),
        started: Some(day("1954-03-02")),
        finished: None,
        notes: "meeting of members".into(),
    };
    t.db.set_campaign_stage(office.org_id, id, &stage, "tester")
        .await
        .unwrap();
    stage.status = "done".into();
    stage.finished = Some(day("1954-03-08"));
    t.db.set_campaign_stage(office.org_id, id, &stage, "tester")
        .await
        .unwrap();
    // A stage of a cooperative that is not a focus cooperative is refused by the keys.
    let outside = StoredStage {
        focus_org_id: other_office.org_id,
        ..stage.clone()
    };
    assert!(
        t.db.set_campaign_stage(office.org_id, id, &outside, "tester")
            .await
            .is_err()
    );
    let first =
        t.db.add_campaign_finding(
            office.org_id,
            id,
            coop.org_id,
            "finance-accounting",
            "No cash book",
            "tester",
        )
        .await
        .unwrap();
    let second_finding =
        t.db.add_campaign_finding(
            office.org_id,
            id,
            second.org_id,
            "quality",
            "Defects",
            "tester",
        )
        .await
        .unwrap();
    assert_eq!((first, second_finding), (1, 2));
    let action =
        t.db.add_campaign_action(
            office.org_id,
            id,
            1,
            "Accountant Wang",
            day("1954-04-01"),
            "tester",
        )
        .await
        .unwrap();
    let missing =
        t.db.add_campaign_action(office.org_id, id, 9, "Nobody", day("1954-04-01"), "tester")
            .await
            .unwrap_err();
    assert!(
        matches!(
            missing,
            StoreError::NotFound {
                what: "finding",
                ..
            }
        ),
        "{missing:?}"
    );
    t.db.campaign_action_done(office.org_id, id, action, day("1954-03-30"), "tester")
        .await
        .unwrap();
    let twice =
        t.db.campaign_action_done(office.org_id, id, action, day("1954-03-31"), "tester")
            .await
            .unwrap_err();
    assert!(matches!(twice, StoreError::Changed { .. }), "{twice:?}");
    t.db.set_campaign_phase(office.org_id, id, "summing-up", day("1954-05-01"), "tester")
        .await
        .unwrap();
    assert!(
        t.db.set_campaign_phase(office.org_id, id, "summing-up", day("1954-05-02"), "tester")
            .await
            .is_err()
    );
    let records = t.db.campaign_records(office.org_id, id).await.unwrap();
    assert_eq!(records.focus.len(), 2);
    assert_eq!(records.stages, [stage]);
    assert_eq!(records.findings.len(), 2);
    assert_eq!(records.findings[1].category, "quality");
    assert_eq!(records.actions.len(), 1);
    assert_eq!(records.actions[0].status, "done");
    assert_eq!(records.actions[0].done_on, Some(day("1954-03-30")));
    let stored = t.db.campaign("c-1954").await.unwrap().unwrap();
    assert_eq!(stored.phases.last().unwrap().0, "summing-up");
    assert_eq!(t.db.campaigns().await.unwrap().len(), 1);
    // Every change is in the owner's audit trail.
    let trail = t.db.audit_events(office.org_id, None, 100).await.unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    for expected in [
        "campaign.add",
        "campaign.focus",
        "campaign.stage",
        "campaign.finding",
        "campaign.action",
        "campaign.action-done",
        "campaign.phase",
    ] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
}

fn contract(number: &str, minor: i64) -> NewContract {
    NewContract {
        number: number.into(),
        counterparty: "Yingshan Supply and Marketing".into(),
        counterparty_type: "supply-marketing".into(),
        kind: "sales".into(),
        signed: day("1954-05-02"),
        value: Money::from_minor(minor),
        credit_days: None,
        items: Vec::new(),
        source: "test".into(),
    }
}

async fn an_exhibition_sums_the_contracts_its_holders_have(t: &TestDb) {
    let office = t.cooperative("yingshan-office").await;
    let weaving = t.cooperative("weaving").await;
    let plough =
        t.db.add_organisation(
            &new_cooperative("plough"),
            &cooperative_chart().unwrap(),
            "tester",
        )
        .await
        .unwrap();
    t.db.import_contracts(weaving.org_id, &[contract("W-1", 1_234_567)], "tester")
        .await
        .unwrap();
    t.db.import_contracts(plough.org_id, &[contract("P-7", 765_433)], "tester")
        .await
        .unwrap();
    let mut event = NewExhibition {
        kind: "exchange-meeting".into(),
        title: "Yingshan exchange".into(),
        place: "Yingshan".into(),
        region_id: None,
        first_day: day("1954-05-01"),
        last_day: day("1954-05-03"),
        visitors: 1200,
        participants: vec![weaving.org_id, plough.org_id],
        products: vec![
            (weaving.org_id, "cloth".into()),
            (plough.org_id, "ploughs".into()),
        ],
        contracts: vec![
            (weaving.org_id, "W-1".into()),
            (plough.org_id, "P-8".into()),
        ],
    };
    // P-8 is not the plough cooperative's: nothing is written.
    let refused =
        t.db.add_exhibition(office.org_id, &event, "tester")
            .await
            .unwrap_err();
    assert!(
        matches!(
            refused,
            StoreError::NotFound {
                what: "contract",
                ..
            }
        ),
        "{refused:?}"
    );
    assert!(t.db.exhibitions().await.unwrap().is_empty());
    // W-1 named under the plough cooperative is not its contract either.
    event.contracts = vec![(plough.org_id, "W-1".into())];
    assert!(
        t.db.add_exhibition(office.org_id, &event, "tester")
            .await
            .is_err()
    );
    event.contracts = vec![
        (weaving.org_id, "W-1".into()),
        (plough.org_id, "P-7".into()),
    ];
    let number =
        t.db.add_exhibition(office.org_id, &event, "tester")
            .await
            .unwrap();
    assert_eq!(number, 1);
    let stored = t.db.exhibitions().await.unwrap();
    assert_eq!(stored.len(), 1);
    let stored = &stored[0];
    assert_eq!(
        (stored.org_id, stored.number, stored.visitors),
        (office.org_id, 1, 1200)
    );
    assert_eq!(stored.participants.len(), 2);
    assert_eq!(stored.products[1], (plough.org_id, "ploughs".to_owned()));
    let total: i64 = stored.contracts.iter().map(|c| c.value.minor()).sum();
    assert_eq!(total, 2_000_000);
}
