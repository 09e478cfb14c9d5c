// A power cut at a random write loses no acknowledged coding and never damages the file.
// Unlike the kill test (test_crash.cpp), which keeps everything the process had handed to
// the kernel, this discards every byte not yet synced when the power goes
// (tests/projects/powercut_vfs.h), so it tests that Bondline's writes reach the disk
// before addCoding returns.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "projects/sqlite_db.h"
#include "projects/store.h"
#include "tests/projects/powercut_vfs.h"
#include "tests/projects/project_fixture.h"

using namespace projects;

namespace {

struct Outcome {
    int rounds = 0, cuts = 0;
    size_t lost = 0, acknowledged = 0;
    bool damaged = false;
    int64_t maxWrites = 0;
};

// `rounds` times: open, write codings until the power is cut at a random write, restore
// the disk to its last synced state, open again and count what was lost. `sync` is the
// project's PRAGMA synchronous (FULL as Store sets it; OFF to check that the test can
// see a writer that does not sync).
Outcome powerCuts(const std::string& name, int rounds, const char* sync, uint32_t seed)
{
    const auto file = fixture::freshPath(name);
    fixture::Family f;
    {
        Store s = Store::create(file);
        f = fixture::addFamily(s);
    }
    powercut::install();
    std::mt19937 rng(seed);
    std::set<std::string> acknowledged;
    Outcome out;
    out.rounds = rounds;
    for (int round = 0; round < rounds && !out.damaged && out.lost == 0; ++round) {
        // Cut points from the first write of a transaction to well past a checkpoint.
        const int64_t at = std::uniform_int_distribution<int64_t>(1, round % 3 == 0 ? 40 : 600)(rng);
        {
            Store s = Store::open(file);
            // Checkpoints every few commits, so that cuts also land in them.
            s.database().exec("PRAGMA wal_autocheckpoint = 16");
            s.database().exec(std::string("PRAGMA synchronous = ") + sync);
            powercut::arm(at);
            for (int i = 0; i < 5000 && !powercut::cut(); ++i) {
                auto c = fixture::coding(f, f.anna, "item", (int64_t{round} * 10000 + i) * 40000);
                c.comment = std::string(static_cast<size_t>((round * 7 + i) % 300), 'x');
                try {
                    c = s.addCoding(c);
                    acknowledged.insert(c.uuid); // the UI shows it as saved now
                } catch (const ProjectError&) {
                    break; // the power is gone
                }
            }
            out.maxWrites = std::max(out.maxWrites, powercut::writesSeen());
            out.cuts += powercut::cut();
        } // the connection closes without power: nothing more reaches the disk
        powercut::restore();

        Store s = Store::open(file);
        if (s.integrityCheck() != "ok") {
            out.damaged = true;
            break;
        }
        std::set<std::string> stored;
        s.forEachCoding([&](const Coding& c) { stored.insert(c.uuid); });
        for (const auto& u : acknowledged)
            out.lost += stored.count(u) == 0;
        out.acknowledged = acknowledged.size();
        acknowledged = stored;
    }
    powercut::uninstall();
    return out;
}

} // namespace

TEST_CASE("a power cut at a random write loses no acknowledged coding", "[store][powerloss]")
{
    const Outcome o = powerCuts("powercut.bondline", 100, "FULL", 20261207);
    INFO(o.cuts << " of " << o.rounds << " rounds cut; up to " << o.maxWrites << " writes per round; "
                << o.acknowledged << " codings acknowledged");
    CHECK_FALSE(o.damaged);
    CHECK(o.lost == 0);
    CHECK(o.cuts == o.rounds);
    CHECK(o.acknowledged > 1000);
}

TEST_CASE("the power-cut test sees a writer that does not sync", "[store][powerloss]")
{
    // The oracle is only worth something if it fails where it should: without syncs, a
    // cut loses codings that were acknowledged.
    const Outcome o = powerCuts("powercut-nosync.bondline", 30, "OFF", 7);
    INFO(o.lost << " lost after " << o.acknowledged << " acknowledged");
    CHECK((o.lost > 0 || o.damaged));
}
