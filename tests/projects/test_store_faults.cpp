// The store under faults other than a kill during writing (test_crash.cpp): a kill during
// `create`, a second process meeting a busy project.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "projects/sqlite_db.h"
#include "projects/store.h"
#include "tests/projects/project_fixture.h"

namespace fs = std::filesystem;
using namespace projects;

namespace {

using Clock = std::chrono::steady_clock;

// Forks a child that runs `fn` and _exits (0 when fn returned, 1 when it threw).
template <class Fn>
pid_t forkRunning(Fn fn)
{
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int rc = 0;
        try {
            fn();
        } catch (...) {
            rc = 1;
        }
        _exit(rc);
    }
    return pid;
}

void removeHidden(const fs::path& folder)
{
    for (const auto& e : fs::directory_iterator(folder))
        if (e.path().filename().string().rfind(".create-kill.bondline.creating-", 0) == 0)
            fs::remove(e.path());
}

} // namespace

TEST_CASE("a kill during create leaves no file or a whole project", "[store][faults]")
{
    const auto file = fixture::freshPath("create-kill.bondline");
    // How long one create takes here, to spread the kills over it.
    auto t0 = Clock::now();
    Store::create(file);
    const auto createUs = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count();
    std::mt19937 rng(1211);
    std::uniform_int_distribution<long> delay(0, std::max<long>(200, createUs * 3 / 2));
    int whole = 0, none = 0;
    for (int round = 0; round < 60; ++round) {
        fixture::freshPath("create-kill.bondline");
        const pid_t pid = forkRunning([&] { Store::create(file); });
        std::this_thread::sleep_for(std::chrono::microseconds(delay(rng)));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        INFO("round " << round << " (create takes " << createUs << " µs here)");
        if (!fs::exists(file)) {
            ++none;
            // The path is free: create works now.
            CHECK_NOTHROW(Store::create(file));
            continue;
        }
        try {
            Store s = Store::open(file);
            CHECK(s.integrityCheck() == "ok");
            CHECK(!s.projectUuid().empty());
            ++whole;
        } catch (const ProjectError& e) {
            FAIL("a kill during create left " << file << " that cannot be opened: " << e.what());
        }
    }
    removeHidden(file.parent_path());
    INFO(none << " kills left no file, " << whole << " a whole project");
    CHECK(none + whole == 60);
}

TEST_CASE("create refuses an existing file and leaves no temporary file", "[store][faults]")
{
    const auto file = fixture::freshPath("create-twice.bondline");
    Store::create(file);
    CHECK_THROWS_WITH(Store::create(file), Catch::Contains("already exists"));
    for (const auto& e : fs::directory_iterator(file.parent_path()))
        CHECK(e.path().filename().string().find("create-twice.bondline.creating") == std::string::npos);
}

TEST_CASE("opening a project another connection holds exclusively waits instead of failing", "[store][faults]")
{
    const auto file = fixture::freshPath("busy-open.bondline");
    Store::create(file);
    // Another connection takes the whole file (exclusive locking mode: readers are kept
    // out too) and lets go after 400 ms.
    sql::Database other(file.string(), sql::Database::Mode::ReadWrite);
    // (A read first: a connection that is exclusive from its first WAL access stays so.)
    other.exec("SELECT count(*) FROM meta");
    other.exec("PRAGMA locking_mode = EXCLUSIVE");
    other.exec("BEGIN EXCLUSIVE");
    other.exec("INSERT INTO meta(key, value) VALUES ('other', 'x')");
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        other.exec("COMMIT");
        other.exec("PRAGMA locking_mode = NORMAL");
        other.exec("SELECT count(*) FROM meta"); // the next access drops the exclusive lock
    });
    const auto t0 = Clock::now();
    std::optional<std::string> error;
    try {
        Store s = Store::open(file);
        CHECK(s.meta("other") == std::optional<std::string>("x"));
    } catch (const ProjectError& e) {
        error = e.what();
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    release.join();
    INFO("waited " << waited << " ms");
    CHECK(!error);
    if (error)
        FAIL_CHECK(*error);
}

TEST_CASE("a writer that cannot get the lock in time names the process and stores nothing", "[store][faults][slow]")
{
    const auto file = fixture::freshPath("busy-write.bondline");
    {
        Store s = Store::create(file);
        fixture::addFamily(s);
    }
    int ready[2];
    REQUIRE(pipe(ready) == 0);
    const pid_t holder = forkRunning([&] {
        Store s = Store::open(file);
        s.database().exec("BEGIN IMMEDIATE");
        char c = 'r';
        (void)!write(ready[1], &c, 1);
        std::this_thread::sleep_for(std::chrono::seconds(8));
    });
    char c = 0;
    REQUIRE(read(ready[0], &c, 1) == 1);
    close(ready[0]);
    close(ready[1]);

    Store s = Store::open(file);
    const auto f = fixture::Family{.kase = s.cases().at(0),
                                   .mother = s.participants().at(0),
                                   .father = s.participants().at(1),
                                   .youth = s.participants().at(2),
                                   .therapist = s.participants().at(3),
                                   .session = s.sessions().at(0),
                                   .anna = s.coders().at(0),
                                   .bram = s.coders().at(1),
                                   .scheme = s.schemes().at(0)};
    const auto before = s.codingCount();
    const auto t0 = Clock::now();
    std::string message;
    try {
        s.addCoding(fixture::coding(f, f.anna, "item", 1000));
    } catch (const ProjectError& e) {
        message = e.what();
        CHECK(e.kind() == ProjectError::Kind::Busy);
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    kill(holder, SIGKILL);
    waitpid(holder, nullptr, 0);
    INFO(message);
    CHECK(waited >= 4500);
    CHECK(message.rfind(file.string() + ": the project is busy: process " + std::to_string(holder) + " holds it", 0) == 0);
    CHECK(message.find("nothing was stored") != std::string::npos);
    CHECK(s.codingCount() == before);
}
