"""Charts of the survey results as SVG, drawn on the server so the results page and the district
report PDF show the same picture (WeasyPrint draws inline SVG).

Every chart is one `<svg role="img">` whose first child is a `<title>` (its accessible name), with
the font family set on the svg itself, since WeasyPrint does not inherit it from the page. The
page also shows the numbers as text or a table, so nothing is only in the picture.

Presentation is in attributes (fill, font-size) and classes, never in style="": the pages' Content
Security Policy refuses inline styles. The stylesheet's `svg.svg-chart` keeps a chart at most the
640 px it is drawn for.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BRAND = "#0b4f6c"
ACCENT = "#b5451b"
GRID = "#d0d4d8"
INK = "#1d1d1b"
# A sequential palette from light to dark for scale points (up to seven), then grey for
# "weiß nicht"; the darker half carries white numbers.
SCALE_COLOURS = {
    5: ["#d6e6ee", "#9cc3d5", "#5b9ab8", "#2c7298", BRAND],
    7: ["#e3eef3", "#c2dbe6", "#9cc3d5", "#6fa6c2", "#4a88ab", "#2c6a8c", BRAND],
}
DONT_KNOW_COLOUR = "#b9b9b9"
FONT_FAMILY = "Noto Sans, DejaVu Sans, sans-serif"


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _wrap(text: str, length: int) -> list[str]:
    """A label in at most two lines of about `length` characters, broken between words where the
    two lines come out most even, so long names (fields of action, matrix rows) are readable
    instead of cut off."""
    if len(text) <= length:
        return [text]
    words = text.split()
    splits = [
        (" ".join(words[:cut]), " ".join(words[cut:]))
        for cut in range(1, len(words))
        if len(" ".join(words[:cut])) <= length
    ]
    if not splits:  # one very long word
        return [_short(text, length)]
    fitting = [pair for pair in splits if len(pair[1]) <= length]
    if fitting:
        first, rest = min(fitting, key=lambda pair: max(len(pair[0]), len(pair[1])))
    else:
        first, rest = splits[-1]
    return [first, _short(rest, length)]


def _label(x: float, centre: float, lines: list[str], size: int) -> str:
    """Right-aligned label of one or two lines, vertically centred on `centre`."""
    step = size + 2
    first = centre + size * 0.35 - (len(lines) - 1) * step / 2
    spans = "".join(
        f'<tspan x="{x}" y="{first + index * step:.1f}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f'<text font-size="{size}" fill="{INK}" text-anchor="end">{spans}</text>'


def _open(chart_id: str, width: int, height: int, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title" '
        'class="result-chart svg-chart" '
        f'font-family="{FONT_FAMILY}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]


def _percent(value: float) -> str:
    return f"{value:.0f} %".replace(".", ",")


def bar_chart(chart_id: str, title: str, rows, *, width: int = 640) -> SafeString:
    """Horizontal bars, one per row of (label, count, percent), the percent written at the bar's
    end (the scale is 0 to 100 %)."""
    rows = list(rows)
    label_width, right, top, bar = 250, 70, 6, 16
    labels = [_wrap(label, 38) for label, _c, _p in rows]
    row_height = 32 if any(len(lines) > 1 for lines in labels) else 26
    scale = (width - label_width - right) / 100
    height = top + row_height * max(len(rows), 1) + 4
    parts = _open(chart_id, width, height, title)
    for index, (_name, count, percent) in enumerate(rows):
        y = top + index * row_height
        length = max(percent * scale, 0)
        parts.append(_label(label_width - 8, y + bar / 2, labels[index], 12))
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{width - label_width - right}" '
            f'height="{bar}" fill="#f1f3f5"/>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}" fill="{BRAND}"/>'
        )
        # A masked count ("< 5", see ikokmu.disclosure) has no bar and no share.
        figure = escape(count) if isinstance(count, str) else f"{_percent(percent)} ({count})"
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + bar - 4}" font-size="11" '
            f'fill="{INK}">{figure}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def distribution_chart(chart_id: str, title: str, bins, *, width: int = 640) -> SafeString:
    """Columns, one per bin of (label, count, percent): the distribution of a scale, a number
    or the months of a date."""
    bins = list(bins)
    # Labels such as "7 voll und ganz" take two lines under their column instead of being cut.
    labels = [_wrap(label, 14) for label, _c, _p in bins]
    extra = 12 if any(len(lines) > 1 for lines in labels) else 0
    left, right, top, bottom = 10, 10, 22, 40 + extra
    height = 190 + extra
    plot_height = height - top - bottom
    slot = (width - left - right) / max(len(bins), 1)
    column = min(slot * 0.7, 70)
    highest = max((percent for _l, _c, percent in bins), default=0) or 1
    parts = _open(chart_id, width, height, title)
    parts.append(
        f'<line x1="{left}" y1="{top + plot_height}" x2="{width - right}" '
        f'y2="{top + plot_height}" stroke="{GRID}"/>'
    )
    font = 11 if len(bins) <= 8 else 9
    for index, (_label, count, percent) in enumerate(bins):
        x = left + index * slot + (slot - column) / 2
        length = plot_height * percent / highest
        y = top + plot_height - length
        centre = x + column / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{column:.1f}" height="{length:.1f}" '
            f'fill="{BRAND}"/>'
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{y - 4:.1f}" font-size="{font}" fill="{INK}" '
            f'text-anchor="middle">{"" if isinstance(count, str) else _percent(percent)}</text>'
        )
        for line, text in enumerate(labels[index]):
            parts.append(
                f'<text x="{centre:.1f}" y="{top + plot_height + 15 + 12 * line}" '
                f'font-size="{font}" fill="{INK}" text-anchor="middle">{escape(text)}</text>'
            )
        size = f"n {count}" if isinstance(count, str) else f"n={count}"
        parts.append(
            f'<text x="{centre:.1f}" y="{top + plot_height + 29 + extra}" font-size="{font - 1}" '
            f'fill="#555" text-anchor="middle">{escape(size)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def stacked_chart(
    chart_id: str,
    title: str,
    legend: list[str],
    rows,
    *,
    dont_know: bool = False,
    width: int = 640,
) -> SafeString:
    """One 100 % bar per matrix row: rows are (label, [percent per legend entry]); the legend
    names the scale points and, last, "weiß nicht" where the question offers it (`dont_know`),
    drawn in grey so it does not read as the strongest scale point."""
    rows = list(rows)
    label_width, right, bar = 220, 10, 18
    plot = width - label_width - right
    points = len(legend)
    scale_points = points - 1 if dont_know else points
    colours = list(SCALE_COLOURS.get(scale_points, SCALE_COLOURS[7][:scale_points]))
    if len(colours) < scale_points:
        colours = (colours + [DONT_KNOW_COLOUR] * scale_points)[:scale_points]
    if dont_know:
        colours.append(DONT_KNOW_COLOUR)
    # The legend in full words, as many entries in a line as fit (about 6 px a character).
    entries, x, line = [], 0.0, 0
    for index, name in enumerate(legend):
        name = _short(name, 40)
        entry_width = 15 + len(name) * 6 + 14
        if x and x + entry_width > width - right:
            x, line = 0.0, line + 1
        entries.append((index, name, x, 6 + line * 16))
        x += entry_width
    top = 6 + (line + 1) * 16 + 12
    labels = [_wrap(label, 34) for label, _p in rows]
    row_height = 34 if any(len(lines) > 1 for lines in labels) else 28
    height = top + row_height * max(len(rows), 1) + 4
    parts = _open(chart_id, width, height, title)
    for index, name, x, y in entries:
        parts.append(
            f'<rect x="{x + 10:.1f}" y="{y}" width="11" height="11" '
            f'fill="{colours[index]}" stroke="#888" stroke-width="0.5"/>'
        )
        parts.append(
            f'<text x="{x + 25:.1f}" y="{y + 9}" font-size="10" fill="{INK}">{escape(name)}</text>'
        )
    for row_index, (_name, percents) in enumerate(rows):
        y = top + row_index * row_height
        parts.append(_label(label_width - 8, y + bar / 2, labels[row_index], 12))
        offset = label_width
        for index, percent in enumerate(percents):
            length = plot * percent / 100
            if length <= 0:
                continue
            dark = index >= (scale_points + 1) // 2 and colours[index] != DONT_KNOW_COLOUR
            parts.append(
                f'<rect x="{offset:.1f}" y="{y}" width="{length:.1f}" height="{bar}" '
                f'fill="{colours[index]}"/>'
            )
            if length >= 26:
                parts.append(
                    f'<text x="{offset + length / 2:.1f}" y="{y + bar - 5}" font-size="10" '
                    f'fill="{"#ffffff" if dark else INK}" text-anchor="middle">'
                    f"{percent:.0f}</text>"
                )
            offset += length
    parts.append("</svg>")
    return mark_safe("".join(parts))


def profile_chart(
    chart_id: str,
    title: str,
    rows,
    *,
    compare_label: str = "",
    own_label: str = "",
    width: int = 640,
) -> SafeString:
    """The needs profile: one bar per field of action, rows of (name, value, share of the
    strongest in percent[, compared value, compared share]). With a comparison, each field gets
    a second, lighter bar (the average of all districts)."""
    rows = list(rows)
    compare = bool(compare_label)
    label_width, right, bar = 230, 60, 12 if compare else 16
    labels = [_wrap(row[0], 34) for row in rows]
    wrapped = any(len(lines) > 1 for lines in labels)
    row_height = (34 if compare else 26) + (6 if wrapped else 0)
    top = 26 if compare else 6
    plot = width - label_width - right
    height = top + row_height * max(len(rows), 1) + 4
    parts = _open(chart_id, width, height, title)
    if compare:
        for index, (name, colour) in enumerate(((own_label, BRAND), (compare_label, ACCENT))):
            x = label_width + index * 200
            parts.append(f'<rect x="{x}" y="6" width="11" height="11" fill="{colour}"/>')
            parts.append(
                f'<text x="{x + 15}" y="15" font-size="11" fill="{INK}">{escape(name)}</text>'
            )
    if not rows:
        parts.append(
            f'<text x="{label_width}" y="{top + 14}" font-size="12" fill="#333">'
            f"{escape(_('Kein Bedarf aus den Antworten.'))}</text>"
        )
    for index, row in enumerate(rows):
        name, value, share = row[0], row[1], row[2]
        y = top + index * row_height
        block = 2 * bar + 2 if compare else bar
        parts.append(_label(label_width - 8, y + block / 2, labels[index], 12))
        bars = [(value, share, BRAND)]
        if compare:
            bars.append((row[3], row[4], ACCENT))
        for number, (amount, part, colour) in enumerate(bars):
            length = plot * part / 100
            by = y + number * (bar + 2)
            parts.append(
                f'<rect x="{label_width}" y="{by}" width="{length:.1f}" height="{bar}" '
                f'fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{label_width + length + 4:.1f}" y="{by + bar - 2}" font-size="10" '
                f'fill="{INK}">{f"{amount:.2f}".replace(".", ",")}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))
