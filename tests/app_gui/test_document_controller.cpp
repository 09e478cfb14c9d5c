// The document layer without a window: commands -> DocumentState -> the project file.
// A real SQLite project with the shipped rupture scheme (point flags, state items and a
// directed item), driven through Controller exactly as the key handler drives it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "app/gui/controller.h"
#include "app/gui/key_settings.h"
#include "app/gui/player_port.h"
#include "coding_schemes/scheme_loader.h"
#include "projects/sqlite_db.h"
#include "projects/store.h"
#include "tests/codec/audio_fixtures.h"
#include "tests/codec/raw_yuv_source.h"

using namespace app;
namespace fs = std::filesystem;

namespace {

std::string readFile(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Project {
    fs::path file;
    projects::RowId session = 0, anna = 0, bram = 0, scheme = 0;
    projects::RowId mother = 0, father = 0, youth = 0, therapist = 0;
};

Project makeProject(const std::string& name)
{
    Project p;
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "app_gui";
    fs::create_directories(dir);
    p.file = dir / name;
    for (const char* s : {"", "-wal", "-shm"})
        fs::remove(fs::path(p.file.string() + s));
    projects::Store s = projects::Store::create(p.file);
    auto kase = s.addCase({.code = "F017"});
    p.mother = s.addParticipant({.caseId = kase.id, .code = "M", .role = projects::Role::Mother}).id;
    p.father = s.addParticipant({.caseId = kase.id, .code = "F", .role = projects::Role::Father}).id;
    p.youth = s.addParticipant({.caseId = kase.id, .code = "Y", .role = projects::Role::Youth}).id;
    p.therapist = s.addParticipant({.caseId = kase.id, .code = "T", .role = projects::Role::Therapist}).id;
    projects::Session sess;
    sess.caseId = kase.id;
    sess.number = 1;
    sess.attended = {p.mother, p.youth, p.therapist}; // the father is absent
    p.session = s.addSession(sess).id;
    p.anna = s.addCoder({.name = "anna"}).id;
    p.bram = s.addCoder({.name = "bram"}).id;
    const std::string text = readFile(fs::path(BONDLINE_SCHEMES_SOURCE_DIR) / "rupture-3rs.toml");
    p.scheme = s.addScheme({.schemeId = "rupture-3rs", .version = "0.2.0", .contentHash = schemes::contentHash(text),
                            .sourceText = text})
                   .id;
    s.addAssignment({.sessionId = p.session, .coderId = p.anna, .schemeRefId = p.scheme});
    s.addAssignment({.sessionId = p.session, .coderId = p.bram, .schemeRefId = p.scheme});
    return p;
}

// A controller without media: the frame shown is set directly, as MediaController would.
struct Rig {
    Workspace ws;
    Controller c{ws, nullptr};
    uint32_t clockMs = 10'000;

    void at(int64_t frame) // 25 fps
    {
        ws.playhead.frameIndex = frame;
        ws.playhead.timeUs = frame * 40'000;
    }
    void key(const std::string& k, uint32_t afterMs = 500)
    {
        clockMs += afterMs;
        c.apply(CodeKey{k, clockMs});
    }
    void digit(int n) { c.apply(DigitKey{n}); }
    // Point codings with `k` on each of `frames`, for the actor selected.
    void codeAt(std::initializer_list<int> frames, const std::string& k = "d")
    {
        for (int f : frames) {
            at(f);
            key(k);
        }
    }
};

// Opens the project and coder `coder`'s assignment of F017/1 (of `scheme` when given).
void openAssignment(Rig& r, const Project& p, const std::string& coder = "anna", const std::string& scheme = {})
{
    r.c.document().openProject(p.file);
    const auto a = r.c.document().findAssignment("F017/1", coder, scheme);
    r.c.apply(OpenSession{a.sessionId, a.coderId, a.schemeRefId});
}

std::vector<projects::Coding> stored(const Project& p, projects::RowId coder)
{
    projects::Store s = projects::Store::open(p.file);
    auto v = s.codings(p.session, coder);
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.onsetUs < b.onsetUs; });
    return v;
}

} // namespace

TEST_CASE("keyboard coding: digits pick the actor, keys code on the frame shown, each stored at once", "[document]")
{
    const Project p = makeProject("doc-keys.bondline");
    Rig r;
    DocumentController& doc = r.c.document();
    doc.openProject(p.file);
    const auto a = doc.findAssignment("F017/1", "anna");
    r.c.apply(OpenSession{a.sessionId, a.coderId, a.schemeRefId});
    REQUIRE(r.ws.doc.sessionOpen());
    // Actors are those present, in session order: 1 = M, 2 = Y, 3 = T (F is absent).
    REQUIRE(r.ws.doc.actors.size() == 3);
    CHECK(r.ws.doc.actors[1].participant.code == "Y");

    // Without an actor, a key codes nothing and says why.
    r.at(10);
    r.key("d");
    CHECK(r.ws.doc.codings.empty());
    CHECK(r.ws.doc.status.error);

    r.digit(2); // Y
    CHECK(r.ws.doc.selectedActor == 1);
    r.key("d"); // W-denial, a point flag
    REQUIRE(r.ws.doc.codings.size() == 1);
    CHECK(r.ws.doc.codings[0].item == "W-denial");
    CHECK(r.ws.doc.codings[0].actorId == p.youth);
    CHECK(r.ws.doc.codings[0].onsetUs == 400'000);
    CHECK_FALSE(r.ws.doc.codings[0].targetId);
    // Committed before it was shown: a second connection sees it.
    CHECK(stored(p, p.anna).size() == 1);

    // A second press of the same item for the same actor within 150 ms is ignored ...
    r.at(11);
    r.key("d", 90);
    CHECK(r.ws.doc.codings.size() == 1);
    CHECK(r.ws.doc.status.text.find("double press") != std::string::npos);
    // ... but not after 150 ms, nor for another actor.
    r.key("d", 200);
    CHECK(r.ws.doc.codings.size() == 2);
    r.digit(1);
    r.key("d", 20);
    CHECK(r.ws.doc.codings.size() == 3);

    // The actor stays selected until another digit; a digit with nobody there says so.
    r.digit(9);
    CHECK(r.ws.doc.selectedActor == 0);
    CHECK(r.ws.doc.status.error);

    // A key the scheme does not bind codes nothing.
    r.key("q");
    CHECK(r.ws.doc.codings.size() == 3);
    CHECK(stored(p, p.anna).size() == 3);
}

TEST_CASE("a state item starts on its key and ends on the next press for the same actor", "[document]")
{
    const Project p = makeProject("doc-state.bondline");
    Rig r;
    openAssignment(r, p, "anna", "rupture-3rs");
    r.digit(1);
    r.at(100);
    r.key("w"); // W-episode starts for M
    r.digit(2);
    r.at(120);
    r.key("w"); // and for Y: a separate state
    REQUIRE(r.ws.doc.codings.size() == 2);
    CHECK(r.ws.doc.isOpenState(r.ws.doc.codings[0]));
    // Stored as open (no offset) at once: a crash now loses nothing.
    CHECK_FALSE(stored(p, p.anna)[0].offsetUs);

    r.digit(1);
    r.at(250);
    r.key("w"); // M's episode ends on frame 250
    const auto v = stored(p, p.anna);
    REQUIRE(v.size() == 2);
    CHECK(v[0].actorId == p.mother);
    CHECK(v[0].onsetUs == 4'000'000);
    REQUIRE(v[0].offsetUs);
    CHECK(*v[0].offsetUs == 10'000'000);
    CHECK_FALSE(v[1].offsetUs); // Y's is still open

    // An open state can be closed or dropped on request.
    const std::string yUuid = v[1].uuid;
    r.at(300);
    r.c.apply(CloseOpenState{yUuid});
    CHECK(*stored(p, p.anna)[1].offsetUs == 12'000'000);
    r.c.apply(Undo{});
    r.c.apply(DropOpenState{yUuid});
    CHECK(stored(p, p.anna).size() == 1);
}

TEST_CASE("a directed item takes the next digit as its target; Escape stores it without one", "[document]")
{
    const Project p = makeProject("doc-directed.bondline");
    Rig r;
    openAssignment(r, p);
    r.digit(1);
    r.at(40);
    r.key("f"); // F-confronts: dyad target, waits for the target
    CHECK(r.ws.doc.pending);
    CHECK(r.ws.doc.codings.empty());
    r.at(45); // the coding keeps the frame of the key press, not of the digit
    r.digit(2);
    CHECK_FALSE(r.ws.doc.pending);
    CHECK(r.ws.doc.selectedActor == 0); // the target digit does not change the actor
    REQUIRE(r.ws.doc.codings.size() == 1);
    CHECK(r.ws.doc.codings[0].targetId == p.youth);
    CHECK(r.ws.doc.codings[0].onsetUs == 40 * 40'000);

    r.at(60);
    r.key("f");
    r.c.apply(CancelPending{});
    REQUIRE(r.ws.doc.codings.size() == 2);
    CHECK_FALSE(r.ws.doc.codings[1].targetId);
    CHECK(stored(p, p.anna).size() == 2);
}

TEST_CASE("undo and redo walk every edit back and forth, in memory and in the file", "[document][undo]")
{
    const Project p = makeProject("doc-undo.bondline");
    Rig r;
    openAssignment(r, p);
    r.digit(1);
    r.codeAt({10, 20, 30});
    REQUIRE(r.ws.doc.codings.size() == 3);
    // Select the middle one (seeks to it), delete it, move the last, comment the first.
    const std::string mid = r.ws.doc.codings[1].uuid;
    r.c.apply(SelectCoding{mid});
    r.c.apply(DeleteSelected{});
    CHECK(r.ws.doc.codings.size() == 2);
    const std::string last = r.ws.doc.codings[1].uuid;
    r.c.apply(MoveCoding{last, 2'000'000, std::nullopt});
    r.c.apply(SetComment{r.ws.doc.codings[0].uuid, "looks away"});
    CHECK(r.ws.doc.codings[1].onsetUs == 2'000'000);
    CHECK(stored(p, p.anna)[0].comment == "looks away");

    for (int i = 0; i < 6; ++i) // comment, move, delete, three codings
        r.c.apply(Undo{});
    CHECK(r.ws.doc.codings.empty());
    CHECK(stored(p, p.anna).empty());
    r.c.apply(Undo{}); // nothing left: says so, changes nothing
    CHECK(r.ws.doc.status.text == "Nothing to undo");
    for (int i = 0; i < 6; ++i)
        r.c.apply(Redo{});
    const auto v = stored(p, p.anna);
    REQUIRE(v.size() == 2);
    CHECK(v[0].comment == "looks away");
    CHECK(v[1].onsetUs == 2'000'000);
    CHECK_FALSE(r.ws.doc.coding(mid)); // the deleted one is deleted again
    // The in-memory index equals the file after every step.
    REQUIRE(r.ws.doc.codings.size() == v.size());
    for (size_t i = 0; i < v.size(); ++i) {
        CHECK(r.ws.doc.codings[i].uuid == v[i].uuid);
        CHECK(r.ws.doc.codings[i].onsetUs == v[i].onsetUs);
    }
}

TEST_CASE("a write that fails leaves the view and the file consistent and says so", "[document]")
{
    const Project p = makeProject("doc-fail.bondline");
    Rig r;
    openAssignment(r, p);
    r.digit(1);
    r.at(10);
    r.key("d");
    REQUIRE(r.ws.doc.codings.size() == 1);
    {
        // Another process holds the write lock: the next coding cannot be stored.
        projects::Store other = projects::Store::open(p.file);
        other.database().exec("BEGIN IMMEDIATE");
        r.at(20);
        r.key("m");
        CHECK(r.ws.doc.codings.size() == 1); // not shown as saved
        CHECK(r.ws.doc.status.error);
        CHECK(r.ws.doc.status.text.rfind("NOT SAVED", 0) == 0);
        other.database().exec("ROLLBACK");
    }
    CHECK(stored(p, p.anna).size() == 1);
    // Once the file is free again the same key works, and undo has only the stored edits.
    r.key("m");
    CHECK(r.ws.doc.codings.size() == 2);
    r.c.apply(Undo{});
    r.c.apply(Undo{});
    CHECK(r.ws.doc.codings.empty());
    CHECK(stored(p, p.anna).empty());
}

TEST_CASE("a coder sees only their own codings; the session, coder and scheme are looked up by name", "[document]")
{
    const Project p = makeProject("doc-blind.bondline");
    {
        projects::Store s = projects::Store::open(p.file);
        projects::Coding c;
        c.sessionId = p.session;
        c.coderId = p.bram;
        c.schemeRefId = p.scheme;
        c.item = "W-denial";
        c.actorId = p.mother;
        c.onsetUs = 1000;
        s.addCoding(c);
    }
    Rig r;
    openAssignment(r, p);
    CHECK(r.ws.doc.codings.empty());
    const auto b = r.c.document().findAssignment("F017/1", "bram");
    r.c.apply(OpenSession{b.sessionId, b.coderId, b.schemeRefId});
    CHECK(r.ws.doc.codings.size() == 1);
    // The project remembers the last assignment.
    CHECK(r.c.document().lastAssignment()->coderId == p.bram);

    CHECK_THROWS_WITH(r.c.document().findAssignment("F017/2", "anna"), Catch::Contains("has no session 2"));
    CHECK_THROWS_WITH(r.c.document().findAssignment("F017/1", "zoe"), Catch::Contains("no coder zoe"));
    CHECK_THROWS_WITH(r.c.document().findAssignment("F017", "anna"), Catch::Contains("CASE/NUMBER"));
    CHECK_THROWS_WITH(r.c.document().findAssignment("F017/1", "anna", "tabbs"), Catch::Contains("no assignment"));
}

TEST_CASE("key settings remap scheme keys; digits and malformed lines are skipped with a warning", "[document][keys]")
{
    const KeySettings k = KeySettings::parse("# comment\nrupture-3rs/W-denial = z\nW-minimal = \"n\"\nC-rejects = 4\nnonsense\n", "keys.conf");
    CHECK(k.keyFor("rupture-3rs", "W-denial", "d") == "z");
    CHECK(k.keyFor("other", "W-denial", "d") == "d");
    CHECK(k.keyFor("rupture-3rs", "W-minimal", "m") == "n");
    CHECK(k.keyFor("rupture-3rs", "C-rejects", "r") == "r");
    REQUIRE(k.warnings.size() == 2);
    CHECK(k.warnings[0] == "keys.conf:4: key '4' is a digit (digits select people), skipped");
    CHECK(k.warnings[1] == "keys.conf:5: expected 'item = key', skipped");

    // In a session the remapped key codes the item, the scheme's key no longer does.
    const Project p = makeProject("doc-remap.bondline");
    Workspace ws;
    Controller c(ws, nullptr);
    DocumentController remapped(ws.doc, k);
    remapped.openProject(p.file);
    const auto a = remapped.findAssignment("F017/1", "anna");
    remapped.openSession(a.sessionId, a.coderId, a.schemeRefId);
    remapped.apply(DigitKey{1}, {});
    remapped.apply(CodeKey{"d", 1000}, {});
    CHECK(ws.doc.codings.empty());
    remapped.apply(CodeKey{"z", 2000}, {});
    REQUIRE(ws.doc.codings.size() == 1);
    CHECK(ws.doc.codings[0].item == "W-denial");
}

TEST_CASE("a dragged coding lands on a frame; the selected coding can be looped", "[document][player]")
{
    const Project p = makeProject("doc-snap.bondline");
    Workspace ws;
    PortOptions po;
    po.audio = false;
    auto port = makePlayerPort(std::make_unique<RawYuvSource>(lumaRampMp4(), 64, 48, 40'000, 25), po, ws.media);
    ws.media.open = true;
    Controller c(ws, port.get());
    c.document().openProject(p.file);
    const auto a = c.document().findAssignment("F017/1", "anna");
    c.apply(OpenSession{a.sessionId, a.coderId, a.schemeRefId});
    c.apply(DigitKey{1});
    c.apply(SeekToFrame{10});
    c.apply(CodeKey{"d", 1000});
    REQUIRE(ws.doc.codings.size() == 1);
    CHECK(ws.doc.codings[0].onsetUs == 400'000);
    // Dropped between frames 25 (1.00 s) and 26 (1.04 s): stored on the frame shown then.
    c.apply(MoveCoding{ws.doc.codings[0].uuid, 1'030'000, std::nullopt});
    CHECK(ws.doc.codings[0].onsetUs == 1'000'000);
    CHECK(stored(p, p.anna)[0].onsetUs == 1'000'000);

    c.apply(SelectCoding{ws.doc.codings[0].uuid, false});
    c.apply(LoopSelected{});
    REQUIRE(ws.play.loop);
    CHECK(ws.play.loop->first == 0); // 2 s either side, clamped at the start
    CHECK(ws.play.loop->second == 3'000'000);
    c.apply(LoopSelected{});
    CHECK_FALSE(ws.play.loop);
}

TEST_CASE("several codings are selected with Ctrl+click, a Shift range or Ctrl+A; Delete removes them in one undo step", "[document][selection]")
{
    const Project p = makeProject("doc-multi.bondline");
    Rig r;
    openAssignment(r, p);
    r.digit(1);
    r.codeAt({10, 20, 30, 40});
    REQUIRE(r.ws.doc.codings.size() == 4);
    const auto uuid = [&](size_t i) { return r.ws.doc.codings[i].uuid; };
    const std::string a = uuid(0), b = uuid(1), c = uuid(2), d = uuid(3);

    r.c.apply(SelectCoding{a});
    r.c.apply(SelectCoding{c, true, /*toggle=*/true});
    CHECK(r.ws.doc.selection.size() == 2);
    CHECK(r.ws.doc.selectedUuid == c); // the last clicked is the primary
    CHECK(r.ws.doc.isSelected(a));
    CHECK_FALSE(r.ws.doc.isSelected(b));
    const int64_t rev = r.ws.doc.selectionRevision;
    r.c.apply(SelectCoding{c, true, true}); // Ctrl+click again takes it out
    CHECK(r.ws.doc.selection == std::vector<std::string>{a});
    CHECK(r.ws.doc.selectionRevision > rev);
    r.c.apply(SelectCoding{b}); // a plain click selects it alone
    CHECK(r.ws.doc.selection == std::vector<std::string>{b});

    r.c.apply(SelectCodings{{b, c, d}});
    CHECK(r.ws.doc.selection.size() == 3);
    CHECK(r.ws.doc.selectedUuid == d);
    r.c.apply(DeleteSelected{});
    REQUIRE(r.ws.doc.codings.size() == 1);
    CHECK(r.ws.doc.codings[0].uuid == a);
    CHECK(r.ws.doc.selection.empty());
    CHECK(r.ws.doc.selectedUuid.empty());
    CHECK(stored(p, p.anna).size() == 1);
    CHECK(r.ws.doc.undoLabel == "delete 3 codings");
    r.c.apply(Undo{}); // one step brings all three back, under their own uuids
    REQUIRE(r.ws.doc.codings.size() == 4);
    CHECK(r.ws.doc.codings[3].uuid == d);
    CHECK(stored(p, p.anna).size() == 4);

    r.c.apply(SelectAll{});
    CHECK(r.ws.doc.selection.size() == 4);
    r.c.apply(DeleteSelected{});
    CHECK(r.ws.doc.codings.empty());
    CHECK(stored(p, p.anna).empty());
    r.c.apply(Undo{});
    CHECK(stored(p, p.anna).size() == 4);
    r.c.apply(DeleteSelected{}); // nothing selected now (the undo does not reselect): says so
    CHECK(r.ws.doc.codings.size() == 4);
}

TEST_CASE("copy and paste: the earliest copied coding lands on the frame shown, the rest keep their distance; one undo step", "[document][selection]")
{
    const Project p = makeProject("doc-paste.bondline");
    Rig r;
    openAssignment(r, p);
    r.digit(1);
    r.at(10);
    r.key("d");
    r.digit(2);
    r.at(22);
    r.key("d");
    r.c.apply(SetComment{r.ws.doc.codings[1].uuid, "turns away\nfrom mother"});
    REQUIRE(r.ws.doc.codings.size() == 2);
    r.c.apply(SelectAll{});
    r.c.apply(Paste{}); // nothing copied yet
    CHECK(r.ws.doc.codings.size() == 2);
    r.c.apply(CopySelected{});
    CHECK(r.ws.doc.clipboardSize == 2);

    r.at(100);
    r.c.apply(Paste{});
    REQUIRE(r.ws.doc.codings.size() == 4);
    const auto& x = r.ws.doc.codings[2];
    const auto& y = r.ws.doc.codings[3];
    CHECK(x.onsetUs == 100 * 40'000);
    CHECK(y.onsetUs == 112 * 40'000);
    CHECK(x.actorId == p.mother);
    CHECK(y.actorId == p.youth);
    CHECK(y.comment == "turns away\nfrom mother");
    CHECK(x.uuid != r.ws.doc.codings[0].uuid);
    CHECK(r.ws.doc.selection.size() == 2); // the pasted codings are selected
    CHECK(r.ws.doc.isSelected(x.uuid));
    CHECK(stored(p, p.anna).size() == 4);
    CHECK(r.ws.doc.undoLabel == "paste 2 codings");
    r.c.apply(Undo{});
    CHECK(r.ws.doc.codings.size() == 2);
    CHECK(stored(p, p.anna).size() == 2);

    // Cut: copy, then delete in one step; pasted back elsewhere.
    r.c.apply(SelectCoding{r.ws.doc.codings[0].uuid, false});
    r.c.apply(CutSelected{});
    CHECK(r.ws.doc.codings.size() == 1);
    r.at(50);
    r.c.apply(Paste{});
    REQUIRE(r.ws.doc.codings.size() == 2);
    CHECK(r.ws.doc.codings[1].onsetUs == 50 * 40'000); // after Y's at frame 22
    CHECK(r.ws.doc.codings[1].actorId == p.mother);

    // The clipboard goes with the observer to another assignment of the project.
    r.c.apply(CloseSession{});
    const auto bram = r.c.document().findAssignment("F017/1", "bram");
    r.c.apply(OpenSession{bram.sessionId, bram.coderId, bram.schemeRefId});
    r.at(0);
    r.c.apply(Paste{});
    REQUIRE(r.ws.doc.codings.size() == 1);
    CHECK(stored(p, p.bram).size() == 1);
    CHECK(stored(p, p.bram)[0].coderId == p.bram);
}

TEST_CASE("dragging one of several selected codings moves them all, never before the start; one undo step", "[document][selection]")
{
    const Project p = makeProject("doc-move-group.bondline");
    Rig r;
    openAssignment(r, p);
    r.digit(1);
    r.codeAt({10, 30, 60});
    const std::string a = r.ws.doc.codings[0].uuid, b = r.ws.doc.codings[1].uuid, c = r.ws.doc.codings[2].uuid;
    r.c.apply(SelectCodings{{a, b}});
    r.c.apply(MoveSelected{b, 30 * 40'000 + 400'000}); // b 0.4 s later: a goes with it
    CHECK(r.ws.doc.coding(a)->onsetUs == 10 * 40'000 + 400'000);
    CHECK(r.ws.doc.coding(b)->onsetUs == 30 * 40'000 + 400'000);
    CHECK(r.ws.doc.coding(c)->onsetUs == 60 * 40'000); // not selected: stays
    CHECK(r.ws.doc.undoLabel == "move 2 codings");
    r.c.apply(MoveSelected{b, 0}); // would take a before 0: the group stops with a at 0
    CHECK(r.ws.doc.coding(a)->onsetUs == 0);
    CHECK(r.ws.doc.coding(b)->onsetUs == 20 * 40'000);
    r.c.apply(Undo{});
    r.c.apply(Undo{});
    CHECK(r.ws.doc.coding(a)->onsetUs == 10 * 40'000);
    const auto v = stored(p, p.anna);
    CHECK(v[0].onsetUs == 10 * 40'000);
    CHECK(v[1].onsetUs == 30 * 40'000);
}

TEST_CASE("the import form: an ELAN file's tiers, a mapping for a tier without a participant, a dry run, then the import", "[document][import]")
{
    const Project p = makeProject("doc-import.bondline");
    const fs::path eaf = p.file.parent_path() / "doc-import-family.eaf";
    {
        std::ofstream out(eaf);
        out << R"(<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2021-01-01T10:00:00+01:00" FORMAT="3.0" VERSION="3.0">
  <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
  <TIME_ORDER>
    <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
    <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2000"/>
    <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="3000"/>
  </TIME_ORDER>
  <TIER LINGUISTIC_TYPE_REF="words" TIER_ID="M speech">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
      <ANNOTATION_VALUE>hello</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="words" TIER_ID="withdrawal">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3">
      <ANNOTATION_VALUE>looks away</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="words" TIME_ALIGNABLE="true"/>
</ANNOTATION_DOCUMENT>
)";
    }
    Rig r;
    r.c.document().openProject(p.file);
    r.c.apply(InspectImport{eaf.string()});
    const ImportPreview& pv = r.ws.doc.importPreview;
    REQUIRE(pv.format == projects::ImportFormat::Eaf);
    REQUIRE(pv.tiers.size() == 2);
    CHECK(pv.tiers[0].participant == "M");
    CHECK_FALSE(pv.tiers[1].skipReason.empty()); // "withdrawal": nobody
    const int64_t rev = pv.revision;
    const int64_t before = projects::Store::open(p.file).codingCount();

    projects::FileImportOptions o;
    o.format = projects::ImportFormat::Eaf;
    o.eaf.tierMap["withdrawal"] = {"Y", "W-episode"};
    o.dryRun = true;
    r.c.apply(ImportFile{eaf.string(), o});
    REQUIRE_FALSE(pv.lines.empty());
    CHECK(pv.lines[0].find("would import") != std::string::npos);
    CHECK(pv.tiers[1].participant == "Y"); // the tiers as the mapping reads them
    CHECK(pv.revision == rev);               // the same file: the form keeps what was typed
    CHECK(projects::Store::open(p.file).codingCount() == before);

    o.dryRun = false;
    r.c.apply(ImportFile{eaf.string(), o});
    CHECK(pv.lines[0].rfind("Imported ", 0) == 0);
    CHECK_FALSE(r.ws.doc.status.error);
    CHECK(projects::Store::open(p.file).codingCount() == before + 2);
    const size_t cases = r.ws.doc.cases.size();
    CHECK(cases >= 2); // the file's own case, in the browser's lists at once
    r.c.apply(ImportFile{eaf.string(), o}); // again: adds nothing
    CHECK(pv.lines[0].rfind("Imported 0 new", 0) == 0);
    CHECK(projects::Store::open(p.file).codingCount() == before + 2);

    // A file that is not ELAN: one line naming it, nothing stored.
    const fs::path bad = p.file.parent_path() / "doc-import-bad.eaf";
    std::ofstream(bad) << "not xml at all";
    r.c.apply(ImportFile{bad.string(), o});
    CHECK(r.ws.doc.status.error);
    CHECK(pv.error.find("doc-import-bad.eaf") != std::string::npos);
    CHECK(pv.revision > rev);
    CHECK(projects::Store::open(p.file).codingCount() == before + 2);
    r.c.apply(InspectImport{(p.file.parent_path() / "codings.xlsx").string()});
    CHECK_FALSE(pv.format);
    CHECK(pv.error.find("cannot tell the format") != std::string::npos);
}

TEST_CASE("a project is set up from the window: create, coders, scheme, session with media, assignment", "[document][setup]")
{
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "app_gui";
    const fs::path file = dir / "setup-from-window.bondline";
    for (const char* s : {"", "-wal", "-shm"})
        fs::remove(fs::path(file.string() + s));
    const fs::path media = dir / "setup-media.mp4";
    { std::ofstream(media, std::ios::binary) << std::string(4096, 'x'); } // fingerprinted, not decoded here

    Workspace ws;
    Controller c(ws, nullptr);
    c.apply(CreateProject{file.string()});
    REQUIRE(ws.doc.projectOpen);
    CHECK(ws.ui.errorMessage.empty());
    c.apply(AddCoder{"anna", projects::CoderRole::Coder});
    c.apply(AddCoder{"lead", projects::CoderRole::ReliabilityLead});
    c.apply(PinScheme{(fs::path(BONDLINE_SCHEMES_SOURCE_DIR) / "rupture-3rs.toml").string()});
    projects::NewSession n;
    n.caseCode = "F030";
    n.number = 2;
    n.date = "2026-12-01";
    n.people = projects::parsePeople("Y:youth, M:mother,T:therapist");
    n.media = media;
    c.apply(AddSession{n});
    REQUIRE(ws.doc.sessions.size() == 1);
    REQUIRE(ws.doc.coders.size() == 2);
    REQUIRE(ws.doc.schemes.size() == 1);
    c.apply(AssignSessions{ws.doc.coders[0].id, ws.doc.schemes[0].id, {}, std::nullopt});
    CHECK(ws.doc.assignments.size() == 1);
    CHECK(ws.doc.status.text == "1 session(s) assigned");

    // The file holds it all, and the media path is relative to the project's folder.
    projects::Store s = projects::Store::open(file);
    REQUIRE(s.media().size() == 1);
    CHECK(s.media()[0].path == "setup-media.mp4");
    CHECK(s.participants().size() == 3);
    // The session's people in the order given: digit 1 is the youth.
    c.apply(OpenSession{ws.doc.assignments[0].sessionId, ws.doc.assignments[0].coderId, ws.doc.assignments[0].schemeRefId});
    REQUIRE(ws.doc.actors.size() == 3);
    CHECK(ws.doc.actors[0].participant.code == "Y");

    // Errors are messages naming the file, never a crash, and store nothing.
    c.apply(CreateProject{file.string()});
    CHECK(ws.ui.errorMessage.find(file.string()) != std::string::npos);
    c.apply(DismissError{});
    c.apply(PinScheme{(dir / "no-such-scheme.toml").string()});
    CHECK(ws.ui.errorMessage.find("no-such-scheme.toml") != std::string::npos);
    c.apply(DismissError{});
    projects::NewSession bad = n;
    bad.number = 3;
    bad.media = dir / "missing.mp4";
    c.apply(AddSession{bad});
    CHECK(ws.ui.errorMessage.find("missing.mp4") != std::string::npos);
    CHECK(projects::Store::open(file).sessions().size() == 1);
    CHECK_THROWS_WITH(projects::parsePeople("M:mum"), Catch::Contains("'M:mum' is not CODE:ROLE"));
}
