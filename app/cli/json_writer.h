#pragma once
// Streaming JSON writer for `--json` output: one document on stdout. Commas and
// nesting are tracked here so commands only say what to write. Non-finite doubles are
// never printed as NaN: +inf becomes the string "inf" (the irr contract), anything else
// that is not finite becomes null.
#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

namespace app::cli {

class JsonWriter {
public:
    explicit JsonWriter(std::ostream& os) : m_os(os) {}

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view k);

    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(double d);
    JsonWriter& value(int64_t i);
    JsonWriter& value(int i) { return value(static_cast<int64_t>(i)); }
    JsonWriter& value(bool b);
    JsonWriter& null();

    template <class T>
    JsonWriter& field(std::string_view k, const T& v) { key(k); return value(v); }

    static void writeEscaped(std::ostream& os, std::string_view s);

private:
    void separator();

    std::ostream& m_os;
    std::vector<bool> m_first; // per open container: nothing written yet
    bool m_afterKey = false;
};

} // namespace app::cli
