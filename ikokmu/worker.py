"""What the background worker does when it starts, contributed by the apps.

A worker killed in the middle of a task leaves it marked as running for good; each app that
sends mail registers a function that queues its unfinished work again (it must be safe to run
twice: the work itself is claimed under row locks). `manage.py worker` runs them all at start.
"""

from collections.abc import Callable

_recoveries: dict[str, Callable[[], int]] = {}


def register_recovery(name: str, recover: Callable[[], int]) -> None:
    _recoveries[name] = recover


def recover_all() -> int:
    """Run every registered recovery; returns how many tasks they queued."""
    return sum(recover() for recover in _recoveries.values())
