"""`ipgov backup` → `ipgov restore` on a small real home: the same row counts and cube hash elsewhere;
a changed file, a non-empty target or a missing manifest is refused with a sentence."""

import json
import os
import shutil
import sqlite3
import uuid

import pytest

from tests.homes import home_env, ipgov
from tests.paths import PATENT_SAMPLE_CSV

PG_URL = os.environ.get("IPGOV_DATABASE_URL", "")
ON_POSTGRES = PG_URL.startswith("postgres")


def _pg_database(suffix: str) -> str:
    """A new empty database beside the test run's own (its name + suffix); the URL to reach it."""
    import psycopg

    base, _, name = PG_URL.rpartition("/")
    database = f"{name.split('?')[0]}_{suffix}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
        admin.execute(f'CREATE DATABASE "{database}"')
    return f"{base}/{database}"


def _drop_pg(url: str) -> None:
    import psycopg

    base, _, database = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _env(home, suffix):
    extra = {"IPGOV_DATABASE_URL": _pg_database(suffix)} if ON_POSTGRES else {}
    return home_env(home, IPGOV_LANGUAGE="en", **extra)  # messages asserted as the source writes them


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A home with the ten real CNIPA records, a case with a document, and the cube over late 2021."""
    home = tmp_path_factory.mktemp("backup_source")
    env = _env(home, f"bk_src_{uuid.uuid4().hex[:6]}")
    ipgov("init", env=env)
    ipgov("import", PATENT_SAMPLE_CSV, "--kind", "patents", env=env)
    request = home / "请求书.txt"
    request.write_text("专利侵权纠纷处理请求书", encoding="utf-8")
    opened = ipgov("case", "open", "patent_dispute", "--region", "410300", "--authority", "洛阳市市场监督管理局",
                   "--received", "2021-11-01", "--complainant", "甲公司", "--respondent", "乙公司", env=env)
    number = opened.stdout.split()[0]
    ipgov("case", "attach", number, "request", request, "--on", "2021-11-01", env=env)
    ipgov("compute", "--executor", "database", "--from", "2021-10", "--to", "2021-12", env=env)
    # an article image as the portal stores an upload (cleaned image + thumbnail under portal/images)
    ipgov("shell", "-v0", "-c", "import io; from PIL import Image; from ipgov.portal import images; "
          "out = io.BytesIO(); Image.new('RGB', (40, 30), (200, 30, 30)).save(out, 'PNG'); "
          "images.store('photo.png', out.getvalue())", env=env)
    yield home, env
    if ON_POSTGRES:
        _drop_pg(env["IPGOV_DATABASE_URL"])


@pytest.fixture(scope="module")
def backup(source, tmp_path_factory):
    _, env = source
    folder = tmp_path_factory.mktemp("backups") / "office-backup"
    out = ipgov("backup", "--to", folder, env=env).stdout
    assert f"backup written to {folder}" in out
    return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_backup_manifest_is_the_snapshot(source, backup):
    home, env = source
    folder, manifest = backup
    assert manifest["counts"]["rights_patent"] == 10 and manifest["counts"]["cases_casedocument"] == 1
    assert manifest["counts"]["indicators_observation"] > 1000
    documents = [name for name in manifest["files"] if name.startswith("files/cases/documents/")]
    assert len(documents) == 1 and (home / documents[0].removeprefix("files/")).read_bytes() == (
        folder / documents[0]).read_bytes()
    images = sorted(name for name in manifest["files"] if name.startswith("files/portal/images/"))
    assert len(images) == 2 and images[1].endswith("_t.jpg")  # the image and its thumbnail
    assert all((home / name.removeprefix("files/")).read_bytes() == (folder / name).read_bytes() for name in images)
    live = ipgov("shell", "-v0", "-c", "from ipgov.indicators.digest import cube_hash; print(cube_hash())",
                 env=env).stdout.strip()
    assert manifest["digests"]["cube"] == live and len(live) == 64


def test_restore_into_an_empty_home_gives_the_same_records_and_cube(backup, tmp_path):
    folder, manifest = backup
    env = _env(tmp_path / "restored", "bk_dst")
    try:
        out = ipgov("restore", folder, env=env).stdout
        assert "all matching the manifest" in out and manifest["digests"]["cube"] in out
        recount = ipgov("shell", "-v0", "-c", "from ipgov.indicators.digest import cube_hash; "
                                       "from ipgov.rights.models import Patent; from ipgov.cases.models import "
                                       "CaseDocument as D; from ipgov.cases.documents import open_stored; "
                                       "d = D.objects.get(); print(Patent.objects.count(), cube_hash(), "
                                       "open_stored(d.path).decode())", env=env).stdout.split()
        assert recount == ["10", manifest["digests"]["cube"], "专利侵权纠纷处理请求书"]
        restored = tmp_path / "restored"
        for name in (n for n in manifest["files"] if n.startswith("files/portal/images/")):
            assert (restored / name.removeprefix("files/")).read_bytes() == (folder / name).read_bytes()
        # restoring again: the home is no longer empty
        again = ipgov("restore", folder, env=env, check=False)
        assert again.returncode == 1 and "Traceback" not in again.stderr
        assert "already holds" in again.stderr and "empty" in again.stderr
    finally:
        if ON_POSTGRES:
            _drop_pg(env["IPGOV_DATABASE_URL"])


@pytest.mark.parametrize("damage, message", [
    ("document", "does not match the manifest's SHA-256"),
    ("database", "does not match the manifest's SHA-256"),
    ("missing", "is missing from the backup"),
    ("manifest", "no manifest.json"),
])
def test_a_changed_backup_is_refused_and_nothing_restored(backup, tmp_path, damage, message):
    folder, manifest = backup
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    document = next(name for name in manifest["files"] if name.startswith("files/"))
    if damage == "document":
        (copy / document).write_bytes((copy / document).read_bytes() + b" ")
    elif damage == "database":
        dump = copy / manifest["database"]["file"]
        data = bytearray(dump.read_bytes())
        data[len(data) // 2] ^= 0xFF
        dump.write_bytes(bytes(data))
    elif damage == "missing":
        (copy / document).unlink()
    else:
        (copy / "manifest.json").unlink()
    home = tmp_path / "target"
    env = home_env(home, IPGOV_LANGUAGE="en")  # refused before the database is looked at: SQLite is enough
    result = ipgov("restore", copy, env=env, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr and "not restored" in result.stderr
    assert not (home / "cases").exists()
    db = home / "ipgov.sqlite3"
    assert not db.exists() or sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)


def test_backup_refuses_a_folder_in_use(source, backup):
    _, env = source
    folder, _ = backup
    result = ipgov("backup", "--to", folder, env=env, check=False)
    assert result.returncode == 1 and "not an empty folder" in result.stderr
