//! The catalogue of schemes (regelingen): the data model the scholingscalculator and the subsidy
//! search share. A scheme is data, not code: its criteria, money rule and stacking rule are
//! values that one rule engine (`domain::calculator`) evaluates. The catalogue is kept in
//! `data/schemes.json` (loaded by `server seed`) and in the database.
use serde::{Deserialize, Serialize};

pub mod check;
#[cfg(feature = "ssr")]
pub mod flat;

use super::date::Date;

/// Amounts are whole euro cents.
pub type Cents = i64;

/// A text in both languages of the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, english: bool) -> &str {
        if english && !self.en.is_empty() {
            &self.en
        } else {
            &self.nl
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Catalogue {
    pub schemes: Vec<Scheme>,
}

impl Catalogue {
    pub fn scheme(&self, id: &str) -> Option<&Scheme> {
        self.schemes.iter().find(|s| s.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scheme {
    /// Stable slug, e.g. "praktijkleren".
    pub id: String,
    /// The scheme's own (Dutch) name.
    pub name: String,
    /// The official name of the regulation, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_name: Option<String>,
    pub summary: Text,
    pub provider: String,
    pub audience: Audience,
    pub support: SupportKind,
    /// How and where to apply.
    pub apply: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply_url: Option<String>,
    /// When applications are taken. Empty: all year (while the scheme runs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<Window>,
    /// First and last day the scheme runs (inclusive), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Date>,
    /// Whether the scheme is confirmed to run now.
    pub status: Status,
    /// What the sources say about the status (dates, successors).
    #[serde(default)]
    pub status_note: Text,
    pub verification: Verification,
    /// Official sources: the government's or the provider's own publications. Shown to everyone.
    pub sources: Vec<String>,
    /// Other sources that were read (news, advisers' sites): shown to coordinators only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_sources: Vec<String>,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    pub money: Money,
    pub stacking: Stacking,
    /// What the money pays for; only [`Purpose::Training`] lowers the own contribution.
    pub purpose: Purpose,
    /// How the money reaches the applicant: to the provider (never paid by the applicant), or
    /// afterwards (the applicant pays first). Unknown is taken as afterwards: the plan never
    /// promises that a person need not pay what a scheme may only pay back.
    #[serde(default)]
    pub payment: Payment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
    /// Judgement calls or budget effects: the outcome is an indication.
    #[serde(default)]
    pub indicative: bool,
    /// Conditions the calculator cannot check (shown as they are).
    #[serde(default)]
    pub notes: Text,
}

impl Scheme {
    /// Whether the scheme has ended on `today`: marked ended, or past its last day.
    pub fn has_ended(&self, today: super::date::Date) -> bool {
        self.status == Status::Ended || self.valid_until.is_some_and(|d| d < today)
    }

    /// Whether the scheme takes applications on `today`: open, closed for now (between its
    /// windows), or ended.
    pub fn availability(&self, today: super::date::Date) -> Availability {
        use super::calculator::WindowState;
        if self.has_ended(today) {
            return Availability::Ended;
        }
        match super::calculator::window_state(&self.windows, today) {
            WindowState::AllYear | WindowState::OpenUntil(_) => Availability::Open,
            WindowState::OpensOn(_) | WindowState::Closed => Availability::ClosedForNow,
        }
    }

    /// The last day to apply in the current window, or the scheme's last day: what "sort by
    /// deadline" sorts on (`None`: no deadline known).
    pub fn deadline(&self, today: super::date::Date) -> Option<super::date::Date> {
        match super::calculator::window_state(&self.windows, today) {
            super::calculator::WindowState::OpenUntil(end) => Some(end),
            _ => self.valid_until,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Individual,
    Employer,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportKind {
    Subsidy,
    Voucher,
    Loan,
    TaxDeduction,
    TaxExemption,
    WageCostAllowance,
    Fund,
    Advice,
}

impl SupportKind {
    pub const ALL: [SupportKind; 8] = [
        SupportKind::Subsidy,
        SupportKind::Voucher,
        SupportKind::Loan,
        SupportKind::TaxDeduction,
        SupportKind::TaxExemption,
        SupportKind::WageCostAllowance,
        SupportKind::Fund,
        SupportKind::Advice,
    ];

    /// The code in URLs and the open data (as in the catalogue file).
    pub fn code(self) -> &'static str {
        match self {
            SupportKind::Subsidy => "subsidy",
            SupportKind::Voucher => "voucher",
            SupportKind::Loan => "loan",
            SupportKind::TaxDeduction => "tax_deduction",
            SupportKind::TaxExemption => "tax_exemption",
            SupportKind::WageCostAllowance => "wage_cost_allowance",
            SupportKind::Fund => "fund",
            SupportKind::Advice => "advice",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Runs (within `valid_from..=valid_until` where given).
    Running,
    /// No source confirms it runs now (or it is only a plan): at best "maybe".
    Unconfirmed,
    /// Ended; `valid_until` says when.
    Ended,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    Verified,
    Partly,
    Unverified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Pays (part of) the training: counts in the financing plan.
    Training,
    /// A loan for the training: shown beside the plan, it must be paid back.
    Loan,
    /// Pays towards wages (loonkostenvoordelen): shown, not in the plan.
    Wages,
    /// Advice, a service or a tax treatment: no amount for the training.
    Service,
}

/// How a scheme's money reaches the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payment {
    /// Paid to the provider, or a voucher the provider takes: the applicant does not pay this
    /// part at all.
    ToProvider,
    /// Paid to the applicant after the costs were made (or as an advance after a grant): the
    /// applicant pays the provider first. `when` says when and how the money comes.
    Afterwards {
        #[serde(default)]
        when: Text,
    },
}

impl Default for Payment {
    fn default() -> Self {
        Payment::Afterwards {
            when: Text::default(),
        }
    }
}

/// An application window: fixed dates, or the same days every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Window {
    Dates {
        from: Date,
        until: Date,
    },
    /// Every year from month/day to month/day (inclusive).
    Yearly {
        from: (u8, u8),
        until: (u8, u8),
    },
}

/// A limited number of places (for example vouchers for at most 500 young people).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacity {
    pub total: u32,
    /// Places granted so far (the coordinators' count; filled in from the database).
    #[serde(default)]
    pub used: u32,
    pub unit: Text,
}

impl Capacity {
    pub fn left(&self) -> u32 {
        self.total.saturating_sub(self.used)
    }
}

/// The person's situation (for employers: the learner's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    Werkend,
    DreigendWerkloos,
    Ww,
    Bijstand,
    Werkzoekend,
    Student,
    Zzp,
}

impl Situation {
    pub const ALL: [Situation; 7] = [
        Situation::Werkend,
        Situation::DreigendWerkloos,
        Situation::Ww,
        Situation::Bijstand,
        Situation::Werkzoekend,
        Situation::Student,
        Situation::Zzp,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Situation::Werkend => "werkend",
            Situation::DreigendWerkloos => "dreigend_werkloos",
            Situation::Ww => "ww",
            Situation::Bijstand => "bijstand",
            Situation::Werkzoekend => "werkzoekend",
            Situation::Student => "student",
            Situation::Zzp => "zzp",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Highest education completed, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// No startkwalificatie: at most vmbo, mbo-1 or havo/vwo not finished.
    Geen,
    Mbo2,
    Mbo3,
    Mbo4,
    Hbo,
    Wo,
}

impl Education {
    pub const ALL: [Education; 6] = [
        Education::Geen,
        Education::Mbo2,
        Education::Mbo3,
        Education::Mbo4,
        Education::Hbo,
        Education::Wo,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Education::Geen => "geen",
            Education::Mbo2 => "mbo2",
            Education::Mbo3 => "mbo3",
            Education::Mbo4 => "mbo4",
            Education::Hbo => "hbo",
            Education::Wo => "wo",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The kind of training (or support) the money is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingKind {
    /// Mbo, school-based (beroepsopleidende leerweg).
    MboBol,
    /// Mbo, working and learning (beroepsbegeleidende leerweg): a leerbaan.
    MboBbl,
    /// Mbo for adults outside the funded system (derde leerweg), incl. praktijkverklaring routes.
    MboDerdeLeerweg,
    HboVoltijd,
    HboDeeltijd,
    HboDuaal,
    /// University, full-time (or not said).
    Wo,
    /// University, part-time.
    WoDeeltijd,
    /// A course (cursus) with a certificate.
    Cursus,
    /// Short training for a specific job (functiegerichte training).
    Functiegericht,
    /// Career or development advice, a scan or a training plan.
    Advies,
}

impl TrainingKind {
    pub const ALL: [TrainingKind; 11] = [
        TrainingKind::MboBol,
        TrainingKind::MboBbl,
        TrainingKind::MboDerdeLeerweg,
        TrainingKind::HboVoltijd,
        TrainingKind::HboDeeltijd,
        TrainingKind::HboDuaal,
        TrainingKind::Wo,
        TrainingKind::WoDeeltijd,
        TrainingKind::Cursus,
        TrainingKind::Functiegericht,
        TrainingKind::Advies,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TrainingKind::MboBol => "mbo_bol",
            TrainingKind::MboBbl => "mbo_bbl",
            TrainingKind::MboDerdeLeerweg => "mbo_derde_leerweg",
            TrainingKind::HboVoltijd => "hbo_voltijd",
            TrainingKind::HboDeeltijd => "hbo_deeltijd",
            TrainingKind::HboDuaal => "hbo_duaal",
            TrainingKind::Wo => "wo",
            TrainingKind::WoDeeltijd => "wo_deeltijd",
            TrainingKind::Cursus => "cursus",
            TrainingKind::Functiegericht => "functiegericht",
            TrainingKind::Advies => "advies",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A target group with a doelgroepverklaring (for loonkostenvoordelen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetGroup {
    Geen,
    Banenafspraak,
    Arbeidsgehandicapt,
    Herplaatsing,
    Statushouder,
}

impl TargetGroup {
    pub const ALL: [TargetGroup; 5] = [
        TargetGroup::Geen,
        TargetGroup::Banenafspraak,
        TargetGroup::Arbeidsgehandicapt,
        TargetGroup::Herplaatsing,
        TargetGroup::Statushouder,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TargetGroup::Geen => "geen",
            TargetGroup::Banenafspraak => "banenafspraak",
            TargetGroup::Arbeidsgehandicapt => "arbeidsgehandicapt",
            TargetGroup::Herplaatsing => "herplaatsing",
            TargetGroup::Statushouder => "statushouder",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Where a person lives or an employer has its branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// The 22 gemeenten of Regio Zwolle.
    RegioZwolle,
    /// The 14 gemeenten of arbeidsmarktregio Regio Zwolle.
    Arbeidsmarktregio,
    /// The province of Overijssel.
    Overijssel,
}

/// One machine-readable condition of a scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Criterion {
    /// Age in years, inclusive bounds.
    Age {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u8>,
    },
    Situation {
        any_of: Vec<Situation>,
    },
    /// Highest education completed, inclusive bounds ("no startkwalificatie" is `max: geen`).
    Education {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<Education>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<Education>,
    },
    TrainingKind {
        any_of: Vec<TrainingKind>,
    },
    /// NLQF level of the training, inclusive bounds.
    Nlqf {
        min: u8,
        max: u8,
    },
    Region {
        area: Area,
    },
    /// Sector of the (last) job or of the employer (codes of `domain::account::SECTORS`).
    Sector {
        any_of: Vec<String>,
    },
    /// Employer staff count, inclusive bounds.
    EmployerSize {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
    /// Yearly turnover at most €50 million (mkb).
    MkbTurnover,
    ErkendLeerbedrijf,
    /// Hours of work per week, at least.
    Hours {
        min: u8,
    },
    TargetGroup {
        any_of: Vec<TargetGroup>,
    },
    /// Training cost at least this: with btw (`incl`), or without btw when the scheme counts
    /// the cost without it (`excl`: the btw a provider charges is taken off first, as the
    /// scheme's own money rule does).
    MinCost {
        amount: Cents,
        #[serde(default = "Vat::incl", skip_serializing_if = "Vat::is_incl")]
        vat: Vat,
    },
    /// The course is part of a recognised Ontwikkelpad (SLIM-scholingssubsidie).
    Ontwikkelpad,
    /// Training length in months, inclusive bounds.
    Months {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u8>,
    },
    /// At least one of the groups holds (every criterion of a group).
    Either {
        groups: Vec<Vec<Criterion>>,
    },
}

/// Where an amount stands with btw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vat {
    Incl,
    Excl,
}

impl Vat {
    fn incl() -> Vat {
        Vat::Incl
    }

    fn is_incl(&self) -> bool {
        *self == Vat::Incl
    }
}

/// How much a scheme pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Money {
    /// Pays nothing towards the training (advice, a service, a tax treatment).
    Nothing,
    /// An amount that depends on a decision (a municipality, a fund): not computed.
    Unknown,
    /// A percentage of the cost, up to `cap` (per person or traject).
    Percentage {
        percent: u8,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cap: Option<Cents>,
        vat: Vat,
    },
    /// A percentage that depends on the NLQF level of the training.
    PercentageByNlqf {
        tiers: Vec<NlqfTier>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cap: Option<Cents>,
        vat: Vat,
    },
    /// A flat amount, never more than the cost.
    Fixed { amount: Cents, vat: Vat },
    /// A flat amount that depends on the kind of training.
    FixedByKind { amounts: Vec<KindAmount>, vat: Vat },
    /// An amount per place per period of `weeks` (pro rata), e.g. €2,700 per 40 weeks.
    PerPlace {
        amount: Cents,
        weeks: u8,
        /// The period for hbo places, when it differs (praktijkleren: 42 weeks).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weeks_hbo: Option<u8>,
    },
    /// An amount per hour worked, up to a yearly cap, for a number of years.
    PerHour {
        rate: Cents,
        cap_per_year: Cents,
        years: u8,
    },
}

impl Money {
    /// The most the scheme pays per person (or place, or traject), where the rule says: what
    /// "sort by amount" sorts on. `None` when no amount is known (a percentage without a cap,
    /// a decision, nothing).
    pub fn headline(&self) -> Option<Cents> {
        match self {
            Money::Fixed { amount, .. } | Money::PerPlace { amount, .. } => Some(*amount),
            Money::Percentage { cap, .. } | Money::PercentageByNlqf { cap, .. } => *cap,
            Money::FixedByKind { amounts, .. } => amounts.iter().map(|k| k.amount).max(),
            Money::PerHour {
                cap_per_year,
                years,
                ..
            } => Some(*cap_per_year * i64::from(*years)),
            Money::Nothing | Money::Unknown => None,
        }
    }
}

/// Whether a scheme takes applications on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    Open,
    /// Runs, but takes no applications now (between its windows).
    ClosedForNow,
    Ended,
}

impl Availability {
    pub const ALL: [Availability; 3] = [
        Availability::Open,
        Availability::ClosedForNow,
        Availability::Ended,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Availability::Open => "open",
            Availability::ClosedForNow => "dicht",
            Availability::Ended => "gestopt",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NlqfTier {
    pub min: u8,
    pub max: u8,
    pub percent: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindAmount {
    pub kind: TrainingKind,
    pub amount: Cents,
}

/// How a scheme combines with others in the financing plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Stacking {
    /// Pays its amount beside others (the plan never pays more than the cost).
    Combinable,
    /// Pays only on what is left after the combinable schemes (e.g. a municipal budget).
    OnRemainder,
    /// Of the schemes in `group`, only the highest counts.
    HighestOnly { group: String },
    /// State aid under the de-minimis ceiling: combinable while the employer has room left.
    DeMinimis,
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    const CATALOGUE: &str = include_str!("../../../../data/schemes.json");

    fn catalogue() -> Catalogue {
        serde_json::from_str(CATALOGUE).expect("data/schemes.json parses as a Catalogue")
    }

    /// Every criterion, including those inside `Either` groups.
    fn all_criteria(criteria: &[Criterion]) -> Vec<&Criterion> {
        let mut out = Vec::new();
        for c in criteria {
            out.push(c);
            if let Criterion::Either { groups } = c {
                for group in groups {
                    out.extend(all_criteria(group));
                }
            }
        }
        out
    }

    #[test]
    fn catalogue_parses_with_unique_ids_and_sources() {
        let cat = catalogue();
        assert!(!cat.schemes.is_empty());
        let mut seen = HashSet::new();
        for s in &cat.schemes {
            assert!(!s.id.trim().is_empty(), "empty id");
            assert!(seen.insert(s.id.as_str()), "duplicate id {}", s.id);
            assert!(!s.name.trim().is_empty(), "{}: empty name", s.id);
            assert!(!s.provider.trim().is_empty(), "{}: empty provider", s.id);
            // Every scheme has a source; an official one (shown to citizens) or, where none was
            // found, the others that were read (shown to coordinators, with a line to citizens
            // to check with the provider).
            assert!(
                !s.sources.is_empty() || !s.secondary_sources.is_empty(),
                "{}: no source",
                s.id
            );
            assert!(
                s.sources
                    .iter()
                    .chain(&s.secondary_sources)
                    .all(|src| !src.trim().is_empty()),
                "{}: empty source",
                s.id
            );
            // Money for the training says how it comes (to the provider, or afterwards and
            // when): the plan tells people what they pay first.
            if s.purpose == Purpose::Training {
                if let Payment::Afterwards { when } = &s.payment {
                    assert!(
                        !when.nl.is_empty() && !when.en.is_empty(),
                        "{}: payment afterwards without when",
                        s.id
                    );
                }
            }
        }
    }

    #[test]
    fn texts_are_in_both_languages() {
        for s in &catalogue().schemes {
            for (field, text) in [("summary", &s.summary), ("apply", &s.apply)] {
                assert!(!text.nl.trim().is_empty(), "{}: {field}.nl empty", s.id);
                assert!(!text.en.trim().is_empty(), "{}: {field}.en empty", s.id);
            }
            // Optional texts: either both languages or neither.
            let mut optional = vec![("notes", &s.notes), ("status_note", &s.status_note)];
            if let Some(capacity) = &s.capacity {
                optional.push(("capacity.unit", &capacity.unit));
            }
            for (field, text) in optional {
                assert_eq!(
                    text.nl.trim().is_empty(),
                    text.en.trim().is_empty(),
                    "{}: {field} in one language only",
                    s.id
                );
            }
        }
    }

    #[test]
    fn sector_codes_are_known() {
        for s in &catalogue().schemes {
            for c in all_criteria(&s.criteria) {
                if let Criterion::Sector { any_of } = c {
                    assert!(!any_of.is_empty(), "{}: empty sector list", s.id);
                    for code in any_of {
                        assert!(
                            crate::domain::account::SECTORS.contains(&code.as_str()),
                            "{}: unknown sector {code}",
                            s.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn ended_schemes_show_as_ended() {
        let cat = catalogue();
        let cutoff = Date::parse("2026-11-24").unwrap();
        for id in [
            "stap-budget",
            "nl-leert-door",
            "aftrek-scholingsuitgaven",
            "crisisdienstverlening-covid",
            "lkv-oudere-werknemer",
            "ontwikkeladvies-45plus",
        ] {
            let s = cat.scheme(id).unwrap_or_else(|| panic!("{id} is missing"));
            assert!(
                s.status == Status::Ended || s.valid_until.is_some_and(|d| d < cutoff),
                "{id} should be ended"
            );
        }
    }

    #[test]
    fn no_lkv_jongeren() {
        // LKV jongeren (18-27) was never introduced.
        for s in &catalogue().schemes {
            assert!(!s.id.contains("lkv-jongeren"), "{} must not exist", s.id);
        }
    }

    #[test]
    fn the_capacity_scheme_has_500_places() {
        let cat = catalogue();
        let capped: Vec<&Scheme> = cat
            .schemes
            .iter()
            .filter(|s| s.capacity.is_some())
            .collect();
        assert_eq!(capped.len(), 1, "exactly one scheme has a capacity");
        let capacity = capped[0].capacity.as_ref().unwrap();
        assert_eq!(capacity.total, 500);
        assert_eq!(capped[0].status, Status::Unconfirmed);
        assert_eq!(capped[0].verification, Verification::Unverified);
    }

    #[test]
    fn percentages_are_at_most_100() {
        for s in &catalogue().schemes {
            match &s.money {
                Money::Percentage { percent, cap, .. } => {
                    assert!(*percent <= 100, "{}: {percent}%", s.id);
                    assert!(cap.is_none_or(|c| c > 0), "{}: cap must be positive", s.id);
                }
                Money::PercentageByNlqf { tiers, .. } => {
                    assert!(!tiers.is_empty(), "{}: no tiers", s.id);
                    for t in tiers {
                        assert!(t.percent <= 100, "{}: {}%", s.id, t.percent);
                        assert!(t.min <= t.max, "{}: tier {}..{}", s.id, t.min, t.max);
                    }
                }
                _ => {}
            }
        }
    }
}
