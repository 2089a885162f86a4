//! Organisations' history as stored: the founding event written with the organisation,
//! events numbered and append-only with the organisation's row in step, a change decided
//! on a stale history refused, memberships with the parent column in step, bodies and
//! affiliations, and the region-subtree reads.

use artel_ledger::chart::cooperative_chart;
use artel_store::{NewMember, NewOrgEvent, NewRegion, StoreError};

use crate::harness::{TestDb, day, engine_tests, new_cooperative};

engine_tests!(
    events_are_numbered_append_only_and_keep_the_row_in_step,
    memberships_keep_the_parent_in_step,
    bodies_and_affiliations_are_read_by_organisation_and_region
);

fn event(date: &str, event: &str, kind: &str, status: &str) -> NewOrgEvent {
    NewOrgEvent {
        date: day(date),
        event: event.into(),
        kind: kind.into(),
        status: status.into(),
        note: "inspection".into(),
    }
}

async fn events_are_numbered_append_only_and_keep_the_row_in_step(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let founded = t.db.org_events(org.org_id).await.unwrap();
    assert_eq!(founded.len(), 1);
    assert_eq!(
        (
            founded[0].sequence,
            founded[0].date,
            founded[0].event.as_str()
        ),
        (1, day("1954-01-01"), "founded")
    );
    let change = event("1954-03-01", "status", "cooperative", "under-rectification");
    t.db.append_org_event(org.org_id, 2, &change, "tester")
        .await
        .unwrap();
    let stored = t.db.organisation("red-star").await.unwrap();
    assert_eq!(stored.status, "under-rectification");
    // A change decided on the history as it was before is refused, and nothing changes.
    let stale = event("1954-03-02", "status", "cooperative", "dissolved");
    let refused = t.db.append_org_event(org.org_id, 2, &stale, "tester").await;
    assert!(
        matches!(refused, Err(StoreError::Changed { .. })),
        "{refused:?}"
    );
    assert_eq!(
        t.db.organisation("red-star").await.unwrap().status,
        "under-rectification"
    );
    let events = t.db.org_events(org.org_id).await.unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[1].note, "inspection");
    // History is never rewritten behind the application's back either.
    assert!(
        t.execute("UPDATE org_events SET status = 'active'")
            .await
            .is_err()
    );
    assert!(t.execute("DELETE FROM org_events").await.is_err());
    let trail = t.db.audit_events(org.org_id, None, 100).await.unwrap();
    assert!(
        trail.iter().any(|e| e.action == "organisation.status"),
        "{trail:?}"
    );
}

async fn memberships_keep_the_parent_in_step(t: &TestDb) {
    let federation = t.cooperative("shashi-federation").await;
    let smc = t.cooperative("shashi-smc").await;
    let team = t.cooperative("weaving-team").await;
    t.db.join_organisation(
        team.org_id,
        federation.org_id,
        "shashi-federation",
        day("1954-02-01"),
        "tester",
    )
    .await
    .unwrap();
    t.db.join_organisation(
        team.org_id,
        smc.org_id,
        "shashi-smc",
        day("1954-03-01"),
        "tester",
    )
    .await
    .unwrap();
    let row = t.db.organisation("weaving-team").await.unwrap();
    assert_eq!(
        row.parent_org_id,
        Some(smc.org_id),
        "the latest open membership"
    );
    t.db.leave_organisation(
        team.org_id,
        smc.org_id,
        "shashi-smc",
        day("1954-06-01"),
        "tester",
    )
    .await
    .unwrap();
    let row = t.db.organisation("weaving-team").await.unwrap();
    assert_eq!(row.parent_org_id, Some(federation.org_id));
    // Leaving again finds no open membership.
    let again =
        t.db.leave_organisation(
            team.org_id,
            smc.org_id,
            "shashi-smc",
            day("1954-07-01"),
            "tester",
        )
        .await;
    assert!(
        matches!(again, Err(StoreError::Changed { .. })),
        "{again:?}"
    );
    let memberships = t.db.memberships(team.org_id).await.unwrap();
    assert_eq!(memberships.len(), 2);
    assert_eq!(memberships[1].parent_code, "shashi-smc");
    assert_eq!(memberships[1].until, Some(day("1954-06-01")));
    // The parent sees the membership held in it.
    let held = t.db.memberships(federation.org_id).await.unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].org_code, "weaving-team");
    assert_eq!(held[0].until, None);
}

async fn bodies_and_affiliations_are_read_by_organisation_and_region(t: &TestDb) {
    for (code, parent) in [("hubei", None), ("shashi", Some("hubei")), ("hunan", None)] {
        t.db.add_region(&NewRegion {
            code: code.into(),
            name: code.into(),
            level: if parent.is_some() { "city" } else { "province" }.into(),
            parent_code: parent.map(str::to_owned),
        })
        .await
        .unwrap();
    }
    let chart = cooperative_chart().unwrap();
    let mut in_shashi = new_cooperative("shashi-weaving");
    in_shashi.region_code = Some("shashi".into());
    let shashi =
        t.db.add_organisation(&in_shashi, &chart, "tester")
            .await
            .unwrap();
    let mut in_hunan = new_cooperative("hunan-plough");
    in_hunan.region_code = Some("hunan".into());
    let hunan =
        t.db.add_organisation(&in_hunan, &chart, "tester")
            .await
            .unwrap();
    let member = NewMember {
        name: "Wang".into(),
        trade: "weaver".into(),
        joined: day("1954-01-05"),
        status: "member",
        shares_subscribed: 1,
        payment: None,
        shares_on_admission: 0,
    };
    t.db.admit_members(shashi.org_id, &[member], "tester")
        .await
        .unwrap();
    let wang = t.db.members(shashi.org_id).await.unwrap().remove(0);
    t.db.add_body(
        shashi.org_id,
        "party-branch",
        "Party branch",
        day("1954-03-01"),
        "tester",
    )
    .await
    .unwrap();
    t.db.add_body(
        hunan.org_id,
        "youth-league",
        "League",
        day("1954-03-01"),
        "tester",
    )
    .await
    .unwrap();
    let twice =
        t.db.add_body(
            shashi.org_id,
            "trade-union",
            "Party branch",
            day("1954-03-01"),
            "tester",
        )
        .await;
    assert!(
        matches!(twice, Err(StoreError::AlreadyExists { .. })),
        "{twice:?}"
    );
    let body = t.db.bodies(shashi.org_id).await.unwrap().remove(0);
    assert!(body.affiliations.is_empty());
    t.db.affiliate_member(
        shashi.org_id,
        &body,
        wang.member_id,
        "Wang",
        day("1954-04-01"),
        "tester",
    )
    .await
    .unwrap();
    let again =
        t.db.affiliate_member(
            shashi.org_id,
            &body,
            wang.member_id,
            "Wang",
            day("1954-05-01"),
            "tester",
        )
        .await;
    assert!(
        matches!(again, Err(StoreError::AlreadyExists { .. })),
        "{again:?}"
    );
    let bodies = t.db.bodies(shashi.org_id).await.unwrap();
    assert_eq!(
        bodies[0].affiliations,
        [(wang.member_id, day("1954-04-01"))]
    );
    // The province's subtree holds Shashi's body and events, not Hunan's.
    let region = t.db.bodies_in_region("/hubei/").await.unwrap();
    assert_eq!(region.len(), 1);
    assert_eq!(region[0].org_id, shashi.org_id);
    let events = t.db.org_events_in_region("/hubei/").await.unwrap();
    assert!(events.iter().all(|e| e.org_id == shashi.org_id));
    assert_eq!(events.len(), 1);
    assert_eq!(t.db.org_events_in_region("/hunan/").await.unwrap().len(), 1);
}
