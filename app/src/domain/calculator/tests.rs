use super::*;

fn today() -> Date {
    Date::parse("2026-11-24").unwrap()
}

fn scheme(id: &str, criteria: Vec<Criterion>, money: Money, stacking: Stacking) -> Scheme {
    Scheme {
        id: id.into(),
        name: id.into(),
        official_name: None,
        summary: Text::default(),
        provider: "test".into(),
        audience: Audience::Both,
        support: SupportKind::Subsidy,
        apply: Text::default(),
        apply_url: None,
        windows: Vec::new(),
        valid_from: None,
        valid_until: None,
        status: Status::Running,
        status_note: Text::default(),
        verification: Verification::Verified,
        sources: vec!["test".into()],
        secondary_sources: Vec::new(),
        criteria,
        money,
        stacking,
        purpose: Purpose::Training,
        payment: Payment::ToProvider,
        capacity: None,
        indicative: false,
        notes: Text::default(),
    }
}

fn profile(query: &str) -> Profile {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
    let (p, errors) = Profile::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert!(errors.is_empty(), "{errors:?}");
    p
}

fn mark(c: Criterion, query: &str) -> Mark {
    check(&c, &profile(query)).mark
}

#[test]
fn age_bounds_are_inclusive_and_unknown_without_an_answer() {
    let c = || Criterion::Age {
        min: Some(16),
        max: Some(27),
    };
    assert_eq!(mark(c(), "leeftijd=16"), Mark::Yes);
    assert_eq!(mark(c(), "leeftijd=27"), Mark::Yes);
    assert_eq!(mark(c(), "leeftijd=28"), Mark::No);
    assert_eq!(mark(c(), "leeftijd=15"), Mark::No);
    assert_eq!(mark(c(), ""), Mark::Unknown);
    assert_eq!(
        mark(
            Criterion::Age {
                min: Some(55),
                max: None
            },
            "leeftijd=70"
        ),
        Mark::Yes
    );
}

#[test]
fn situation_education_kind_and_target_group() {
    let sit = || Criterion::Situation {
        any_of: vec![Situation::Ww, Situation::Bijstand],
    };
    assert_eq!(mark(sit(), "situatie=bijstand"), Mark::Yes);
    assert_eq!(mark(sit(), "situatie=werkend"), Mark::No);
    assert_eq!(mark(sit(), ""), Mark::Unknown);
    let no_sk = || Criterion::Education {
        min: None,
        max: Some(Education::Geen),
    };
    assert_eq!(mark(no_sk(), "opleiding=geen"), Mark::Yes);
    assert_eq!(mark(no_sk(), "opleiding=mbo2"), Mark::No);
    let mbo3 = || Criterion::Education {
        min: None,
        max: Some(Education::Mbo3),
    };
    assert_eq!(mark(mbo3(), "opleiding=mbo3"), Mark::Yes);
    assert_eq!(mark(mbo3(), "opleiding=hbo"), Mark::No);
    let kind = || Criterion::TrainingKind {
        any_of: vec![TrainingKind::MboBol],
    };
    assert_eq!(mark(kind(), "soort=mbo_bol"), Mark::Yes);
    assert_eq!(mark(kind(), "soort=mbo_bbl"), Mark::No);
    let tg = || Criterion::TargetGroup {
        any_of: vec![TargetGroup::Banenafspraak],
    };
    assert_eq!(mark(tg(), "doelgroep=banenafspraak"), Mark::Yes);
    assert_eq!(mark(tg(), "doelgroep=geen"), Mark::No);
}

#[test]
fn nlqf_sector_size_turnover_leerbedrijf_hours_cost_months() {
    assert_eq!(
        mark(Criterion::Nlqf { min: 1, max: 4 }, "nlqf=4"),
        Mark::Yes
    );
    assert_eq!(mark(Criterion::Nlqf { min: 1, max: 4 }, "nlqf=5"), Mark::No);
    assert_eq!(mark(Criterion::Nlqf { min: 1, max: 4 }, ""), Mark::Unknown);
    let sector = || Criterion::Sector {
        any_of: vec!["zorg".into(), "techniek".into()],
    };
    assert_eq!(mark(sector(), "sector=zorg"), Mark::Yes);
    assert_eq!(mark(sector(), "sector=horeca"), Mark::No);
    let size = || Criterion::EmployerSize {
        min: Some(4),
        max: Some(249),
    };
    assert_eq!(mark(size(), "medewerkers=249"), Mark::Yes);
    assert_eq!(mark(size(), "medewerkers=250"), Mark::No);
    assert_eq!(mark(size(), "medewerkers=3"), Mark::No);
    assert_eq!(mark(Criterion::MkbTurnover, "omzet=ja"), Mark::Yes);
    assert_eq!(mark(Criterion::MkbTurnover, "omzet=nee"), Mark::No);
    assert_eq!(
        mark(Criterion::ErkendLeerbedrijf, "leerbedrijf=ja"),
        Mark::Yes
    );
    assert_eq!(mark(Criterion::ErkendLeerbedrijf, ""), Mark::Unknown);
    assert_eq!(mark(Criterion::Hours { min: 20 }, "uren=20"), Mark::Yes);
    assert_eq!(mark(Criterion::Hours { min: 20 }, "uren=12"), Mark::No);
    let min_cost = |vat| Criterion::MinCost {
        amount: 500_000,
        vat,
    };
    assert_eq!(mark(min_cost(Vat::Incl), "kosten=5000"), Mark::Yes);
    assert_eq!(mark(min_cost(Vat::Incl), "kosten=4999,99"), Mark::No);
    // A minimum "without btw" takes the btw off an invoice that has it, like the money rule.
    assert_eq!(mark(min_cost(Vat::Excl), "kosten=5500&btw=ja"), Mark::No);
    assert_eq!(mark(min_cost(Vat::Excl), "kosten=6050&btw=ja"), Mark::Yes);
    assert_eq!(mark(min_cost(Vat::Excl), "kosten=5500&btw=nee"), Mark::Yes);
    assert_eq!(mark(min_cost(Vat::Incl), "kosten=5500&btw=ja"), Mark::Yes);
    assert_eq!(mark(Criterion::Ontwikkelpad, "ontwikkelpad=ja"), Mark::Yes);
    assert_eq!(mark(Criterion::Ontwikkelpad, "ontwikkelpad=nee"), Mark::No);
    assert_eq!(mark(Criterion::Ontwikkelpad, ""), Mark::Unknown);
    let months = || Criterion::Months {
        min: Some(3),
        max: Some(12),
    };
    assert_eq!(mark(months(), "maanden=3"), Mark::Yes);
    assert_eq!(mark(months(), "maanden=13"), Mark::No);
}

#[test]
fn regions_from_the_gemeente_or_the_overijssel_answer() {
    let regio = || Criterion::Region {
        area: Area::RegioZwolle,
    };
    let amr = || Criterion::Region {
        area: Area::Arbeidsmarktregio,
    };
    let ov = || Criterion::Region {
        area: Area::Overijssel,
    };
    // Kampen: in all three. Urk (Flevoland): in the region, not in the 14, not Overijssel.
    for c in [regio(), amr(), ov()] {
        assert_eq!(mark(c, "gemeente=GM0166"), Mark::Yes);
    }
    assert_eq!(mark(regio(), "gemeente=GM0184"), Mark::Yes);
    assert_eq!(mark(amr(), "gemeente=GM0184"), Mark::No);
    assert_eq!(mark(ov(), "gemeente=GM0184"), Mark::No);
    assert_eq!(mark(regio(), "gemeente=elders"), Mark::No);
    assert_eq!(mark(ov(), "gemeente=elders"), Mark::Unknown);
    assert_eq!(mark(ov(), "gemeente=elders&overijssel=ja"), Mark::Yes);
    assert_eq!(mark(ov(), "gemeente=elders&overijssel=nee"), Mark::No);
    assert_eq!(mark(regio(), ""), Mark::Unknown);
}

#[test]
fn either_holds_when_one_group_holds() {
    let c = || Criterion::Either {
        groups: vec![
            vec![
                Criterion::Age {
                    min: Some(16),
                    max: Some(27),
                },
                Criterion::Education {
                    min: None,
                    max: Some(Education::Geen),
                },
            ],
            vec![Criterion::Age {
                min: Some(55),
                max: None,
            }],
        ],
    };
    assert_eq!(mark(c(), "leeftijd=20&opleiding=geen"), Mark::Yes);
    assert_eq!(mark(c(), "leeftijd=60"), Mark::Yes);
    assert_eq!(mark(c(), "leeftijd=20&opleiding=mbo4"), Mark::No);
    assert_eq!(mark(c(), "leeftijd=20"), Mark::Unknown);
    let checked = check(&c(), &profile("leeftijd=20"));
    assert_eq!(checked.groups.len(), 2);
}

#[test]
fn money_rules() {
    let p = profile("kosten=2400&nlqf=3&soort=mbo_bbl&maanden=12&uren=32");
    let pct = Money::Percentage {
        percent: 50,
        cap: Some(100_000),
        vat: Vat::Incl,
    };
    assert_eq!(
        pays(&pct, &p, p.cost),
        Amount::Exact(100_000),
        "capped at €1,000"
    );
    let pct = Money::Percentage {
        percent: 50,
        cap: None,
        vat: Vat::Incl,
    };
    assert_eq!(pays(&pct, &p, p.cost), Amount::Exact(120_000));
    assert_eq!(pays(&pct, &p, None), Amount::NeedsInput);
    let tiers = Money::PercentageByNlqf {
        tiers: vec![
            NlqfTier {
                min: 1,
                max: 3,
                percent: 90,
            },
            NlqfTier {
                min: 4,
                max: 4,
                percent: 40,
            },
        ],
        cap: None,
        vat: Vat::Incl,
    };
    assert_eq!(pays(&tiers, &p, p.cost), Amount::Exact(216_000));
    let p4 = profile("kosten=2400&nlqf=4");
    assert_eq!(pays(&tiers, &p4, p4.cost), Amount::Exact(96_000));
    assert_eq!(
        pays(
            &Money::Fixed {
                amount: 50_000,
                vat: Vat::Incl
            },
            &p,
            p.cost
        ),
        Amount::Exact(50_000)
    );
    let by_kind = Money::FixedByKind {
        amounts: vec![KindAmount {
            kind: TrainingKind::MboBbl,
            amount: 500_000,
        }],
        vat: Vat::Incl,
    };
    assert_eq!(pays(&by_kind, &p, p.cost), Amount::Exact(500_000));
    assert_eq!(
        pays(&by_kind, &profile("soort=cursus"), None),
        Amount::Exact(0)
    );
    let place = Money::PerPlace {
        amount: 270_000,
        weeks: 40,
        weeks_hbo: Some(42),
    };
    assert_eq!(
        pays(&place, &p, p.cost),
        Amount::Exact(270_000),
        "a year pays the whole amount"
    );
    assert_eq!(
        pays(&place, &profile("maanden=6"), None),
        Amount::Exact(175_500),
        "26 of 40 weeks"
    );
    assert_eq!(
        pays(&place, &profile("maanden=24"), None),
        Amount::Exact(540_000)
    );
    assert_eq!(pays(&place, &profile(""), None), Amount::NeedsInput);
    let hbo = profile("maanden=6&soort=hbo_duaal");
    assert_eq!(
        pays(&place, &hbo, None),
        Amount::Exact(167_142),
        "hbo: 26 of 42 weeks"
    );
    let hour = Money::PerHour {
        rate: 101,
        cap_per_year: 200_000,
        years: 3,
    };
    assert_eq!(
        pays(&hour, &p, None),
        Amount::Exact(168_064),
        "€1.01 × 32 h × 52 weeks"
    );
    assert_eq!(
        pays(&hour, &profile("uren=40"), None),
        Amount::Exact(200_000),
        "yearly cap"
    );
    assert_eq!(pays(&Money::Unknown, &p, p.cost), Amount::Unknown);
    assert_eq!(pays(&Money::Nothing, &p, p.cost), Amount::Nothing);
}

#[test]
fn amounts_excl_btw_are_paid_over_the_cost_without_btw() {
    let excl = Money::Percentage {
        percent: 100,
        cap: Some(500_000),
        vat: Vat::Excl,
    };
    let incl = Money::Percentage {
        percent: 100,
        cap: Some(500_000),
        vat: Vat::Incl,
    };
    let with_vat = profile("kosten=1210&btw=ja");
    assert_eq!(
        pays(&excl, &with_vat, with_vat.cost),
        Amount::Exact(100_000)
    );
    assert_eq!(
        pays(&incl, &with_vat, with_vat.cost),
        Amount::Exact(121_000)
    );
    let exempt = profile("kosten=1210");
    assert_eq!(pays(&excl, &exempt, exempt.cost), Amount::Exact(121_000));
}

#[test]
fn stacking_combines_takes_the_highest_and_pays_on_the_remainder() {
    let catalogue = Catalogue {
        schemes: vec![
            scheme(
                "a",
                vec![],
                Money::Fixed {
                    amount: 100_000,
                    vat: Vat::Incl,
                },
                Stacking::Combinable,
            ),
            scheme(
                "hi",
                vec![],
                Money::Fixed {
                    amount: 80_000,
                    vat: Vat::Incl,
                },
                Stacking::HighestOnly { group: "g".into() },
            ),
            scheme(
                "lo",
                vec![],
                Money::Fixed {
                    amount: 30_000,
                    vat: Vat::Incl,
                },
                Stacking::HighestOnly { group: "g".into() },
            ),
            scheme(
                "rest",
                vec![],
                Money::Percentage {
                    percent: 50,
                    cap: None,
                    vat: Vat::Incl,
                },
                Stacking::OnRemainder,
            ),
        ],
    };
    let outcome = evaluate(&catalogue, &profile("kosten=3000"), today());
    let plan = outcome.plan.unwrap();
    // 3000 − 1000 − 800 (highest of g) = 1200; half of it on the remainder: 600 left.
    assert_eq!(plan.own, 60_000);
    assert_eq!(plan.covered, 240_000);
    let ids: Vec<_> = plan.lines.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["a", "hi", "rest"]);
    assert!(
        matches!(&plan.lines[1].step, Step::HighestOf { passed_over, .. } if passed_over == &["lo".to_string()])
    );
    // Never more than the cost: the own contribution stops at zero.
    let plan = evaluate(&catalogue, &profile("kosten=500"), today())
        .plan
        .unwrap();
    assert_eq!((plan.covered, plan.own), (50_000, 0));
    assert_eq!(plan.lines.len(), 1, "nothing is left for the others");
}

#[test]
fn the_plan_separates_what_is_paid_first_from_what_comes_back() {
    let fixed = |amount| Money::Fixed {
        amount,
        vat: Vat::Incl,
    };
    let voucher = scheme("voucher", vec![], fixed(50_000), Stacking::Combinable);
    let mut later = scheme("later", vec![], fixed(100_000), Stacking::Combinable);
    later.payment = Payment::Afterwards {
        when: Text::default(),
    };
    later.indicative = true;
    let mut unsure = scheme("unsure", vec![], fixed(30_000), Stacking::Combinable);
    unsure.status = Status::Unconfirmed;
    let catalogue = Catalogue {
        schemes: vec![voucher, later, unsure],
    };
    let outcome = evaluate(&catalogue, &profile("kosten=3000"), today());
    let plan = outcome.plan.unwrap();
    // The voucher goes to the provider: 3000 − 500 is paid first; 1000 may come back.
    assert_eq!(plan.up_front, 250_000);
    assert_eq!(plan.own, 150_000);
    assert_eq!(plan.back_later(), 100_000);
    let line = |id: &str| plan.lines.iter().find(|l| l.id == id).unwrap().clone();
    assert!(line("voucher").to_provider && line("voucher").sure);
    assert!(!line("later").to_provider);
    assert!(
        !line("later").sure,
        "an indicative amount is an upper bound"
    );
    assert!(!plan.all_sure());
    // The unconfirmed scheme is only in the wider plan, and not sure there.
    let wider = outcome.plan_with_maybe.unwrap();
    assert_eq!(wider.own, 120_000);
    assert!(!wider.lines.iter().find(|l| l.id == "unsure").unwrap().sure);
    // Unknown timing counts as afterwards: never promise what may only come back.
    assert_eq!(
        Payment::default(),
        Payment::Afterwards {
            when: Text::default()
        }
    );
}

#[test]
fn status_windows_audience_and_capacity() {
    let mut ended = scheme("ended", vec![], Money::Nothing, Stacking::Combinable);
    ended.valid_until = Date::parse("2023-12-31");
    let mut unconfirmed = scheme("plan", vec![], Money::Unknown, Stacking::Combinable);
    unconfirmed.status = Status::Unconfirmed;
    let mut employer = scheme("employer", vec![], Money::Nothing, Stacking::Combinable);
    employer.audience = Audience::Employer;
    let mut full = scheme("full", vec![], Money::Nothing, Stacking::Combinable);
    full.capacity = Some(Capacity {
        total: 500,
        used: 500,
        unit: Text::default(),
    });
    let mut windowed = scheme("windowed", vec![], Money::Nothing, Stacking::Combinable);
    windowed.windows = vec![Window::Yearly {
        from: (6, 2),
        until: (9, 15),
    }];
    let mut open = scheme("open", vec![], Money::Nothing, Stacking::Combinable);
    open.windows = vec![Window::Yearly {
        from: (11, 1),
        until: (12, 31),
    }];
    let mut past = scheme("past", vec![], Money::Nothing, Stacking::Combinable);
    past.windows = vec![Window::Dates {
        from: Date::parse("2025-03-10").unwrap(),
        until: Date::parse("2025-06-30").unwrap(),
    }];
    let p = profile("voor=ik");
    let r = |s: &Scheme| evaluate_scheme(s, &p, today());
    assert_eq!(r(&ended).verdict, Verdict::Ended);
    assert_eq!(r(&unconfirmed).verdict, Verdict::Maybe);
    assert_eq!(r(&employer).verdict, Verdict::NotEligible);
    assert_eq!(r(&full).verdict, Verdict::NotEligible);
    assert_eq!(
        r(&windowed).window,
        WindowState::OpensOn(Date::parse("2027-06-02").unwrap())
    );
    assert_eq!(
        r(&open).window,
        WindowState::OpenUntil(Date::parse("2026-12-31").unwrap())
    );
    assert_eq!(r(&past).window, WindowState::Closed);
    full.capacity = Some(Capacity {
        total: 500,
        used: 499,
        unit: Text::default(),
    });
    assert_eq!(r(&full).verdict, Verdict::Eligible);
}

#[test]
fn answers_round_trip_through_the_query() {
    let query = "voor=werkgever&leeftijd=19&situatie=werkend&opleiding=geen&gemeente=GM0193&sector=zorg&soort=mbo_bbl&nlqf=3&kosten=2400,50&btw=ja&maanden=12&uren=32&medewerkers=30&omzet=ja&leerbedrijf=ja&doelgroep=geen";
    let p = profile(query);
    let again = profile(&serde_urlencoded::to_string(p.to_pairs()).unwrap());
    assert_eq!(p, again);
    assert_eq!(p.cost, Some(240_050));
}

#[test]
fn bad_answers_are_reported_per_field_and_left_unanswered() {
    let (p, errors) = Profile::from_pairs([
        ("leeftijd", "twintig"),
        ("kosten", "-5"),
        ("nlqf", "9"),
        ("gemeente", "GM9999"),
        ("maanden", "0"),
    ]);
    assert_eq!(p.age, None);
    assert_eq!(p.cost, None);
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        ["leeftijd", "kosten", "nlqf", "gemeente", "maanden"]
    );
}

#[test]
fn euros_as_people_type_them() {
    assert_eq!(parse_euros("2400"), Some(240_000));
    assert_eq!(parse_euros("2.400"), Some(240_000));
    assert_eq!(parse_euros("€ 2.400,50"), Some(240_050));
    assert_eq!(parse_euros("2400.5"), Some(240_050));
    assert_eq!(parse_euros("1.250.000"), Some(125_000_000));
    assert_eq!(parse_euros("2400,-"), Some(240_000));
    assert_eq!(parse_euros("abc"), None);
    assert_eq!(parse_euros("-100"), None);
    assert_eq!(parse_euros("1,234"), None);
    assert_eq!(format_euros(240_050), "€ 2.400,50");
    assert_eq!(format_euros(125_000_000), "€ 1.250.000");
    assert_eq!(format_euros(0), "€ 0");
}

#[test]
fn a_scheme_fills_in_what_it_allows_one_value_of() {
    let mut bbl = scheme(
        "bbl",
        vec![
            Criterion::TrainingKind {
                any_of: vec![TrainingKind::MboBbl],
            },
            Criterion::Sector {
                any_of: vec!["zorg".into(), "techniek".into()],
            },
            Criterion::Nlqf { min: 2, max: 4 },
            Criterion::ErkendLeerbedrijf,
            Criterion::TargetGroup {
                any_of: vec![TargetGroup::Banenafspraak],
            },
        ],
        Money::Unknown,
        Stacking::Combinable,
    );
    bbl.audience = Audience::Employer;
    let known = Profile::known_from(&bbl);
    assert_eq!(known.path, Path::Employer);
    assert_eq!(known.kind, Some(TrainingKind::MboBbl));
    assert_eq!(known.sector, None, "two sectors: the person chooses");
    assert_eq!(known.nlqf, None, "a range: the person chooses");
    assert_eq!(known.leerbedrijf, Some(true));
    assert_eq!(known.target_group, Some(TargetGroup::Banenafspraak));
    // The answers survive the trip through a link.
    let pairs = known.to_pairs();
    let (back, errors) = Profile::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(back, known);

    let bijstand = scheme(
        "gemeente",
        vec![
            Criterion::Situation {
                any_of: vec![Situation::Bijstand],
            },
            Criterion::Nlqf { min: 3, max: 3 },
            Criterion::ErkendLeerbedrijf,
        ],
        Money::Unknown,
        Stacking::Combinable,
    );
    let known = Profile::known_from(&bijstand);
    assert_eq!(known.path, Path::Individual);
    assert_eq!(known.situation, Some(Situation::Bijstand));
    assert_eq!(known.nlqf, Some(3));
    assert_eq!(
        known.leerbedrijf, None,
        "an employer's question, not a person's"
    );
}
