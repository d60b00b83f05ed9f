"""The project's one zh-Hans catalogue is complete, compiled, and up to date with the source."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

import ipgov

PACKAGE = Path(ipgov.__file__).resolve().parent
CATALOGUE = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
SOURCES = {".py", ".html", ".txt"}


def _entries(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in po if not e.obsolete}


def _show(keys) -> str:
    return "\n".join(f"  {ctx + ' | ' if ctx else ''}{msgid!r}" for ctx, msgid in sorted(keys, key=str))


def test_one_project_catalogue():
    """One catalogue, in settings.LOCALE_PATHS: an app-level locale/ would split the translations again."""
    from django.conf import settings

    assert [Path(p) for p in settings.LOCALE_PATHS] == [PACKAGE / "locale"]
    stray = [p for p in PACKAGE.rglob("django.po") if p != CATALOGUE]
    assert not stray, f"per-app catalogues: {stray}; move their entries into {CATALOGUE}"


def test_every_entry_is_translated():
    po = polib.pofile(str(CATALOGUE))
    untranslated = [(e.msgctxt, e.msgid) for e in po.untranslated_entries()]
    fuzzy = [(e.msgctxt, e.msgid) for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {CATALOGUE.name}:\n{_show(untranslated)}"
    assert not fuzzy, f"fuzzy (unchecked) in {CATALOGUE.name}:\n{_show(fuzzy)}"


def test_placeholders_match():
    """A translation keeps every %(name)s / {name} placeholder of its msgid (else it raises at runtime)."""
    pattern = re.compile(r"%\(\w+\)[sdrf]|\{\w+\}")
    wrong = []
    for e in polib.pofile(str(CATALOGUE)):
        if e.obsolete or not e.translated():
            continue
        for msgid, msgstr in ([(e.msgid, e.msgstr)] if not e.msgid_plural else
                              [(e.msgid_plural, s) for s in e.msgstr_plural.values()]):
            if set(pattern.findall(msgid)) != set(pattern.findall(msgstr)):
                wrong.append((e.msgctxt, msgid))
    assert not wrong, f"placeholders differ between msgid and msgstr:\n{_show(wrong)}"


def test_compiled_catalogue_matches_the_source():
    """The committed .mo is the compiled .po (msgfmt after every edit of the .po)."""
    po = polib.pofile(str(CATALOGUE))
    mo = polib.mofile(str(COMPILED))
    expected = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in po.translated_entries()}
    got = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in mo if e.msgid}
    assert got == expected, "the .mo is stale: run msgfmt -o django.mo django.po in " + str(CATALOGUE.parent)


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) is not installed")
def test_catalogue_is_up_to_date_with_the_source(tmp_path):
    """makemessages over the source finds exactly the catalogue's msgids: a new string cannot slip in
    untranslated, and strings removed from the source leave the catalogue."""
    copy = tmp_path / "ipgov"
    for path in PACKAGE.rglob("*"):
        if path.is_file() and path.suffix in SOURCES and "__pycache__" not in path.parts:
            target = copy / path.relative_to(PACKAGE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    (copy / "locale").mkdir()
    with override_settings(LOCALE_PATHS=[str(copy / "locale")]), contextlib.chdir(copy):
        call_command("makemessages", locale=["zh_Hans"], verbosity=0)
    fresh = _entries(polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po")))
    committed = _entries(polib.pofile(str(CATALOGUE)))
    new, gone = fresh - committed, committed - fresh
    assert not new and not gone, (
        "the catalogue is out of date; run `django-admin makemessages -l zh_Hans` in src/ipgov, translate, "
        f"and msgfmt.\nnew in the source:\n{_show(new)}\nno longer in the source:\n{_show(gone)}")


def test_choice_state_and_transition_labels_translate():
    """Spot checks through Django's own lookup, so a broken .mo or a wrong LOCALE_PATHS fails here."""
    from ipgov.cases.kinds import KINDS
    from ipgov.rights.choices import PatentType

    with translation.override("zh-hans"):
        assert str(PatentType.INVENTION.label) == "发明"
        assert str(PatentType.UTILITY.label) == "实用新型"
        fast = KINDS["preexam"]
        labels = {t.name: str(t.label) for t in fast.transitions}
        assert "预审合格" in labels.values()
    with translation.override("en"):
        assert str(PatentType.INVENTION.label) == "invention"

