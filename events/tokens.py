"""The personal link of a registration (view or cancel it), through the platform's token helper:
derived from the row's salt and SECRET_KEY, only its hash stored."""

from ikokmu import tokens

PURPOSE = "event-registration"


def new_salt() -> str:
    return tokens.new_salt()


def registration_token(salt: str) -> str:
    return tokens.derive(PURPOSE, salt)


def lookup_hash(token: str) -> str:
    return tokens.lookup_hash(token)
