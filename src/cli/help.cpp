#include "help.hpp"

namespace odoobridge::cli {

std::string_view help_text() noexcept {
    return R"(odoobridge - call an Odoo server from the shell; prints JSON on stdout

Usage: odoobridge COMMAND [ARGUMENTS] [OPTIONS]

Commands:
  version                         odoobridge's version, and the server's when a URL is set
  login                           log in; print uid, protocol and server version
  databases                       the databases the server lists (needs only the URL)
  call MODEL METHOD [ARGS_JSON] [KWARGS_JSON]
                                  MODEL.METHOD(*ARGS, **KWARGS); ARGS_JSON is a JSON array,
                                  KWARGS_JSON a JSON object. Option: --idempotent (the call
                                  is safe to send twice, so it may be retried)
  search-read MODEL [DOMAIN_JSON] records matching the domain (default: all)
                                  --fields a,b  --limit N  --offset N  --order "name desc"
  fields MODEL                    the model's fields (fields_get)
                                  --attributes string,type
  help                            this text (also -h, --help)

Connection (each option overrides its environment variable):
  --url URL          ODOO_URL             https://erp.example.com
  --db NAME          ODOO_DB              database name
  --username LOGIN   ODOO_USERNAME        login
  --password SECRET  ODOO_PASSWORD        password
  --api-key KEY      ODOO_API_KEY         API key (the only credential json2 accepts)
  --protocol NAME    ODOOBRIDGE_PROTOCOL  auto (default), xmlrpc, jsonrpc, session, json2
  Prefer the environment variables for the password and API key: command-line options
  can be seen by other users in the process list and end up in shell history.

Other options:
  --context JSON     default context for every call, e.g. '{"lang": "en_US"}'
  --timeout SECONDS  total time allowed per request (default 120)
  --ca-file FILE     PEM file of CA certificates to trust
  --insecure         do not verify the server's TLS certificate (testing only)
  --pretty           indent the JSON output
  --verbose          debug log on stderr (never shows passwords, keys or session ids)
  --                 what follows is an argument, even if it starts with '-'

Errors are one line on stderr, "odoobridge: <ErrorClass>: <message>", and the exit code
says which class:
  0  success
  1  unexpected internal error
  2  usage or configuration error (UsageError, ConfigurationError)
  3  authentication failed (AuthenticationError, SessionExpiredError)
  4  access denied (AccessError)
  5  refused by a business rule (UserError, ValidationError, MissingError)
  6  other server error (ServerError: unknown model or method, bad arguments ...)
  7  transport error (ConnectionError, TimeoutError, TlsError, ResponseTooLargeError)
  8  protocol error (UnexpectedResponseError, MalformedResponseError): not an Odoo answer

Examples:
  export ODOO_URL=https://erp.example.com ODOO_DB=prod ODOO_USERNAME=me ODOO_API_KEY=...
  odoobridge login
  odoobridge search-read res.partner '[["is_company", "=", true]]' --fields name,email --limit 5
  odoobridge call res.partner search_count '[[]]'
  odoobridge fields crm.lead --attributes string,type --pretty
)";
}

}  // namespace odoobridge::cli
