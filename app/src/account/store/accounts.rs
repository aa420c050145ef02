//! Creating accounts: an employer's sign-up and its confirmation, a colleague's invitation and
//! joining, and staff accounts.
use crate::domain::account::Role;
use crate::i18n::*;
use crate::server::audit::{self, Target};
use crate::server::auth::{self, TokenPurpose};
use crate::server::outbox::{self, Email, TokenLink};
use crate::server::{AppState, Db, DbError};

use super::{has_account, insert_user, NewUser};

// --- Sign-up and confirmation -------------------------------------------------------------

/// Whether an organisation with this KvK number exists.
pub(in crate::account) async fn kvk_taken(state: &AppState, kvk: &str) -> Result<bool, DbError> {
    Ok(sqlx::query("SELECT 1 FROM organisations WHERE kvk = $1")
        .bind(kvk)
        .fetch_optional(state.db.pool())
        .await?
        .is_some())
}

/// A sign-up, every field validated: the organisation and its first user.
pub(in crate::account) struct NewEmployer {
    pub org_name: String,
    pub kvk: String,
    /// `None`: the organisation is elsewhere ("elders").
    pub gemeente: Option<String>,
    pub sector: String,
    pub erkend: bool,
    pub name: String,
    pub email: String,
    pub password_hash: String,
}

/// Signs an employer up, in one transaction: the organisation, its first user, the link that
/// confirms the address and the audit entry. When the address has an account nothing is
/// created and its owner is told by e-mail instead (the answer never reveals it). A unique
/// constraint (the KvK number taken by a parallel sign-up) refuses it as a `DbError`.
pub(in crate::account) async fn register(
    state: &AppState,
    new: &NewEmployer,
    locale: Locale,
) -> Result<(), DbError> {
    let mut tx = state.db.begin_write().await?;
    if has_account(&mut tx, &new.email).await? {
        let forgot = format!("{}/wachtwoord-vergeten", state.site.public_url);
        outbox::enqueue(
            &mut tx,
            &Email::from_templates(
                &new.email,
                td_string!(locale, email.exists_subject),
                td_string!(locale, email.exists_body),
                &[("link", &forgot)],
            ),
        )
        .await?;
        tx.commit().await?;
        return Ok(());
    }
    let now = auth::now();
    let org_id: i64 = sqlx::query_scalar(
        "INSERT INTO organisations (name, kvk, gemeente_code, sector, erkend_leerbedrijf, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(&new.org_name)
    .bind(&new.kvk)
    .bind(new.gemeente.as_deref())
    .bind(&new.sector)
    .bind(new.erkend)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let user_id = insert_user(
        &mut tx,
        NewUser {
            organisation_id: Some(org_id),
            role: Role::Employer,
            name: &new.name,
            email: &new.email,
            password_hash: &new.password_hash,
            confirmed_at: None,
            created_at: now,
        },
    )
    .await?;
    outbox::send_token_link(
        &mut tx,
        &state.site.public_url,
        TokenLink::for_user(
            TokenPurpose::ConfirmEmail,
            user_id,
            &new.email,
            td_string!(locale, email.confirm_subject),
            td_string!(locale, email.confirm_body),
        ),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(user_id),
        "account_created",
        Target::User(user_id),
        Some(org_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Confirms the address the token was sent to. False when the token is unknown, expired or
/// used.
pub(in crate::account) async fn confirm_email(
    state: &AppState,
    token: &str,
) -> Result<bool, DbError> {
    let mut tx = state.db.begin_write().await?;
    let Some(claim) = auth::redeem_token(&mut tx, TokenPurpose::ConfirmEmail, token).await? else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL",
    )
    .bind(auth::now())
    .bind(claim.user_id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        claim.user_id,
        "email_confirmed",
        claim.user_id.map_or(Target::Nothing, Target::User),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

// --- Colleagues ---------------------------------------------------------------------------

/// E-mails an invitation to join the organisation `org_id`, bound to `email`.
pub(in crate::account) async fn invite(
    state: &AppState,
    inviter: i64,
    org_id: i64,
    email: &str,
    locale: Locale,
) -> Result<(), DbError> {
    let mut tx = state.db.begin_write().await?;
    let org: String = sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(org_id)
        .fetch_one(&mut *tx)
        .await?;
    outbox::send_token_link(
        &mut tx,
        &state.site.public_url,
        TokenLink {
            purpose: TokenPurpose::Invite,
            user_id: None,
            organisation_id: Some(org_id),
            bound_email: Some(email),
            recipient: email,
            subject: td_string!(locale, email.invite_subject),
            body: td_string!(locale, email.invite_body),
            values: &[("org", &org)],
        },
    )
    .await?;
    audit::record(
        &mut tx,
        Some(inviter),
        "colleague_invited",
        Target::Organisation(org_id),
        Some(org_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An invited colleague, every field validated.
pub(in crate::account) struct NewColleague<'a> {
    pub token: &'a str,
    pub organisation_id: i64,
    pub name: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
}

/// Creates the invited colleague's account (its address confirmed by the invitation) and uses
/// the invitation. `None` when the invitation is no longer valid or the address has an
/// account; a unique constraint (the address taken by a parallel post) refuses it as a
/// `DbError`.
pub(in crate::account) async fn join(
    state: &AppState,
    new: &NewColleague<'_>,
) -> Result<Option<i64>, DbError> {
    let mut tx = state.db.begin_write().await?;
    if auth::redeem_token(&mut tx, TokenPurpose::Invite, new.token)
        .await?
        .is_none()
        || has_account(&mut tx, new.email).await?
    {
        return Ok(None);
    }
    let now = auth::now();
    let user_id = insert_user(
        &mut tx,
        NewUser {
            organisation_id: Some(new.organisation_id),
            role: Role::Employer,
            name: new.name,
            email: new.email,
            password_hash: new.password_hash,
            confirmed_at: Some(now),
            created_at: now,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        Some(user_id),
        "colleague_joined",
        Target::User(user_id),
        Some(new.organisation_id),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(user_id))
}

// --- What admins do -----------------------------------------------------------------------

/// Creates a coordinator or admin with no usable password and e-mails a link (valid 1 hour)
/// to choose one. Returns the link's path, or `None` when the address has an account; a unique
/// constraint (the address taken by a parallel post) refuses it as a `DbError`.
pub async fn create_staff_user(
    db: &Db,
    public_url: &str,
    role: Role,
    name: &str,
    email: &str,
    actor: Option<i64>,
    locale: Locale,
) -> Result<Option<String>, DbError> {
    let mut tx = db.begin_write().await?;
    if has_account(&mut tx, email).await? {
        return Ok(None);
    }
    let now = auth::now();
    // An argon2 hash of a random secret nobody knows: the account can only be entered after
    // choosing a password through the link.
    let unusable = auth::hash_password(auth::new_secret()).await?;
    let user_id = insert_user(
        &mut tx,
        NewUser {
            organisation_id: None,
            role,
            name,
            email,
            password_hash: &unusable,
            confirmed_at: Some(now),
            created_at: now,
        },
    )
    .await?;
    let path = outbox::send_token_link(
        &mut tx,
        public_url,
        TokenLink::for_user(
            TokenPurpose::ResetPassword,
            user_id,
            email,
            td_string!(locale, email.staff_subject),
            td_string!(locale, email.staff_body),
        ),
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        &format!("{}_created", role.as_str()),
        Target::User(user_id),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(path))
}
