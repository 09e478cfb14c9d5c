// Malformed scheme files: each case changes one thing in a small valid scheme and
// asserts the exact file:line:col: message list the validator reports.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "coding_schemes/scheme_loader.h"

using namespace schemes;

namespace {

// Line numbers matter: the expected messages below refer to them.
const std::string kBase = R"(format = 1
id = "mini"
version = "1"
name.en = "Mini"

[[targets]]
id = "client"
kind = "member"

[[targets]]
id = "family"
kind = "family"

[[scales]]
id = "s7"
min = -3
max = 3
anchors = { "-3" = { en = "low" }, "3" = { en = "high" } }

[rating_unit]
kind = "session"

[[dimensions]]
id = "ENG"
target = "client"
scale = "s7"
name.en = "Engagement"

[[dimensions]]
id = "SSP"
target = "family"
scale = "s7"
name.en = "Shared purpose"

[[items]]
id = "eng-plus"
kind = "event"
dimension = "ENG"
polarity = "+"
label.en = "plus"

[[items]]
id = "eng-minus"
kind = "event"
dimension = "ENG"
polarity = "-"
label.en = "minus"

[[rules]]
id = "only-positive"
positive = "> 0"
negative = "== 0"
rating = "> 0"
message.en = "should be above 0"

[[scores]]
id = "split"
kind = "spread"
of = ["ENG"]
threshold = 2
label.en = "split"
)";

std::string replaced(std::string s, const std::string& from, const std::string& to)
{
    auto pos = s.find(from);
    REQUIRE(pos != std::string::npos);
    return s.replace(pos, from.size(), to);
}

std::vector<std::string> check(const std::string& text)
{
    std::vector<std::string> out;
    for (const Diagnostic& d : loadFromString(text, "mini.toml").diagnostics)
        out.push_back(d.toString());
    return out;
}

using V = std::vector<std::string>;

} // namespace

TEST_CASE("the base scheme of the validator tests is valid", "[validator]")
{
    CHECK(check(kBase) == V{});
    LoadResult r = loadFromString(kBase, "mini.toml");
    CHECK(r.scheme.items.size() == 2);
    CHECK(r.scheme.findItem("eng-plus")->loc.line == 35);
}

TEST_CASE("validator: unknown keys with did-you-mean", "[validator]")
{
    CHECK(check(replaced(kBase, "polarity = \"+\"", "polarty = \"+\""))
          == V{"mini.toml:39:1: unknown key 'polarty' in item 'eng-plus' (did you mean 'polarity'?)"});
    CHECK(check(replaced(kBase, "version = \"1\"", "version = \"1\"\ncolour = \"red\""))
          == V{"mini.toml:4:1: unknown key 'colour'"});
    CHECK(check(replaced(kBase, "[rating_unit]\nkind", "[rating_unit]\nknd"))
          == V{"mini.toml:20:1: rating unit: missing required key 'kind'",
               "mini.toml:21:1: unknown key 'knd' in rating unit (did you mean 'kind'?)"});
}

TEST_CASE("validator: duplicate ids and dangling references", "[validator]")
{
    CHECK(check(replaced(kBase, "id = \"eng-minus\"", "id = \"eng-plus\""))
          == V{"mini.toml:42:1: duplicate id 'eng-plus' (item at line 35)"});
    // A dimension and an item may not share an id: scores refer to both by bare id.
    CHECK(check(replaced(kBase, "id = \"eng-minus\"", "id = \"ENG\""))
          == V{"mini.toml:42:1: duplicate id 'ENG' (dimension at line 23)"});
    CHECK(check(replaced(kBase, "dimension = \"ENG\"", "dimension = \"ENGG\""))
          == V{"mini.toml:38:13: item 'eng-plus': unknown dimension 'ENGG' (did you mean 'ENG'?)"});
    CHECK(check(replaced(kBase, "target = \"client\"", "target = \"clinet\""))
          == V{"mini.toml:25:10: dimension 'ENG': unknown target 'clinet' (did you mean 'client'?)"});
    CHECK(check(replaced(kBase, "scale = \"s7\"", "scale = \"s5\""))
          == V{"mini.toml:26:9: dimension 'ENG': unknown scale 's5' (did you mean 's7'?)"});
    CHECK(check(replaced(kBase, "label.en = \"plus\"", "label.en = \"plus\"\nsee_also = [\"eng-minus\", \"eng-mnus\"]"))
          == V{"mini.toml:41:26: item 'eng-plus': 'see_also' names unknown item 'eng-mnus' (did you mean 'eng-minus'?)"});
    CHECK(check(replaced(kBase, "of = [\"ENG\"]", "of = [\"ENX\"]"))
          == V{"mini.toml:59:7: score 'split': unknown dimension, item or score 'ENX' (did you mean 'ENG'?)"});
}

TEST_CASE("validator: a rule that names an unknown item", "[validator]")
{
    CHECK(check(replaced(kBase, "negative = \"== 0\"", "items = [\"eng-pluss\"]\nnegative = \"== 0\""))
          == V{"mini.toml:52:10: rule 'only-positive': unknown item 'eng-pluss' (did you mean 'eng-plus'?)"});
    CHECK(check(replaced(kBase, "rating = \"> 0\"", "rating = \"above zero\""))
          == V{"mini.toml:53:10: rule 'only-positive': 'rating' must be a comparison such as \"> 0\" or \"== 0\" (got 'above zero')"});
    CHECK(check(replaced(kBase, "negative = \"== 0\"", "dimensions = [\"SSP\"]\nitems = [\"eng-plus\"]"))
          == V{"mini.toml:53:10: rule 'only-positive': item 'eng-plus' belongs to dimension 'ENG', which the rule does not check"});
    CHECK(check(replaced(kBase, "negative = \"== 0\"", "dimensions = [\"SSP\", \"XYZ\"]"))
          == V{"mini.toml:52:22: rule 'only-positive': unknown dimension 'XYZ'"});
}

TEST_CASE("validator: scale anchors outside the range or off a step", "[validator]")
{
    CHECK(check(replaced(kBase, "\"3\" = { en = \"high\" }", "\"4\" = { en = \"high\" }"))
          == V{"mini.toml:18:36: scale 's7': anchor 4 is outside the range -3..3"});
    CHECK(check(replaced(kBase, "\"3\" = { en = \"high\" }", "\"0.5\" = { en = \"half\" }"))
          == V{"mini.toml:18:36: scale 's7': anchor 0.5 is not on a step of 1 from -3"});
    CHECK(check(replaced(kBase, "max = 3", "max = -4"))
          == V{"mini.toml:17:7: scale 's7': max (-4) must be greater than min (-3)"});
    CHECK(check(replaced(kBase, "min = -3", "min = \"-3\""))
          == V{"mini.toml:16:7: scale 's7': 'min' must be a number, not a string"});
}

TEST_CASE("validator: a family-level item in a per-member dimension", "[validator]")
{
    CHECK(check(replaced(kBase, "label.en = \"plus\"", "target = \"family\"\nlabel.en = \"plus\""))
          == V{"mini.toml:40:10: item 'eng-plus' is family-level (target 'family') but dimension 'ENG' is rated per member (target 'client')"});
    CHECK(check(replaced(kBase, "of = [\"ENG\"]", "of = [\"SSP\"]"))
          == V{"mini.toml:56:1: score 'split': a spread score needs a per-participant input, not the family as a whole"});
}

TEST_CASE("validator: missing English texts and required keys", "[validator]")
{
    CHECK(check(replaced(kBase, "label.en = \"minus\"", "label.nl = \"min\""))
          == V{"mini.toml:47:1: item 'eng-minus': missing English label ('label.en')"});
    CHECK(check(replaced(kBase, "name.en = \"Mini\"", ""))
          == V{"mini.toml:1:1: missing English name ('name.en')"});
    CHECK(check(replaced(kBase, "message.en = \"should be above 0\"", ""))
          == V{"mini.toml:49:1: rule 'only-positive': missing English message ('message.en')"});
    CHECK(check(replaced(kBase, "[rating_unit]\nkind = \"session\"\n", ""))
          == V{"mini.toml:1:1: missing required key 'rating_unit'"});
    CHECK(check(replaced(kBase, "kind = \"session\"", "kind = \"segment\""))
          == V{"mini.toml:20:1: rating unit: missing required key 'segment_seconds'"});
    CHECK(check(replaced(kBase, "name.en = \"Engagement\"", "name.en = \"\""))
          == V{"mini.toml:27:11: dimension 'ENG': 'name.en' is empty"});
}

TEST_CASE("validator: enumerations and kinds", "[validator]")
{
    CHECK(check(replaced(kBase, "kind = \"event\"", "kind = \"evnt\""))
          == V{"mini.toml:37:8: item 'eng-plus': 'kind' must be one of event, flag, rated, state (got 'evnt') (did you mean 'event'?)"});
    CHECK(check(replaced(kBase, "polarity = \"+\"", "polarity = \"+\"\nreverse = true"))
          == V{"mini.toml:40:11: item 'eng-plus': only rated items can be reverse-scored"});
    CHECK(check(replaced(kBase, "format = 1", "format = 2"))
          == V{"mini.toml:1:10: unsupported scheme format 2 (this version reads format 1)"});
    CHECK(check(replaced(kBase, "id = \"mini\"", "id = \"mini scheme\""))
          == V{"mini.toml:2:6: id 'mini scheme' must be 1-64 letters, digits, '_', '.', '+' or '-'"});
    CHECK(check(replaced(kBase, "threshold = 2", "threshold = -1"))
          == V{"mini.toml:60:13: score 'split': 'threshold' must not be negative"});
}

TEST_CASE("validator: wrong shapes, misplaced keys and score inputs", "[validator]")
{
    CHECK(check(replaced(kBase, "label.en = \"plus\"", "label.en = \"plus\"\nsee_also = [\"eng-minus\", 3]"))
          == V{"mini.toml:41:26: item 'eng-plus': 'see_also' must hold only strings, not an integer"});
    CHECK(check(replaced(kBase, "positive = \"> 0\"\nnegative = \"== 0\"\n", ""))
          == V{"mini.toml:49:1: rule 'only-positive': needs at least one count condition ('positive', 'negative' or 'total')"});
    CHECK(check(replaced(kBase, "kind = \"session\"", "kind = \"session\"\nsegment_seconds = 300"))
          == V{"mini.toml:22:19: rating unit: 'segment_seconds' applies only to kind = \"segment\""});
    CHECK(check(replaced(kBase, "kind = \"family\"", "kind = \"family\"\nmin_members_present = 0"))
          == V{"mini.toml:13:23: target 'family': 'min_members_present' must be between 1 and 100 (got 0)"});
    CHECK(check(replaced(kBase, "threshold = 2\nlabel.en = \"split\"",
                         "label.en = \"split\"\n[[scores]]\nid = \"m\"\nkind = \"mean\"\nof = [\"ENG\"]\nthreshold = 1\nlabel.en = \"m\""))
          == V{"mini.toml:65:13: score 'm': only spread scores have a threshold"});
    CHECK(check(replaced(kBase, "of = [\"ENG\"]\nthreshold = 2\nlabel.en = \"split\"",
                         "of = [\"later\"]\nlabel.en = \"x\"\n[[scores]]\nid = \"later\"\nkind = \"mean\"\nof = [\"ENG\"]\nlabel.en = \"l\""))
          == V{"mini.toml:59:7: score 'split': score 'later' must be defined before it is used"});
    CHECK(check(replaced(kBase, "[[rules]]", "[rules]"))
          == V{"mini.toml:49:1: 'rules' must be an array of tables ([[rules]]), not a table"});
}

TEST_CASE("validator: keyboard keys are unique", "[validator]")
{
    std::string s = replaced(kBase, "label.en = \"plus\"", "key = \"k\"\nlabel.en = \"plus\"");
    s = replaced(s, "label.en = \"minus\"", "key = \"k\"\nlabel.en = \"minus\"");
    CHECK(check(s) == V{"mini.toml:48:7: item 'eng-minus': key 'k' is already used by item 'eng-plus'"});
}

TEST_CASE("validator: a digit is not an item key (digits select the actor and target)", "[validator]")
{
    const std::string s = replaced(kBase, "label.en = \"plus\"", "key = \"3\"\nlabel.en = \"plus\"");
    const auto errors = check(s);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("mini.toml:") == 0);
    CHECK(errors[0].find("item 'eng-plus': key '3' is a digit") != std::string::npos);
}

TEST_CASE("validator: a state item (a behaviour with a duration) is valid and keeps its key", "[validator]")
{
    const std::string s = replaced(kBase, "kind = \"event\"", "kind = \"state\"");
    CHECK(check(s).empty());
}

TEST_CASE("validator: TOML syntax errors keep the file:line:col format", "[validator]")
{
    V v = check(replaced(kBase, "kind = \"session\"", "kind = \"session"));
    REQUIRE(v.size() == 1);
    CHECK(v[0].rfind("mini.toml:21:", 0) == 0);
    CHECK(v[0].find(": TOML syntax error: ") != std::string::npos);

    v = check(replaced(kBase, "version = \"1\"", "version = \"1\"\nversion = \"2\""));
    CHECK(v == V{"mini.toml:4:11: TOML syntax error: Error while parsing key-value pair: cannot redefine existing string 'version'"});

    v = check("id = \"\xff\xfe\"\n");
    REQUIRE(v.size() == 1);
    CHECK(v[0].rfind("mini.toml:1:", 0) == 0);
}

TEST_CASE("validator: every problem is reported, in file order", "[validator]")
{
    std::string s = replaced(kBase, "polarity = \"+\"", "polarty = \"+\"");
    s = replaced(s, "dimension = \"ENG\"", "dimension = \"ENGG\"");
    s = replaced(s, "\"3\" = { en = \"high\" }", "\"4\" = { en = \"high\" }");
    s = replaced(s, "label.en = \"minus\"", "label.nl = \"min\"");
    CHECK(check(s) == V{
        "mini.toml:18:36: scale 's7': anchor 4 is outside the range -3..3",
        "mini.toml:38:13: item 'eng-plus': unknown dimension 'ENGG' (did you mean 'ENG'?)",
        "mini.toml:39:1: unknown key 'polarty' in item 'eng-plus' (did you mean 'polarity'?)",
        "mini.toml:47:1: item 'eng-minus': missing English label ('label.en')",
    });
}
