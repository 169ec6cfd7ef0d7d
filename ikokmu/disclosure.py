"""Statistical disclosure control: the one place that decides what of a count may be shown.

Every output that shows counted answers uses these rules, whatever app it is in (the results page
and its selections, the comparison of districts, the district report PDF, the exports for district
staff), so that a rule fixed here is fixed everywhere:

- No displayed cell counts fewer than MIN_CELL (and more than none): ordered cells (number bins,
  dates, scale points) are merged from the ends inwards ("bis 99", "≥ 300"), then any small
  cell in between with its neighbours (`merge_ordered`); unordered cells (choices) are pooled
  into "weitere" (`pool_small`) or, where they overlap and cannot be added up (multiple choice),
  shown as "< 5" (`count_label`). An empty cell stays empty: it tells about nobody.
- A mean or a median is shown only when at least MIN_CELL answered, and never when it equals the
  smallest or largest answer (`statistic_shown`): then it would name one firm's figure.
- Rows of a table of single records (an export) are generalised, then suppressed, until each
  combination of the identifying columns occurs at least MIN_CELL times (`generalise_rows`).

The functions work on counts the database has already aggregated; they know nothing of surveys.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

MIN_CELL = 5
SMALL = "< 5"


def is_small(count: int | None, minimum: int = MIN_CELL) -> bool:
    """A cell that would point at fewer than `minimum` respondents (an empty one does not)."""
    return bool(count) and count < minimum


def count_label(count: int, minimum: int = MIN_CELL) -> str:
    """A count as it may be shown: "< 5" for a small one."""
    return f"< {minimum}" if is_small(count, minimum) else str(count)


def statistic_shown(value, *, answered: int, low=None, high=None, minimum: int = MIN_CELL) -> bool:
    """Whether a mean or median of `answered` answers from `low` to `high` may be shown: only
    from `minimum` answers on, and never when it is the smallest or the largest answer, unless
    everyone gave the same (then it is the figure of at least `minimum` firms alike)."""
    if value is None or answered < minimum:
        return False
    if low is None or high is None or low == high:
        return True
    return value != low and value != high


@dataclass
class Group:
    """Consecutive ordered cells merged into one: their positions `first`..`last` in the list
    given, their count, and whether the group holds the first (`open_low`) or the last
    (`open_high`) cell together with others, i.e. is a bottom or top coding."""

    first: int
    last: int
    count: int
    open_low: bool = False
    open_high: bool = False


def merge_ordered(counts: Sequence[int], minimum: int = MIN_CELL) -> list[Group]:
    """Merge ordered cells so that none shown counts 1 to minimum - 1.

    From the bottom, cells are merged until the group reaches `minimum` (bottom coding), the same
    from the top (top coding); a small cell between them is merged with the cells after it until
    the group is large enough, and a small rest before the top group joins the top group. Empty
    cells between stay as they are. Everything fewer than `minimum` in total gives one group."""
    n = len(counts)
    if n == 0:
        return []
    # Empty cells at either end (scale points nobody chose) stay shown on their own.
    start = next((i for i, count in enumerate(counts) if count), n)
    end = next((i for i in range(n - 1, -1, -1) if counts[i]), -1)
    if start > 0 or end < n - 1:
        if start > end:
            return [Group(i, i, 0) for i in range(n)]
        inner = merge_ordered(counts[start : end + 1], minimum)
        for group in inner:
            group.first, group.last = group.first + start, group.last + start
        return (
            [Group(i, i, 0) for i in range(start)]
            + inner
            + [Group(i, i, 0) for i in range(end + 1, n)]
        )
    total = sum(counts)
    if total < minimum:
        return [Group(0, n - 1, total, open_low=n > 1, open_high=n > 1)]
    bottom_end, running = 0, 0
    for index, count in enumerate(counts):
        running += count
        bottom_end = index
        if running >= minimum:
            break
    top_start, running = n - 1, 0
    for index in range(n - 1, -1, -1):
        running += counts[index]
        top_start = index
        if running >= minimum:
            break
    if top_start <= bottom_end:
        # The two ends overlap: whatever is not in a group of its own joins them.
        if sum(counts[bottom_end + 1 :]) >= minimum and bottom_end + 1 < n:
            top_start = bottom_end + 1
        else:
            return [Group(0, n - 1, total, open_low=n > 1, open_high=n > 1)]
    groups = [Group(0, bottom_end, sum(counts[: bottom_end + 1]), open_low=bottom_end > 0)]
    pending: Group | None = None
    for index in range(bottom_end + 1, top_start):
        count = counts[index]
        if pending is None and not is_small(count, minimum):
            groups.append(Group(index, index, count))
            continue
        if pending is None:
            pending = Group(index, index, 0)
        pending.last, pending.count = index, pending.count + count
        if pending.count >= minimum:
            groups.append(pending)
            pending = None
    top = Group(top_start, n - 1, sum(counts[top_start:]))
    if pending is not None:
        top.first, top.count = pending.first, top.count + pending.count
    top.open_high = top.last > top.first
    groups.append(top)
    return groups


@dataclass
class Pooled:
    """Unordered cells, some of them pooled: `shown` are the positions shown on their own,
    `pooled` those counted together as "weitere" (with their sum)."""

    shown: list[int] = field(default_factory=list)
    pooled: list[int] = field(default_factory=list)
    pooled_count: int = 0


def pool_small(counts: Sequence[int], minimum: int = MIN_CELL) -> Pooled:
    """Pool the small cells of mutually exclusive categories (they add up to the total). If the
    pool itself is small, the smallest other cells join it until it is not: otherwise the total
    minus the cells shown would give it away."""
    result = Pooled()
    for index, count in enumerate(counts):
        (result.pooled if is_small(count, minimum) else result.shown).append(index)
    result.pooled_count = sum(counts[i] for i in result.pooled)
    while is_small(result.pooled_count, minimum):
        candidates = [i for i in result.shown if counts[i]]
        if not candidates:
            break
        smallest = min(candidates, key=lambda i: (counts[i], -i))
        result.shown.remove(smallest)
        result.pooled.append(smallest)
        result.pooled_count += counts[smallest]
    result.pooled.sort()
    return result


def merge_columns(rows: Sequence[Sequence[int]], minimum: int = MIN_CELL) -> list[tuple[int, int]]:
    """One merging of ordered columns (scale points) for several rows at once (the rows of a
    matrix question share one legend): adjacent columns are merged while any row has a small
    cell, the small cell with its smaller neighbour. Returns the (first, last) column of each
    merged column."""
    columns = [(i, i) for i in range(len(rows[0]))] if rows else []

    def cell(row, span):
        return sum(row[span[0] : span[1] + 1])

    while len(columns) > 1:
        small = next(
            (
                (r, c)
                for c, span in enumerate(columns)
                for r, row in enumerate(rows)
                if is_small(cell(row, span), minimum)
            ),
            None,
        )
        if small is None:
            break
        row, c = rows[small[0]], small[1]
        if c == 0:
            other = 1
        elif c == len(columns) - 1:
            other = c - 1
        else:
            other = c - 1 if cell(row, columns[c - 1]) <= cell(row, columns[c + 1]) else c + 1
        a, b = sorted((c, other))
        columns[a : b + 1] = [(columns[a][0], columns[b][1])]
    return columns


GENERALISED = "*"


@dataclass
class Generalisation:
    """What `generalise_rows` changed: for each row its level (0 unchanged, 1..len(steps)
    generalised by that many steps, len(steps) + 1 suppressed), and how many rows each step
    generalised and how many were suppressed."""

    levels: list[int]
    per_step: list[int]
    suppressed: int


def generalise_rows(
    keys: Sequence[tuple],
    steps: Sequence[Callable[[tuple], tuple]],
    minimum: int = MIN_CELL,
) -> Generalisation:
    """k-anonymity for a table of single records by local recoding: the rows whose key (the
    identifying columns: sector, size class, number bands) occurs fewer than `minimum` times are
    generalised by the first step (e.g. number bands blanked); among the generalised rows, those
    whose new key is still rare take the next step, and so on; what is rare after the last step
    is suppressed. A generalised row is compared only with rows generalised as far as it, because
    only those look alike in the output."""
    levels = [0] * len(keys)
    current = list(keys)
    candidates = list(range(len(keys)))
    per_step: list[int] = []
    for level, step in enumerate([None, *steps]):
        if level:
            for index in candidates:
                current[index] = step(current[index])
                levels[index] = level
            per_step.append(len(candidates))
        frequency = Counter(current[i] for i in candidates) if level else Counter(current)
        candidates = [i for i in candidates if frequency[current[i]] < minimum]
        if not candidates:
            break
    for index in candidates:
        levels[index] = len(steps) + 1
    per_step += [0] * (len(steps) - len(per_step))
    return Generalisation(levels=levels, per_step=per_step, suppressed=len(candidates))


def blank(positions: Sequence[int]) -> Callable[[tuple], tuple]:
    """A generalisation step: the key with the values at `positions` replaced by GENERALISED."""
    wanted = set(positions)

    def step(key: tuple) -> tuple:
        return tuple(GENERALISED if i in wanted else value for i, value in enumerate(key))

    return step


def label_group(group: Group, labels: Sequence[Any], *, low: str, high: str, span: str) -> str:
    """A merged group's label from its cells' labels: the format `low` ("bis %(last)s") for a
    bottom coding, `high` ("≥ %(first)s") for a top coding, `span` ("%(first)s–%(last)s") for a
    group between, the cell's own label for a single cell. `labels` are (first, last) pairs."""
    first, last = labels[group.first][0], labels[group.last][1]
    if group.open_low and group.open_high:
        return span % {"first": first, "last": last}
    if group.open_low:
        return low % {"first": first, "last": last}
    if group.open_high:
        return high % {"first": first, "last": last}
    if group.first == group.last:
        own = labels[group.first]
        return own[0] if own[0] == own[1] else span % {"first": own[0], "last": own[1]}
    return span % {"first": first, "last": last}
