"""A Spark standalone cluster on this machine — one master, two workers — from the installed pyspark.

pyspark's wheel ships `bin/spark-class` and the standalone Master and Worker classes, so no download
is needed; the same two classes are what `start-master.sh`/`start-worker.sh` run on a real cluster.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive_workers(ui_port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{ui_port}/json/", timeout=2) as answer:
            return int(json.load(answer).get("aliveworkers", 0))
    except OSError:
        return 0


@contextlib.contextmanager
def standalone_cluster(work_dir: Path, workers: int = 2, cores: int = 1, memory: str = "1g",
                       timeout: float = 600):
    """Start the master and `workers` workers; yield the master URL; stop them all."""
    import pyspark

    spark_home = Path(pyspark.__file__).parent
    env = {**os.environ, "SPARK_HOME": str(spark_home), "SPARK_LOCAL_IP": "127.0.0.1",
           "SPARK_NO_DAEMONIZE": "1"}
    spark_class = [str(spark_home / "bin" / "spark-class")]
    port, ui_port = _free_port(), _free_port()
    master_url = f"spark://127.0.0.1:{port}"
    work_dir.mkdir(parents=True, exist_ok=True)
    procs = []
    try:
        procs.append(subprocess.Popen(
            [*spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
             "--webui-port", str(ui_port)],
            env=env, stdout=open(work_dir / "master.log", "wb"), stderr=subprocess.STDOUT))
        for i in range(workers):
            procs.append(subprocess.Popen(
                [*spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                 "--cores", str(cores), "--memory", memory, "--webui-port", str(_free_port()),
                 "--work-dir", str(work_dir / f"worker{i}"), master_url],
                env=env, stdout=open(work_dir / f"worker{i}.log", "wb"), stderr=subprocess.STDOUT))
        deadline = time.monotonic() + timeout
        while _alive_workers(ui_port) < workers:
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                logs = "\n".join((work_dir / name).read_text(errors="replace")[-2000:]
                                 for name in ["master.log", *(f"worker{i}.log" for i in range(workers))])
                raise RuntimeError(f"the standalone cluster did not come up in {timeout:.0f} s:\n{logs}")
            time.sleep(1)
        yield master_url
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
