#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "coding_schemes/scheme_loader.h"

using namespace schemes;

namespace {
LoadResult softa()
{
    LoadResult r = load(std::string(BONDLINE_SCHEMES_SOURCE_DIR) + "/softa-o-client.toml");
    REQUIRE(r.ok());
    return r;
}

std::string messages(const LoadResult& r)
{
    std::string s;
    for (const Diagnostic& d : r.diagnostics)
        s += d.toString() + "\n";
    return s;
}
} // namespace

TEST_CASE("an override adds manual texts and labels without changing the hash", "[overrides]")
{
    LoadResult r = softa();
    std::string hash = r.scheme.contentHash;
    applyOverrideFromString(r, R"(overrides = "softa-o-client"
base_hash = ")" + hash + R"("

[items."ENG+goals"]
description.en = "Full descriptor text from the licensed manual."
label.nl = "is het eens met de doelen"

[dimensions.SSP]
name.es = "Sentido de compartir el propósito en la familia"

[scales.softa7.anchors]
"0" = { nl = "neutraal" }

[rules.only-positive]
message.de = "Nur positive Indikatoren: Bewertung über 0."
)",
                            "manual.toml");
    CHECK(messages(r) == "");
    const Item* it = r.scheme.findItem("ENG+goals");
    CHECK(textIn(it->description, "en") == "Full descriptor text from the licensed manual.");
    CHECK(textIn(it->label, "nl") == "is het eens met de doelen");
    CHECK(textIn(it->label, "en") == "agrees with the therapist's goals"); // untouched
    CHECK(textIn(r.scheme.findScale("softa7")->anchors[3].label, "nl") == "neutraal");
    CHECK(r.scheme.rules[0].message.count("de") == 1);
    CHECK(r.scheme.contentHash == hash);
    CHECK(r.scheme.overrides == std::vector<std::string>{"manual.toml"});
}

TEST_CASE("override errors: unknown ids, structural keys, another scheme", "[overrides]")
{
    LoadResult r = softa();
    applyOverrideFromString(r, R"(overrides = "softa-o-clinet"

[items."ENG+goalz"]
label.nl = "x"

[items."ENG+plan"]
kind = "flag"
)",
                            "nl.toml");
    CHECK(messages(r)
          == "nl.toml:1:13: this override is for scheme 'softa-o-clinet', not 'softa-o-client'\n"
             "nl.toml:3:8: unknown item 'ENG+goalz' (did you mean 'ENG+goals'?)\n"
             "nl.toml:7:1: unknown key 'kind' in item 'ENG+plan'\n");
    CHECK(r.scheme.findItem("ENG+plan")->kind == ItemKind::Event);

    LoadResult h = softa();
    applyOverrideFromString(h, "overrides = \"softa-o-client\"\nbase_hash = \"sha256:00\"\n", "old.toml");
    REQUIRE(h.diagnostics.size() == 1);
    CHECK(h.diagnostics[0].toString().rfind("old.toml:2:13: 'base_hash' sha256:00 does not match", 0) == 0);

    LoadResult a = softa();
    applyOverrideFromString(a, "overrides = \"softa-o-client\"\n[scales.softa7.anchors]\n\"9\" = { nl = \"x\" }\n", "a.toml");
    CHECK(messages(a) == "a.toml:2:1: scale 'softa7': anchor 9 is not a value of the scale\n");
}

TEST_CASE("override files load from disk", "[overrides]")
{
    std::string path = std::string(BONDLINE_TEST_DATA_DIR) + "/softa-nl-override.toml";
    {
        std::ofstream f(path);
        f << "overrides = \"softa-o-client\"\n[targets.client]\nname.nl = \"ieder gezinslid\"\n";
    }
    LoadResult r = softa();
    applyOverride(r, path);
    CHECK(messages(r) == "");
    CHECK(textIn(r.scheme.findTarget("client")->name, "nl") == "ieder gezinslid");
    applyOverride(r, "/nonexistent/o.toml");
    CHECK(messages(r) == "/nonexistent/o.toml: cannot open the file\n");
}

TEST_CASE("an override file checked as a scheme says what it is", "[overrides]")
{
    LoadResult r = loadFromString("overrides = \"softa-o-client\"\n[items.x]\nlabel.nl = \"y\"\n", "nl.toml");
    CHECK(messages(r) == "nl.toml:1:13: this is an override file, not a scheme; apply it to its scheme "
                         "(scheme check SCHEME --override FILE)\n");
}
