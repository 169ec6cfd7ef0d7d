"""Secret links of the questionnaire.

A personal invitation link and a round's open link must be shown or sent again (the round page,
reminders, a resend after a worker restart), yet the database should not hold them: whoever
reads a backup must not be able to answer in someone's name. So a link is derived from a random
salt stored with the row and the server's SECRET_KEY (HMAC-SHA256), and only the link's SHA-256
is stored for the lookup.

Anonymous rounds: the response of an invitation is found through a second hash of the same
link (`response_key`), never through a column, so nothing in the database leads from a response
to its invitation without the link itself.
"""

import hashlib
import hmac
import secrets

from django.conf import settings


def new_salt() -> str:
    return secrets.token_hex(16)


def derive(purpose: str, salt: str) -> str:
    """The link token for a salt: 43 URL-safe characters, like secrets.token_urlsafe(32)."""
    import base64

    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"ikokmu-survey:{purpose}:{salt}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def invitation_token(salt: str) -> str:
    return derive("invitation", salt)


def unsubscribe_token(salt: str) -> str:
    """The key of an invitation's unsubscribe link: not the questionnaire link itself, which
    opens the answers, because this one travels in a mail header that mail providers act on."""
    return derive("unsubscribe", salt)


def unsubscribe_matches(salt: str, token: str) -> bool:
    return bool(salt) and hmac.compare_digest(unsubscribe_token(salt), token)


def open_token(salt: str) -> str:
    return derive("open", salt)


def round_secret(purpose: str, round_id: int) -> str:
    """A secret of one round for one purpose (an order of rows that tells nothing of time)."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{purpose}:{round_id}".encode()).hexdigest()


def response_key(token: str) -> str:
    """The lookup key of an anonymous invitation's response: a hash of the link that differs
    from the invitation's own hash, so the two rows share no value."""
    return hashlib.sha256(f"response:{token}".encode()).hexdigest()


# The test mail's link: the round and the language, signed, valid for a month. It is no
# invitation's link and opens a walk through the questionnaire that stores nothing.
TRIAL_SALT = "ikokmu-survey:trial"
TRIAL_MAX_AGE = 31 * 24 * 3600


def trial_token(round_id: int, language: str) -> str:
    from django.core import signing

    return signing.dumps([round_id, language], salt=TRIAL_SALT, compress=False)


def trial_parts(token: str) -> tuple[int, str] | None:
    """(round id, language) of a valid test link, else None."""
    from django.core import signing

    try:
        round_id, language = signing.loads(token, salt=TRIAL_SALT, max_age=TRIAL_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(round_id, int) or not isinstance(language, str):
        return None
    return round_id, language
