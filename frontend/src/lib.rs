//! The browser entry point: hydrates the server-rendered page, after which the app navigates
//! client-side.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // hydrate_lazy: some routes are split into chunks the browser loads when they are visited.
    leptos::mount::hydrate_lazy(app::App);
}
