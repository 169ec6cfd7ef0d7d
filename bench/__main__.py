"""The benchmark suite: `make bench`.

Each module bench/bench_*.py defines `run(report)`; it builds its data in a separate database
(bench_ikokmu, created and dropped here) and calls `report(name, value, unit, limit)` for every
figure an issue asks for. The suite prints a table, writes var/bench-results.json and exits
non-zero when a figure misses its limit. `python -m bench districts` runs only matching modules.
"""

import json
import os
import sys
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(selection: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikokmu.settings")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    connections["default"].settings_dict["TEST"]["NAME"] = os.environ.get(
        "BENCH_DATABASE_NAME", "bench_ikokmu"
    )
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)

    results = []

    def report(name: str, value: float, unit: str, limit: float | None = None) -> None:
        ok = limit is None or value <= limit
        results.append(
            {"name": name, "value": round(value, 3), "unit": unit, "limit": limit, "ok": ok}
        )
        limit_text = f"< {limit} {unit}" if limit is not None else ""
        print(
            f"  {'ok  ' if ok else 'MISS'} {name:<60} {value:>10.3f} {unit:<4} {limit_text}",
            flush=True,
        )

    try:
        modules = sorted(path.stem for path in Path(__file__).parent.glob("bench_*.py"))
        for name in modules:
            if selection and not any(word in name for word in selection):
                continue
            print(f"{name}:", flush=True)
            started = time.perf_counter()
            import_module(f"bench.{name}").run(report)
            print(f"  ({time.perf_counter() - started:.1f} s)", flush=True)
    finally:
        teardown_databases(databases, verbosity=0)

    out = ROOT / "var" / "bench-results.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    missed = [r["name"] for r in results if not r["ok"]]
    print(f"{len(results)} figures, {len(missed)} missed their limit. Written to {out}.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
