#include "app/gui/timeline_view.h"

#include <algorithm>
#include <cmath>

namespace app {

float TimelineView::toX(int64_t tUs) const
{
    const double span = static_cast<double>(spanUs());
    if (span <= 0)
        return 0.0f;
    return static_cast<float>(static_cast<double>(tUs - startUs) / span * widthPx);
}

int64_t TimelineView::toTime(float x) const
{
    if (widthPx <= 0)
        return startUs;
    return startUs + std::llround(static_cast<double>(x) / widthPx * static_cast<double>(spanUs()));
}

int64_t TimelineView::toTimeClamped(float x) const
{
    return std::clamp(toTime(x), startUs, endUs);
}

TimelineView TimelineView::clampedTo(int64_t limitStartUs, int64_t limitEndUs) const
{
    TimelineView v = *this;
    const int64_t span = v.spanUs();
    if (span >= limitEndUs - limitStartUs) {
        v.startUs = limitStartUs;
        v.endUs = limitStartUs + span;
        return v;
    }
    if (v.startUs < limitStartUs) {
        v.startUs = limitStartUs;
        v.endUs = limitStartUs + span;
    }
    if (v.endUs > limitEndUs) {
        v.endUs = limitEndUs;
        v.startUs = limitEndUs - span;
    }
    return v;
}

TimelineView TimelineView::zoomAround(float anchorX, double factor, int64_t limitStartUs,
                                      int64_t limitEndUs, int64_t minSpanUs) const
{
    if (!(factor > 0) || limitEndUs <= limitStartUs)
        return *this;
    const int64_t maxSpan = limitEndUs - limitStartUs;
    const int64_t minSpan = std::min(std::max<int64_t>(minSpanUs, 1), maxSpan);
    const double wanted = static_cast<double>(spanUs()) / factor;
    const int64_t newSpan = std::clamp<int64_t>(std::llround(wanted), minSpan, maxSpan);
    const int64_t anchorT = toTime(anchorX);
    const double frac = widthPx > 0 ? static_cast<double>(anchorX) / widthPx : 0.0;
    TimelineView v = *this;
    v.startUs = anchorT - std::llround(frac * static_cast<double>(newSpan));
    v.endUs = v.startUs + newSpan;
    return v.clampedTo(limitStartUs, limitEndUs);
}

TimelineView TimelineView::pan(float dxPx, int64_t limitStartUs, int64_t limitEndUs) const
{
    TimelineView v = *this;
    const int64_t dt = widthPx > 0
        ? std::llround(static_cast<double>(dxPx) / widthPx * static_cast<double>(spanUs()))
        : 0;
    v.startUs += dt;
    v.endUs += dt;
    return v.clampedTo(limitStartUs, limitEndUs);
}

} // namespace app
