//! The two interface languages and how a request picks one.
//!
//! Dutch is the default, whatever the browser says (the portal is Dutch first). `?lang=en` or
//! `?lang=nl` on any URL switches; the choice is remembered in [`LANG_COOKIE`].

/// The language the server chose for this request (`?lang=`, then the cookie, then Dutch). The
/// language middleware puts it in the request's extensions; the renderer reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLang(pub &'static str);

/// The cookie that remembers the chosen language. Only the server writes it.
pub const LANG_COOKIE: &str = "hvw_lang";

/// The query parameter that switches the language on any URL.
pub const LANG_PARAM: &str = "lang";

/// The language codes the portal speaks, default first.
pub const LANGS: [&str; 2] = ["nl", "en"];

/// Returns the supported language code for `value`, if it is one.
pub fn parse_lang(value: &str) -> Option<&'static str> {
    let value = value.trim();
    LANGS.into_iter().find(|l| l.eq_ignore_ascii_case(value))
}

/// The language asked for in a URL query string (`a=1&lang=en`), if it names a supported one.
pub fn lang_from_query(query: &str) -> Option<&'static str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(k, _)| *k == LANG_PARAM)
        .find_map(|(_, v)| parse_lang(v))
}

/// The link that switches to `lang` on the current page: the same path and query, with `lang`
/// replaced. `search` is the query string with or without its leading `?`.
pub fn switch_href(path: &str, search: &str, lang: &str) -> String {
    let mut query: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(LANG_PARAM))
        .collect();
    let pair = format!("{LANG_PARAM}={lang}");
    query.push(&pair);
    format!("{path}?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_supported_languages_only() {
        assert_eq!(parse_lang("nl"), Some("nl"));
        assert_eq!(parse_lang(" EN "), Some("en"));
        assert_eq!(parse_lang("de"), None);
        assert_eq!(parse_lang(""), None);
    }

    #[test]
    fn finds_lang_in_query() {
        assert_eq!(lang_from_query("lang=en"), Some("en"));
        assert_eq!(lang_from_query("q=zorg&lang=nl&x=1"), Some("nl"));
        assert_eq!(lang_from_query("language=en"), None);
        assert_eq!(lang_from_query("lang=fr"), None);
        assert_eq!(lang_from_query(""), None);
    }

    #[test]
    fn switch_href_keeps_other_parameters_and_replaces_lang() {
        assert_eq!(switch_href("/", "", "en"), "/?lang=en");
        assert_eq!(
            switch_href("/subsidies", "?q=zorg", "en"),
            "/subsidies?q=zorg&lang=en"
        );
        assert_eq!(
            switch_href("/subsidies", "?lang=en&q=zorg", "nl"),
            "/subsidies?q=zorg&lang=nl"
        );
    }
}
