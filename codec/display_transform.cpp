#include "codec/display_transform.h"

#include <cmath>

extern "C" {
#include <libavutil/display.h>
}

namespace codec {

DisplayTransform displayTransformFromMatrix(const int32_t* m)
{
    DisplayTransform t;
    if (!m)
        return t;
    const double r = av_display_rotation_get(m);
    if (std::isnan(r))
        return t;
    // fftools' get_rotation(): clockwise degrees in [0, 360).
    double theta = -std::round(r);
    theta -= 360 * std::floor(theta / 360 + 0.9 / 360);
    // fftools' autorotate (FFmpeg 5.1): which transpose / flips it inserts.
    if (std::fabs(theta - 90) < 1.0) {
        t.transpose = true;
        t.flipY = !(m[3] > 0); // "clock" (m[3] <= 0) or "cclock_flip" = plain transpose
    } else if (std::fabs(theta - 180) < 1.0) {
        t.flipX = m[0] < 0;
        t.flipY = m[4] < 0;
    } else if (std::fabs(theta - 270) < 1.0) {
        t.transpose = true;
        t.flipX = true;
        t.flipY = m[3] < 0; // "clock_flip" or "cclock"
    } else if (std::fabs(theta) < 1.0) {
        t.flipY = m[4] < 0;
    }
    // Any other angle: FFmpeg rotates by an arbitrary angle; phones do not write those.
    return t;
}

} // namespace codec
