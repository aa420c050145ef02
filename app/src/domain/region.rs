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
}
