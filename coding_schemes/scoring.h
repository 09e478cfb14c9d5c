#pragma once
// The scoring engine: pure functions from a scheme plus one session's coding (who was
// present, the events and ratings of one or more coders) to tallies, rule warnings,
// derived scores, consensus values and split indicators. No I/O, no clocks; bad input
// (unknown items, absent participants, values off the scale) is skipped and reported in
// `problems`, never thrown. Times are int64 microseconds from the start of the media.
// Threading: pure functions of their arguments; call from any thread.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "coding_schemes/scheme.h"

namespace schemes {

// Session roles. Parent = any other caregiver (foster, step); Youth = the index child.
enum class Role { Mother, Father, Parent, Youth, Child, Sibling, Therapist, CoTherapist, Other };

bool isFamilyMember(Role r); // everyone but therapists
bool isTherapist(Role r);    // Therapist, CoTherapist
bool isParent(Role r);       // Mother, Father, Parent
bool isChild(Role r);        // Youth, Child

struct Participant {
    std::string id; // stable across sessions (used as the target instance id)
    Role role = Role::Other;
};

struct EventCode {
    std::string coder;
    std::string item;   // Item::id (event or flag)
    std::string actor;  // Participant::id who shows the behaviour
    std::string to;     // Participant::id it is directed at (dyad targets only)
    int64_t onsetUs = 0;
};

struct RatingValue {
    std::string coder;
    std::string ref;    // a scaled Dimension::id or a rated Item::id
    std::string target; // target instance id: a participant id, "family", or "actor->to"
    int unit = 0;       // rating unit index (0 for whole-session schemes)
    double value = 0;
};

struct SessionInput {
    int sessionNumber = 1;
    int64_t startUs = 0; // session start marker: earlier events are not counted
    int64_t endUs = 0;   // session end marker (exclusive); must be > startUs
    std::vector<Participant> present;
    std::vector<EventCode> events;
    std::vector<RatingValue> ratings;
    // Spread score id -> threshold replacing the scheme's (e.g. a supervisor's setting for
    // the split-alliance flag). Scores not listed keep the scheme's threshold.
    std::map<std::string, double> spreadThresholds;
};

// Instance ids a target has in a session: participant ids for per-participant kinds,
// "family" when enough members are present, "a->b" for each ordered dyad.
std::vector<std::string> targetInstances(const Target& target, const std::vector<Participant>& present);

struct Tally {
    std::string coder, item, target;
    int unit = 0;
    int count = 0; // flags count at most once per target per unit
};

struct RuleWarning {
    std::string coder, rule, dimension, target;
    int unit = 0;
    double rating = 0;
    int positive = 0, negative = 0;
    Texts message;
};

struct ScoreValue {
    std::string coder; // or "consensus" for scores computed from consensus ratings
    std::string score, target;
    int unit = 0;
    double value = 0;
    int n = 0;            // inputs used (values averaged, instances spread over)
    bool flagged = false; // Spread: value >= threshold
    std::string low, high; // Spread: the instances with the lowest and highest value
};

struct ConsensusValue {
    std::string ref, target;
    int unit = 0;
    double value = 0;
    std::vector<double> inputs; // one per coder, in coder order
    std::string how;
};

struct SessionScores {
    int sessionNumber = 0;
    bool coded = true;        // false when the scheme does not code this session number
    int units = 1;            // number of rating units in the session
    std::vector<std::string> coders; // in order of first appearance
    std::vector<RatingValue> ratings; // the accepted ratings
    std::vector<Tally> tallies;
    std::vector<RuleWarning> warnings;
    std::vector<ScoreValue> scores;
    std::vector<ConsensusValue> consensus; // only for things rated by 2+ coders
    std::vector<std::string> problems;
};

// Scores one session for every coder in the input (and the consensus of ratings given by
// two or more coders, with the scores that follow from those consensus ratings).
SessionScores scoreSession(const Scheme& scheme, const SessionInput& input);

// Mean over sessions of each coder's ratings and (whole-unit) scores, per target
// instance, using only sessions the scheme codes (TABBS: sessions 1-3).
struct SessionMean {
    std::string coder, ref, target; // ref: dimension, rated item or score id
    double mean = 0;
    int sessions = 0;
};
std::vector<SessionMean> meanOverSessions(const Scheme& scheme, std::span<const SessionScores> sessions);

} // namespace schemes
