#include "codec/media_error.h"

namespace codec {

MediaError::MediaError(Kind kind, std::string path, const std::string& problem)
    : std::runtime_error(path + ": " + problem), m_kind(kind), m_path(std::move(path))
{
}

MediaError::MediaError(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind)
{
}

const char* toString(MediaError::Kind kind) noexcept
{
    switch (kind) {
    case MediaError::Kind::NotFound: return "not-found";
    case MediaError::Kind::EmptyFile: return "empty-file";
    case MediaError::Kind::InvalidData: return "invalid-data";
    case MediaError::Kind::NoVideoStream: return "no-video-stream";
    case MediaError::Kind::UnsupportedCodec: return "unsupported-codec";
    case MediaError::Kind::DecodeFailed: return "decode-failed";
    case MediaError::Kind::OutOfRange: return "out-of-range";
    case MediaError::Kind::Io: return "io";
    }
    return "unknown";
}

} // namespace codec
