#include <catch2/catch.hpp>

#include "projects/fingerprint.h"
#include "projects/store.h"
#include "tests/projects/project_fixture.h"

namespace fs = std::filesystem;
using namespace projects;

TEST_CASE("fingerprints identify content, not names", "[store][media]")
{
    const auto dir = fixture::freshPath("fingerprint-dir-marker").parent_path() / "fp";
    fs::create_directories(dir);
    std::string big(3 << 20, 'a');
    big[1 << 20 | 5] = 'b'; // in the middle: not covered by the first/last MiB
    fixture::writeAll(dir / "one.bin", big);
    fixture::writeAll(dir / "two.bin", big);
    big[10] = 'z';
    fixture::writeAll(dir / "three.bin", big);
    auto one = mediaFingerprint(dir / "one.bin");
    REQUIRE(one);
    CHECK(*one == *mediaFingerprint(dir / "two.bin"));
    CHECK(*one != *mediaFingerprint(dir / "three.bin"));
    CHECK(fingerprintSize(*one) == (3 << 20));
    CHECK_FALSE(mediaFingerprint(dir / "nope.bin"));
    CHECK(fingerprintSize("garbage") == -1);
}

TEST_CASE("moved media are found again by fingerprint, codings untouched", "[store][media]")
{
    const auto file = fixture::freshPath("relink.bondline");
    const fs::path root = file.parent_path() / "relink-media";
    fs::remove_all(root);
    fs::create_directories(root / "old");
    fixture::writeAll(root / "old" / "session1.mp4", std::string(5000, 'x') + "session one");
    fixture::writeAll(root / "old" / "session1b.wav", std::string(5000, 'y') + "room mic");

    Store s = Store::create(file);
    auto f = fixture::addFamily(s);
    for (const char* name : {"session1.mp4", "session1b.wav"}) {
        Media m;
        m.sessionId = f.session.id;
        const fs::path p = root / "old" / name;
        m.path = fs::relative(p, file.parent_path()).generic_string();
        m.fingerprint = *mediaFingerprint(p);
        m.sizeBytes = static_cast<int64_t>(fs::file_size(p));
        s.addMedia(m);
    }
    auto kept = s.addCoding(fixture::coding(f, f.anna, "a", 123));
    CHECK(s.missingMedia().empty());

    // The archive was reorganised: files moved and renamed; a decoy of the same size.
    fs::create_directories(root / "new" / "deep");
    fs::rename(root / "old" / "session1.mp4", root / "new" / "deep" / "F017 s1.mp4");
    fs::remove(root / "old" / "session1b.wav");
    fixture::writeAll(root / "new" / "decoy.wav", std::string(5000, 'y') + "room mac");
    REQUIRE(s.missingMedia().size() == 2);

    auto report = s.relink(root / "new");
    CHECK(report.relinked == 1);
    REQUIRE(report.stillMissing.size() == 1);
    CHECK(report.stillMissing[0].find("session1b.wav") != std::string::npos);
    auto missing = s.missingMedia();
    REQUIRE(missing.size() == 1);
    bool found = false;
    for (const auto& m : s.media())
        if (m.path.find("F017 s1.mp4") != std::string::npos) {
            found = true;
            CHECK(fs::exists(s.resolve(m)));
            CHECK(fs::path(m.path).is_relative());
        }
    CHECK(found);
    CHECK(s.codingByUuid(kept.uuid));
    CHECK(s.codingCount() == 1);
}
