// libFuzzer target: any bytes given to the scheme loader (and, when the bytes load
// cleanly, to an override and the scorer) must produce diagnostics, never a crash,
// a hang or a sanitizer report. Built only with -DBONDLINE_FUZZ=ON (scripts/fuzz).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "coding_schemes/scheme_loader.h"
#include "coding_schemes/scoring.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
    schemes::LoadResult r = schemes::loadFromString(text, "fuzz.toml");
    for (const schemes::Diagnostic& d : r.diagnostics)
        (void)d.toString();
    // The same bytes as an override of whatever was loaded.
    schemes::applyOverrideFromString(r, text, "fuzz-override.toml");
    if (r.diagnostics.empty() || !r.scheme.items.empty()) {
        schemes::SessionInput in;
        in.startUs = 0;
        in.endUs = 600'000'000;
        in.present = {{"m", schemes::Role::Mother}, {"y", schemes::Role::Youth}, {"t", schemes::Role::Therapist}};
        int64_t t = 0;
        for (const schemes::Item& it : r.scheme.items) {
            for (const auto& p : in.present)
                in.events.push_back({"c1", it.id, p.id, "t", t += 1'000'000});
        }
        for (const schemes::Dimension& d : r.scheme.dimensions)
            for (const char* who : {"m", "y", "t", "family"})
                for (const char* coder : {"c1", "c2", "c3"})
                    in.ratings.push_back({coder, d.id, who, 0, static_cast<double>(t % 3)});
        (void)schemes::scoreSession(r.scheme, in);
    }
    return 0;
}
