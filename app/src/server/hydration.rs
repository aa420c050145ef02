//! The scripts that make a page's islands interactive, and resource hints that only a browser
//! with JavaScript follows.
//!
//! Leptos' `HydrationScripts` writes `<link rel="modulepreload">` and `<link rel="preload">` for
//! the wasm into the head. Those are plain links: a browser with JavaScript switched off fetches
//! them (wasm it cannot use). Here the same hints are added by a small inline script at the same
//! place in the head, so a browser with JavaScript starts the same downloads at the same moment,
//! and one without downloads nothing. The module script then does what Leptos' islands script
//! does: load the wasm, call `hydrate`, and hydrate each `<leptos-island>` of the page with the
//! export named in its `data-component` — but only on a page that has islands: most pages
//! (the front door among them) are complete as the server sends them and download no code.
//!
//! Written by hand because Leptos has no option for it. What it relies on: the file names
//! cargo-leptos writes (`hash.txt` next to the server binary) and the islands' markup
//! (`<leptos-island data-component>`, one export per island). The browser tests check both
//! sides: with JavaScript the calculator's island works; without, no script or wasm is fetched.
use std::collections::HashMap;
use std::sync::OnceLock;

use leptos::config::LeptosOptions;
use leptos::nonce::use_nonce;
use leptos::prelude::*;

/// The bundle's file names under `/{pkg}/`, read once.
#[derive(Debug, Default)]
struct Bundle {
    pkg: String,
    js: String,
    wasm: String,
    /// The loader of the lazy islands' wasm chunks (`cargo leptos build --split`), which the
    /// JS glue imports.
    split: Option<String>,
}

static BUNDLE: OnceLock<Bundle> = OnceLock::new();

fn bundle(options: &LeptosOptions) -> &'static Bundle {
    BUNDLE.get_or_init(|| {
        let output = options.output_name.to_string();
        let mut hashes = HashMap::new();
        if options.hash_files {
            let path = std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|dir| dir.to_path_buf()))
                .unwrap_or_default()
                .join(options.hash_file.as_ref());
            for line in std::fs::read_to_string(path).unwrap_or_default().lines() {
                if let Some((file, hash)) = line.split_once(':') {
                    hashes.insert(file.trim().to_string(), hash.trim().to_string());
                }
            }
        }
        let named = |kind: &str, plain: String| match hashes.get(kind) {
            Some(hash) => format!("{output}.{hash}.{kind}"),
            None => plain,
        };
        let split = hashes
            .get("split")
            .map(|hash| format!("__wasm_split.{hash}.js"));
        Bundle {
            split,
            js: named("js", format!("{output}.js")),
            wasm: named("wasm", format!("{output}_bg.wasm")),
            pkg: options.site_pkg_dir.to_string(),
        }
    })
}

/// An inline script that adds `<link>` hints to the head: `(href, true)` is a module to
/// preload, `(href, false)` a wasm file to fetch.
fn hints_script(hints: &[(String, bool)]) -> String {
    let list = serde_json::to_string(hints).unwrap_or_else(|_| "[]".into());
    format!(
        "for(const[h,m]of {list}){{const l=document.createElement('link');\
         if(m){{l.rel='modulepreload'}}else{{l.rel='preload';l.as='fetch';\
         l.type='application/wasm';l.crossOrigin='anonymous'}}\
         l.href=h;document.head.append(l)}}"
    )
}

/// Whether the page at `path` has islands (`crate::shell::ISLAND_PAGES`).
fn has_islands(path: &str) -> bool {
    crate::shell::ISLAND_PAGES.contains(&path)
}

/// In the head of every page: the module script that loads the bundle and hydrates the page's
/// islands, and before it, on a page with islands, the hints for the bundle. A page without
/// islands downloads no JS or wasm at all: the module script (deferred, so it runs when the
/// whole page is there) looks for islands first. When it is done, `<html>` gets
/// `data-hydrated` (the browser tests wait for it).
#[component]
pub fn Hydration(options: LeptosOptions) -> impl IntoView {
    let bundle = bundle(&options);
    let nonce = use_nonce();
    let (js, wasm) = (
        format!("/{}/{}", bundle.pkg, bundle.js),
        format!("/{}/{}", bundle.pkg, bundle.wasm),
    );
    let path = use_context::<http::request::Parts>()
        .map(|parts| parts.uri.path().to_string())
        .unwrap_or_default();
    let hints = has_islands(&path).then(|| {
        let mut hints = vec![(js.clone(), true), (wasm.clone(), false)];
        if let Some(split) = &bundle.split {
            hints.push((format!("/{}/{split}", bundle.pkg), true));
        }
        let script = hints_script(&hints);
        let nonce = nonce.clone();
        view! { <script nonce=nonce>{script}</script> }
    });
    // Islands are not nested here, so each is hydrated on its own; a missing export is a
    // build mismatch, reported in the console like Leptos' own script does. A lazy island's
    // export loads its chunk first and answers with a promise: the page counts as hydrated
    // when every island is. The check for islands is the truth; `ISLAND_PAGES` only decides
    // the hints (the browser tests hold the two together).
    let run = format!(
        "const d=document.documentElement,i=document.querySelectorAll('leptos-island');\
         if(!i.length){{d.setAttribute('data-hydrated','true')}}else{{\
         import({js:?}).then(m=>m.default({{module_or_path:{wasm:?}}}).then(()=>{{m.hydrate();\
         const w=[];for(const el of i){{const f=m[el.dataset.component];\
         if(f){{w.push(f(el))}}else{{console.warn('no island',el.dataset.component)}}}}\
         return Promise.all(w)}}).then(()=>d.setAttribute('data-hydrated','true')))}}"
    );
    view! {
        {hints}
        <script type="module" nonce=nonce>{run}</script>
    }
}
