//! Regio Zwolle: its 22 municipalities and the provinces they lie in. Reference data used by
//! filters, the calculator's region criteria and the demo data.
use serde::{Deserialize, Serialize};

/// A province of the Netherlands that has a municipality in Regio Zwolle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Province {
    Overijssel,
    Gelderland,
    Drenthe,
    Flevoland,
}

impl Province {
    pub fn as_str(self) -> &'static str {
        match self {
            Province::Overijssel => "overijssel",
            Province::Gelderland => "gelderland",
            Province::Drenthe => "drenthe",
            Province::Flevoland => "flevoland",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::Overijssel,
            Self::Gelderland,
            Self::Drenthe,
            Self::Flevoland,
        ]
        .into_iter()
        .find(|p| p.as_str() == value)
    }
}

/// A gemeente (municipality) of Regio Zwolle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Gemeente {
    /// Stable identifier: the CBS municipality code, e.g. "GM0193" for Zwolle.
    pub code: &'static str,
    pub name: &'static str,
    pub province: Province,
}

/// The 22 gemeenten of Regio Zwolle (source: the fact sheet in the steering repo's
/// domain/schemes-and-region.md; CBS codes). Compiled in, so the browser and the server share
/// one list; `seed` writes it to the `gemeenten` table for foreign keys and queries.
pub const GEMEENTEN: &[Gemeente] = &[
    Gemeente {
        code: "GM0148",
        name: "Dalfsen",
        province: Province::Overijssel,
    },
    Gemeente {
        code: "GM0160",
        name: "Hardenberg",
        province: Province::Overijssel,
    },
    Gemeente {
        code: "GM0166",
        name: "Kampen",
        province: Province::Overijssel,
    },
    Gemeente {
        code: "GM1773",
        name: "Olst-Wijhe",
        province: Province::Overijssel,
    },
    Gemeente {
        code: "GM0175",
        name: "Ommen",
        province: Province::Overijssel,
    },
    Gemeente {
        code: "GM0177",
        name: "Raalte",
        province: Province::Overijssel,
    },
    Gemeente {
        code: "GM0180",
        name: "Staphorst",
        province: Province::Overijssel,
    },
    Gemeente {
        code: "GM1708",
        name: "Steenwijkerland",
        province: Province::Overijssel,
    },
    Gemeente {
        code: "GM1896",
        name: "Zwartewaterland",
        province: Province::Overijssel,
    },
    Gemeente {
        code: "GM0193",
        name: "Zwolle",
        province: Province::Overijssel,
    },
    Gemeente {
        code: "GM0230",
        name: "Elburg",
        province: Province::Gelderland,
    },
    Gemeente {
        code: "GM0244",
        name: "Hattem",
        province: Province::Gelderland,
    },
    Gemeente {
        code: "GM0246",
        name: "Heerde",
        province: Province::Gelderland,
    },
    Gemeente {
        code: "GM0302",
        name: "Nunspeet",
        province: Province::Gelderland,
    },
    Gemeente {
        code: "GM0269",
        name: "Oldebroek",
        province: Province::Gelderland,
    },
    Gemeente {
        code: "GM1690",
        name: "De Wolden",
        province: Province::Drenthe,
    },
    Gemeente {
        code: "GM0118",
        name: "Hoogeveen",
        province: Province::Drenthe,
    },
    Gemeente {
        code: "GM0119",
        name: "Meppel",
        province: Province::Drenthe,
    },
    Gemeente {
        code: "GM1701",
        name: "Westerveld",
        province: Province::Drenthe,
    },
    Gemeente {
        code: "GM0303",
        name: "Dronten",
        province: Province::Flevoland,
    },
    Gemeente {
        code: "GM0171",
        name: "Noordoostpolder",
        province: Province::Flevoland,
    },
    Gemeente {
        code: "GM0184",
        name: "Urk",
        province: Province::Flevoland,
    },
];

/// The 14 gemeenten of arbeidsmarktregio Regio Zwolle (the labour-market region of UWV and the
/// Leerwerkloket; fact sheet: the ~2015 list, confirmed for Meppel and Westerveld by werk.nl).
pub const ARBEIDSMARKTREGIO: &[&str] = &[
    "GM0148", // Dalfsen
    "GM0160", // Hardenberg
    "GM0244", // Hattem
    "GM0246", // Heerde
    "GM0166", // Kampen
    "GM0119", // Meppel
    "GM0269", // Oldebroek
    "GM0175", // Ommen
    "GM0177", // Raalte
    "GM0180", // Staphorst
    "GM1708", // Steenwijkerland
    "GM1701", // Westerveld
    "GM1896", // Zwartewaterland
    "GM0193", // Zwolle
];

/// The gemeente with this CBS code, if it is one of Regio Zwolle's.
pub fn gemeente(code: &str) -> Option<&'static Gemeente> {
    GEMEENTEN.iter().find(|g| g.code == code)
}

/// A town (kern) of the region, to measure distances from. The coordinates are the town's
/// centre (WGS84, rounded to about 100 m) — enough for a straight-line distance in km, which is
/// all the portal claims. Each gemeente's main town comes first in the list, marked `main`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Town {
    /// Stable identifier in forms and URLs (lower case, no spaces).
    pub code: &'static str,
    pub name: &'static str,
    /// The CBS code of its gemeente.
    pub gemeente: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// The gemeente's main town: the point a place "in that gemeente" is measured from.
    pub main: bool,
}

const fn town(
    code: &'static str,
    name: &'static str,
    gemeente: &'static str,
    lat: f64,
    lon: f64,
    main: bool,
) -> Town {
    Town {
        code,
        name,
        gemeente,
        lat,
        lon,
        main,
    }
}

/// The towns of Regio Zwolle a distance can be measured from: every gemeente's main town and
/// the larger villages.
pub const TOWNS: &[Town] = &[
    town("dalfsen", "Dalfsen", "GM0148", 52.510, 6.260, true),
    town("nieuwleusen", "Nieuwleusen", "GM0148", 52.581, 6.281, false),
    town("lemelerveld", "Lemelerveld", "GM0148", 52.445, 6.340, false),
    town("hardenberg", "Hardenberg", "GM0160", 52.575, 6.619, true),
    town("dedemsvaart", "Dedemsvaart", "GM0160", 52.600, 6.460, false),
    town("gramsbergen", "Gramsbergen", "GM0160", 52.610, 6.675, false),
    town("kampen", "Kampen", "GM0166", 52.555, 5.911, true),
    town(
        "ijsselmuiden",
        "IJsselmuiden",
        "GM0166",
        52.565,
        5.930,
        false,
    ),
    town("wijhe", "Wijhe", "GM1773", 52.387, 6.134, true),
    town("olst", "Olst", "GM1773", 52.337, 6.110, false),
    town("ommen", "Ommen", "GM0175", 52.521, 6.420, true),
    town("raalte", "Raalte", "GM0177", 52.387, 6.275, true),
    town("heino", "Heino", "GM0177", 52.435, 6.233, false),
    town("staphorst", "Staphorst", "GM0180", 52.645, 6.211, true),
    town("rouveen", "Rouveen", "GM0180", 52.613, 6.190, false),
    town("steenwijk", "Steenwijk", "GM1708", 52.787, 6.119, true),
    town("vollenhove", "Vollenhove", "GM1708", 52.680, 5.954, false),
    town("giethoorn", "Giethoorn", "GM1708", 52.740, 6.077, false),
    town("hasselt", "Hasselt", "GM1896", 52.593, 6.093, true),
    town("genemuiden", "Genemuiden", "GM1896", 52.625, 6.040, false),
    town("zwartsluis", "Zwartsluis", "GM1896", 52.639, 6.071, false),
    town("zwolle", "Zwolle", "GM0193", 52.513, 6.094, true),
    town("elburg", "Elburg", "GM0230", 52.447, 5.833, true),
    town("t-harde", "'t Harde", "GM0230", 52.410, 5.890, false),
    town("hattem", "Hattem", "GM0244", 52.475, 6.063, true),
    town("heerde", "Heerde", "GM0246", 52.387, 6.041, true),
    town("wapenveld", "Wapenveld", "GM0246", 52.433, 6.075, false),
    town("nunspeet", "Nunspeet", "GM0302", 52.377, 5.786, true),
    town("hulshorst", "Hulshorst", "GM0302", 52.360, 5.730, false),
    town("wezep", "Wezep", "GM0269", 52.460, 6.005, true),
    town("oldebroek", "Oldebroek", "GM0269", 52.445, 5.900, false),
    town("zuidwolde", "Zuidwolde", "GM1690", 52.668, 6.427, true),
    town("ruinerwold", "Ruinerwold", "GM1690", 52.723, 6.248, false),
    town("de-wijk", "De Wijk", "GM1690", 52.672, 6.288, false),
    town("hoogeveen", "Hoogeveen", "GM0118", 52.723, 6.476, true),
    town("meppel", "Meppel", "GM0119", 52.696, 6.194, true),
    town("nijeveen", "Nijeveen", "GM0119", 52.738, 6.168, false),
    town("diever", "Diever", "GM1701", 52.855, 6.317, true),
    town("havelte", "Havelte", "GM1701", 52.770, 6.235, false),
    town("dwingeloo", "Dwingeloo", "GM1701", 52.834, 6.370, false),
    town("dronten", "Dronten", "GM0303", 52.525, 5.718, true),
    town("swifterbant", "Swifterbant", "GM0303", 52.567, 5.640, false),
    town(
        "biddinghuizen",
        "Biddinghuizen",
        "GM0303",
        52.455,
        5.695,
        false,
    ),
    town("emmeloord", "Emmeloord", "GM0171", 52.710, 5.750, true),
    town("marknesse", "Marknesse", "GM0171", 52.710, 5.865, false),
    town("urk", "Urk", "GM0184", 52.662, 5.601, true),
];

/// The town with this code.
pub fn town_by_code(code: &str) -> Option<&'static Town> {
    TOWNS.iter().find(|t| t.code == code)
}

/// The main town of a gemeente: where a place "in that gemeente" is measured from.
pub fn main_town(gemeente: &str) -> Option<&'static Town> {
    TOWNS.iter().find(|t| t.main && t.gemeente == gemeente)
}

/// The straight-line km from `from` to a place in `gemeente`: 0 in the town's own gemeente (the
/// place may be round the corner), else to the gemeente's main town. `None` for an unknown
/// gemeente.
pub fn km_to(from: &Town, gemeente: &str) -> Option<u32> {
    if from.gemeente == gemeente {
        return Some(0);
    }
    main_town(gemeente).map(|t| distance_km(from, t))
}

/// The straight-line (great-circle) distance between two towns in km, rounded to whole km.
/// Roads are longer: the pages say "in a straight line".
pub fn distance_km(a: &Town, b: &Town) -> u32 {
    super::travel::km_between((a.lat, a.lon), (b.lat, b.lon)).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_22_gemeenten_of_regio_zwolle() {
        assert_eq!(GEMEENTEN.len(), 22);
        let mut codes: Vec<_> = GEMEENTEN.iter().map(|g| g.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 22, "codes are unique");
        assert_eq!(gemeente("GM0193").map(|g| g.name), Some("Zwolle"));
        let count = |p| GEMEENTEN.iter().filter(|g| g.province == p).count();
        assert_eq!(
            [
                count(Province::Overijssel),
                count(Province::Gelderland),
                count(Province::Drenthe),
                count(Province::Flevoland)
            ],
            [10, 5, 4, 3]
        );
        assert_eq!(ARBEIDSMARKTREGIO.len(), 14);
        assert!(ARBEIDSMARKTREGIO
            .iter()
            .all(|code| gemeente(code).is_some()));
    }

    #[test]
    fn every_gemeente_has_one_main_town_and_distances_are_plausible() {
        for g in GEMEENTEN {
            assert_eq!(
                TOWNS
                    .iter()
                    .filter(|t| t.main && t.gemeente == g.code)
                    .count(),
                1,
                "{}",
                g.name
            );
        }
        assert!(TOWNS.iter().all(|t| gemeente(t.gemeente).is_some()));
        let mut codes: Vec<_> = TOWNS.iter().map(|t| t.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), TOWNS.len(), "town codes are unique");
        let km = |a: &str, b: &str| distance_km(town_by_code(a).unwrap(), town_by_code(b).unwrap());
        assert_eq!(km("zwolle", "zwolle"), 0);
        assert_eq!(km("zwolle", "kampen"), km("kampen", "zwolle"));
        // Zwolle–Kampen is about 13 km in a straight line, Zwolle–Emmeloord about 30,
        // Urk–Hardenberg (the region's two ends) about 70.
        assert!(
            (11..=15).contains(&km("zwolle", "kampen")),
            "{}",
            km("zwolle", "kampen")
        );
        assert!((26..=34).contains(&km("zwolle", "emmeloord")));
        assert!((64..=76).contains(&km("urk", "hardenberg")));
        assert_eq!(main_town("GM0193").map(|t| t.name), Some("Zwolle"));
        let dedemsvaart = town_by_code("dedemsvaart").unwrap();
        assert_eq!(km_to(dedemsvaart, "GM0160"), Some(0), "its own gemeente");
        assert_eq!(
            km_to(dedemsvaart, "GM0193"),
            Some(distance_km(dedemsvaart, town_by_code("zwolle").unwrap()))
        );
    }
}
