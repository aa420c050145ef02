//! The scripts that make a page interactive, and resource hints that only a browser with
//! JavaScript follows.
//!
//! Leptos' `HydrationScripts` writes `<link rel="modulepreload">` and `<link rel="preload">` for
//! the main wasm into the head, and the server integration adds a `<link rel="preload">` for each
//! wasm chunk of a lazy route. Those are plain links: a browser with JavaScript switched off
//! fetches them all (182 KB of wasm it cannot use). Here the same hints are added by a small
//! inline script at the same place in the head, so a browser with JavaScript starts the same
//! downloads at the same moment, and one without downloads nothing.
//!
//! Written by hand because Leptos has no option for it. What it relies on: the file names
//! cargo-leptos writes (`hash.txt` next to the server binary, the `__wasm_split` manifest), and
//! `leptos::PrefetchLazyFn`, the set of lazy functions a page rendered (what the server
//! integration itself reads). The browser tests check both sides: with JavaScript the page
//! hydrates and its chunks are preloaded; without, no script or wasm is fetched at all.
use std::collections::HashMap;
use std::path::PathBuf;
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
    /// The wasm-split loader (`__wasm_split.<hash>.js`).
    split_js: String,
    /// Lazy function → the chunks (file names without `.wasm`) it needs.
    chunks: HashMap<String, Vec<String>>,
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
        let split_js = match hashes.get("split") {
            Some(hash) => format!("__wasm_split.{hash}.js"),
            None => "__wasm_split.______________________.js".to_string(),
        };
        let manifest = match hashes.get("manifest") {
            Some(hash) => format!("__wasm_split_manifest.{hash}.json"),
            None => "__wasm_split_manifest.json".to_string(),
        };
        let pkg = options.site_pkg_dir.to_string();
        let chunks = std::fs::read_to_string(
            PathBuf::from(options.site_root.as_ref())
                .join(&pkg)
                .join(manifest),
        )
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
        Bundle {
            js: named("js", format!("{output}.js")),
            wasm: named("wasm", format!("{output}_bg.wasm")),
            pkg,
            split_js,
            chunks,
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

/// In the head of every page that hydrates: the hints for the main bundle, then the module
/// script that loads it and hydrates the page.
#[component]
pub fn Hydration(options: LeptosOptions) -> impl IntoView {
    let bundle = bundle(&options);
    let nonce = use_nonce();
    let (js, wasm) = (
        format!("/{}/{}", bundle.pkg, bundle.js),
        format!("/{}/{}", bundle.pkg, bundle.wasm),
    );
    let mut hints = vec![(js.clone(), true), (wasm.clone(), false)];
    if !bundle.chunks.is_empty() {
        // The main module imports the chunk loader on every page.
        hints.push((format!("/{}/{}", bundle.pkg, bundle.split_js), true));
    }
    let hints = hints_script(&hints);
    let run = format!(
        "import({js:?}).then(m=>m.default({{module_or_path:{wasm:?}}}).then(()=>m.hydrate()))"
    );
    view! {
        <script nonce=nonce.clone()>{hints}</script>
        <script type="module" nonce=nonce>{run}</script>
    }
}

/// Called by a lazy page while the server renders it: hints for the wasm chunks the page needs, so the browser fetches them beside the main wasm instead
/// of after it. Registered with the page's head tags.
pub fn preload_page_chunks() {
    let (Some(bundle), Some(rendered)) = (BUNDLE.get(), use_context::<leptos::PrefetchLazyFn>())
    else {
        return;
    };
    let mut hints: Vec<(String, bool)> = rendered
        .0
        .with_value(|set| set.iter().copied().collect::<Vec<_>>())
        .into_iter()
        .flat_map(|key| bundle.chunks.get(key).cloned().unwrap_or_default())
        .map(|chunk| (format!("/{}/{chunk}.wasm", bundle.pkg), false))
        .collect();
    hints.sort();
    hints.dedup();
    if hints.is_empty() {
        return;
    }
    let script = hints_script(&hints);
    // `Script` takes this response's CSP nonce itself.
    let _ = view! { <leptos_meta::Script>{script}</leptos_meta::Script> }.to_html();
}
