import importlib
import inspect
import pkgutil

from django.db import models

import ipgov
from ipgov.core.choices import DEFAULT_COLOR, ChoiceSet
from ipgov.indicators.choices import ObservationStatus
from ipgov.rights.choices import PatentType, RightType


def _choice_modules():
    for info in pkgutil.iter_modules(ipgov.__path__):
        if not info.ispkg:
            continue
        try:
            yield importlib.import_module(f"ipgov.{info.name}.choices")
        except ModuleNotFoundError:
            continue


def _defined_sets():
    for module in _choice_modules():
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, models.Choices) and obj.__module__ == module.__name__:
                yield module.__name__, name, obj


def test_every_app_choice_set_is_a_choice_set():
    sets = list(_defined_sets())
    assert len(sets) > 30
    assert [f"{m}.{n}" for m, n, c in sets if not issubclass(c, ChoiceSet)] == []


def test_one_definition_per_concept():
    by_values: dict[frozenset, list[str]] = {}
    names: dict[str, list[str]] = {}
    for module, name, cls in _defined_sets():
        by_values.setdefault(frozenset(cls.values), []).append(f"{module}.{name}")
        names.setdefault(name, []).append(module)
    assert {n: ms for n, ms in names.items() if len(ms) > 1} == {}
    # the same values under two names is the same concept twice (RightType and RightKind were)
    assert {k: v for k, v in by_values.items() if len(v) > 1} == {}


def test_the_shared_sets_are_the_rights_ones():
    from ipgov.cases import choices as cases_choices
    from ipgov.programs import choices as programs_choices

    assert cases_choices.PatentType is PatentType and cases_choices.RightType is RightType
    assert programs_choices.ZH_NAMES[RightType] == {"专利": "patent", "商标": "trademark"}


def test_badge_colours():
    assert ObservationStatus.COMPUTED.color == "blue" and ObservationStatus.ESTIMATED.color == "orange"
    assert PatentType.INVENTION.color == DEFAULT_COLOR  # no colour declared: grey
    assert ObservationStatus.colors() == {"computed": "blue", "reported": "green", "estimated": "orange"}
    from django.utils import translation

    with translation.override("en"):
        assert PatentType.choices == [("invention", "invention"), ("utility", "utility model"), ("design", "design")]
    assert PatentType.choices == [("invention", "发明"), ("utility", "实用新型"), ("design", "外观设计")]
