"""The OAuth token endpoint (``oauth.bitrix.info/oauth/token/``)."""

import secrets
import time

from . import AUTH_CODE, CLIENT_ID, CLIENT_SECRET, MEMBER_ID


def _error(status, code, description):
    return status, {"error": code, "error_description": description}


def token(app, params, host):
    """(HTTP status, body) for GET /oauth/token/?grant_type=...; the app's lock is held."""
    grant = params.get("grant_type")
    if params.get("client_id") != CLIENT_ID or params.get("client_secret") != CLIENT_SECRET:
        return _error(401, "invalid_client", "Invalid client credentials")
    if grant == "refresh_token":
        user = app.refresh_tokens.pop(str(params.get("refresh_token")), None)
        if user is None:
            return _error(400, "invalid_grant", "Invalid refresh token")
    elif grant == "authorization_code":
        if params.get("code") != AUTH_CODE:
            return _error(400, "invalid_grant", "Invalid authorization code")
        user = "1"
    else:
        return _error(400, "unsupported_grant_type", f"Unsupported grant_type {grant!r}: use "
                                                     "refresh_token or authorization_code")
    app.stats["refreshes"] += 1
    app.token_serial += 1
    access = f"access-{app.token_serial}-{secrets.token_hex(8)}"
    refresh = f"refresh-{app.token_serial}-{secrets.token_hex(8)}"
    ttl = float(app.config["token_ttl"])
    app.tokens[access] = {"expires": time.monotonic() + ttl, "user": user}
    app.refresh_tokens[refresh] = user
    return 200, {"access_token": access, "refresh_token": refresh, "expires_in": int(ttl),
                 "expires": int(time.time() + ttl), "scope": "user,task,calendar,im,crm",
                 "domain": host, "client_endpoint": f"http://{host}/rest/",
                 "server_endpoint": "https://oauth.bitrix.info/rest/", "member_id": MEMBER_ID,
                 "user_id": int(user), "status": "L"}
