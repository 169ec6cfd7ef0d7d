"""A respondent's answers as readable text (review page and PDF) and the PDF itself."""

from django.utils import formats
from django.utils.translation import gettext as _

from ikokmu.pdf import render_pdf
from surveys.forms import plain_decimal
from surveys.models import Question
from surveys.queries import Structure, text_in


def _scale_text(question, value, language) -> str:
    if value == "dont_know":
        return _("weiß nicht")
    number = int(value)
    text = str(number)
    if number == 1 and question.scale_low_label:
        text += f" ({text_in(question.scale_low_label, language)})"
    elif number == question.scale_points and question.scale_high_label:
        text += f" ({text_in(question.scale_high_label, language)})"
    return text


def answer_text(question: Question, values: dict, language: str) -> str | list[str]:
    """The answer to one question as the respondent would say it; "" for no answer.
    Matrix questions give one line per row."""
    value = values.get(question.code)
    if value is None:
        return ""
    labels = {c.code: text_in(c.label, language) for c in question.choices_list}
    other = values.get((question.code, "other"), "")
    T = Question.Type
    match question.type:
        case T.SINGLE_CHOICE | T.YES_NO:
            text = labels.get(value, value)
            return f"{text}: {other}" if other else text
        case T.MULTIPLE_CHOICE:
            parts = [labels.get(c.code) for c in question.choices_list if c.code in value]
            if other:
                parts.append(other)
            return ", ".join(parts)
        case T.RATING:
            return _scale_text(question, value, language)
        case T.MATRIX:
            return [
                f"{text_in(item.label, language)}: "
                f"{_scale_text(question, value[item.code], language)}"
                for item in question.items_list
                if item.code in value
            ]
        case T.NUMBER:
            unit = text_in(question.unit, language)
            return f"{formats.number_format(plain_decimal(value))} {unit}".strip()
        case T.DATE if question.date_precision == Question.DatePrecision.YEAR:
            return str(value.year)
        case T.DATE if question.date_precision == Question.DatePrecision.MONTH:
            return formats.date_format(value, "YEAR_MONTH_FORMAT")
        case T.DATE:
            return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def answer_sections(structure: Structure, values: dict, language: str) -> list[dict]:
    """The shown sections with each shown question and its answer."""
    sections = []
    for section in structure.shown_sections(values):
        rows = []
        for question in section.questions_list:
            if not structure.is_shown(question, values):
                continue
            answer = answer_text(question, values, language)
            rows.append(
                {
                    "question": text_in(question.text, language),
                    "answer": answer,
                    "is_list": isinstance(answer, list),
                }
            )
        sections.append(
            {"position": section.position, "title": text_in(section.title, language), "rows": rows}
        )
    return sections


def answers_pdf(context: dict) -> bytes:
    return render_pdf("surveys/pdf/answers.html", context)
