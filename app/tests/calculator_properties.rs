//! Property tests of the rule engine over the real catalogue (data/schemes.json): the own
//! contribution stays within [0, cost], removing a scheme never lowers it, and the result is the
//! same after the catalogue and the answers travel to the browser (JSON, the URL) and back.
use app::domain::calculator::{evaluate, Profile, FIELDS};
use app::domain::date::Date;
use app::domain::schemes::{Catalogue, Education, Situation, TargetGroup, TrainingKind};
use proptest::prelude::*;

fn catalogue() -> Catalogue {
    serde_json::from_str(include_str!("../../data/schemes.json")).expect("the catalogue parses")
}

fn today() -> Date {
    Date::parse("2026-11-24").unwrap()
}

fn yn(b: bool) -> String {
    if b { "ja" } else { "nee" }.to_string()
}

/// Any combination of answers the form can send (and some it cannot: out-of-range numbers).
fn answers() -> impl Strategy<Value = Profile> {
    let gemeenten: Vec<&'static str> = app::domain::region::GEMEENTEN
        .iter()
        .map(|g| g.code)
        .chain(["elders"])
        .collect();
    let sectors: Vec<&'static str> = app::domain::account::SECTORS.to_vec();
    let person = (
        prop::sample::select(vec!["ik", "werkgever"]),
        prop::option::of(0u32..100),
        prop::option::of(prop::sample::select(Situation::ALL.to_vec())),
        prop::option::of(prop::sample::select(Education::ALL.to_vec())),
        prop::option::of(prop::sample::select(gemeenten)),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::select(sectors)),
        prop::option::of(prop::sample::select(TargetGroup::ALL.to_vec())),
    );
    let training = (
        prop::option::of(prop::sample::select(TrainingKind::ALL.to_vec())),
        prop::option::of(0u32..10),
        prop::option::of(0i64..3_000_000),
        any::<bool>(),
        prop::option::of(0u32..80),
        prop::option::of(0u32..70),
        prop::option::of(0u32..2000),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
    );
    (person, training).prop_map(
        |(
            (voor, age, sit, edu, place, ov, sector, target),
            (kind, nlqf, cost, vat, months, hours, staff, turnover, leerbedrijf),
        )| {
            let fields: [(&str, Option<String>); 17] = [
                ("voor", Some(voor.to_string())),
                ("leeftijd", age.map(|v| v.to_string())),
                ("situatie", sit.map(|v| v.code().to_string())),
                ("opleiding", edu.map(|v| v.code().to_string())),
                ("gemeente", place.map(str::to_string)),
                ("overijssel", ov.map(yn)),
                ("sector", sector.map(str::to_string)),
                ("soort", kind.map(|v| v.code().to_string())),
                ("nlqf", nlqf.map(|v| v.to_string())),
                (
                    "kosten",
                    cost.map(|c| format!("{},{:02}", c / 100, c % 100)),
                ),
                ("btw", Some(yn(vat))),
                ("maanden", months.map(|v| v.to_string())),
                ("uren", hours.map(|v| v.to_string())),
                ("medewerkers", staff.map(|v| v.to_string())),
                ("omzet", turnover.map(yn)),
                ("leerbedrijf", leerbedrijf.map(yn)),
                ("doelgroep", target.map(|v| v.code().to_string())),
            ];
            let (profile, _) = Profile::from_pairs(
                fields
                    .iter()
                    .filter_map(|(k, v)| v.as_deref().map(|v| (*k, v))),
            );
            profile
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_own_contribution_is_never_negative_nor_above_the_cost(profile in answers()) {
        let outcome = evaluate(&catalogue(), &profile, today());
        for plan in [outcome.plan, outcome.plan_with_maybe].into_iter().flatten() {
            prop_assert!(plan.own >= 0, "own {} < 0", plan.own);
            prop_assert!(plan.own <= plan.cost, "own {} > cost {}", plan.own, plan.cost);
            prop_assert_eq!(plan.own + plan.covered, plan.cost);
            prop_assert_eq!(plan.lines.iter().map(|l| l.applied).sum::<i64>(), plan.covered);
            // Never a scheme twice.
            let mut ids: Vec<_> = plan.lines.iter().map(|l| l.id.clone()).collect();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), plan.lines.len());
        }
    }

    #[test]
    fn removing_a_scheme_never_lowers_the_own_contribution(
        profile in answers(),
        index in any::<prop::sample::Index>(),
    ) {
        let full = catalogue();
        let mut fewer = full.clone();
        fewer.schemes.remove(index.index(full.schemes.len()));
        let with_all = evaluate(&full, &profile, today());
        let without = evaluate(&fewer, &profile, today());
        if let (Some(a), Some(b)) = (&with_all.plan, &without.plan) {
            prop_assert!(b.own >= a.own, "own went from {} to {} after removing a scheme", a.own, b.own);
        }
        if let (Some(a), Some(b)) = (&with_all.plan_with_maybe, &without.plan_with_maybe) {
            prop_assert!(b.own >= a.own);
        }
    }

    #[test]
    fn the_browser_gets_the_same_result_as_the_server(profile in answers()) {
        // What the browser evaluates: the catalogue as the server function sends it (JSON) and
        // the answers as the URL carries them.
        let server_catalogue = catalogue();
        let shipped: Catalogue =
            serde_json::from_str(&serde_json::to_string(&server_catalogue).unwrap()).unwrap();
        let query = serde_urlencoded::to_string(profile.to_pairs()).unwrap();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&query).unwrap();
        let (browser_profile, errors) = Profile::from_pairs(
            pairs
                .iter()
                .filter(|(k, _)| FIELDS.contains(&k.as_str()))
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        prop_assert!(errors.is_empty());
        prop_assert_eq!(&browser_profile, &profile);
        prop_assert_eq!(
            evaluate(&shipped, &browser_profile, today()),
            evaluate(&server_catalogue, &profile, today())
        );
    }
}
