//! Accounts for employers, coordinators and admins: sign-up, e-mail confirmation, login and
//! logout, password reset, and the account page. Citizens never need an account.
//!
//! Every form is a plain `<form method="post">` handled by `handlers` (server only), which
//! validates, changes the database in one transaction and redirects — or renders the page again
//! with the person's input and a message per field.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::domain::account::SECTORS;
use crate::forms::{
    use_form_state, CsrfField, ErrorSummary, Field, FormState, Notice, RadioGroup, Select,
};
use crate::i18n::*;
use crate::layout::{current_locale, PageIntro};

#[cfg(feature = "ssr")]
mod admin;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
mod login;
#[cfg(feature = "ssr")]
mod password;
#[cfg(feature = "ssr")]
mod settings;
#[cfg(feature = "ssr")]
mod signup;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
mod team;

#[cfg(feature = "ssr")]
pub use admin::create_staff_user;
#[cfg(feature = "ssr")]
pub use handlers::PAGES;

/// A one-word notice from the query (`?melding=`), as the text to show. Tracks the query, so a
/// client-side navigation to the same page with another notice shows it.
fn notice() -> Signal<Option<&'static str>> {
    let locale = current_locale();
    let query = use_query_map();
    Signal::derive(move || notice_text(locale, query.with(|q| q.get("melding")).as_deref()))
}

fn notice_text(locale: Locale, key: Option<&str>) -> Option<&'static str> {
    match key {
        Some("bevestig-email") => Some(td_string!(locale, account.notice_check_email)),
        Some("bevestigd") => Some(td_string!(locale, account.notice_confirmed)),
        Some("uitgelogd") => Some(td_string!(locale, account.notice_logged_out)),
        Some("link-verstuurd") => Some(td_string!(locale, account.notice_reset_sent)),
        Some("wachtwoord-gewijzigd") => Some(td_string!(locale, account.notice_password_changed)),
        Some("sessie-verlopen") => Some(td_string!(locale, account.notice_session_expired)),
        Some("uitnodiging-verstuurd") => Some(td_string!(locale, account.notice_invite_sent)),
        Some("verwijderd") => Some(td_string!(locale, account.notice_deleted)),
        Some("aangemaakt") => Some(td_string!(locale, account.notice_created)),
        _ => None,
    }
}

/// The token from a link in an e-mail (`?token=`), carried on into the form.
fn token_from_query() -> String {
    use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default()
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    view! {
        <PageIntro title=td_string!(locale, account.register_title) intro=td_string!(locale, account.register_intro) />
        <ErrorSummary form=form.clone() />
        <form method="post" action="/registreren" novalidate>
            <CsrfField />
            <fieldset>
                <legend>{td_string!(locale, account.organisation_legend)}</legend>
                <Field form=form.clone() name="org_name" label=td_string!(locale, account.org_name) autocomplete="organization" />
                <Field form=form.clone() name="kvk" label=td_string!(locale, account.kvk) hint=td_string!(locale, account.kvk_hint) inputmode="numeric" />
                <GemeenteSelect form=form.clone() />
                <SectorSelect form=form.clone() />
                <ErkendRadios form=form.clone() />
            </fieldset>
            <fieldset>
                <legend>{td_string!(locale, account.user_legend)}</legend>
                <Field form=form.clone() name="name" label=td_string!(locale, account.name) autocomplete="name" />
                <Field form=form.clone() name="email" label=td_string!(locale, account.email) kind="email" autocomplete="email" hint=td_string!(locale, account.email_hint) />
                <Field form=form.clone() name="password" label=td_string!(locale, account.password) kind="password" autocomplete="new-password" hint=td_string!(locale, account.password_hint) />
            </fieldset>
            <button type="submit" class="button">{td_string!(locale, account.register_submit)}</button>
        </form>
        <p>{td_string!(locale, account.have_account)} " " <a href="/inloggen">{td_string!(locale, account.login_link)}</a></p>
    }
}

#[component]
fn GemeenteSelect(form: FormState) -> impl IntoView {
    let locale = current_locale();
    let mut options: Vec<(&'static str, &'static str)> = crate::domain::region::GEMEENTEN
        .iter()
        .map(|g| (g.code, g.name))
        .collect();
    options.push(("elders", td_string!(locale, account.gemeente_elsewhere)));
    view! {
        <Select form name="gemeente" label=td_string!(locale, account.gemeente)
            placeholder=td_string!(locale, account.choose) options />
    }
}

/// The label of a sector key.
pub fn sector_label(locale: Locale, key: &str) -> &'static str {
    match key {
        "zorg" => td_string!(locale, sector.zorg),
        "techniek" => td_string!(locale, sector.techniek),
        "bouw" => td_string!(locale, sector.bouw),
        "logistiek" => td_string!(locale, sector.logistiek),
        "ict" => td_string!(locale, sector.ict),
        "onderwijs" => td_string!(locale, sector.onderwijs),
        "horeca" => td_string!(locale, sector.horeca),
        "recreatie" => td_string!(locale, sector.recreatie),
        "retail" => td_string!(locale, sector.retail),
        "landbouw" => td_string!(locale, sector.landbouw),
        "overheid" => td_string!(locale, sector.overheid),
        "zakelijk" => td_string!(locale, sector.zakelijk),
        _ => td_string!(locale, sector.overig),
    }
}

#[component]
fn SectorSelect(form: FormState) -> impl IntoView {
    let locale = current_locale();
    let options = SECTORS
        .iter()
        .map(|key| (*key, sector_label(locale, key)))
        .collect();
    view! {
        <Select form name="sector" label=td_string!(locale, account.sector)
            placeholder=td_string!(locale, account.choose) options />
    }
}

#[component]
fn ErkendRadios(form: FormState) -> impl IntoView {
    let locale = current_locale();
    let options = vec![
        ("ja", td_string!(locale, account.yes)),
        ("nee", td_string!(locale, account.no)),
    ];
    view! {
        <RadioGroup form name="erkend" legend=td_string!(locale, account.erkend)
            hint=td_string!(locale, account.erkend_hint) options />
    }
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let token = token_from_query();
    view! {
        <PageIntro title=td_string!(locale, account.confirm_title) intro=td_string!(locale, account.confirm_intro) />
        <ErrorSummary form=form.clone() />
        <form method="post" action="/bevestigen">
            <CsrfField />
            <input type="hidden" name="token" value=token />
            <button type="submit" class="button">{td_string!(locale, account.confirm_submit)}</button>
        </form>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    view! {
        <PageIntro title=td_string!(locale, account.login_title) intro=td_string!(locale, account.login_intro) />
        <Notice text=notice() />
        <ErrorSummary form=form.clone() />
        <form method="post" action="/inloggen" novalidate>
            <CsrfField />
            <Field form=form.clone() name="email" label=td_string!(locale, account.email) kind="email" autocomplete="username" />
            <Field form=form.clone() name="password" label=td_string!(locale, account.password) kind="password" autocomplete="current-password" />
            <button type="submit" class="button">{td_string!(locale, account.login_submit)}</button>
        </form>
        <p><a href="/wachtwoord-vergeten">{td_string!(locale, account.forgot_link)}</a></p>
        <p>{td_string!(locale, account.no_account)} " " <a href="/registreren">{td_string!(locale, account.register_link)}</a></p>
    }
}

#[component]
pub fn LogoutPage() -> impl IntoView {
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, account.logout_title) intro=td_string!(locale, account.logout_intro) />
        <LogoutButton />
    }
}

/// Logging out changes state, so it is a POST, never a link.
#[component]
pub fn LogoutButton() -> impl IntoView {
    let locale = current_locale();
    view! {
        <form method="post" action="/uitloggen" class="inline-form">
            <CsrfField />
            <button type="submit" class="button button-secondary">{td_string!(locale, account.logout_submit)}</button>
        </form>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    view! {
        <PageIntro title=td_string!(locale, account.forgot_title) intro=td_string!(locale, account.forgot_intro) />
        <Notice text=notice() />
        <ErrorSummary form=form.clone() />
        <form method="post" action="/wachtwoord-vergeten" novalidate>
            <CsrfField />
            <Field form=form.clone() name="email" label=td_string!(locale, account.email) kind="email" autocomplete="email" />
            <button type="submit" class="button">{td_string!(locale, account.forgot_submit)}</button>
        </form>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let token = token_from_query();
    view! {
        <PageIntro title=td_string!(locale, account.reset_title) intro=td_string!(locale, account.reset_intro) />
        <ErrorSummary form=form.clone() />
        <form method="post" action="/wachtwoord-herstellen" novalidate>
            <CsrfField />
            <input type="hidden" name="token" value=token />
            <Field form=form.clone() name="password" label=td_string!(locale, account.new_password) kind="password" autocomplete="new-password" hint=td_string!(locale, account.password_hint) />
            <button type="submit" class="button">{td_string!(locale, account.reset_submit)}</button>
        </form>
    }
}

/// What the account page shows: the personal data held about the logged-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub name: String,
    pub email: String,
    pub role: String,
    pub organisation: Option<String>,
    pub kvk: Option<String>,
}

/// The account page. The server renders it in one pass with the data loaded by
/// `handlers::account_page` (no Suspense); links to it are plain (`rel="external"`) links.
#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = current_locale();
    match SharedValue::new(use_context::<AccountView>).into_inner() {
        Some(account) => view! { <AccountDetails account /> }.into_any(),
        None => view! {
            <PageIntro title=td_string!(locale, account.login_title) intro=td_string!(locale, account.login_needed) />
            <p><a href="/inloggen">{td_string!(locale, account.login_link)}</a></p>
        }
        .into_any(),
    }
}

#[component]
fn AccountDetails(account: AccountView) -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let role = match account.role.as_str() {
        "admin" => td_string!(locale, account.role_admin),
        "coordinator" => td_string!(locale, account.role_coordinator),
        _ => td_string!(locale, account.role_employer),
    };
    let is_employer = account.role == "employer";
    let is_staff = matches!(account.role.as_str(), "admin" | "coordinator");
    view! {
        <PageIntro title=td_string!(locale, account.account_title) intro=td_string!(locale, account.account_intro) />
        <Notice text=notice() />
        <ErrorSummary form=form.clone() />
        <h2>{td_string!(locale, account.data_heading)}</h2>
        <dl class="summary-list">
            <dt>{td_string!(locale, account.name)}</dt><dd>{account.name.clone()}</dd>
            <dt>{td_string!(locale, account.email)}</dt><dd>{account.email.clone()}</dd>
            <dt>{td_string!(locale, account.role)}</dt><dd>{role}</dd>
            {account.organisation.clone().map(|o| view! { <dt>{td_string!(locale, account.org_name)}</dt><dd>{o}</dd> })}
            {account.kvk.clone().map(|k| view! { <dt>{td_string!(locale, account.kvk)}</dt><dd>{k}</dd> })}
        </dl>
        <p><a href="/account/gegevens" download="huisvanwerk-gegevens.json" rel="external">{td_string!(locale, account.download)}</a></p>
        <LogoutButton />
        {is_staff.then(|| view! {
            <h2>{td_string!(locale, admin.heading)}</h2>
            <p><a href="/beheer" rel="external">{td_string!(locale, admin.home_link)}</a></p>
        })}
        {is_employer.then(|| view! {
            <h2>{td_string!(locale, account.invite_heading)}</h2>
            <p>{td_string!(locale, account.invite_intro)}</p>
            <form method="post" action="/account/uitnodigen" novalidate>
                <CsrfField />
                <Field form=form.clone() name="invite_email" label=td_string!(locale, account.invite_email) kind="email" autocomplete="off" />
                <button type="submit" class="button">{td_string!(locale, account.invite_submit)}</button>
            </form>
        })}
        <h2>{td_string!(locale, account.change_password_heading)}</h2>
        <form method="post" action="/account/wachtwoord" novalidate>
            <CsrfField />
            <Field form=form.clone() name="current_password" label=td_string!(locale, account.current_password) kind="password" autocomplete="current-password" />
            <Field form=form.clone() name="new_password" label=td_string!(locale, account.new_password) kind="password" autocomplete="new-password" hint=td_string!(locale, account.password_hint) />
            <button type="submit" class="button">{td_string!(locale, account.change_password_submit)}</button>
        </form>
        <h2>{td_string!(locale, account.delete_heading)}</h2>
        <p>{td_string!(locale, account.delete_intro)}</p>
        <form method="post" action="/account/verwijderen" novalidate>
            <CsrfField />
            <Field form=form.clone() name="delete_password" label=td_string!(locale, account.delete_password) kind="password" autocomplete="current-password" />
            <button type="submit" class="button button-warning">{td_string!(locale, account.delete_submit)}</button>
        </form>
    }
}

#[component]
pub fn JoinPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let token = token_from_query();
    view! {
        <PageIntro title=td_string!(locale, account.join_title) intro=td_string!(locale, account.join_intro) />
        <ErrorSummary form=form.clone() />
        <form method="post" action="/uitnodiging" novalidate>
            <CsrfField />
            <input type="hidden" name="token" value=token />
            <Field form=form.clone() name="name" label=td_string!(locale, account.name) autocomplete="name" />
            <Field form=form.clone() name="password" label=td_string!(locale, account.password) kind="password" autocomplete="new-password" hint=td_string!(locale, account.password_hint) />
            <button type="submit" class="button">{td_string!(locale, account.join_submit)}</button>
        </form>
    }
}

/// A user in the admin list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub organisation: Option<String>,
    pub disabled: bool,
}

/// One coordinators' queue on the beheer start page, with its title in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub path: String,
    pub title_nl: String,
    pub title_en: String,
    pub open: i64,
}

/// The beheer start page's data: every queue, and whether the admin's pages are offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffHome {
    pub queues: Vec<QueueRow>,
    pub admin: bool,
}

/// The beheer start page for coordinators and admins: every queue with what is still open, and
/// for admins the users and the audit log.
#[component]
pub fn StaffHomePage() -> impl IntoView {
    let locale = current_locale();
    let Some(home) = SharedValue::new(use_context::<StaffHome>).into_inner() else {
        return view! { <NotAllowed /> }.into_any();
    };
    let english = locale == Locale::en;
    view! {
        <PageIntro title=td_string!(locale, admin.home_title) intro=td_string!(locale, admin.home_intro) />
        <h2>{td_string!(locale, admin.queues_heading)}</h2>
        <ul class="queue-list">
            {home.queues.into_iter().map(|q| {
                let title = if english { q.title_en } else { q.title_nl };
                let count = td_string!(locale, admin.queue_open).replace("{open}", &q.open.to_string());
                let class = if q.open > 0 { "queue-count queue-count-open" } else { "queue-count" };
                view! {
                    <li>
                        <a href=q.path rel="external">{title}</a>
                        " " <span class=class>{count}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
        <p><a href="/beheer/monitor" rel="external">{td_string!(locale, monitor.staff_link)}</a></p>
        {home.admin.then(|| view! {
            <h2>{td_string!(locale, admin.heading)}</h2>
            <ul>
                <li><a href="/beheer/gebruikers" rel="external">{td_string!(locale, admin.users_title)}</a></li>
                <li><a href="/beheer/audit" rel="external">{td_string!(locale, admin.audit_title)}</a></li>
            </ul>
        })}
        <p><a href="/account" rel="external">{td_string!(locale, nav.account)}</a></p>
    }
    .into_any()
}

/// An entry of the audit log: ids only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: i64,
    pub actor: Option<i64>,
    pub action: String,
    /// What the entry is about: `user`, `organisation`, `application` or `pledge`, and its id.
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub target_org: Option<i64>,
}

/// "user #3", "aanmelding #12", … for the audit log.
fn audit_target(locale: Locale, row: &AuditRow) -> String {
    let kind = match row.target_kind.as_deref() {
        Some("user") => Some(td_string!(locale, admin.kind_user)),
        Some("organisation") => Some(td_string!(locale, admin.kind_organisation)),
        Some("application") => Some(td_string!(locale, admin.kind_application)),
        Some("pledge") => Some(td_string!(locale, admin.kind_pledge)),
        _ => None,
    };
    let target = kind.zip(row.target_id).map(|(k, id)| format!("{k} #{id}"));
    let org = row
        .target_org
        .filter(|_| row.target_kind.as_deref() != Some("organisation"))
        .map(|o| format!("{} #{o}", td_string!(locale, admin.kind_organisation)));
    [target, org]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// What an admin page shows to a logged-in user without access (the handler answers 403).
#[component]
pub fn NotAllowed() -> impl IntoView {
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, admin.forbidden_title) intro=td_string!(locale, admin.forbidden_intro) />
    }
}

/// Every account, for admins (rendered by `handlers::users_page` in one pass).
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let Some(users) = SharedValue::new(use_context::<Vec<UserRow>>).into_inner() else {
        return view! { <NotAllowed /> }.into_any();
    };
    view! {
        <PageIntro title=td_string!(locale, admin.users_title) intro=td_string!(locale, admin.users_intro) />
        <Notice text=notice() />
        <table class="table">
            <caption class="visually-hidden">{td_string!(locale, admin.users_title)}</caption>
            <thead><tr>
                <th scope="col">{td_string!(locale, account.name)}</th>
                <th scope="col">{td_string!(locale, account.email)}</th>
                <th scope="col">{td_string!(locale, account.role)}</th>
                <th scope="col">{td_string!(locale, account.org_name)}</th>
                <th scope="col">{td_string!(locale, admin.status)}</th>
            </tr></thead>
            <tbody>
                {users.into_iter().map(|u| view! { <UserRowView user=u /> }).collect_view()}
            </tbody>
        </table>
        <h2>{td_string!(locale, admin.new_coordinator)}</h2>
        <ErrorSummary form=form.clone() />
        <form method="post" action="/beheer/gebruikers" novalidate>
            <CsrfField />
            <Field form=form.clone() name="name" label=td_string!(locale, account.name) autocomplete="off" />
            <Field form=form.clone() name="email" label=td_string!(locale, account.email) kind="email" autocomplete="off" />
            <button type="submit" class="button">{td_string!(locale, admin.create_submit)}</button>
        </form>
    }
    .into_any()
}

#[component]
fn UserRowView(user: UserRow) -> impl IntoView {
    let locale = current_locale();
    let role = match user.role.as_str() {
        "admin" => td_string!(locale, account.role_admin),
        "coordinator" => td_string!(locale, account.role_coordinator),
        _ => td_string!(locale, account.role_employer),
    };
    let (status, action, label) = if user.disabled {
        (
            td_string!(locale, admin.disabled),
            "enable",
            td_string!(locale, admin.enable),
        )
    } else {
        (
            td_string!(locale, admin.active),
            "disable",
            td_string!(locale, admin.disable),
        )
    };
    view! {
        <tr>
            <td>{user.name.clone()}</td>
            <td>{user.email.clone()}</td>
            <td>{role}</td>
            <td>{user.organisation.clone().unwrap_or_default()}</td>
            <td>
                {status}
                <form method="post" action="/beheer/gebruikers/status" class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="user_id" value=user.id.to_string() />
                    <input type="hidden" name="action" value=action />
                    <button type="submit" class="button button-secondary">
                        {label}<span class="visually-hidden">{format!(": {}", user.name)}</span>
                    </button>
                </form>
            </td>
        </tr>
    }
}

/// The audit log, for admins (rendered by `handlers::audit_page` in one pass).
#[component]
pub fn AuditPage() -> impl IntoView {
    let locale = current_locale();
    let Some(entries) = SharedValue::new(use_context::<Vec<AuditRow>>).into_inner() else {
        return view! { <NotAllowed /> }.into_any();
    };
    view! {
        <PageIntro title=td_string!(locale, admin.audit_title) intro=td_string!(locale, admin.audit_intro) />
        <table class="table">
            <caption class="visually-hidden">{td_string!(locale, admin.audit_title)}</caption>
            <thead><tr>
                <th scope="col">{td_string!(locale, admin.when)}</th>
                <th scope="col">{td_string!(locale, admin.actor)}</th>
                <th scope="col">{td_string!(locale, admin.action)}</th>
                <th scope="col">{td_string!(locale, admin.target)}</th>
            </tr></thead>
            <tbody>
                {entries.into_iter().map(|e| {
                    let target = audit_target(locale, &e);
                    view! {
                        <tr>
                            <td>{format_time(e.at)}</td>
                            <td>{e.actor.map(|a| format!("#{a}")).unwrap_or_default()}</td>
                            <td>{e.action}</td>
                            <td>{target}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// A Unix time as `YYYY-MM-DD HH:MM` (UTC).
fn format_time(at: i64) -> String {
    let date = crate::domain::date::Date::from_days_since_epoch(at.div_euclid(86_400));
    let secs = at.rem_euclid(86_400);
    format!("{date} {:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_unix_times_as_utc() {
        assert_eq!(super::format_time(0), "1970-01-01 00:00");
        assert_eq!(super::format_time(1_795_478_400), "2026-11-24 00:00");
        assert_eq!(super::format_time(951_782_400 + 3_661), "2000-02-29 01:01");
    }
}
