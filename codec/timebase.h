#pragma once
// The kinds of time in Bondline, as distinct types so that one cannot be passed where
// another is meant (docs/media.md, "Time bases").
//
//   MediaUs    microseconds on one media file's own clock (its frames' presentation times)
//   SessionUs  microseconds on the session's clock, which every coding is stored in
//              (projects::Coding::onsetUs); one session may have several media files
//   SyncOffset how one file sits on the session clock: the file's media time at session
//              time 0, so that   media = session + offset   (projects::Media::offsetUs)
//   FrameNo    a frame's position in a file's presentation order (0-based; the
//              table of all frames is codec::FrameIndex, codec/frame_index.h)
//
// toSession() is the one function that turns media time into session time with the sync
// offset, and toMedia() its inverse; nothing else adds or subtracts an offset.
#include <compare>
#include <cstdint>

namespace codec {

struct MediaUs {
    int64_t us = 0;
    friend constexpr auto operator<=>(MediaUs, MediaUs) = default;
};

struct SessionUs {
    int64_t us = 0;
    friend constexpr auto operator<=>(SessionUs, SessionUs) = default;
};

struct SyncOffset {
    int64_t us = 0; // the file's media time at session time 0
    friend constexpr auto operator<=>(SyncOffset, SyncOffset) = default;
};

struct FrameNo {
    int64_t value = 0;
    friend constexpr auto operator<=>(FrameNo, FrameNo) = default;
};

constexpr SessionUs toSession(MediaUs t, SyncOffset o) { return SessionUs{t.us - o.us}; }
constexpr MediaUs toMedia(SessionUs t, SyncOffset o) { return MediaUs{t.us + o.us}; }

} // namespace codec
