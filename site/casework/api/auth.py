"""Who is calling the case API: a bearer token or the browser session.

Tokens are Wagtail's own ``APIToken`` (``wagtail.models``): only an HMAC digest is stored,
the token is shown once, it expires after ``KOPIENA["API_TOKEN_DAYS"]`` and with a password
change (``casework.tokens``), people see and revoke theirs on the portal and in the admin
(Settings → API tokens), and a caller revokes its own with ``DELETE /api/cases/auth/token``.
There is no second token model to keep in step.

* :class:`BearerAuth` — ``Authorization: Bearer <token>``. A token that is malformed,
  unknown, revoked or of an inactive user is *bad credentials*: the request is anonymous
  even if it also carries a session cookie, and answers 401.
* :class:`SessionAuth` — the signed-in browser session (the portal, the admin). Unsafe
  methods need the CSRF token (``X-CSRFToken`` header), as every Django form does; a
  failed check answers 403. A request without a signed-in session is *no credentials*
  (401), never a CSRF failure.

Views read the caller from ``request.user`` whichever way it came.
"""

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import APIKeyCookie
from ninja.utils import check_csrf
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from ..throttle import throttled_message
from ..tokens import active_tokens
from .errors import responses
from .types import text

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class BearerAuth(BearerTokenAuth):
    """Wagtail's bearer-token check, with an offline format check first: a string that
    cannot be a token costs no query."""

    def authenticate(self, request, token: str):
        request.user = AnonymousUser()
        if not APIToken.validate_token_format(token):
            return None
        api_token = (
            active_tokens()
            .select_related("user")
            .filter(key_hash__in=APIToken.candidate_key_hashes(token))
            .first()
        )
        if api_token is None or not api_token.user.is_active:
            return None  # unknown, revoked, expired or of an inactive user: bad credentials
        request.user = api_token.user
        self._touch_last_used(api_token)
        return api_token


class SessionAuth(APIKeyCookie):
    """Django's session, with CSRF checked only once the session is known to be signed
    in (ninja's own ``SessionAuth`` checks CSRF first, which turns "no credentials" into
    a 403)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        # csrf=True also tells the docs page (/api/cases/docs) to send the CSRF token.
        super().__init__(csrf=True)

    def _get_key(self, request):
        return request.COOKIES.get(self.param_name)  # CSRF is checked in authenticate()

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(
                403,
                _("CSRF check failed: send the CSRF token in the X-CSRFToken header."),
            )
        return user


#: The API's default: a token first, then the session.
api_auth = [BearerAuth(), SessionAuth()]

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: text(150, min_length=1)
    password: text(4096, min_length=1)
    name: text(255, description="A label to tell your tokens apart in the admin.") = ""


class TokenOut(Schema):
    token: str


@router.post("/token", auth=None, response=responses(TokenOut, 401, 422, 429, ok_status=201))
def issue_token(request, credentials: TokenIn):
    """Exchange a username and password for a bearer token (shown only in this answer).

    Send it as ``Authorization: Bearer <token>``; revoke it with ``DELETE /auth/token``.
    After repeated failures for a user name or from an address, attempts are refused
    with 429 for a while, without checking the password.
    """
    user = authenticate(request, username=credentials.username, password=credentials.password)
    wait = getattr(request, "sign_in_throttled", 0)
    if wait:
        raise HttpError(429, throttled_message(wait))
    if user is None or not user.is_active:
        raise HttpError(401, _("The username or password is not correct."))
    name = credentials.name.strip() or _("Case API")
    _token, plaintext = APIToken.create_token(user=user, name=name[:255])
    return Status(201, {"token": plaintext})


@router.delete("/token", auth=[BearerAuth()], response=responses(None, 401, ok_status=204))
def revoke_token(request):
    """Revoke the token this request is authenticated with; it answers 401 from now on."""
    request.auth.revoke()
    return Status(204, None)
