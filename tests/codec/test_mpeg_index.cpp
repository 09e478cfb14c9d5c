// MPEG-2 program streams indexed from picture headers, without decoding (issue 11 item 3):
// the same index as the decode scan, frame for frame.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <random>
#include <vector>

#include "codec/media_info.h"
#include "codec/mpeg_ps_scan.h"
#include "codec/video_decoder.h"
#include "tests/codec/media_fixtures.h"

using namespace codec;
using fixtures::Clip;

namespace {
void requireSameIndex(const FrameIndex& a, const FrameIndex& b)
{
    REQUIRE(a.frameCount() == b.frameCount());
    for (int64_t n = 0; n < a.frameCount(); ++n) {
        INFO("frame " << n);
        REQUIRE(a.at(n).pts == b.at(n).pts);
        REQUIRE(a.at(n).timeUs == b.at(n).timeUs);
        REQUIRE(a.at(n).keyframe == b.at(n).keyframe);
    }
    CHECK(a.endUs() == b.endUs());
    CHECK(a.fromDecodeScan() == b.fromDecodeScan());
}
} // namespace

TEST_CASE("an MPEG-2 program stream's header index equals its decode-scan index", "[codec][mpeg-index]")
{
    const std::string p = fixtures::path(Clip::Mpeg2Ps);
    const auto t0 = std::chrono::steady_clock::now();
    const FrameIndex headers = scanFrameIndex(p);
    const auto t1 = std::chrono::steady_clock::now();
    const FrameIndex decoded = scanFrameIndex(p, IndexScan::Decode);
    const auto t2 = std::chrono::steady_clock::now();
    REQUIRE(headers.frameCount() == 150);
    requireSameIndex(headers, decoded);
    CHECK(headers.keyframes() == decoded.keyframes());
    CHECK(headers.fromDecodeScan()); // pts-less frames are still identified by order
    const double headerMs = std::chrono::duration<double, std::milli>(t1 - t0).count();
    const double decodeMs = std::chrono::duration<double, std::milli>(t2 - t1).count();
    WARN("header scan " << headerMs << " ms, decode scan " << decodeMs << " ms");
}


TEST_CASE("findStartCode finds the first 00 00 01 at every alignment", "[codec][mpeg-index]")
{
    std::mt19937 rng(7);
    for (int round = 0; round < 400; ++round) {
        std::vector<uint8_t> buf(static_cast<size_t>(1 + rng() % 200));
        for (auto& b : buf) // few zero bytes, some near misses (00 00 02, 00 01)
            b = static_cast<uint8_t>(rng() % 4 == 0 ? 0 : 1 + rng() % 255);
        const size_t plant = rng() % (buf.size() + 3);
        if (plant + 3 <= buf.size())
            std::memcpy(buf.data() + plant, "\0\0\1", 3);
        const uint8_t* naive = buf.data() + buf.size();
        for (size_t i = 0; i + 3 <= buf.size(); ++i)
            if (buf[i] == 0 && buf[i + 1] == 0 && buf[i + 2] == 1) {
                naive = buf.data() + i;
                break;
            }
        INFO("round " << round << " size " << buf.size());
        CHECK(detail::findStartCode(buf.data(), buf.data() + buf.size()) == naive);
    }
}

TEST_CASE("the direct DVD reader gives libavformat's header index, frame for frame", "[codec][mpeg-index]")
{
    // Nav packs and AC-3 (dvd), MPEG-1 system packs and MPEG-1 PES headers (mpeg),
    // several pictures in one PES packet (low rate): each read directly (the counter
    // says so) and equal to the index from libavformat's packets.
    for (Clip c : {Clip::DvdPs, Clip::Mpeg1System, Clip::Mpeg2PsLowRate}) {
        const std::string p = fixtures::path(c);
        INFO(p);
        const uint64_t before = openCounters().directProgramStreamScans;
        const FrameIndex direct = scanFrameIndex(p);
        CHECK(openCounters().directProgramStreamScans == before + 1);
        const FrameIndex packets = scanFrameIndex(p, IndexScan::Packets);
        CHECK(openCounters().directProgramStreamScans == before + 1);
        requireSameIndex(direct, packets);
        CHECK(direct.frameCount() == (c == Clip::DvdPs ? 600 : 400));
        if (c == Clip::DvdPs)
            requireSameIndex(direct, scanFrameIndex(p, IndexScan::Decode));
    }
}

TEST_CASE("damaged and truncated program streams index as libavformat reads them", "[codec][mpeg-index]")
{
    for (Clip c : {Clip::DamagedPs, Clip::TruncatedPs}) {
        const std::string p = fixtures::path(c);
        INFO(p);
        const uint64_t before = openCounters().directProgramStreamScans;
        const FrameIndex direct = scanFrameIndex(p);
        if (c == Clip::DamagedPs)
            CHECK(openCounters().directProgramStreamScans == before); // lost sync: libavformat reads on
        requireSameIndex(direct, scanFrameIndex(p, IndexScan::Packets));
        CHECK(direct.frameCount() > 256);
    }
}

TEST_CASE("seeks on a directly indexed DVD stream are exact", "[codec][mpeg-index]")
{
    for (Clip c : {Clip::DvdPs, Clip::Mpeg1System, Clip::Mpeg2PsLowRate}) {
        forgetScans();
        VideoDecoder dec(fixtures::path(c));
        INFO(dec.path());
        std::mt19937 rng(11);
        for (int i = 0; i < 60; ++i) {
            const int64_t n = static_cast<int64_t>(rng() % static_cast<unsigned>(dec.frameCount()));
            INFO("frame " << n);
            CHECK(fixtures::readEncodedIndex(*dec.frameAt(n)) == n);
        }
        for (int64_t n = 300; n > 280; --n) // back steps across a GOP boundary
            CHECK(fixtures::readEncodedIndex(*dec.frameAt(n)) == n);
    }
}
