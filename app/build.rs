//! Generates the typed translation module from `locales/*.json` (leptos_i18n): every `t!` key
//! is checked at compile time against the default locale. A unit test (`i18n_keys`) checks that
//! both languages have exactly the same keys.
use std::path::PathBuf;

use leptos_i18n_build::{Config, TranslationsInfos};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("i18n");
    let config = Config::new("nl")
        .and_then(|c| c.add_locale("en"))
        .expect("valid locale names")
        .locales_path("../locales");
    let infos = TranslationsInfos::parse(config).expect("locales/*.json parse");
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos
        .generate_i18n_module(out)
        .expect("generate the i18n module");
}
