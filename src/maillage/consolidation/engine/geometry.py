"""Distances and travel times: great-circle kilometres times the road factor."""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def great_circle_km_matrix(
    lat_a: np.ndarray, lon_a: np.ndarray, lat_b: np.ndarray, lon_b: np.ndarray
) -> np.ndarray:
    """Pairwise great-circle distances (km) between points ``a`` (rows) and ``b`` (columns)."""
    phi1 = np.radians(lat_a)[:, None]
    phi2 = np.radians(lat_b)[None, :]
    dlmb = np.radians(lon_b)[None, :] - np.radians(lon_a)[:, None]
    a = np.sin((phi2 - phi1) / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    km: np.ndarray = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return km


def travel_minutes(road_km: float, speed_kmh: float) -> int:
    """Whole minutes needed to cover ``road_km`` at ``speed_kmh``, rounded up."""
    if road_km <= 0:
        return 0
    # A hair of tolerance so that 12.0000000001 minutes does not become 13.
    return math.ceil(road_km / speed_kmh * 60 - 1e-9)


def travel_minutes_array(road_km: np.ndarray, speed_kmh: float) -> np.ndarray:
    """:func:`travel_minutes` of each of ``road_km``, computed the same way (same rounding)."""
    minutes: np.ndarray = np.where(
        road_km <= 0, 0, np.ceil(road_km / speed_kmh * 60 - 1e-9)
    ).astype(int)
    return minutes


def hectometres(road_km: float) -> int:
    """Road kilometres as whole hectometres (the integer unit of the km objective)."""
    return round(road_km * 10)
