"""Demo step: write the calibrated synthetic Henan register as import files under IPGOV_HOME/demo/,
import them through the register's importers, and print the published figures beside the values
the imported records give."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from django.utils.translation import gettext

from ipgov.demo.steps import DemoContext, StepResult
from ipgov.demo.synth import figures
from ipgov.demo.synth.files import MONTHLY_FILE
from ipgov.demo.synth.register import GENERATOR_VERSION, render
from ipgov.rights.importers import import_file

MANIFEST = "MANIFEST.json"


def demo_dir(ctx: DemoContext) -> Path:
    name = "register" if ctx.scale == 1 else f"register-scale-{ctx.scale:g}"
    return Path(ctx.home) / "demo" / name


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest_key(ctx: DemoContext) -> dict:
    return {"generator": GENERATOR_VERSION, "seed": ctx.seed, "scale": ctx.scale}


def write_files(ctx: DemoContext) -> tuple[list[Path], bool]:
    """The demo's import files, generated unless an identical set is already on disk. Returns the paths
    in import order and whether anything was (re)written."""
    folder = demo_dir(ctx)
    manifest_path = folder / MANIFEST
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        paths = [folder / name for name in manifest.get("files", {})]
        if (manifest.get("key") == _manifest_key(ctx) and paths
                and all(p.is_file() and _sha(p.read_bytes()) == manifest["files"][p.name] for p in paths)):
            return paths, False
    folder.mkdir(parents=True, exist_ok=True)
    checksums = {}
    for name, data in render(ctx.seed, ctx.scale):
        path = folder / name
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        checksums[name] = _sha(data)
    manifest = {"key": _manifest_key(ctx), "files": checksums}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return [folder / name for name in checksums], True


def synthetic_register(ctx: DemoContext) -> StepResult:
    started = time.perf_counter()
    paths, written = write_files(ctx)
    generated = time.perf_counter() - started
    lines = [(gettext("wrote %(n)s files in %(dir)s (%(seconds)s s)") if written
              else gettext("kept %(n)s files in %(dir)s (%(seconds)s s)"))
             % {"n": len(paths), "dir": demo_dir(ctx), "seconds": f"{generated:.0f}"}]
    changed = False
    created = rows = 0
    for path in paths:
        if path.name == MONTHLY_FILE:  # June 2020: imported as the monthly delta (ipgov.demo.monthly)
            continue
        report = import_file(path)
        changed |= report.status != "unchanged"
        created += report.created
        rows += report.rows_total
        if report.status != "unchanged" or report.errors:
            lines.append(report.summary())
    lines.append(gettext("imported %(created)s new records of %(rows)s rows read (%(seconds)s s)")
                 % {"created": f"{created:,}", "rows": f"{rows:,}",
                    "seconds": f"{time.perf_counter() - started - generated:.0f}"})
    if ctx.scale != 1:
        lines.append(gettext("scale %(scale)s: volumes multiplied, figures not calibrated") % {"scale": f"{ctx.scale:g}"})
    return StepResult(gettext("Synthetic Henan register (calibrated to the 2020 work report), through the importers"),
                      changed, lines)


def reconcile_lines() -> list[str]:
    """Each published figure beside the value the imported register gives (scale 1, after June's delta)."""
    lines = []
    mismatches = flagged = 0
    for line in figures.reconcile():
        mark = "=" if line.matches else "≠"
        note = ("  " + gettext("(published figure inconsistent: %(why)s)") % {"why": line.inconsistent}
                if line.inconsistent else "")
        flagged += bool(line.inconsistent) and not line.matches
        mismatches += not line.matches and not line.inconsistent
        lines.append(gettext("%(figure)s: published %(published)s %(mark)s computed %(computed)s")
                     % {"figure": line.figure, "published": line.published, "mark": mark,
                        "computed": line.computed} + note)
    lines.append(gettext("every consistent published figure is reproduced; %(n)s inconsistent one(s) flagged")
                 % {"n": flagged} if mismatches == 0
                 else gettext("%(n)s published figure(s) NOT reproduced") % {"n": mismatches})
    return lines
