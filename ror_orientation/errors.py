"""One error hierarchy for the whole product.

The HTTP layer and the CLI each translate a `RorError` once; everything below them raises these.
"""

from __future__ import annotations


class RorError(Exception):
    """A failure a caller can act on: it carries its HTTP status, a stable code and the field at fault."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None, status: int | None = None,
                 code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code

    def to_dict(self) -> dict[str, object]:
        return {"status": self.status, "code": self.code, "message": self.message, "field": self.field}


class ValidationError(RorError):
    """Input that breaks a rule of the model (an unknown code, an impossible age range...)."""

    status = 400
    code = "validation_error"


class UnknownCodeError(ValidationError):
    """A code absent from its nomenclature: the message names the field, the code and the table."""

    code = "unknown_code"

    def __init__(self, field: str, value: str, table: str) -> None:
        super().__init__(f"{field}: unknown code {value!r} in table {table}", field=field)
        self.value = value
        self.table = table


class ImportFormatError(ValidationError):
    """A file that cannot be imported: the message names the file, the line or record, and the field."""

    code = "import_error"

    def __init__(self, source: str, location: str | int | None, message: str,
                 field: str | None = None) -> None:
        where = f"{source}" + (f":{location}" if location is not None else "")
        text = f"{where}: {message}" if field is None else f"{where}: {field}: {message}"
        super().__init__(text, field=field)
        self.source = source
        self.location = location


class NotFoundError(RorError):
    status = 404
    code = "not_found"


class AuthenticationError(RorError):
    status = 401
    code = "unauthenticated"


class ForbiddenError(RorError):
    status = 403
    code = "forbidden"


class ConflictError(RorError):
    status = 409
    code = "conflict"


class RateLimitedError(RorError):
    status = 429
    code = "rate_limited"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
