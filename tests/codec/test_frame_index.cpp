#include <catch2/catch.hpp>

#include "codec/frame_index.h"

using codec::FrameIndex;
using codec::FrameIndexEntry;

namespace {
// pts in a 1/1000 time base; times 0, 30, 80, 150 ms; last duration 70 ms.
FrameIndex vfrIndex()
{
    std::vector<FrameIndexEntry> e{{1000, 0, true}, {1030, 30000, false}, {1080, 80000, false}, {1150, 150000, true}};
    return FrameIndex(e, 1, 1000, 70000);
}
} // namespace

TEST_CASE("FrameIndex maps time to the frame whose display interval contains it", "[codec][index]")
{
    FrameIndex idx = vfrIndex();
    CHECK(idx.frameCount() == 4);
    CHECK(idx.endUs() == 220000);
    CHECK(idx.frameAtTime(-5) == 0);
    CHECK(idx.frameAtTime(0) == 0);
    CHECK(idx.frameAtTime(29999) == 0);
    CHECK(idx.frameAtTime(30000) == 1);
    CHECK(idx.frameAtTime(79999) == 1);
    CHECK(idx.frameAtTime(80000) == 2);
    CHECK(idx.frameAtTime(219999) == 3);
    CHECK_FALSE(idx.frameAtTime(220000).has_value());
    CHECK(idx.durationUs(1) == 50000);
    CHECK(idx.durationUs(3) == 70000);
}

TEST_CASE("FrameIndex keyframe lookups", "[codec][index]")
{
    FrameIndex idx = vfrIndex();
    CHECK(idx.keyframeAtOrBefore(2) == 0);
    CHECK(idx.keyframeAtOrBefore(3) == 3);
    CHECK(idx.previousKeyframe(3) == 0);
    CHECK_FALSE(idx.previousKeyframe(0).has_value());
    CHECK(idx.nextKeyframeAfter(0) == 3);
    CHECK_FALSE(idx.nextKeyframeAfter(3).has_value());
    CHECK(idx.frameForPts(1080) == 2);
    CHECK_FALSE(idx.frameForPts(1081).has_value());
    CHECK(idx.frameContainingPts(1081) == 2);
    CHECK(idx.frameContainingPts(0) == 0);
}
