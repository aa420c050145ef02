//! Scenario table for the scholingscalculator: realistic people and employers with a training,
//! evaluated over the real seeded catalogue (`data/schemes.json`) on a fixed date.
//!
//! Every expectation below was worked out by hand from the rules in the sourced fact sheet
//! (domain/schemes-and-region.md) and the criteria and money rules in the catalogue, not copied
//! from the engine's output. When a row fails, first check the row against the fact sheet: the
//! table is meant to catch the engine or the data drifting from the sources.
//!
//! How to read a row:
//! - `query`: the calculator URL's query string (the keys of `calculator::FIELDS`).
//! - `eligible`: the exact set of schemes with verdict Eligible.
//! - `maybe`: the exact set of schemes with verdict Maybe (unconfirmed schemes, unanswered
//!   questions). Ended schemes show as Ended and are listed nowhere.
//! - `own`: what is left to pay in the sure plan (eligible schemes only), in cents; `None`
//!   when no cost is given.
//! - `own_with_maybe`: the same with the "maybe" schemes counted too.
//! - `amounts`: what single schemes pay by their own rule (`None`: not computed, e.g.
//!   `NeedsInput`), for the rows where the amount itself is the point (LKV per hour, pro rata
//!   praktijkleren).
//!
//! Rules that recur (today = 2026-11-24):
//! - The Leerwerkloket is open to everyone; the WKR gerichte vrijstelling to every employer.
//! - Schemes with status "unconfirmed" (HCA Groei Vooruit / Upgrade Jezelf, Overijssel HRM
//!   scholing and 1000 kansen, the 500-youth voucher) are at most Maybe.
//! - Only money for the training counts in a plan: the levenlanglerenkrediet is a loan, LKV
//!   pays towards wages, advice and tax schemes pay nothing, and schemes decided case by case
//!   (gemeente, O&O bouw, the voucher) have no amount.
//! - Amounts "excl. btw" (HCA 50%, SLIM 60%, Overijssel 50%) are paid over the cost without
//!   the 21% btw when the provider charges btw; SLIM's €5,000 minimum is the cost without btw too.
//! - The levenlanglerenkrediet under 30: only for a second hbo/wo study (an hbo or wo diploma
//!   already) or a part-time hbo/wo study; the education unanswered makes it a question.
//! - SLIM-scholingssubsidie only for a course in a recognised Ontwikkelpad: unanswered, a
//!   question; rows where the employer knows it say `ontwikkelpad=ja`.
//! - Praktijkleren (and derde leerweg): €2,700 per 40-week place, pro rata by weeks
//!   (6 months = 26 weeks = €1,755; 9 months = 39 weeks = €2,632.50); only the higher of the two
//!   counts. LKV: rate × hours × 52 weeks, capped per year.
use std::collections::BTreeSet;

use app::domain::calculator::{evaluate, Outcome, Profile, Verdict};
use app::domain::date::Date;
use app::domain::schemes::{Catalogue, Cents};

struct Scenario {
    what: &'static str,
    query: &'static str,
    eligible: &'static [&'static str],
    maybe: &'static [&'static str],
    own: Option<Cents>,
    own_with_maybe: Option<Cents>,
    amounts: &'static [(&'static str, Option<Cents>)],
}

/// Schemes that ended before 2026-11-24: never eligible, never in a plan.
const ENDED: &[&str] = &[
    "stap-budget",
    "nl-leert-door",
    "aftrek-scholingsuitgaven",
    "crisisdienstverlening-covid",
    "lkv-oudere-werknemer",
    "ontwikkeladvies-45plus",
    "overijssel-jongeren-mkb",
    "uwv-scholingsvoucher-kansberoep",
    "uwv-scholingsvoucher-50plus",
];

const SCENARIOS: &[Scenario] = &[
    // ---------------------------------------------------------------- individuals
    Scenario {
        what: "34-year-old in bijstand in Kampen, mbo-BOL course €2,400",
        // Gemeente budget (amount decided case by case), levenlanglerenkrediet (30-56, BOL).
        // Unanswered: education (praktijkverklaring?), sector (O&O bouw?), the statushouder
        // group, hours and months (1000 kansen?). HCA Groei Vooruit pays up to €5,000.
        query: "voor=ik&leeftijd=34&situatie=bijstand&gemeente=GM0166&soort=mbo_bol&kosten=2400",
        eligible: &[
            "leerwerkloket",
            "gemeente-scholingsbudget-bijstand",
            "levenlanglerenkrediet",
        ],
        maybe: &[
            "praktijkverklaring",
            "oo-fonds-bouw",
            "hca-groei-vooruit",
            "overijssel-1000-kansen",
        ],
        own: Some(240_000),
        own_with_maybe: Some(0),
        amounts: &[("hca-groei-vooruit", Some(240_000))],
    },
    Scenario {
        what: "17-year-old mbo student in Zwolle without startkwalificatie, entree (NLQF 1), no cost yet",
        query: "voor=ik&leeftijd=17&situatie=student&opleiding=geen&gemeente=GM0193&sector=overig&soort=mbo_bol&nlqf=1",
        eligible: &["leerwerkloket", "praktijkverklaring"],
        maybe: &[
            "hca-groei-vooruit",
            "scholingsvoucher-jongeren-regio-zwolle",
            "overijssel-1000-kansen",
        ],
        own: None,
        own_with_maybe: None,
        amounts: &[],
    },
    Scenario {
        what: "19-year-old werkzoekende in Hardenberg without startkwalificatie, 6-month derde leerweg €1,800 at 24 h/week",
        query: "voor=ik&leeftijd=19&situatie=werkzoekend&opleiding=geen&gemeente=GM0160&sector=logistiek&soort=mbo_derde_leerweg&nlqf=2&kosten=1800&maanden=6&uren=24",
        eligible: &["leerwerkloket", "praktijkverklaring"],
        maybe: &[
            "hca-groei-vooruit",
            "scholingsvoucher-jongeren-regio-zwolle",
            "overijssel-1000-kansen",
        ],
        own: Some(180_000),
        own_with_maybe: Some(0),
        amounts: &[("overijssel-1000-kansen", Some(90_000))],
    },
    Scenario {
        what: "22-year-old werkzoekende elsewhere in Overijssel (Enschede) without startkwalificatie, functiegerichte training €3,000 + 21% btw, 9 months at 32 h/week",
        // Outside Regio Zwolle: no HCA, no voucher. 1000 kansen: 50% of €3,000 excl. btw.
        query: "voor=ik&leeftijd=22&situatie=werkzoekend&opleiding=geen&gemeente=elders&overijssel=ja&sector=techniek&soort=functiegericht&kosten=3630&btw=ja&maanden=9&uren=32",
        eligible: &["leerwerkloket", "praktijkverklaring"],
        maybe: &["overijssel-1000-kansen"],
        own: Some(363_000),
        own_with_maybe: Some(213_000),
        amounts: &[("overijssel-1000-kansen", Some(150_000))],
    },
    Scenario {
        what: "27-year-old werkzoekende in Deventer (elders, Overijssel) without startkwalificatie, 12-month traject €6,000 at 20 h/week",
        // Age 27 and 20 h/week are still in; 50% of €6,000 is capped at €2,500.
        query: "voor=ik&leeftijd=27&situatie=werkzoekend&opleiding=geen&gemeente=elders&overijssel=ja&sector=zorg&soort=mbo_derde_leerweg&kosten=6000&maanden=12&uren=20",
        eligible: &["leerwerkloket", "praktijkverklaring"],
        maybe: &["overijssel-1000-kansen"],
        own: Some(600_000),
        own_with_maybe: Some(350_000),
        amounts: &[("overijssel-1000-kansen", Some(250_000))],
    },
    Scenario {
        what: "28-year-old werkzoekende in Zwolle without startkwalificatie, horeca course €950: too old for the youth schemes",
        query: "voor=ik&leeftijd=28&situatie=werkzoekend&opleiding=geen&gemeente=GM0193&sector=horeca&soort=cursus&kosten=950&maanden=4&uren=24&doelgroep=geen",
        eligible: &["leerwerkloket", "praktijkverklaring"],
        maybe: &["hca-groei-vooruit"],
        own: Some(95_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "29-year-old werkend in Meppel (Drenthe), mbo-BOL €1,250: too young for the levenlanglerenkrediet",
        query: "voor=ik&leeftijd=29&situatie=werkend&opleiding=mbo3&gemeente=GM0119&sector=zorg&soort=mbo_bol&nlqf=4&kosten=1250",
        eligible: &["leerwerkloket"],
        maybe: &["hca-groei-vooruit"],
        own: Some(125_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "30-year-old werkend in Meppel (Drenthe), mbo-BOL €1,250: levenlanglerenkrediet from 30",
        query: "voor=ik&leeftijd=30&situatie=werkend&opleiding=mbo3&gemeente=GM0119&sector=zorg&soort=mbo_bol&nlqf=4&kosten=1250",
        eligible: &["leerwerkloket", "levenlanglerenkrediet"],
        maybe: &["hca-groei-vooruit"],
        own: Some(125_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "56-year-old in WW in Zwolle, mbo-4, hbo-deeltijd €7,500 (loan up to 56; 1000 kansen for unemployed 55+)",
        query: "voor=ik&leeftijd=56&situatie=ww&opleiding=mbo4&gemeente=GM0193&sector=logistiek&soort=hbo_deeltijd&nlqf=6&kosten=7500&doelgroep=geen",
        eligible: &[
            "leerwerkloket",
            "uwv-scholing-ww",
            "levenlanglerenkrediet",
        ],
        maybe: &["hca-groei-vooruit", "overijssel-1000-kansen"],
        own: Some(750_000),
        own_with_maybe: Some(0),
        amounts: &[
            ("hca-groei-vooruit", Some(500_000)),
            ("overijssel-1000-kansen", Some(250_000)),
        ],
    },
    Scenario {
        what: "57-year-old in WW in Zwolle, two-year hbo-deeltijd €7,500: too old for the loan, too long for 1000 kansen",
        query: "voor=ik&leeftijd=57&situatie=ww&opleiding=mbo4&gemeente=GM0193&sector=logistiek&soort=hbo_deeltijd&nlqf=6&kosten=7500&maanden=24&doelgroep=geen",
        eligible: &["leerwerkloket", "uwv-scholing-ww"],
        maybe: &["hca-groei-vooruit"],
        own: Some(750_000),
        own_with_maybe: Some(250_000),
        amounts: &[],
    },
    Scenario {
        what: "45-year-old werkend in Zwolle, career advice €900 + btw (the 45+ ontwikkeladvies ended in 2020)",
        query: "voor=ik&leeftijd=45&situatie=werkend&opleiding=mbo4&gemeente=GM0193&sector=retail&soort=advies&kosten=1089&btw=ja&uren=32&doelgroep=geen",
        eligible: &["leerwerkloket"],
        maybe: &["hca-groei-vooruit"],
        own: Some(108_900),
        own_with_maybe: Some(0),
        amounts: &[("hca-groei-vooruit", Some(108_900))],
    },
    Scenario {
        what: "55-year-old in bijstand in Kampen, mbo-2, 6-month derde leerweg €2,000 at 24 h/week",
        query: "voor=ik&leeftijd=55&situatie=bijstand&opleiding=mbo2&gemeente=GM0166&sector=logistiek&soort=mbo_derde_leerweg&nlqf=2&kosten=2000&maanden=6&uren=24&doelgroep=geen",
        eligible: &["leerwerkloket", "gemeente-scholingsbudget-bijstand"],
        maybe: &["hca-groei-vooruit", "overijssel-1000-kansen"],
        own: Some(200_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "58-year-old threatened with unemployment in Raalte, functiegerichte training €1,750: not yet unemployed, so no 1000 kansen",
        query: "voor=ik&leeftijd=58&situatie=dreigend_werkloos&opleiding=mbo3&gemeente=GM0177&sector=retail&soort=functiegericht&kosten=1750&maanden=3&uren=32&doelgroep=geen",
        eligible: &["leerwerkloket"],
        maybe: &["hca-groei-vooruit"],
        own: Some(175_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "62-year-old werkzoekende in Dalfsen without startkwalificatie, 4-month course €800 at 20 h/week",
        query: "voor=ik&leeftijd=62&situatie=werkzoekend&opleiding=geen&gemeente=GM0148&sector=overig&soort=cursus&kosten=800&maanden=4&uren=20&doelgroep=geen",
        eligible: &["leerwerkloket", "praktijkverklaring"],
        maybe: &["hca-groei-vooruit", "overijssel-1000-kansen"],
        own: Some(80_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "66-year-old zzp'er in Hattem (Gelderland), wo master €2,530: too old for the loan, not in Overijssel",
        query: "voor=ik&leeftijd=66&situatie=zzp&opleiding=hbo&gemeente=GM0244&sector=zakelijk&soort=wo&nlqf=7&kosten=2530",
        eligible: &["leerwerkloket"],
        maybe: &["hca-groei-vooruit"],
        own: Some(253_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "40-year-old zzp'er in Urk (Flevoland), wo master €9,000: loan, HCA capped at €5,000",
        query: "voor=ik&leeftijd=40&situatie=zzp&opleiding=hbo&gemeente=GM0184&sector=ict&soort=wo&nlqf=7&kosten=9000",
        eligible: &["leerwerkloket", "levenlanglerenkrediet"],
        maybe: &["hca-groei-vooruit"],
        own: Some(900_000),
        own_with_maybe: Some(400_000),
        amounts: &[("hca-groei-vooruit", Some(500_000))],
    },
    Scenario {
        what: "24-year-old student in Dronten (Flevoland), hbo-voltijd €2,530: youth voucher (plan) maybe",
        query: "voor=ik&leeftijd=24&situatie=student&opleiding=mbo4&gemeente=GM0303&sector=landbouw&soort=hbo_voltijd&nlqf=6&kosten=2530",
        eligible: &["leerwerkloket"],
        maybe: &[
            "hca-groei-vooruit",
            "scholingsvoucher-jongeren-regio-zwolle",
        ],
        own: Some(253_000),
        own_with_maybe: Some(0),
        amounts: &[("scholingsvoucher-jongeren-regio-zwolle", None)],
    },
    Scenario {
        what: "35-year-old werkend in Amersfoort (elders, not Overijssel), hbo-deeltijd €4,000: only the loan",
        query: "voor=ik&leeftijd=35&situatie=werkend&opleiding=mbo4&gemeente=elders&overijssel=nee&sector=ict&soort=hbo_deeltijd&nlqf=6&kosten=4000",
        eligible: &["leerwerkloket", "levenlanglerenkrediet"],
        maybe: &[],
        own: Some(400_000),
        own_with_maybe: Some(400_000),
        amounts: &[],
    },
    Scenario {
        what: "20-year-old werkzoekende elsewhere (Overijssel not answered) without startkwalificatie, bouw derde leerweg €2,500, 6 months at 24 h/week",
        query: "voor=ik&leeftijd=20&situatie=werkzoekend&opleiding=geen&gemeente=elders&sector=bouw&soort=mbo_derde_leerweg&nlqf=2&kosten=2500&maanden=6&uren=24",
        eligible: &["leerwerkloket", "praktijkverklaring", "oo-fonds-bouw"],
        maybe: &["overijssel-1000-kansen"],
        own: Some(250_000),
        own_with_maybe: Some(125_000),
        amounts: &[("oo-fonds-bouw", None)],
    },
    Scenario {
        what: "33-year-old in WW in Hoogeveen (Drenthe), course €1,200 incl. btw: UWV keeps the benefit, pays nothing",
        query: "voor=ik&leeftijd=33&situatie=ww&opleiding=mbo3&gemeente=GM0118&sector=logistiek&soort=cursus&kosten=1200&btw=ja",
        eligible: &["leerwerkloket", "uwv-scholing-ww"],
        maybe: &["hca-groei-vooruit"],
        own: Some(120_000),
        own_with_maybe: Some(0),
        amounts: &[("hca-groei-vooruit", Some(120_000))],
    },
    Scenario {
        what: "42-year-old bouwvakker (werkend) in Steenwijkerland, course €650: O&O fonds bouw",
        query: "voor=ik&leeftijd=42&situatie=werkend&opleiding=mbo2&gemeente=GM1708&sector=bouw&soort=cursus&kosten=650&doelgroep=geen",
        eligible: &["leerwerkloket", "oo-fonds-bouw"],
        maybe: &["hca-groei-vooruit"],
        own: Some(65_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "Only a cost answered (€1,000): everything that depends on the person is maybe",
        query: "voor=ik&kosten=1000",
        eligible: &["leerwerkloket"],
        maybe: &[
            "levenlanglerenkrediet",
            "oo-fonds-bouw",
            "hca-groei-vooruit",
            "overijssel-1000-kansen",
            "scholingsvoucher-jongeren-regio-zwolle",
            "praktijkverklaring",
            "uwv-scholing-ww",
            "gemeente-scholingsbudget-bijstand",
        ],
        own: Some(100_000),
        own_with_maybe: Some(0),
        amounts: &[("overijssel-1000-kansen", Some(50_000))],
    },
    Scenario {
        what: "Empty form: no plan without a cost",
        query: "",
        eligible: &["leerwerkloket"],
        maybe: &[
            "levenlanglerenkrediet",
            "oo-fonds-bouw",
            "hca-groei-vooruit",
            "overijssel-1000-kansen",
            "scholingsvoucher-jongeren-regio-zwolle",
            "praktijkverklaring",
            "uwv-scholing-ww",
            "gemeente-scholingsbudget-bijstand",
        ],
        own: None,
        own_with_maybe: None,
        amounts: &[("hca-groei-vooruit", None)],
    },
    Scenario {
        what: "31-year-old statushouder (werkzoekend) in Zwolle, mbo-BBL for 10 months at 24 h/week, €1,400: no loan for BBL",
        query: "voor=ik&leeftijd=31&situatie=werkzoekend&opleiding=mbo2&gemeente=GM0193&sector=zorg&soort=mbo_bbl&nlqf=2&kosten=1400&maanden=10&uren=24&doelgroep=statushouder",
        eligible: &["leerwerkloket"],
        maybe: &["hca-groei-vooruit", "overijssel-1000-kansen"],
        own: Some(140_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "20-year-old student with mbo-2 in Olst-Wijhe, functiegerichte training €350: has a startkwalificatie",
        query: "voor=ik&leeftijd=20&situatie=student&opleiding=mbo2&gemeente=GM1773&sector=horeca&soort=functiegericht&kosten=350&doelgroep=geen",
        eligible: &["leerwerkloket"],
        maybe: &[
            "hca-groei-vooruit",
            "scholingsvoucher-jongeren-regio-zwolle",
        ],
        own: Some(35_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "38-year-old in bijstand in Groningen (elders, not Overijssel), no startkwalificatie, mbo-BOL €1,300",
        query: "voor=ik&leeftijd=38&situatie=bijstand&opleiding=geen&gemeente=elders&overijssel=nee&sector=retail&soort=mbo_bol&nlqf=2&kosten=1300",
        eligible: &[
            "leerwerkloket",
            "gemeente-scholingsbudget-bijstand",
            "levenlanglerenkrediet",
            "praktijkverklaring",
        ],
        maybe: &[],
        own: Some(130_000),
        own_with_maybe: Some(130_000),
        amounts: &[("gemeente-scholingsbudget-bijstand", None)],
    },
    Scenario {
        what: "50-year-old werkend in Zwartewaterland, hbo-duaal €2,000",
        query: "voor=ik&leeftijd=50&situatie=werkend&opleiding=mbo4&gemeente=GM1896&sector=techniek&soort=hbo_duaal&nlqf=6&kosten=2000&doelgroep=geen",
        eligible: &["leerwerkloket", "levenlanglerenkrediet"],
        maybe: &["hca-groei-vooruit"],
        own: Some(200_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "36-year-old werkend in Ommen, mbo-BOL €2,400.50 (cents)",
        query: "voor=ik&leeftijd=36&situatie=werkend&opleiding=mbo2&gemeente=GM0175&sector=retail&soort=mbo_bol&nlqf=3&kosten=2400,50&doelgroep=geen",
        eligible: &["leerwerkloket", "levenlanglerenkrediet"],
        maybe: &["hca-groei-vooruit"],
        own: Some(240_050),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "44-year-old zzp'er in Staphorst, course €5,999.99 incl. btw: HCA Groei Vooruit at most €5,000",
        query: "voor=ik&leeftijd=44&situatie=zzp&opleiding=hbo&gemeente=GM0180&sector=zakelijk&soort=cursus&kosten=5999,99&btw=ja&doelgroep=geen",
        eligible: &["leerwerkloket"],
        maybe: &["hca-groei-vooruit"],
        own: Some(599_999),
        own_with_maybe: Some(99_999),
        amounts: &[],
    },
    // ---------------------------------------------------------------- employers
    Scenario {
        what: "employer with 30 staff in Zwolle, zorg, BBL student for a year (€3,200, NLQF not given)",
        // Praktijkleren €2,700 (erkend leerbedrijf, BBL, 12 months). SLIM-scholing needs the
        // NLQF level; HCA Upgrade Jezelf and Overijssel HRM (mbo-2 learner) are unconfirmed.
        query: "voor=werkgever&leeftijd=19&situatie=werkend&opleiding=mbo2&gemeente=GM0193&sector=zorg&soort=mbo_bbl&kosten=3200&maanden=12&uren=32&medewerkers=30&omzet=ja&leerbedrijf=ja&doelgroep=geen",
        eligible: &["praktijkleren", "wkr-studiekosten", "leerwerkloket"],
        maybe: &[
            "slim-scholingssubsidie",
            "hca-upgrade-jezelf",
            "overijssel-hrm-scholing",
        ],
        own: Some(50_000),
        own_with_maybe: Some(0),
        amounts: &[
            ("praktijkleren", Some(270_000)),
            ("slim-scholingssubsidie", None),
        ],
    },
    Scenario {
        what: "employer with 30 staff in Zwolle, zorg, BBL student mbo-3 (NLQF 3) for a year, €3,200: SLIM-scholing 90%",
        query: "voor=werkgever&leeftijd=19&situatie=werkend&opleiding=mbo2&gemeente=GM0193&sector=zorg&soort=mbo_bbl&nlqf=3&kosten=3200&maanden=12&uren=32&medewerkers=30&omzet=ja&leerbedrijf=ja&doelgroep=geen&ontwikkelpad=ja",
        eligible: &[
            "praktijkleren",
            "slim-scholingssubsidie",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &["hca-upgrade-jezelf", "overijssel-hrm-scholing"],
        own: Some(0),
        own_with_maybe: Some(0),
        amounts: &[("slim-scholingssubsidie", Some(288_000))],
    },
    Scenario {
        what: "zorg employer with 12 staff in Hoogeveen (Drenthe), not an erkend leerbedrijf, BBL NLQF 4 for a year, €3,200",
        query: "voor=werkgever&leeftijd=23&situatie=werkend&opleiding=mbo3&gemeente=GM0118&sector=zorg&soort=mbo_bbl&nlqf=4&kosten=3200&maanden=12&uren=32&medewerkers=12&omzet=ja&leerbedrijf=nee&doelgroep=geen&ontwikkelpad=ja",
        eligible: &[
            "slim-scholingssubsidie",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &["hca-upgrade-jezelf"],
        own: Some(192_000),
        own_with_maybe: Some(32_000),
        amounts: &[("slim-scholingssubsidie", Some(128_000))],
    },
    Scenario {
        what: "horeca employer with 8 staff in Kampen, leerbedrijf not answered, BBL kok for 18 months, €2,600",
        // 18 months: a full year (€2,700) plus 26 of 40 weeks (€1,755).
        query: "voor=werkgever&leeftijd=20&situatie=werkend&opleiding=geen&gemeente=GM0166&sector=horeca&soort=mbo_bbl&nlqf=2&kosten=2600&maanden=18&uren=32&medewerkers=8&omzet=ja&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &[
            "praktijkleren",
            "hca-upgrade-jezelf",
            "overijssel-hrm-scholing",
        ],
        own: Some(260_000),
        own_with_maybe: Some(0),
        amounts: &[("praktijkleren", Some(445_500))],
    },
    Scenario {
        what: "horeca employer with 12 staff in Zwolle, erkend leerbedrijf, BBL for 6 months, €2,400",
        query: "voor=werkgever&leeftijd=24&situatie=werkend&opleiding=mbo4&gemeente=GM0193&sector=horeca&soort=mbo_bbl&nlqf=3&kosten=2400&maanden=6&uren=36&medewerkers=12&omzet=ja&leerbedrijf=ja&doelgroep=geen",
        eligible: &["praktijkleren", "wkr-studiekosten", "leerwerkloket"],
        maybe: &["hca-upgrade-jezelf"],
        own: Some(64_500),
        own_with_maybe: Some(0),
        amounts: &[("praktijkleren", Some(175_500))],
    },
    Scenario {
        what: "installatiebedrijf (techniek) with 45 staff in Hardenberg, NLQF-3 course for an mbo-2 monteur, €6,000 + btw",
        // SLIM-scholing 90% of the invoice (incl. btw), Wij Techniek waardebon €500.
        query: "voor=werkgever&leeftijd=34&situatie=werkend&opleiding=mbo2&gemeente=GM0160&sector=techniek&soort=cursus&nlqf=3&kosten=7260&btw=ja&medewerkers=45&omzet=ja&leerbedrijf=ja&doelgroep=geen&ontwikkelpad=ja",
        eligible: &[
            "slim-scholingssubsidie",
            "wij-techniek-waardebon",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &["hca-upgrade-jezelf", "overijssel-hrm-scholing"],
        own: Some(22_600),
        own_with_maybe: Some(0),
        amounts: &[
            ("slim-scholingssubsidie", Some(653_400)),
            ("hca-upgrade-jezelf", Some(300_000)),
            ("overijssel-hrm-scholing", Some(300_000)),
        ],
    },
    Scenario {
        what: "techniek employer with 60 staff in Zwolle, NLQF-4 course €5,000 for an mbo-4 employee: SLIM-scholing 40%, no HRM",
        query: "voor=werkgever&leeftijd=41&situatie=werkend&opleiding=mbo4&gemeente=GM0193&sector=techniek&soort=cursus&nlqf=4&kosten=5000&medewerkers=60&omzet=ja&leerbedrijf=nee&doelgroep=geen&ontwikkelpad=ja",
        eligible: &[
            "slim-scholingssubsidie",
            "wij-techniek-waardebon",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &["hca-upgrade-jezelf"],
        own: Some(250_000),
        own_with_maybe: Some(0),
        amounts: &[("slim-scholingssubsidie", Some(200_000))],
    },
    Scenario {
        what: "techniek employer with 120 staff in Kampen, erkend leerbedrijf, hbo-deeltijd (Associate degree, NLQF 5) for a year, €4,000",
        query: "voor=werkgever&leeftijd=26&situatie=werkend&opleiding=mbo4&gemeente=GM0166&sector=techniek&soort=hbo_deeltijd&nlqf=5&kosten=4000&maanden=12&uren=40&medewerkers=120&omzet=ja&leerbedrijf=ja&doelgroep=geen",
        eligible: &[
            "praktijkleren",
            "wij-techniek-waardebon",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &["hca-upgrade-jezelf"],
        own: Some(80_000),
        own_with_maybe: Some(0),
        amounts: &[("praktijkleren", Some(270_000))],
    },
    Scenario {
        what: "bouwbedrijf with 15 staff in Dalfsen, erkend leerbedrijf, BBL timmerman (NLQF 2) for two years, €2,600",
        query: "voor=werkgever&leeftijd=18&situatie=werkend&opleiding=geen&gemeente=GM0148&sector=bouw&soort=mbo_bbl&nlqf=2&kosten=2600&maanden=24&uren=32&medewerkers=15&omzet=ja&leerbedrijf=ja&doelgroep=geen&ontwikkelpad=ja",
        eligible: &[
            "praktijkleren",
            "slim-scholingssubsidie",
            "oo-fonds-bouw",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &["hca-upgrade-jezelf", "overijssel-hrm-scholing"],
        own: Some(0),
        own_with_maybe: Some(0),
        amounts: &[
            ("praktijkleren", Some(540_000)),
            ("slim-scholingssubsidie", Some(234_000)),
        ],
    },
    Scenario {
        what: "bouwbedrijf with 9 staff in Elburg (Gelderland), VCA course €350, NLQF not given",
        query: "voor=werkgever&leeftijd=37&situatie=werkend&opleiding=mbo2&gemeente=GM0230&sector=bouw&soort=cursus&kosten=350&medewerkers=9&omzet=ja&leerbedrijf=nee&doelgroep=geen",
        eligible: &["oo-fonds-bouw", "wkr-studiekosten", "leerwerkloket"],
        maybe: &["slim-scholingssubsidie", "hca-upgrade-jezelf"],
        own: Some(35_000),
        own_with_maybe: Some(17_500),
        amounts: &[],
    },
    Scenario {
        what: "logistics employer with 70 staff in Zwolle, erkend leerbedrijf, derde leerweg for a 26-year-old in bijstand, 9 months, €3,500",
        // 9 months = 39 of 40 weeks: €2,632.50.
        query: "voor=werkgever&leeftijd=26&situatie=bijstand&opleiding=geen&gemeente=GM0193&sector=logistiek&soort=mbo_derde_leerweg&nlqf=2&kosten=3500&maanden=9&uren=24&medewerkers=70&omzet=ja&leerbedrijf=ja&doelgroep=geen",
        eligible: &[
            "praktijkleren-derde-leerweg",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &[
            "hca-upgrade-jezelf",
            "overijssel-hrm-scholing",
            "overijssel-1000-kansen",
        ],
        own: Some(86_750),
        own_with_maybe: Some(0),
        amounts: &[("praktijkleren-derde-leerweg", Some(263_250))],
    },
    Scenario {
        what: "zorg employer with 200 staff in Meppel, derde leerweg for someone already working (NLQF 3, €3,000): no derde-leerweg subsidy",
        query: "voor=werkgever&leeftijd=44&situatie=werkend&opleiding=mbo2&gemeente=GM0119&sector=zorg&soort=mbo_derde_leerweg&nlqf=3&kosten=3000&maanden=12&uren=28&medewerkers=200&omzet=ja&leerbedrijf=ja&doelgroep=geen&ontwikkelpad=ja",
        eligible: &[
            "slim-scholingssubsidie",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &["hca-upgrade-jezelf"],
        own: Some(30_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "large zorg employer outside the region (not Overijssel), derde leerweg for a 52-year-old threatened with unemployment, 6 months, €2,000",
        query: "voor=werkgever&leeftijd=52&situatie=dreigend_werkloos&opleiding=mbo3&gemeente=elders&overijssel=nee&sector=zorg&soort=mbo_derde_leerweg&kosten=2000&maanden=6&uren=32&medewerkers=300&omzet=nee&leerbedrijf=ja&doelgroep=geen",
        eligible: &[
            "praktijkleren-derde-leerweg",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &["slim-scholingssubsidie"],
        own: Some(24_500),
        own_with_maybe: Some(24_500),
        amounts: &[("praktijkleren-derde-leerweg", Some(175_500))],
    },
    Scenario {
        what: "retail employer with 40 staff in Zwolle hires a 23-year-old from the doelgroep banenafspraak for 24 h/week",
        // LKV banenafspraak: €1.01 × 24 h × 52 weeks = €1,260.48 a year.
        query: "voor=werkgever&leeftijd=23&situatie=werkzoekend&opleiding=geen&gemeente=GM0193&sector=retail&uren=24&medewerkers=40&omzet=ja&leerbedrijf=nee&doelgroep=banenafspraak",
        eligible: &["lkv-banenafspraak", "wkr-studiekosten", "leerwerkloket"],
        maybe: &[
            "slim-regeling",
            "hca-upgrade-jezelf",
            "overijssel-hrm-scholing",
            "overijssel-1000-kansen",
        ],
        own: None,
        own_with_maybe: None,
        amounts: &[("lkv-banenafspraak", Some(126_048))],
    },
    Scenario {
        what: "large logistics employer outside the region hires from the doelgroep banenafspraak for 40 h/week: capped at €2,000 a year",
        query: "voor=werkgever&leeftijd=30&situatie=werkzoekend&opleiding=mbo2&gemeente=elders&overijssel=nee&sector=logistiek&uren=40&medewerkers=400&omzet=nee&doelgroep=banenafspraak",
        eligible: &["lkv-banenafspraak", "wkr-studiekosten", "leerwerkloket"],
        maybe: &["praktijkleren", "praktijkleren-derde-leerweg"],
        own: None,
        own_with_maybe: None,
        amounts: &[("lkv-banenafspraak", Some(200_000))],
    },
    Scenario {
        what: "agricultural employer with 25 staff in Dronten hires an arbeidsgehandicapte from WW for 20 h/week",
        // LKV arbeidsgehandicapt: €3.05 × 20 h × 52 weeks = €3,172 a year.
        query: "voor=werkgever&leeftijd=45&situatie=ww&opleiding=mbo3&gemeente=GM0303&sector=landbouw&uren=20&medewerkers=25&omzet=ja&leerbedrijf=nee&doelgroep=arbeidsgehandicapt",
        eligible: &[
            "lkv-arbeidsgehandicapt",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &[
            "slim-scholingssubsidie",
            "slim-regeling",
            "hca-upgrade-jezelf",
        ],
        own: None,
        own_with_maybe: None,
        amounts: &[("lkv-arbeidsgehandicapt", Some(317_200))],
    },
    Scenario {
        what: "large public employer in Ommen re-employs (herplaatsing) a 50-year-old for 38 h/week: capped at €6,000",
        query: "voor=werkgever&leeftijd=50&situatie=werkzoekend&opleiding=mbo4&gemeente=GM0175&sector=overheid&uren=38&medewerkers=500&omzet=nee&leerbedrijf=nee&doelgroep=herplaatsing",
        eligible: &["lkv-herplaatsing", "wkr-studiekosten", "leerwerkloket"],
        maybe: &["hca-upgrade-jezelf"],
        own: None,
        own_with_maybe: None,
        amounts: &[("lkv-herplaatsing", Some(600_000))],
    },
    Scenario {
        what: "logistics employer with 35 staff in Zwolle hires a 58-year-old from WW, 6-month course €1,200 (LKV oudere werknemer ended)",
        query: "voor=werkgever&leeftijd=58&situatie=ww&opleiding=mbo3&gemeente=GM0193&sector=logistiek&soort=cursus&kosten=1200&maanden=6&uren=32&medewerkers=35&omzet=ja&leerbedrijf=nee&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &[
            "hca-upgrade-jezelf",
            "overijssel-hrm-scholing",
            "overijssel-1000-kansen",
        ],
        own: Some(120_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "small firm (18 staff) in Apeldoorn (elders, not Overijssel), SLIM scan and opleidingsplan €6,000; learner questions unanswered",
        // SLIM: 60% of at least €5,000 of costs. The LKV target group is unanswered.
        query: "voor=werkgever&gemeente=elders&overijssel=nee&sector=zakelijk&soort=advies&kosten=6000&medewerkers=18&omzet=ja",
        eligible: &["slim-regeling", "wkr-studiekosten", "leerwerkloket"],
        maybe: &[
            "lkv-banenafspraak",
            "lkv-arbeidsgehandicapt",
            "lkv-herplaatsing",
        ],
        own: Some(240_000),
        own_with_maybe: Some(240_000),
        amounts: &[
            ("slim-regeling", Some(360_000)),
            ("lkv-banenafspraak", None),
        ],
    },
    Scenario {
        what: "small firm (18 staff) in Apeldoorn, SLIM advice €4,800: under the €5,000 minimum",
        query: "voor=werkgever&gemeente=elders&overijssel=nee&sector=zakelijk&soort=advies&kosten=4800&medewerkers=18&omzet=ja",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &[
            "lkv-banenafspraak",
            "lkv-arbeidsgehandicapt",
            "lkv-herplaatsing",
        ],
        own: Some(480_000),
        own_with_maybe: Some(480_000),
        amounts: &[],
    },
    Scenario {
        what: "ICT firm with 120 staff in Deventer (elders, Overijssel), SLIM advice €10,000 + btw",
        // SLIM: 60% of €10,000 excl. btw. Overijssel HRM (education unknown) and 1000 kansen
        // (learner unknown) stay maybe.
        query: "voor=werkgever&gemeente=elders&overijssel=ja&sector=ict&soort=advies&kosten=12100&btw=ja&medewerkers=120&omzet=ja&doelgroep=geen",
        eligible: &["slim-regeling", "wkr-studiekosten", "leerwerkloket"],
        maybe: &["overijssel-hrm-scholing", "overijssel-1000-kansen"],
        own: Some(610_000),
        own_with_maybe: Some(0),
        amounts: &[
            ("slim-regeling", Some(600_000)),
            ("overijssel-hrm-scholing", Some(500_000)),
            ("overijssel-1000-kansen", Some(250_000)),
        ],
    },
    Scenario {
        what: "horeca firm with 250 staff elsewhere, SLIM advice €8,000: not mkb (the large-firm chapter ended in 2024)",
        query: "voor=werkgever&gemeente=elders&overijssel=nee&sector=horeca&soort=advies&kosten=8000&medewerkers=250&omzet=ja&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &[],
        own: Some(800_000),
        own_with_maybe: Some(800_000),
        amounts: &[],
    },
    Scenario {
        what: "recreatie firm with 40 staff elsewhere, SLIM advice €5,000, turnover not answered",
        query: "voor=werkgever&gemeente=elders&overijssel=nee&sector=recreatie&soort=advies&kosten=5000&medewerkers=40&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &["slim-regeling"],
        own: Some(500_000),
        own_with_maybe: Some(200_000),
        amounts: &[],
    },
    Scenario {
        what: "food producer with 60 staff in Zwartewaterland, course €3,000 for an mbo-2 operator: HRM scholing for low-educated staff",
        query: "voor=werkgever&leeftijd=38&situatie=werkend&opleiding=mbo2&gemeente=GM1896&sector=overig&soort=cursus&kosten=3000&medewerkers=60&omzet=ja&leerbedrijf=nee&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &["hca-upgrade-jezelf", "overijssel-hrm-scholing"],
        own: Some(300_000),
        own_with_maybe: Some(0),
        amounts: &[("overijssel-hrm-scholing", Some(150_000))],
    },
    Scenario {
        what: "logistics firm with 200 staff in Overijssel (elders), €50,000 + btw programme for mbo-3 staff: HRM capped at €20,000",
        query: "voor=werkgever&leeftijd=45&situatie=werkend&opleiding=mbo3&gemeente=elders&overijssel=ja&sector=logistiek&soort=cursus&kosten=60500&btw=ja&medewerkers=200&omzet=ja&leerbedrijf=nee&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &["overijssel-hrm-scholing"],
        own: Some(6_050_000),
        own_with_maybe: Some(4_050_000),
        amounts: &[("overijssel-hrm-scholing", Some(2_000_000))],
    },
    Scenario {
        what: "shop with 3 staff in Overijssel (elders), course €900 for an mbo-2 employee: too small for HRM scholing",
        query: "voor=werkgever&leeftijd=29&situatie=werkend&opleiding=mbo2&gemeente=elders&overijssel=ja&sector=retail&soort=cursus&kosten=900&medewerkers=3&omzet=ja&leerbedrijf=nee&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &[],
        own: Some(90_000),
        own_with_maybe: Some(90_000),
        amounts: &[],
    },
    Scenario {
        what: "logistics firm with 10 staff in Urk (Flevoland), functiegerichte training €1,500 for an mbo-2 driver: HCA maybe, no Overijssel",
        query: "voor=werkgever&leeftijd=31&situatie=werkend&opleiding=mbo2&gemeente=GM0184&sector=logistiek&soort=functiegericht&kosten=1500&medewerkers=10&omzet=ja&leerbedrijf=nee&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &["hca-upgrade-jezelf"],
        own: Some(150_000),
        own_with_maybe: Some(75_000),
        amounts: &[],
    },
    Scenario {
        what: "hospital with 800 staff in Zwolle, erkend leerbedrijf, hbo-duaal verpleegkunde (NLQF 6) for a year, €2,530",
        query: "voor=werkgever&leeftijd=21&situatie=student&opleiding=mbo4&gemeente=GM0193&sector=zorg&soort=hbo_duaal&nlqf=6&kosten=2530&maanden=12&uren=24&medewerkers=800&omzet=nee&leerbedrijf=ja&doelgroep=geen",
        eligible: &["praktijkleren", "wkr-studiekosten", "leerwerkloket"],
        maybe: &["hca-upgrade-jezelf"],
        own: Some(0),
        own_with_maybe: Some(0),
        amounts: &[("praktijkleren", Some(270_000))],
    },
    Scenario {
        what: "employer path with nothing else answered",
        query: "voor=werkgever",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &[
            "slim-scholingssubsidie",
            "slim-regeling",
            "praktijkleren",
            "praktijkleren-derde-leerweg",
            "lkv-banenafspraak",
            "lkv-arbeidsgehandicapt",
            "lkv-herplaatsing",
            "oom-leerwerkbijdrage",
            "wij-techniek-waardebon",
            "oo-fonds-bouw",
            "hca-upgrade-jezelf",
            "overijssel-hrm-scholing",
            "overijssel-1000-kansen",
        ],
        own: None,
        own_with_maybe: None,
        amounts: &[],
    },
    Scenario {
        what: "horeca employer with 6 staff in Hattem (Gelderland), erkend leerbedrijf, BBL €1,800 without the length: praktijkleren needs the months",
        query: "voor=werkgever&leeftijd=20&situatie=werkend&opleiding=mbo2&gemeente=GM0244&sector=horeca&soort=mbo_bbl&nlqf=2&kosten=1800&uren=32&medewerkers=6&omzet=ja&leerbedrijf=ja&doelgroep=geen",
        eligible: &["praktijkleren", "wkr-studiekosten", "leerwerkloket"],
        maybe: &["hca-upgrade-jezelf"],
        own: Some(180_000),
        own_with_maybe: Some(90_000),
        amounts: &[("praktijkleren", None)],
    },
    Scenario {
        what: "hoveniersbedrijf (sector landbouw/groen) with 5 staff in Noordoostpolder, erkend leerbedrijf, BBL (NLQF 3) for a year, €1,400",
        query: "voor=werkgever&leeftijd=17&situatie=student&opleiding=geen&gemeente=GM0171&sector=landbouw&soort=mbo_bbl&nlqf=3&kosten=1400&maanden=12&uren=32&medewerkers=5&omzet=ja&leerbedrijf=ja&doelgroep=geen&ontwikkelpad=ja",
        eligible: &[
            "praktijkleren",
            "slim-scholingssubsidie",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &["hca-upgrade-jezelf"],
        own: Some(0),
        own_with_maybe: Some(0),
        amounts: &[("slim-scholingssubsidie", Some(126_000))],
    },
    Scenario {
        what: "retail employer with 14 staff in Zwolle, not a leerbedrijf, takes a 17-year-old without startkwalificatie on a 6-month leerwerktraject at 24 h/week, €2,000",
        query: "voor=werkgever&leeftijd=17&situatie=werkzoekend&opleiding=geen&gemeente=GM0193&sector=retail&soort=mbo_derde_leerweg&nlqf=1&kosten=2000&maanden=6&uren=24&medewerkers=14&omzet=ja&leerbedrijf=nee&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &[
            "hca-upgrade-jezelf",
            "overijssel-hrm-scholing",
            "overijssel-1000-kansen",
        ],
        own: Some(200_000),
        own_with_maybe: Some(0),
        amounts: &[("overijssel-1000-kansen", Some(100_000))],
    },
    Scenario {
        what: "29-year-old werkend in Zwolle, hbo-deeltijd €2,800: under 30 the levenlanglerenkrediet is open for part-time hbo/wo",
        // Fact sheet #5: "Under 30 only for a 2nd hbo/wo study or part-time hbo/wo". The
        // catalogue has a hard age minimum of 30.
        query: "voor=ik&leeftijd=29&situatie=werkend&opleiding=mbo4&gemeente=GM0193&sector=ict&soort=hbo_deeltijd&nlqf=6&kosten=2800&doelgroep=geen",
        eligible: &["leerwerkloket", "levenlanglerenkrediet"],
        maybe: &["hca-groei-vooruit"],
        own: Some(280_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "techniek employer (25 staff, elsewhere), erkend leerbedrijf, BBL for a year, €6,500: OOM (metaal cao) and Wij Techniek (installatie cao) do not both apply",
        // Fact sheet #10: each O&O fund is for employers under its own cao; the sure plan
        // counts both the OOM leerwerkbijdrage and the Wij Techniek waardebon. Expected here:
        // at most one of them (the higher, OOM), as if they were one "highest only" group.
        query: "voor=werkgever&leeftijd=18&situatie=werkend&opleiding=geen&gemeente=elders&overijssel=nee&sector=techniek&soort=mbo_bbl&kosten=6500&maanden=12&uren=32&medewerkers=25&omzet=ja&leerbedrijf=ja&doelgroep=geen",
        eligible: &[
            "praktijkleren",
            "oom-leerwerkbijdrage",
            "wij-techniek-waardebon",
            "wkr-studiekosten",
            "leerwerkloket",
        ],
        maybe: &["slim-scholingssubsidie"],
        own: Some(110_000),
        own_with_maybe: Some(110_000),
        amounts: &[],
    },
    Scenario {
        what: "small firm (18 staff) in Zwolle, SLIM scan and opleidingsplan €6,000: HCA Upgrade Jezelf funds subject-matter training only",
        // Fact sheet #11: "OCW-recognised opleiders; subject-matter training only". An advice
        // or scan is not training at a recognised opleider.
        query: "voor=werkgever&leeftijd=40&situatie=werkend&opleiding=mbo4&gemeente=GM0193&sector=zakelijk&soort=advies&kosten=6000&medewerkers=18&omzet=ja&leerbedrijf=nee&doelgroep=geen",
        eligible: &["slim-regeling", "wkr-studiekosten", "leerwerkloket"],
        maybe: &[],
        own: Some(240_000),
        own_with_maybe: Some(240_000),
        amounts: &[],
    },
    Scenario {
        what: "accountancy firm (zakelijk, 40 staff, elsewhere), erkend leerbedrijf, hbo-deeltijd accountancy for a year, €3,000: not a praktijkleren domain",
        // Fact sheet #6: hbo duaal/deeltijd only in techniek, landbouw & natuurlijke omgeving,
        // gezondheidszorg, gedrag & maatschappij. The catalogue reads the domain from the
        // employer's sector (zorg, techniek, landbouw): zakelijk is none of them.
        query: "voor=werkgever&leeftijd=25&situatie=werkend&opleiding=mbo4&gemeente=elders&overijssel=nee&sector=zakelijk&soort=hbo_deeltijd&nlqf=6&kosten=3000&maanden=12&uren=32&medewerkers=40&omzet=ja&leerbedrijf=ja&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &[],
        own: Some(300_000),
        own_with_maybe: Some(300_000),
        amounts: &[],
    },
    Scenario {
        what: "logistics firm in Hardenberg, 200 staff, turnover above €50m, course €3,000 for mbo-2 staff: not mkb, so no Overijssel HRM scholing",
        // Fact sheet #12b: the HRM scholingsregeling is for MKB (#3: <250 staff and turnover
        // ≤ €50m). The catalogue checks the staff count only.
        query: "voor=werkgever&leeftijd=35&situatie=werkend&opleiding=mbo2&gemeente=GM0160&sector=logistiek&soort=cursus&kosten=3000&medewerkers=200&omzet=nee&leerbedrijf=nee&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &["hca-upgrade-jezelf"],
        own: Some(300_000),
        own_with_maybe: Some(150_000),
        amounts: &[],
    },
    Scenario {
        what: "zorg employer (300 staff) in Hoogeveen, erkend leerbedrijf, hbo-duaal student for 6 months, €2,000: hbo places count 42 weeks",
        // Fact sheet #6: "Max €2,700 per place per school year (40 weeks; hbo 42), pro rata".
        // 26 of 42 weeks = €1,671.42.
        query: "voor=werkgever&leeftijd=22&situatie=student&opleiding=mbo4&gemeente=GM0118&sector=zorg&soort=hbo_duaal&nlqf=6&kosten=2000&maanden=6&uren=24&medewerkers=300&omzet=nee&leerbedrijf=ja&doelgroep=geen",
        eligible: &["praktijkleren", "wkr-studiekosten", "leerwerkloket"],
        maybe: &["hca-upgrade-jezelf"],
        own: Some(32_858),
        own_with_maybe: Some(0),
        amounts: &[("praktijkleren", Some(167_142))],
    },
    // ------------------------------------------- issue 11: rules real people hit
    Scenario {
        what: "26-year-old with an hbo diploma in Meppel, a second hbo study (voltijd) €2,530: the loan under 30 for a second study",
        query: "voor=ik&leeftijd=26&situatie=werkend&opleiding=hbo&gemeente=GM0119&sector=zorg&soort=hbo_voltijd&nlqf=6&kosten=2530",
        eligible: &["leerwerkloket", "levenlanglerenkrediet"],
        maybe: &["hca-groei-vooruit", "scholingsvoucher-jongeren-regio-zwolle"],
        own: Some(253_000),
        own_with_maybe: Some(0),
        amounts: &[("levenlanglerenkrediet", Some(253_000))],
    },
    Scenario {
        what: "27-year-old with mbo-4 in Meppel, a part-time university study €2,530: the loan under 30 for part-time wo",
        query: "voor=ik&leeftijd=27&situatie=werkend&opleiding=mbo4&gemeente=GM0119&sector=zorg&soort=wo_deeltijd&nlqf=7&kosten=2530",
        eligible: &["leerwerkloket", "levenlanglerenkrediet"],
        maybe: &["hca-groei-vooruit", "scholingsvoucher-jongeren-regio-zwolle"],
        own: Some(253_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "25-year-old with mbo-4 in Meppel, a first full-time hbo study €2,530: no loan under 30 (not a second study, not part-time)",
        query: "voor=ik&leeftijd=25&situatie=werkend&opleiding=mbo4&gemeente=GM0119&sector=zorg&soort=hbo_voltijd&nlqf=6&kosten=2530",
        eligible: &["leerwerkloket"],
        maybe: &["hca-groei-vooruit", "scholingsvoucher-jongeren-regio-zwolle"],
        own: Some(253_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "26-year-old in Meppel, full-time hbo €2,530, education not answered: the loan is a question (a second study?), never a flat no",
        query: "voor=ik&leeftijd=26&situatie=werkend&gemeente=GM0119&sector=zorg&soort=hbo_voltijd&nlqf=6&kosten=2530",
        eligible: &["leerwerkloket"],
        maybe: &[
            "levenlanglerenkrediet",
            "hca-groei-vooruit",
            "scholingsvoucher-jongeren-regio-zwolle",
            "praktijkverklaring",
        ],
        own: Some(253_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
    Scenario {
        what: "ICT employer with 30 staff in Zwolle, advice €5,500 incl. 21% btw (€4,545 without): below the SLIM minimum of €5,000 without btw",
        query: "voor=werkgever&leeftijd=40&situatie=werkend&opleiding=mbo4&gemeente=GM0193&sector=ict&soort=advies&kosten=5500&btw=ja&medewerkers=30&omzet=ja&leerbedrijf=nee&doelgroep=geen",
        eligible: &["wkr-studiekosten", "leerwerkloket"],
        maybe: &[],
        own: Some(550_000),
        own_with_maybe: Some(550_000),
        amounts: &[],
    },
    Scenario {
        what: "ICT employer with 30 staff in Zwolle, advice €6,050 incl. btw (€5,000 without): SLIM 60% of €5,000",
        query: "voor=werkgever&leeftijd=40&situatie=werkend&opleiding=mbo4&gemeente=GM0193&sector=ict&soort=advies&kosten=6050&btw=ja&medewerkers=30&omzet=ja&leerbedrijf=nee&doelgroep=geen",
        eligible: &["slim-regeling", "wkr-studiekosten", "leerwerkloket"],
        maybe: &[],
        own: Some(305_000),
        own_with_maybe: Some(305_000),
        amounts: &[("slim-regeling", Some(300_000))],
    },
    Scenario {
        what: "zorg employer, BBL NLQF 3 for a year, €3,200, Ontwikkelpad not answered: SLIM-scholing is a question, not a sure 90%",
        query: "voor=werkgever&leeftijd=19&situatie=werkend&opleiding=mbo2&gemeente=GM0193&sector=zorg&soort=mbo_bbl&nlqf=3&kosten=3200&maanden=12&uren=32&medewerkers=30&omzet=ja&leerbedrijf=ja&doelgroep=geen",
        eligible: &["praktijkleren", "wkr-studiekosten", "leerwerkloket"],
        maybe: &[
            "slim-scholingssubsidie",
            "hca-upgrade-jezelf",
            "overijssel-hrm-scholing",
        ],
        own: Some(50_000),
        own_with_maybe: Some(0),
        amounts: &[("slim-scholingssubsidie", Some(288_000))],
    },
    Scenario {
        what: "zorg employer, BBL NLQF 3 for a year, €3,200, not in an Ontwikkelpad: no SLIM-scholing",
        query: "voor=werkgever&leeftijd=19&situatie=werkend&opleiding=mbo2&gemeente=GM0193&sector=zorg&soort=mbo_bbl&nlqf=3&kosten=3200&maanden=12&uren=32&medewerkers=30&omzet=ja&leerbedrijf=ja&doelgroep=geen&ontwikkelpad=nee",
        eligible: &["praktijkleren", "wkr-studiekosten", "leerwerkloket"],
        maybe: &["hca-upgrade-jezelf", "overijssel-hrm-scholing"],
        own: Some(50_000),
        own_with_maybe: Some(0),
        amounts: &[],
    },
];

fn catalogue() -> Catalogue {
    serde_json::from_str(include_str!("../../data/schemes.json"))
        .expect("data/schemes.json parses as a Catalogue")
}

fn today() -> Date {
    Date::parse("2026-11-24").expect("a valid date")
}

/// The profile of a query string; a value the calculator cannot read is an error in the table.
fn profile(query: &str) -> Result<Profile, String> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query).map_err(|e| format!("query does not parse: {e}"))?;
    let (profile, errors) =
        Profile::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if errors.is_empty() {
        Ok(profile)
    } else {
        Err(format!("answers not understood: {errors:?}"))
    }
}

fn ids_with(outcome: &Outcome, verdict: Verdict) -> BTreeSet<&str> {
    outcome
        .results
        .iter()
        .filter(|r| r.verdict == verdict)
        .map(|r| r.id.as_str())
        .collect()
}

fn compare_set(
    problems: &mut Vec<String>,
    label: &str,
    expected: &[&str],
    actual: &BTreeSet<&str>,
) {
    let expected: BTreeSet<&str> = expected.iter().copied().collect();
    if &expected != actual {
        let missing: Vec<_> = expected.difference(actual).collect();
        let extra: Vec<_> = actual.difference(&expected).collect();
        problems.push(format!(
            "{label}: expected {expected:?}, got {actual:?} (missing {missing:?}, unexpected {extra:?})"
        ));
    }
}

/// Everything that differs between a row and the engine's outcome.
fn check_row(catalogue: &Catalogue, row: &Scenario) -> Vec<String> {
    let mut problems = Vec::new();
    let mentioned = row
        .eligible
        .iter()
        .chain(row.maybe)
        .chain(row.amounts.iter().map(|(id, _)| id));
    for id in mentioned {
        if catalogue.scheme(id).is_none() {
            problems.push(format!("unknown scheme id {id:?} in the table"));
        }
    }
    let profile = match profile(row.query) {
        Ok(p) => p,
        Err(e) => {
            problems.push(e);
            return problems;
        }
    };
    let outcome = evaluate(catalogue, &profile, today());
    compare_set(
        &mut problems,
        "eligible",
        row.eligible,
        &ids_with(&outcome, Verdict::Eligible),
    );
    compare_set(
        &mut problems,
        "maybe",
        row.maybe,
        &ids_with(&outcome, Verdict::Maybe),
    );
    let own = outcome.plan.as_ref().map(|p| p.own);
    if own != row.own {
        problems.push(format!(
            "own contribution (sure plan): expected {:?}, got {own:?} (plan lines {:?})",
            row.own,
            outcome.plan.as_ref().map(|p| p
                .lines
                .iter()
                .map(|l| (l.id.as_str(), l.applied))
                .collect::<Vec<_>>())
        ));
    }
    let own_with_maybe = outcome.plan_with_maybe.as_ref().map(|p| p.own);
    if own_with_maybe != row.own_with_maybe {
        problems.push(format!(
            "own contribution (with maybe): expected {:?}, got {own_with_maybe:?} (plan lines {:?})",
            row.own_with_maybe,
            outcome.plan_with_maybe.as_ref().map(|p| p
                .lines
                .iter()
                .map(|l| (l.id.as_str(), l.applied))
                .collect::<Vec<_>>())
        ));
    }
    for (id, expected) in row.amounts {
        match outcome.results.iter().find(|r| r.id == *id) {
            Some(result) => {
                let actual = result.amount.exact();
                if actual != *expected {
                    problems.push(format!(
                        "amount of {id}: expected {expected:?}, got {:?}",
                        result.amount
                    ));
                }
            }
            None => problems.push(format!("amount of {id}: no result")),
        }
    }
    problems
}

#[test]
fn scenarios_match_the_rules_of_the_fact_sheet() {
    let catalogue = catalogue();
    let failures: Vec<String> = SCENARIOS
        .iter()
        .filter_map(|row| {
            let problems = check_row(&catalogue, row);
            (!problems.is_empty()).then(|| {
                format!(
                    "- {}\n  query: {}\n  {}",
                    row.what,
                    row.query,
                    problems.join("\n  ")
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} scenarios fail:\n{}",
        failures.len(),
        SCENARIOS.len(),
        failures.join("\n")
    );
}

#[test]
fn the_table_is_large_and_ended_schemes_never_count() {
    assert!(SCENARIOS.len() >= 40, "only {} scenarios", SCENARIOS.len());
    let catalogue = catalogue();
    for id in ENDED {
        assert!(
            catalogue.scheme(id).is_some(),
            "{id} is not in the catalogue"
        );
    }
    let mut failures = Vec::new();
    for row in SCENARIOS {
        assert!(
            !row.eligible
                .iter()
                .chain(row.maybe)
                .any(|id| ENDED.contains(id)),
            "the table lists an ended scheme as open: {}",
            row.what
        );
        let Ok(profile) = profile(row.query) else {
            continue; // reported by the other test
        };
        let outcome = evaluate(&catalogue, &profile, today());
        for result in &outcome.results {
            if ENDED.contains(&result.id.as_str()) && result.verdict != Verdict::Ended {
                failures.push(format!(
                    "{}: {} is {:?}",
                    row.what, result.id, result.verdict
                ));
            }
        }
        for (label, plan) in [
            ("plan", &outcome.plan),
            ("plan with maybe", &outcome.plan_with_maybe),
        ] {
            for line in plan.iter().flat_map(|p| &p.lines) {
                if ENDED.contains(&line.id.as_str()) {
                    failures.push(format!("{}: {} is in the {label}", row.what, line.id));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
