#include "bench/media/ffmpeg_cli.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

#include "bench/media/stats.h"

extern char** environ;

namespace bench {

FfmpegRun runFfmpegNullDecode(const std::string& file, int threads)
{
    std::vector<std::string> args = {"ffmpeg", "-nostdin", "-hide_banner", "-loglevel",
                                     "error", "-threads", std::to_string(threads), "-i", file,
                                     "-f", "null", "-"};
    FfmpegRun run;
    for (const auto& a : args)
        run.command += (run.command.empty() ? "" : " ") + a;
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    // The null muxer complains about equal dts on VFR input on every such frame; the
    // decode is complete regardless, and the exit status tells success.
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const double t0 = nowMs();
    const int err = posix_spawnp(&pid, "ffmpeg", &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0)
        return run;
    int status = 0;
    waitpid(pid, &status, 0);
    run.seconds = (nowMs() - t0) / 1000.0;
    run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return run;
}

} // namespace bench
