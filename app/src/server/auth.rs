//! Passwords, sessions and one-time tokens.
//!
//! - Passwords: argon2id with the OWASP parameters (19 MiB, 2 iterations, 1 lane), hashed on
//!   the blocking pool; at least 12 characters and a zxcvbn score of 3 or more.
//! - Sessions: a 256-bit random id in an HttpOnly cookie; the database holds only its SHA-256,
//!   so a copy of the database opens no session. Idle and absolute timeouts; a new id at login.
//! - Tokens (confirm e-mail, reset password, invitation): 256-bit random, stored hashed,
//!   single-use, with an expiry.
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::Arc;

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::domain::account::Role;

use super::{Db, DbError};

/// The value of cookie `name` in a request's `Cookie` headers.
pub fn cookie_value<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// A fresh 256-bit random value, URL-safe.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A reference people can read out on the phone: "HVW-7K3M-Q9TX" (no 0/O, 1/I/L).
pub fn new_reference() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    use rand::Rng;
    let mut rng = rand::rng();
    let mut part = || -> String {
        (0..4)
            .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
            .collect()
    };
    format!("HVW-{}-{}", part(), part())
}

/// The key that signs CSRF tokens, shared by every instance through the database
/// (`server_secrets`), made by the first instance that starts.
#[derive(Clone)]
pub struct CsrfKey(Arc<[u8]>);

impl std::fmt::Debug for CsrfKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CsrfKey(..)")
    }
}

impl CsrfKey {
    pub fn from_secret(secret: &str) -> Self {
        CsrfKey(Arc::from(secret.as_bytes()))
    }

    /// Loads the key, making it first when no instance has yet.
    pub async fn load_or_create(db: &Db) -> Result<Self, DbError> {
        sqlx::query(
            "INSERT INTO server_secrets (name, secret, created_at) VALUES ('csrf', $1, $2) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(new_secret())
        .bind(now())
        .execute(db.pool())
        .await?;
        let row = sqlx::query("SELECT secret FROM server_secrets WHERE name = 'csrf'")
            .fetch_one(db.pool())
            .await?;
        let secret: String = row.try_get(0)?;
        Ok(CsrfKey::from_secret(&secret))
    }

    fn mac(&self, nonce: &str) -> String {
        use hmac::Mac;
        let mut mac =
            hmac::Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(nonce.as_bytes());
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// The server's signature of `message` (URL-safe): a key in a link that any instance can
    /// write again and no one else can make.
    pub fn sign(&self, message: &str) -> String {
        self.mac(message)
    }

    /// Whether `signature` is this server's [`sign`](Self::sign) of `message` (in constant
    /// time).
    pub fn verifies(&self, message: &str, signature: &str) -> bool {
        use hmac::Mac;
        let Ok(signature) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(signature)
        else {
            return false;
        };
        let mut mac =
            hmac::Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(message.as_bytes());
        mac.verify_slice(&signature).is_ok()
    }

    /// A new CSRF token for a browser: a random nonce and its signature.
    pub fn new_token(&self) -> String {
        let nonce = new_secret();
        let mac = self.mac(&nonce);
        format!("{nonce}.{mac}")
    }

    /// Whether `token` is one this server issued (a value planted from outside is not).
    pub fn issued(&self, token: &str) -> bool {
        use hmac::Mac;
        let Some((nonce, mac)) = token.split_once('.') else {
            return false;
        };
        let Ok(mac) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(mac) else {
            return false;
        };
        // Exactly what `new_token` makes: 43 base64url characters. The key also signs other
        // messages ("intake:…", "alert:…"); none of those may pass for a token.
        if nonce.len() != 43
            || !nonce
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return false;
        }
        let mut expected =
            hmac::Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        expected.update(nonce.as_bytes());
        expected.verify_slice(&mac).is_ok()
    }
}

/// What the database stores instead of a session id or token.
pub fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password with argon2id, off the async runtime.
pub async fn hash_password(password: String) -> Result<String, DbError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| DbError::Internal(e.to_string()))?
    .map_err(|e| DbError::Internal(e.to_string()))
}

/// Checks a password against a stored hash, off the async runtime. A malformed hash is a no.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash of a random password: compared against when an account does not exist, so a failed
/// login takes as long whether or not the address is known.
pub async fn dummy_hash() -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async { hash_password(new_secret()).await.unwrap_or_default() })
        .await
        .clone()
}

/// Refuses common and guessable passwords (zxcvbn score below 3), also those built from the
/// person's own name, e-mail or organisation.
pub fn check_password_strength(password: &str, user_inputs: &[&str]) -> Result<(), &'static str> {
    crate::domain::account::check_password_length(password)?;
    // zxcvbn matches whole words: give it the parts too (the local part of an e-mail address,
    // each word of a name).
    let lowered: Vec<String> = user_inputs.iter().map(|s| s.to_lowercase()).collect();
    let mut words: Vec<&str> = Vec::new();
    for input in &lowered {
        words.push(input);
        words.extend(
            input
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() >= 3),
        );
    }
    let score = zxcvbn::zxcvbn(password, &words).score();
    if (score as u8) < 3 {
        Err("password_weak")
    } else {
        Ok(())
    }
}

/// The logged-in user of a request, put in the request's extensions by the session middleware.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentUser {
    pub user_id: i64,
    pub role: Role,
    pub organisation_id: Option<i64>,
    /// The name the user gave (shown in the page's footer).
    pub name: String,
    /// The session's digest, to end exactly this session at logout.
    pub session_digest: String,
}

/// Session timeouts, in seconds.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub idle: i64,
    pub absolute: i64,
}

/// Starts a session for `user_id` and returns the id for the cookie. Ends the session the
/// browser had, if any (a new id at every login).
pub async fn start_session(
    db: &Db,
    user_id: i64,
    previous: Option<&str>,
) -> Result<String, DbError> {
    let id = new_secret();
    let now = now();
    let mut tx = db.begin_write().await?;
    if let Some(previous) = previous {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(digest(previous))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
    )
    .bind(digest(&id))
    .bind(user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The user of a session id, if the session exists, has not timed out, and the account is
/// enabled. Refreshes the idle timer; deletes a timed-out session.
pub async fn load_session(
    db: &Db,
    id: &str,
    policy: SessionPolicy,
) -> Result<Option<CurrentUser>, DbError> {
    let key = digest(id);
    let row = sqlx::query(
        "SELECT s.created_at, s.last_seen_at, u.id, u.role, u.organisation_id, u.disabled_at, u.name \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1",
    )
    .bind(&key)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let now = now();
    let created: i64 = row.try_get(0)?;
    let last_seen: i64 = row.try_get(1)?;
    let disabled: Option<i64> = row.try_get(5)?;
    if now - last_seen > policy.idle || now - created > policy.absolute || disabled.is_some() {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(&key)
            .execute(db.pool())
            .await?;
        return Ok(None);
    }
    // Refresh at most once a minute: the idle timer needs no finer grain.
    if now - last_seen >= 60 {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(&key)
            .execute(db.pool())
            .await?;
    }
    let role: String = row.try_get(3)?;
    Ok(Some(CurrentUser {
        user_id: row.try_get(2)?,
        role: Role::parse(&role)
            .ok_or_else(|| DbError::Internal(format!("unknown role {role}")))?,
        organisation_id: row.try_get(4)?,
        name: row.try_get(6)?,
        session_digest: key,
    }))
}

/// Ends one session on the server.
pub async fn end_session(db: &Db, digest: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(digest)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// What a one-time token is for, and how long it lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    ConfirmEmail,
    ResetPassword,
    Invite,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "confirm_email",
            TokenPurpose::ResetPassword => "reset_password",
            TokenPurpose::Invite => "invite",
        }
    }

    /// The page a link with this token opens (the token goes in its query).
    pub fn page(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "/bevestigen",
            TokenPurpose::ResetPassword => "/wachtwoord-herstellen",
            TokenPurpose::Invite => "/uitnodiging",
        }
    }

    pub fn lifetime(self) -> i64 {
        match self {
            TokenPurpose::ConfirmEmail => 48 * 3600,
            TokenPurpose::ResetPassword => 3600,
            TokenPurpose::Invite => 7 * 24 * 3600,
        }
    }
}

/// What a redeemed token was issued for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenClaim {
    pub user_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub email: Option<String>,
}

/// Issues a token inside a transaction; returns the secret for the link.
pub async fn issue_token(
    conn: &mut sqlx::AnyConnection,
    purpose: TokenPurpose,
    user_id: Option<i64>,
    organisation_id: Option<i64>,
    email: Option<&str>,
) -> Result<String, DbError> {
    let secret = new_secret();
    sqlx::query(
        "INSERT INTO tokens (token_hash, purpose, user_id, organisation_id, email, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(digest(&secret))
    .bind(purpose.as_str())
    .bind(user_id)
    .bind(organisation_id)
    .bind(email)
    .bind(now() + purpose.lifetime())
    .execute(conn)
    .await?;
    Ok(secret)
}

/// Voids every unused token of `purpose` for a user (a used reset link voids the others; a new
/// password voids every reset link still in someone's mailbox).
pub async fn void_tokens(
    conn: &mut sqlx::AnyConnection,
    purpose: TokenPurpose,
    user_id: i64,
) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
    )
    .bind(now())
    .bind(user_id)
    .bind(purpose.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// Looks a token up without using it (to show the page its link leads to).
pub async fn peek_token(
    db: &Db,
    purpose: TokenPurpose,
    secret: &str,
) -> Result<Option<TokenClaim>, DbError> {
    let row = sqlx::query(
        "SELECT user_id, organisation_id, email FROM tokens \
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(digest(secret))
    .bind(purpose.as_str())
    .bind(now())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        Ok(TokenClaim {
            user_id: r.try_get(0)?,
            organisation_id: r.try_get(1)?,
            email: r.try_get(2)?,
        })
    })
    .transpose()
}

/// Uses a token once, inside the caller's transaction: `None` when it is unknown, expired, of
/// another purpose or already used.
pub async fn redeem_token(
    conn: &mut sqlx::AnyConnection,
    purpose: TokenPurpose,
    secret: &str,
) -> Result<Option<TokenClaim>, DbError> {
    let key = digest(secret);
    let now = now();
    let used = sqlx::query(
        "UPDATE tokens SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(&key)
    .bind(purpose.as_str())
    .execute(&mut *conn)
    .await?;
    if used.rows_affected() != 1 {
        return Ok(None);
    }
    let row =
        sqlx::query("SELECT user_id, organisation_id, email FROM tokens WHERE token_hash = $1")
            .bind(&key)
            .fetch_one(&mut *conn)
            .await?;
    Ok(Some(TokenClaim {
        user_id: row.try_get(0)?,
        organisation_id: row.try_get(1)?,
        email: row.try_get(2)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csrf_tokens_are_signed_by_the_server() {
        let key = CsrfKey::from_secret("one key");
        let token = key.new_token();
        assert!(key.issued(&token));
        assert!(!CsrfKey::from_secret("another key").issued(&token));
        let (nonce, _) = token.split_once('.').unwrap();
        assert!(!key.issued(nonce), "a nonce without its signature");
        assert!(!key.issued(&format!("{nonce}.AAAA")), "a forged signature");
        assert!(!key.issued(&"a".repeat(64)), "any long value");
        assert!(!key.issued(""));
        // Other signed values of the same key are no tokens.
        for message in [
            format!("intake:{}", "c2l0dWF0aWU9d2Vyaw".repeat(3)),
            "alert:12".into(),
        ] {
            let signed = format!("{message}.{}", key.sign(&message));
            assert!(!key.issued(&signed), "{message}");
        }
    }

    #[test]
    fn digests_are_stable_hex_sha256() {
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn secrets_are_256_bit_and_unique() {
        let (a, b) = (new_secret(), new_secret());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
    }

    #[test]
    fn weak_and_personal_passwords_are_refused() {
        assert_eq!(
            check_password_strength("wachtwoord123", &[]),
            Err("password_weak")
        );
        assert_eq!(
            check_password_strength("welkom01welkom01", &[]),
            Err("password_weak")
        );
        assert_eq!(
            check_password_strength("kort", &[]),
            Err("password_too_short")
        );
        assert_eq!(
            check_password_strength(
                "annadevries1990",
                &["annadevries1990@x.nl", "Anna de Vries"]
            ),
            Err("password_weak")
        );
        assert_eq!(
            check_password_strength("paarse-kikker-fietst-langs-de-IJssel", &[]),
            Ok(())
        );
    }

    #[tokio::test]
    async fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("paarse-kikker-fietst".into()).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("paarse-kikker-fietst".into(), hash.clone()).await);
        assert!(!verify_password("paarse-kikker-fietsT".into(), hash).await);
        assert!(!verify_password("x".into(), "not a hash".into()).await);
    }
}
