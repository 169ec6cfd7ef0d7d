"""Who may use the round pages (see surveys.access)."""

from ikokmu.access import register

register({})
