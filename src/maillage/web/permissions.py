"""Page-level permission checks (the shared ones live with their domain, re-exported here)."""

from maillage.missions.selectors import get_visible_mission, visible_missions
from maillage.people.access import role_required

__all__ = ["get_visible_mission", "role_required", "visible_missions"]
