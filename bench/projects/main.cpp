// bench_projects: the project store (projects/store.h) measured against raw SQLite and the
// sqlite3 CLI in one run. Not a test: it prints numbers, ratios and the targets.
//
//   bench_projects [--codings N] [--inserts N] [--dir DIR] [--sqlite3 PATH] [--seed S] [--keep]
//
// 1. Insert latency: N (default 2 000) Store::addCoding calls, each one committed
//    transaction (WAL, synchronous=FULL, audit row), against raw SQLite doing one prepared
//    INSERT per BEGIN IMMEDIATE/COMMIT with the same pragmas on a file with the same schema.
//    The two run in alternating blocks of 100 so that disk noise hits both alike.
// 2. A large project (1 000 sessions in 250 cases of 4 participants, 2 coders, --codings
//    codings, one audit row per row as Store writes them), generated through the raw
//    sqlite3 API in one transaction in a child process. Then, in this process:
//    Store::open time (page cache of the file dropped first, and warm), the peak RSS
//    increase during open (VmHWM after resetting it through /proc/self/clear_refs, minus
//    VmRSS before), Store::sessions() and Store::codings(sessionId).
// 3. CSV export of every coding (case, session, coder, item, onset_us, offset_us):
//    Store::forEachCoding into a buffered writer, against
//    `sqlite3 -csv -header FILE "SELECT ... JOIN ..." > out.csv`; the two files must be
//    byte-identical.
//
// Files go to DIR (default: the folder of this executable, i.e. the build tree) and are
// removed at the end unless --keep. Exit status: 0, 1 on a failure, 2 on a usage error.
#include <fcntl.h>
#include <malloc.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "projects/exchange_csv.h"
#include "projects/store.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using projects::RowId;
using projects::Store;

constexpr double kFrameMs = 1000.0 / 60.0; // one 60 Hz frame
constexpr int kCases = 250;
constexpr int kPerCase = 4; // participants per case, and sessions per case
constexpr int kSessions = kCases * kPerCase;
constexpr int kCoders = 2;
constexpr int64_t kSessionUs = 50LL * 60 * 1000000; // 50-minute sessions

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Options {
    int64_t codings = 1000000;
    int inserts = 2000;
    fs::path dir;
    std::string sqlite3 = "sqlite3";
    uint64_t seed = 20261130;
    bool keep = false;
};

// ---- /proc and the page cache -----------------------------------------------------------

long statusKb(const char* key)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const size_t n = std::strlen(key);
    while (std::getline(in, line)) {
        if (line.compare(0, n, key) == 0 && line.size() > n && line[n] == ':')
            return std::stol(line.substr(n + 1));
    }
    return -1;
}

bool resetPeakRss()
{
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return static_cast<bool>(out);
}

// Writes back and drops the file's pages from the page cache (no root needed for clean
// pages). Best effort; residentPercent() says how far it got.
void dropCache(const fs::path& file)
{
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0)
        return;
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

double residentPercent(const fs::path& file)
{
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0)
        return -1;
    struct stat sb {};
    ::fstat(fd, &sb);
    double pct = -1;
    if (sb.st_size > 0) {
        void* p = ::mmap(nullptr, static_cast<size_t>(sb.st_size), PROT_READ, MAP_SHARED, fd, 0);
        if (p != MAP_FAILED) {
            const long page = ::sysconf(_SC_PAGESIZE);
            const size_t pages = (static_cast<size_t>(sb.st_size) + page - 1) / page;
            std::vector<unsigned char> vec(pages);
            if (::mincore(p, static_cast<size_t>(sb.st_size), vec.data()) == 0) {
                size_t in = 0;
                for (unsigned char v : vec)
                    in += v & 1;
                pct = 100.0 * static_cast<double>(in) / static_cast<double>(pages);
            }
            ::munmap(p, static_cast<size_t>(sb.st_size));
        }
    }
    ::close(fd);
    return pct;
}

void removeProject(const fs::path& file)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(fs::path(file.string() + suffix), ec);
}

// ---- raw SQLite -------------------------------------------------------------------------

class Raw {
public:
    explicit Raw(const fs::path& file)
    {
        if (sqlite3_open_v2(file.c_str(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            throw std::runtime_error(file.string() + ": " + sqlite3_errmsg(m_db));
    }
    ~Raw() { sqlite3_close_v2(m_db); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;
    void exec(const std::string& sql)
    {
        char* err = nullptr;
        if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string m = err ? err : sqlite3_errmsg(m_db);
            sqlite3_free(err);
            throw std::runtime_error(sql.substr(0, 60) + ": " + m);
        }
    }
    sqlite3* db() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

class Stmt {
public:
    Stmt(Raw& db, const char* sql) : m_db(db.db())
    {
        if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_st, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string(sql).substr(0, 60) + ": " + sqlite3_errmsg(m_db));
    }
    ~Stmt() { sqlite3_finalize(m_st); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt& i(int idx, int64_t v)
    {
        sqlite3_bind_int64(m_st, idx, v);
        return *this;
    }
    Stmt& t(int idx, std::string_view v)
    {
        sqlite3_bind_text(m_st, idx, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& opt(int idx, std::optional<int64_t> v)
    {
        if (v)
            sqlite3_bind_int64(m_st, idx, *v);
        else
            sqlite3_bind_null(m_st, idx);
        return *this;
    }
    void run()
    {
        const int rc = sqlite3_step(m_st);
        sqlite3_reset(m_st);
        if (rc != SQLITE_DONE)
            throw std::runtime_error(std::string("insert: ") + sqlite3_errmsg(m_db));
    }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_st = nullptr;
};

// The pragmas Store sets on every connection (store.cpp, configure()).
void storePragmas(Raw& db)
{
    db.exec("PRAGMA busy_timeout = 5000");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");
}

// ---- statistics ---------------------------------------------------------------------------

struct Latency {
    double p50 = 0, p99 = 0, max = 0, mean = 0;
};

// Nearest-rank percentiles.
Latency summarize(std::vector<double> v)
{
    Latency l;
    if (v.empty())
        return l;
    std::sort(v.begin(), v.end());
    auto rank = [&](double p) {
        auto k = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
        return v[std::clamp<size_t>(k, 1, v.size()) - 1];
    };
    l.p50 = rank(0.50);
    l.p99 = rank(0.99);
    l.max = v.back();
    double s = 0;
    for (double x : v)
        s += x;
    l.mean = s / static_cast<double>(v.size());
    return l;
}

std::string fmt(double v, int decimals = 2)
{
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

std::string ratio(double ours, double theirs)
{
    if (theirs <= 0)
        return "n/a";
    return fmt(ours / theirs, 2) + "x";
}

// ---- test data ----------------------------------------------------------------------------

const char* const kItems[] = {"engage-plus",  "engage-minus", "connect-plus", "connect-minus",
                              "safety-plus",  "safety-minus", "purpose-plus", "purpose-minus",
                              "blame",        "hostility",    "validation",   "reframe",
                              "self-disclose", "withdraw",    "interrupt",    "repair"};
constexpr int kItemCount = static_cast<int>(std::size(kItems));

std::string hex64(std::mt19937_64& rng)
{
    static const char* kHex = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 4; ++i) {
        uint64_t w = rng();
        for (int j = 0; j < 16; ++j, w >>= 4)
            s += kHex[w & 15];
    }
    return s;
}

// The audit detail Store writes for an inserted coding (store.cpp, codingDetail()); the
// generated items and comments need no JSON escaping.
std::string codingDetail(const std::string& item, RowId actor, std::optional<RowId> target, int64_t onset,
                         std::optional<int64_t> offset, std::optional<int64_t> pts, const std::string& comment)
{
    auto opt = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : std::string("null"); };
    return "{\"item\":\"" + item + "\",\"actor\":" + std::to_string(actor) + ",\"target\":" + opt(target)
        + ",\"onset_us\":" + std::to_string(onset) + ",\"offset_us\":" + opt(offset) + ",\"frame_pts\":" + opt(pts)
        + ",\"comment\":\"" + comment + "\"}";
}

// One coding of the insert benchmark (the i-th of a session coded by one coder).
projects::Coding makeCoding(int i, std::mt19937_64& rng, RowId session, RowId coder, RowId scheme,
                            const std::vector<RowId>& people)
{
    projects::Coding c;
    c.sessionId = session;
    c.coderId = coder;
    c.schemeRefId = scheme;
    c.item = kItems[rng() % kItemCount];
    c.actorId = people[static_cast<size_t>(i) % people.size()];
    if (i % 2 == 0)
        c.targetId = people[static_cast<size_t>(i + 1) % people.size()];
    c.onsetUs = static_cast<int64_t>(i) * 1500000 + static_cast<int64_t>(rng() % 1000000);
    if (i % 3 != 0)
        c.offsetUs = c.onsetUs + 500000 + static_cast<int64_t>(rng() % 4500000);
    c.framePts = c.onsetUs * 9 / 100; // 90 kHz time base
    return c;
}

// ---- 1. insert latency -----------------------------------------------------------------------

struct InsertResult {
    Latency store, raw;
    double storeTotalMs = 0, rawTotalMs = 0;
};

struct SmallProject {
    RowId session = 0, coder = 0, scheme = 0;
    std::vector<RowId> people;
};

SmallProject setupSmall(Store& st)
{
    SmallProject p;
    projects::Case c;
    c.code = "F001";
    c.programme = "MDFT";
    c = st.addCase(c);
    const projects::Role roles[kPerCase] = {projects::Role::Youth, projects::Role::Mother, projects::Role::Father,
                                            projects::Role::Therapist};
    const char* codes[kPerCase] = {"Y", "M", "F", "T"};
    for (int k = 0; k < kPerCase; ++k) {
        projects::Participant pa;
        pa.caseId = c.id;
        pa.code = codes[k];
        pa.role = roles[k];
        p.people.push_back(st.addParticipant(pa).id);
    }
    projects::Session s;
    s.caseId = c.id;
    s.attended = p.people;
    p.session = st.addSession(s).id;
    projects::Coder cd;
    cd.name = "coder-a";
    p.coder = st.addCoder(cd).id;
    projects::SchemeRef sr;
    sr.schemeId = "bench-scheme";
    sr.version = "1";
    sr.contentHash = "sha256:" + std::string(64, '0');
    sr.sourceText = "id = \"bench-scheme\"\n";
    p.scheme = st.addScheme(sr).id;
    return p;
}

InsertResult benchInserts(const Options& o)
{
    const fs::path storeFile = o.dir / "insert_store.bondline";
    const fs::path rawFile = o.dir / "insert_raw.bondline";
    removeProject(storeFile);
    removeProject(rawFile);

    // Both files get the schema and the parent rows from Store, so the codings table, its
    // indexes and foreign keys are the same; only the writer differs.
    Store st = Store::create(storeFile);
    const SmallProject sp = setupSmall(st);
    SmallProject rp;
    {
        Store tmp = Store::create(rawFile);
        rp = setupSmall(tmp);
    }
    Raw raw(rawFile);
    storePragmas(raw);
    Stmt ins(raw,
             "INSERT INTO codings(uuid, session_id, coder_id, scheme_id, item, actor_id, target_id, onset_us, "
             "offset_us, frame_pts, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

    std::mt19937_64 rngS(o.seed), rngR(o.seed);
    std::vector<double> ts, tr;
    ts.reserve(o.inserts);
    tr.reserve(o.inserts);
    constexpr int kBlock = 100;
    for (int done = 0; done < o.inserts;) {
        const int n = std::min(kBlock, o.inserts - done);
        for (int i = done; i < done + n; ++i) {
            projects::Coding c = makeCoding(i, rngS, sp.session, sp.coder, sp.scheme, sp.people);
            const auto t0 = Clock::now();
            st.addCoding(std::move(c));
            ts.push_back(msSince(t0));
        }
        for (int i = done; i < done + n; ++i) {
            projects::Coding c = makeCoding(i, rngR, rp.session, rp.coder, rp.scheme, rp.people);
            const auto t0 = Clock::now();
            raw.exec("BEGIN IMMEDIATE");
            ins.t(1, projects::makeUuid())
                .i(2, c.sessionId)
                .i(3, c.coderId)
                .i(4, c.schemeRefId)
                .t(5, c.item)
                .i(6, c.actorId)
                .opt(7, c.targetId)
                .i(8, c.onsetUs)
                .opt(9, c.offsetUs)
                .opt(10, c.framePts)
                .t(11, c.comment)
                .run();
            raw.exec("COMMIT");
            tr.push_back(msSince(t0));
        }
        done += n;
    }
    if (st.codingCount() != o.inserts)
        throw std::runtime_error("insert benchmark: the store holds " + std::to_string(st.codingCount())
                                 + " codings, expected " + std::to_string(o.inserts));
    InsertResult r;
    for (double x : ts)
        r.storeTotalMs += x;
    for (double x : tr)
        r.rawTotalMs += x;
    r.store = summarize(std::move(ts));
    r.raw = summarize(std::move(tr));
    return r;
}

// ---- 2. the large project ---------------------------------------------------------------------

std::string isoTime(int64_t secondsAfterBase, int millis)
{
    const time_t t = 1767603600 + static_cast<time_t>(secondsAfterBase); // 2026-01-05 09:00 UTC
    struct tm tm {};
    gmtime_r(&t, &tm);
    char b[64];
    std::snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, millis % 1000);
    return b;
}

// Fills a file made by Store::create with the large project through the raw sqlite3 API,
// in one transaction, and writes one audit row per inserted row as Store does. Row ids
// are explicit: case k (1-based) has participants 4k-3..4k and sessions 4k-3..4k; session
// s has media s; coders 1, 2; scheme 1.
void generateLarge(const fs::path& file, int64_t codings, uint64_t seed)
{
    {
        Store created = Store::create(file);
    }
    Raw db(file);
    db.exec("PRAGMA journal_mode = DELETE"); // a bulk load: no WAL copy of every page
    db.exec("PRAGMA synchronous = OFF");
    db.exec("PRAGMA foreign_keys = OFF");    // ids are consistent by construction
    db.exec("PRAGMA cache_size = -524288");  // 512 MiB: the uuid indexes take random inserts
    db.exec("BEGIN");
    std::mt19937_64 rng(seed);
    int64_t auditClock = 0;
    Stmt audit(db, "INSERT INTO audit(at, who, action, tbl, row_uuid, detail) VALUES (?, ?, 'insert', ?, ?, ?)");
    auto auditRow = [&](std::string_view who, std::string_view tbl, const std::string& uuid, const std::string& detail) {
        auditClock += 1 + static_cast<int64_t>(rng() % 3);
        audit.t(1, isoTime(auditClock, static_cast<int>(rng() % 1000))).t(2, who).t(3, tbl).t(4, uuid).t(5, detail).run();
    };

    Stmt coder(db, "INSERT INTO coders(id, uuid, name, role) VALUES (?, ?, ?, 'coder')");
    const std::string coderNames[kCoders] = {"coder-a", "coder-b"};
    for (int k = 0; k < kCoders; ++k) {
        const std::string u = projects::makeUuid();
        coder.i(1, k + 1).t(2, u).t(3, coderNames[k]).run();
        auditRow("system", "coders", u, "{\"name\":\"" + coderNames[k] + "\"}");
    }
    Stmt scheme(db, "INSERT INTO schemes(id, scheme_id, version, content_hash, source_text) VALUES (1, ?, '1', ?, ?)");
    const std::string hash = "sha256:" + hex64(rng);
    std::string source = "id = \"bench-scheme\"\nversion = \"1\"\n";
    for (const char* item : kItems)
        source += "[[items]]\nid = \"" + std::string(item) + "\"\nlabel = \"" + item + "\"\n";
    scheme.t(1, "bench-scheme").t(2, hash).t(3, source).run();
    auditRow("system", "schemes", hash, "{\"scheme\":\"bench-scheme\",\"version\":\"1\"}");

    Stmt cs(db, "INSERT INTO cases(id, uuid, code, setting, programme) VALUES (?, ?, ?, ?, ?)");
    Stmt pa(db, "INSERT INTO participants(id, uuid, case_id, code, role) VALUES (?, ?, ?, ?, ?)");
    Stmt se(db, "INSERT INTO sessions(id, uuid, case_id, number, date, phase, start_us, end_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    Stmt at(db, "INSERT INTO attendance(session_id, participant_id) VALUES (?, ?)");
    Stmt me(db, "INSERT INTO media(id, uuid, session_id, path, size_bytes, fingerprint) VALUES (?, ?, ?, ?, ?, ?)");
    Stmt as(db, "INSERT INTO assignments(uuid, session_id, coder_id, scheme_id, blind, gold, reliability, status) "
                "VALUES (?, ?, ?, 1, 1, 0, ?, 'done')");
    const char* roles[kPerCase] = {"youth", "mother", "father", "therapist"};
    const char* pcodes[kPerCase] = {"Y", "M", "F", "T"};
    const char* phases[kPerCase] = {"early", "middle", "middle", "late"};
    for (int k = 1; k <= kCases; ++k) {
        char code[24];
        std::snprintf(code, sizeof code, "F%03d", k);
        std::string u = projects::makeUuid();
        cs.i(1, k).t(2, u).t(3, code).t(4, k % 2 ? "outpatient" : "home-based").t(5, k % 3 ? "MDFT" : "FFT").run();
        auditRow("system", "cases", u, std::string("{\"code\":\"") + code + "\"}");
        for (int j = 0; j < kPerCase; ++j) {
            const int pid = (k - 1) * kPerCase + j + 1;
            u = projects::makeUuid();
            pa.i(1, pid).t(2, u).i(3, k).t(4, pcodes[j]).t(5, roles[j]).run();
            auditRow("system", "participants", u,
                     std::string("{\"code\":\"") + pcodes[j] + "\",\"role\":\"" + roles[j] + "\"}");
        }
        for (int n = 1; n <= kPerCase; ++n) {
            const int sid = (k - 1) * kPerCase + n;
            char date[16];
            std::snprintf(date, sizeof date, "2026-%02d-%02d", 1 + (k + n) % 12, 1 + (k * 7 + n) % 28);
            u = projects::makeUuid();
            se.i(1, sid).t(2, u).i(3, k).i(4, n).t(5, date).t(6, phases[n - 1]).i(7, 0).i(8, kSessionUs).run();
            auditRow("system", "sessions", u, "{\"number\":" + std::to_string(n) + "}");
            for (int j = 0; j < kPerCase; ++j)
                at.i(1, sid).i(2, (k - 1) * kPerCase + j + 1).run();
            const std::string mu = projects::makeUuid();
            const std::string path = std::string("media/") + code + "_s" + std::to_string(n) + ".mp4";
            const int64_t size = 900000000 + static_cast<int64_t>(rng() % 400000000);
            me.i(1, sid).t(2, mu).i(3, sid).t(4, path).i(5, size)
                .t(6, "size:" + std::to_string(size) + ":sha256:" + hex64(rng)).run();
            auditRow("system", "media", mu, "{\"path\":\"" + path + "\"}");
            for (int c = 1; c <= kCoders; ++c) {
                u = projects::makeUuid();
                as.t(1, u).i(2, sid).i(3, c).i(4, n == 2 ? 1 : 0).run();
                auditRow("system", "assignments", u, "{\"status\":\"done\"}");
            }
        }
    }

    Stmt co(db, "INSERT INTO codings(uuid, session_id, coder_id, scheme_id, item, actor_id, target_id, onset_us, "
                "offset_us, frame_pts, comment) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)");
    const int64_t slots = static_cast<int64_t>(kSessions) * kCoders;
    for (int64_t slot = 0; slot < slots; ++slot) {
        const int sid = static_cast<int>(slot / kCoders) + 1;
        const int cid = static_cast<int>(slot % kCoders) + 1;
        const int caseNo = (sid - 1) / kPerCase + 1;
        const int64_t n = codings / slots + (slot < codings % slots ? 1 : 0);
        if (n == 0)
            continue;
        const int64_t step = kSessionUs / n;
        for (int64_t j = 0; j < n; ++j) {
            const std::string item = kItems[rng() % kItemCount];
            const RowId actor = (caseNo - 1) * kPerCase + static_cast<RowId>(rng() % kPerCase) + 1;
            std::optional<RowId> target;
            if (rng() % 2)
                target = (caseNo - 1) * kPerCase + static_cast<RowId>(rng() % kPerCase) + 1;
            const int64_t onset = j * step + static_cast<int64_t>(rng() % static_cast<uint64_t>(std::max<int64_t>(step, 1)));
            std::optional<int64_t> offset;
            if (rng() % 3 == 0)
                offset = onset + 500000 + static_cast<int64_t>(rng() % 8000000);
            const std::optional<int64_t> pts = onset * 9 / 100;
            const std::string comment = rng() % 50 == 0 ? "check with supervisor" : "";
            const std::string u = projects::makeUuid();
            co.t(1, u).i(2, sid).i(3, cid).t(4, item).i(5, actor).opt(6, target).i(7, onset).opt(8, offset)
                .opt(9, pts).t(10, comment).run();
            auditRow(coderNames[cid - 1], "codings", u, codingDetail(item, actor, target, onset, offset, pts, comment));
        }
    }
    db.exec("COMMIT");
    db.exec("PRAGMA journal_mode = WAL"); // as Store leaves its files
}

// Runs generateLarge in a child process, so that SQLite's 512 MiB bulk-load cache never
// lives in this process and the RSS measured around Store::open starts clean.
double generateInChild(const fs::path& file, int64_t codings, uint64_t seed)
{
    removeProject(file);
    std::cout.flush();
    std::fflush(nullptr);
    const auto t0 = Clock::now();
    const pid_t pid = ::fork();
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0) {
        int rc = 0;
        try {
            generateLarge(file, codings, seed);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "bench_projects: generating %s: %s\n", file.c_str(), e.what());
            rc = 1;
        }
        std::fflush(nullptr);
        ::_exit(rc);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("generating the large project failed");
    return msSince(t0);
}

// ---- 3. CSV export ------------------------------------------------------------------------------

// A buffered CSV writer: 1 MiB buffer, write(2) when full; RFC 4180 quoting.
class CsvWriter {
public:
    explicit CsvWriter(const fs::path& file) : m_fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644))
    {
        if (m_fd < 0)
            throw std::runtime_error(file.string() + ": cannot write");
        m_buf.reserve(kSize + 4096);
    }
    ~CsvWriter() { close(); }
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    void text(std::string_view s)
    {
        sep();
        if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
            m_buf.append(s);
            return;
        }
        m_buf += '"';
        for (char c : s) {
            if (c == '"')
                m_buf += '"';
            m_buf += c;
        }
        m_buf += '"';
    }
    void number(int64_t v)
    {
        sep();
        char b[24];
        const auto r = std::to_chars(b, b + sizeof b, v);
        m_buf.append(b, r.ptr);
    }
    void empty() { sep(); }
    void endRow()
    {
        m_buf += '\n';
        m_first = true;
        if (m_buf.size() >= kSize)
            flush();
    }
    void close()
    {
        if (m_fd < 0)
            return;
        flush();
        ::close(m_fd);
        m_fd = -1;
    }

private:
    static constexpr size_t kSize = 1 << 20;
    void sep()
    {
        if (!m_first)
            m_buf += ',';
        m_first = false;
    }
    void flush()
    {
        const char* p = m_buf.data();
        size_t left = m_buf.size();
        while (left > 0) {
            const ssize_t w = ::write(m_fd, p, left);
            if (w <= 0)
                throw std::runtime_error("CSV write failed");
            p += w;
            left -= static_cast<size_t>(w);
        }
        m_buf.clear();
    }
    int m_fd;
    std::string m_buf;
    bool m_first = true;
};

constexpr const char* kExportSql =
    "SELECT c.code AS \"case\", s.number AS session, k.name AS coder, x.item AS item, x.onset_us AS onset_us, "
    "x.offset_us AS offset_us FROM codings x JOIN sessions s ON s.id = x.session_id JOIN cases c ON c.id = s.case_id "
    "JOIN coders k ON k.id = x.coder_id ORDER BY x.session_id, x.coder_id, x.onset_us, x.id";

// Ours: the lookups for case code, session number and coder name are part of the time.
int64_t exportStore(Store& st, const fs::path& out)
{
    struct SessionKey {
        std::string caseCode;
        int number = 0;
    };
    std::unordered_map<RowId, std::string> caseCode, coderName;
    for (const auto& c : st.cases())
        caseCode[c.id] = c.code;
    for (const auto& c : st.coders())
        coderName[c.id] = c.name;
    std::unordered_map<RowId, SessionKey> sessions;
    for (const auto& s : st.sessions())
        sessions[s.id] = {caseCode[s.caseId], s.number};
    CsvWriter w(out);
    for (const char* h : {"case", "session", "coder", "item", "onset_us", "offset_us"})
        w.text(h);
    w.endRow();
    int64_t rows = 0;
    st.forEachCoding([&](const projects::Coding& c) {
        const SessionKey& s = sessions.at(c.sessionId);
        w.text(s.caseCode);
        w.number(s.number);
        w.text(coderName.at(c.coderId));
        w.text(c.item);
        w.number(c.onsetUs);
        if (c.offsetUs)
            w.number(*c.offsetUs);
        else
            w.empty();
        w.endRow();
        ++rows;
    });
    w.close();
    return rows;
}

// The sqlite3 CLI, wall clock from spawn to exit (process start included: that is what a
// user of the CLI waits for). Returns a negative time when the CLI could not run.
double exportCli(const std::string& cli, const fs::path& db, const fs::path& out)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> args = {cli, "-init", "/dev/null", "-batch", "-csv", "-header", "-newline", "\n",
                                     db.string(), kExportSql};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const auto t0 = Clock::now();
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, cli.c_str(), &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return -1;
    int status = 0;
    ::waitpid(pid, &status, 0);
    const double ms = msSince(t0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return ms;
}

// Reads the file once (into the page cache).
void readWhole(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::vector<char> b(1 << 20);
    while (in.read(b.data(), static_cast<std::streamsize>(b.size())) || in.gcount() > 0) {
    }
}

bool sameBytes(const fs::path& a, const fs::path& b)
{
    std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
    std::vector<char> ba(1 << 20), bb(1 << 20);
    while (fa && fb) {
        fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
        fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
        if (fa.gcount() != fb.gcount() || std::memcmp(ba.data(), bb.data(), static_cast<size_t>(fa.gcount())) != 0)
            return false;
    }
    return !fa && !fb;
}

// ---- main ---------------------------------------------------------------------------------------

int usage()
{
    std::cerr << "usage: bench_projects [--codings N] [--inserts N] [--dir DIR] [--sqlite3 PATH] [--seed S] [--keep]\n";
    return 2;
}

double fileMiB(const fs::path& f)
{
    std::error_code ec;
    const auto s = fs::file_size(f, ec);
    return ec ? 0 : static_cast<double>(s) / (1024.0 * 1024.0);
}

std::string loadavg()
{
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

struct Row {
    std::string what, ours, peer, ratio;
};

void printTable(const std::vector<Row>& rows)
{
    std::cout << "| what | Bondline | peer / target | ratio / verdict |\n| --- | --- | --- | --- |\n";
    for (const auto& r : rows)
        std::cout << "| " << r.what << " | " << r.ours << " | " << r.peer << " | " << r.ratio << " |\n";
}

int run(const Options& o)
{
    const auto tAll = Clock::now();
    fs::create_directories(o.dir);
    std::cout << "# bench_projects: " << ::sysconf(_SC_NPROCESSORS_ONLN) << " cores, load " << loadavg()
              << ", SQLite " << sqlite3_libversion() << ", files in " << fs::absolute(o.dir).string() << "\n";
    std::vector<Row> rows;

    // 1.
    std::cout << "## 1. insert latency: " << o.inserts << " x Store::addCoding vs raw INSERT+COMMIT "
              << "(WAL, synchronous=FULL, alternating blocks of 100)" << std::endl;
    const InsertResult ir = benchInserts(o);
    auto lat = [](const Latency& l) { return fmt(l.p50) + " / " + fmt(l.p99) + " / " + fmt(l.max) + " ms"; };
    std::cout << "   Store::addCoding  p50 " << fmt(ir.store.p50) << "  p99 " << fmt(ir.store.p99) << "  max "
              << fmt(ir.store.max) << "  mean " << fmt(ir.store.mean) << " ms  (total " << fmt(ir.storeTotalMs, 0)
              << " ms)\n";
    std::cout << "   raw SQLite        p50 " << fmt(ir.raw.p50) << "  p99 " << fmt(ir.raw.p99) << "  max "
              << fmt(ir.raw.max) << "  mean " << fmt(ir.raw.mean) << " ms  (total " << fmt(ir.rawTotalMs, 0)
              << " ms)\n";
    const bool underFrame = ir.store.p99 < kFrameMs;
    std::cout << "   p99 under one 60 Hz frame (16.7 ms): " << (underFrame ? "yes" : "NO") << std::endl;
    rows.push_back({"`Store::addCoding`, " + std::to_string(o.inserts) + " inserts, p50 / p99 / max", lat(ir.store),
                    "raw SQLite, one INSERT per transaction: " + lat(ir.raw),
                    "Bondline/raw: p50 " + ratio(ir.store.p50, ir.raw.p50) + ", p99 " + ratio(ir.store.p99, ir.raw.p99) + ", max "
                        + ratio(ir.store.max, ir.raw.max)});
    rows.push_back({"`addCoding` p99 within one 60 Hz frame", fmt(ir.store.p99) + " ms", "16.7 ms",
                    underFrame ? "yes, " + fmt(kFrameMs / ir.store.p99, 1) + "x under" : "NO"});

    // 2.
    const fs::path big = o.dir / "large.bondline";
    std::cout << "## 2. large project: " << kSessions << " sessions, " << kCases << " cases x " << kPerCase
              << " participants, " << kCoders << " coders, " << o.codings << " codings" << std::endl;
    const double genMs = generateInChild(big, o.codings, o.seed);
    std::cout << "   generated in " << fmt(genMs / 1000.0, 1) << " s (raw sqlite3 API, one transaction, child process), "
              << fmt(fileMiB(big), 0) << " MiB" << std::endl;
    malloc_trim(0);

    dropCache(big);
    const double residentBefore = residentPercent(big);
    const bool peakReset = resetPeakRss();
    const long rssBefore = statusKb("VmRSS");
    const long hwmAfterReset = statusKb("VmHWM");
    auto t0 = Clock::now();
    std::optional<Store> st(Store::open(big));
    const double openColdMs = msSince(t0);
    const long hwm = statusKb("VmHWM");
    const long rssAfter = statusKb("VmRSS");
    // The reset sets VmHWM to the current RSS; if it did not, VmHWM is the lifetime peak
    // (an upper bound), unless that equals the current RSS anyway.
    const bool resetWorked = peakReset && hwmAfterReset <= rssBefore + 256;
    const double peakMiB = static_cast<double>(hwm - rssBefore) / 1024.0;
    std::cout << "   Store::open cold (page cache dropped, " << fmt(residentBefore, 1) << "% of the file resident): "
              << fmt(openColdMs) << " ms; RSS " << rssBefore << " kB before, peak " << hwm << " kB, "
              << rssAfter << " kB after (VmHWM " << hwmAfterReset << " kB after the reset)" << (resetWorked ? "" : " (VmHWM could not be reset: peak is an upper bound)")
              << std::endl;

    // First calls right after the cold open read their pages from disk.
    t0 = Clock::now();
    auto sessions = st->sessions();
    const double sessionsFirstMs = msSince(t0);
    const RowId probe = sessions.at(sessions.size() / 2).id;
    t0 = Clock::now();
    auto one = st->codings(probe);
    const double codingsFirstMs = msSince(t0);
    double sessionsMs = 1e9, codingsMs = 1e9;
    for (int i = 0; i < 5; ++i) {
        t0 = Clock::now();
        sessions = st->sessions();
        sessionsMs = std::min(sessionsMs, msSince(t0));
        t0 = Clock::now();
        one = st->codings(probe);
        codingsMs = std::min(codingsMs, msSince(t0));
    }
    const long hwmAfterReads = statusKb("VmHWM");
    std::cout << "   sessions(): " << sessions.size() << " rows, first " << fmt(sessionsFirstMs) << " ms, best of 5 "
              << fmt(sessionsMs) << " ms; codings(session " << probe << "): " << one.size() << " rows, first "
              << fmt(codingsFirstMs) << " ms, best of 5 " << fmt(codingsMs) << " ms; peak RSS since before open +"
              << fmt(static_cast<double>(hwmAfterReads - rssBefore) / 1024.0, 1) << " MiB" << std::endl;
    st.reset();
    std::vector<double> warm;
    for (int i = 0; i < 5; ++i) {
        t0 = Clock::now();
        Store s = Store::open(big);
        warm.push_back(msSince(t0));
    }
    const double openWarmMs = summarize(warm).p50;
    std::cout << "   Store::open warm, median of 5: " << fmt(openWarmMs) << " ms" << std::endl;
    rows.push_back({"`Store::open`, " + std::to_string(o.codings) + " codings (" + fmt(fileMiB(big), 0)
                        + " MiB file), cold / warm",
                    fmt(openColdMs) + " / " + fmt(openWarmMs) + " ms", "target <= 1000 ms",
                    openColdMs <= 1000 ? fmt(1000 / std::max(openColdMs, 0.001), 0) + "x under (cold)" : "MISS"});
    rows.push_back({"peak RSS increase during `Store::open` (and after the `sessions()` / `codings()` reads below)",
                    fmt(peakMiB, 1) + " MiB (" + fmt(static_cast<double>(hwmAfterReads - rssBefore) / 1024.0, 1) + " MiB)",
                    "", resetWorked ? "" : "VmHWM not reset: upper bound"});
    rows.push_back({"`Store::sessions()`, " + std::to_string(sessions.size()) + " sessions with attendance, first / best of 5",
                    fmt(sessionsFirstMs) + " / " + fmt(sessionsMs) + " ms", "", ""});
    rows.push_back({"`Store::codings(sessionId)`, " + std::to_string(one.size()) + " codings, first / best of 5",
                    fmt(codingsFirstMs) + " / " + fmt(codingsMs) + " ms", "", ""});

    // 3.
    constexpr int kRounds = 5;
    std::cout << "## 3. CSV export of every coding: Store::forEachCoding + buffered writer vs sqlite3 CLI (file read "
                 "into the page cache first, then "
              << kRounds << " alternating rounds)" << std::endl;
    readWhole(big); // both sides read from the page cache
    const fs::path outOurs = o.dir / "export_store.csv", outCli = o.dir / "export_sqlite3.csv";
    std::vector<double> ours, cli, scan;
    int64_t exported = 0;
    bool cliOk = true;
    for (int round = 0; round < kRounds; ++round) {
        {
            t0 = Clock::now();
            Store s = Store::open(big);
            const double openMs = msSince(t0);
            t0 = Clock::now();
            exported = exportStore(s, outOurs);
            ours.push_back(msSince(t0));
            // The store's share: the same stream with nothing written.
            t0 = Clock::now();
            int64_t n = 0;
            s.forEachCoding([&](const projects::Coding& c) { n += c.onsetUs > 0; });
            scan.push_back(msSince(t0));
            std::cout << "   round " << round + 1 << ": ours " << fmt(ours.back(), 0) << " ms (+ open " << fmt(openMs, 1)
                      << " ms; forEachCoding alone " << fmt(scan.back(), 0) << " ms)";
        }
        const double c = exportCli(o.sqlite3, big, outCli);
        if (c < 0) {
            cliOk = false;
            std::cout << ", sqlite3 CLI (" << o.sqlite3 << ") could not run" << std::endl;
            break;
        }
        cli.push_back(c);
        std::cout << ", sqlite3 CLI " << fmt(c, 0) << " ms" << std::endl;
    }
    const double oursMs = *std::min_element(ours.begin(), ours.end());
    const double scanMs = *std::min_element(scan.begin(), scan.end());
    const double cliMs = cli.empty() ? 0 : *std::min_element(cli.begin(), cli.end());
    const bool identical = cliOk && sameBytes(outOurs, outCli);
    std::cout << "   " << exported << " rows, " << fmt(fileMiB(outOurs), 1) << " MiB; best ours " << fmt(oursMs, 0)
              << " ms (median " << fmt(summarize(ours).p50, 0) << "), best sqlite3 " << fmt(cliMs, 0) << " ms (median "
              << fmt(summarize(cli).p50, 0) << "); outputs byte-identical: " << (cliOk ? (identical ? "yes" : "NO") : "n/a")
              << std::endl;
    std::string verdict = "n/a";
    if (cliOk) {
        verdict = "ours/sqlite3 " + ratio(oursMs, cliMs) + " ("
            + (oursMs > cliMs ? "ours slower" : "ours faster") + ")" + (identical ? ", byte-identical" : ", OUTPUT DIFFERS");
    }
    rows.push_back({"CSV export of " + std::to_string(exported)
                        + " codings (case, session, coder, item, onset, offset), best of " + std::to_string(kRounds),
                    fmt(oursMs, 0) + " ms (of which `forEachCoding` alone " + fmt(scanMs, 0) + " ms)",
                    cliOk ? "`sqlite3 -csv` with the same JOIN and order: " + fmt(cliMs, 0) + " ms" : "sqlite3 CLI missing",
                    verdict});

    // 4. The product's export command (bondline-cli export -o F.csv): every column of the
    // long format, per-session queries, and the scheme's derived scores where the stored
    // scheme parses. One run, after the rounds above (page cache warm).
    std::cout << "## 4. bondline-cli export (projects::exportLongCsv, the whole long format)" << std::endl;
    const fs::path outLong = o.dir / "export_long.csv";
    double longMs = 0;
    int64_t longRows = 0;
    {
        t0 = Clock::now();
        Store s = Store::open(big);
        longRows = projects::exportLongCsv(s, outLong).rows;
        longMs = msSince(t0);
    }
    std::cout << "   " << longRows << " rows, " << fmt(fileMiB(outLong), 1) << " MiB in " << fmt(longMs, 0) << " ms"
              << std::endl;
    rows.push_back({"`bondline-cli export` long CSV (all 23 columns, per-session reads, scores when the scheme parses), one run",
                    fmt(longMs, 0) + " ms, " + std::to_string(longRows) + " rows, " + fmt(fileMiB(outLong), 0) + " MiB",
                    cliOk ? "`sqlite3 -csv` above (6 columns): " + fmt(cliMs, 0) + " ms" : "sqlite3 CLI missing",
                    cliOk ? "ours/sqlite3 " + ratio(longMs, cliMs) : "n/a"});

    std::cout << "\n";
    printTable(rows);
    std::cout << "\nlarge project generated in " << fmt(genMs / 1000.0, 1) << " s; whole run "
              << fmt(msSince(tAll) / 1000.0, 1) << " s\n";

    if (!o.keep) {
        removeProject(o.dir / "insert_store.bondline");
        removeProject(o.dir / "insert_raw.bondline");
        removeProject(big);
        std::error_code ec;
        fs::remove(outOurs, ec);
        fs::remove(outLong, ec);
        fs::remove(outCli, ec);
    }
    return (cliOk && !identical) ? 1 : 0;
}

} // namespace

int main(int argc, char** argv)
{
    Options o;
    try {
        o.dir = fs::canonical("/proc/self/exe").parent_path() / "data";
    } catch (const std::exception&) {
        o.dir = "bench-projects-data";
    }
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--codings")
                o.codings = std::stoll(next());
            else if (a == "--inserts")
                o.inserts = std::stoi(next());
            else if (a == "--dir")
                o.dir = next();
            else if (a == "--sqlite3")
                o.sqlite3 = next();
            else if (a == "--seed")
                o.seed = std::stoull(next());
            else if (a == "--keep")
                o.keep = true;
            else
                return usage();
        } catch (const std::exception& e) {
            std::cerr << "bench_projects: " << e.what() << "\n";
            return usage();
        }
    }
    if (o.codings < 1 || o.inserts < 1)
        return usage();
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::cerr << "bench_projects: " << e.what() << "\n";
        return 1;
    }
}
