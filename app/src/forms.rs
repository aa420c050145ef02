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
    /// Every value of each field, for fields that post several (checkbox groups, lists).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lists: BTreeMap<String, Vec<String>>,
    /// Messages (translation keys) by field name, in the order of the form.
    pub errors: Vec<FieldError>,
}

impl FormState {
    pub fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }

    /// Every value of a field that posts several (checkbox groups).
    pub fn list(&self, name: &str) -> &[String] {
        self.lists.get(name).map_or(&[], Vec::as_slice)
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

/// What every control shows around its input: the ids of its hint and error message, the
/// message itself (in the page's language), and its `aria-describedby`.
struct Frame {
    id: String,
    hint_id: String,
    error_id: String,
    error: Option<&'static str>,
    described: Option<String>,
}

fn frame(form: &FormState, name: &str, hint: Option<&'static str>) -> Frame {
    let id = field_id(name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = form
        .error(name)
        .map(|key| error_text(current_locale(), key));
    let described = described_by(
        hint.map(|_| hint_id.clone()),
        error.map(|_| error_id.clone()),
    );
    Frame {
        id,
        hint_id,
        error_id,
        error,
        described,
    }
}

impl Frame {
    fn invalid(&self) -> Option<&'static str> {
        self.error.map(|_| "true")
    }

    /// The hint and the error message, in that order (both before the input).
    fn messages(&self, hint: Option<&'static str>) -> impl IntoView {
        let locale = current_locale();
        let hint_id = self.hint_id.clone();
        let error_id = self.error_id.clone();
        view! {
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {self.error.map(|e| view! {
                <p class="error-message" id=error_id>
                    <span class="visually-hidden">{td_string!(locale, form.error_prefix)}</span>{e}
                </p>
            })}
        }
    }
}

/// A labelled text input (`kind`: text, email, password, tel…) with its hint and error message.
#[component]
pub fn Field(
    form: FormState,
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// The label is the page's heading (a question page).
    #[prop(optional)]
    heading: bool,
    /// A narrow input (a number of a few digits).
    #[prop(optional)]
    width: Option<&'static str>,
) -> impl IntoView {
    let frame = frame(&form, name, hint);
    let value = if kind == "password" {
        String::new()
    } else {
        form.value(name)
    };
    view! {
        <div class="field" class:field-error=frame.error.is_some()>
            {if heading {
                view! { <h1 class="label-heading"><label for=frame.id.clone()>{label}</label></h1> }.into_any()
            } else {
                view! { <label for=frame.id.clone()>{label}</label> }.into_any()
            }}
            {frame.messages(hint)}
            <input
                id=frame.id.clone()
                name=name
                class=width
                type=kind
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                aria-describedby=frame.described.clone()
                aria-invalid=frame.invalid()
            />
        </div>
    }
}

/// A labelled multi-line text field.
#[component]
pub fn TextArea(
    form: FormState,
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 4)] rows: u32,
    #[prop(default = 1000)] maxlength: u32,
) -> impl IntoView {
    let frame = frame(&form, name, hint);
    view! {
        <div class="field" class:field-error=frame.error.is_some()>
            <label for=frame.id.clone()>{label}</label>
            {frame.messages(hint)}
            <textarea
                id=frame.id.clone()
                name=name
                rows=rows
                maxlength=maxlength
                aria-describedby=frame.described.clone()
                aria-invalid=frame.invalid()
            >{textarea_text(form.value(name))}</textarea>
        </div>
    }
}

/// A labelled `<select>` whose first choice is empty (`placeholder`, "Kies…").
#[component]
pub fn Select(
    form: FormState,
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    placeholder: &'static str,
    options: Vec<(&'static str, &'static str)>,
    /// The label is the page's heading (a question page).
    #[prop(optional)]
    heading: bool,
) -> impl IntoView {
    let frame = frame(&form, name, hint);
    let selected = form.value(name);
    view! {
        <div class="field" class:field-error=frame.error.is_some()>
            {if heading {
                view! { <h1 class="label-heading"><label for=frame.id.clone()>{label}</label></h1> }.into_any()
            } else {
                view! { <label for=frame.id.clone()>{label}</label> }.into_any()
            }}
            {frame.messages(hint)}
            <select id=frame.id.clone() name=name aria-describedby=frame.described.clone() aria-invalid=frame.invalid()>
                <option value="" selected=selected.is_empty()>{placeholder}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| view! { <option value=value selected=selected == value>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Radio buttons (one answer) or checkboxes (any number: the field posts one value per box) in
/// a fieldset with a legend; the fieldset carries the hint and error message.
fn choice_group(
    form: FormState,
    name: &'static str,
    legend: &'static str,
    hint: Option<&'static str>,
    options: Vec<(&'static str, &'static str)>,
    multiple: bool,
    heading: bool,
) -> impl IntoView {
    let frame = frame(&form, name, hint);
    let chosen: Vec<String> = if multiple {
        form.list(name).to_vec()
    } else {
        vec![form.value(name)]
    };
    let (kind, class, item) = if multiple {
        ("checkbox", "checkboxes", "checkbox")
    } else {
        ("radio", "radios", "radio")
    };
    let id = frame.id.clone();
    let invalid = frame.invalid();
    view! {
        <div class="field" class:field-error=frame.error.is_some()>
            <fieldset class=class id=frame.id.clone() aria-describedby=frame.described.clone()>
                {if heading {
                    view! { <legend class="legend-heading"><h1>{legend}</h1></legend> }.into_any()
                } else {
                    view! { <legend>{legend}</legend> }.into_any()
                }}
                {frame.messages(hint)}
                {options
                    .into_iter()
                    .map(|(option, text)| {
                        let option_id = format!("{id}-{option}");
                        let checked = chosen.iter().any(|c| c == option);
                        view! {
                            <div class=item>
                                <input type=kind id=option_id.clone() name=name value=option checked=checked aria-invalid=invalid />
                                <label for=option_id>{text}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </div>
    }
}

/// A group of radio buttons: one answer.
#[component]
pub fn RadioGroup(
    form: FormState,
    name: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    options: Vec<(&'static str, &'static str)>,
    /// The legend is the page's heading (a question page: one question, its `<h1>`).
    #[prop(optional)]
    heading: bool,
) -> impl IntoView {
    choice_group(form, name, legend, hint, options, false, heading)
}

/// A group of checkboxes: any number of answers.
#[component]
pub fn CheckboxGroup(
    form: FormState,
    name: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    choice_group(form, name, legend, hint, options, true, false)
}

/// One checkbox with its label (consent, say), its hint below the label.
#[component]
pub fn Checkbox(
    form: FormState,
    name: &'static str,
    value: &'static str,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let frame = frame(&form, name, hint);
    let locale = current_locale();
    let checked = form.value(name) == value;
    let hint_id = frame.hint_id.clone();
    let error_id = frame.error_id.clone();
    view! {
        <div class="field" class:field-error=frame.error.is_some()>
            {frame.error.map(|e| view! {
                <p class="error-message" id=error_id>
                    <span class="visually-hidden">{td_string!(locale, form.error_prefix)}</span>{e}
                </p>
            })}
            <div class="checkbox">
                <input type="checkbox" id=frame.id.clone() name=name value=value checked=checked
                    aria-describedby=frame.described.clone() aria-invalid=frame.invalid() />
                <label for=frame.id.clone()>{label}</label>
            </div>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
        </div>
    }
}

/// How a person asked to be contacted, as `<dt>`/`<dd>` pairs for a coordinators' queue item
/// (an application, an intake contact request).
#[component]
pub fn ContactFacts(
    name: String,
    email: Option<String>,
    phone: Option<String>,
    /// `phone` or `email`.
    preferred: String,
) -> impl IntoView {
    let locale = current_locale();
    let preferred = if preferred == "phone" {
        td_string!(locale, apply.by_phone)
    } else {
        td_string!(locale, apply.by_email)
    };
    view! {
        <dt>{td_string!(locale, apply.name)}</dt><dd>{name}</dd>
        <dt>{td_string!(locale, apply.email)}</dt><dd>{email.unwrap_or_else(|| "–".into())}</dd>
        <dt>{td_string!(locale, apply.phone)}</dt><dd>{phone.unwrap_or_else(|| "–".into())}</dd>
        <dt>{td_string!(locale, apply.preferred)}</dt><dd>{preferred}</dd>
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
        "cv_skill_unknown" => td_string!(locale, form_error.cv_skill_unknown),
        "cv_skills_required" => td_string!(locale, form_error.cv_skills_required),
        "cv_occupation_required" => td_string!(locale, form_error.cv_occupation_required),
        "cv_occupation_unknown" => td_string!(locale, form_error.cv_occupation_unknown),
        "cv_years_invalid" => td_string!(locale, form_error.cv_years_invalid),
        "cv_education_invalid" => td_string!(locale, form_error.cv_education_invalid),
        "cv_hours_invalid" => td_string!(locale, form_error.cv_hours_invalid),
        "cv_hours_order" => td_string!(locale, form_error.cv_hours_order),
        "cv_mode_invalid" => td_string!(locale, form_error.cv_mode_invalid),
        "cv_km_invalid" => td_string!(locale, form_error.cv_km_invalid),
        "cv_minutes_invalid" => td_string!(locale, form_error.cv_minutes_invalid),
        "cv_sector_invalid" => td_string!(locale, form_error.cv_sector_invalid),
        "cv_contract_invalid" => td_string!(locale, form_error.cv_contract_invalid),
        "cv_town_invalid" => td_string!(locale, form_error.cv_town_invalid),
        "cv_town_needed" => td_string!(locale, form_error.cv_town_needed),
        "cv_too_many_skills" => td_string!(locale, form_error.cv_too_many_skills),
        "cv_too_many_jobs" => td_string!(locale, form_error.cv_too_many_jobs),
        "cv_file_required" => td_string!(locale, form_error.cv_file_required),
        "cv_file_invalid" => td_string!(locale, form_error.cv_file_invalid),
        "cv_file_too_large" => td_string!(locale, form_error.cv_file_too_large),
        "cv_file_unknown" => td_string!(locale, form_error.cv_file_unknown),
        "vacancy_town_required" => td_string!(locale, form_error.vacancy_town_required),
        "vacancy_hours_invalid" => td_string!(locale, form_error.vacancy_hours_invalid),
        "vacancy_date_invalid" => td_string!(locale, form_error.vacancy_date_invalid),
        "vacancy_date_range" => td_string!(locale, form_error.vacancy_date_range),
        "vacancy_no_skills" => td_string!(locale, form_error.vacancy_no_skills),
        "vacancy_file_required" => td_string!(locale, form_error.vacancy_file_required),
        "vacancy_file_too_large" => td_string!(locale, form_error.vacancy_file_too_large),
        "vacancy_file_unreadable" => td_string!(locale, form_error.vacancy_file_unreadable),
        "too_long" => td_string!(locale, form_error.too_long),
        "email_required" => td_string!(locale, form_error.email_required),
        "email_invalid" => td_string!(locale, form_error.email_invalid),
        "email_taken" => td_string!(locale, form_error.email_taken),
        "kvk_required" => td_string!(locale, form_error.kvk_required),
        "kvk_invalid" => td_string!(locale, form_error.kvk_invalid),
        "kvk_taken" => td_string!(locale, form_error.kvk_taken),
        "choose_one" => td_string!(locale, form_error.choose_one),
        "intake_age_range" => td_string!(locale, form_error.intake_age_range),
        "intake_years_range" => td_string!(locale, form_error.intake_years_range),
        "intake_whole_number" => td_string!(locale, form_error.intake_whole_number),
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
        "places_range" => td_string!(locale, form_error.places_range),
        "level_kind" => td_string!(locale, form_error.level_kind),
        "date_invalid" => td_string!(locale, form_error.date_invalid),
        "period_order" => td_string!(locale, form_error.period_order),
        "period_long" => td_string!(locale, form_error.period_long),
        "period_past" => td_string!(locale, form_error.period_past),
        "reason_required" => td_string!(locale, form_error.reason_required),
        "target_range" => td_string!(locale, form_error.target_range),
        "places_over_pledge" => td_string!(locale, form_error.places_over_pledge),
        "start_past" => td_string!(locale, form_error.start_past),
        "places_below_openings" => td_string!(locale, form_error.places_below_openings),
        "hours_week_range" => td_string!(locale, form_error.hours_week_range),
        "email_or_phone" => td_string!(locale, form_error.email_or_phone),
        "guardian_consent_required" => td_string!(locale, form_error.guardian_consent_required),
        "opening_closed" => td_string!(locale, form_error.opening_closed),
        "delete_confirm_required" => td_string!(locale, form_error.delete_confirm_required),
        "answer_not_now" => td_string!(locale, form_error.answer_not_now),
        "opening_full" => td_string!(locale, form_error.opening_full),
        "alerts_too_many" => td_string!(locale, form_error.alerts_too_many),
        "scheme_slug" => td_string!(locale, catalogue.p_slug),
        "scheme_choice" => td_string!(locale, catalogue.p_choice),
        "scheme_json" => td_string!(locale, catalogue.p_json),
        "scheme_date" => td_string!(locale, catalogue.p_date),
        "scheme_url" => td_string!(locale, catalogue.p_url),
        "scheme_date_order" => td_string!(locale, catalogue.p_date_order),
        "scheme_source_required" => td_string!(locale, catalogue.p_source_required),
        "scheme_too_many" => td_string!(locale, catalogue.p_too_many),
        "scheme_window_invalid" => td_string!(locale, catalogue.p_window_invalid),
        "scheme_criterion_invalid" => td_string!(locale, catalogue.p_criterion_invalid),
        "scheme_money_invalid" => td_string!(locale, catalogue.p_money_invalid),
        "scheme_money_for_service" => td_string!(locale, catalogue.p_money_for_service),
        "scheme_stacking_group" => td_string!(locale, catalogue.p_stacking_group),
        "scheme_both_languages" => td_string!(locale, catalogue.p_both_languages),
        "scheme_capacity_invalid" => td_string!(locale, catalogue.p_capacity_invalid),
        "scheme_duplicate" => td_string!(locale, catalogue.p_duplicate),
        "scheme_column_missing" => td_string!(locale, catalogue.p_column_missing),
        "scheme_column_unknown" => td_string!(locale, catalogue.p_column_unknown),
        "scheme_csv" => td_string!(locale, catalogue.p_csv),
        "scheme_empty_file" => td_string!(locale, catalogue.p_empty_file),
        "scheme_id_taken" => td_string!(locale, catalogue.p_id_taken),
        "scheme_conflict" => td_string!(locale, catalogue.p_conflict),
        "scheme_file_required" => td_string!(locale, catalogue.p_file_required),
        "scheme_file_too_large" => td_string!(locale, catalogue.p_file_too_large),
        "scheme_import_refused" => td_string!(locale, catalogue.p_import_refused),
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

/// A list with its filters, live: with JavaScript, a changed filter (or a word typed, after a
/// pause) puts the filters in the address bar and the list (`#list`) and its count (`#count`,
/// a status line, so screen readers announce the new number) from the server's page for them
/// in place — no page load, the same list a browser without JavaScript gets from the plain GET
/// form (the form's `action`). Only the newest request writes. The stages board and the
/// vacancy search share it (one island, no extra code per page).
#[island]
pub fn LiveList(
    /// Said in the count's place when the server cannot be reached.
    unavailable: String,
    /// The ids of the list and of its count.
    #[prop(into)]
    list: String,
    #[prop(into)] count: String,
    children: Children,
) -> impl IntoView {
    let latest = StoredValue::new(0u64);
    let unavailable = StoredValue::new(unavailable);
    let ids = StoredValue::new((list, count));
    let refresh = move |ev: &leptos::web_sys::Event, delay_ms: u32| {
        #[cfg(not(feature = "ssr"))]
        {
            let ticket = latest.get_value() + 1;
            latest.set_value(ticket);
            crate::browser::refresh_list(
                ev,
                ids.get_value(),
                unavailable.get_value(),
                delay_ms,
                move || latest.get_value() == ticket,
            );
        }
        #[cfg(feature = "ssr")]
        let _ = (ev, delay_ms, latest, unavailable, ids);
    };
    view! {
        <div
            class="live-list"
            on:change=move |ev| refresh(&ev, 0)
            on:input=move |ev| {
                #[cfg(not(feature = "ssr"))]
                if crate::browser::is_search(&ev) {
                    refresh(&ev, 350);
                }
                #[cfg(feature = "ssr")]
                let _ = ev;
            }
            on:submit=move |ev| {
                ev.prevent_default();
                refresh(&ev, 0);
            }
        >
            {children()}
        </div>
    }
}
