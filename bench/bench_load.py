"""Load while an import runs: N clients on the dashboard, a list, a static file and a case upload, with an
`ipgov import` of a few thousand patents started in parallel (issue 16: "never block the office").

    python bench/bench_load.py [--duration 60] [--clients 20] [--patents 3000] [--quick]

Makes a small home in a temporary directory (or IPGOV_HOME if given: it must be empty or made by this
script), `ipgov init`, the ten real CNIPA records, a case and a city officer; starts `ipgov serve` (gunicorn)
on a free loopback port; logs in; runs the clients (threads, urllib: no load tool needed) for the duration
and starts the import a few seconds in. Prints, per URL, p50/p99 with and without the import running, the
import's own time, and the error count (any answer other than 200 — a 503 "import in progress" page
included). Goal: 0 errors; reads during the import close to the static file of the same run.
With IPGOV_DATABASE_URL set, the home uses that (empty) database.
"""

from __future__ import annotations

import argparse
import csv
import http.cookiejar
import io
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
SAMPLE = SRC / "ipgov" / "rights" / "data" / "samples" / "henan_cn_patent_records_sample.csv"
USER, PASSWORD = "load_officer", "Load-bench-2026"
READS = [
    ("static file (baseline)", "/static/web/ipgov.css"),
    ("dashboard", "/"),
    ("patents list", "/records/patents/?sort=-filing_date"),
    ("cases list", "/records/cases/"),
]


def ipgov(*args, env, check=True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ipgov", *map(str, args)], env=env, check=check,
                          capture_output=True, text=True)


def patents_csv(path: Path, count: int) -> Path:
    """`count` distinct patents made from the first real record (valid numbers, distinct titles)."""
    sys.path.insert(0, str(SRC))
    from ipgov.rights.numbers import make_application_number

    rows = list(csv.reader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))
    header, base = rows[0], rows[1]
    number, title = header.index("申请号"), header.index("专利名称")
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(header)
    for i in range(count):
        row = list(base)
        row[number], row[title] = "CN" + make_application_number(2021, 2, 300000 + i), f"{base[title]}{i}"
        out.writerow(row)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def prepare(env) -> int:
    """The home: reference data, the real sample, a city officer and a case in Luoyang; the case's id."""
    ipgov("init", "--noinput", "--no-admin", env=env)
    ipgov("import", SAMPLE, "--kind", "patents", "--quiet", env=env, check=False)  # "unchanged" on a rerun
    ipgov("user", "add", USER, "--role", "city_officer", "--region", "410300", "--password", PASSWORD, env=env,
          check=False)
    opened = ipgov("case", "open", "patent_dispute", "--region", "410300", "--authority", "洛阳市市场监督管理局",
                   "--received", "2021-11-01", "--complainant", "甲公司", "--respondent", "乙公司", env=env)
    ipgov("collectstatic", "--noinput", "-v0", env=env)
    return int(opened.stdout.split()[0])  # "<id> <number> <state>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def csrf(self, path: str) -> str:
        page = self.opener.open(self.base + path, timeout=60).read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def login(self) -> None:
        data = urllib.parse.urlencode({"username": USER, "password": PASSWORD,
                                       "csrfmiddlewaretoken": self.csrf("/login/")}).encode()
        self.opener.open(urllib.request.Request(self.base + "/login/", data=data,
                                                headers={"Referer": self.base + "/login/"}), timeout=60).read()

    def get(self, path: str) -> int:
        with self.opener.open(self.base + path, timeout=60) as response:
            response.read()
            return response.status

    def upload(self, pk: int, token: str, n: int) -> int:
        boundary = f"----ipgovload{n}"
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="doc_type"\r\n\r\nother\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="note{n}.txt"\r\n'
                f"Content-Type: text/plain\r\n\r\n补充材料 {n}\r\n--{boundary}--\r\n").encode()
        request = urllib.request.Request(f"{self.base}/cases/{pk}/documents/", data=body, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": f"{self.base}/records/cases/{pk}/"})
        with self.opener.open(request, timeout=60) as response:  # 302 to the case, followed: 200
            response.read()
            return response.status


def run_clients(base: str, case: int, clients: int, duration: float, importing: threading.Event):
    """Log every client in first (password hashing is not what is measured), then run them for `duration`."""
    samples: list[tuple[str, bool, float, int]] = []  # (target, during import, seconds, status)
    lock, ready = threading.Lock(), threading.Barrier(clients + 1)
    stop = [0.0]

    def one(i: int) -> None:
        try:
            client = Client(base)
            client.login()
            token = client.csrf(f"/records/cases/{case}/")
        except OSError as exc:
            with lock:
                samples.append(("login", False, 0.0, getattr(exc, "code", 0)))
            ready.wait()
            return
        ready.wait()
        n = 0
        while time.monotonic() < stop[0]:
            n += 1
            name, path = READS[n % len(READS)] if n % 10 else ("upload", None)
            during, start = importing.is_set(), time.perf_counter()
            try:
                status = client.get(path) if path else client.upload(case, token, i * 100000 + n)
            except urllib.error.HTTPError as exc:
                status = exc.code
            except OSError:
                status = 0
            with lock:
                samples.append((name, during, time.perf_counter() - start, status))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    ready.wait()
    stop[0] = time.monotonic() + duration
    return threads, samples


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000 if len(values) > 1 else values[0] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--patents", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--quick", action="store_true", help="10 s, 1000 patents")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.patents = 10, 1000
    home = Path(os.environ.get("IPGOV_HOME") or tempfile.mkdtemp(prefix="ipgov-load-"))
    env = {k: v for k, v in os.environ.items() if k != "IPGOV_HOME"}
    env.update(IPGOV_HOME=str(home), DJANGO_SETTINGS_MODULE="ipgov.settings",
               PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    case = prepare(env)
    big = patents_csv(home / "load-patents.csv", args.patents)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "ipgov", "serve", f"127.0.0.1:{port}", "--workers",
                               str(args.workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/login/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        importing = threading.Event()
        threads, samples = run_clients(base, case, args.clients, args.duration, importing)
        time.sleep(min(3, args.duration / 4))
        importing.set()
        started = time.perf_counter()
        imported = ipgov("import", big, "--kind", "patents", "--quiet", env=env, check=False)
        import_seconds = time.perf_counter() - started
        importing.clear()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=60)
    database = env.get("IPGOV_DATABASE_URL", "sqlite").split(":")[0]
    print(f"ipgov serve ({args.workers} workers) on {base}, {database}, {args.clients} clients, "
          f"{args.duration:.0f} s, home {home}")
    print(f"import of {args.patents} patents: {import_seconds:.1f} s, exit {imported.returncode}: "
          f"{(imported.stdout or imported.stderr).strip().splitlines()[-1] if (imported.stdout or imported.stderr) else ''}")
    print(f"{'URL':<26}{'phase':<10}{'n':>6}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    errors = 0
    for name in ["login"] + [n for n, _ in READS] + ["upload"]:
        for during in (False, True):
            rows = [s for s in samples if s[0] == name and s[1] == during]
            if name == "login" and (during or not rows):
                continue
            bad = [s for s in rows if s[3] != 200]
            errors += len(bad)
            times = [s[2] for s in rows if s[3] == 200]
            print(f"{name:<26}{'import' if during else 'idle':<10}{len(rows):>6}{pct(times, 50):>9.1f}"
                  f"{pct(times, 99):>9.1f}{len(bad):>8}")
    statuses = sorted({s[3] for s in samples if s[3] != 200})
    print(f"errors: {errors}" + (f" (statuses {statuses})" if statuses else "") + f" — goal 0: "
          f"{'met' if errors == 0 else 'NOT met'}")
    if not any(s[1] for s in samples):
        print("no request ran during the import: raise --duration or --patents")
    sys.exit(1 if errors or imported.returncode or not samples else 0)


if __name__ == "__main__":
    main()
