// MPEG-2 program streams indexed from picture headers, without decoding (issue 11 item 3):
// the same index as the decode scan, frame for frame.
#include <catch2/catch.hpp>

#include <chrono>

#include "codec/media_info.h"
#include "tests/codec/media_fixtures.h"

using namespace codec;
using fixtures::Clip;

TEST_CASE("an MPEG-2 program stream's header index equals its decode-scan index", "[codec][mpeg-index]")
{
    const std::string p = fixtures::path(Clip::Mpeg2Ps);
    const auto t0 = std::chrono::steady_clock::now();
    const FrameIndex headers = scanFrameIndex(p);
    const auto t1 = std::chrono::steady_clock::now();
    const FrameIndex decoded = scanFrameIndex(p, /*forceDecodeScan=*/true);
    const auto t2 = std::chrono::steady_clock::now();
    REQUIRE(headers.frameCount() == 150);
    REQUIRE(decoded.frameCount() == headers.frameCount());
    for (int64_t n = 0; n < headers.frameCount(); ++n) {
        INFO("frame " << n);
        CHECK(headers.at(n).pts == decoded.at(n).pts);
        CHECK(headers.at(n).timeUs == decoded.at(n).timeUs);
        CHECK(headers.at(n).keyframe == decoded.at(n).keyframe);
    }
    CHECK(headers.keyframes() == decoded.keyframes());
    CHECK(headers.endUs() == decoded.endUs());
    CHECK(headers.fromDecodeScan()); // pts-less frames are still identified by order
    const double headerMs = std::chrono::duration<double, std::milli>(t1 - t0).count();
    const double decodeMs = std::chrono::duration<double, std::milli>(t2 - t1).count();
    WARN("header scan " << headerMs << " ms, decode scan " << decodeMs << " ms");
}
