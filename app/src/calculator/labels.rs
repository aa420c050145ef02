//! The words for the answers the calculator's form offers (situation, education, kind of
//! training, target group). The form needs them in the browser too; the result's wording is in
//! `explain` (server only).
use crate::domain::schemes::{Education, Situation, TargetGroup, TrainingKind};
use crate::i18n::*;

pub fn situation_label(locale: Locale, s: Situation) -> &'static str {
    match s {
        Situation::Werkend => td_string!(locale, calc.sit_werkend),
        Situation::DreigendWerkloos => td_string!(locale, calc.sit_dreigend),
        Situation::Ww => td_string!(locale, calc.sit_ww),
        Situation::Bijstand => td_string!(locale, calc.sit_bijstand),
        Situation::Werkzoekend => td_string!(locale, calc.sit_werkzoekend),
        Situation::Student => td_string!(locale, calc.sit_student),
        Situation::Zzp => td_string!(locale, calc.sit_zzp),
    }
}

pub fn education_label(locale: Locale, e: Education) -> &'static str {
    match e {
        Education::Geen => td_string!(locale, calc.edu_geen),
        Education::Mbo2 => td_string!(locale, calc.edu_mbo2),
        Education::Mbo3 => td_string!(locale, calc.edu_mbo3),
        Education::Mbo4 => td_string!(locale, calc.edu_mbo4),
        Education::Hbo => td_string!(locale, calc.edu_hbo),
        Education::Wo => td_string!(locale, calc.edu_wo),
    }
}

pub fn kind_label(locale: Locale, k: TrainingKind) -> &'static str {
    match k {
        TrainingKind::MboBol => td_string!(locale, calc.kind_mbo_bol),
        TrainingKind::MboBbl => td_string!(locale, calc.kind_mbo_bbl),
        TrainingKind::MboDerdeLeerweg => td_string!(locale, calc.kind_mbo_derde),
        TrainingKind::HboVoltijd => td_string!(locale, calc.kind_hbo_voltijd),
        TrainingKind::HboDeeltijd => td_string!(locale, calc.kind_hbo_deeltijd),
        TrainingKind::HboDuaal => td_string!(locale, calc.kind_hbo_duaal),
        TrainingKind::Wo => td_string!(locale, calc.kind_wo),
        TrainingKind::WoDeeltijd => td_string!(locale, calc.kind_wo_deeltijd),
        TrainingKind::Cursus => td_string!(locale, calc.kind_cursus),
        TrainingKind::Functiegericht => td_string!(locale, calc.kind_functiegericht),
        TrainingKind::Advies => td_string!(locale, calc.kind_advies),
    }
}

pub fn target_label(locale: Locale, t: TargetGroup) -> &'static str {
    match t {
        TargetGroup::Geen => td_string!(locale, calc.target_geen),
        TargetGroup::Banenafspraak => td_string!(locale, calc.target_banenafspraak),
        TargetGroup::Arbeidsgehandicapt => td_string!(locale, calc.target_arbeidsgehandicapt),
        TargetGroup::Herplaatsing => td_string!(locale, calc.target_herplaatsing),
        TargetGroup::Statushouder => td_string!(locale, calc.target_statushouder),
    }
}
