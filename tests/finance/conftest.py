from tests.programs.conftest import actor, fake_register  # noqa: F401  (shared fixtures)
