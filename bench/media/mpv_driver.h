#pragma once
// Drives Debian's mpv (BORIS's playback engine) over its JSON IPC socket, so the media
// benchmark can time the same exact seeks and back-steps against it in the same run.
//
// mpv is started as
//   mpv --no-config --idle=yes --vo=null --ao=null --input-ipc-server=SOCK --pause
// i.e. with default options (as BORIS users get it, minus a window). A seek is timed from
// sending the command to the "playback-restart" event that follows mpv's "seek" event,
// which mpv emits once the new frame has been decoded and handed to the (null) output.
// Not thread-safe; one instance per process at a time is enough.

#include <string>
#include <sys/types.h>

namespace bench {

class MpvDriver {
public:
    struct Result {
        bool ok = false;     // the command finished (no error, no timeout)
        double ms = 0;       // command sent -> playback-restart
        double timePos = -1; // mpv's time-pos afterwards (s, rebased on the file's start)
    };

    // Starts mpv with a socket in a fresh temporary directory. Throws std::runtime_error
    // when mpv cannot be started or its socket does not appear within 5 s.
    MpvDriver();
    ~MpvDriver(); // asks mpv to quit, then kills it if it lingers; removes the socket
    MpvDriver(const MpvDriver&) = delete;
    MpvDriver& operator=(const MpvDriver&) = delete;

    // loadfile and wait for the first frame (playback-restart). ms = time to first frame.
    Result load(const std::string& file, int timeoutMs = 30000);
    Result seekExact(double seconds, int timeoutMs = 20000);
    Result frameBackStep(int timeoutMs = 20000);
    // A numeric property (time-pos, estimated-frame-number, ...); NaN when unavailable.
    double property(const std::string& name, int timeoutMs = 5000);

private:
    int send(const std::string& commandArrayJson); // returns the request_id used
    bool readLine(std::string& line, double deadlineMs);
    // Sends a command that makes mpv seek and waits for seek + playback-restart.
    Result runSeeking(const std::string& commandArrayJson, int timeoutMs);

    pid_t m_pid = -1;
    int m_fd = -1;
    int m_nextId = 1;
    std::string m_dir;
    std::string m_socket;
    std::string m_buffer; // bytes read but not yet split into lines
};

} // namespace bench
