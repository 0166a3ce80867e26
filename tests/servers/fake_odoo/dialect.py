"""What differs between the Odoo 16 and Odoo 19 captures, in one place."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    major: int
    jsonrpc_error_code: int
    domain_leaf_word: str           # "Invalid field x.y in leaf (...)" vs "in condition (...)"
    empty_post_message: str
    group_labels: dict              # model -> group named in AccessError messages
    removed_methods: frozenset      # public methods that the version no longer has
    xml_prolog: str

    @property
    def version_info(self):
        return [self.major, 0, 0, "final", 0, ""]

    @property
    def serie(self):
        return f"{self.major}.0"

    def common_version(self):
        """The result of common.version (and /web/webclient/version_info)."""
        return {"server_version": self.serie, "server_version_info": self.version_info,
                "server_serie": self.serie, "protocol_version": 1}

    def web_version(self):
        """The body of GET /web/version."""
        return {"version_info": self.version_info, "version": self.serie}

    def private_method_message(self, model, method):
        if self.major >= 17:
            return f"Private methods (such as '{model}.{method}') cannot be called remotely."
        return f"Private methods (such as {method}) cannot be called remotely."

    def unknown_method_message(self, model, method):
        if self.major >= 17:
            return f"The method '{model}.{method}' does not exist"
        return f"The method '{method}' does not exist on the model '{model}'"


ODOO16 = Dialect(
    major=16, jsonrpc_error_code=200, domain_leaf_word="leaf",
    empty_post_message="You need to add a line before posting.",
    group_labels={"res.users": "Administration/Access Rights",
                  "ir.config_parameter": "Administration/Settings",
                  "res.country": "Administration/Settings"},
    removed_methods=frozenset(), xml_prolog="<?xml version='1.0'?>\n")

ODOO19 = Dialect(
    major=19, jsonrpc_error_code=0, domain_leaf_word="condition",
    empty_post_message="Even magicians can't post nothing!",
    group_labels={"res.users": "Access Rights", "ir.config_parameter": "Role / Administrator",
                  "res.country": "Role / Administrator"},
    removed_methods=frozenset({"name_get"}), xml_prolog='<?xml version="1.0"?>\n')


def dialect_for(version):
    """The Dialect of a --version value (16 or 19)."""
    dialects = {16: ODOO16, 19: ODOO19}
    if version not in dialects:
        raise ValueError(f"unsupported Odoo version {version}: use 16 or 19")
    return dialects[version]
