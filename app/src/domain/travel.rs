//! How far a place is, and roughly how long the trip takes: an honest estimate from the
//! straight-line distance between two towns, a detour factor per way of travel (roads and
//! lines are not straight) and an average speed with a fixed start-up time (parking, walking
//! to the stop, waiting). The portal always calls it an estimate; no route planner is asked.
use serde::{Deserialize, Serialize};

use super::region::Town;

/// A way of travelling to work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Fiets,
    Auto,
    Ov,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Fiets, Mode::Auto, Mode::Ov];

    pub fn code(self) -> &'static str {
        match self {
            Mode::Fiets => "fiets",
            Mode::Auto => "auto",
            Mode::Ov => "ov",
        }
    }

    pub fn parse(code: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.code() == code)
    }

    /// Road or track distance per straight-line km.
    fn detour(self) -> f64 {
        match self {
            Mode::Fiets => 1.3,
            Mode::Auto => 1.35,
            Mode::Ov => 1.5,
        }
    }

    /// Average speed door to door once moving, km/h: an everyday cyclist; a car on regional
    /// roads; regional bus and train with their stops and changes.
    fn speed(self) -> f64 {
        match self {
            Mode::Fiets => 15.0,
            Mode::Auto => 55.0,
            Mode::Ov => 28.0,
        }
    }

    /// Minutes before and after the ride: unlocking the bike; parking; walking to the stop
    /// and waiting.
    fn start_up(self) -> f64 {
        match self {
            Mode::Fiets => 2.0,
            Mode::Auto => 5.0,
            Mode::Ov => 15.0,
        }
    }
}

/// Straight-line distance in km between two points (haversine, WGS84).
pub fn km_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// The estimated trip in whole minutes for a straight-line distance.
pub fn minutes(km: f64, mode: Mode) -> u32 {
    if km <= 0.0 {
        return 0;
    }
    (mode.start_up() + km * mode.detour() / mode.speed() * 60.0).round() as u32
}

/// From a town to a point: (km in a straight line, rounded; estimated minutes).
pub fn trip(from: &Town, to: (f64, f64), mode: Mode) -> (u32, u32) {
    let km = km_between((from.lat, from.lon), to);
    (km.round() as u32, minutes(km, mode))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::region::town_by_code;

    #[test]
    fn zwolle_to_kampen_is_about_thirteen_km() {
        let zwolle = town_by_code("zwolle").unwrap();
        let kampen = town_by_code("kampen").unwrap();
        let km = km_between((zwolle.lat, zwolle.lon), (kampen.lat, kampen.lon));
        assert!((12.0..15.0).contains(&km), "{km}");
        let (whole, by_bike) = trip(zwolle, (kampen.lat, kampen.lon), Mode::Fiets);
        assert_eq!(whole, km.round() as u32);
        // 13 km × 1.3 at 15 km/h ≈ 68 min + 2: a long but real bike ride.
        assert!((60..80).contains(&by_bike), "{by_bike}");
        let (_, by_car) = trip(zwolle, (kampen.lat, kampen.lon), Mode::Auto);
        let (_, by_ov) = trip(zwolle, (kampen.lat, kampen.lon), Mode::Ov);
        assert!(
            by_car < by_ov && by_ov < by_bike,
            "{by_car} {by_ov} {by_bike}"
        );
    }

    #[test]
    fn the_same_town_is_no_trip_and_minutes_grow_with_distance() {
        assert_eq!(minutes(0.0, Mode::Ov), 0);
        for mode in Mode::ALL {
            assert!(minutes(5.0, mode) < minutes(10.0, mode));
            assert_eq!(Mode::parse(mode.code()), Some(mode));
        }
        assert_eq!(Mode::parse("raket"), None);
    }
}
