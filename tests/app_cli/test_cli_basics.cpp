#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <limits>

#include <sstream>
#include <string>
#include <vector>

#include "app/cli/arg_parser.h"
#include "app/cli/cli.h"
#include "tests/app_cli/cli_test_support.h"
#include "app/cli/json_writer.h"

using namespace app::cli;

namespace {
using cli_test::Run;
using cli_test::run;
} // namespace

TEST_CASE("no command and unknown commands are usage errors", "[cli]")
{
    CHECK(run({}).code == UsageError);
    Run r = run({"frobnicate"});
    CHECK(r.code == UsageError);
    CHECK(r.err.find("unknown command 'frobnicate'") != std::string::npos);
}

TEST_CASE("--help lists every command and exits 0", "[cli]")
{
    Run r = run({"--help"});
    CHECK(r.code == Ok);
    for (const Command& c : commands())
        CHECK(r.out.find(std::string(c.name)) != std::string::npos);
}

TEST_CASE("every command answers --help with exit 0", "[cli]")
{
    for (const Command& c : commands()) {
        INFO(c.name);
        Run r = run({std::string(c.name), "--help"});
        CHECK(r.code == Ok);
        CHECK(r.out.rfind("usage: bondline-cli " + std::string(c.name), 0) == 0);
    }
}

TEST_CASE("ArgParser: options, inline values, aliases, errors", "[cli]")
{
    std::ostringstream out, err;
    Io io{out, err};
    ArgParser p("bondline-cli x FILE", "test");
    p.flag("json", "json");
    p.option("output", "FILE", "out");
    p.alias("-o", "output");
    int code = -1;

    std::vector<std::string> a{"in.mp4", "-o", "x.png", "--json"};
    REQUIRE(p.parse(a, io, &code));
    CHECK(p.positionals() == std::vector<std::string>{"in.mp4"});
    CHECK(p.value("output") == "x.png");
    CHECK(p.has("json"));

    std::vector<std::string> b{"--output=y.png"};
    REQUIRE(p.parse(b, io, &code));
    CHECK(p.value("output") == "y.png");
    CHECK_FALSE(p.has("json"));

    std::vector<std::string> c{"--output"};
    CHECK_FALSE(p.parse(c, io, &code));
    CHECK(code == UsageError);

    std::vector<std::string> d{"--nope"};
    CHECK_FALSE(p.parse(d, io, &code));
    CHECK(code == UsageError);
    CHECK(err.str().find("unknown option --nope") != std::string::npos);
}

TEST_CASE("JsonWriter: nesting, escaping, non-finite numbers", "[cli]")
{
    std::ostringstream os;
    JsonWriter w(os);
    w.beginObject()
        .field("s", "a\"b\\c\n")
        .field("i", 42)
        .field("d", 0.1)
        .field("inf", std::numeric_limits<double>::infinity())
        .field("nan", std::numeric_limits<double>::quiet_NaN())
        .key("arr").beginArray().value(1).value(true).null().endArray()
        .endObject();
    CHECK(os.str() == "{\"s\":\"a\\\"b\\\\c\\n\",\"i\":42,\"d\":0.1,\"inf\":\"inf\",\"nan\":null,"
                      "\"arr\":[1,true,null]}\n");
}

TEST_CASE("the bondline-cli binary follows the exit-status contract", "[cli][process]")
{
    std::string exe = BONDLINE_CLI_EXE;
    CHECK(WEXITSTATUS(std::system((exe + " version >/dev/null").c_str())) == 0);
    CHECK(WEXITSTATUS(std::system((exe + " nope 2>/dev/null").c_str())) == 2);
}
