#include <catch2/catch.hpp>

#include "projects/edit_history.h"
#include "projects/store.h"
#include "tests/projects/project_fixture.h"

using namespace projects;

TEST_CASE("undo and redo walk back and forth through add, edit and delete", "[store][undo]")
{
    const auto file = fixture::freshPath("undo.bondline");
    Store s = Store::create(file);
    auto f = fixture::addFamily(s);
    EditHistory h(s);
    CHECK_FALSE(h.canUndo());

    auto a = h.addCoding(fixture::coding(f, f.anna, "a", 1000));
    auto b = h.addCoding(fixture::coding(f, f.anna, "b", 2000));
    auto b2 = b;
    b2.onsetUs = 2500;
    b2.comment = "moved";
    h.updateCoding(b2);
    h.deleteCoding(a.uuid);
    CHECK(h.size() == 4);
    CHECK(h.undoLabel() == "delete a");
    CHECK(s.codingCount() == 1);

    h.undo(); // a is back, under its own uuid
    REQUIRE(s.codingByUuid(a.uuid));
    CHECK(s.codingByUuid(a.uuid)->onsetUs == 1000);
    h.undo(); // b back at 2000
    CHECK(s.codingByUuid(b.uuid)->onsetUs == 2000);
    CHECK(s.codingByUuid(b.uuid)->comment.empty());
    h.undo(); // b gone
    CHECK_FALSE(s.codingByUuid(b.uuid));
    h.undo(); // a gone
    CHECK(s.codingCount() == 0);
    CHECK_FALSE(h.canUndo());
    h.undo(); // nothing to undo: no effect
    CHECK(h.redoLabel() == "add a");

    h.redo();
    h.redo();
    h.redo();
    CHECK(s.codingByUuid(a.uuid));
    CHECK(s.codingByUuid(b.uuid)->onsetUs == 2500);
    h.redo();
    CHECK_FALSE(s.codingByUuid(a.uuid));
    CHECK_FALSE(h.canRedo());

    // A new edit after undo drops the redo stack.
    h.undo();
    h.addCoding(fixture::coding(f, f.anna, "c", 3000));
    CHECK_FALSE(h.canRedo());

    // Each step was its own committed transaction: a second connection sees the state.
    Store other = Store::open(file);
    CHECK(other.codingCount() == s.codingCount());
    CHECK(other.codingCount() == 3);
}

TEST_CASE("undoing a rating restores the previous value, or removes a new one", "[store][undo]")
{
    Store s = Store::create(fixture::freshPath("undo-rating.bondline"));
    auto f = fixture::addFamily(s);
    EditHistory h(s);
    Rating r{.sessionId = f.session.id, .coderId = f.anna.id, .schemeRefId = f.scheme.id,
             .ref = "engagement", .target = f.youth.uuid, .unit = 0, .value = 1};
    h.setRating(r);
    r.value = 3;
    h.setRating(r);
    CHECK(s.ratings()[0].value == 3);
    h.undo();
    REQUIRE(s.ratings().size() == 1);
    CHECK(s.ratings()[0].value == 1);
    h.undo();
    CHECK(s.ratings().empty());
    h.redo();
    h.redo();
    CHECK(s.ratings()[0].value == 3);
}

TEST_CASE("episodes undo like codings", "[store][undo]")
{
    Store s = Store::create(fixture::freshPath("undo-episode.bondline"));
    auto f = fixture::addFamily(s);
    EditHistory h(s);
    Episode e;
    e.sessionId = f.session.id;
    e.coderId = f.anna.id;
    e.startUs = 10;
    e.endUs = 20;
    e.type = "confrontation";
    auto stored = h.addEpisode(e);
    stored.resolution = "resolved";
    h.updateEpisode(stored);
    h.deleteEpisode(stored.uuid);
    CHECK(s.episodes().empty());
    h.undo();
    REQUIRE(s.episodes().size() == 1);
    CHECK(s.episodes()[0].uuid == stored.uuid);
    CHECK(s.episodes()[0].resolution == "resolved");
    h.undo();
    CHECK(s.episodes()[0].resolution.empty());
}

TEST_CASE("an edit the store refuses is not recorded", "[store][undo]")
{
    Store s = Store::create(fixture::freshPath("undo-refused.bondline"));
    auto f = fixture::addFamily(s);
    EditHistory h(s);
    auto bad = fixture::coding(f, f.anna, "a", 100);
    bad.offsetUs = 50;
    CHECK_THROWS_AS(h.addCoding(bad), ProjectError);
    CHECK_FALSE(h.canUndo());
    CHECK_THROWS_AS(h.deleteCoding("missing"), ProjectError);
    CHECK_FALSE(h.canUndo());
}
