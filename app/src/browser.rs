//! What the islands share in the browser (compiled to wasm only): fetching a page of the portal
//! and reading it, so an island can put the server's own HTML in place instead of rendering it.
//! A capability's island keeps its DOM work in its own folder; this is plain plumbing.
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{
    Document, DomParser, Element, Event, FormData, HtmlFormElement, HtmlInputElement,
    SupportedType, UrlSearchParams,
};
use wasm_bindgen_futures::JsFuture;

/// The page at `address` as HTML, `None` when it could not be fetched.
pub async fn fetch_page(address: &str) -> Option<String> {
    let response = JsFuture::from(window().fetch_with_str(address))
        .await
        .ok()?
        .dyn_into::<leptos::web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// A fetched page as a document to take parts from.
pub fn parse(html: &str) -> Option<Document> {
    DomParser::new()
        .ok()
        .and_then(|parser| parser.parse_from_string(html, SupportedType::TextHtml).ok())
}

/// The form an event happened in.
pub fn form_of(ev: &Event) -> Option<HtmlFormElement> {
    ev.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| el.closest("form").ok().flatten())
        .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
}

/// A form's fields as a query string, as the browser would send them with a GET.
pub fn query_of(form: &HtmlFormElement) -> Option<String> {
    FormData::new_with_form(form)
        .ok()
        .and_then(|data| UrlSearchParams::new_with_str_sequence_sequence(&data).ok())
        .map(|params| String::from(params.to_string()))
}

/// Puts `address` in the address bar without a page load (the page stays a link).
pub fn show_address(address: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(address));
    }
}

/// The language of the page (`<html lang>`), for the pages an island fetches.
pub fn page_lang() -> String {
    document()
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .unwrap_or_default()
}

/// The event came from a word search field.
pub fn is_search(ev: &Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|input| input.type_() == "search")
}

/// After `delay_ms`, if no newer change came (`current`): the list and its count (`ids`) from
/// the server's page for the event's form, in place, and that page's address in the address
/// bar. `unavailable` is said in the count's place when the page cannot be fetched.
pub fn refresh_list(
    ev: &Event,
    ids: (String, String),
    unavailable: String,
    delay_ms: u32,
    current: impl Fn() -> bool + 'static,
) {
    let Some(form) = form_of(ev) else {
        return;
    };
    let (Some(query), Some(action)) = (query_of(&form), form.get_attribute("action")) else {
        return;
    };
    let run = move || {
        if !current() {
            return;
        }
        let address = if query.is_empty() {
            action.clone()
        } else {
            format!("{action}?{query}")
        };
        show_address(&address);
        let separator = if query.is_empty() { '?' } else { '&' };
        let lang = page_lang();
        let (list_id, count_id) = ids.clone();
        let unavailable = unavailable.clone();
        let current = std::rc::Rc::new(current);
        leptos::task::spawn_local(async move {
            let page = fetch_page(&format!("{address}{separator}lang={lang}")).await;
            if !current() {
                return;
            }
            let doc = document();
            let page = page.as_deref().and_then(parse);
            let (Some(list), Some(count)) = (
                doc.get_element_by_id(&list_id),
                doc.get_element_by_id(&count_id),
            ) else {
                return;
            };
            match page.and_then(|p| {
                Some((
                    p.get_element_by_id(&list_id)?,
                    p.get_element_by_id(&count_id)?,
                ))
            }) {
                Some((new_list, new_count)) => {
                    list.set_inner_html(&new_list.inner_html());
                    count.set_text_content(new_count.text_content().as_deref());
                }
                None => count.set_text_content(Some(&unavailable)),
            }
        });
    };
    if delay_ms == 0 {
        run();
    } else {
        set_timeout(run, std::time::Duration::from_millis(delay_ms.into()));
    }
}
