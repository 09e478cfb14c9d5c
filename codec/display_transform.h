#pragma once
// How a decoded picture is turned for display: a file's display matrix (phone video) as
// one of the eight right-angle rotations and mirrorings, chosen the way the ffmpeg CLI's
// autorotate chooses its transpose/hflip/vflip filters (FFmpeg 5.1 fftools), so Bondline
// shows and writes what `ffmpeg -i F out.png` writes. Plain data: no FFmpeg types.
//
// Definition: displayed pixel (x, y) shows coded pixel (sx, sy), where
//     (sx, sy) = transpose ? (y, x) : (x, y);  then sx = W-1-sx if flipX;  sy = H-1-sy if flipY
// (W x H: the coded picture). Displayed size: H x W when transposed, else W x H.
#include <cstdint>

namespace codec {

struct DisplayTransform {
    bool transpose = false;
    bool flipX = false;
    bool flipY = false;

    bool identity() const { return !transpose && !flipX && !flipY; }
    bool operator==(const DisplayTransform&) const = default;
    int displayWidth(int codedWidth, int codedHeight) const { return transpose ? codedHeight : codedWidth; }
    int displayHeight(int codedWidth, int codedHeight) const { return transpose ? codedWidth : codedHeight; }

    // The same as "rotate clockwise by rotationDegrees(), then mirror left-right when
    // mirrored()": 0/90/180/270.
    int rotationDegrees() const
    {
        if (!transpose)
            return flipY ? 180 : 0; // (flipX, flipY): 180; flipX only: 0 mirrored; flipY only: 180 mirrored
        if (flipX && flipY)
            return 270; // mirrored
        if (flipY)
            return 90;
        if (flipX)
            return 270;
        return 90; // transpose only: mirrored
    }
    bool mirrored() const { return transpose ? flipX == flipY : flipX != flipY; }

    // Texture coordinates (u, v in [0, 1], u to the right, v down) of the coded picture
    // at the displayed picture's corners, in the order top-left, top-right, bottom-right,
    // bottom-left: what ImGui's ImDrawList::AddImageQuad(tex, p1..p4, uv1..uv4) takes with
    // p1..p4 the destination rectangle's corners in the same order.
    void cornerUVs(float uv[4][2]) const
    {
        static constexpr float corners[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
        for (int i = 0; i < 4; ++i) {
            float su = transpose ? corners[i][1] : corners[i][0];
            float sv = transpose ? corners[i][0] : corners[i][1];
            uv[i][0] = flipX ? 1.0f - su : su;
            uv[i][1] = flipY ? 1.0f - sv : sv;
        }
    }
    // The coded pixel shown at displayed pixel (x, y).
    void source(int x, int y, int codedWidth, int codedHeight, int& sx, int& sy) const
    {
        sx = transpose ? y : x;
        sy = transpose ? x : y;
        if (flipX)
            sx = codedWidth - 1 - sx;
        if (flipY)
            sy = codedHeight - 1 - sy;
    }
};

// From an FFmpeg display matrix (AV_PKT_DATA_DISPLAYMATRIX, 9 int32), the way FFmpeg 5.1's
// autorotate reads it; identity for null, a non-right-angle or a degenerate matrix.
DisplayTransform displayTransformFromMatrix(const int32_t* matrix);

} // namespace codec
