"""Secret links for people without an account, the way the questionnaire keeps them.

A link must be sent again later (a reminder, a mail the worker sends after a restart), yet the
database should not hold it: whoever reads a backup must not act in someone's name. So a link is
derived from a random salt stored with the row and SECRET_KEY (HMAC-SHA256), and only the
link's SHA-256 is stored for the lookup. Each app names its own purpose, so a token of one kind
never opens another.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings


def new_salt() -> str:
    return secrets.token_hex(16)


def derive(purpose: str, salt: str) -> str:
    """The link token for a salt: 43 URL-safe characters."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"ikokmu:{purpose}:{salt}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def lookup_hash(token: str) -> str:
    """What the database stores to find a row by its link."""
    return hashlib.sha256(token.encode()).hexdigest()
