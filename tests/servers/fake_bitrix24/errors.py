"""The portal's error answers: ``{"error": CODE, "error_description": TEXT}`` + HTTP status."""


class ApiError(Exception):
    def __init__(self, status, code, description):
        super().__init__(f"{status} {code}: {description}")
        self.status, self.code, self.description = status, code, description

    def body(self):
        return {"error": self.code, "error_description": self.description}


def invalid(description, code="ERROR_CORE"):
    return ApiError(400, code, description)


def query_limit():
    return ApiError(503, "QUERY_LIMIT_EXCEEDED", "Too many requests")


def operation_time_limit():
    return ApiError(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.")


def method_not_found():
    return ApiError(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")


def no_auth():
    return ApiError(401, "NO_AUTH_FOUND", "Wrong authorization data")


def expired_token():
    return ApiError(401, "expired_token", "The access token provided has expired.")


def insufficient_scope():
    return ApiError(403, "insufficient_scope", "The request requires higher privileges than "
                                               "provided by the webhook token")
