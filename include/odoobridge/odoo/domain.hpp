#pragma once
/// \file
/// Search domains, built with C++ operators or passed through raw:
///
///     using odoobridge::odoo::field;
///     auto d = field("price") >= 30'000'000 && field("district").in({"medeu", "bostandyk"})
///              || !field("active");
///     d.to_json();   // ["|", "&", ["price", ">=", 30000000],
///                    //  ["district", "in", ["medeu", "bostandyk"]], "!", ["active", "=", true]]
///     d.to_string();
///     // ((price >= 30000000 AND district in ["medeu","bostandyk"]) OR NOT active = true)
///
/// Comparison operators give `=`, `!=`, `<`, `<=`, `>`, `>=`; the other Odoo operators are
/// methods: `in`, `not_in`, `like`, `ilike`, `not_like`, `not_ilike`, `eq_like` (=like),
/// `eq_ilike` (=ilike), `child_of`, `parent_of`, `equals_if_set` (=?), and `op(...)` for any
/// other (e.g. Odoo 17's "any"). `&&`, `||` and `!` build Odoo's prefix notation: `&` and
/// `|` take two operands and nest flat (a && b && c → "&", "&", a, b, c), `!` takes one and
/// is kept as written (operators are never rewritten). A `Field` used as a condition means
/// "is true": `!field("active")` → ["!", ["active", "=", true]].
///
/// Values are encoded like record values (odoo::to_value): dates as "YYYY-MM-DD", datetimes
/// as "YYYY-MM-DD HH:MM:SS" UTC, Many2one as its id, selections as their key, empty
/// optionals as false.
///
/// The empty domain matches every record; `a && empty` is `a`, `a || empty` is empty, and
/// `!empty` matches nothing (Odoo's FALSE_LEAF [0, "=", 1]).
///
/// Domains are immutable values; copies share structure. Safe to share between threads.

#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/fields.hpp>

#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>

namespace odoobridge::odoo {

/// An Odoo search domain.
class Domain {
public:
    /// The empty domain: matches every record.
    Domain() = default;

    /// A domain given as Odoo's JSON: a list of [field, operator, value] conditions and the
    /// operator strings "&", "|", "!" in prefix notation (consecutive terms are joined by
    /// AND, as Odoo does). `to_json()` of the result returns `domain` unchanged.
    /// \throws ConfigurationError when `domain` is not such a list: it names the offending
    ///         element by position and says what a domain looks like.
    [[nodiscard]] static Domain raw(json domain);

    /// One condition [field, op, value]; `value` is sent as given.
    /// \throws ConfigurationError when `field` or `op` is empty.
    [[nodiscard]] static Domain leaf(std::string field, std::string op, json value);

    /// A domain that matches no record (Odoo's FALSE_LEAF).
    [[nodiscard]] static Domain match_none();

    /// True for the empty domain (matches every record).
    [[nodiscard]] bool empty() const noexcept { return root_ == nullptr; }

    /// The JSON list Odoo takes as `domain` ([] for the empty domain).
    [[nodiscard]] json to_json() const;

    /// A readable infix form for logs and messages, e.g.
    /// `(price >= 30000000 AND NOT active = true)`; "TRUE" for the empty domain.
    [[nodiscard]] std::string to_string() const;

    /// Same JSON form.
    friend bool operator==(const Domain& a, const Domain& b) { return a.to_json() == b.to_json(); }

    friend Domain operator&&(const Domain& a, const Domain& b);
    friend Domain operator||(const Domain& a, const Domain& b);
    friend Domain operator!(const Domain& a);

    struct Node;  ///< the parsed tree (defined in domain.cpp)

private:
    explicit Domain(std::shared_ptr<const Node> root, json verbatim = nullptr)
        : root_(std::move(root)), verbatim_(std::move(verbatim)) {}

    std::shared_ptr<const Node> root_;  // null: matches every record
    json verbatim_;                     // what raw() was given, else null
};

/// Both conditions: "&" (flattened with nested ANDs).
[[nodiscard]] Domain operator&&(const Domain& a, const Domain& b);
/// Either condition: "|" (flattened with nested ORs).
[[nodiscard]] Domain operator||(const Domain& a, const Domain& b);
/// Not the condition: "!" followed by it.
[[nodiscard]] Domain operator!(const Domain& a);

/// Writes `domain.to_string()`.
std::ostream& operator<<(std::ostream& out, const Domain& domain);

class Field;

namespace domain_detail {

template <class R>
concept ValueRange =
    std::ranges::input_range<R> && !std::is_convertible_v<const R&, std::string_view> &&
    !std::is_same_v<std::remove_cvref_t<R>, json>;

template <class V>
json value_of(const V& value) {
    static_assert(!std::is_same_v<V, Field>,
                  "Odoo domains compare a field with a value, not with another field");
    return to_value(value);
}

template <class R>
json list_of(const R& values) {
    json list = json::array();
    for (const auto& value : values) list.push_back(value_of(value));
    return list;
}

}  // namespace domain_detail

/// A field name, to build conditions on. Immutable.
class Field {
public:
    /// \throws ConfigurationError when `name` is empty.
    explicit Field(std::string name);

    [[nodiscard]] const std::string& name() const noexcept { return name_; }

    template <class V>
    [[nodiscard]] Domain operator==(const V& value) const {
        return op("=", value);
    }
    template <class V>
    [[nodiscard]] Domain operator!=(const V& value) const {
        return op("!=", value);
    }
    template <class V>
    [[nodiscard]] Domain operator<(const V& value) const {
        return op("<", value);
    }
    template <class V>
    [[nodiscard]] Domain operator<=(const V& value) const {
        return op("<=", value);
    }
    template <class V>
    [[nodiscard]] Domain operator>(const V& value) const {
        return op(">", value);
    }
    template <class V>
    [[nodiscard]] Domain operator>=(const V& value) const {
        return op(">=", value);
    }

    /// `in` a list: `.in({"medeu", "bostandyk"})`, `.in(ids)`, `.in(json::array(...))`.
    template <class V>
    [[nodiscard]] Domain in(std::initializer_list<V> values) const {
        return Domain::leaf(name_, "in", domain_detail::list_of(values));
    }
    template <domain_detail::ValueRange R>
    [[nodiscard]] Domain in(const R& values) const {
        return Domain::leaf(name_, "in", domain_detail::list_of(values));
    }
    /// \throws ConfigurationError when `values` is not a JSON list.
    [[nodiscard]] Domain in(const json& values) const { return list_leaf("in", values); }

    template <class V>
    [[nodiscard]] Domain not_in(std::initializer_list<V> values) const {
        return Domain::leaf(name_, "not in", domain_detail::list_of(values));
    }
    template <domain_detail::ValueRange R>
    [[nodiscard]] Domain not_in(const R& values) const {
        return Domain::leaf(name_, "not in", domain_detail::list_of(values));
    }
    /// \throws ConfigurationError when `values` is not a JSON list.
    [[nodiscard]] Domain not_in(const json& values) const { return list_leaf("not in", values); }

    /// Case-sensitive substring match (`%` and `_` are wildcards inside the pattern).
    [[nodiscard]] Domain like(std::string_view pattern) const { return op("like", pattern); }
    /// Case-insensitive substring match.
    [[nodiscard]] Domain ilike(std::string_view pattern) const { return op("ilike", pattern); }
    [[nodiscard]] Domain not_like(std::string_view pattern) const {
        return op("not like", pattern);
    }
    [[nodiscard]] Domain not_ilike(std::string_view pattern) const {
        return op("not ilike", pattern);
    }
    /// `=like`: the whole value matches the SQL pattern, case-sensitive.
    [[nodiscard]] Domain eq_like(std::string_view pattern) const { return op("=like", pattern); }
    /// `=ilike`: the whole value matches the SQL pattern, case-insensitive.
    [[nodiscard]] Domain eq_ilike(std::string_view pattern) const { return op("=ilike", pattern); }

    /// Records under `ids` in a hierarchy (an id or a list of ids).
    template <class V>
    [[nodiscard]] Domain child_of(const V& ids) const {
        return op("child_of", ids);
    }
    template <class V>
    [[nodiscard]] Domain parent_of(const V& ids) const {
        return op("parent_of", ids);
    }
    /// `=?`: true when `value` is empty (false/None), else `=`.
    template <class V>
    [[nodiscard]] Domain equals_if_set(const V& value) const {
        return op("=?", value);
    }

    /// The field has a value: [name, "!=", false].
    [[nodiscard]] Domain is_set() const { return Domain::leaf(name_, "!=", false); }
    /// The field is empty: [name, "=", false].
    [[nodiscard]] Domain is_not_set() const { return Domain::leaf(name_, "=", false); }

    /// Any operator, for those without a method (e.g. "any", "not any" on Odoo 17+).
    /// \throws ConfigurationError when `op` is empty.
    template <class V>
    [[nodiscard]] Domain op(std::string_view operator_name, const V& value) const {
        return Domain::leaf(name_, std::string(operator_name), domain_detail::value_of(value));
    }

    /// The field as a condition: [name, "=", true].
    operator Domain() const { return Domain::leaf(name_, "=", true); }  // NOLINT: by design
    /// ["!", [name, "=", true]].
    [[nodiscard]] Domain operator!() const { return !Domain(*this); }

private:
    [[nodiscard]] Domain list_leaf(std::string_view operator_name, const json& values) const;

    std::string name_;
};

/// `Field(name)`: the start of a condition, `field("state") == "deposit"`.
/// \throws ConfigurationError when `name` is empty.
[[nodiscard]] inline Field field(std::string name) { return Field(std::move(name)); }

}  // namespace odoobridge::odoo
