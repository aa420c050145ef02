//! The state every handler and server function reaches: handed to server functions through
//! `provide_context`, never through globals.
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use std::sync::{Arc, RwLock};

use crate::domain::schemes::Catalogue;

use super::auth::{CsrfKey, SessionPolicy};
use super::pages::{GuardedPage, PublicPage, Queue};
use super::Db;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub site: Arc<SiteConfig>,
    pub limits: Arc<RateLimits>,
    /// The catalogue of schemes, as the calculator evaluates it (loaded and replaced by
    /// `crate::catalogue`).
    pub catalogue: Shared<Catalogue>,
    /// The version of the catalogue this instance holds (`crate::catalogue::follow` compares
    /// it with the database's).
    pub catalogue_loaded: Arc<Loaded>,
    /// The pages behind a login, from every capability's table (`super::pages`).
    pub pages: Arc<[&'static GuardedPage]>,
    /// The public pages whose data comes from the database (`super::pages::PublicPage`).
    pub public_pages: Arc<[&'static PublicPage]>,
    /// The coordinators' queues, from every capability (`super::pages::Queue`).
    pub queues: Arc<[&'static Queue]>,
    /// Search indexes the capabilities derive from the data above (the subsidy search's index
    /// of the catalogue), each rebuilt by its capability when what it was built from has been
    /// replaced. Type-erased: infrastructure knows no capability.
    pub indexes: Shared<Vec<Arc<dyn std::any::Any + Send + Sync>>>,
    /// The monitor's anonymous counts of this instance not yet written (`super::tally`).
    pub tallies: Arc<super::tally::Tallies>,
}

/// Which version of a shared value this instance loaded, and the lock that keeps its reloads
/// in order (a reload that read an older version never replaces a newer one's result).
#[derive(Default)]
pub struct Loaded {
    pub version: std::sync::atomic::AtomicI64,
    pub reload: tokio::sync::Mutex<()>,
}

/// A value every request reads and a rare change replaces whole: readers take an `Arc` of the
/// current value and never wait for the database.
pub struct Shared<T>(Arc<RwLock<Arc<T>>>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared(Arc::new(RwLock::new(Arc::new(T::default()))))
    }
}

impl<T> Shared<T> {
    pub fn get(&self) -> Arc<T> {
        self.0
            .read()
            .map(|c| Arc::clone(&c))
            .unwrap_or_else(|poisoned| Arc::clone(&poisoned.into_inner()))
    }

    /// Replaces the value with what `f` makes of the current one, holding the write lock, so
    /// two updates never lose each other's change.
    pub fn update(&self, f: impl FnOnce(&T) -> T) {
        match self.0.write() {
            Ok(mut guard) => {
                let next = Arc::new(f(&guard));
                *guard = next;
            }
            Err(poisoned) => {
                let mut guard = poisoned.into_inner();
                let next = Arc::new(f(&guard));
                *guard = next;
            }
        }
    }

    pub fn replace(&self, value: T) {
        let value = Arc::new(value);
        match self.0.write() {
            Ok(mut guard) => *guard = value,
            Err(poisoned) => *poisoned.into_inner() = value,
        }
    }
}

/// The settings handlers need, taken from the server configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The address people reach the portal at, for links in e-mails (no trailing slash).
    pub public_url: String,
    /// Served over HTTPS: cookies are Secure and `__Host-` prefixed.
    pub behind_tls: bool,
    pub session: SessionPolicy,
    /// Shows `/dev/outbox` (never in production).
    pub dev_outbox: bool,
    /// Days a handled application is kept before the retention job deletes it.
    pub application_retention_days: u32,
    /// Days a response to an opening is kept after the opening closed.
    pub response_retention_days: u32,
    /// Signs the CSRF tokens this server hands out.
    pub csrf_key: CsrfKey,
}

impl SiteConfig {
    /// The name of the CSRF cookie (`__Host-` prefixed over TLS).
    pub fn csrf_cookie(&self) -> &'static str {
        if self.behind_tls {
            "__Host-hvw_csrf"
        } else {
            "hvw_csrf"
        }
    }

    pub fn session_cookie(&self) -> &'static str {
        if self.behind_tls {
            "__Host-hvw_session"
        } else {
            "hvw_session"
        }
    }

    /// The attributes every cookie of ours carries.
    pub fn cookie_attributes(&self) -> &'static str {
        if self.behind_tls {
            "Path=/; HttpOnly; SameSite=Lax; Secure"
        } else {
            "Path=/; HttpOnly; SameSite=Lax"
        }
    }
}

/// Rate limits, in memory per server instance (a limit per instance is still a limit).
pub struct RateLimits {
    /// Every public form post, per client IP.
    pub forms_per_ip: Keyed,
    /// Login attempts per client IP and per account.
    pub login_per_ip: Keyed,
    pub login_per_account: Keyed,
}

pub type Keyed = governor::DefaultKeyedRateLimiter<String>;

impl RateLimits {
    pub fn new(forms_per_minute: u32, logins_per_minute: u32) -> Self {
        use governor::{Quota, RateLimiter};
        use std::num::NonZeroU32;
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("positive"));
        RateLimits {
            forms_per_ip: RateLimiter::keyed(quota(forms_per_minute)),
            login_per_ip: RateLimiter::keyed(quota(logins_per_minute * 2)),
            login_per_account: RateLimiter::keyed(quota(logins_per_minute)),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
