#include <catch2/catch.hpp>

#include "app/gui/timeline_view.h"

using app::TimelineView;

TEST_CASE("TimelineView maps time to x and back", "[timeline]")
{
    struct Row { TimelineView v; int64_t t; float x; };
    const Row rows[] = {
        {{0, 10'000'000, 1000.0f}, 0, 0.0f},
        {{0, 10'000'000, 1000.0f}, 5'000'000, 500.0f},
        {{0, 10'000'000, 1000.0f}, 10'000'000, 1000.0f},
        {{2'000'000, 4'000'000, 200.0f}, 3'000'000, 100.0f},
        {{2'000'000, 4'000'000, 200.0f}, 1'000'000, -100.0f}, // off-screen left extrapolates
        {{-1'000'000, 1'000'000, 400.0f}, 0, 200.0f},
    };
    for (const Row& r : rows) {
        CAPTURE(r.v.startUs, r.v.endUs, r.v.widthPx, r.t);
        CHECK(r.v.toX(r.t) == Approx(r.x));
        CHECK(r.v.toTime(r.x) == r.t);
    }
}

TEST_CASE("TimelineView round trip is exact to a pixel's worth of time", "[timeline]")
{
    const TimelineView v{123'456, 60'123'456, 777.0f};
    const double usPerPx = static_cast<double>(v.spanUs()) / v.widthPx;
    for (int64_t t = v.startUs; t <= v.endUs; t += 999'983) {
        CAPTURE(t);
        CHECK(std::abs(static_cast<double>(v.toTime(v.toX(t)) - t)) <= usPerPx * 1e-3 + 1);
    }
}

TEST_CASE("toTimeClamped stays inside the view", "[timeline]")
{
    const TimelineView v{1'000, 2'000, 100.0f};
    CHECK(v.toTimeClamped(-50.0f) == 1'000);
    CHECK(v.toTimeClamped(150.0f) == 2'000);
    CHECK(v.toTimeClamped(50.0f) == 1'500);
}

TEST_CASE("zoomAround keeps the anchor time under the anchor pixel", "[timeline]")
{
    struct Row { float anchorX; double factor; int64_t expSpan; };
    const TimelineView v{10'000'000, 20'000'000, 1000.0f}; // limits 0..100 s
    const Row rows[] = {{500.0f, 2.0, 5'000'000}, {0.0f, 4.0, 2'500'000}, {1000.0f, 10.0, 1'000'000},
                        {250.0f, 0.5, 20'000'000}, {730.0f, 1.25, 8'000'000}};
    for (const Row& r : rows) {
        CAPTURE(r.anchorX, r.factor);
        const int64_t anchorT = v.toTime(r.anchorX);
        const TimelineView z = v.zoomAround(r.anchorX, r.factor, 0, 100'000'000);
        CHECK(z.spanUs() == r.expSpan);
        CHECK(std::abs(z.toTime(r.anchorX) - anchorT) <= 1);
        CHECK(z.widthPx == v.widthPx);
    }
}

TEST_CASE("zoomAround clamps span and position to the limits", "[timeline]")
{
    const TimelineView v{0, 10'000'000, 1000.0f};
    SECTION("zoom out past the whole media shows exactly the media")
    {
        const TimelineView z = v.zoomAround(300.0f, 0.01, 0, 10'000'000);
        CHECK(z.startUs == 0);
        CHECK(z.endUs == 10'000'000);
    }
    SECTION("zoom in is limited by the minimum span")
    {
        const TimelineView z = v.zoomAround(500.0f, 1e9, 0, 10'000'000, 1000);
        CHECK(z.spanUs() == 1000);
        CHECK(z.startUs >= 0);
    }
    SECTION("zoom out near the end shifts left instead of passing the end")
    {
        const TimelineView near{9'000'000, 10'000'000, 1000.0f};
        const TimelineView z = near.zoomAround(100.0f, 0.25, 0, 10'000'000);
        CHECK(z.spanUs() == 4'000'000);
        CHECK(z.endUs == 10'000'000);
        CHECK(z.startUs == 6'000'000);
    }
    SECTION("invalid factor is a no-op")
    {
        CHECK(v.zoomAround(10.0f, 0.0, 0, 10'000'000) == v);
        CHECK(v.zoomAround(10.0f, -2.0, 0, 10'000'000) == v);
    }
}

TEST_CASE("pan moves by pixels and stops at the limits", "[timeline]")
{
    struct Row { float dx; int64_t expStart; };
    const TimelineView v{2'000'000, 4'000'000, 200.0f}; // 10 ms per px, limits 0..5 s
    const Row rows[] = {{10.0f, 2'100'000}, {-10.0f, 1'900'000}, {-1000.0f, 0}, {1000.0f, 3'000'000}, {0.0f, 2'000'000}};
    for (const Row& r : rows) {
        CAPTURE(r.dx);
        const TimelineView p = v.pan(r.dx, 0, 5'000'000);
        CHECK(p.startUs == r.expStart);
        CHECK(p.spanUs() == v.spanUs());
    }
}
