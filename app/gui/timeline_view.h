#pragma once
// The time <-> screen-x mapping of a horizontal time axis, in one tested value type.
// A plain value type: every operation returns a new view, nothing touches ImGui.
// Media time is int64 microseconds; screen x is float pixels relative to the axis origin.

#include <cstdint>

namespace app {

struct TimelineView {
    int64_t startUs = 0;
    int64_t endUs = 1;    // exclusive; always > startUs for a valid view
    float widthPx = 1.0f; // axis width in pixels; > 0

    int64_t spanUs() const { return endUs - startUs; }

    // Pixel position of time t (may lie outside [0, widthPx] for off-screen times).
    float toX(int64_t tUs) const;
    // Time at pixel x, rounded to the nearest microsecond; x outside the axis extrapolates.
    int64_t toTime(float x) const;
    // Same as toTime but clamped into [startUs, endUs].
    int64_t toTimeClamped(float x) const;

    // Zoom by `factor` (>1 zooms in) keeping the time under pixel `anchorX` fixed on screen.
    // The result's span is clamped to [minSpanUs, limitEndUs - limitStartUs] and the result is
    // shifted to stay within [limitStartUs, limitEndUs].
    TimelineView zoomAround(float anchorX, double factor, int64_t limitStartUs, int64_t limitEndUs,
                            int64_t minSpanUs = 1000) const;
    // Move the view by dxPx pixels (positive moves the content left, i.e. later times appear),
    // clamped to the limits; the span never changes.
    TimelineView pan(float dxPx, int64_t limitStartUs, int64_t limitEndUs) const;
    // Shift (never rescale) so that the span lies inside the limits when it fits.
    TimelineView clampedTo(int64_t limitStartUs, int64_t limitEndUs) const;

    friend bool operator==(const TimelineView&, const TimelineView&) = default;
};

} // namespace app
