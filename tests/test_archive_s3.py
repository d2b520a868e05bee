"""The archive on an S3-compatible store (moto's server standing in for one): built, listed and downloaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import boto3
import httpx
import numpy as np
import pytest
from moto.server import ThreadedMotoServer

from pelagos.db import make_engine
from pelagos.ingest.service import Ingestor
from tests.conftest import free_port, start_server, stop_server
from tests.test_ingest import OPERATOR, make_folder


@pytest.fixture
def s3_endpoint() -> str:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="k", aws_secret_access_key="s", region_name="us-east-1"
    ).create_bucket(Bucket="ocean")
    yield endpoint
    server.stop()


def test_archive_on_s3(tmp_path: Path, s3_endpoint: str) -> None:
    data = tmp_path / "data"
    make_folder(data)
    engine = make_engine(f"sqlite:///{data / 'pelagos.db'}")
    day = 1_574_467_200_000  # 2019-11-23
    times = day + np.arange(86_400, dtype=np.int64) * 1000
    Ingestor(engine).samples("BPR-Folger-59", times, {"Pressure": 100 + np.sin(np.arange(86_400) / 3600)})
    engine.dispose()
    env = {
        "PELAGOS_ARCHIVE_URL": "s3://ocean/archive",
        "PELAGOS_ARCHIVE_OPTIONS": json.dumps(
            {
                "key": "k",
                "secret": "s",
                "client_kwargs": {"endpoint_url": s3_endpoint, "region_name": "us-east-1"},
            }
        ),
    }
    import os

    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelagos.cli",
            "archive",
            "build",
            "--device",
            "BPR-Folger-59",
            "--data-dir",
            str(data),
        ],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "1 archive file(s) made in s3://ocean/archive" in built.stdout
    keys = [
        o["Key"]
        for o in boto3.client(
            "s3",
            endpoint_url=s3_endpoint,
            aws_access_key_id="k",
            aws_secret_access_key="s",
            region_name="us-east-1",
        ).list_objects_v2(Bucket="ocean")["Contents"]
    ]
    assert keys == ["archive/BPR-Folger-59/2019/BPR-Folger-59_20191123T000000.000Z.txt"]
    assert not list(data.glob("archive/**/*.txt"))  # nothing on local disk
    server = start_server(data, extra_env=env, demo=False, token=OPERATOR)
    try:
        listed = server.get("api/archivefile/device", deviceCode="BPR-Folger-59").json()
        assert listed["files"] == ["BPR-Folger-59_20191123T000000.000Z.txt"]
        url = f"{server.url}api/archivefile/download"
        params = {"filename": listed["files"][0], "token": OPERATOR}
        whole = httpx.get(url, params=params, timeout=60)
        assert whole.status_code == 200 and whole.text.startswith("#Ocean Networks Canada Data Archive")
        assert whole.text.count("\n2019-11-23T") == 86_400
        assert "NaN" not in whole.text  # only the sensor with data is a column
        tail = httpx.get(url, params=params, headers={"Range": "bytes=-100"}, timeout=60)
        assert tail.status_code == 206 and tail.content == whole.content[-100:]
    finally:
        stop_server(server)
