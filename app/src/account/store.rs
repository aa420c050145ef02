//! The account capability's queries that more than one handler or page uses.
use sqlx::Row;

use crate::server::audit::{self, Target};
use crate::server::auth::CurrentUser;
use crate::server::{AppState, DbError};

use super::{AccountView, AuditRow, UserRow};

pub(super) async fn account_view(
    state: &AppState,
    user: &CurrentUser,
) -> Result<AccountView, DbError> {
    let row = sqlx::query(
        "SELECT u.name, u.email, u.role, o.name, o.kvk FROM users u \
         LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1",
    )
    .bind(user.user_id)
    .fetch_one(state.db.pool())
    .await?;
    Ok(AccountView {
        name: row.try_get(0)?,
        email: row.try_get(1)?,
        role: row.try_get(2)?,
        organisation: row.try_get(3)?,
        kvk: row.try_get(4)?,
    })
}

/// Removes a user and what belongs only to them, in one transaction.
pub async fn delete_user(
    state: &AppState,
    user_id: i64,
    email: &str,
    actor: Option<i64>,
) -> Result<(), DbError> {
    let mut tx = state.db.begin_write().await?;
    let org: Option<i64> = sqlx::query("SELECT organisation_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM tokens WHERE user_id = $1 OR email = $2")
        .bind(user_id)
        .bind(email)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM outbox WHERE recipient = $1")
        .bind(email)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    let mut deleted_org = None;
    if let Some(org) = org {
        let (left,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM users WHERE organisation_id = $1")
                .bind(org)
                .fetch_one(&mut *tx)
                .await?;
        if left == 0 {
            sqlx::query("DELETE FROM tokens WHERE organisation_id = $1")
                .bind(org)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM organisations WHERE id = $1")
                .bind(org)
                .execute(&mut *tx)
                .await?;
            deleted_org = Some(org);
        }
    }
    audit::record(
        &mut tx,
        actor,
        "account_deleted",
        Target::User(user_id),
        deleted_org.or(org),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every account, for the admin list.
pub(super) async fn users(state: &AppState) -> Result<Vec<UserRow>, DbError> {
    let rows = sqlx::query(
        "SELECT u.id, u.name, u.email, u.role, o.name, u.disabled_at FROM users u \
         LEFT JOIN organisations o ON o.id = u.organisation_id ORDER BY u.id",
    )
    .fetch_all(state.db.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(UserRow {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
                email: r.try_get(2)?,
                role: r.try_get(3)?,
                organisation: r.try_get(4)?,
                disabled: r.try_get::<Option<i64>, _>(5)?.is_some(),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(DbError::from)
}

/// The audit log, newest first.
pub(super) async fn audit(state: &AppState) -> Result<Vec<AuditRow>, DbError> {
    let rows: Vec<AuditEntry> = sqlx::query_as(
        "SELECT at, actor_user_id, action, target_kind, target_id, target_org_id \
         FROM audit_log ORDER BY id DESC LIMIT 500",
    )
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditRow {
            at: r.at,
            actor: r.actor_user_id,
            action: r.action,
            target_kind: r.target_kind,
            target_id: r.target_id,
            target_org: r.target_org_id,
        })
        .collect())
}

/// An audit entry as stored.
#[derive(sqlx::FromRow)]
struct AuditEntry {
    at: i64,
    actor_user_id: Option<i64>,
    action: String,
    target_kind: Option<String>,
    target_id: Option<i64>,
    target_org_id: Option<i64>,
}
