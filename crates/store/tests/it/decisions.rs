//! Members' histories and the decisions that change them: a change written with its
//! posting and its event, refused whole when the member's standing moved meanwhile; a
//! motion recorded with its effect and linked to it; charters kept by the day they take
//! effect.

use artel_ledger::Money;
use artel_store::{
    MemberChange, MotionEffect, NewMeeting, NewMember, NewMotion, ShareMovement, StoreError,
};

use crate::harness::{TestDb, engine_tests, entry};

engine_tests!(
    a_change_posts_and_records_its_event_or_nothing,
    a_resolution_is_written_with_its_effect
);

fn applicant(name: &str, shares: u32) -> NewMember {
    NewMember {
        name: name.to_owned(),
        trade: "smith".to_owned(),
        joined: "1954-03-01".parse().unwrap(),
        status: "applicant",
        shares_subscribed: shares,
        payment: None,
        shares_on_admission: shares,
    }
}

fn admission(number: u64, minor: i64) -> MemberChange {
    MemberChange {
        number,
        from_status: "applicant".into(),
        to_status: "member",
        event: "admit",
        date: "1954-04-10".parse().unwrap(),
        note: String::new(),
        movement: Some((
            ShareMovement {
                shares: 2,
                amount: minor,
            },
            entry(
                "1954-04-10",
                &[("Assets:Cash", minor), ("Equity:Share Capital", -minor)],
            ),
        )),
    }
}

async fn a_change_posts_and_records_its_event_or_nothing(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    t.db.admit_members(org.org_id, &[applicant("Wang", 2)], "tester")
        .await
        .unwrap();
    let register = t.db.members(org.org_id).await.unwrap();
    assert_eq!(
        (register[0].status.as_str(), register[0].shares_on_admission),
        ("applicant", 2)
    );

    let posted =
        t.db.change_member(org.org_id, &admission(1, 2_000), "tester")
            .await
            .unwrap();
    assert_eq!(posted, Some(1));
    let member = &t.db.members(org.org_id).await.unwrap()[0];
    assert_eq!(
        (member.status.as_str(), member.paid_in),
        ("member", Money::from_minor(2_000))
    );
    assert_eq!(member.joined.to_string(), "1954-04-10");
    let history = t.db.member_history(org.org_id, 1).await.unwrap();
    let events: Vec<(&str, Option<u64>)> = history
        .events
        .iter()
        .map(|e| (e.event.as_str(), e.sequence))
        .collect();
    assert_eq!(events, [("apply", None), ("admit", Some(1))]);
    assert_eq!(history.movements.len(), 1);

    // The same admission again: the member is no longer an applicant; nothing is posted.
    let stale =
        t.db.change_member(org.org_id, &admission(1, 2_000), "tester")
            .await
            .unwrap_err();
    assert!(matches!(stale, StoreError::Changed { .. }), "{stale:?}");
    assert_eq!(t.db.head(org.org_id).await.unwrap().0, 1);
    assert_eq!(
        t.db.member_history(org.org_id, 1)
            .await
            .unwrap()
            .events
            .len(),
        2
    );

    let until = |date: &str| date.parse().unwrap();
    let before =
        t.db.member_events_until(org.org_id, until("1954-04-09"))
            .await
            .unwrap();
    assert_eq!(before.len(), 1);
    let after =
        t.db.member_events_until(org.org_id, until("1954-04-10"))
            .await
            .unwrap();
    assert_eq!(after.len(), 2);
    let admitted =
        t.db.count_member_events(
            org.org_id,
            "admit",
            until("1954-04-01"),
            until("1954-04-30"),
        )
        .await
        .unwrap();
    assert_eq!(admitted, 1);
}

async fn a_resolution_is_written_with_its_effect(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    t.db.admit_members(org.org_id, &[applicant("Li", 2)], "tester")
        .await
        .unwrap();
    let meeting = NewMeeting {
        body: "general-assembly".into(),
        held_on: "1954-04-10".parse().unwrap(),
        title: "Spring assembly".into(),
        agenda: "Admissions".into(),
        minutes: String::new(),
        eligible: 10,
        present: 7,
    };
    let number =
        t.db.add_meeting(org.org_id, &meeting, "tester")
            .await
            .unwrap();
    assert_eq!(number, 1);
    let motion = |effect| NewMotion {
        meeting: 1,
        kind: "admission".into(),
        text: "Admit Li".into(),
        ballot: "open".into(),
        member: Some(1),
        yes: 6,
        no: 1,
        abstain: 0,
        outcome: "adopted",
        effect,
    };
    let (first, posted) =
        t.db.record_motion(
            org.org_id,
            &motion(MotionEffect::Member(admission(1, 2_000))),
            "tester",
        )
        .await
        .unwrap();
    assert_eq!((first, posted), (1, Some(1)));
    let history = t.db.member_history(org.org_id, 1).await.unwrap();
    assert_eq!(history.events[1].motion, Some(1));

    // A motion whose effect fails leaves no motion behind.
    let refused =
        t.db.record_motion(
            org.org_id,
            &motion(MotionEffect::Member(admission(1, 2_000))),
            "tester",
        )
        .await;
    assert!(refused.is_err());
    let (_, motions) = t.db.meeting(org.org_id, 1).await.unwrap().unwrap();
    assert_eq!(motions.len(), 1);
    assert_eq!(
        (motions[0].member, motions[0].outcome.as_str()),
        (Some(1), "adopted")
    );

    let charter = MotionEffect::Charter {
        effective: "1954-05-01".parse().unwrap(),
        charter: "{}".into(),
    };
    let (second, _) =
        t.db.record_motion(org.org_id, &motion(charter), "tester")
            .await
            .unwrap();
    let charters = t.db.charters(org.org_id).await.unwrap();
    assert_eq!(charters.len(), 1);
    assert_eq!(
        (charters[0].effective.to_string(), charters[0].motion),
        ("1954-05-01".into(), Some(second))
    );
    assert!(t.db.meeting(org.org_id, 2).await.unwrap().is_none());
    assert_eq!(t.db.meetings(org.org_id).await.unwrap().len(), 1);
}
