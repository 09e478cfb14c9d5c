#include <catch2/catch.hpp>

#include <algorithm>

#include "projects/edit_history.h"
#include "projects/sqlite_db.h"
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

TEST_CASE("a gesture of several edits is one transaction and one undo step", "[store][undo]")
{
    const auto file = fixture::freshPath("undo-group.bondline");
    Store s = Store::create(file);
    auto f = fixture::addFamily(s);
    EditHistory h(s);
    auto a = h.addCoding(fixture::coding(f, f.anna, "a", 1000));
    auto b = h.addCoding(fixture::coding(f, f.anna, "b", 2000));

    // A multi-select delete plus a paste: one step, and its ChangeSet names every row.
    std::vector<std::unique_ptr<EditCommand>> parts;
    parts.push_back(h.makeDeleteCoding(a.uuid));
    parts.push_back(h.makeDeleteCoding(b.uuid));
    parts.push_back(h.makeAddCoding(fixture::coding(f, f.anna, "c", 3000)));
    auto changed = h.applyGroup(std::move(parts), "cut and paste");
    CHECK(h.size() == 3);
    CHECK(h.undoLabel() == "cut and paste");
    CHECK(changed.codingsRemoved == std::vector<std::string>{a.uuid, b.uuid});
    REQUIRE(changed.codingsUpserted.size() == 1);
    CHECK(changed.codingsUpserted[0].onsetUs == 3000);
    CHECK_FALSE(changed.codingsUpserted[0].uuid.empty());
    CHECK(s.codingCount() == 1);

    auto undone = h.undo(); // reverse order: c removed, then b and a back
    CHECK(undone.codingsRemoved == std::vector<std::string>{changed.codingsUpserted[0].uuid});
    REQUIRE(undone.codingsUpserted.size() == 2);
    CHECK(undone.codingsUpserted[0].uuid == b.uuid);
    CHECK(undone.codingsUpserted[1].uuid == a.uuid);
    CHECK(s.codingCount() == 2);
    auto redone = h.redo();
    CHECK(redone.codingsRemoved.size() == 2);
    CHECK(s.codingCount() == 1);

    // An update reports the row as stored.
    auto c = s.codings()[0];
    c.comment = "pasted";
    auto upd = h.apply(h.makeUpdateCoding(c));
    REQUIRE(upd.codingsUpserted.size() == 1);
    CHECK(upd.codingsUpserted[0].comment == "pasted");
    CHECK(upd.codingsUpserted[0].id == c.id);
}

TEST_CASE("a gesture whose last part fails stores none of it and is not recorded", "[store][undo]")
{
    const auto file = fixture::freshPath("undo-group-fail.bondline");
    Store s = Store::create(file);
    auto f = fixture::addFamily(s);
    EditHistory h(s);
    auto a = h.addCoding(fixture::coding(f, f.anna, "a", 1000));
    auto bad = fixture::coding(f, f.anna, "bad", 100);
    bad.offsetUs = 50; // offset before onset: the store refuses it

    std::vector<std::unique_ptr<EditCommand>> parts;
    parts.push_back(h.makeDeleteCoding(a.uuid));
    parts.push_back(h.makeAddCoding(fixture::coding(f, f.anna, "ok", 5000)));
    parts.push_back(h.makeAddCoding(bad));
    CHECK_THROWS_AS(h.applyGroup(std::move(parts), "paste"), ProjectError);
    CHECK(h.size() == 1);
    CHECK(h.undoLabel() == "add a");
    // The connection is usable afterwards and the file holds exactly the state before.
    CHECK_FALSE(s.database().inTransaction());
    CHECK(s.codingCount() == 1);
    CHECK(s.codingByUuid(a.uuid));
    Store other = Store::open(file);
    CHECK(other.codingCount() == 1);
}

TEST_CASE("an undo that cannot be written leaves both stacks as they were", "[store][undo]")
{
    Store s = Store::create(fixture::freshPath("undo-fail.bondline"));
    auto f = fixture::addFamily(s);
    EditHistory h(s);
    auto a = h.addCoding(fixture::coding(f, f.anna, "a", 1000));
    s.deleteCoding(a.uuid); // behind the history's back (another tool, a merge)
    CHECK_THROWS(h.undo());
    CHECK(h.canUndo());
    CHECK_FALSE(h.canRedo());
    CHECK(h.undoLabel() == "add a");
}

TEST_CASE("nested transactions are savepoints: an inner rollback keeps the outer one", "[store][sqlite]")
{
    Store s = Store::create(fixture::freshPath("nested-tx.bondline"));
    auto f = fixture::addFamily(s);
    auto& db = s.database();
    CHECK_FALSE(db.inTransaction());
    {
        sql::Transaction outer(db);
        CHECK_FALSE(outer.nested());
        s.addCoding(fixture::coding(f, f.anna, "kept", 1000));
        {
            sql::Transaction inner(db);
            CHECK(inner.nested());
            s.addCoding(fixture::coding(f, f.anna, "dropped", 2000));
            // no commit: rolled back to the savepoint
        }
        CHECK(db.inTransaction());
        {
            sql::Transaction inner(db);
            s.addCoding(fixture::coding(f, f.anna, "released", 3000));
            inner.commit();
        }
        outer.commit();
    }
    CHECK_FALSE(db.inTransaction());
    std::vector<std::string> items;
    for (const auto& c : s.codings())
        items.push_back(c.item);
    std::sort(items.begin(), items.end());
    CHECK(items == std::vector<std::string>{"kept", "released"});
}
