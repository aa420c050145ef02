//! Every query of the account capability (server only), by topic: the reads of the pages and
//! the end of an account here, [`passwords`] (logging in, resetting and changing a password),
//! [`accounts`] (creating accounts: sign-up, invitations, staff). Reads return domain values or
//! rows read by column name (`FromRow`); each change is one function that runs one transaction,
//! so a handler reads: validate → one call here → redirect.
use sqlx::AnyConnection;

use crate::domain::account::Role;
use crate::server::audit::{self, Target};
use crate::server::auth::{self, CurrentUser};
use crate::server::{AppState, DbError};

use super::{AccountView, AuditRow, UserRow};

mod accounts;
mod passwords;

pub use accounts::create_staff_user;
pub(super) use accounts::{
    confirm_email, invite, join, kvk_taken, register, NewColleague, NewEmployer,
};
pub(super) use passwords::{
    change_password, credentials, email_of, login_account, mail_reset_link, reset_password,
};

// --- Reads -------------------------------------------------------------------------------

/// The logged-in user's account as stored.
#[derive(sqlx::FromRow)]
struct AccountEntry {
    name: String,
    email: String,
    role: String,
    organisation: Option<String>,
    kvk: Option<String>,
}

pub(super) async fn account_view(
    state: &AppState,
    user: &CurrentUser,
) -> Result<AccountView, DbError> {
    let row = sqlx::query_as::<_, AccountEntry>(
        "SELECT u.name, u.email, u.role, o.name AS organisation, o.kvk FROM users u \
         LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1",
    )
    .bind(user.user_id)
    .fetch_one(state.db.pool())
    .await?;
    Ok(AccountView {
        name: row.name,
        email: row.email,
        role: row.role,
        organisation: row.organisation,
        kvk: row.kvk,
    })
}

/// An account as the admin list reads it.
#[derive(sqlx::FromRow)]
struct UserEntry {
    id: i64,
    name: String,
    email: String,
    role: String,
    organisation: Option<String>,
    disabled_at: Option<i64>,
}

/// Every account, for the admin list.
pub(super) async fn users(state: &AppState) -> Result<Vec<UserRow>, DbError> {
    let rows = sqlx::query_as::<_, UserEntry>(
        "SELECT u.id, u.name, u.email, u.role, o.name AS organisation, u.disabled_at \
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id ORDER BY u.id",
    )
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| UserRow {
            id: r.id,
            name: r.name,
            email: r.email,
            role: r.role,
            organisation: r.organisation,
            disabled: r.disabled_at.is_some(),
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

/// The audit log, newest first.
pub(super) async fn audit(state: &AppState) -> Result<Vec<AuditRow>, DbError> {
    let rows = sqlx::query_as::<_, AuditEntry>(
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

// --- Helpers inside a transaction ---------------------------------------------------------

/// Whether an account with this address exists.
async fn has_account(conn: &mut AnyConnection, email: &str) -> Result<bool, DbError> {
    Ok(sqlx::query("SELECT 1 FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(conn)
        .await?
        .is_some())
}

/// A user to insert.
struct NewUser<'a> {
    organisation_id: Option<i64>,
    role: Role,
    name: &'a str,
    email: &'a str,
    password_hash: &'a str,
    /// When the address was confirmed (`None`: a confirmation link is on its way).
    confirmed_at: Option<i64>,
    created_at: i64,
}

/// Inserts a user; returns its id.
async fn insert_user(conn: &mut AnyConnection, user: NewUser<'_>) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO users (organisation_id, role, name, email, password_hash, \
         email_confirmed_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(user.organisation_id)
    .bind(user.role.as_str())
    .bind(user.name)
    .bind(user.email)
    .bind(user.password_hash)
    .bind(user.confirmed_at)
    .bind(user.created_at)
    .fetch_one(conn)
    .await?)
}

/// Ends every session of an account.
async fn end_sessions(conn: &mut AnyConnection, user_id: i64) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

// --- The end of an account ------------------------------------------------------------

/// Disables (ending its sessions at once) or enables an account. False when there is no such
/// account.
pub(super) async fn set_disabled(
    state: &AppState,
    admin: i64,
    target: i64,
    disable: bool,
) -> Result<bool, DbError> {
    let mut tx = state.db.begin_write().await?;
    let changed = sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
        .bind(if disable { Some(auth::now()) } else { None })
        .bind(target)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if changed == 0 {
        return Ok(false);
    }
    if disable {
        end_sessions(&mut tx, target).await?;
    }
    let action = if disable {
        "account_disabled"
    } else {
        "account_enabled"
    };
    audit::record(&mut tx, Some(admin), action, Target::User(target), None).await?;
    tx.commit().await?;
    Ok(true)
}

/// Removes a user and what belongs only to them, in one transaction.
pub async fn delete_user(
    state: &AppState,
    user_id: i64,
    email: &str,
    actor: Option<i64>,
) -> Result<(), DbError> {
    let mut tx = state.db.begin_write().await?;
    let org: Option<i64> = sqlx::query_scalar("SELECT organisation_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?;
    end_sessions(&mut tx, user_id).await?;
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
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE organisation_id = $1")
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
