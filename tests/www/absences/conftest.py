from tests.absences.conftest import plan, world  # noqa: F401 (fixtures)
from tests.www.execution.conftest import dated  # noqa: F401 (a fixture)
