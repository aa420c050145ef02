//! Forms that work without JavaScript (GOV.UK / NL Design System patterns): a page holds a plain
//! `<form method="post">`; its server handler validates and either redirects (303) on success or
//! renders the same page again with a [`FormState`]: what the person typed, a message per field
//! and an error summary at the top that links to the fields. Passwords are never sent back.
use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::i18n::*;
use crate::layout::current_locale;

/// The state of a submitted form, handed from the server handler to the page it renders.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormState {
    /// What the person typed, by field name (never passwords).
    pub values: BTreeMap<String, String>,
    /// Messages (translation keys) by field name, in the order of the form.
    pub errors: Vec<FieldError>,
}

impl FormState {
    pub fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }

    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.message.as_str())
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    pub fn add_error(&mut self, field: &str, message: &str) {
        if self.error(field).is_none() {
            self.errors.push(FieldError {
                field: field.into(),
                message: message.into(),
            });
        }
    }
}

/// The form state of this render: the one the server handler provided, else empty. Shared with
/// the browser so hydration sees the same messages and values.
pub fn use_form_state() -> FormState {
    SharedValue::new(|| use_context::<FormState>().unwrap_or_default()).into_inner()
}

/// The CSRF token of this browser, as the security middleware put it in the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsrfToken(pub String);

/// Name of the hidden field that carries the CSRF token in every form.
pub const CSRF_FIELD: &str = "_csrf";

/// Makes this browser's CSRF token available to every form of the app. Called once, at the
/// root: the server reads it from the request, the browser from the hydration data, and pages
/// rendered later in the browser (client-side navigation) take it from the context.
pub fn provide_csrf_token() {
    let token = SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>()
                .and_then(|parts| parts.extensions.get::<CsrfToken>().cloned())
                .map(|t| t.0)
                .unwrap_or_default()
        }
        #[cfg(not(feature = "ssr"))]
        {
            String::new()
        }
    })
    .into_inner();
    provide_context(CsrfToken(token));
}

/// The hidden CSRF field every state-changing form carries.
#[component]
pub fn CsrfField() -> impl IntoView {
    let token = use_context::<CsrfToken>().map(|t| t.0).unwrap_or_default();
    view! { <input type="hidden" name=CSRF_FIELD value=token /> }
}

/// The summary at the top of a form with errors: a heading and a link to each field.
#[component]
pub fn ErrorSummary(form: FormState) -> impl IntoView {
    let locale = current_locale();
    (!form.errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
                <h2 id="error-summary-title">{td_string!(locale, form.error_summary)}</h2>
                <ul>
                    {form
                        .errors
                        .iter()
                        .map(|e| {
                            view! {
                                <li><a href=format!("#{}", field_id(&e.field))>{error_text(locale, &e.message)}</a></li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// The `id` of the input for field `name`.
pub fn field_id(name: &str) -> String {
    format!("veld-{name}")
}

/// The `aria-describedby` of a field: its hint and its error message, where present.
pub fn described_by(hint_id: Option<String>, error_id: Option<String>) -> Option<String> {
    let ids: Vec<String> = [hint_id, error_id].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A typed value as the portal keeps it: line breaks as `\n`, and no control characters (NUL,
/// escape, backspace, …) but tabs and line breaks. Every form value passes through this before
/// it is validated or stored, so a text field behaves the same on SQLite and on PostgreSQL
/// (which refuses NUL in text).
pub fn clean_input(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// The text inside a `<textarea>`, given as its child.
///
/// Leptos writes a textarea's children into the server's HTML without escaping them (it treats
/// the element like `<script>`), so a kept answer with `</textarea>` in it would end the field and
/// turn the rest into markup. On the server the text is escaped here; the browser decodes it back
/// to what was typed, and hydration leaves a textarea's children alone. In the browser (a
/// client-side render) the text is set as text and needs nothing.
pub fn textarea_text(value: String) -> String {
    if cfg!(feature = "ssr") {
        value
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        value
    }
}

/// A labelled input with an optional hint and its error message.
#[component]
pub fn Field(
    form: FormState,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let locale = current_locale();
    let id = field_id(name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = form.error(name).map(|key| error_text(locale, key));
    let value = if kind == "password" {
        String::new()
    } else {
        form.value(name)
    };
    let described = described_by(
        hint.map(|_| hint_id.clone()),
        error.map(|_| error_id.clone()),
    );
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {error.map(|e| view! { <p class="error-message" id=error_id.clone()><span class="visually-hidden">{td_string!(locale, form.error_prefix)}</span>{e}</p> })}
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                aria-describedby=described
                aria-invalid=error.map(|_| "true")
            />
        </div>
    }
}

/// A message shown after a form succeeded (a translation key in `?melding=`).
#[component]
pub fn Notice(#[prop(into)] text: Signal<Option<&'static str>>) -> impl IntoView {
    move || {
        text.get()
            .map(|t| view! { <div class="notice" role="status"><p>{t}</p></div> })
    }
}

/// The text of an error message key in the page's language. Unknown keys fall back to the
/// general message, so a new server message never shows a raw key.
pub fn error_text(locale: Locale, key: &str) -> &'static str {
    match key {
        "required" => td_string!(locale, form_error.required),
        "too_long" => td_string!(locale, form_error.too_long),
        "email_required" => td_string!(locale, form_error.email_required),
        "email_invalid" => td_string!(locale, form_error.email_invalid),
        "email_taken" => td_string!(locale, form_error.email_taken),
        "kvk_required" => td_string!(locale, form_error.kvk_required),
        "kvk_invalid" => td_string!(locale, form_error.kvk_invalid),
        "kvk_taken" => td_string!(locale, form_error.kvk_taken),
        "choose_one" => td_string!(locale, form_error.choose_one),
        "password_required" => td_string!(locale, form_error.password_required),
        "password_too_short" => td_string!(locale, form_error.password_too_short),
        "password_too_long" => td_string!(locale, form_error.password_too_long),
        "password_weak" => td_string!(locale, form_error.password_weak),
        "password_mismatch" => td_string!(locale, form_error.password_mismatch),
        "password_wrong" => td_string!(locale, form_error.password_wrong),
        "login_failed" => td_string!(locale, form_error.login_failed),
        "rate_limited" => td_string!(locale, form_error.rate_limited),
        "email_unconfirmed" => td_string!(locale, form_error.email_unconfirmed),
        "token_invalid" => td_string!(locale, form_error.token_invalid),
        "consent_required" => td_string!(locale, form_error.consent_required),
        "age_range" => td_string!(locale, form_error.age_range),
        "nlqf_range" => td_string!(locale, form_error.nlqf_range),
        "cost_invalid" => td_string!(locale, form_error.cost_invalid),
        "months_range" => td_string!(locale, form_error.months_range),
        "hours_range" => td_string!(locale, form_error.hours_range),
        "staff_range" => td_string!(locale, form_error.staff_range),
        "phone_invalid" => td_string!(locale, form_error.phone_invalid),
        "phone_required" => td_string!(locale, form_error.phone_required),
        "scheme_unavailable" => td_string!(locale, form_error.scheme_unavailable),
        _ => td_string!(locale, form_error.general),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_removed_and_line_breaks_kept() {
        assert_eq!(clean_input("a\0b\u{1b}[31mc\u{7f}\u{85}"), "ab[31mc");
        assert_eq!(
            clean_input("regel 1\r\nregel 2\rregel 3\tklaar"),
            "regel 1\nregel 2\nregel 3\tklaar"
        );
        assert_eq!(clean_input("Zwolle – één ✓"), "Zwolle – één ✓");
    }

    #[test]
    fn textarea_text_is_escaped_on_the_server() {
        let text = textarea_text("</textarea><meta http-equiv=\"refresh\"> & co".into());
        if cfg!(feature = "ssr") {
            assert_eq!(
                text,
                "&lt;/textarea&gt;&lt;meta http-equiv=\"refresh\"&gt; &amp; co"
            );
        } else {
            assert!(text.starts_with("</textarea>"));
        }
    }
}
