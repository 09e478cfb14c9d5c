#pragma once
// Typed error for everything that can go wrong opening or decoding a media file.
// what() is one line naming the file and the problem, ready for a CLI or a modal.
#include <stdexcept>
#include <string>

namespace codec {

class MediaError : public std::runtime_error {
public:
    enum class Kind {
        NotFound,         // the path does not exist or cannot be opened for reading
        EmptyFile,        // zero bytes
        InvalidData,      // not a media file FFmpeg can demux (text file, truncated mp4 without moov)
        NoVideoStream,    // e.g. an audio-only recording opened as video
        UnsupportedCodec, // FFmpeg has no decoder for the stream
        DecodeFailed,     // the requested frame could not be decoded (damaged file)
        OutOfRange,       // frame index or time beyond the last frame
        Io,               // any other I/O or FFmpeg failure
    };

    MediaError(Kind kind, std::string path, const std::string& problem);
    // For failures not tied to one file (a filter graph, an empty sync group).
    MediaError(Kind kind, const std::string& message);

    Kind kind() const noexcept { return m_kind; }
    const std::string& path() const noexcept { return m_path; }

private:
    Kind m_kind;
    std::string m_path;
};

const char* toString(MediaError::Kind kind) noexcept;

} // namespace codec
