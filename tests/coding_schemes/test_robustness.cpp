// Never a crash, whatever the bytes: truncations and byte flips of every shipped scheme
// go through the loader, an override and the scorer. (The libFuzzer target in
// coding_schemes/fuzz explores further; this keeps a deterministic sample in ./test.)
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

#include "coding_schemes/scheme_loader.h"
#include "coding_schemes/scoring.h"

using namespace schemes;

namespace {
void exercise(const std::string& bytes)
{
    LoadResult r = loadFromString(bytes, "x.toml");
    for (const Diagnostic& d : r.diagnostics) {
        CHECK(d.toString().find('\n') == std::string::npos);
        CHECK(d.line >= 0);
    }
    SessionInput in;
    in.endUs = 600'000'000;
    in.present = {{"m", Role::Mother}, {"y", Role::Youth}, {"t", Role::Therapist}};
    for (const Item& it : r.scheme.items)
        in.events.push_back({"c", it.id, "m", "y", 1'000'000});
    for (const Dimension& d : r.scheme.dimensions)
        in.ratings.push_back({"c", d.id, "m", 0, 1});
    (void)scoreSession(r.scheme, in);
}
} // namespace

TEST_CASE("loader and scorer survive truncated and corrupted schemes", "[robustness]")
{
    std::mt19937 rng(12345);
    for (const auto& f : schemeFilesIn(BONDLINE_SCHEMES_SOURCE_DIR)) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string bytes = ss.str();
        for (size_t cut = 0; cut < bytes.size(); cut += 97)
            exercise(bytes.substr(0, cut));
        for (int i = 0; i < 500; ++i) {
            std::string m = bytes;
            for (int k = 0; k < 3; ++k)
                m[rng() % m.size()] = static_cast<char>(rng() % 256);
            exercise(m);
        }
    }
    exercise(std::string(5000, '['));
    exercise(std::string("a = ") + std::string(3000, '[') );
    exercise(std::string("\0\0\0", 3));
}

TEST_CASE("pathologically deep keys and inline tables are refused, not parsed", "[robustness]")
{
    std::string key = "x";
    for (int i = 0; i < 50000; ++i)
        key += ".a";
    auto one = [](const std::string& text) {
        LoadResult r = loadFromString(text, "deep.toml");
        REQUIRE(r.diagnostics.size() == 1);
        return r.diagnostics[0].toString();
    };
    CHECK(one(key + " = 1\n") == "deep.toml:1:64: a key with more than 32 dotted parts is not supported");
    CHECK(one("id = \"x\"\n[" + key.substr(2) + "]\n") == "deep.toml:2:65: a key with more than 32 dotted parts is not supported");
    std::string inl = "x = ";
    for (int i = 0; i < 20000; ++i)
        inl += "{a=";
    CHECK(one(inl) == "deep.toml:1:53: inline tables nested more than 16 deep are not supported");
    CHECK(one(std::string(17u << 20, '#')) == "deep.toml: the file is larger than 16 MiB; scheme files are small text files");

    // Dots in strings, comments and values do not count.
    std::string dots(200, '.');
    std::string ok = "format = 1 # " + dots + "\nid = \"a" + "\"\nversion = \"" + dots + "\"\nname.en = '" + dots
        + "'\nnote.en = \"\"\"\n" + dots + "\n\\\"\"\"\"\"\nnote.nl = '''" + dots + "'''\ncitation = \"a.b\\\"" + dots
        + "\"\n[rating_unit]\nkind = \"session\"\n";
    LoadResult r = loadFromString(ok, "dots.toml");
    CHECK(r.diagnostics.empty());
    CHECK(r.scheme.version == dots);
}

TEST_CASE("a large file full of problems reports them all (checks stay linear)", "[robustness]")
{
    std::string text = "format = 1\nid = \"big\"\nversion = \"1\"\nname.en = \"Big\"\n[rating_unit]\nkind = \"session\"\n"
                       "[[targets]]\nid = \"client\"\nkind = \"member\"\n";
    const int n = 5000;
    for (int i = 0; i < n; ++i)
        text += "[[dimensions]]\nid = \"D" + std::to_string(i) + "\"\ntarget = \"client\"\nname.en = \"d\"\n";
    for (int i = 0; i < n; ++i)
        text += "[[items]]\nid = \"i" + std::to_string(i) + "\"\nkind = \"event\"\ndimension = \"E" + std::to_string(i)
            + "\"\nlabel.en = \"x\"\nsee_also = [\"j" + std::to_string(i) + "\"]\n";
    LoadResult r = loadFromString(text, "big.toml");
    REQUIRE(r.diagnostics.size() == 2 * n);
    CHECK(r.diagnostics[0].message.rfind("item 'i0': unknown dimension 'E0'", 0) == 0);
    CHECK(r.diagnostics.back().message.rfind("item 'i4999': 'see_also' names unknown item 'j4999'", 0) == 0);
}
