"""crm.lead's pipeline methods and the "Convert to opportunity" wizard, as in Odoo 16.

* ``write`` applies what crm.lead's ``write``/``toggle_active`` add: a won stage forces
  probability 100; probability >= 100 or archiving sets ``date_closed`` (archiving also
  zeroes the probability); reactivating clears ``lost_reason_id``.
* ``convert_opportunity(partner, user_ids=False, team_id=False)`` takes a res.partner
  *record*. Over RPC nothing can be a record: an id fails with Odoo's AttributeError, and
  ``False`` means "no customer", which clears the customer of a lead that had one. RPC
  clients convert through the wizard instead.
* ``action_set_won()`` unarchives, moves each lead to the won stage following its current
  stage and sets probability 100; returns True.
* ``action_set_lost(**values)`` archives (probability 0, date_closed) and writes ``values``
  (e.g. ``lost_reason_id``); it returns None like Odoo, which XML-RPC cannot marshal: the
  change is committed and the XML-RPC caller still gets a fault.
* ``crm.lead2opportunity.partner``: created with ``active_model``/``active_id``/``active_ids``
  in the context; ``action_apply`` links or creates the customer (``action`` exist / create /
  nothing), converts the leads of ``active_ids`` and returns the form action of the first.
"""

from . import writes
from .errors import UserError
from .orm import BaseModel, rpc

_CRM = ("crm.lead", "crm")
_WIZARD = ("crm.lead2opportunity.partner", "crm")
_LEAD = "crm.lead"


def _closing_values(env, vals):
    """``vals`` with what crm.lead's write adds to them."""
    vals = dict(vals)
    stage = env.rows("crm.stage").get(vals.get("stage_id"))
    if stage and stage.get("is_won"):
        vals["probability"] = 100.0
    if "active" in vals and not vals["active"]:
        vals.setdefault("probability", 0.0)
    elif vals.get("active"):
        vals.setdefault("lost_reason_id", False)
    probability = vals.get("probability") or 0
    if probability >= 100 or not vals.get("active", True):
        vals["date_closed"] = env.now()
    elif probability > 0:
        vals["date_closed"] = False
    return vals


def _stages(env, **conditions):
    """crm.stage ids in the model's order (sequence, name, id) matching ``conditions``."""
    rows = env.rows("crm.stage")
    ids = [rid for rid, row in rows.items()
           if all(bool(row.get(name)) == value for name, value in conditions.items())]
    return sorted(ids, key=lambda rid: (rows[rid].get("sequence") or 0,
                                        rows[rid].get("name") or "", rid))


def _existing(env, ids):
    rows = env.rows(_LEAD)
    for record_id in ids:
        if record_id not in rows:
            raise writes.missing_error(_LEAD, record_id, env.uid)
    return [rows[record_id] for record_id in ids]


def convert(env, ids, customer, team_id=False, user_ids=False):
    """Odoo's convert_opportunity with ``customer`` a partner id, or None for no customer."""
    now = env.now()
    for row in _existing(env, ids):
        if not row.get("active") or (row.get("probability") or 0) == 100:
            continue
        vals = {"type": "opportunity", "date_open": now, "date_conversion": now}
        if customer != row.get("partner_id"):
            vals["partner_id"] = customer or False
        if not row.get("stage_id"):
            vals["stage_id"] = next(iter(_stages(env)), False)
        writes.write(env, _LEAD, [row["id"]], vals)
    assignment = {}
    if team_id:
        assignment["team_id"] = team_id
    if user_ids:
        assignment["user_id"] = user_ids[0]
    if assignment:
        writes.write(env, _LEAD, ids, assignment)


class CrmLead(BaseModel):
    """crm.lead."""

    @rpc(types={"vals": "ValuesType", "return": "typing.Literal[True]"}, origin=_CRM)
    def write(self, vals):
        if not isinstance(vals, dict):
            return super().write(vals)  # the base method reports the wrong type
        return super().write(_closing_values(self.env, vals))

    @rpc(types={"partner": "res.partner", "user_ids": "list[int] | bool",
                "team_id": "int | bool", "return": "typing.Literal[True]"}, origin=_CRM)
    def convert_opportunity(self, partner, user_ids=False, team_id=False):
        self._check("write")
        if partner:  # Odoo reads partner.id: only a record has one
            raise AttributeError(f"'{type(partner).__name__}' object has no attribute 'id'")
        convert(self.env, self._ids, None, team_id, user_ids)
        return True

    @rpc(types={"return": "typing.Literal[True]"}, origin=_CRM)
    def action_set_won(self):
        self._check("write")
        rows = _existing(self.env, self._ids)
        self.browse([row["id"] for row in rows if not row.get("active")]).write({"active": True})
        won = _stages(self.env, is_won=True)
        if not won:
            raise UserError("No stage is marked as won: mark one in the CRM settings first.")
        sequences = {rid: row.get("sequence") or 0
                     for rid, row in self.env.rows("crm.stage").items()}
        for row in rows:
            current = sequences.get(row.get("stage_id"), 0)
            stage = next((sid for sid in won if sequences[sid] > current), None)
            if stage is None:
                stage = next((sid for sid in reversed(won) if sequences[sid] <= current), won[0])
            self.browse([row["id"]]).write({"stage_id": stage, "probability": 100.0})
        return True

    @rpc(types={"additional_values": "ValuesType", "return": "None"}, origin=_CRM)
    def action_set_lost(self, **additional_values):
        self._check("write")
        rows = _existing(self.env, self._ids)
        self.browse([row["id"] for row in rows if row.get("active")]).write({"active": False})
        if additional_values:
            self.write(dict(additional_values))
        return None


def _lead_customer(env, lead):
    """The partner Odoo's _create_customer makes from a lead's contact details."""
    name = lead.get("contact_name") or lead.get("partner_name") or lead.get("name")
    values = {"name": name, "email": lead.get("email_from") or False,
              "phone": lead.get("phone") or False,
              "is_company": bool(lead.get("partner_name") and not lead.get("contact_name"))}
    return writes.create(env, "res.partner", [values])[0]


class LeadToOpportunity(BaseModel):
    """crm.lead2opportunity.partner."""

    @rpc(types={"return": "dict"}, origin=_WIZARD)
    def action_apply(self):
        rows = self.env.rows(self._name)
        if len(self._ids) != 1 or self._ids[0] not in rows:
            raise ValueError(f"Expected singleton: {self._name}{tuple(self._ids)!r}")
        wizard = rows[self._ids[0]]
        if wizard.get("name") == "merge":
            raise UserError("The fake Odoo server does not merge opportunities: convert "
                            "with name 'convert'.")
        lead_ids = list(self.env.context.get("active_ids") or [])
        for lead in _existing(self.env, lead_ids):
            action = wizard.get("action")
            if lead.get("active") and action not in (None, "nothing"):
                partner = wizard.get("partner_id") or lead.get("partner_id")
                if not partner and action == "create":
                    partner = _lead_customer(self.env, lead)
                if partner:
                    writes.write(self.env, _LEAD, [lead["id"]], {"partner_id": partner})
            convert(self.env, [lead["id"]], lead.get("partner_id"))
            user = wizard.get("user_id")
            if user and (wizard.get("force_assignment") or not lead.get("user_id")):
                writes.write(self.env, _LEAD, [lead["id"]], {"user_id": user})
        if not lead_ids:
            raise IndexError("tuple index out of range")
        first = self.env.rows(_LEAD)[lead_ids[0]]
        return {"name": "Lead or Opportunity", "view_mode": "form", "res_model": _LEAD,
                "domain": [["type", "=", first["type"]]], "res_id": first["id"],
                "view_id": False, "type": "ir.actions.act_window",
                "context": {"default_type": first["type"]}}
