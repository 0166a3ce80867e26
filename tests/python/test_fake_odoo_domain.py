"""Domain evaluation and ordering of the fake server, in-process on the seed data.

Seed partners used below: companies 1 YourCompany, 9 Wood Corner (contacts 16, 17, 32),
10 Deco Addict (18, 19, 35), 11-13, 14 Azure Interior (26, 27, 33), 15 Lumber Inc;
2 OdooBot is archived; 41/44/45 are Royal Estate owners without a country.
"""

import pytest

from fake_odoo import dispatch
from fake_odoo.dialect import ODOO19
from fake_odoo.domain import normalize

COMPANIES = [1, 9, 10, 11, 12, 13, 14, 15]


def search(env, domain, model="res.partner", **kwargs):
    return sorted(dispatch.call_kw(env, model, "search", [domain], kwargs))


def ordered(env, domain, order, model="res.partner"):
    return dispatch.call_kw(env, model, "search", [domain], {"order": order})


def test_normalize_inserts_implicit_and():
    a, b, c = ("a", "=", 1), ("b", "=", 2), ("c", "=", 3)
    assert normalize([a, b, c]) == ["&", "&", a, b, c]
    assert normalize(["|", a, b, c]) == ["&", "|", a, b, c]
    assert normalize(["!", a]) == ["!", a]
    assert normalize([]) == []
    with pytest.raises(ValueError, match="Invalid domain term"):
        normalize(["^", a])
    with pytest.raises(ValueError, match="syntactically not correct"):
        normalize(["|", a])


def test_boolean_and_equality_operators(orm_env):
    assert search(orm_env, [("is_company", "=", True)]) == COMPANIES
    assert search(orm_env, [("is_company", "!=", False)]) == COMPANIES
    assert search(orm_env, [["name", "=", "Ready Mat"]]) == [12]
    assert 12 not in search(orm_env, [("name", "<>", "Ready Mat")])
    assert search(orm_env, [("id", "=?", False), ("name", "=?", "Lumber Inc")]) == [15]


def test_false_means_not_set_and_negations_include_unset(orm_env):
    no_country = search(orm_env, [("country_id", "=", False)])
    assert {41, 44, 45} <= set(no_country)
    assert not set(no_country) & set(search(orm_env, [("country_id", "!=", False)]))
    not_azure = search(orm_env, [("email", "!=", "info@agrolait.com")])
    assert 10 not in not_azure and 41 in not_azure
    assert 41 in search(orm_env, [("email", "not ilike", "example")])


def test_comparisons_and_in(orm_env):
    assert search(orm_env, [("id", ">", 40), ("id", "<=", 44)]) == [41, 44]
    assert search(orm_env, [("id", "in", [9, 10, 999])]) == [9, 10]
    assert search(orm_env, [("id", "in", 9)]) == [9]
    assert search(orm_env, [("id", "not in", COMPANIES), ("id", "<", 10)]) == [3, 7]
    assert search(orm_env, [("parent_id", "in", [9, False]), ("id", "<", 16)]) == \
        [1, 3, 7, 9, 10, 11, 12, 13, 14, 15]
    assert search(orm_env, [("write_date", ">=", "2026-11-22"),
                            ("write_date", "<", "2026-11-22 10:27:50"), ("is_company", "=", 1)]) \
        == [1, 11, 12, 13, 14, 15]


def test_like_operators(orm_env):
    assert search(orm_env, [("name", "ilike", "azure")]) == [14]
    assert search(orm_env, [("name", "like", "azure")]) == []
    assert search(orm_env, [("name", "=like", "%Inc")]) == [15]
    assert search(orm_env, [("name", "=ilike", "lumber_inc")]) == [15]
    assert search(orm_env, [("name", "=like", "lumber_Inc")]) == []
    assert 15 not in search(orm_env, [("name", "not like", "Inc")])
    assert search(orm_env, [("display_name", "ilike", "Azure Interior, ")]) == [26, 27, 33]


def test_logical_operators(orm_env):
    assert search(orm_env, ["|", ("id", "=", 9), ("id", "=", 10)]) == [9, 10]
    assert search(orm_env, ["!", ("is_company", "=", False)]) == COMPANIES
    assert search(orm_env, ["|", "&", ("id", ">", 10), ("id", "<", 12), ("id", "=", 1)]) == [1, 11]
    assert search(orm_env, [(1, "=", 1), ("id", "=", 9)]) == [9]
    assert search(orm_env, ["|", (0, "=", 1), ("id", "=", 9)]) == [9]


def test_relational_paths_and_names(orm_env):
    assert search(orm_env, [("parent_id.name", "=", "Azure Interior")]) == [26, 27, 33]
    assert search(orm_env, [("parent_id", "ilike", "azure")]) == [26, 27, 33]
    assert search(orm_env, [("parent_id", "=", "Deco Addict")]) == [18, 19, 35]
    assert search(orm_env, [("country_id.name", "=", "United States"),
                            ("is_company", "=", True)]) == COMPANIES
    assert search(orm_env, [("child_ids.name", "ilike", "gibson")]) == [9]
    assert search(orm_env, [("category_id", "in", [6])]) == [9]
    assert search(orm_env, [("category_id", "=", "Consulting Services")]) == [9, 10]
    assert 9 not in search(orm_env, [("category_id", "not in", [6])])
    assert search(orm_env, [("child_ids", "!=", False)]) == [1, 9, 10, 14]
    assert search(orm_env, [("child_ids", "any", [("name", "=", "Tom Ruiz")])]) == [9]
    assert 9 not in search(orm_env, [("child_ids", "not any", [("name", "=", "Tom Ruiz")])])
    assert search(orm_env, [("partner_id.parent_id", "=", False)], model="crm.lead") == [14, 15]


def test_hierarchy_operators(orm_env):
    assert search(orm_env, [("id", "child_of", 9)]) == [9, 16, 17, 32]
    assert search(orm_env, [("parent_id", "child_of", [9, 14])]) == [16, 17, 26, 27, 32, 33]
    assert search(orm_env, [("id", "parent_of", 26)]) == [14, 26]
    assert search(orm_env, [("id", "child_of", "Deco Addict")]) == [10, 18, 19, 35]


def test_active_test(orm_env):
    assert 2 not in search(orm_env, [])
    assert search(orm_env, [("active", "=", False)]) == [2]
    everyone = dispatch.call_kw(orm_env, "res.partner", "search_count",
                                [[]], {"context": {"active_test": False}})
    assert everyone == len(search(orm_env, [])) + 1


def test_invalid_fields_and_operators(orm_env):
    with pytest.raises(ValueError, match=r"^Invalid field res.partner.nope in leaf "
                                         r"\('nope', '=', 1\)$"):
        search(orm_env, [("nope", "=", 1)])
    with pytest.raises(ValueError, match=r"^Invalid field res.country.nope in leaf"):
        search(orm_env, [("country_id.nope", "=", 1)])
    with pytest.raises(ValueError, match=r"^Invalid leaf \('name', 'like it', 'x'\)$"):
        search(orm_env, [("name", "like it", "x")])
    env19 = type(orm_env)(orm_env.db, orm_env.uid, {}, ODOO19)
    with pytest.raises(ValueError, match="in condition"):
        search(env19, [("nope", "=", 1)])


def test_order_limit_offset(orm_env):
    assert ordered(orm_env, [("is_company", "=", True)], "name desc, id")[:3] == [1, 9, 13]
    assert ordered(orm_env, [("id", "in", [9, 10, 14])], "id desc") == [14, 10, 9]
    assert ordered(orm_env, [("parent_id", "!=", False)], "parent_id, name")[:3] == [26, 33, 27]
    assert ordered(orm_env, [("id", "in", [9, 41])], "country_id") == [9, 41]
    assert ordered(orm_env, [("id", "in", [9, 41])], "country_id desc") == [41, 9]
    assert ordered(orm_env, [("id", "in", [9, 41])], "country_id desc nulls last") == [9, 41]
    page = dispatch.call_kw(orm_env, "res.partner", "search", [[("is_company", "=", True)]],
                            {"order": "name", "offset": 2, "limit": 3})
    assert page == [11, 15, 12]
    for bad in ("name;drop", "no_field", "name desc,"):
        with pytest.raises(ValueError):
            ordered(orm_env, [], bad)
