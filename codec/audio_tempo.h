#pragma once
// Changes playback speed of interleaved audio without changing its pitch, through a
// libavfilter graph of atempo stages (each stage limited to 0.5..2, chained for 0.1..8).
// Single-threaded object: the audio worker that feeds the device owns it.

#include <cstdint>
#include <memory>
#include <vector>

#include "codec/audio_decoder.h"

namespace codec {

class AudioTempo {
public:
    // speed is clamped to [0.1, 8]. Throws codec::MediaError when the filter graph cannot
    // be built (an FFmpeg build without atempo).
    AudioTempo(AudioSpec spec, double speed);
    ~AudioTempo();
    AudioTempo(const AudioTempo&) = delete;
    AudioTempo& operator=(const AudioTempo&) = delete;

    double speed() const;
    // Factors of the atempo chain for `speed`: each in [0.5, 2], product == speed.
    static std::vector<double> stages(double speed);

    // Feed interleaved frames; appends whatever output is ready to `out` (may be nothing yet:
    // atempo works on overlapping windows of ~40 ms).
    void process(const uint8_t* in, int frames, std::vector<uint8_t>& out);
    // End of input: appends the remaining output. The object is then spent; call reset()
    // before processing more (also after a seek, to drop buffered audio).
    void flush(std::vector<uint8_t>& out);
    void reset();

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace codec
