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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gemeente {
    /// Stable identifier: the CBS municipality code, e.g. "GM0193" for Zwolle.
    pub code: String,
    pub name: String,
    pub province: Province,
}

/// The region's reference data as stored in `data/region.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegionData {
    pub gemeenten: Vec<Gemeente>,
}
