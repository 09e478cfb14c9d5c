#include "coding_schemes/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "coding_schemes/consensus.h"
#include "coding_schemes/scheme_checks.h"

namespace schemes {

bool isFamilyMember(Role r) { return !isTherapist(r); }
bool isTherapist(Role r) { return r == Role::Therapist || r == Role::CoTherapist; }
bool isParent(Role r) { return r == Role::Mother || r == Role::Father || r == Role::Parent; }
bool isChild(Role r) { return r == Role::Youth || r == Role::Child; }

namespace {

bool roleFits(TargetKind k, Role r)
{
    switch (k) {
    case TargetKind::Member: return isFamilyMember(r);
    case TargetKind::Therapist: return isTherapist(r);
    case TargetKind::Child: return isChild(r);
    case TargetKind::Parent: return isParent(r);
    case TargetKind::Family:
    case TargetKind::Dyad: return false;
    }
    return false;
}

int membersPresent(const std::vector<Participant>& present)
{
    return static_cast<int>(std::count_if(present.begin(), present.end(),
                                          [](const Participant& p) { return isFamilyMember(p.role); }));
}

const Participant* findParticipant(const std::vector<Participant>& present, const std::string& id)
{
    for (const Participant& p : present)
        if (p.id == id)
            return &p;
    return nullptr;
}

std::string fmt(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

using Key = std::tuple<std::string, std::string, int>; // (item/ref/score, instance, unit)

struct CoderData {
    std::map<Key, int> tallies;
    std::map<Key, double> ratings;
};

struct Context {
    const Scheme& scheme;
    const SessionInput& in;
    const detail::SchemeIndex& ix;
    int units = 1;
    std::map<std::string, std::vector<std::string>> instances; // target id -> instance ids

    int64_t unitDurationUs(int unit) const
    {
        if (in.startUs < 0 || in.endUs <= in.startUs)
            return 0;
        int64_t total = in.endUs - in.startUs;
        if (scheme.unit.kind == UnitKind::Session || scheme.unit.segmentUs <= 0)
            return total;
        int64_t begin = static_cast<int64_t>(unit) * scheme.unit.segmentUs;
        return std::min(scheme.unit.segmentUs, total - begin);
    }
};

double reversed(const Scheme& s, const Item& it, double v)
{
    if (!it.reverse)
        return v;
    const Scale* sc = s.findScale(it.scale);
    return sc ? sc->min + sc->max - v : v;
}

// Event/flag items a count score adds up.
std::vector<const Item*> countedItems(const detail::SchemeIndex& ix, const Scheme&, const DerivedScore& sc)
{
    std::vector<const Item*> out;
    for (const std::string& ref : sc.of)
        if (const Item* it = detail::SchemeIndex::get(ix.items, ref); it && it->kind != ItemKind::Rated)
            out.push_back(it);
    for (const std::string& d : sc.itemsOf)
        for (const Item* it : ix.itemsOf(d))
            if (it->kind != ItemKind::Rated)
                out.push_back(it);
    if (sc.polarity)
        std::erase_if(out, [&](const Item* it) { return it->polarity != *sc.polarity; });
    return out;
}

void scoreCoder(const Context& ctx, const std::string& coder, const CoderData& data, bool haveEvents,
                SessionScores& out)
{
    const Scheme& s = ctx.scheme;
    std::map<Key, double> values; // score values per instance (for scores used as inputs)
    auto lookupRating = [&](const std::string& ref, const std::string& inst, int unit) -> std::optional<double> {
        auto it = data.ratings.find({ref, inst, unit});
        if (it == data.ratings.end())
            return std::nullopt;
        if (const Item* item = detail::SchemeIndex::get(ctx.ix.items, ref))
            return reversed(s, *item, it->second);
        return it->second;
    };
    // The value of a mean/sum/spread input for one instance.
    auto inputValue = [&](const std::string& ref, const std::string& inst, int unit) -> std::optional<double> {
        if (ctx.ix.scores.count(ref)) {
            auto it = values.find({ref, inst, unit});
            return it == values.end() ? std::nullopt : std::optional<double>(it->second);
        }
        return lookupRating(ref, inst, unit);
    };
    auto instancesOf = [&](const std::string& target) -> const std::vector<std::string>& {
        static const std::vector<std::string> none;
        auto it = ctx.instances.find(target);
        return it == ctx.instances.end() ? none : it->second;
    };

    for (const DerivedScore& sc : s.scores) {
        bool counts = sc.kind == ScoreKind::Count || sc.kind == ScoreKind::RatePerHour;
        if (counts && !haveEvents)
            continue;
        const std::vector<const Item*> counted = counts ? countedItems(ctx.ix, s, sc) : std::vector<const Item*>{};
        std::vector<std::string> refs = sc.of;
        if (!counts)
            for (const std::string& d : sc.itemsOf)
                for (const Item* it : ctx.ix.itemsOf(d))
                    if (it->kind == ItemKind::Rated)
                        refs.push_back(it->id);
        for (int unit = 0; unit < ctx.units; ++unit) {
            const auto& insts = instancesOf(sc.target);
            if (sc.kind == ScoreKind::Spread || sc.kind == ScoreKind::FamilyMean) {
                if (sc.of.empty())
                    continue;
                std::vector<std::pair<double, std::string>> vals;
                for (const std::string& inst : insts)
                    if (auto v = inputValue(sc.of[0], inst, unit))
                        vals.emplace_back(*v, inst);
                if (vals.empty() || (sc.kind == ScoreKind::Spread && vals.size() < 2))
                    continue;
                ScoreValue r;
                r.coder = coder;
                r.score = sc.id;
                r.target = "family";
                r.unit = unit;
                r.n = static_cast<int>(vals.size());
                if (sc.kind == ScoreKind::Spread) {
                    auto [lo, hi] = std::minmax_element(vals.begin(), vals.end());
                    r.value = hi->first - lo->first;
                    r.low = lo->second;
                    r.high = hi->second;
                    std::optional<double> threshold = sc.threshold;
                    if (auto t = ctx.in.spreadThresholds.find(sc.id); t != ctx.in.spreadThresholds.end())
                        threshold = t->second;
                    r.flagged = threshold && r.value >= *threshold - 1e-9;
                } else {
                    double sum = 0;
                    for (auto& v : vals)
                        sum += v.first;
                    r.value = sum / static_cast<double>(vals.size());
                }
                out.scores.push_back(r);
                continue;
            }
            for (const std::string& inst : insts) {
                ScoreValue r;
                r.coder = coder;
                r.score = sc.id;
                r.target = inst;
                r.unit = unit;
                if (counts) {
                    int count = 0;
                    for (const Item* it : counted)
                        if (auto t = data.tallies.find({it->id, inst, unit}); t != data.tallies.end())
                            count += t->second;
                    r.n = count;
                    r.value = count;
                    if (sc.kind == ScoreKind::RatePerHour) {
                        int64_t dur = ctx.unitDurationUs(unit);
                        if (dur <= 0)
                            continue;
                        r.value = count * 3'600'000'000.0 / static_cast<double>(dur);
                    }
                } else {
                    double sum = 0;
                    for (const std::string& ref : refs)
                        if (auto v = inputValue(ref, inst, unit)) {
                            sum += *v;
                            ++r.n;
                        }
                    if (r.n == 0)
                        continue;
                    r.value = sc.kind == ScoreKind::Mean ? sum / r.n : sum;
                }
                values[{sc.id, inst, unit}] = r.value;
                out.scores.push_back(r);
            }
        }
    }
}

void checkRules(const Context& ctx, const std::string& coder, const CoderData& data, SessionScores& out)
{
    const Scheme& s = ctx.scheme;
    for (const RatingRule& rule : s.rules) {
        std::vector<std::string> dims = rule.dimensions;
        if (dims.empty()) {
            std::set<std::string> fromItems;
            for (const std::string& id : rule.items)
                if (const Item* it = s.findItem(id))
                    fromItems.insert(it->dimension);
            for (const Dimension& d : s.dimensions)
                if (!d.scale.empty() && (rule.items.empty() || fromItems.count(d.id)))
                    dims.push_back(d.id);
        }
        for (const std::string& dim : dims) {
            for (const auto& [key, rating] : data.ratings) {
                const auto& [ref, inst, unit] = key;
                if (ref != dim)
                    continue;
                int pos = 0, neg = 0, total = 0;
                for (const Item* itp : ctx.ix.itemsOf(dim)) {
                    const Item& it = *itp;
                    if (it.kind == ItemKind::Rated)
                        continue;
                    if (!rule.items.empty() && std::find(rule.items.begin(), rule.items.end(), it.id) == rule.items.end())
                        continue;
                    auto t = data.tallies.find({it.id, inst, unit});
                    int n = t == data.tallies.end() ? 0 : t->second;
                    total += n;
                    if (it.polarity == Polarity::Positive)
                        pos += n;
                    else if (it.polarity == Polarity::Negative)
                        neg += n;
                }
                if (rule.positive && !rule.positive->matches(pos))
                    continue;
                if (rule.negative && !rule.negative->matches(neg))
                    continue;
                if (rule.total && !rule.total->matches(total))
                    continue;
                if (rule.rating.matches(rating))
                    continue;
                out.warnings.push_back(RuleWarning{coder, rule.id, dim, inst, unit, rating, pos, neg, rule.message});
            }
        }
    }
}

} // namespace

std::vector<std::string> targetInstances(const Target& t, const std::vector<Participant>& present)
{
    std::vector<std::string> out;
    if (t.kind == TargetKind::Family) {
        if (membersPresent(present) >= t.minMembersPresent)
            out.push_back("family");
        return out;
    }
    if (t.kind == TargetKind::Dyad) {
        for (const Participant& a : present)
            for (const Participant& b : present)
                if (a.id != b.id && roleFits(t.actor, a.role) && roleFits(t.to, b.role))
                    out.push_back(a.id + "->" + b.id);
        return out;
    }
    for (const Participant& p : present)
        if (roleFits(t.kind, p.role))
            out.push_back(p.id);
    return out;
}

SessionScores scoreSession(const Scheme& s, const SessionInput& in)
{
    SessionScores out;
    out.sessionNumber = in.sessionNumber;
    out.coded = s.codesSession(in.sessionNumber);
    if (!out.coded)
        out.problems.push_back("scheme '" + s.id + "' does not code session " + std::to_string(in.sessionNumber));

    const detail::SchemeIndex ix(s);
    Context ctx{s, in, ix, 1, {}};
    // Media times are never negative; checking that first keeps end - start from overflowing.
    int64_t duration = 0;
    if (in.startUs < 0 || in.endUs <= in.startUs)
        out.problems.push_back("the session markers are not 0 <= start < end; rates per hour are not computed");
    else
        duration = in.endUs - in.startUs;
    if (s.unit.kind == UnitKind::Segment && s.unit.segmentUs > 0 && duration > 0) {
        int64_t n = duration / s.unit.segmentUs + (duration % s.unit.segmentUs != 0 ? 1 : 0);
        ctx.units = static_cast<int>(std::min<int64_t>(n, 100000));
    }
    out.units = ctx.units;

    std::set<std::string> ids;
    for (const Participant& p : in.present)
        if (!ids.insert(p.id).second)
            out.problems.push_back("participant '" + p.id + "' is listed twice");
    for (const Target& t : s.targets)
        ctx.instances[t.id] = targetInstances(t, in.present);

    std::map<std::string, CoderData> coders;
    auto coderData = [&](const std::string& c) -> CoderData& {
        if (!coders.count(c))
            out.coders.push_back(c);
        return coders[c];
    };
    auto unitOf = [&](int64_t t) { // t is within [start, end) when duration > 0
        if (s.unit.kind != UnitKind::Segment || s.unit.segmentUs <= 0 || duration <= 0)
            return 0;
        return static_cast<int>(std::min<int64_t>((t - in.startUs) / s.unit.segmentUs, ctx.units - 1));
    };

    // --- events -> tallies
    for (const EventCode& e : in.events) {
        CoderData& cd = coderData(e.coder);
        const Item* it = detail::SchemeIndex::get(ix.items, e.item);
        if (!it || it->kind == ItemKind::Rated) {
            out.problems.push_back("event by coder '" + e.coder + "': '" + e.item + "' is not an event or flag item of '" + s.id + "'");
            continue;
        }
        if (duration > 0 && (e.onsetUs < in.startUs || e.onsetUs >= in.endUs))
            continue; // outside the session markers: not coded by definition
        const Target* t = detail::SchemeIndex::get(ix.targets, it->target);
        const Participant* actor = findParticipant(in.present, e.actor);
        if (!t || !actor) {
            out.problems.push_back("event '" + e.item + "' by coder '" + e.coder + "': actor '" + e.actor + "' is not present");
            continue;
        }
        std::string inst;
        if (t->kind == TargetKind::Family) {
            if (!isFamilyMember(actor->role) || ctx.instances[t->id].empty()) {
                out.problems.push_back("event '" + e.item + "' by coder '" + e.coder + "': family-level item needs a family member as actor and at least " + std::to_string(t->minMembersPresent) + " members present");
                continue;
            }
            inst = "family";
        } else if (t->kind == TargetKind::Dyad) {
            const Participant* to = findParticipant(in.present, e.to);
            if (!to || to->id == actor->id || !roleFits(t->actor, actor->role) || !roleFits(t->to, to->role)) {
                out.problems.push_back("event '" + e.item + "' by coder '" + e.coder + "': '" + e.actor + "' -> '" + e.to + "' is not a " + std::string(toString(t->actor)) + " -> " + std::string(toString(t->to)) + " pair present in the session");
                continue;
            }
            inst = actor->id + "->" + to->id;
        } else {
            if (!roleFits(t->kind, actor->role)) {
                out.problems.push_back("event '" + e.item + "' by coder '" + e.coder + "': actor '" + e.actor + "' is not a " + std::string(toString(t->kind)));
                continue;
            }
            inst = actor->id;
        }
        int& count = cd.tallies[{it->id, inst, unitOf(e.onsetUs)}];
        if (it->kind == ItemKind::Flag)
            count = 1;
        else
            ++count;
    }

    // --- ratings
    for (const RatingValue& r : in.ratings) {
        CoderData& cd = coderData(r.coder);
        const Scale* sc = nullptr;
        std::string targetId;
        if (const Dimension* d = detail::SchemeIndex::get(ix.dimensions, r.ref)) {
            targetId = d->target;
            sc = d->scale.empty() ? nullptr : detail::SchemeIndex::get(ix.scales, d->scale);
        } else if (const Item* it = detail::SchemeIndex::get(ix.items, r.ref)) {
            targetId = it->target;
            sc = it->kind == ItemKind::Rated ? detail::SchemeIndex::get(ix.scales, it->scale) : nullptr;
        }
        std::string what = "rating of '" + r.ref + "' for '" + r.target + "' by coder '" + r.coder + "'";
        if (!sc) {
            out.problems.push_back(what + ": '" + r.ref + "' is not a rated dimension or item");
            continue;
        }
        const auto& insts = ctx.instances[targetId];
        if (std::find(insts.begin(), insts.end(), r.target) == insts.end()) {
            const Target* t = s.findTarget(targetId);
            if (t && t->kind == TargetKind::Family)
                out.problems.push_back(what + ": the family is rated only with at least " + std::to_string(t->minMembersPresent) + " members present");
            else
                out.problems.push_back(what + ": '" + r.target + "' is not a " + targetId + " target present in this session");
            continue;
        }
        if (r.unit < 0 || r.unit >= ctx.units) {
            out.problems.push_back(what + ": rating unit " + std::to_string(r.unit) + " does not exist");
            continue;
        }
        if (!sc->contains(r.value)) {
            out.problems.push_back(what + ": " + fmt(r.value) + " is not a value of scale '" + sc->id + "'");
            continue;
        }
        auto [pos, inserted] = cd.ratings.insert_or_assign(Key{r.ref, r.target, r.unit}, r.value);
        if (!inserted)
            out.problems.push_back(what + ": given twice; the last value is used");
    }

    for (const std::string& c : out.coders) {
        const CoderData& cd = coders[c];
        for (const auto& [key, count] : cd.tallies)
            out.tallies.push_back(Tally{c, std::get<0>(key), std::get<1>(key), std::get<2>(key), count});
        for (const auto& [key, v] : cd.ratings)
            out.ratings.push_back(RatingValue{c, std::get<0>(key), std::get<1>(key), std::get<2>(key), v});
        checkRules(ctx, c, cd, out);
        scoreCoder(ctx, c, cd, true, out);
    }

    // --- consensus across coders
    std::map<Key, std::vector<double>> byThing;
    for (const std::string& c : out.coders)
        for (const auto& [key, v] : coders[c].ratings)
            byThing[key].push_back(v);
    CoderData consensusData;
    for (const auto& [key, vals] : byThing) {
        if (vals.size() < 2)
            continue;
        auto cv = consensusOf(s.multiRater.consensus, vals);
        if (!cv)
            continue;
        out.consensus.push_back(ConsensusValue{std::get<0>(key), std::get<1>(key), std::get<2>(key), cv->value, vals, cv->how});
        consensusData.ratings[key] = cv->value;
    }
    if (!consensusData.ratings.empty())
        scoreCoder(ctx, "consensus", consensusData, false, out);
    return out;
}

std::vector<SessionMean> meanOverSessions(const Scheme& s, std::span<const SessionScores> sessions)
{
    std::map<std::tuple<std::string, std::string, std::string>, std::pair<double, int>> acc;
    std::vector<std::tuple<std::string, std::string, std::string>> order;
    auto add = [&](const std::string& coder, const std::string& ref, const std::string& target, double v) {
        auto key = std::make_tuple(coder, ref, target);
        auto [it, inserted] = acc.try_emplace(key, 0.0, 0);
        if (inserted)
            order.push_back(key);
        it->second.first += v;
        it->second.second += 1;
    };
    for (const SessionScores& ss : sessions) {
        if (!s.codesSession(ss.sessionNumber) || ss.units != 1)
            continue;
        for (const RatingValue& r : ss.ratings)
            add(r.coder, r.ref, r.target, r.value);
        for (const ScoreValue& v : ss.scores)
            add(v.coder, v.score, v.target, v.value);
    }
    std::vector<SessionMean> out;
    for (const auto& key : order) {
        auto& [sum, n] = acc[key];
        out.push_back(SessionMean{std::get<0>(key), std::get<1>(key), std::get<2>(key), sum / n, n});
    }
    return out;
}

} // namespace schemes
