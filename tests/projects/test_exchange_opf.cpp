// Datavyu .opf import on generated archives of the structure Datavyu writes.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <algorithm>

#include "projects/exchange_opf.h"
#include "projects/store.h"
#include "tests/projects/project_fixture.h"

using namespace projects;
namespace fs = std::filesystem;

namespace {

void put16(std::string& s, uint32_t v)
{
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& s, uint32_t v)
{
    put16(s, v & 0xffff);
    put16(s, v >> 16);
}

// A zip archive of `members` (name, bytes), deflated or stored.
std::string makeZip(const std::vector<std::pair<std::string, std::string>>& members, bool packed_)
{
    std::string out, central;
    for (const auto& [name, data] : members) {
        std::string packed = data;
        if (packed_) {
            z_stream z{};
            REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
            packed.assign(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
            z.avail_in = static_cast<uInt>(data.size());
            z.next_out = reinterpret_cast<Bytef*>(packed.data());
            z.avail_out = static_cast<uInt>(packed.size());
            REQUIRE(::deflate(&z, Z_FINISH) == Z_STREAM_END);
            packed.resize(z.total_out);
            deflateEnd(&z);
        }
        const uint32_t crc = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
        const uint32_t offset = static_cast<uint32_t>(out.size());
        out += "PK\x03\x04";
        put16(out, 20);
        put16(out, 0);
        put16(out, packed_ ? 8 : 0);
        put32(out, 0);
        put32(out, crc);
        put32(out, static_cast<uint32_t>(packed.size()));
        put32(out, static_cast<uint32_t>(data.size()));
        put16(out, static_cast<uint32_t>(name.size()));
        put16(out, 0);
        out += name + packed;
        central += "PK\x01\x02";
        put16(central, 20);
        put16(central, 20);
        put16(central, 0);
        put16(central, packed_ ? 8 : 0);
        put32(central, 0);
        put32(central, crc);
        put32(central, static_cast<uint32_t>(packed.size()));
        put32(central, static_cast<uint32_t>(data.size()));
        put16(central, static_cast<uint32_t>(name.size()));
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put32(central, 0);
        put32(central, offset);
        central += name;
    }
    const uint32_t cdOffset = static_cast<uint32_t>(out.size());
    out += central;
    out += "PK\x05\x06";
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<uint32_t>(members.size()));
    put16(out, static_cast<uint32_t>(members.size()));
    put32(out, static_cast<uint32_t>(central.size()));
    put32(out, cdOffset);
    put16(out, 0);
    return out;
}

std::string crlf(const std::string& s)
{
    std::string out;
    for (char c : s) {
        if (c == '\n')
            out += '\r';
        out += c;
    }
    return out;
}

// Version 4: a matrix column (two codes), a text column with a comma and a line break
// (escaped), a nominal column; one matrix cell carries a third value.
const std::string kDb4 = "#4\n"
                         "Looking (MATRIX,true,gaze codes)-target|nominal,who|nominal\n"
                         "00:00:01:000,00:00:02:500,(toy,mother)\n"
                         "00:00:03:000,00:00:00:000,(<target>,child)\n"
                         "00:01:04:250,00:01:05:000,(face,mother,extra)\n"
                         "Notes (TEXT,true,)\n"
                         "00:00:05:000,00:00:06:000,laughs\\, then\\\n"
                         "looks away\n"
                         "Affect (NOMINAL,false,)\n"
                         "00:00:07:000,00:00:08:000,positive\n";

const char* kProjectYaml = "!project\n"
                           "dbFile: db\n"
                           "name: infant study 12\n"
                           "origpath: /Users/lab/Desktop\n"
                           "version: 5\n"
                           "viewerSettings:\n"
                           "- !vs\n"
                           "  classifier: datavyu.video\n"
                           "  feed: /Users/lab/Desktop/session12.mov\n"
                           "  settingsId: '1'\n";

fs::path opfPath(const std::string& name)
{
    const fs::path p = fixture::freshPath(name);
    fs::remove(p);
    return p;
}

std::map<RowId, std::string> codes(const ProjectData& d)
{
    std::map<RowId, std::string> out;
    for (const auto& p : d.participants)
        out[p.id] = p.code;
    return out;
}

} // namespace

TEST_CASE("Datavyu .opf: each column an item, each cell a coding with its values in the comment", "[exchange][opf]")
{
    const fs::path file = opfPath("infant-12.opf");
    // Inside one folder (older Datavyu), beside macOS resource forks and viewer settings; CRLF.
    fixture::writeAll(file, makeZip({{"infant-12/", ""},
                                     {"infant-12/project", kProjectYaml},
                                     {"infant-12/db", crlf(kDb4)},
                                     {"__MACOSX/infant-12/._db", "junk"},
                                     {"infant-12/1.vs", "viewer"}},
                                    true));
    ImportNotes notes;
    const ProjectData d = importOpf(file, {}, &notes);
    REQUIRE(d.cases.size() == 1);
    CHECK(d.cases[0].code == "infant-12");
    REQUIRE(d.sessions.size() == 1);
    CHECK(d.sessions[0].label == "infant study 12");
    REQUIRE(d.media.size() == 1);
    CHECK(fs::path(d.media[0].path).filename() == "session12.mov");
    REQUIRE(d.codings.size() == 5);
    const auto who = codes(d);
    CHECK(d.codings[0].item == "Looking");
    CHECK(who.at(d.codings[0].actorId) == "unassigned");
    CHECK(d.codings[0].onsetUs == 1'000'000);
    CHECK(d.codings[0].offsetUs == 2'500'000);
    CHECK(d.codings[0].comment == "target=toy; who=mother");
    CHECK_FALSE(d.codings[1].offsetUs); // offset 0: a point
    CHECK(d.codings[1].comment == "who=child"); // "<target>" is Datavyu's empty placeholder
    CHECK(d.codings[2].onsetUs == 64'250'000);
    CHECK(d.codings[2].comment == "target=face; who=mother; extra");
    CHECK(d.codings[3].item == "Notes");
    CHECK(d.codings[3].comment == "laughs, then\nlooks away");
    CHECK(d.codings[4].item == "Affect");
    CHECK(d.codings[4].comment == "positive");
    REQUIRE(notes.warnings.size() == 1);
    CHECK(notes.warnings[0].find("column \"Looking\": 1 cell(s) with more values than the column declares (2)") != std::string::npos);

    // Into a store, twice: the second adds nothing.
    Store store = Store::create(fixture::freshPath("opf-into.bondline"));
    const auto first = store.importData(d);
    CHECK(first.conflicts.empty());
    CHECK(store.codingCount() == 5);
    const auto again = store.importData(importOpf(file));
    CHECK(again.inserted == 0);
    CHECK(store.codingCount() == 5);
}

TEST_CASE("Datavyu .opf: a column map makes columns participants or items, versions #2 and #3", "[exchange][opf]")
{
    const fs::path file = opfPath("opf-map.opf");
    const std::string db2 = "#2\n"
                            "Mother (MATRIX)-behaviour|nominal\n"
                            "00:00:01:000,00:00:02:000,(smiles)\n"
                            "Touch (MATRIX)-who|nominal,how|nominal\n"
                            "00:00:03:000,00:00:04:000,(child,gentle)\n";
    fixture::writeAll(file, makeZip({{"db", db2}, {"project", "name: x\n"}}, false));
    OpfOptions options;
    options.columnMap["Mother"] = OpfOptions::Column::Participant;
    options.columnMap["Touch"] = OpfOptions::Column::Item;
    const ProjectData d = importOpf(file, options);
    REQUIRE(d.codings.size() == 2);
    const auto who = codes(d);
    CHECK(who.at(d.codings[0].actorId) == "Mother");
    CHECK(d.codings[0].item == "smiles");
    CHECK(who.at(d.codings[1].actorId) == "child");
    CHECK(d.codings[1].item == "Touch");
    CHECK(d.codings[1].comment == "how=gentle");

    const auto d3 = parseDatavyuDb("#3\nA (NOMINAL,true)\n00:00:00:500,00:00:00:900,x\n", "db3");
    REQUIRE(d3.codings.size() == 1);
    CHECK(d3.codings[0].offsetUs == 900'000);
}

TEST_CASE("Datavyu .opf: bad input is one line naming the file", "[exchange][opf][errors]")
{
    const fs::path file = opfPath("opf-bad.opf");
    auto errorOf = [&](const std::string& bytes) -> std::string {
        fixture::writeAll(file, bytes);
        try {
            importOpf(file);
        } catch (const ProjectError& e) {
            return e.what();
        }
        return "no error";
    };
    CHECK(errorOf("not a zip") == file.string() + ": not a Datavyu project: not a zip archive");
    const std::string zip = makeZip({{"db", kDb4}}, true);
    CHECK(errorOf(zip.substr(0, zip.size() / 2)).rfind(file.string() + ": not a Datavyu project: damaged zip archive", 0) == 0);
    CHECK(errorOf(makeZip({{"other", "x"}}, false)) == file.string() + ": not a Datavyu project (no \"db\" member in the archive)");
    const std::string bad = errorOf(makeZip({{"db", "#4\nA (TEXT,true,)\n00:00:1x:000,00:00:02:000,a\n"}}, false));
    CHECK(bad == file.string() + ": db:3: \"00:00:1x:000\" is not a time HH:MM:SS:mmm");
    CHECK(errorOf(makeZip({{"db", "#9\n"}}, false)).find("Datavyu data format \"#9\" is not known") != std::string::npos);
}
