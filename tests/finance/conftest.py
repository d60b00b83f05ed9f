from tests.programs.conftest import _source_language, actor  # noqa: F401  (shared fixtures)
