#pragma once
// Command values that panels and key bindings emit. They describe intent only; the
// controller applies them after the frame, in order. Commands come in groups, one variant
// each, and each group has its own controller:
//   Transport  the media position and playback        -> MediaController
//   View       what part of the timeline is visible   -> MediaController
//   Coding     codings of the open session            -> DocumentController
//   Document   opening and closing projects, sessions -> Controller
//   Ui         help, error dialog, quit               -> Controller
// A Command holds one group; a group value converts to a Command implicitly, so panels
// write q.push(TogglePlay{}).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "app/gui/timeline_view.h"
#include "projects/import_file.h"
#include "projects/model.h"
#include "projects/project_setup.h"

namespace app {

// -- Transport --------------------------------------------------------------------
struct SeekToFrame { int64_t frameIndex; };     // exact
struct SeekToTime { int64_t timeUs; };          // exact, to the frame shown at timeUs (media time)
struct ScrubToTime { int64_t timeUs; };         // pointer moving: keyframe preview
struct EndScrub { int64_t timeUs; };            // pointer released: exact landing
struct Step { int delta; };                     // +1 / -1 frames (exact)
struct StepTime { int64_t deltaUs; };           // e.g. ±1 s, ±5 s (exact)
struct TogglePlay {};
struct SetSpeed { double speed; };              // clamped to [0.1, 8]
struct SpeedStep { int direction; };            // -1 slower, +1 faster, through kSpeedSteps
struct GoToStart {};
struct GoToEnd {};
struct SetLoop { int64_t startUs; int64_t endUs; }; // media time; playback wraps from end to start
struct ClearLoop {};
using TransportCommand = std::variant<SeekToFrame, SeekToTime, ScrubToTime, EndScrub, Step, StepTime,
                                      TogglePlay, SetSpeed, SpeedStep, GoToStart, GoToEnd, SetLoop, ClearLoop>;

// -- View -------------------------------------------------------------------------
struct SetViewRange { TimelineView view; };     // the scrub bar / timeline's visible range
struct SetFollowPlayhead { bool follow; };      // the timeline scrolls with playback
struct ToggleFollowPlayhead {};
using ViewCommand = std::variant<SetViewRange, SetFollowPlayhead, ToggleFollowPlayhead>;

// -- Coding (the open session's codings; each gesture is one undo step) -------------
struct DigitKey { int digit; };                 // 1-9: select the actor, or the pending target
struct CodeKey { std::string key; uint32_t timestampMs = 0; }; // a scheme item's key
struct CancelPending {};                        // Escape: directed item without a target
struct Undo {};
struct Redo {};
// Selection: "" clears; seek: jump to its frame; toggle (Ctrl+click): add it to the
// selection or take it out, the others staying selected.
struct SelectCoding { std::string uuid; bool seek = true; bool toggle = false; };
struct SelectCodings { std::vector<std::string> uuids; }; // exactly these (Shift+click range); the last is the primary
struct SelectAll {};                            // every coding of the session
struct DeleteSelected {};                       // all selected codings: one undo step
struct CopySelected {};                         // to the window's coding clipboard
struct CutSelected {};                          // copy, then delete (one undo step)
struct Paste {};                                // the clipboard at the frame shown: one undo step
struct MoveCoding { std::string uuid; int64_t onsetUs; std::optional<int64_t> offsetUs; }; // session time
// Moves every selected coding by the distance that brings `uuid`'s onset to `onsetUs`
// (session time; a drag of one of several selected codings): one undo step.
struct MoveSelected { std::string uuid; int64_t onsetUs; };
struct SetComment { std::string uuid; std::string comment; };
struct CloseOpenState { std::string uuid; };    // end an unfinished state on the frame shown
struct DropOpenState { std::string uuid; };     // delete an unfinished state
struct LoopSelected {};                         // loop the selected coding (or clear the loop)
using CodingCommand = std::variant<DigitKey, CodeKey, CancelPending, Undo, Redo, SelectCoding, SelectCodings,
                                   SelectAll, DeleteSelected, CopySelected, CutSelected, Paste, MoveCoding,
                                   MoveSelected, SetComment, CloseOpenState, DropOpenState, LoopSelected>;

// -- Document ---------------------------------------------------------------------
struct OpenProject { std::string path; };
// Opens one coder's assignment of a session: its scheme, the coder's codings, the media.
struct OpenSession {
    projects::RowId sessionId;
    projects::RowId coderId;
    projects::RowId schemeRefId;
    std::optional<int64_t> seekFrame; // land on this frame once the media is open
};
struct CloseSession {};
struct ShowBrowser { bool show; };
struct BrowseAsCoder { projects::RowId coderId; };   // whose assignments the browser lists
// Setting a project up from the window (each one write, reported in the status line).
struct CreateProject { std::string path; };          // a new, empty project, then opened
struct AddCoder { std::string name; projects::CoderRole role = projects::CoderRole::Coder; };
struct PinScheme { std::string path; };              // a scheme file (e.g. a shipped one)
struct AddSession { projects::NewSession session; }; // with its family, attendance and media
struct AssignSessions { projects::RowId coderId; projects::RowId schemeRefId; std::string caseCode; std::optional<int> number; };
struct OpenMedia { std::string path; };              // the player on a bare media file
// Importing another tool's file (the browser's import form): InspectImport reads its
// format and, for ELAN, its tiers (DocumentState::importPreview); ImportFile runs the
// import (options.dryRun: what it would do, changing nothing).
struct InspectImport { std::string path; };
struct ImportFile { std::string path; projects::FileImportOptions options; };
using DocumentCommand = std::variant<OpenProject, OpenSession, CloseSession, ShowBrowser, BrowseAsCoder, CreateProject,
                                     AddCoder, PinScheme, AddSession, AssignSessions, OpenMedia, InspectImport,
                                     ImportFile>;

// -- UI ---------------------------------------------------------------------------
struct ToggleHelp {};
struct DismissError {};
struct Quit {};
using UiCommand = std::variant<ToggleHelp, DismissError, Quit>;

using Command = std::variant<TransportCommand, ViewCommand, CodingCommand, DocumentCommand, UiCommand>;

template <class T, class V> struct IsAlternative : std::false_type {};
template <class T, class... Ts>
struct IsAlternative<T, std::variant<Ts...>> : std::bool_constant<(std::is_same_v<T, Ts> || ...)> {};

// The command as alternative T of its group, or null (tests and key handling).
template <class T> const T* commandAs(const Command& c)
{
    return std::visit(
        [](const auto& group) -> const T* {
            if constexpr (IsAlternative<T, std::decay_t<decltype(group)>>::value)
                return std::get_if<T>(&group);
            else
                return nullptr;
        },
        c);
}

// Filled by panels during a frame, drained by the controller after it. UI thread only.
class CommandQueue {
public:
    void push(Command c) { m_items.push_back(std::move(c)); }
    std::vector<Command> take() { return std::exchange(m_items, {}); }
    bool empty() const { return m_items.empty(); }
    size_t size() const { return m_items.size(); }

private:
    std::vector<Command> m_items;
};

inline constexpr double kMinSpeed = 0.1;
inline constexpr double kMaxSpeed = 8.0;
inline constexpr double kSpeedSteps[] = {0.1, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0};

// The next speed in kSpeedSteps from `current` in `direction` (clamped at both ends).
double nextSpeed(double current, int direction);

} // namespace app
