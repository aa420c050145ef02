//! The subsidy search over the real catalogue (data/schemes.json), through its open data
//! `/api/v1/regelingen` and its page: a relevance set of queries from individuals and
//! employers, in Dutch and English, with typos and synonyms, each with the scheme that must be
//! in the top 3; facets, sorting, pages and each scheme's own page.
use integration_tests::*;

/// (query, a scheme that must be among the first three results).
const RELEVANCE: &[(&str, &str)] = &[
    // Names, and names with typos.
    ("praktijkleren", "praktijkleren"),
    ("praktijkleeren", "praktijkleren"),
    ("levenlanglerenkredit", "levenlanglerenkrediet"),
    ("levenlang leren krediet", "levenlanglerenkrediet"),
    ("praktijkverklaring", "praktijkverklaring"),
    ("stap budget", "stap-budget"),
    ("derde leerweg", "praktijkleren-derde-leerweg"),
    ("installatietechniek", "wij-techniek-waardebon"),
    // What an individual asks.
    ("opleiding betalen met een lening", "levenlanglerenkrediet"),
    ("collegegeld", "levenlanglerenkrediet"),
    ("lesgeld lenen", "levenlanglerenkrediet"),
    ("bijstand opleiding", "gemeente-scholingsbudget-bijstand"),
    ("werkloos scholing", "uwv-scholing-ww"),
    ("ww opleiding", "uwv-scholing-ww"),
    ("gratis loopbaanadvies", "leerwerkloket"),
    ("loopbaangesprek regio zwolle", "hca-groei-vooruit"),
    (
        "aftrek opleidingskosten belasting",
        "aftrek-scholingsuitgaven",
    ),
    ("voucher 50 plus", "uwv-scholingsvoucher-50plus"),
    // What an employer asks.
    ("erkend leerbedrijf", "praktijkleren"),
    ("leerbaan metaal", "oom-leerwerkbijdrage"),
    ("loonkosten arbeidsgehandicapt", "lkv-arbeidsgehandicapt"),
    ("studiekosten belastingvrij vergoeden", "wkr-studiekosten"),
    ("mkb leren en ontwikkelen", "slim-regeling"),
    ("bouw cursus", "oo-fonds-bouw"),
    (
        "scholing medewerkers bedrijf regio zwolle",
        "hca-upgrade-jezelf",
    ),
    // The scheme that did exactly this stopped (it still shows, lower): today's answer is 1000 kansen.
    ("jongere aannemen overijssel", "overijssel-1000-kansen"),
    // In English.
    ("loan for tuition fees", "levenlanglerenkrediet"),
    ("unemployment benefit training", "uwv-scholing-ww"),
    ("tax free study costs", "wkr-studiekosten"),
    ("apprenticeship metal", "oom-leerwerkbijdrage"),
    ("wage allowance disabled employee", "lkv-arbeidsgehandicapt"),
    ("free career advice", "leerwerkloket"),
];

async fn search(app: &TestApp, query: &str) -> serde_json::Value {
    let response = app.get(&format!("/api/v1/regelingen?{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    response.json().await.unwrap()
}

fn ids(view: &serde_json::Value) -> Vec<String> {
    view["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

async fn the_relevance_set_finds_each_scheme_in_the_top_three(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let mut misses = Vec::new();
    for (query, expected) in RELEVANCE {
        let q = serde_urlencoded::to_string([("q", query)]).unwrap();
        let top: Vec<String> = ids(&search(&app, &q).await).into_iter().take(3).collect();
        if !top.iter().any(|id| id == expected) {
            misses.push(format!("{query:?}: {expected} not in {top:?}"));
        }
    }
    assert!(
        RELEVANCE.len() >= 25,
        "at least 25 queries in the relevance set"
    );
    assert!(misses.is_empty(), "missed:\n{}", misses.join("\n"));
}

async fn facets_sorting_pages_and_a_scheme_page(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // Empty: everything, open first.
    let all = search(&app, "").await;
    assert_eq!(all["total"], 30);
    // Across its pages: open, then closed for now, then ended.
    let mut statuses = Vec::new();
    for page in 1..=3 {
        let view = search(&app, &format!("pagina={page}")).await;
        for hit in view["hits"].as_array().unwrap() {
            statuses.push(match hit["availability"].as_str().unwrap() {
                "open" => 0,
                "dicht" => 1,
                _ => 2,
            });
        }
    }
    assert_eq!(statuses.len(), 30);
    assert!(statuses.windows(2).all(|w| w[0] <= w[1]), "{statuses:?}");
    // A scheme that stopped is still found by its name, first, with its status.
    let stap = search(&app, "q=STAP-budget").await;
    assert_eq!(stap["hits"][0]["id"], "stap-budget");
    assert_eq!(stap["hits"][0]["availability"], "gestopt");

    // Facets: counts say what choosing them gives; choosing narrows.
    let employers = all["facets"]["voor"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == "werkgever")
        .unwrap()["count"]
        .as_u64()
        .unwrap();
    let chosen = search(&app, "voor=werkgever").await;
    assert_eq!(chosen["total"].as_u64().unwrap(), employers);
    // Every value of a facet is listed, 0 where a search finds none; the page hides those
    // (a browser without JavaScript never sees them; the live search shows them again).
    let narrow = search(&app, "q=praktijkleren").await;
    let regions = narrow["facets"]["regio"].as_array().unwrap();
    assert_eq!(regions.len(), 4, "every region, found or not");
    let zero = regions
        .iter()
        .find(|f| f["count"] == 0)
        .expect("a region praktijkleren is not in")["value"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, page) = app.get_text("/subsidies?q=praktijkleren").await;
    assert_eq!(status, 200);
    let input = format!("id=\"facet-regio-{zero}\"");
    let at = page
        .find(&input)
        .expect("the zero value's checkbox is on the page");
    let row = &page[page[..at].rfind("<div").unwrap()..at];
    assert!(row.contains("hidden"), "its row is hidden: {row}");
    let found = regions.iter().find(|f| f["count"] != 0).unwrap()["value"]
        .as_str()
        .unwrap()
        .to_string();
    let at = page.find(&format!("id=\"facet-regio-{found}\"")).unwrap();
    assert!(!page[page[..at].rfind("<div").unwrap()..at].contains("hidden"));
    assert!(ids(&chosen).iter().all(|id| id != "levenlanglerenkrediet"));
    let loans = search(&app, "soort=loan&status=open").await;
    assert_eq!(ids(&loans), vec!["levenlanglerenkrediet"]);
    let both = search(&app, "soort=loan&soort=voucher").await;
    assert!(both["total"].as_u64().unwrap() > 1);
    // Unknown values are ignored, never an error.
    let odd = search(&app, "soort=%3Cscript%3E&pagina=x&sorteer=zz&status=kapot").await;
    assert_eq!(odd["total"], 30);
    // Sorted by amount: the highest first.
    let by_amount = search(&app, "sorteer=bedrag&status=open").await;
    let amounts: Vec<i64> = by_amount["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["amount"].as_i64().unwrap_or(-1))
        .collect();
    assert!(amounts.windows(2).all(|w| w[0] >= w[1]), "{amounts:?}");

    // The page: a GET form, the results with snippets marked, every facet.
    let (status, html) = app.get_text("/subsidies?q=collegegeld").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/subsidies/levenlanglerenkrediet\""));
    assert!(
        html.contains("<mark>collegegeld</mark>"),
        "the match marked"
    );
    assert!(html.contains("name=\"voor\"") && html.contains("name=\"soort\""));
    // Typed markup stays text: outside the search field's own value it never appears as markup.
    let (_, html) = app
        .get_text("/subsidies?q=%3Cb%3Evet%3C%2Fb%3E+collegegeld")
        .await;
    let field = html.find("id=\"veld-q\"").unwrap();
    let end = field + html[field..].find('>').unwrap();
    let outside = format!("{}{}", &html[..field], &html[end..]);
    assert!(!outside.contains("<b>vet</b>"), "typed words are escaped");
    assert!(outside.contains("<mark>collegegeld</mark>"));

    // A scheme's own page, and a 404 with the page's own message.
    let (status, html) = app.get_text("/subsidies/praktijkleren").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Subsidieregeling praktijkleren</h1>"));
    assert!(html.contains("Bronnen") && html.contains("/scholingscalculator?voor=werkgever"));
    let (status, html) = app.get_text("/subsidies/bestaat-niet").await;
    assert_eq!(status, 404);
    assert!(html.contains("Regeling niet gevonden"));
    let (_, html) = app.get_text("/subsidies/praktijkleren?lang=en").await;
    assert!(html.contains("How to apply"));
}

backend_tests!(
    the_relevance_set_finds_each_scheme_in_the_top_three,
    facets_sorting_pages_and_a_scheme_page,
);
