#pragma once
// INTERNAL to codec/: the coded pictures of one MPEG-1/2 video stream in an MPEG program
// stream (DVD .vob/.mpg), read straight from the file — pack headers, PES headers and the
// elementary stream's start codes — without libavformat's packets and parser, which spend
// most of an index scan copying and re-scanning every byte (docs/media.md, "The index").
//
// The pictures are cut as FFmpeg's mpegvideo parser cuts them: a picture runs from the
// first start code after the previous picture's slices (its sequence, GOP or picture
// header) to the next such start code; a sequence end code ends the picture it follows.
// Its pts is the PTS of the latest PES packet of the stream that began after the previous
// picture's start and at or before this picture's start code and was not given to an
// earlier picture (the MPEG rule: a PTS belongs to the first picture that starts in its
// packet), else none. media_open.cpp checks the first pictures against libavformat's own
// packets and uses this reader only when they agree.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace codec::detail {

struct PsPicture {
    // The picture's bytes from its start up to and including its first slice start code
    // (or all of it when it has no slice): its headers.
    const uint8_t* headers = nullptr;
    size_t size = 0;
    int64_t pts = 0;     // in 1/90000 s, valid when hasPts
    int64_t dts = 0;     // that packet's DTS, or its PTS when it has no DTS
    bool hasPts = false;
};

enum class PsScanResult {
    Done,      // every picture was handed to the callback
    Stopped,   // the callback returned false
    Irregular, // something this reader does not follow (damaged or unusual data, a
               // picture's headers over 64 KiB): read the file with libavformat instead
};

// Reads `path` and calls onPicture for each picture of the video stream whose PES
// stream_id is `streamId` (0xE0..0xEF; FFmpeg's AVStream::id for the mpeg demuxer is
// 0x100 + stream_id), in decode order. Throws nothing; an unreadable file is Irregular.
PsScanResult scanProgramStream(const std::string& path, int streamId,
                               const std::function<bool(const PsPicture&)>& onPicture);

// The first start code at or after p: a pointer to its first 0x00 byte, or end.
const uint8_t* findStartCode(const uint8_t* p, const uint8_t* end);

} // namespace codec::detail
