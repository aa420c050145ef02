//! The words of the intake: every question, hint, option, criterion, tool and menukaart row
//! by its code (generated texts live in `locales/*.json`, section `intake`).
use crate::domain::account::SECTORS;
use crate::domain::intake::{Criterion, Kind, Question, Tool};
use crate::domain::region;
use crate::i18n::*;

/// The question, as its page asks it.
pub fn question_label(locale: Locale, id: &str) -> &'static str {
    match id {
        "situatie" => td_string!(locale, intake.q_situatie),
        "leeftijd" => td_string!(locale, intake.q_leeftijd),
        "uitkering" => td_string!(locale, intake.q_uitkering),
        "contract" => td_string!(locale, intake.q_contract),
        "opleiding" => td_string!(locale, intake.q_opleiding),
        "diploma" => td_string!(locale, intake.q_diploma),
        "sector" => td_string!(locale, intake.q_sector),
        "jaren" => td_string!(locale, intake.q_jaren),
        "taal" => td_string!(locale, intake.q_taal),
        "doel" => td_string!(locale, intake.q_doel),
        "soort_plek" => td_string!(locale, intake.q_soort_plek),
        "vervoer" => td_string!(locale, intake.q_vervoer),
        "hulp" => td_string!(locale, intake.q_hulp),
        "gemeente" => td_string!(locale, intake.q_gemeente),
        _ => "",
    }
}

/// The hint under a question, if it has one.
pub fn question_hint(locale: Locale, id: &str) -> Option<&'static str> {
    match id {
        "situatie" => Some(td_string!(locale, intake.h_situatie)),
        "leeftijd" => Some(td_string!(locale, intake.h_leeftijd)),
        "opleiding" => Some(td_string!(locale, intake.h_opleiding)),
        "diploma" => Some(td_string!(locale, intake.h_diploma)),
        "sector" => Some(td_string!(locale, intake.h_sector)),
        "jaren" => Some(td_string!(locale, intake.h_jaren)),
        "soort_plek" => Some(td_string!(locale, intake.h_soort_plek)),
        "vervoer" => Some(td_string!(locale, intake.h_vervoer)),
        "hulp" => Some(td_string!(locale, intake.h_hulp)),
        "gemeente" => Some(td_string!(locale, intake.h_gemeente)),
        _ => None,
    }
}

/// The text of option `code` of question `id`.
fn option_label(locale: Locale, id: &str, code: &str) -> &'static str {
    match (id, code) {
        ("situatie", "werk") => td_string!(locale, intake.o_situatie_werk),
        ("situatie", "werk_onzeker") => td_string!(locale, intake.o_situatie_werk_onzeker),
        ("situatie", "werkzoekend") => td_string!(locale, intake.o_situatie_werkzoekend),
        ("situatie", "school") => td_string!(locale, intake.o_situatie_school),
        ("situatie", "anders") => td_string!(locale, intake.o_situatie_anders),
        ("uitkering", "ww") => td_string!(locale, intake.o_uitkering_ww),
        ("uitkering", "bijstand") => td_string!(locale, intake.o_uitkering_bijstand),
        ("uitkering", "geen") => td_string!(locale, intake.o_uitkering_geen),
        ("contract", "vast") => td_string!(locale, intake.o_contract_vast),
        ("contract", "tijdelijk") => td_string!(locale, intake.o_contract_tijdelijk),
        ("contract", "uitzend") => td_string!(locale, intake.o_contract_uitzend),
        ("contract", "zzp") => td_string!(locale, intake.o_contract_zzp),
        ("opleiding", "geen") => td_string!(locale, intake.o_opleiding_geen),
        ("opleiding", "vmbo") => td_string!(locale, intake.o_opleiding_vmbo),
        ("opleiding", "mbo1") => td_string!(locale, intake.o_opleiding_mbo1),
        ("opleiding", "mbo2") => td_string!(locale, intake.o_opleiding_mbo2),
        ("opleiding", "mbo3") => td_string!(locale, intake.o_opleiding_mbo3),
        ("opleiding", "mbo4") => td_string!(locale, intake.o_opleiding_mbo4),
        ("opleiding", "havo_vwo") => td_string!(locale, intake.o_opleiding_havo_vwo),
        ("opleiding", "hbo") => td_string!(locale, intake.o_opleiding_hbo),
        ("opleiding", "wo") => td_string!(locale, intake.o_opleiding_wo),
        ("diploma", "ja") => td_string!(locale, intake.o_diploma_ja),
        ("diploma", "nee") => td_string!(locale, intake.o_diploma_nee),
        ("diploma", "bezig") => td_string!(locale, intake.o_diploma_bezig),
        ("taal", "moedertaal") => td_string!(locale, intake.o_taal_moedertaal),
        ("taal", "goed") => td_string!(locale, intake.o_taal_goed),
        ("taal", "redelijk") => td_string!(locale, intake.o_taal_redelijk),
        ("taal", "beetje") => td_string!(locale, intake.o_taal_beetje),
        ("doel", "leren") => td_string!(locale, intake.o_doel_leren),
        ("doel", "ander_werk") => td_string!(locale, intake.o_doel_ander_werk),
        ("doel", "stage_leerbaan") => td_string!(locale, intake.o_doel_stage_leerbaan),
        ("doel", "eerste_baan") => td_string!(locale, intake.o_doel_eerste_baan),
        ("doel", "weet_niet") => td_string!(locale, intake.o_doel_weet_niet),
        ("soort_plek", "stage") => td_string!(locale, intake.o_soort_plek_stage),
        ("soort_plek", "leerbaan") => td_string!(locale, intake.o_soort_plek_leerbaan),
        ("soort_plek", "weet_niet") => td_string!(locale, intake.o_soort_plek_weet_niet),
        ("vervoer", "fiets") => td_string!(locale, intake.o_vervoer_fiets),
        ("vervoer", "auto") => td_string!(locale, intake.o_vervoer_auto),
        ("vervoer", "ov") => td_string!(locale, intake.o_vervoer_ov),
        ("hulp", "ja") => td_string!(locale, intake.o_hulp_ja),
        ("hulp", "misschien") => td_string!(locale, intake.o_hulp_misschien),
        ("hulp", "nee") => td_string!(locale, intake.o_hulp_nee),
        ("sector", "geen") => td_string!(locale, intake.o_sector_geen),
        ("gemeente", "elders") => td_string!(locale, intake.o_gemeente_elders),
        _ => "",
    }
}

/// The options of a choice question (the sector question: the portal's sectors and "never
/// worked").
pub fn options(locale: Locale, q: &Question) -> Vec<(&'static str, &'static str)> {
    match q.kind {
        Kind::Choice(codes) => codes
            .iter()
            .map(|c| (*c, option_label(locale, q.id, c)))
            .collect(),
        Kind::Sector => SECTORS
            .iter()
            .map(|s| (*s, crate::account::sector_label(locale, s)))
            .chain([("geen", option_label(locale, q.id, "geen"))])
            .collect(),
        Kind::Gemeente => gemeente_options(locale),
        Kind::Number { .. } => Vec::new(),
    }
}

/// The region's gemeenten by name, then "outside the region".
pub fn gemeente_options(locale: Locale) -> Vec<(&'static str, &'static str)> {
    let mut list: Vec<(&'static str, &'static str)> =
        region::GEMEENTEN.iter().map(|g| (g.code, g.name)).collect();
    list.sort_by_key(|(_, name)| *name);
    list.push(("elders", option_label(locale, "gemeente", "elders")));
    list
}

/// An answer as the check page and the coordinators read it.
pub fn answer_text(locale: Locale, q: &Question, value: &str) -> String {
    match q.kind {
        Kind::Number { .. } => td_string!(locale, intake.years).replace("{n}", value),
        Kind::Sector if value != "geen" => crate::account::sector_label(locale, value).to_string(),
        Kind::Gemeente if value != "elders" => region::gemeente(value)
            .map_or(value, |g| g.name)
            .to_string(),
        _ => option_label(locale, q.id, value).to_string(),
    }
}

/// A criterion's name and its explanation in plain words.
pub fn criterion_text(locale: Locale, c: Criterion) -> (&'static str, &'static str) {
    match c {
        Criterion::OwnNeed => (
            td_string!(locale, intake.c_eigen_behoefte),
            td_string!(locale, intake.c_eigen_behoefte_explain),
        ),
        Criterion::DecliningSector => (
            td_string!(locale, intake.c_sector),
            td_string!(locale, intake.c_sector_explain),
        ),
        Criterion::Education => (
            td_string!(locale, intake.c_opleiding),
            td_string!(locale, intake.c_opleiding_explain),
        ),
        Criterion::LongInJob => (
            td_string!(locale, intake.c_arbeidsverleden),
            td_string!(locale, intake.c_arbeidsverleden_explain),
        ),
        Criterion::Language => (
            td_string!(locale, intake.c_taal),
            td_string!(locale, intake.c_taal_explain),
        ),
        Criterion::Age => (
            td_string!(locale, intake.c_leeftijd),
            td_string!(locale, intake.c_leeftijd_explain),
        ),
    }
}

/// A tool's name and what it does for this person.
pub fn tool_text(locale: Locale, t: Tool) -> (&'static str, &'static str) {
    match t {
        Tool::Stages => (
            td_string!(locale, intake.t_stages),
            td_string!(locale, intake.t_stages_text),
        ),
        Tool::SkillsCv => (
            td_string!(locale, intake.t_skills_cv),
            td_string!(locale, intake.t_skills_cv_text),
        ),
        Tool::Vacancies => (
            td_string!(locale, intake.t_vacatures),
            td_string!(locale, intake.t_vacatures_text),
        ),
        Tool::Calculator => (
            td_string!(locale, intake.t_calculator),
            td_string!(locale, intake.t_calculator_text),
        ),
        Tool::Subsidies => (
            td_string!(locale, intake.t_subsidies),
            td_string!(locale, intake.t_subsidies_text),
        ),
    }
}

/// A menukaart row's name and aim.
pub fn menu_text(locale: Locale, row: &str) -> (&'static str, &'static str) {
    match row {
        "a" => (
            td_string!(locale, intake.m_a),
            td_string!(locale, intake.m_a_aim),
        ),
        "b" => (
            td_string!(locale, intake.m_b),
            td_string!(locale, intake.m_b_aim),
        ),
        "c" => (
            td_string!(locale, intake.m_c),
            td_string!(locale, intake.m_c_aim),
        ),
        "d" => (
            td_string!(locale, intake.m_d),
            td_string!(locale, intake.m_d_aim),
        ),
        "d2" => (
            td_string!(locale, intake.m_d2),
            td_string!(locale, intake.m_d2_aim),
        ),
        "e" => (
            td_string!(locale, intake.m_e),
            td_string!(locale, intake.m_e_aim),
        ),
        "f" => (
            td_string!(locale, intake.m_f),
            td_string!(locale, intake.m_f_aim),
        ),
        "g" => (
            td_string!(locale, intake.m_g),
            td_string!(locale, intake.m_g_aim),
        ),
        _ => ("", ""),
    }
}
