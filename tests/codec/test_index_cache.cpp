// The frame index on disk (issue 11 item 5): a second open in a new process reads the
// index instead of scanning; stale (size or mtime changed) and damaged cache files are
// rebuilt silently; frames stay exact.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "codec/index_cache.h"
#include "codec/media_info.h"
#include "codec/video_decoder.h"
#include "tests/codec/media_fixtures.h"

using namespace codec;
using fixtures::Clip;
namespace fs = std::filesystem;

namespace {

// A private cache folder and a private copy of a clip for one test.
struct Sandbox {
    fs::path dir;
    std::string previous;
    bool hadPrevious = false;
    explicit Sandbox(const std::string& name)
    {
        dir = fs::temp_directory_path() / ("bondline-idx-" + std::to_string(::getpid()) + "-" + name);
        fs::remove_all(dir);
        fs::create_directories(dir);
        if (const char* p = std::getenv("BONDLINE_CACHE_DIR")) {
            previous = p;
            hadPrevious = true;
        }
        ::setenv("BONDLINE_CACHE_DIR", (dir / "cache").c_str(), 1);
    }
    ~Sandbox()
    {
        if (hadPrevious)
            ::setenv("BONDLINE_CACHE_DIR", previous.c_str(), 1);
        else
            ::unsetenv("BONDLINE_CACHE_DIR");
        forgetScans();
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string copy(Clip c)
    {
        const fs::path from = fixtures::path(c);
        const fs::path to = dir / from.filename();
        fs::copy_file(from, to);
        return to.string();
    }
    std::vector<fs::path> cacheFiles() const
    {
        std::vector<fs::path> out;
        if (fs::exists(dir / "cache" / "frame-index"))
            for (const auto& e : fs::directory_iterator(dir / "cache" / "frame-index"))
                out.push_back(e.path());
        return out;
    }
};

std::vector<int64_t> ptsOf(const std::string& p)
{
    VideoDecoder dec(p);
    std::vector<int64_t> out;
    for (const auto& e : dec.index().entries())
        out.push_back(e.pts);
    return out;
}

} // namespace

TEST_CASE("the frame index is kept in the cache folder and read back instead of scanning", "[codec][index-cache]")
{
    for (Clip c : {Clip::H264Cfr, Clip::H264Vfr, Clip::Mpeg2Ps, Clip::H264Ts, Clip::Vp9Webm}) {
        Sandbox box("hit");
        const std::string p = box.copy(c);
        INFO(p);
        const auto first = probeMedia(p);
        const auto scanned = openCounters().indexScans;
        REQUIRE(box.cacheFiles().size() == 1);
        const auto name = box.cacheFiles()[0].filename().string();
        CHECK(name.find(mediaFingerprint(p)->substr(mediaFingerprint(p)->rfind(':') + 1)) == 0);
        const std::vector<int64_t> scannedPts = ptsOf(p);

        forgetScans(); // as a new process would
        const auto hitsBefore = indexCacheStats().hits;
        const auto second = probeMedia(p);
        CHECK(openCounters().indexScans == scanned); // no scan
        CHECK(indexCacheStats().hits == hitsBefore + 1);
        CHECK(second.video.frameCount == first.video.frameCount);
        CHECK(second.video.keyframeCount == first.video.keyframeCount);
        CHECK(second.durationUs == first.durationUs);
        forgetScans();
        CHECK(ptsOf(p) == scannedPts);
        // Frames are exact through the cached index.
        forgetScans();
        VideoDecoder dec(p);
        for (int64_t n : {int64_t{0}, dec.frameCount() / 2, dec.frameCount() - 1, int64_t{3}}) {
            auto f = dec.frameAt(n);
            REQUIRE(f);
            CHECK(fixtures::readEncodedIndex(*f) == n);
        }
    }
}

TEST_CASE("a stale or damaged index cache file is rebuilt silently", "[codec][index-cache]")
{
    Sandbox box("stale");
    const std::string p = box.copy(Clip::H264Cfr);
    (void)probeMedia(p);
    REQUIRE(box.cacheFiles().size() == 1);
    const fs::path cache = box.cacheFiles()[0];

    // Modified file (new mtime): rebuilt and rewritten.
    fs::last_write_time(p, fs::last_write_time(p) + std::chrono::seconds(3));
    forgetScans();
    auto before = openCounters().indexScans;
    auto stale = indexCacheStats().stale;
    CHECK(probeMedia(p).video.frameCount == 300);
    CHECK(openCounters().indexScans == before + 1);
    CHECK(indexCacheStats().stale == stale + 1);
    forgetScans();
    before = openCounters().indexScans;
    CHECK(probeMedia(p).video.frameCount == 300);
    CHECK(openCounters().indexScans == before); // the rewritten file is valid

    // Damaged: a flipped byte, a truncated file, garbage, an empty file.
    for (int damage = 0; damage < 4; ++damage) {
        INFO("damage " << damage);
        std::string bytes;
        {
            std::ifstream in(cache, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), {});
        }
        REQUIRE(bytes.size() > 100);
        if (damage == 0)
            bytes[bytes.size() / 2] ^= 0x5a;
        else if (damage == 1)
            bytes.resize(bytes.size() / 3);
        else if (damage == 2)
            bytes.assign(bytes.size(), 'x');
        else
            bytes.clear();
        std::ofstream(cache, std::ios::binary | std::ios::trunc) << bytes;
        forgetScans();
        before = openCounters().indexScans;
        const auto damaged = indexCacheStats().damaged;
        CHECK(probeMedia(p).video.frameCount == 300);
        CHECK(openCounters().indexScans == before + 1);
        CHECK(indexCacheStats().damaged == damaged + 1);
        forgetScans();
        VideoDecoder dec(p);
        CHECK(fixtures::readEncodedIndex(*dec.frameAt(123)) == 123);
    }
}

TEST_CASE("the cache folder follows BONDLINE_CACHE_DIR and XDG_CACHE_HOME; off disables it", "[codec][index-cache]")
{
    Sandbox box("dirs");
    CHECK(indexCacheDir() == box.dir / "cache" / "frame-index");
    ::setenv("BONDLINE_CACHE_DIR", "off", 1);
    CHECK(indexCacheDir().empty());
    const std::string p = box.copy(Clip::MjpegAvi);
    (void)probeMedia(p);
    CHECK(box.cacheFiles().empty());
    ::unsetenv("BONDLINE_CACHE_DIR");
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const std::string old = xdg ? xdg : "";
    ::setenv("XDG_CACHE_HOME", (box.dir / "xdg").c_str(), 1);
    CHECK(indexCacheDir() == box.dir / "xdg" / "bondline" / "frame-index");
    if (xdg)
        ::setenv("XDG_CACHE_HOME", old.c_str(), 1);
    else
        ::unsetenv("XDG_CACHE_HOME");
    // An unwritable cache folder is no cache, not an error.
    ::setenv("BONDLINE_CACHE_DIR", "/proc/no-such-dir", 1);
    forgetScans();
    CHECK(probeMedia(p).video.frameCount == 60);
}
