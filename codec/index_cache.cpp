#include "codec/index_cache.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>
#include <vector>

#include <unistd.h>

extern "C" {
#include <libavutil/mem.h>
#include <libavutil/sha.h>
}

#include "codec/media_open.h"

namespace codec {

namespace {

std::atomic<uint64_t> g_hits{0}, g_misses{0}, g_stale{0}, g_damaged{0}, g_writes{0};

// 02: MPEG-2 program streams indexed from picture headers (01 files are rebuilt).
constexpr char kMagic[8] = {'B', 'L', 'F', 'I', 'D', 'X', '0', '2'};

uint64_t fnv1a(const uint8_t* p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

// Writes into a buffer sized up front (one allocation; also keeps GCC 12's
// -Wstringop-overflow false positive on growing byte vectors away).
struct Writer {
    std::vector<uint8_t> bytes;
    size_t at = 0;
    explicit Writer(size_t size) : bytes(size) {}
    template <class T>
    void put(T v)
    {
        if (at + sizeof v > bytes.size())
            return;
        std::memcpy(bytes.data() + at, &v, sizeof v);
        at += sizeof v;
    }
};

struct Reader {
    const std::vector<uint8_t>& bytes;
    size_t at = 0;
    template <class T>
    bool get(T& v)
    {
        if (at + sizeof v > bytes.size())
            return false;
        std::memcpy(&v, bytes.data() + at, sizeof v);
        at += sizeof v;
        return true;
    }
};

struct Stamp {
    uint64_t size = 0;
    int64_t mtime = 0; // file_time_type ticks
};

std::optional<Stamp> stampOf(const std::string& path)
{
    std::error_code ec;
    Stamp s;
    s.size = std::filesystem::file_size(path, ec);
    if (ec)
        return std::nullopt;
    const auto t = std::filesystem::last_write_time(path, ec);
    if (ec)
        return std::nullopt;
    s.mtime = static_cast<int64_t>(t.time_since_epoch().count());
    return s;
}

std::filesystem::path cacheFileFor(const std::string& path, int streamIndex)
{
    const auto dir = indexCacheDir();
    if (dir.empty())
        return {};
    const auto fp = mediaFingerprint(path);
    if (!fp)
        return {};
    const auto hex = fp->substr(fp->rfind(':') + 1);
    return dir / (hex + "-" + std::to_string(streamIndex) + ".idx");
}

} // namespace

std::filesystem::path indexCacheDir()
{
    if (const char* b = std::getenv("BONDLINE_CACHE_DIR"); b && *b)
        return std::string(b) == "off" ? std::filesystem::path{} : std::filesystem::path(b) / "frame-index";
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/')
        return std::filesystem::path(x) / "bondline" / "frame-index";
    if (const char* h = std::getenv("HOME"); h && *h)
        return std::filesystem::path(h) / ".cache" / "bondline" / "frame-index";
    return {};
}

std::optional<std::string> mediaFingerprint(const std::string& path)
{
    std::error_code ec;
    const uint64_t size = std::filesystem::file_size(path, ec);
    if (ec)
        return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    constexpr uint64_t kPart = 1 << 20;
    std::unique_ptr<AVSHA, void (*)(AVSHA*)> sha(av_sha_alloc(), [](AVSHA* p) { av_free(p); });
    if (!sha || av_sha_init(sha.get(), 256) < 0)
        return std::nullopt;
    std::vector<char> buf;
    auto take = [&](uint64_t from, uint64_t n) {
        buf.resize(n);
        in.seekg(static_cast<std::streamoff>(from));
        in.read(buf.data(), static_cast<std::streamsize>(n));
        av_sha_update(sha.get(), reinterpret_cast<const uint8_t*>(buf.data()), static_cast<unsigned>(in.gcount()));
        return in.gcount() == static_cast<std::streamsize>(n);
    };
    const bool ok = size <= 2 * kPart ? take(0, size) : (take(0, kPart) && take(size - kPart, kPart));
    if (!ok)
        return std::nullopt;
    uint8_t digest[32];
    av_sha_final(sha.get(), digest);
    static const char* kHex = "0123456789abcdef";
    std::string hex;
    for (uint8_t b : digest) {
        hex += kHex[b >> 4];
        hex += kHex[b & 15];
    }
    return "size:" + std::to_string(size) + ":sha256:" + hex;
}

IndexCacheStats indexCacheStats()
{
    return {g_hits.load(), g_misses.load(), g_stale.load(), g_damaged.load(), g_writes.load()};
}

namespace detail {

std::optional<FrameIndex> loadCachedIndex(const std::string& path, int streamIndex)
{
    const auto file = cacheFileFor(path, streamIndex);
    const auto stamp = stampOf(path);
    if (file.empty() || !stamp)
        return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        g_misses.fetch_add(1);
        return std::nullopt;
    }
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
    auto damaged = [] {
        g_damaged.fetch_add(1);
        return std::nullopt;
    };
    if (bytes.size() < sizeof kMagic + 8 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        return damaged();
    uint64_t sum = 0;
    std::memcpy(&sum, bytes.data() + bytes.size() - 8, 8);
    if (sum != fnv1a(bytes.data(), bytes.size() - 8))
        return damaged();
    Reader r{bytes, sizeof kMagic};
    Stamp s;
    int32_t stream = 0, tbNum = 0, tbDen = 0;
    int64_t lastUs = 0;
    uint8_t decodeScan = 0;
    uint64_t count = 0;
    if (!r.get(s.size) || !r.get(s.mtime) || !r.get(stream) || !r.get(tbNum) || !r.get(tbDen) || !r.get(lastUs) ||
        !r.get(decodeScan) || !r.get(count))
        return damaged();
    if (s.size != stamp->size || s.mtime != stamp->mtime || stream != streamIndex) {
        g_stale.fetch_add(1);
        return std::nullopt;
    }
    if (tbNum <= 0 || tbDen <= 0 || count == 0 || count > (bytes.size() - r.at) / 17)
        return damaged();
    std::vector<FrameIndexEntry> entries(count);
    for (auto& e : entries) {
        uint8_t key = 0;
        if (!r.get(e.pts) || !r.get(e.timeUs) || !r.get(key))
            return damaged();
        e.keyframe = key != 0;
    }
    if (r.at + 8 != bytes.size())
        return damaged();
    for (size_t i = 1; i < entries.size(); ++i)
        if (entries[i].pts <= entries[i - 1].pts)
            return damaged();
    FrameIndex index(std::move(entries), tbNum, tbDen, lastUs);
    index.setFromDecodeScan(decodeScan != 0);
    g_hits.fetch_add(1);
    return index;
}

void storeCachedIndex(const std::string& path, int streamIndex, const FrameIndex& index)
{
    const auto file = cacheFileFor(path, streamIndex);
    const auto stamp = stampOf(path);
    if (file.empty() || !stamp || index.empty())
        return;
    constexpr size_t kHeader = sizeof kMagic + 8 + 8 + 4 + 4 + 4 + 8 + 1 + 8;
    Writer w(kHeader + index.entries().size() * 17 + 8);
    std::memcpy(w.bytes.data(), kMagic, sizeof kMagic);
    w.at = sizeof kMagic;
    w.put(stamp->size);
    w.put(stamp->mtime);
    w.put(static_cast<int32_t>(streamIndex));
    w.put(static_cast<int32_t>(index.timeBaseNum()));
    w.put(static_cast<int32_t>(index.timeBaseDen()));
    w.put(index.durationUs(index.frameCount() - 1));
    w.put(static_cast<uint8_t>(index.fromDecodeScan() ? 1 : 0));
    w.put(static_cast<uint64_t>(index.frameCount()));
    for (const auto& e : index.entries()) {
        w.put(e.pts);
        w.put(e.timeUs);
        w.put(static_cast<uint8_t>(e.keyframe ? 1 : 0));
    }
    w.put(fnv1a(w.bytes.data(), w.at));
    // Written under a temporary name and renamed: a reader never sees half a file, and
    // two processes indexing the same file at once both leave a whole one.
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    const auto tmp = file.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            return; // a read-only cache folder: just no cache
        out.write(reinterpret_cast<const char*>(w.bytes.data()), static_cast<std::streamsize>(w.bytes.size()));
        if (!out) {
            out.close();
            std::filesystem::remove(tmp, ec);
            return;
        }
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec)
        std::filesystem::remove(tmp, ec);
    else
        g_writes.fetch_add(1);
}

} // namespace detail
} // namespace codec
