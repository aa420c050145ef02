//! The browser entry point: hydrates the server-rendered page, after which the app navigates
//! client-side.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the console in development builds; the release bundle leaves out the
    // formatting code they need (it aborts on panic anyway).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // hydrate_lazy: some routes are split into chunks the browser loads when they are visited.
    leptos::mount::hydrate_lazy(app::App);
}
