"""The client's address, derived in one place for every limit and record that needs it.

The token-guess limit (surveys), the login lock (django-axes, through AXES_CLIENT_IP_CALLABLE)
and the audit trail all call `client_address`. Behind a reverse proxy REMOTE_ADDR is the proxy:
keyed on it, one person's wrong links or passwords would block everybody. So with
`TRUSTED_PROXY_COUNT` = n (env PROXY_COUNT) proxies in front of the application, the client is
the n-th entry of X-Forwarded-For counted from the right: each trusted proxy appends the address
it was connected from, so those right-most n entries were written by our proxies, while anything
further left was sent by the client and may be forged. Without trusted proxies the header is
ignored entirely, since then anyone could write it.
"""

from ipaddress import ip_address

from django.conf import settings

_CACHE_ATTRIBUTE = "_ikokmu_client_address"


def _valid(value: str) -> str | None:
    value = value.strip()
    # "[2001:db8::1]" and "192.0.2.1:5678" are how some proxies write an address with its port.
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return str(ip_address(value))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The address of the client that sent `request`, or None if there is no usable one."""
    if request is None:
        return None
    cached = getattr(request, _CACHE_ATTRIBUTE, False)
    if cached is not False:
        return cached
    address = _valid(request.META.get("REMOTE_ADDR") or "")
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted > 0:
        forwarded = [
            entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry
        ]
        # Fewer entries than proxies means a request that did not pass all of them (or a proxy
        # that does not append): the connecting address is then the best we know.
        if len(forwarded) >= trusted:
            address = _valid(forwarded[-trusted]) or address
    setattr(request, _CACHE_ATTRIBUTE, address)
    return address
