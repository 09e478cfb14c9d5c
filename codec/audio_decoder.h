#pragma once
// Decodes the best audio stream of a media file and resamples it (libswresample) to the
// interleaved format the output device wants. Synchronous; one thread at a time (the
// Player's audio worker owns it). FFmpeg types stay in the .cpp (pimpl).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace codec {

enum class SampleFormat { S16, F32 };

struct AudioSpec {
    int sampleRate = 48000; // 0 in the constructor's argument: keep the source's rate
    int channels = 2;
    SampleFormat format = SampleFormat::F32;
    int bytesPerSample() const { return format == SampleFormat::S16 ? 2 : 4; }
    int bytesPerFrame() const { return bytesPerSample() * channels; }
};

// A run of interleaved samples in AudioSpec format. ptsUs is the presentation time of the
// first sample on the media timeline.
struct AudioChunk {
    std::vector<uint8_t> data;
    int frames = 0;
    int64_t ptsUs = 0;
};

class AudioDecoder {
public:
    // Throws codec::MediaError (one line: file + problem) when the file cannot be opened or
    // has no decodable audio stream.
    AudioDecoder(const std::string& path, AudioSpec out);
    ~AudioDecoder();
    AudioDecoder(const AudioDecoder&) = delete;
    AudioDecoder& operator=(const AudioDecoder&) = delete;

    // True when `path` opens and has an audio stream with a decoder (never throws).
    static bool hasAudio(const std::string& path);

    const AudioSpec& spec() const;
    int64_t durationUs() const;
    int sourceSampleRate() const;
    int sourceChannels() const;

    // The next read() starts at the first sample at or after tUs (earlier samples of the
    // decoded packet are trimmed, so the start is sample-exact).
    void seek(int64_t tUs);
    // Appends the next decoded, resampled chunk. Returns false at the end of the stream.
    // A damaged packet is skipped (decoding continues), never an exception.
    bool read(AudioChunk& out);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace codec
