//! The audit log: who did what to which thing, and when. Ids only: no names or e-mail addresses.
use super::auth::now;
use super::DbError;

/// What an audit entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    User(i64),
    Organisation(i64),
    /// An application (aanmelding) from the scholingscalculator.
    Application(i64),
    /// A pledge of places in the stages drive.
    Pledge(i64),
    /// A young person's response to an opening of the stages drive.
    Response(i64),
    /// A change of a scheme in the catalogue (`scheme_revisions`: which scheme, which fields).
    SchemeRevision(i64),
    /// A contact request from the intake (the warm handoff).
    IntakeRequest(i64),
    Nothing,
}

impl Target {
    /// The kind and id as stored (`target_kind`, `target_id`).
    pub fn parts(self) -> (Option<&'static str>, Option<i64>) {
        match self {
            Target::User(id) => (Some("user"), Some(id)),
            Target::Organisation(id) => (Some("organisation"), Some(id)),
            Target::Application(id) => (Some("application"), Some(id)),
            Target::Pledge(id) => (Some("pledge"), Some(id)),
            Target::Response(id) => (Some("response"), Some(id)),
            Target::SchemeRevision(id) => (Some("scheme_revision"), Some(id)),
            Target::IntakeRequest(id) => (Some("intake_request"), Some(id)),
            Target::Nothing => (None, None),
        }
    }
}

/// Records `action` by `actor` on `target` (within `organisation`), in the caller's transaction.
pub async fn record(
    conn: &mut sqlx::AnyConnection,
    actor_user_id: Option<i64>,
    action: &str,
    target: Target,
    organisation: Option<i64>,
) -> Result<(), DbError> {
    let (kind, id) = target.parts();
    let target_user = match target {
        Target::User(id) => Some(id),
        _ => None,
    };
    sqlx::query(
        "INSERT INTO audit_log (at, actor_user_id, action, target_user_id, target_org_id, \
         target_kind, target_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now())
    .bind(actor_user_id)
    .bind(action)
    .bind(target_user)
    .bind(organisation)
    .bind(kind)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}
