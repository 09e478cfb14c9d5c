#include <catch2/catch.hpp>

#include "projects/packages.h"
#include "projects/sqlite_db.h"
#include "projects/store.h"
#include "tests/projects/project_fixture.h"

namespace fs = std::filesystem;
using namespace projects;

namespace {

struct TwoCoderProject {
    fixture::Family f;
    Session session2;
    Coding annaSecret; // anna's coding: must never reach bram's package
};

TwoCoderProject twoCoders(Store& s)
{
    TwoCoderProject p;
    p.f = fixture::addFamily(s);
    Session s2;
    s2.caseId = p.f.kase.id;
    s2.number = 2;
    s2.attended = {p.f.mother.id, p.f.youth.id, p.f.therapist.id};
    p.session2 = s.addSession(s2);
    Media m;
    m.sessionId = p.f.session.id;
    m.path = "s1.mp4";
    m.fingerprint = "size:10:sha256:aa";
    s.addMedia(m);
    for (RowId session : {p.f.session.id, p.session2.id}) {
        s.addAssignment({.sessionId = session, .coderId = p.f.anna.id, .schemeRefId = p.f.scheme.id});
        s.addAssignment({.sessionId = session, .coderId = p.f.bram.id, .schemeRefId = p.f.scheme.id});
    }
    auto c = fixture::coding(p.f, p.f.anna, "anna-only-item", 777);
    c.comment = "ANNA-SECRET-COMMENT";
    p.annaSecret = s.addCoding(c);
    s.setRating({.sessionId = p.f.session.id, .coderId = p.f.anna.id, .schemeRefId = p.f.scheme.id,
                 .ref = "ANNA-SECRET-REF", .target = "family", .unit = 0, .value = 3});
    s.addCoding(fixture::coding(p.f, p.f.bram, "bram-item", 100));
    return p;
}

} // namespace

TEST_CASE("a coder package holds nothing of any other coder", "[packages]")
{
    Store s = Store::create(fixture::freshPath("pkg-project.bondline"));
    s.setActor("lead");
    auto p = twoCoders(s);
    const auto pkgFile = fixture::freshPath("bram.bondline");
    auto summary = createPackage(s, "bram", pkgFile);
    CHECK(summary.sessions == 2);
    CHECK(summary.codings == 1);

    // Not in the rows ...
    {
        Store pkg = Store::open(pkgFile);
        auto d = pkg.snapshot();
        REQUIRE(d.coders.size() == 1);
        CHECK(d.coders[0].name == "bram");
        for (const auto& c : d.codings)
            CHECK(c.coderId == d.coders[0].id);
        CHECK(d.ratings.empty());
        CHECK(d.assignments.size() == 2);
        CHECK(d.sessions.size() == 2);
        CHECK(d.media.size() == 1);
        CHECK(fs::path(d.media[0].path).is_absolute());
        CHECK(pkg.meta("kind") == "package");
        CHECK(pkg.integrityCheck() == "ok");
    }
    // ... and not anywhere in the bytes of the file (nor a leftover WAL).
    std::string bytes = fixture::readAll(pkgFile);
    for (const char* suffix : {"-wal", "-shm"}) {
        fs::path side = pkgFile;
        side += suffix;
        if (fs::exists(side))
            bytes += fixture::readAll(side);
    }
    CHECK(bytes.find("anna") == std::string::npos);
    CHECK(bytes.find(p.f.anna.uuid) == std::string::npos);
    CHECK(bytes.find(p.annaSecret.uuid) == std::string::npos);
    CHECK(bytes.find("ANNA-SECRET-COMMENT") == std::string::npos);
    CHECK(bytes.find("ANNA-SECRET-REF") == std::string::npos);
    CHECK(bytes.find("anna-only-item") == std::string::npos);
}

TEST_CASE("a returned package merges the coder's work, idempotently, reporting conflicts", "[packages]")
{
    Store s = Store::create(fixture::freshPath("merge-project.bondline"));
    auto p = twoCoders(s);
    const auto pkgFile = fixture::freshPath("bram-merge.bondline");
    createPackage(s, "bram", pkgFile);
    const auto before = s.codingCount();

    RowId bramOwnCoding = 0;
    std::string edited;
    {
        Store pkg = Store::open(pkgFile);
        pkg.setActor("bram");
        auto d = pkg.snapshot();
        const auto& bram = d.coders[0];
        Coding c = d.codings[0];
        bramOwnCoding = c.id;
        c.uuid.clear();
        c.id = 0;
        c.onsetUs = 5'000'000;
        c.item = "bram-new";
        pkg.addCoding(c);
        Coding moved = d.codings[0];
        moved.onsetUs += 40000; // bram corrected one he had made before the package
        pkg.updateCoding(moved);
        edited = moved.uuid;
        pkg.setRating({.sessionId = d.sessions[0].id, .coderId = bram.id, .schemeRefId = d.schemes[0].id,
                       .ref = "ENG", .target = "family", .unit = 0, .value = 1});
        auto a = d.assignments[0];
        a.status = "done";
        pkg.updateAssignment(a);
    }
    (void)bramOwnCoding;
    auto first = mergePackage(s, pkgFile);
    CHECK(first.coder == "bram");
    CHECK(first.import.inserted == 2); // the new coding and the rating
    REQUIRE(first.import.conflicts.size() == 1);
    CHECK(first.import.conflicts[0].find(edited) != std::string::npos);
    CHECK(s.codingCount() == before + 1);
    bool done = false;
    for (const auto& a : s.assignments())
        done = done || a.status == "done";
    CHECK(done);

    auto second = mergePackage(s, pkgFile);
    CHECK(second.import.inserted == 0);
    CHECK(s.codingCount() == before + 1);
    // anna's work was never touched.
    CHECK(s.codingByUuid(p.annaSecret.uuid)->comment == "ANNA-SECRET-COMMENT");
}

TEST_CASE("merging refuses a package of another project, a changed scheme or different media", "[packages]")
{
    Store s = Store::create(fixture::freshPath("refuse-project.bondline"));
    twoCoders(s);
    Store other = Store::create(fixture::freshPath("refuse-other.bondline"));
    twoCoders(other);
    const auto foreign = fixture::freshPath("foreign.bondline");
    createPackage(other, "bram", foreign);
    CHECK_THROWS_WITH(mergePackage(s, foreign), Catch::Contains("package of another project"));

    CHECK_THROWS_WITH(mergePackage(s, s.path()), Catch::Contains("not a coder package"));

    const auto pkgFile = fixture::freshPath("tampered.bondline");
    createPackage(s, "bram", pkgFile);
    {
        Store pkg = Store::open(pkgFile);
        pkg.database().exec("UPDATE schemes SET content_hash = 'sha256:changed'");
    }
    const auto count = s.codingCount();
    CHECK_THROWS_WITH(mergePackage(s, pkgFile), Catch::Contains("not the version this project uses"));
    {
        Store pkg = Store::open(pkgFile);
        pkg.database().exec("UPDATE schemes SET content_hash = 'sha256:0123456789abcdef'");
        pkg.database().exec("UPDATE media SET fingerprint = 'size:10:sha256:bb'");
    }
    CHECK_THROWS_WITH(mergePackage(s, pkgFile), Catch::Contains("different recording"));
    CHECK(s.codingCount() == count);

    CHECK_THROWS_WITH(createPackage(s, "nobody", fixture::freshPath("nobody.bondline")), Catch::Contains("no coder named"));
}

TEST_CASE("reliability sampling draws a reproducible share of sessions for blind double coding", "[packages][sample]")
{
    auto build = [](const std::string& name) {
        Store s = Store::create(fixture::freshPath(name));
        auto f = fixture::addFamily(s);
        for (int n = 2; n <= 20; ++n) {
            Session x;
            x.caseId = f.kase.id;
            x.number = n;
            s.addSession(x);
        }
        for (const auto& x : s.sessions())
            s.addAssignment({.sessionId = x.id, .coderId = f.anna.id, .schemeRefId = f.scheme.id});
        return std::make_pair(std::move(s), f);
    };
    auto [a, fa] = build("sample-a.bondline");
    auto ra = sampleForReliability(a, fa.scheme.id, fa.bram.id, 0.2, 42);
    CHECK(ra.eligible == 20);
    CHECK(ra.chosen.size() == 4);
    CHECK(ra.assignmentsAdded == 4);
    int bramAssignments = 0, marked = 0;
    for (const auto& x : a.assignments()) {
        if (x.coderId == fa.bram.id) {
            ++bramAssignments;
            CHECK(x.blind);
            CHECK(x.reliability);
        } else if (x.reliability) {
            ++marked;
        }
    }
    CHECK(bramAssignments == 4);
    CHECK(marked == 4);
    // Drawing again adds no session twice.
    auto again = sampleForReliability(a, fa.scheme.id, fa.bram.id, 0.2, 42);
    CHECK(again.eligible == 16);

    // Same sessions, same seed: the same draw (by session number), in another file.
    auto numbers = [](Store& s, const std::vector<RowId>& ids) {
        std::vector<int> out;
        for (RowId id : ids)
            for (const auto& x : s.sessions())
                if (x.id == id)
                    out.push_back(x.number);
        return out;
    };
    // The draw depends only on the project's sessions, the share and the seed: the same
    // project copied gives the same sessions.
    auto [b, fb] = build("sample-b.bondline");
    const auto copyPath = fixture::freshPath("sample-b-copy.bondline");
    b.database().backupTo(copyPath.string());
    auto r1 = sampleForReliability(b, fb.scheme.id, fb.bram.id, 0.25, 7);
    Store copy = Store::open(copyPath);
    auto r2 = sampleForReliability(copy, fb.scheme.id, fb.bram.id, 0.25, 7);
    CHECK(r1.chosen.size() == 5);
    CHECK(numbers(b, r1.chosen) == numbers(copy, r2.chosen));
    CHECK_THROWS_AS(sampleForReliability(b, fb.scheme.id, fb.bram.id, 1.5, 1), ProjectError);
}
