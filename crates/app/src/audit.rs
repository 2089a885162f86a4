//! Reading the audit trail: an organisation's changes for those who may audit it, and the
//! security events (sign-ins, failed sign-ins, refused accesses) for administrators.

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

    /// A page of the security events. They concern the whole installation, so only the
    /// operator and administrators over a region may read them.
    pub async fn security_events(
        &self,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<SecurityEvent>, AppError> {
        let allowed = match &self.caller {
            Caller::Operator { .. } => true,
            Caller::User { grants, .. } => grants
                .iter()
                .any(|g| g.role == "administrator" && g.region_path.is_some()),
        };
        if !allowed {
            return Err(AppError::Forbidden(
                "security events are for administrators over a region".into(),
            ));
        }
        Ok(self.db.security_events(after, limit).await?)
    }
}
