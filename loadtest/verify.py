"""After a load phase: every acknowledged answer is in the database with the value sent, every
acknowledged submit is submitted, and nothing is stored twice.

Run as `python -m loadtest.verify ACKS.json` with the load run's environment; prints JSON."""

import json
import sys
from decimal import Decimal, InvalidOperation

import django


def _same(sent: list[str], stored) -> bool:
    if stored is None:
        return False
    if isinstance(stored, list | set | tuple):
        return sorted(str(v) for v in stored) == sorted(sent)
    if len(sent) != 1:
        return False
    value = sent[0].strip()
    if isinstance(stored, Decimal | int | float):
        try:
            return Decimal(value.replace(".", "").replace(",", ".")) == Decimal(stored)
        except InvalidOperation:
            return False
    if hasattr(stored, "isoformat"):
        return stored.isoformat() == value
    return str(stored).strip() == value


def main(path: str) -> None:
    django.setup()
    from django.db import connection

    from surveys import queries
    from surveys.forms import initial_from_values

    with open(path) as handle:
        acks = json.load(handle)
    lost, checked, unsubmitted, missing_responses = [], 0, 0, 0
    for token, ack in acks.items():
        entry = queries.entry_for_token(token)
        if entry is None or entry.response is None:
            missing_responses += 1
            lost.append({"link": token[:8], "field": "(Antwortbogen fehlt)"})
            continue
        response = entry.response
        structure = queries.version_structure(entry.round.version_id)
        values = queries.answer_values(response.pk)
        questions = [q for section in structure.sections for q in section.questions_list]
        stored = initial_from_values(questions, values)
        for name, sent in ack["fields"].items():
            checked += 1
            if not _same(sent, stored.get(name)):
                lost.append(
                    {
                        "link": token[:8],
                        "field": name,
                        "sent": sent,
                        "stored": str(stored.get(name)),
                    }
                )
        if ack.get("submitted") and response.submitted_at is None:
            unsubmitted += 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT response_id, question_id, item_id FROM surveys_answer "
            "GROUP BY 1, 2, 3 HAVING count(*) > 1) d"
        )
        duplicate_answers = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM (SELECT invitation_id FROM surveys_response "
            "WHERE invitation_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d"
        )
        duplicate_responses = cursor.fetchone()[0]
        # Anonymous rounds: responses of the load rounds against invitations marked started.
        cursor.execute(
            "SELECT (SELECT count(*) FROM surveys_response r JOIN surveys_surveyround s "
            "ON s.id = r.round_id WHERE s.title LIKE 'Lasttest %%'), "
            "(SELECT count(*) FROM surveys_invitation i JOIN surveys_surveyround s "
            "ON s.id = i.round_id WHERE s.title LIKE 'Lasttest %%' AND i.started)"
        )
        responses, started = cursor.fetchone()
    print(
        json.dumps(
            {
                "respondents": len(acks),
                "answers_checked": checked,
                "lost": len(lost),
                "lost_examples": lost[:5],
                "submits_lost": unsubmitted,
                "missing_responses": missing_responses,
                "duplicate_answers": duplicate_answers,
                "duplicate_responses": duplicate_responses,
                "responses": responses,
                "invitations_started": started,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
