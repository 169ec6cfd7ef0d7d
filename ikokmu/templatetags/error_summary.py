"""{% error_summary form other_form %}: the list of what to correct above a form that failed.

Each entry links to its field (crispy-forms wraps every field in a div with id
"div_<field id>"); static/js/ikokmu.js moves the focus to the list when the page loads.
"""

from django import template

register = template.Library()


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms):
    errors = []
    for form in forms:
        if form is None or not form.errors:
            continue
        for message in form.non_field_errors():
            errors.append({"anchor": "", "label": "", "message": message})
        for bound_field in form:
            for message in bound_field.errors:
                errors.append(
                    {
                        "anchor": f"div_{bound_field.auto_id}",
                        "label": bound_field.label,
                        "message": message,
                    }
                )
    return {"errors": errors}
