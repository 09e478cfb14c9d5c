#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/cli.h"
#include "tests/app_cli/cli_test_support.h"

using namespace app::cli;

namespace {
using cli_test::Run;
using cli_test::run;

std::string shipped(const char* name) { return std::string(BONDLINE_SCHEMES_SOURCE_DIR) + "/" + name; }

using cli_test::writeFile;

const char* kBadScheme = R"(format = 1
id = "bad"
version = "1"
name.en = "Bad"
[rating_unit]
kind = "session"
[[targets]]
id = "client"
kind = "member"
[[dimensions]]
id = "ENG"
target = "client"
name.en = "Engagement"
[[items]]
id = "a"
kind = "event"
dimenson = "ENG"
label.en = "A"
)";
} // namespace

TEST_CASE("scheme check: the shipped schemes are clean", "[cli][scheme]")
{
    Run r = run({"scheme", "check", shipped("softa-o-client.toml"), shipped("tabbs.toml")});
    CHECK(r.code == Ok);
    CHECK(r.err == "");
    CHECK(r.out.find(shipped("softa-o-client.toml") + ": ok (softa-o-client 0.1.0, sha256:") == 0);
    CHECK(r.out.find(shipped("tabbs.toml") + ": ok (tabbs 0.1.0, sha256:") != std::string::npos);
}

TEST_CASE("scheme check: every problem as file:line:col: message, exit 1", "[cli][scheme]")
{
    std::string bad = writeFile("cli-bad-scheme.toml", kBadScheme);
    Run r = run({"scheme", "check", bad, shipped("tabbs.toml")});
    CHECK(r.code == UserError);
    CHECK(r.out.find(bad + ":14:1: item 'a': missing required key 'dimension'\n" + bad
                     + ":17:1: unknown key 'dimenson' in item 'a' (did you mean 'dimension'?)\n")
          == 0);
    CHECK(r.out.find("tabbs.toml: ok") != std::string::npos);
    CHECK(r.err == "bondline-cli: scheme check: 2 problems in 1 file\n");

    std::string empty = writeFile("cli-empty-scheme.toml", "");
    Run e = run({"scheme", "check", empty, "/nonexistent/s.toml"});
    CHECK(e.code == UserError);
    CHECK(e.out == empty + ": the file is empty\n/nonexistent/s.toml: cannot open the file\n");
}

TEST_CASE("scheme check --json", "[cli][scheme]")
{
    std::string bad = writeFile("cli-bad-scheme.toml", kBadScheme);
    Run r = run({"scheme", "check", bad, "--json"});
    CHECK(r.code == UserError);
    CHECK(r.out.rfind("{\"ok\":false,\"problems\":2,\"files\":[{\"file\":\"" + bad + "\",\"ok\":false,\"id\":\"bad\"", 0) == 0);
    CHECK(r.out.find("{\"file\":\"" + bad + "\",\"line\":17,\"column\":1,\"message\":\"unknown key 'dimenson' in item 'a' (did you mean 'dimension'?)\"}") != std::string::npos);
    Run ok = run({"scheme", "check", shipped("rupture-3rs.toml"), "--json"});
    CHECK(ok.code == Ok);
    CHECK(ok.out.rfind("{\"ok\":true,\"problems\":0,", 0) == 0);
    CHECK(ok.out.find("\"content_hash\":\"sha256:") != std::string::npos);
}

TEST_CASE("scheme check with an override file", "[cli][scheme]")
{
    std::string good = writeFile("cli-nl.toml", "overrides = \"softa-o-client\"\n[items.\"ENG+goals\"]\nlabel.nl = \"x\"\n");
    CHECK(run({"scheme", "check", shipped("softa-o-client.toml"), "--override", good}).code == Ok);
    std::string bad = writeFile("cli-nl-bad.toml", "overrides = \"softa-o-client\"\n[items.\"ENG+goalz\"]\nlabel.nl = \"x\"\n");
    Run r = run({"scheme", "check", shipped("softa-o-client.toml"), "--override", bad});
    CHECK(r.code == UserError);
    CHECK(r.out == bad + ":2:8: unknown item 'ENG+goalz' (did you mean 'ENG+goals'?)\n");
    CHECK(run({"scheme", "check", shipped("tabbs.toml"), shipped("tabbs.toml"), "--override", good}).code == UsageError);
}

TEST_CASE("scheme show, list and usage errors", "[cli][scheme]")
{
    Run s = run({"scheme", "show", shipped("softa-o-client.toml"), "--lang", "nl"});
    CHECK(s.code == Ok);
    CHECK(s.out.rfind("softa-o-client 0.1.0  SOFTA-o: observatiesysteem", 0) == 0);
    CHECK(s.out.find("content hash: sha256:") != std::string::npos);
    CHECK(s.out.find("SSP  Gezamenlijke doelperceptie in het gezin (family, rated on softa7, 5 items)") != std::string::npos);
    Run j = run({"scheme", "show", shipped("tabbs.toml"), "--json"});
    CHECK(j.code == Ok);
    CHECK(j.out.find("\"sessions\":[1,2,3]") != std::string::npos);

    std::string bad = writeFile("cli-bad-scheme.toml", kBadScheme);
    Run sb = run({"scheme", "show", bad});
    CHECK(sb.code == UserError);
    CHECK(sb.err == "bondline-cli: scheme show: " + bad + ":14:1: item 'a': missing required key 'dimension' (and 1 more; run scheme check)\n");

    setenv("BONDLINE_SCHEMES_DIR", BONDLINE_SCHEMES_SOURCE_DIR, 1);
    Run l = run({"scheme", "list"});
    unsetenv("BONDLINE_SCHEMES_DIR");
    CHECK(l.code == Ok);
    CHECK(l.out.find("softa-o-therapist.toml  softa-o-therapist 0.1.0  sha256:") != std::string::npos);

    CHECK(run({"scheme"}).code == UsageError);
    CHECK(run({"scheme", "check"}).code == UsageError);
    CHECK(run({"scheme", "frob"}).code == UsageError);
    CHECK(run({"scheme", "check", "--help"}).out.rfind("usage: bondline-cli scheme check", 0) == 0);
    CHECK(run({"scheme", "--help"}).code == Ok);
}

TEST_CASE("bondline-cli scheme check: exit status of the binary", "[cli][scheme][process]")
{
    std::string exe = BONDLINE_CLI_EXE;
    std::string bad = writeFile("cli-bad-scheme.toml", kBadScheme);
    CHECK(WEXITSTATUS(std::system((exe + " scheme check " + shipped("tpocs-a-child.toml") + " >/dev/null").c_str())) == 0);
    CHECK(WEXITSTATUS(std::system((exe + " scheme check " + bad + " >/dev/null 2>&1").c_str())) == 1);
    // The build copies the shipped schemes next to the binary, so `list` finds them.
    CHECK(WEXITSTATUS(std::system((exe + " scheme list >/dev/null").c_str())) == 0);
}
