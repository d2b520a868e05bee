"""``pelagos worker``: a Celery worker that generates data products for servers run with PELAGOS_EXECUTOR=celery."""

from __future__ import annotations

import argparse
import os


def cmd_worker(args: argparse.Namespace) -> int:
    """Run a Celery worker on the products queue with the server's settings (data folder, database, broker)."""
    if args.data_dir:
        os.environ["PELAGOS_DATA_DIR"] = args.data_dir
    if args.broker:
        os.environ["PELAGOS_BROKER_URL"] = args.broker
    from pelagos.config import Settings
    from pelagos.delivery.tasks import QUEUE, app

    settings = Settings.from_env()
    app.conf.broker_url = settings.broker_url
    concurrency = args.concurrency or settings.workers
    argv = [
        "worker",
        "-Q",
        QUEUE,
        "-c",
        str(concurrency),
        "-l",
        args.log_level,
        "-n",
        f"pelagos-{os.getpid()}@%h",
    ]
    app.worker_main(argv)
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``worker`` command to the ``pelagos`` command line."""
    worker = subparsers.add_parser("worker", help="run a Celery worker that generates data products")
    worker.add_argument("--data-dir", default=None, help="data folder (default PELAGOS_DATA_DIR)")
    worker.add_argument("--broker", default=None, help="Celery broker URL (default PELAGOS_BROKER_URL)")
    worker.add_argument(
        "--concurrency", type=int, default=None, help="worker processes (default PELAGOS_WORKERS)"
    )
    worker.add_argument("--log-level", default="info")
    worker.set_defaults(func=cmd_worker)
