"""The ``dpo_`` options of a data product request, checked against the product's ``dataProductOptions``.

A product's options (and their sub-options, such as ``dpo_minMaxAvg`` under ``dpo_resample``) come from the
catalog, exactly as the dataProducts service lists them. A value is accepted when it is one of
``allowableValues`` or lies within ``allowableRange``; every option the request leaves out takes its
``defaultValue``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pelagos.api.errors import UNKNOWN_PARAMETER, ApiError, ErrorEntry, invalid


def flatten(options: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every option and sub-option by name, in catalog order."""
    out: dict[str, dict[str, Any]] = {}
    for spec in options:
        out[spec["option"]] = spec
        out.update(flatten(spec.get("suboptions") or []))
    return out


def _in_range(value: str, bounds: Mapping[str, Any]) -> bool:
    try:
        number = float(value)
    except ValueError:
        return False
    if bounds.get("onlyIntegers") and not number.is_integer():
        return False
    return float(bounds["lowerBound"]) <= number <= float(bounds["upperBound"])


def _canonical(spec: Mapping[str, Any], value: str) -> str | None:
    """The accepted spelling of ``value`` for ``spec``, or None when it is not allowed."""
    for allowed in spec.get("allowableValues") or []:
        if value.lower() == str(allowed).lower():
            return str(allowed)
    bounds = spec.get("allowableRange")
    if bounds and _in_range(value, bounds):
        number = float(value)
        return str(int(number)) if bounds.get("onlyIntegers") else value
    return None


def check_options(
    product_options: list[dict[str, Any]], given: Mapping[str, str], product: str
) -> tuple[dict[str, str], list[str]]:
    """Validate the ``dpo_`` parameters of a request; returns every option's value and warning messages.

    An option the product does not take is error 129 (one entry per name), a value outside the allowed set 127.
    """
    specs = flatten(product_options)
    unknown = [name for name in given if name not in specs]
    if unknown:
        raise ApiError(
            [
                ErrorEntry(
                    UNKNOWN_PARAMETER, f"The data product {product} does not take the option {name}", name
                )
                for name in unknown
            ]
        )
    values = {name: str(spec.get("defaultValue", "")) for name, spec in specs.items()}
    for name, raw in given.items():
        value = _canonical(specs[name], raw.strip())
        if value is None:
            allowed = ", ".join(str(v) for v in specs[name].get("allowableValues") or [])
            bounds = specs[name].get("allowableRange")
            if bounds:
                allowed += f"{', or ' if allowed else ''}{bounds['lowerBound']} to {bounds['upperBound']}"
            raise invalid(name, f"Invalid value {raw!r} for {name}; allowed: {allowed}")
        values[name] = value
    messages = []
    for spec in product_options:
        chosen = values[spec["option"]]
        for sub in spec.get("suboptions") or []:
            if sub["option"] in given and sub["option"] != f"dpo_{chosen}":
                messages.append(f"{sub['option']} is ignored because {spec['option']} is {chosen}")
    return values, messages
