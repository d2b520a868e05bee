"""Every client operation is written once, as a generator that yields the IO it needs and gets the results back.

:class:`Runner` performs those effects with blocking HTTP and a thread pool (for :class:`~pelagos.client.ONC`),
:class:`AsyncRunner` with asyncio (for :class:`~pelagos.client.AsyncONC`), so both clients behave identically.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from pelagos.client import files
from pelagos.client.transport import AsyncTransport, Params, Transport

T = TypeVar("T")


@dataclass(frozen=True)
class Call:
    """One HTTP request (retried by the transport); gives the read ``httpx.Response``."""

    method: str
    url: str
    params: Params
    timeout: float


@dataclass(frozen=True)
class Fetch:
    """A GET whose 200 body is streamed to a file; gives a :class:`~pelagos.client.files.Fetched`."""

    url: str
    params: Params
    target: files.Target
    timeout: float


@dataclass(frozen=True)
class Sleep:
    """Wait ``seconds``."""

    seconds: float


@dataclass(frozen=True)
class Gather:
    """Run ``ops`` with at most ``limit`` at a time; gives their results in order (the first failure is raised)."""

    ops: Sequence[Op[Any]]
    limit: int


Effect = Call | Fetch | Sleep | Gather
Op = Generator[Effect, Any, T]


class Runner:
    """Performs operations with blocking IO; :class:`Gather` runs on a thread pool sharing the connection pool."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    def run(self, op: Op[T]) -> T:
        sent: Any = None
        error: Exception | None = None
        while True:
            try:
                effect = op.throw(error) if error is not None else op.send(sent)
            except StopIteration as stop:
                return stop.value
            sent, error = None, None
            try:
                sent = self.perform(effect)
            except Exception as exc:  # handed to the operation, which may recover
                error = exc

    def perform(self, effect: Effect) -> Any:
        if isinstance(effect, Call):
            return self.transport.send(effect.method, effect.url, effect.params, timeout=effect.timeout)
        if isinstance(effect, Fetch):
            return files.fetch(self.transport, effect.url, effect.params, effect.target, effect.timeout)
        if isinstance(effect, Sleep):
            time.sleep(effect.seconds)
            return None
        return self.gather(effect.ops, effect.limit)

    def gather(self, ops: Sequence[Op[Any]], limit: int) -> list[Any]:
        if limit <= 1 or len(ops) <= 1:
            return [self.run(op) for op in ops]
        pool = ThreadPoolExecutor(min(limit, len(ops)), thread_name_prefix="pelagos-client")
        try:
            futures = [pool.submit(self.run, op) for op in ops]
            return [future.result() for future in futures]
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


class AsyncRunner:
    """Performs operations on an event loop; :class:`Gather` runs tasks bounded by a semaphore."""

    def __init__(self, transport: AsyncTransport) -> None:
        self.transport = transport

    async def run(self, op: Op[T]) -> T:
        sent: Any = None
        error: Exception | None = None
        while True:
            try:
                effect = op.throw(error) if error is not None else op.send(sent)
            except StopIteration as stop:
                return stop.value
            sent, error = None, None
            try:
                sent = await self.perform(effect)
            except Exception as exc:  # handed to the operation, which may recover
                error = exc

    async def perform(self, effect: Effect) -> Any:
        if isinstance(effect, Call):
            response: httpx.Response = await self.transport.send(
                effect.method, effect.url, effect.params, timeout=effect.timeout
            )
            return response
        if isinstance(effect, Fetch):
            return await files.afetch(
                self.transport, effect.url, effect.params, effect.target, effect.timeout
            )
        if isinstance(effect, Sleep):
            await asyncio.sleep(effect.seconds)
            return None
        return await self.gather(effect.ops, effect.limit)

    async def gather(self, ops: Sequence[Op[Any]], limit: int) -> list[Any]:
        gate = asyncio.Semaphore(max(1, limit))

        async def one(op: Op[Any]) -> Any:
            async with gate:
                return await self.run(op)

        tasks = [asyncio.ensure_future(one(op)) for op in ops]
        try:
            return list(await asyncio.gather(*tasks))
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
