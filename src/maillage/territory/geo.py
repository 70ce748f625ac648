"""Distances and travel times between places: great-circle km times a road factor, per mode.

Pure Python (no Django): the same rule as the consolidation engine's, so that what a page
shows and what the engine plans agree.
"""

from __future__ import annotations

import math
from enum import StrEnum

EARTH_RADIUS_KM = 6371.0088
ROAD_FACTOR = 1.3  # road distance / great-circle distance, typical for rural France


class TravelMode(StrEnum):
    CAR = "car"
    TRANSIT = "transit"
    BIKE = "bike"
    WALK = "walk"


SPEED_KMH: dict[str, float] = {
    TravelMode.CAR: 50.0,
    TravelMode.TRANSIT: 25.0,
    TravelMode.BIKE: 15.0,
    TravelMode.WALK: 4.5,
}


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def road_km(
    lat1: float, lon1: float, lat2: float, lon2: float, *, road_factor: float = ROAD_FACTOR
) -> float:
    """Estimated road distance in km (great-circle distance times the road factor)."""
    return great_circle_km(lat1, lon1, lat2, lon2) * road_factor


def travel_minutes(distance_km: float, *, mode: str = TravelMode.CAR) -> float:
    """Minutes needed to travel `distance_km` with the given mode."""
    return distance_km / SPEED_KMH[mode] * 60.0
