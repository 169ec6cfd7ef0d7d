"""The needs-profile chart as SVG, drawn on the server so the page and the PDF show the same."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

BRAND = "#0b4f6c"
ACCENT = "#b5451b"


def needs_profile_svg(ratings, *, width: int = 640) -> str:
    """Grouped bars per field of action: current state and importance, each 1 to 5.

    `ratings` are NeedsRating objects (with field_of_action). Returns safe SVG markup with a
    title for screen readers; the page also shows the numbers as a table.
    """
    ratings = list(ratings)
    label_width, right, top, row_height, bar = 230, 30, 34, 34, 11
    scale = (width - label_width - right) / 5
    height = top + row_height * max(len(ratings), 1) + 30
    title = _("Bedarfsprofil: Ist-Stand und Bedeutung je Handlungsfeld (1 bis 5)")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="needs-chart-title" class="svg-chart" '
        f'font-family="Noto Sans, sans-serif">',
        f'<title id="needs-chart-title">{escape(title)}</title>',
    ]
    for value in range(6):
        x = label_width + value * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{height - 26}" '
            f'stroke="#d0d4d8" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{height - 10}" font-size="11" fill="#333" '
            f'text-anchor="middle">{value}</text>'
        )
    legend_y = 14
    parts.append(
        f'<rect x="{label_width}" y="{legend_y - 9}" width="12" height="10" fill="{BRAND}"/>'
    )
    parts.append(
        f'<text x="{label_width + 16}" y="{legend_y}" font-size="11" fill="#1d1d1b">'
        f"{escape(_('Ist-Stand'))}</text>"
    )
    parts.append(
        f'<rect x="{label_width + 110}" y="{legend_y - 9}" width="12" height="10" fill="{ACCENT}"/>'
    )
    parts.append(
        f'<text x="{label_width + 126}" y="{legend_y}" font-size="11" '
        f'fill="#1d1d1b">{escape(_("Bedeutung"))}</text>'
    )
    for index, rating in enumerate(ratings):
        y = top + index * row_height
        name = rating.field_of_action.name
        short = name if len(name) <= 34 else name[:32] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar + 4}" font-size="11" '
            f'fill="#1d1d1b" text-anchor="end"><title>{escape(name)}</title>'
            f"{escape(short)}</text>"
        )
        for offset, value, colour in (
            (0, rating.current_state, BRAND),
            (bar + 2, rating.importance, ACCENT),
        ):
            length = value * scale
            parts.append(
                f'<rect x="{label_width}" y="{y + offset}" width="{length:.1f}" '
                f'height="{bar}" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{label_width + length + 4:.1f}" y="{y + offset + bar - 2}" '
                f'font-size="10" fill="#1d1d1b">{value}</text>'
            )
    if not ratings:
        parts.append(
            f'<text x="{label_width}" y="{top + 14}" font-size="12" fill="#333">'
            f"{escape(_('Noch keine Bewertungen.'))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
