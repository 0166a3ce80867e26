#pragma once
/// \file
/// Which Odoo field types each C++ member type may hold (`FieldTypes<M>`), and
/// `SchemaMismatchError`, thrown by `Model<T>::verify_schema()`.

#include <array>
#include <chrono>
#include <concepts>
#include <odoobridge/core/codec/traits.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace odoobridge::odoo {

/// The Odoo field types (`fields_get` "type") a member of C++ type `M` can hold, and the
/// C++ type's name for messages. `std::optional<M>` accepts what `M` accepts.
///
/// | C++ member                         | Odoo types                      |
/// |------------------------------------|---------------------------------|
/// | bool                               | boolean                         |
/// | integer types                      | integer                         |
/// | double, float (`Monetary`)         | float, monetary                 |
/// | std::string (`Text`, `Html`)       | char, text, html, selection     |
/// | enum with BOOST_DESCRIBE_ENUM      | selection                       |
/// | `Date`                             | date                            |
/// | `Datetime` (any sys_time)          | datetime                        |
/// | `Many2one`                         | many2one                        |
/// | `X2many`                           | one2many, many2many             |
/// | `Binary`                           | binary, image                   |
/// | `Reference`                        | reference                       |
/// | `Json`                             | json, properties                |
///
/// Other types (a codec a user added) have no entry: their fields are checked for
/// presence only. Specialize `FieldTypes<YourType>` with `types` and `cpp_name` to check
/// them too.
template <class M>
struct FieldTypes {
    static constexpr std::array<std::string_view, 0> types{};
    static constexpr std::string_view cpp_name = "a custom type";
};

template <>
struct FieldTypes<bool> {
    static constexpr std::array<std::string_view, 1> types{"boolean"};
    static constexpr std::string_view cpp_name = "bool";
};
template <std::integral I>
requires(!std::same_as<I, bool>) struct FieldTypes<I> {
    static constexpr std::array<std::string_view, 1> types{"integer"};
    static constexpr std::string_view cpp_name = "an integer type";
};
template <std::floating_point F>
struct FieldTypes<F> {
    static constexpr std::array<std::string_view, 2> types{"float", "monetary"};
    static constexpr std::string_view cpp_name = "double";
};
template <>
struct FieldTypes<std::string> {
    static constexpr std::array<std::string_view, 4> types{"char", "text", "html", "selection"};
    static constexpr std::string_view cpp_name = "std::string";
};
template <core::DescribedEnum E>
struct FieldTypes<E> {
    static constexpr std::array<std::string_view, 1> types{"selection"};
    static constexpr std::string_view cpp_name = "a described enum";
};
template <>
struct FieldTypes<Date> {
    static constexpr std::array<std::string_view, 1> types{"date"};
    static constexpr std::string_view cpp_name = "odoo::Date";
};
template <class Duration>
struct FieldTypes<std::chrono::sys_time<Duration>> {
    static constexpr std::array<std::string_view, 1> types{"datetime"};
    static constexpr std::string_view cpp_name = "odoo::Datetime";
};
template <>
struct FieldTypes<Many2one> {
    static constexpr std::array<std::string_view, 1> types{"many2one"};
    static constexpr std::string_view cpp_name = "odoo::Many2one";
};
template <>
struct FieldTypes<X2many> {
    static constexpr std::array<std::string_view, 2> types{"one2many", "many2many"};
    static constexpr std::string_view cpp_name = "odoo::X2many";
};
template <>
struct FieldTypes<Binary> {
    static constexpr std::array<std::string_view, 2> types{"binary", "image"};
    static constexpr std::string_view cpp_name = "odoo::Binary";
};
template <>
struct FieldTypes<Reference> {
    static constexpr std::array<std::string_view, 1> types{"reference"};
    static constexpr std::string_view cpp_name = "odoo::Reference";
};
template <>
struct FieldTypes<Json> {
    static constexpr std::array<std::string_view, 2> types{"json", "properties"};
    static constexpr std::string_view cpp_name = "odoo::Json";
};
template <class M>
struct FieldTypes<std::optional<M>> : FieldTypes<M> {};

/// What a record type expects of one field, for `check_schema`.
struct ExpectedField {
    std::string_view name;                     ///< field name on the wire
    std::vector<std::string_view> odoo_types;  ///< accepted `fields_get` types; empty: any
    std::string_view cpp_name;                 ///< the member's C++ type, for messages
};

/// The record type does not match the server's model: fields missing, or of another type.
/// Derives from ConfigurationError (the program's description of the model is wrong, not
/// the server). `what()` lists every problem, one per line.
class SchemaMismatchError : public ConfigurationError {
public:
    SchemaMismatchError(std::string model, std::vector<std::string> problems);
    [[nodiscard]] const std::string& model() const noexcept { return model_; }
    /// One line per problem: "field 'x' is missing ..." / "field 'y' is a many2one ...".
    [[nodiscard]] const std::vector<std::string>& problems() const noexcept { return problems_; }

private:
    std::string model_;
    std::vector<std::string> problems_;
};

/// Compares `expected` with a `fields_get` answer (an object of {"type": ...} per field).
/// \throws SchemaMismatchError listing every missing field and every type mismatch;
///         UnexpectedResponseError when `fields_get_answer` is no object of field objects.
void check_schema(std::string_view model, const std::vector<ExpectedField>& expected,
                  const json& fields_get_answer);

/// What `T`'s members expect, in declaration order (`id` included).
template <core::DescribedStruct T>
[[nodiscard]] std::vector<ExpectedField> expected_fields() {
    std::vector<ExpectedField> out;
    boost::mp11::mp_for_each<core::described_fields<T>>([&](auto d) {
        using M = std::remove_cvref_t<decltype(std::declval<T&>().*d.pointer)>;
        using Types = FieldTypes<M>;
        out.push_back(
            ExpectedField{core::wire_name(d.name),
                          std::vector<std::string_view>(Types::types.begin(), Types::types.end()),
                          Types::cpp_name});
    });
    return out;
}

}  // namespace odoobridge::odoo
