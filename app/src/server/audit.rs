//! The audit log: who changed which account. Ids only: no names or e-mail addresses.
use super::auth::now;
use super::DbError;

pub async fn record(
    conn: &mut sqlx::AnyConnection,
    actor_user_id: Option<i64>,
    action: &str,
    target_user_id: Option<i64>,
    target_org_id: Option<i64>,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_user_id, action, target_user_id, target_org_id) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(now())
    .bind(actor_user_id)
    .bind(action)
    .bind(target_user_id)
    .bind(target_org_id)
    .execute(conn)
    .await?;
    Ok(())
}
