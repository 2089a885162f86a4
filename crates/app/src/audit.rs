//! Reading the audit trail: an organisation's changes for those who may audit it, and the
//! security events (sign-ins, failed sign-ins, refused accesses) for the operator and,
//! within their regions, administrators over a region.

use artel_coop::Role;
use artel_store::{AuditEvent, SecurityEvent};
use uuid::Uuid;

use crate::{Action, AppError, Artel, Caller};

impl Artel {
    /// A page of the organisation's audit trail, oldest first, after the event `after`.
    pub async fn audit_trail(
        &self,
        code: &str,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<AuditEvent>, AppError> {
        let organisation = self.book_for(code, Action::ReadAudit).await?;
        Ok(self
            .db
            .audit_events(organisation.org_id, after, limit)
            .await?)
    }

    /// A page of the security events: all of them for the operator; for an administrator
    /// over regions, those concerning their regions (refused accesses to organisations,
    /// regions and campaigns there, sign-ins of users whose grants lie there). Nobody else
    /// reads them.
    pub async fn security_events(
        &self,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<SecurityEvent>, AppError> {
        let regions: Option<Vec<String>> = match &self.caller {
            Caller::Operator { .. } => None,
            Caller::User { grants, .. } => Some(
                grants
                    .iter()
                    .filter(|g| g.role == Role::Administrator.as_str())
                    .filter_map(|g| g.region_path.clone())
                    .collect(),
            ),
        };
        if regions.as_ref().is_some_and(Vec::is_empty) {
            return Err(AppError::Forbidden(
                "security events are for administrators over a region".into(),
            ));
        }
        Ok(self
            .db
            .security_events(regions.as_deref(), after, limit)
            .await?)
    }
}
