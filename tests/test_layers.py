"""The layers of DESIGN.md ("Layout") as import-linter contracts ([tool.importlinter] in pyproject.toml).

The first test is the check CI relies on: the project keeps every contract. The others prove the
contracts can fail: each adds one forbidden import (or module) to the real import graph and expects
the contract that guards against it to break (an upward import usually closes a cycle too, so the
acyclic contract may break beside it).
"""

from __future__ import annotations

import copy
from pathlib import Path

import grimp  # installed with import-linter (the test extras)
import pytest
from importlinter import api  # configures import-linter on import
from importlinter.application.use_cases import lint_imports
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.independence import IndependenceContract
from importlinter.contracts.layers import LayersContract

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
TYPES = {"layers": LayersContract, "independence": IndependenceContract, "forbidden": ForbiddenContract,
         "acyclic_siblings": AcyclicSiblingsContract}


def test_the_project_keeps_its_layer_contracts(capsys):
    kept = lint_imports(str(PYPROJECT), cache_dir=None, no_logo=True)
    assert kept, capsys.readouterr().out


@pytest.fixture(scope="module")
def options():
    return api.read_configuration(str(PYPROJECT))


@pytest.fixture(scope="module")
def project_graph(options):
    return grimp.build_graph(*options["session_options"]["root_packages"], cache_dir=None)


def broken(options, graph) -> list[str]:
    """The ids of the contracts `graph` breaks."""
    out = []
    for raw in options["contracts_options"]:
        contract = TYPES[raw["type"]](name=raw["name"], session_options=options["session_options"],
                                      contract_options=raw)
        if not contract.check(copy.deepcopy(graph), verbose=False).kept:
            out.append(raw["id"])
    return out


def with_import(graph, importer: str, imported: str):
    for module in (importer, imported):
        assert module in graph.modules, f"{module} is not in the project (the test needs a real module)"
    changed = copy.deepcopy(graph)
    changed.add_import(importer=importer, imported=imported, line_number=1, line_contents=f"import {imported}")
    return changed


def test_the_real_graph_breaks_nothing(options, project_graph):
    assert broken(options, project_graph) == []


@pytest.mark.parametrize(("importer", "imported", "contract"), [
    ("ipgov.core.scope", "ipgov.web.views", "layers"),  # the bottom importing the staff web app
    ("ipgov.regions.models", "ipgov.rights.models", "layers"),
    ("ipgov.rights.services", "ipgov.cases.models", "layers"),
    ("ipgov.cases.services", "ipgov.demo.steps", "layers"),  # an app importing the demo (issue 13)
    ("ipgov.reports.services", "ipgov.web.views", "layers"),
    ("ipgov.cases.stats", "ipgov.indicators.services", "siblings"),
    ("ipgov.programs.services.common", "ipgov.finance.models", "programs-below-finance"),
    ("ipgov.finance.stats", "ipgov.cases.stats", "finance"),
    ("ipgov.cases.engine", "ipgov.cases.services", "acyclic"),  # services imports engine: a cycle
])
def test_an_upward_import_or_a_cycle_breaks_its_contract(options, project_graph, importer, imported, contract):
    assert contract in broken(options, with_import(project_graph, importer, imported))


def test_a_downward_import_is_allowed(options, project_graph):
    assert broken(options, with_import(project_graph, "ipgov.web.views", "ipgov.regions.models")) == []


def test_a_new_app_must_be_placed_in_a_layer(options, project_graph):
    graph = copy.deepcopy(project_graph)
    graph.add_module("ipgov.newapp")
    assert broken(options, graph) == ["layers"]
