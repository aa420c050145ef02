//! The browser entry point. The server renders every page; only the interactive islands of a
//! page (`#[island]` components in `app`) are compiled to wasm and hydrated here. The module
//! script of `app::server::hydration` calls `hydrate`, then each island's own export.

// The islands are exported (wasm-bindgen) by `app`: it must be linked even though nothing here
// names it.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the console in development builds; the release bundle leaves out the
    // formatting code they need (it aborts on panic anyway).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
