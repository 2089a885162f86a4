//! A member's own view: the user a member signs in as, and their capital and history —
//! theirs alone. A member's role over the cooperative shows them none of the register or
//! the books; the link between the user and their line of the register shows them this.

use artel_store::{MemberHistory, Organisation, StoredMember};

use crate::{Action, AppError, Artel, Caller};

impl Artel {
    /// Links the member `number` of `code` to the user `user` signs in as.
    pub async fn link_member(&self, code: &str, number: u64, user: &str) -> Result<(), AppError> {
        let organisation = self.book_for(code, Action::ManageMembers).await?;
        let found =
            self.db.user_by_name(user).await?.ok_or_else(|| {
                AppError::rejected("--user", format!("user '{user}' does not exist"))
            })?;
        self.db
            .link_member_user(organisation.org_id, number, found.user_id, &self.actor)
            .await?;
        Ok(())
    }

    /// The signed-in user's number in the register of `organisation`, if they are in it.
    pub async fn my_member_number(
        &self,
        organisation: &Organisation,
    ) -> Result<Option<u64>, AppError> {
        let Caller::User { user_id, .. } = &self.caller else {
            return Ok(None);
        };
        Ok(self
            .db
            .member_number_of_user(organisation.org_id, *user_id)
            .await?)
    }

    /// The organisations in whose registers the signed-in user is a member, read at once
    /// (the home page's links to one's own membership); none for the operator.
    pub async fn my_memberships(&self) -> Result<Vec<artel_store::OrgId>, AppError> {
        let Caller::User { user_id, .. } = &self.caller else {
            return Ok(Vec::new());
        };
        Ok(self
            .db
            .member_numbers_of_user(*user_id)
            .await?
            .into_iter()
            .map(|(org_id, _)| org_id)
            .collect())
    }

    /// The signed-in user's own line of the register of `code`, with their history; not
    /// found when they are not in it.
    pub async fn my_membership(
        &self,
        code: &str,
    ) -> Result<(StoredMember, MemberHistory), AppError> {
        let organisation = self.book_for(code, Action::SeeOrganisation).await?;
        let not_a_member = || AppError::NotFound {
            place: "membership".into(),
            message: format!("you are not in the member register of '{code}'"),
        };
        let number = self
            .my_member_number(&organisation)
            .await?
            .ok_or_else(not_a_member)?;
        self.member_of(&organisation, number).await
    }
}
