"""The demo's archive step: every "archive" window of DEMO_WINDOWS, with the file names the contract quotes."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from sqlalchemy.engine import Engine

from pelagos.archive import makers
from pelagos.archive.archiver import DAY_MS, Archiver, file_name, seed_of
from pelagos.catalog.view import CatalogView, Device
from pelagos.config import Settings
from pelagos.ingest.demo.catalog import DEMO_WINDOWS, DemoWindow
from pelagos.timeutil import format_ms

#: Offsets (ms) of recordings that do not start on the window's grid, by device.
RDI_OFFSET_MS = 555


def _hydrophone(
    archiver: Archiver, device: Device, start: int, period: int, extensions: tuple[str, ...]
) -> None:
    seconds = period / 1000
    sound = makers.ocean_sound(start, seconds, seed_of(device.code, start))
    title = f"{device.code} {format_ms(start)} ({seconds:.0f} s at {makers.SAMPLE_RATE} Hz)"
    files: dict[str, tuple[str, str, Callable[[], bytes]]] = {
        "wav": ("", "AD", lambda: makers.audio(sound, "WAV")),
        "flac": ("", "AD", lambda: makers.audio(sound, "FLAC")),
        "mp3": ("-audio", "AD", lambda: makers.audio(sound, "MP3")),
        "png": ("-spect", "HSD", lambda: makers.spectrogram_png(sound, title)),
        "mat": ("-spect", "HSD", lambda: makers.spectrogram_mat(sound, start, device.code)),
        "fft": ("", "HSD", lambda: makers.average_spectrum(sound)),
    }
    for extension in extensions:
        suffix, product, make = files[extension]
        archiver.add(
            device, file_name(device.code, start, extension, suffix), product, start, start + period, make()
        )


def _camera(archiver: Archiver, device: Device, start: int, period: int) -> None:
    seed = seed_of(device.code, start)
    clip_end = start + 1000  # the clip is a one-second capture, the still follows it
    archiver.add(
        device, file_name(device.code, start, "mp4"), "VID", start, clip_end, makers.video_clip(seed, 1)
    )
    archiver.add(
        device,
        file_name(device.code, start, "an"),
        "VID",
        start,
        clip_end,
        makers.annotation_file(start, ["camera pan 0", "tilt -30", "zoom 1.0", "lights on"]),
    )
    archiver.add(
        device,
        file_name(device.code, start, "an", "-VideoQAQCResults"),
        "VID",
        start,
        clip_end,
        makers.annotation_file(start, ["brightness ok", "focus ok", "biofouling none"]),
    )
    still = start + 1000
    caption = f"{device.code} {format_ms(still)}"
    archiver.add(
        device,
        file_name(device.code, still, "jpg"),
        "IMG",
        still,
        still + 1000,
        makers.still_image(seed, caption),
    )


def _binary(archiver: Archiver, device: Device, start: int, period: int, extension: str) -> None:
    seed = seed_of(device.code, start, extension)
    if extension == "rdi":
        begin = start + RDI_OFFSET_MS
        content = makers.instrument_binary(b"\x7f\x7f", seed, 720, 640)
        archiver.add(device, file_name(device.code, begin, "rdi"), "RDF", begin, start + period, content)
    elif extension == "prf":
        content = makers.instrument_binary(b"\xa5\x21", seed, 360, 256)
        archiver.add(device, file_name(device.code, start, "prf"), "RDF", start, start + period, content)
    elif extension == "raw":
        content = makers.instrument_binary(b"BPR1", seed, 5760, 13)
        archiver.add(device, file_name(device.code, start, "raw"), "RDF", start, start + period, content)


def _tasks(archiver: Archiver, view: CatalogView, w: DemoWindow) -> list[Callable[[], object]]:
    """One task per file group of the window (a recording, a camera slot, a day...)."""
    device = view.devices[w.device_code]
    period = round(1000 / w.rate_hz)
    category = device.category.code
    tasks: list[Callable[[], object]] = []
    for start in range(w.date_from, w.date_to, period):
        if category == "HYDROPHONE":
            tasks.append(partial(_hydrophone, archiver, device, start, period, w.extensions))
        elif category == "VIDEOCAM":
            tasks.append(partial(_camera, archiver, device, start, period))
        else:
            for extension in w.extensions:
                if extension == "txt" and period >= DAY_MS:
                    tasks.append(partial(archiver.daily, view, device, start, "scalar"))
                else:
                    tasks.append(partial(_binary, archiver, device, start, period, extension))
    if category.startswith("ADCP") and "txt" in w.extensions:  # the RDI's daily log beside its ensembles
        day = w.date_from // DAY_MS * DAY_MS
        log = "\n".join(f"{format_ms(day + h * 3_600_000)} ensemble ok, 60 pings" for h in range(24)) + "\n"
        tasks.append(
            partial(
                archiver.add,
                device,
                file_name(device.code, day, "txt"),
                "LF",
                day,
                day + DAY_MS,
                log.encode(),
            )
        )
    return tasks


def archive_step(settings: Settings, engine: Engine) -> None:
    """Make every archive file of the demo windows (after the samples step: daily text files read samples).

    Files are made on two threads: audio encoding, spectrograms and compression release the GIL.
    """
    archiver = Archiver.for_settings(settings, engine, backdated=True)
    view = archiver.catalog.get()
    tasks = [task for w in DEMO_WINDOWS if w.kind == "archive" for task in _tasks(archiver, view, w)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for done in [pool.submit(task) for task in tasks]:
            done.result()
