#pragma once
// The coding-scheme model: what one instrument file (docs/schemes.md) says, as plain
// structs. Built by scheme_loader.h, read by scoring.h, the project store and the UI.
// Nothing here knows about TOML. Every collection keeps the order of the file.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace schemes {

// Which parts of a scheme are known from public sources (confirmed) and which still need
// the licensed manual (provisional). Every part carries one; it defaults to the scheme's.
enum class Provenance { Confirmed, Provisional };

// 1-based position in the scheme file, for diagnostics after parsing (0 = unknown).
struct SourceLoc {
    int line = 0;
    int column = 0;
};

// Language code ("en", "nl", ...) -> text. "en" is required wherever texts are.
using Texts = std::map<std::string, std::string>;

// The text in `lang`, else the English one, else "".
std::string textIn(const Texts& texts, std::string_view lang);

// Who is rated. Member: each family member present. Family: the family as a whole
// (one instance, needs minMembersPresent members). Therapist/Child/Parent: each
// participant of that role present. Dyad: directed pair actor -> to.
enum class TargetKind { Member, Family, Therapist, Child, Parent, Dyad };

struct Target {
    std::string id;
    TargetKind kind = TargetKind::Member;
    int minMembersPresent = 1;                 // Family only
    TargetKind actor = TargetKind::Member;     // Dyad only (never Family or Dyad)
    TargetKind to = TargetKind::Therapist;     // Dyad only (never Family or Dyad)
    Texts name;
    Provenance provenance = Provenance::Provisional;
    SourceLoc loc;
};

struct ScaleAnchor {
    double value = 0;
    Texts label;
};

struct Scale {
    std::string id;
    double min = 0;
    double max = 0;
    double step = 1;
    std::vector<ScaleAnchor> anchors; // sorted by value
    Provenance provenance = Provenance::Provisional;
    SourceLoc loc;

    // True when v lies in [min, max] on a step (with a small tolerance).
    bool contains(double v) const;
};

// A dimension (subscale). When `scale` is set, coders give one rating per target
// instance per rating unit; otherwise it only groups items (e.g. TPOCS-A bond/task).
struct Dimension {
    std::string id;
    std::string target; // Target::id
    std::string scale;  // Scale::id or empty
    Texts name;
    Texts description;
    Provenance provenance = Provenance::Provisional;
    SourceLoc loc;
};

// Event: every occurrence is tallied. Flag: at most once per target per rating unit.
// Rated: a value on a scale per target per rating unit (Likert item). State: a behaviour
// with a duration (a rupture episode, a withdrawal, a turn): coded with an onset and an
// offset, tallied once per occurrence like an event.
enum class ItemKind { Event, Flag, Rated, State };
enum class Polarity { Positive, Negative, Neutral };
enum class Channel { Either, Verbal, NonVerbal };

struct Item {
    std::string id;
    ItemKind kind = ItemKind::Event;
    std::string dimension; // Dimension::id
    std::string target;    // Target::id; the dimension's target unless the file says otherwise
    Polarity polarity = Polarity::Neutral;
    Channel channel = Channel::Either;
    std::string key;       // optional default keyboard key
    std::string scale;     // Rated only: Scale::id (the item's or its dimension's)
    bool reverse = false;  // Rated only: scored as min + max - value
    Texts label;           // short paraphrase
    Texts description;     // longer text (a licensed manual's text goes in an override file)
    std::vector<std::string> seeAlso;         // item ids
    std::vector<std::string> notConfusedWith; // item ids
    Provenance provenance = Provenance::Provisional;
    SourceLoc loc;
};

enum class UnitKind { Session, Segment };

struct RatingUnit {
    UnitKind kind = UnitKind::Session;
    int64_t segmentUs = 0;     // Segment only: fixed length in microseconds
    std::vector<int> sessions; // session numbers this scheme codes; empty = every session
    Provenance provenance = Provenance::Provisional;
    SourceLoc loc;
};

enum class CompareOp { Less, LessEqual, Equal, NotEqual, GreaterEqual, Greater };

struct Condition {
    CompareOp op = CompareOp::Equal;
    double value = 0;
    bool matches(double x) const;
    std::string toString() const; // "> 0"
};

// A rating-consistency rule, checked per rated dimension, target instance and unit:
// when the tallies of the dimension's event/flag items (only `items` when given) meet
// every given count condition, the rating must meet `rating`; otherwise a warning with
// `message`. Warnings never block saving.
struct RatingRule {
    std::string id;
    std::vector<std::string> dimensions; // empty = every rated dimension (or those of `items`)
    std::vector<std::string> items;      // empty = every event/flag item of the dimension
    std::optional<Condition> positive;   // count of positive indicators
    std::optional<Condition> negative;   // count of negative indicators
    std::optional<Condition> total;      // count of all indicators
    Condition rating;
    Texts message;
    Provenance provenance = Provenance::Provisional;
    SourceLoc loc;
};

// Mean/Sum: of ratings, rated-item values (after reverse scoring) and earlier scores,
// per target instance. Count/RatePerHour: tallies of event/flag items per target
// instance (optionally one polarity), rate = count per hour of the rating unit.
// Spread: max - min of one per-participant value across the instances present (the
// split-alliance indicator), flagged at >= threshold. FamilyMean: mean across instances.
enum class ScoreKind { Mean, Sum, Count, RatePerHour, Spread, FamilyMean };

struct DerivedScore {
    std::string id;
    ScoreKind kind = ScoreKind::Mean;
    std::vector<std::string> of;      // dimension, item or earlier score ids
    std::vector<std::string> itemsOf; // dimension ids: all their (rated or event/flag) items
    std::optional<Polarity> polarity; // Count/RatePerHour filter
    std::optional<double> threshold;  // Spread: flag when spread >= threshold
    std::string target;               // resolved Target::id of the inputs
    Texts label;
    Provenance provenance = Provenance::Provisional;
    SourceLoc loc;
};

// Consensus across coders of one rating. TwoOfThree: two agreeing values win, else drop
// the outlier and average the closest two (see scoring.h for n != 3).
enum class ConsensusRule { Mean, Median, TwoOfThree };

struct MultiRater {
    ConsensusRule consensus = ConsensusRule::Mean;
    std::string reliability = "icc"; // default statistic: icc | kappa | weighted_kappa | alpha
    std::string iccForm;             // e.g. "ICC(A,1)", "ICC(2,2)"; empty = not stated
    double trainingWithin = 1;       // training criterion: within +-trainingWithin points ...
    double trainingProportion = 0.9; // ... on this proportion of ratings vs the gold standard
    Provenance provenance = Provenance::Provisional;
    SourceLoc loc;
};

struct Scheme {
    int format = 1;
    std::string id;
    std::string version;
    Texts name;
    std::string citation;
    std::string licence;
    std::string completedBy; // which licensed manual completes the provisional parts
    Texts note;
    Provenance provenance = Provenance::Provisional;

    std::vector<Target> targets;
    std::vector<Scale> scales;
    std::vector<Dimension> dimensions;
    std::vector<Item> items;
    RatingUnit unit;
    std::vector<RatingRule> rules;
    std::vector<DerivedScore> scores;
    MultiRater multiRater;

    // "sha256:" + 64 lower-case hex digits of the normalised bytes of the scheme file
    // (docs/schemes.md "Content hash"). Override files do not change it.
    std::string contentHash;
    std::string path;                   // the file it was loaded from ("" for strings)
    std::vector<std::string> overrides; // override files applied, in order

    const Target* findTarget(std::string_view id) const;
    const Scale* findScale(std::string_view id) const;
    const Dimension* findDimension(std::string_view id) const;
    const Item* findItem(std::string_view id) const;
    const DerivedScore* findScore(std::string_view id) const;
    // The scale a rating of `ref` (dimension or rated item id) is given on, or nullptr.
    const Scale* scaleFor(std::string_view ref) const;
    // True when the rating unit covers session number n.
    bool codesSession(int n) const;
};

std::string_view toString(TargetKind k);
std::string_view toString(ItemKind k);
std::string_view toString(Polarity p);
std::string_view toString(Channel c);
std::string_view toString(ScoreKind k);
std::string_view toString(ConsensusRule r);
std::string_view toString(Provenance p);

} // namespace schemes
