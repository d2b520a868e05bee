"""QAQC flags catch the faults an operator expects them to, and derived CTD variables agree with TEOS-10."""

from __future__ import annotations

import gsw
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from ioos_qc import qartod

from pelagos.ingest import qaqc
from pelagos.ingest.derive import conductivity_for, ctd_derived

LIMITS = {"gross_range": [-2.5, 35.0], "spike": 0.5, "rate_of_change": 0.05, "flat_line": 0.0001}


def series(n: int = 5000) -> tuple[np.ndarray, np.ndarray]:
    times = 1_600_000_000_000 + np.arange(n, dtype=np.int64) * 1000
    values = 8 + 0.2 * np.sin(np.arange(n) / 500) + np.random.default_rng(3).normal(0, 0.002, n)
    return times, values


def test_clean_series_is_all_good() -> None:
    times, values = series()
    assert set(qaqc.quality_flags(times, values, LIMITS).tolist()) == {qaqc.GOOD}


def test_faults_are_flagged() -> None:
    times, values = series()
    values[1000] += 5.0  # a spike
    values[2000:2100] = values[2000]  # a stuck sensor
    values[3000] = 80.0  # out of the gross range
    values[4000] = np.nan  # a missing reading
    flags = qaqc.quality_flags(times, values, LIMITS)
    assert flags[1000] == qaqc.BAD
    assert flags[2060:2100].tolist() == [qaqc.BAD] * 40 and qaqc.PROBABLY_BAD in flags[2000:2060]
    assert flags[3000] == qaqc.BAD
    assert flags[4000] == qaqc.MISSING
    assert (flags[:900] == qaqc.GOOD).all()


def test_four_hertz_series_get_flat_line_checks() -> None:
    n = 4000
    times = np.arange(n, dtype=np.int64) * 250 + 25
    values = 4 + np.random.default_rng(1).normal(0, 0.01, n)
    values[1000:1200] = 4.0
    flags = qaqc.quality_flags(times, values, {"flat_line": 0.0001})
    assert flags[1100] == qaqc.BAD and flags[500] == qaqc.GOOD


def test_no_limits_means_no_qc() -> None:
    times, values = series(10)
    assert set(qaqc.quality_flags(times, values, None).tolist()) == {qaqc.NO_QC}


def test_combined_flag_is_the_worst_input() -> None:
    good, bad, missing = (np.array([f], np.int8) for f in (qaqc.GOOD, qaqc.BAD, qaqc.MISSING))
    assert qaqc.combine(good, bad).tolist() == [qaqc.BAD]
    assert qaqc.combine(bad, missing, good).tolist() == [qaqc.MISSING]


def test_derived_variables_match_gsw() -> None:
    sp = np.array([31.2, 33.9, 34.6])
    t = np.array([9.5, 5.1, 2.2])
    p = np.array([5.0, 100.0, 1270.7])
    lat, lon = 48.3, -126.1
    c = conductivity_for(sp, t, p)
    got = ctd_derived(c, t, p, lat, lon)
    assert np.allclose(got["salinity"], sp, atol=1e-6)
    sa = gsw.SA_from_SP(sp, p, lon, lat)
    ct = gsw.CT_from_t(sa, t, p)
    assert np.allclose(got["density"], gsw.rho(sa, ct, p))
    assert np.allclose(got["sigmatheta"], gsw.sigma0(sa, ct))
    assert np.allclose(got["soundspeed"], gsw.sound_speed(sa, ct, p))
    assert (got["sigmat"] < got["density"] - 1000 + 1e-9).all()  # sigma-t ignores compression


@settings(max_examples=200, deadline=None)
@given(
    steps=st.lists(
        st.one_of(
            st.floats(-3, 3),
            st.floats(-60, 60),
            st.just(float("nan")),
            st.just(float("inf")),
        ),
        min_size=0,
        max_size=300,
    ),
    suspect=st.floats(0.1, 10),
)
def test_spike_flags_equal_ioos_qc_spike_test(steps: list[float], suspect: float) -> None:
    """The vectorised spike test answers exactly what ioos_qc's own gives for the whole series."""
    given_steps = np.asarray(steps, dtype=np.float64)
    gaps = ~np.isfinite(given_steps)
    values = np.cumsum(np.where(gaps, 0.0, given_steps))  # a random walk with jumps and missing readings
    values[gaps] = given_steps[gaps]
    got = qaqc.spike_flags(values, suspect, 2 * suspect)
    if values.size < 3:
        assert got.tolist() == [2] * values.size
        return
    expected = np.ma.filled(
        qartod.spike_test(values, suspect_threshold=suspect, fail_threshold=2 * suspect), 2
    )
    assert got.tolist() == np.asarray(expected, np.uint8).tolist()
