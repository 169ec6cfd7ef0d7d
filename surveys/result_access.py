"""Who may use the results pages (see surveys.access)."""

from ikokmu.access import register

register({})
