"""The web client's report route and login page, with Odoo 16's HTTP semantics.

``GET /report/pdf/<report_name>/<docids>`` (docids: ids joined by commas) needs a web session
(the ``session_id`` cookie of /web/session/authenticate). Answers, as Odoo's http layer
gives them:

* no valid session: 303 to ``/web/login?redirect=<path>`` (the login page, 200 HTML);
* an unknown report name or malformed ids: 500, werkzeug's Internal Server Error page
  (Odoo hides the ValueError);
* a record that does not exist, or a journal entry that is no invoice: 400 Bad Request
  whose page carries the UserError's message;
* a user who may not read invoices: 403 Forbidden with the AccessError's message;
* otherwise 200 ``application/pdf``: a small valid PDF, one page per invoice, naming it.
"""

from html import escape
from urllib.parse import quote

from . import behaviors, records
from .errors import AccessError, UserError
from .web import HTML, Response, text_response
from .writes import missing_error

PREFIX = "/report/pdf/"
INVOICE_REPORTS = ("account.report_invoice", "account.report_invoice_with_payments")

LOGIN_PAGE = (
    "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head><meta charset=\"utf-8\"/>"
    "<title>Login | Odoo</title></head>\n<body class=\"bg-100\">\n"
    "<form class=\"oe_login_form\" role=\"form\" action=\"/web/login\" method=\"post\">\n"
    "<input type=\"text\" name=\"login\" id=\"login\" required=\"required\"/>\n"
    "<input type=\"password\" name=\"password\" id=\"password\" required=\"required\"/>\n"
    "<button type=\"submit\" class=\"btn btn-primary\">Log in</button>\n"
    "</form>\n</body>\n</html>\n")

_TITLES = {400: "Bad Request", 403: "Forbidden", 500: "Internal Server Error"}
_INTERNAL_ERROR = ("The server encountered an internal error and was unable to complete your "
                   "request. Either the server is overloaded or there is an error in the "
                   "application.")


def error_page(status, description):
    """werkzeug's HTML page for an HTTPException (newlines become <br>)."""
    title = _TITLES[status]
    text = escape(description, quote=True).replace("\n", "<br>")
    return text_response(f"<!doctype html>\n<html lang=en>\n<title>{status} {title}</title>\n"
                         f"<h1>{title}</h1>\n<p>{text}</p>\n", status)


def _redirect_to_login(path):
    location = f"/web/login?redirect={quote(path, safe='')}"
    body = ("<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n"
            "<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target "
            f"URL: <a href=\"{escape(location)}\">{escape(location)}</a>. If not, click the "
            "link.\n")
    return Response(303, body.encode("utf-8"), HTML, {"Location": location})


# -- a small valid PDF ---------------------------------------------------------------------

def _pdf_text(text):
    """``text`` as a PDF string literal in WinAnsiEncoding (cp1252; others become '?')."""
    raw = str(text).encode("cp1252", "replace").decode("latin-1")
    return "(" + raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _page_stream(lines):
    commands = ["BT", "/F1 11 Tf", "14 TL", "56 780 Td"]
    for line in lines:
        commands.append(f"{_pdf_text(line)} Tj T*")
    commands.append("ET")
    return "\n".join(commands).encode("latin-1")


def build_pdf(pages):
    """PDF 1.4 bytes with one A4 page per list of text lines (Helvetica, top-left)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>"]
    kids = []
    for lines in pages:
        stream = _page_stream(lines)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                       % len(objects))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _money(amount, currency):
    return f"{amount or 0.0:,.2f} {currency}".strip()


_KINDS = {"out_invoice": "Invoice", "out_refund": "Credit Note", "in_invoice": "Vendor Bill",
          "in_refund": "Vendor Credit Note", "out_receipt": "Sales Receipt",
          "in_receipt": "Purchase Receipt"}


def invoice_lines(env, move_id):
    """The text of one invoice page: its title (as the invoice report prints it), customer,
    dates, product lines and totals."""
    move = env.rows("account.move")[move_id]
    currency = records.display_name(env, "res.currency", move.get("currency_id"))
    title = behaviors.display_name(env, env.schema("account.move"), move)
    if move.get("state") != "draft":
        title = f"{_KINDS.get(move.get('move_type'), 'Invoice')} {title}"
    lines = [title,
             f"Customer: {records.display_name(env, 'res.partner', move.get('partner_id'))}",
             f"Invoice date: {move.get('invoice_date') or '-'}   "
             f"Due date: {move.get('invoice_date_due') or '-'}", ""]
    items = sorted((row for row in env.rows("account.move.line").values()
                    if row.get("move_id") == move_id),
                   key=lambda row: (row.get("sequence") or 0, row["id"]))
    for row in items:
        label = (row.get("name") or "").replace("\n", " ")
        if row.get("display_type") in ("line_section", "line_note"):
            lines.append(label)
        elif row.get("display_type", "product") == "product":
            lines.append(f"{label}  {row.get('quantity') or 0:g} x "
                         f"{_money(row.get('price_unit'), '')} = "
                         f"{_money(row.get('price_subtotal'), currency)}")
    lines += ["", f"Untaxed amount: {_money(move.get('amount_untaxed'), currency)}",
              f"Taxes: {_money(move.get('amount_tax'), currency)}",
              f"Total: {_money(move.get('amount_total'), currency)}"]
    return lines


def _render(env, report_name, docids):
    if report_name not in INVOICE_REPORTS:
        raise ValueError(f"External ID not found in the system: {report_name}")
    ids = [int(part) for part in docids.split(",")]
    behaviors.check_access(env, "account.move", "read")
    moves = env.rows("account.move")
    for move_id in ids:
        if move_id not in moves:
            raise missing_error("account.move", move_id, env.uid)
        if moves[move_id].get("move_type", "entry") == "entry":
            raise UserError("Only invoices could be printed.")
    return build_pdf([invoice_lines(env, move_id) for move_id in ids])


def handle(app, request):
    """GET /report/pdf/<report_name>/<docids>."""
    session = app.sessions.get(request.cookies.get("session_id", ""))
    if session is None or not app.has_database(session[0]):
        return _redirect_to_login(request.path)
    report_name, _, docids = request.path[len(PREFIX):].partition("/")
    env = app.env(app.database(session[0]), session[1])
    try:
        with env.db.transaction():
            pdf = _render(env, report_name, docids)
    except AccessError as exc:
        return error_page(403, exc.message)
    except UserError as exc:
        return error_page(400, exc.message)
    except Exception:  # Odoo answers InternalServerError and hides the real error
        return error_page(500, _INTERNAL_ERROR)
    return Response(200, pdf, "application/pdf")
