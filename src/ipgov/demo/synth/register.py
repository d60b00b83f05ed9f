"""Build the whole synthetic register in memory and render it as import files (name → bytes)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext

from ipgov.demo.synth import files
from ipgov.demo.synth.applicants import Applicants
from ipgov.demo.synth.calibration import derive_targets
from ipgov.demo.synth.patents import Patent, generate_patents
from ipgov.demo.synth.plan import patent_plan
from ipgov.demo.synth.trademarks import GIProductRecord, Mark, generate_trademarks

# Bump when the generator's output changes, so an existing demo directory is rebuilt.
GENERATOR_VERSION = "4"  # 4: June 2020 as a monthly delta file; 3: university shares for the 十强/十快 evaluations


@dataclass
class SyntheticRegister:
    seed: int
    scale: float
    patents: list[Patent]
    marks: list[Mark]
    products: list[GIProductRecord]

    def files(self) -> dict[str, bytes]:
        """Import files in the order they should be imported."""
        return {**dict(files.patent_files(self.patents)), **dict(files.trademark_files(self.marks)),
                **dict(files.gi_files(self.products))}


def _parts(seed: int, scale: float):
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    targets = derive_targets()
    applicants = Applicants(random.Random(f"{seed}/applicants"), firms=max(300, round(30_000 * min(scale, 1))),
                            people=max(300, round(40_000 * min(scale, 1))))
    return targets, applicants


def render(seed: int, scale: float = 1.0, say: Callable[[str], None] | None = None) -> Iterator[tuple[str, bytes]]:
    """The import files (name, bytes) in import order, the same as `build(seed, scale).files()`, but the
    patents are rendered and dropped before the trademarks are made (half the memory at scale 1).
    `say` is told each part generated, with its time."""
    clock = time.perf_counter()
    targets, applicants = _parts(seed, scale)
    patents = generate_patents(patent_plan(scale, targets), random.Random(f"{seed}/patents"), applicants)
    if say:
        say(gettext("generated %(n)s patents in %(seconds)s s")
            % {"n": f"{len(patents):,}", "seconds": f"{time.perf_counter() - clock:.1f}"})
    yield from files.patent_files(patents)
    del patents
    clock = time.perf_counter()
    marks, products = generate_trademarks(random.Random(f"{seed}/trademarks"), applicants, scale, targets)
    if say:
        say(gettext("generated %(n)s trademarks in %(seconds)s s")
            % {"n": f"{len(marks):,}", "seconds": f"{time.perf_counter() - clock:.1f}"})
    yield from files.trademark_files(marks)
    yield from files.gi_files(products)


def build(seed: int, scale: float = 1.0) -> SyntheticRegister:
    """The register for `seed` at `scale` (calibrated only at scale 1). Independent random streams per
    part, so changing one part's volume does not reshuffle the others."""
    targets, applicants = _parts(seed, scale)
    patents = generate_patents(patent_plan(scale, targets), random.Random(f"{seed}/patents"), applicants)
    marks, products = generate_trademarks(random.Random(f"{seed}/trademarks"), applicants, scale, targets)
    return SyntheticRegister(seed, scale, patents, marks, products)
