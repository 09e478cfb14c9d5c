#include "bench/media/playback.h"

#include <chrono>
#include <thread>

#include "bench/media/stats.h"
#include "codec/player.h"

namespace bench {

std::vector<PlaybackResult> measurePlayback(std::unique_ptr<codec::FrameSource> source,
                                            int64_t startIndex, double mediaSeconds,
                                            const std::vector<double>& speeds)
{
    std::vector<PlaybackResult> out;
    codec::Player player(std::move(source));
    const int64_t startUs = player.source().ptsOf(startIndex);
    for (double speed : speeds) {
        player.pause();
        player.seek(startIndex, codec::SeekMode::Exact);
        if (!player.waitIdle(30000))
            break;
        player.setSpeed(speed);
        const codec::PlayerStats before = player.stats();
        const double t0 = nowMs();
        player.play();
        // A display loop at 60 Hz, like the GUI's vsync'd frame loop.
        auto next = std::chrono::steady_clock::now();
        while (player.playing() && player.clockUs() - startUs < mediaSeconds * 1e6) {
            player.tick();
            next += std::chrono::microseconds(16667);
            std::this_thread::sleep_until(next);
        }
        player.pause();
        const codec::PlayerStats after = player.stats();
        PlaybackResult r;
        r.speed = speed;
        r.wallSeconds = (nowMs() - t0) / 1000.0;
        r.shown = after.framesShown - before.framesShown;
        r.dropped = after.framesDropped - before.framesDropped;
        r.late = after.framesLate - before.framesLate;
        out.push_back(r);
    }
    return out;
}

} // namespace bench
