#include "coding_schemes/scheme.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace schemes {

std::string textIn(const Texts& texts, std::string_view lang)
{
    if (auto it = texts.find(std::string(lang)); it != texts.end())
        return it->second;
    if (auto it = texts.find("en"); it != texts.end())
        return it->second;
    return {};
}

bool Scale::contains(double v) const
{
    constexpr double eps = 1e-9;
    if (!std::isfinite(v) || v < min - eps || v > max + eps || step <= 0)
        return false;
    double k = (v - min) / step;
    return std::fabs(k - std::round(k)) < 1e-6;
}

bool Condition::matches(double x) const
{
    switch (op) {
    case CompareOp::Less: return x < value;
    case CompareOp::LessEqual: return x <= value;
    case CompareOp::Equal: return x == value;
    case CompareOp::NotEqual: return x != value;
    case CompareOp::GreaterEqual: return x >= value;
    case CompareOp::Greater: return x > value;
    }
    return false;
}

std::string Condition::toString() const
{
    static constexpr const char* ops[] = {"<", "<=", "==", "!=", ">=", ">"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s %g", ops[static_cast<int>(op)], value);
    return buf;
}

namespace {
template <class T>
const T* findById(const std::vector<T>& v, std::string_view id)
{
    auto it = std::find_if(v.begin(), v.end(), [&](const T& x) { return x.id == id; });
    return it == v.end() ? nullptr : &*it;
}
} // namespace

const Target* Scheme::findTarget(std::string_view id) const { return findById(targets, id); }
const Scale* Scheme::findScale(std::string_view id) const { return findById(scales, id); }
const Dimension* Scheme::findDimension(std::string_view id) const { return findById(dimensions, id); }
const Item* Scheme::findItem(std::string_view id) const { return findById(items, id); }
const DerivedScore* Scheme::findScore(std::string_view id) const { return findById(scores, id); }

const Scale* Scheme::scaleFor(std::string_view ref) const
{
    if (const Dimension* d = findDimension(ref))
        return d->scale.empty() ? nullptr : findScale(d->scale);
    if (const Item* i = findItem(ref))
        return i->kind == ItemKind::Rated ? findScale(i->scale) : nullptr;
    return nullptr;
}

bool Scheme::codesSession(int n) const
{
    return unit.sessions.empty()
        || std::find(unit.sessions.begin(), unit.sessions.end(), n) != unit.sessions.end();
}

std::string_view toString(TargetKind k)
{
    switch (k) {
    case TargetKind::Member: return "member";
    case TargetKind::Family: return "family";
    case TargetKind::Therapist: return "therapist";
    case TargetKind::Child: return "child";
    case TargetKind::Parent: return "parent";
    case TargetKind::Dyad: return "dyad";
    }
    return "?";
}

std::string_view toString(ItemKind k)
{
    switch (k) {
    case ItemKind::Event: return "event";
    case ItemKind::Flag: return "flag";
    case ItemKind::Rated: return "rated";
    case ItemKind::State: return "state";
    }
    return "?";
}

std::string_view toString(Polarity p)
{
    switch (p) {
    case Polarity::Positive: return "+";
    case Polarity::Negative: return "-";
    case Polarity::Neutral: return "0";
    }
    return "?";
}

std::string_view toString(Channel c)
{
    switch (c) {
    case Channel::Either: return "either";
    case Channel::Verbal: return "verbal";
    case Channel::NonVerbal: return "nonverbal";
    }
    return "?";
}

std::string_view toString(ScoreKind k)
{
    switch (k) {
    case ScoreKind::Mean: return "mean";
    case ScoreKind::Sum: return "sum";
    case ScoreKind::Count: return "count";
    case ScoreKind::RatePerHour: return "rate_per_hour";
    case ScoreKind::Spread: return "spread";
    case ScoreKind::FamilyMean: return "family_mean";
    }
    return "?";
}

std::string_view toString(ConsensusRule r)
{
    switch (r) {
    case ConsensusRule::Mean: return "mean";
    case ConsensusRule::Median: return "median";
    case ConsensusRule::TwoOfThree: return "two_of_three";
    }
    return "?";
}

std::string_view toString(Provenance p)
{
    return p == Provenance::Confirmed ? "confirmed" : "provisional";
}

} // namespace schemes
