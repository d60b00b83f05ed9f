from tests.programs.conftest import actor  # noqa: F401  (shared fixture)
