"""The domain builder from Python: F, Domain and the operators &, |, ~ write exactly the
lists of the C++ builder (the expectations are those of tests/unit/typed/test_domain.cpp),
values are encoded like record values, raw lists are validated, misuse is refused."""

import datetime

import pytest

from binding_support import odoo, odoobridge
from odoobridge.odoo import F, Domain

A, B, C, E = ["a", "=", 1], ["b", "=", 2], ["c", "=", 3], ["e", "=", 4]


def test_the_issues_example():
    domain = (F("price") >= 30_000_000) & F("district").in_(["medeu", "bostandyk"]) | ~F("active")
    assert domain.to_list() == ["|", "&", ["price", ">=", 30000000],
                                ["district", "in", ["medeu", "bostandyk"]],
                                "!", ["active", "=", True]]
    assert str(domain) == \
        '((price >= 30000000 AND district in ["medeu","bostandyk"]) OR NOT active = true)'
    assert odoo.F is odoo.Field and isinstance(domain, Domain)


@pytest.mark.parametrize("domain, expected", [
    (F("a") == 1, [["a", "=", 1]]),
    (F("a") != "x", [["a", "!=", "x"]]),
    (F("a") < 2.5, [["a", "<", 2.5]]),
    (F("a") <= 3, [["a", "<=", 3]]),
    (F("a") > -4, [["a", ">", -4]]),
    (F("a") >= 5, [["a", ">=", 5]]),
    (5 < F("a"), [["a", ">", 5]]),
    (F("a").in_([1, 2]), [["a", "in", [1, 2]]]),
    (F("a").in_((3, 4)), [["a", "in", [3, 4]]]),
    (F("a").in_(range(3, 5)), [["a", "in", [3, 4]]]),
    (F("a").not_in(["p", "q"]), [["a", "not in", ["p", "q"]]]),
    (F("a").not_in([]), [["a", "not in", []]]),
    (F("a").like("ab%"), [["a", "like", "ab%"]]),
    (F("a").ilike("ab"), [["a", "ilike", "ab"]]),
    (F("a").eq_like("AB_"), [["a", "=like", "AB_"]]),
    (F("a").eq_ilike("ab_"), [["a", "=ilike", "ab_"]]),
    (F("a").not_like("x"), [["a", "not like", "x"]]),
    (F("a").not_ilike("x"), [["a", "not ilike", "x"]]),
    (F("parent_id").child_of(5), [["parent_id", "child_of", 5]]),
    (F("parent_id").parent_of([5, 6]), [["parent_id", "parent_of", [5, 6]]]),
    (F("user_id").equals_if_set(None), [["user_id", "=?", False]]),
    (F("user_id").equals_if_set(2), [["user_id", "=?", 2]]),
    (F("tag_ids").op("any", [["name", "=", "vip"]]), [["tag_ids", "any", [["name", "=", "vip"]]]]),
    (F("email").is_set(), [["email", "!=", False]]),
    (F("email").is_not_set(), [["email", "=", False]]),
    (F("crm_lead_id") == None, [["crm_lead_id", "=", False]]),  # noqa: E711
    (Domain.leaf("a", "=", 1), [["a", "=", 1]]),
])
def test_every_odoo_operator(domain, expected):
    assert domain.to_list() == expected


def test_values_are_encoded_like_record_values():
    assert (F("deal_date") >= datetime.date(2025, 5, 1)).to_list() == \
        [["deal_date", ">=", "2025-05-01"]]
    assert (F("create_date") < datetime.datetime(2026, 1, 2, 3, 0, 0, 999_999)).to_list() == \
        [["create_date", "<", "2026-01-02 03:00:00"]]
    almaty = datetime.timezone(datetime.timedelta(hours=5))
    assert (F("create_date") < datetime.datetime(2026, 1, 2, 3, tzinfo=almaty)).to_list() == \
        [["create_date", "<", "2026-01-01 22:00:00"]]
    assert (F("name") == "Толе би").to_list() == [["name", "=", "Толе би"]]
    assert (F("has_parking") == False).to_list() == [["has_parking", "=", False]]  # noqa: E712
    assert (F("big") > 5_000_000_000).to_list() == [["big", ">", 5000000000]]
    assert (F("huge") < 2**64 - 1).to_list() == [["huge", "<", 2**64 - 1]]


def test_and_or_nest_flat_and_not_stays_as_written():
    a, b, c, e = F("a") == 1, F("b") == 2, F("c") == 3, F("e") == 4
    assert (a & b).to_list() == ["&", A, B]
    assert (a & b & c).to_list() == ["&", "&", A, B, C]
    assert (a & (b & c)).to_list() == ["&", "&", A, B, C]
    assert (a | b | c).to_list() == ["|", "|", A, B, C]
    assert ((a | b) & c).to_list() == ["&", "|", A, B, C]
    assert (a & (b | c)).to_list() == ["&", A, "|", B, C]
    assert ((a & b) | (c & e)).to_list() == ["|", "&", A, B, "&", C, E]
    assert (~a).to_list() == ["!", A]
    assert (~(a & b)).to_list() == ["!", "&", A, B]
    assert (~~a).to_list() == ["!", "!", A]
    assert (~a & ~b).to_list() == ["&", "!", A, "!", B]
    assert str(a & b) == "(a = 1 AND b = 2)"
    assert str(~(a | b)) == "NOT (a = 1 OR b = 2)"
    assert (F("active") & a).to_list() == ["&", ["active", "=", True], A]
    assert (a & [B]).to_list() == ["&", A, B] and ([B] & a).to_list() == ["&", B, A]


def test_the_empty_domain_matches_everything():
    everything, a = Domain(), F("a") == 1
    assert everything.empty and everything.to_list() == [] and str(everything) == "TRUE"
    assert (everything & a) == a and (a & everything) == a
    assert (everything | a).empty and (a | everything).empty
    assert (~everything).to_list() == [[0, "=", 1]] == Domain.match_none().to_list()
    assert not Domain.match_none().empty


@pytest.mark.parametrize("raw", [
    [], [["state", "in", ["deposit", "deal"]]], [A, B], ["&", A, "|", B, C], ["!", "!", A],
    [[1, "=", 1]], ["|", [0, "=", 1], ["x.y", "not any", [["z", "=", False]]]],
])
def test_raw_domains_pass_through(raw):
    assert Domain.raw(raw).to_list() == raw
    assert Domain.raw(raw) == raw


def test_raw_domains_combine():
    implicit_and = Domain.raw([A, B])
    assert (implicit_and & (F("c") == 3)).to_list() == ["&", "&", A, B, C]
    assert (implicit_and | (F("c") == 3)).to_list() == ["|", "&", A, B, C]
    nested = Domain.raw(["&", A, "|", B, C])
    assert (~nested).to_list() == ["!", "&", A, "|", B, C]
    assert str(nested) == "(a = 1 AND (b = 2 OR c = 3))"


@pytest.mark.parametrize("raw, problem", [
    ({"a": 1}, "it is object, not a list"),
    ("a = 1", "it is string, not a list"),
    (["&&", A, B], "no domain operator"),
    ([["a", "="]], "a list of 2 items"),
    ([["", "=", 1]], "does not start with a field name"),
    ([["a", 1, 1]], "no operator string"),
    (["&", A], "needs 2 operands after it, found 1"),
    ([A, "!"], "needs 1 operand after it, found 0"),
    ([42], "is number"),
])
def test_raw_domains_are_validated(raw, problem):
    with pytest.raises(odoobridge.ConfigurationError, match=problem):
        Domain.raw(raw)


def test_misuse_is_refused_with_a_hint():
    with pytest.raises(TypeError, match="put each comparison in parentheses"):
        F("a") == 1 & F("b")  # noqa: B015  (the precedence mistake this guards against)
    with pytest.raises(TypeError, match="no truth value"):
        bool(F("a") == 1)
    with pytest.raises(TypeError, match="no truth value"):
        if F("active"):
            pass
    with pytest.raises(TypeError, match="compared with another field"):
        F("a") == F("b")  # noqa: B015
    with pytest.raises(TypeError, match="takes a list of values"):
        F("a").in_("medeu")
    with pytest.raises(odoobridge.ConfigurationError):
        F("")
    with pytest.raises(odoobridge.ConfigurationError):
        F("a").op("", 1)
    with pytest.raises(TypeError, match="unhashable"):
        hash(F("a") == 1)


def test_domains_are_sent_as_their_lists(odoo16):
    from binding_support import connect
    with connect(odoo16) as client:
        partners = client.model("res.partner")
        built = (F("is_company") == True) & ~F("name").ilike("deco")  # noqa: E712
        raw = ["&", ["is_company", "=", True], "!", ["name", "ilike", "deco"]]
        assert partners.search(built, order="id") == partners.search(raw, order="id")
        assert client.execute_kw("res.partner", "search", [built], {"order": "id"}) == \
            partners.search(raw, order="id")
        assert repr(F("a") == 1) == 'Domain([["a","=",1]])' and repr(F("x")) == "F('x')"
