#pragma once
// A tiny XML-RPC methodResponse → json converter for the typed tests, so that the XML-RPC
// twins of the captures can be decoded on the json path exactly as the XML-RPC protocol
// will hand them over (int → integer, double → number, boolean → bool, nil → null,
// array → list, struct → object). It understands what Odoo's captures contain and throws
// std::runtime_error on anything else; it is not the library's XML-RPC codec.

#include <odoobridge/core/json.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace typed_test {

class XmlRpcToJson {
public:
    explicit XmlRpcToJson(std::string_view xml) : xml_(xml) {}

    /// The value of the single <param> of a successful methodResponse.
    odoobridge::json response_value() {
        seek("<params>");
        seek("<param>");
        return value();
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("xmlrpc test helper: " + what + " at byte " +
                                 std::to_string(pos_));
    }
    void skip_space() {
        while (pos_ < xml_.size() && (xml_[pos_] == ' ' || xml_[pos_] == '\n' ||
                                      xml_[pos_] == '\r' || xml_[pos_] == '\t'))
            ++pos_;
    }
    void seek(std::string_view tag) {
        const auto at = xml_.find(tag, pos_);
        if (at == std::string_view::npos) fail("missing " + std::string(tag));
        pos_ = at + tag.size();
    }
    bool take(std::string_view tag) {
        skip_space();
        if (xml_.substr(pos_, tag.size()) != tag) return false;
        pos_ += tag.size();
        return true;
    }
    void expect(std::string_view tag) {
        if (!take(tag)) fail("expected " + std::string(tag));
    }
    std::string text_until(std::string_view end_tag) {
        const auto end = xml_.find(end_tag, pos_);
        if (end == std::string_view::npos) fail("unterminated element");
        std::string out = unescape(xml_.substr(pos_, end - pos_));
        pos_ = end + end_tag.size();
        return out;
    }
    static std::string unescape(std::string_view text) {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '&') {
                out += text[i];
                continue;
            }
            const auto semicolon = text.find(';', i);
            const std::string_view entity = text.substr(i + 1, semicolon - i - 1);
            if (entity == "lt")
                out += '<';
            else if (entity == "gt")
                out += '>';
            else if (entity == "amp")
                out += '&';
            else if (entity == "quot")
                out += '"';
            else if (entity == "apos")
                out += '\'';
            else if (!entity.empty() && entity[0] == '#') {
                const unsigned long code =
                    entity.size() > 1 && entity[1] == 'x'
                        ? std::stoul(std::string(entity.substr(2)), nullptr, 16)
                        : std::stoul(std::string(entity.substr(1)));
                if (code >= 0x80) throw std::runtime_error("non-ASCII character reference");
                out += static_cast<char>(code);
            } else {
                throw std::runtime_error("unknown entity &" + std::string(entity) + ";");
            }
            i = semicolon;
        }
        return out;
    }

    odoobridge::json value() {
        expect("<value>");
        odoobridge::json out;
        if (take("<int>"))
            out = std::stoll(text_until("</int>"));
        else if (take("<i4>"))
            out = std::stoll(text_until("</i4>"));
        else if (take("<i8>"))
            out = std::stoll(text_until("</i8>"));
        else if (take("<double>"))
            out = std::stod(text_until("</double>"));
        else if (take("<boolean>"))
            out = text_until("</boolean>") == "1";
        else if (take("<string>"))
            out = text_until("</string>");
        else if (take("<nil/>"))
            out = nullptr;
        else if (take("<array>")) {
            out = odoobridge::json::array();
            expect("<data>");
            while (!take("</data>")) out.push_back(value());
            expect("</array>");
        } else if (take("<struct>")) {
            out = odoobridge::json::object();
            while (!take("</struct>")) {
                expect("<member>");
                expect("<name>");
                std::string name = text_until("</name>");
                out[name] = value();
                expect("</member>");
            }
        } else {
            out = text_until("</value>");  // a bare <value>text</value> is a string
            return out;
        }
        expect("</value>");
        return out;
    }

    std::string_view xml_;
    std::size_t pos_ = 0;
};

}  // namespace typed_test
