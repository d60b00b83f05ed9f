"""Demo step: write the calibrated synthetic Henan register as import files under IPGOV_HOME/demo/,
import them through the register's importers, and print the published figures beside the values
the imported records give."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext, gettext_lazy

from ipgov.core.ingest import bulk
from ipgov.demo.steps import DemoContext, StepResult, titled
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


def _kept(ctx: DemoContext) -> list[Path] | None:
    """The files in import order when the manifest's set is on disk unchanged, else None."""
    folder = demo_dir(ctx)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        return None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    paths = [folder / name for name in manifest.get("files", {})]
    if (manifest.get("key") == _manifest_key(ctx) and paths
            and all(p.is_file() and _sha(p.read_bytes()) == manifest["files"][p.name] for p in paths)):
        return paths
    return None


def _write(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    if not path.is_file() or path.read_bytes() != data:
        part = path.with_name(name + ".part")  # a reader never sees half a file
        part.write_bytes(data)
        part.replace(path)


def _generate(seed: int, scale: float, folder: Path, sender) -> None:
    """The generator's side (a child process): each file written, then told on `sender` with its checksum.

    Without the cyclic garbage collector: the register's records hold no cycles (refcounting frees them), and its
    full collections walk a heap that grows to millions of objects — 7.0 of the generator's 47.0 s of CPU at
    scale 1 (26 full collections, measured with `gc.callbacks`)."""
    try:
        started = time.perf_counter()
        with bulk.without_cyclic_gc():
            for name, data in render(seed, scale, lambda line: sender.send(("say", line))):
                _write(folder, name, data)
                sender.send(("file", name, _sha(data), len(data), time.perf_counter() - started))
        sender.send(("done",))
    except BaseException as exc:  # told to the parent, which stops the step with it
        sender.send(("error", f"{type(exc).__name__}: {exc}"))


GENERATION = "register-generation"  # ctx.running's key of a generation started ahead (`start_generating`)


def _start(ctx: DemoContext, folder: Path):
    """The generation started: with two cores (and `fork`), a child process generating and writing the files
    (its pipe's receiving end, the child); else None, and the caller generates them itself."""
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    fork = multiprocessing.get_context("fork")
    receiver, sender = fork.Pipe(duplex=False)
    child = fork.Process(target=_generate, args=(ctx.seed, ctx.scale, folder, sender), daemon=True)
    child.start()
    sender.close()  # the child holds the only sending end: when it ends, however, the pipe says so (EOFError)
    return receiver, child


def _rendered(ctx: DemoContext, folder: Path, started=None) -> Iterator[tuple[str, str, int, float]]:
    """(name, checksum, bytes, seconds since the start) of each file as it is written. With two cores, a child
    process generates and writes while the caller imports the files already written (`started`: that child,
    when an earlier step started it)."""
    started = started or _start(ctx, folder)
    if started is None:
        clock = time.perf_counter()
        for name, data in render(ctx.seed, ctx.scale, ctx.say):
            _write(folder, name, data)
            yield name, _sha(data), len(data), time.perf_counter() - clock
        return
    receiver, child = started
    try:
        while True:
            try:
                message = receiver.recv()
            except EOFError:  # ended without a word: killed (out of memory, a signal)
                child.join()
                raise CommandError(gettext(
                    "generating the demo register stopped: its process ended with code %(code)s before writing "
                    "every file (killed, perhaps for lack of memory). The files written so far are kept; run "
                    "`ipgov demo` again.") % {"code": child.exitcode}) from None
            if message[0] == "say":
                ctx.say(message[1])
            elif message[0] == "file":
                yield message[1:]
            elif message[0] == "done":
                return
            else:
                raise CommandError(gettext("generating the demo register failed: %(error)s") % {"error": message[1]})
    finally:
        receiver.close()
        if child.is_alive():  # the caller stopped early (or failed): no writer left behind
            child.terminate()
        child.join()


def files_as_written(ctx: DemoContext) -> Iterator[tuple[Path, float | None]]:
    """The demo's import files in import order, each as soon as it is on disk, with the seconds since the
    generation began (None: kept, an identical set was already there). The manifest is written last."""
    started = ctx.running.pop(GENERATION, None)
    kept = None if started else _kept(ctx)
    if kept is not None:
        yield from ((path, None) for path in kept)
        return
    folder = demo_dir(ctx)
    folder.mkdir(parents=True, exist_ok=True)
    checksums = {}
    for name, checksum, size, seconds in _rendered(ctx, folder, started):
        checksums[name] = checksum
        ctx.say(gettext("wrote %(file)s (%(mb)s MB), %(seconds)s s since the start")
                % {"file": name, "mb": f"{size / 1e6:.1f}", "seconds": f"{seconds:.1f}"})
        yield folder / name, seconds
    manifest = {"key": _manifest_key(ctx), "files": checksums}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


@titled(gettext_lazy("Synthetic Henan register: its import files generated in a second process, beside the next step"))
def start_generating(ctx: DemoContext) -> StepResult:
    """Starts the register's generator (a child process) when its files are not on disk yet, so the cases step,
    which does not read the register, runs while the files are made; `synthetic_register` imports them."""
    title = gettext("Synthetic Henan register: its import files generated in a second process, beside the next step")
    if _kept(ctx) is not None:
        return StepResult(title, False, [gettext("the files are already in %(dir)s") % {"dir": demo_dir(ctx)}])
    folder = demo_dir(ctx)
    folder.mkdir(parents=True, exist_ok=True)
    started = _start(ctx, folder)
    if started is None:
        return StepResult(title, False, [gettext("one core: the files are generated in the register's step")])
    ctx.running[GENERATION] = started
    return StepResult(title, True, [gettext("generating in process %(pid)s") % {"pid": started[1].pid}])


def write_files(ctx: DemoContext) -> tuple[list[Path], bool]:
    """The demo's import files, generated unless an identical set is already on disk. Returns the paths
    in import order and whether anything was (re)written."""
    files = list(files_as_written(ctx))
    return [path for path, _ in files], any(seconds is not None for _, seconds in files)


@titled(gettext_lazy("Synthetic Henan register (calibrated to the 2020 work report), through the importers"))
def synthetic_register(ctx: DemoContext) -> StepResult:
    started = time.perf_counter()
    lines = []
    changed = False
    created = rows = files = 0
    generated: float | None = None  # seconds the generation took (None: files kept); it runs beside the import
    importing = 0.0
    for path, seconds in files_as_written(ctx):
        files += 1
        generated = seconds
        if path.name == MONTHLY_FILE:  # June 2020: imported as the monthly delta (ipgov.demo.monthly)
            continue
        clock = time.perf_counter()
        report = import_file(path, progress=ctx.rows_progress(path.name))
        took = time.perf_counter() - clock
        importing += took
        changed |= report.status != "unchanged"
        created += report.created
        rows += report.rows_total
        ctx.say(gettext("imported %(file)s: %(rows)s rows, %(created)s new, in %(seconds)s s (%(rate)s rows/s)")
                % {"file": path.name, "rows": f"{report.rows_total:,}", "created": f"{report.created:,}",
                   "seconds": f"{took:.1f}", "rate": f"{report.rows_total / max(took, 1e-9):,.0f}"})
        if report.status != "unchanged" or report.errors:
            lines.append(report.summary())
    lines = [(gettext("wrote %(n)s files in %(dir)s (%(seconds)s s)") if generated is not None
              else gettext("kept %(n)s files in %(dir)s (%(seconds)s s)"))
             % {"n": files, "dir": demo_dir(ctx), "seconds": f"{time.perf_counter() - started - importing if generated is None else generated:.0f}"}, *lines]
    lines.append(gettext("imported %(created)s new records of %(rows)s rows read (%(seconds)s s)")
                 % {"created": f"{created:,}", "rows": f"{rows:,}", "seconds": f"{importing:.0f}"})
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
        note = ("  " + gettext("(published figure inconsistent: %(why)s)") % {"why": gettext(line.inconsistent)}
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
