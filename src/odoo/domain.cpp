// Search domains: a small immutable tree (leaf, AND, OR, NOT) written out in Odoo's prefix
// notation. Raw domains are validated by parsing them into the same tree.

#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/domain.hpp>

#include <ostream>
#include <utility>
#include <vector>

namespace odoobridge::odoo {

struct Domain::Node {
    enum class Kind { leaf, all_of, any_of, negation };
    Kind kind = Kind::leaf;
    json term;  // leaf: [field, operator, value]
    std::vector<std::shared_ptr<const Node>> children;
};

namespace {

using NodePtr = std::shared_ptr<const Domain::Node>;
using Kind = Domain::Node::Kind;

NodePtr make_leaf(json term) {
    auto node = std::make_shared<Domain::Node>();
    node->term = std::move(term);
    return node;
}

NodePtr make_negation(NodePtr operand) {
    auto node = std::make_shared<Domain::Node>();
    node->kind = Kind::negation;
    node->children.push_back(std::move(operand));
    return node;
}

/// `kind` of `operands`; operands of the same kind are flattened into this one
/// (a && (b && c) is one AND of three, written "&", "&", a, b, c).
NodePtr make_junction(Kind kind, std::initializer_list<NodePtr> operands) {
    auto node = std::make_shared<Domain::Node>();
    node->kind = kind;
    for (const NodePtr& operand : operands) {
        if (operand->kind == kind)
            node->children.insert(node->children.end(), operand->children.begin(),
                                  operand->children.end());
        else
            node->children.push_back(operand);
    }
    return node;
}

void write_prefix(const Domain::Node& node, json& out) {
    switch (node.kind) {
        case Kind::leaf:
            out.push_back(node.term);
            return;
        case Kind::negation:
            out.push_back("!");
            write_prefix(*node.children.front(), out);
            return;
        case Kind::all_of:
        case Kind::any_of:
            for (std::size_t i = 1; i < node.children.size(); ++i)
                out.push_back(node.kind == Kind::all_of ? "&" : "|");
            for (const NodePtr& child : node.children) write_prefix(*child, out);
            return;
    }
}

std::string compact(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void write_infix(const Domain::Node& node, std::string& out) {
    switch (node.kind) {
        case Kind::leaf: {
            const json& left = node.term[0];
            out += left.is_string() ? left.get<std::string>() : compact(left);
            out += ' ';
            out += node.term[1].get<std::string>();
            out += ' ';
            out += compact(node.term[2]);
            return;
        }
        case Kind::negation:
            out += "NOT ";
            write_infix(*node.children.front(), out);
            return;
        case Kind::all_of:
        case Kind::any_of: {
            const char* separator = node.kind == Kind::all_of ? " AND " : " OR ";
            out += '(';
            for (std::size_t i = 0; i < node.children.size(); ++i) {
                if (i > 0) out += separator;
                write_infix(*node.children[i], out);
            }
            out += ')';
            return;
        }
    }
}

[[noreturn]] void throw_invalid_domain(const json& domain, const std::string& problem) {
    throw ConfigurationError(
        "invalid domain " + core::body_excerpt(compact(domain), 200) + ": " + problem +
        ". A domain is a list of [field, operator, value] conditions and the operators \"&\", "
        "\"|\" (two operands) and \"!\" (one operand) written before their operands, e.g. "
        "[\"|\", [\"state\", \"=\", \"sold\"], [\"price\", \">\", 100]].");
}

/// Checks one element of a raw domain; returns its operator ('&', '|', '!') or 0 for a leaf.
char classify(const json& domain, std::size_t index) {
    const json& element = domain[index];
    const std::string where = "element " + std::to_string(index);
    if (element.is_string()) {
        const auto& text = element.get_ref<const std::string&>();
        if (text == "&" || text == "|" || text == "!") return text.front();
        throw_invalid_domain(domain, where + " is the string \"" + text +
                                         "\", which is no domain operator (\"&\", \"|\", \"!\")");
    }
    if (!element.is_array())
        throw_invalid_domain(domain, where + " is " + std::string(element.type_name()) +
                                         ", but domain elements are condition lists or "
                                         "operator strings");
    if (element.size() != 3)
        throw_invalid_domain(domain, where + " is a list of " + std::to_string(element.size()) +
                                         " items, but a condition has 3: [field, operator, "
                                         "value]");
    const json& left = element[0];
    const bool field_ok = (left.is_string() && !left.get_ref<const std::string&>().empty()) ||
                          (left.is_number_integer() && (left == 0 || left == 1));
    if (!field_ok)
        throw_invalid_domain(domain, where +
                                         " does not start with a field name (only Odoo's "
                                         "TRUE/FALSE leaves [1, \"=\", 1] and [0, \"=\", 1] "
                                         "may start with a number)");
    if (!element[1].is_string() || element[1].get_ref<const std::string&>().empty())
        throw_invalid_domain(domain, where + " has no operator string in second position");
    return 0;
}

/// Parses a validated prefix domain into a tree; consecutive top-level terms are ANDed.
NodePtr parse_prefix(const json& domain) {
    std::vector<NodePtr> stack;  // operands, the next one on top
    for (std::size_t i = domain.size(); i-- > 0;) {
        const char op = classify(domain, i);
        if (op == 0) {
            stack.push_back(make_leaf(domain[i]));
            continue;
        }
        const std::size_t needed = op == '!' ? 1 : 2;
        if (stack.size() < needed)
            throw_invalid_domain(domain, "the operator \"" + std::string(1, op) + "\" at element " +
                                             std::to_string(i) + " needs " +
                                             std::to_string(needed) + " operand" +
                                             (needed == 1 ? "" : "s") + " after it, found " +
                                             std::to_string(stack.size()));
        NodePtr first = stack.back();
        stack.pop_back();
        if (op == '!') {
            stack.push_back(make_negation(std::move(first)));
            continue;
        }
        NodePtr second = stack.back();
        stack.pop_back();
        // Raw operators stay binary so that the tree writes back as it was read.
        auto node = std::make_shared<Domain::Node>();
        node->kind = op == '&' ? Kind::all_of : Kind::any_of;
        node->children = {std::move(first), std::move(second)};
        stack.push_back(std::move(node));
    }
    if (stack.size() == 1) return stack.front();
    auto all = std::make_shared<Domain::Node>();
    all->kind = Kind::all_of;
    all->children.assign(stack.rbegin(), stack.rend());
    return all;
}

}  // namespace

Domain Domain::raw(json domain) {
    if (!domain.is_array())
        throw_invalid_domain(domain, "it is " + std::string(domain.type_name()) + ", not a list");
    if (domain.empty()) return Domain(nullptr, std::move(domain));
    NodePtr root = parse_prefix(domain);
    return Domain(std::move(root), std::move(domain));
}

Domain Domain::leaf(std::string field, std::string op, json value) {
    if (field.empty())
        throw ConfigurationError("a domain condition needs a field name, but the name is empty");
    if (op.empty())
        throw ConfigurationError("the domain condition on '" + field +
                                 "' needs an operator, but the operator is empty");
    return Domain(make_leaf(json::array({std::move(field), std::move(op), std::move(value)})));
}

Domain Domain::match_none() { return Domain(make_leaf(json::array({0, "=", 1}))); }

json Domain::to_json() const {
    if (!verbatim_.is_null()) return verbatim_;
    json out = json::array();
    if (root_) write_prefix(*root_, out);
    return out;
}

std::string Domain::to_string() const {
    if (!root_) return "TRUE";
    std::string out;
    write_infix(*root_, out);
    return out;
}

Domain operator&&(const Domain& a, const Domain& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return Domain(make_junction(Kind::all_of, {a.root_, b.root_}));
}

Domain operator||(const Domain& a, const Domain& b) {
    if (a.empty() || b.empty()) return Domain();
    return Domain(make_junction(Kind::any_of, {a.root_, b.root_}));
}

Domain operator!(const Domain& a) {
    if (a.empty()) return Domain::match_none();
    return Domain(make_negation(a.root_));
}

std::ostream& operator<<(std::ostream& out, const Domain& domain) {
    return out << domain.to_string();
}

Field::Field(std::string name) : name_(std::move(name)) {
    if (name_.empty())
        throw ConfigurationError(
            "field(\"\"): a domain condition needs the name of a field of the model");
}

Domain Field::list_leaf(std::string_view operator_name, const json& values) const {
    if (!values.is_array())
        throw ConfigurationError("the \"" + std::string(operator_name) + "\" condition on '" +
                                 name_ + "' takes a list of values, not " +
                                 std::string(values.type_name()) +
                                 "; pass a list such as json::array({1, 2})");
    return Domain::leaf(name_, std::string(operator_name), values);
}

}  // namespace odoobridge::odoo
