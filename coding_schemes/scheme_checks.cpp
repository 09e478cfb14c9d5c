#include "coding_schemes/scheme_checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace schemes::detail {

SourceLoc FieldLocs::find(const std::string& key, SourceLoc fallback) const
{
    auto it = at.find(key);
    return it == at.end() ? fallback : it->second;
}

void DiagSink::error(SourceLoc loc, std::string message) const
{
    out->push_back(Diagnostic{file, loc.line, loc.column, std::move(message)});
}

namespace {

size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string num(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

bool perParticipant(TargetKind k) { return k != TargetKind::Family; }

} // namespace

SchemeIndex::SchemeIndex(const Scheme& s)
{
    for (const Target& x : s.targets) targets.emplace(x.id, &x);
    for (const Scale& x : s.scales) scales.emplace(x.id, &x);
    for (const Dimension& x : s.dimensions) dimensions.emplace(x.id, &x);
    for (const Item& x : s.items) {
        items.emplace(x.id, &x);
        itemsByDimension[x.dimension].push_back(&x);
    }
    for (size_t i = 0; i < s.scores.size(); ++i)
        scores.emplace(s.scores[i].id, i);
}

const std::vector<const Item*>& SchemeIndex::itemsOf(std::string_view dimension) const
{
    static const std::vector<const Item*> none;
    auto it = itemsByDimension.find(dimension);
    return it == itemsByDimension.end() ? none : it->second;
}

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates, const DiagSink* budget)
{
    if (word.size() > 200)
        return {};
    if (budget) {
        long long cost = 0;
        for (const std::string& c : candidates)
            cost += static_cast<long long>(word.size() + 1) * static_cast<long long>(std::min<size_t>(c.size(), 200) + 1);
        if (cost > budget->suggestionBudget)
            return {};
        budget->suggestionBudget -= cost;
    }
    size_t best = SIZE_MAX;
    std::string bestWord;
    for (const std::string& c : candidates) {
        if (c.size() > 200)
            continue;
        size_t d = editDistance(word, c);
        if (d < best) {
            best = d;
            bestWord = c;
        }
    }
    size_t limit = std::max<size_t>(2, word.size() / 3);
    if (bestWord.empty() || best == 0 || best > limit)
        return {};
    return " (did you mean '" + bestWord + "'?)";
}

void checkScheme(const Scheme& s, const FieldLocs& locs, const DiagSink& sink)
{
    const SchemeIndex ix(s);
    auto findTarget = [&](std::string_view id) { return SchemeIndex::get(ix.targets, id); };
    auto findScale = [&](std::string_view id) { return SchemeIndex::get(ix.scales, id); };
    auto findDimension = [&](std::string_view id) { return SchemeIndex::get(ix.dimensions, id); };
    auto findItem = [&](std::string_view id) { return SchemeIndex::get(ix.items, id); };
    auto didYouMean = [&](std::string_view word, const std::vector<std::string>& candidates) {
        return detail::didYouMean(word, candidates, &sink);
    };
    // --- ids: unique within each collection, and dimension/item/score ids unique
    // together because scores refer to all three by bare id.
    struct Seen {
        std::string what;
        SourceLoc loc;
    };
    auto uniqueIds = [&](const auto& vec, const char* what, std::map<std::string, Seen>& seen) {
        for (const auto& x : vec) {
            if (x.id.empty())
                continue;
            auto [it, inserted] = seen.emplace(x.id, Seen{what, x.loc});
            if (!inserted)
                sink.error(x.loc, "duplicate id " + q(x.id) + " (" + it->second.what
                                      + " at line " + std::to_string(it->second.loc.line) + ")");
        }
    };
    {
        std::map<std::string, Seen> t, sc, refs, r;
        uniqueIds(s.targets, "target", t);
        uniqueIds(s.scales, "scale", sc);
        uniqueIds(s.dimensions, "dimension", refs);
        uniqueIds(s.items, "item", refs);
        uniqueIds(s.scores, "score", refs);
        uniqueIds(s.rules, "rule", r);
    }

    std::vector<std::string> targetIds, scaleIds, dimIds, itemIds, scoreIds;
    for (auto& x : s.targets) targetIds.push_back(x.id);
    for (auto& x : s.scales) scaleIds.push_back(x.id);
    for (auto& x : s.dimensions) dimIds.push_back(x.id);
    for (auto& x : s.items) itemIds.push_back(x.id);
    for (auto& x : s.scores) scoreIds.push_back(x.id);

    // --- targets
    for (size_t i = 0; i < s.targets.size(); ++i) {
        const Target& t = s.targets[i];
        std::string p = "targets/" + std::to_string(i) + "/";
        if (t.kind == TargetKind::Dyad) {
            if (t.actor == TargetKind::Family || t.actor == TargetKind::Dyad)
                sink.error(locs.find(p + "actor", t.loc), "target " + q(t.id) + ": a dyad's actor must be member, therapist, child or parent");
            if (t.to == TargetKind::Family || t.to == TargetKind::Dyad)
                sink.error(locs.find(p + "to", t.loc), "target " + q(t.id) + ": a dyad's 'to' must be member, therapist, child or parent");
        }
    }

    // --- scales
    for (size_t i = 0; i < s.scales.size(); ++i) {
        const Scale& sc = s.scales[i];
        std::string p = "scales/" + std::to_string(i) + "/";
        if (!std::isfinite(sc.min) || !std::isfinite(sc.max) || !std::isfinite(sc.step))
            continue; // already reported while reading
        if (!(sc.min < sc.max)) {
            sink.error(locs.find(p + "max", sc.loc), "scale " + q(sc.id) + ": max (" + num(sc.max) + ") must be greater than min (" + num(sc.min) + ")");
            continue;
        }
        if (!(sc.step > 0)) {
            sink.error(locs.find(p + "step", sc.loc), "scale " + q(sc.id) + ": step must be greater than 0");
            continue;
        }
        double k = (sc.max - sc.min) / sc.step;
        if (std::fabs(k - std::round(k)) > 1e-6 || k > 1000)
            sink.error(locs.find(p + "step", sc.loc), "scale " + q(sc.id) + ": the range " + num(sc.min) + ".." + num(sc.max) + " is not a whole number of steps of " + num(sc.step) + " (at most 1000)");
        for (const ScaleAnchor& a : sc.anchors) {
            SourceLoc l = locs.find(p + "anchors/" + num(a.value), sc.loc);
            if (a.value < sc.min || a.value > sc.max)
                sink.error(l, "scale " + q(sc.id) + ": anchor " + num(a.value) + " is outside the range " + num(sc.min) + ".." + num(sc.max));
            else if (!sc.contains(a.value))
                sink.error(l, "scale " + q(sc.id) + ": anchor " + num(a.value) + " is not on a step of " + num(sc.step) + " from " + num(sc.min));
        }
    }

    // --- dimensions
    for (size_t i = 0; i < s.dimensions.size(); ++i) {
        const Dimension& d = s.dimensions[i];
        std::string p = "dimensions/" + std::to_string(i) + "/";
        if (!d.target.empty() && !findTarget(d.target))
            sink.error(locs.find(p + "target", d.loc), "dimension " + q(d.id) + ": unknown target " + q(d.target) + didYouMean(d.target, targetIds));
        if (!d.scale.empty() && !findScale(d.scale))
            sink.error(locs.find(p + "scale", d.loc), "dimension " + q(d.id) + ": unknown scale " + q(d.scale) + didYouMean(d.scale, scaleIds));
    }

    // --- items
    std::map<std::string, std::string> keysUsed;
    for (size_t i = 0; i < s.items.size(); ++i) {
        const Item& it = s.items[i];
        std::string p = "items/" + std::to_string(i) + "/";
        const Dimension* dim = findDimension(it.dimension);
        if (!it.dimension.empty() && !dim)
            sink.error(locs.find(p + "dimension", it.loc), "item " + q(it.id) + ": unknown dimension " + q(it.dimension) + didYouMean(it.dimension, dimIds));
        const Target* itemTarget = findTarget(it.target);
        if (!it.target.empty() && !itemTarget && locs.at.count(p + "target"))
            sink.error(locs.find(p + "target", it.loc), "item " + q(it.id) + ": unknown target " + q(it.target) + didYouMean(it.target, targetIds));
        if (dim && itemTarget && it.target != dim->target) {
            const Target* dimTarget = findTarget(dim->target);
            if (dimTarget && itemTarget->kind == TargetKind::Family && dimTarget->kind != TargetKind::Family)
                sink.error(locs.find(p + "target", it.loc), "item " + q(it.id) + " is family-level (target " + q(it.target) + ") but dimension " + q(dim->id) + " is rated per " + std::string(toString(dimTarget->kind)) + " (target " + q(dim->target) + ")");
            else if (dimTarget)
                sink.error(locs.find(p + "target", it.loc), "item " + q(it.id) + ": target " + q(it.target) + " differs from its dimension " + q(dim->id) + "'s target " + q(dim->target));
        }
        if (it.kind == ItemKind::Rated) {
            if (it.scale.empty())
                sink.error(locs.find(p + "kind", it.loc), "item " + q(it.id) + ": a rated item needs a scale (its own 'scale' or its dimension's)");
            else if (!findScale(it.scale))
                sink.error(locs.find(p + "scale", it.loc), "item " + q(it.id) + ": unknown scale " + q(it.scale) + didYouMean(it.scale, scaleIds));
        } else {
            if (locs.at.count(p + "scale"))
                sink.error(locs.find(p + "scale", it.loc), "item " + q(it.id) + ": only rated items have a scale (this one is an " + std::string(toString(it.kind)) + ")");
            if (it.reverse)
                sink.error(locs.find(p + "reverse", it.loc), "item " + q(it.id) + ": only rated items can be reverse-scored");
        }
        if (!it.key.empty() && it.key.size() == 1 && it.key[0] >= '0' && it.key[0] <= '9')
            sink.error(locs.find(p + "key", it.loc), "item " + q(it.id) + ": key " + q(it.key) + " is a digit; digits select the actor (1-9) and the target, so an item key must be a letter or symbol");
        if (!it.key.empty()) {
            auto [k, inserted] = keysUsed.emplace(it.key, it.id);
            if (!inserted)
                sink.error(locs.find(p + "key", it.loc), "item " + q(it.id) + ": key " + q(it.key) + " is already used by item " + q(k->second));
        }
        auto links = [&](const std::vector<std::string>& v, const char* field) {
            for (size_t j = 0; j < v.size(); ++j) {
                if (v[j] == it.id)
                    sink.error(locs.find(p + field + "/" + std::to_string(j), it.loc), "item " + q(it.id) + ": '" + field + "' names the item itself");
                else if (!findItem(v[j]))
                    sink.error(locs.find(p + field + "/" + std::to_string(j), it.loc), "item " + q(it.id) + ": '" + field + "' names unknown item " + q(v[j]) + didYouMean(v[j], itemIds));
            }
        };
        links(it.seeAlso, "see_also");
        links(it.notConfusedWith, "not_confused_with");
    }

    // --- rating unit
    // (ranges are checked while reading; nothing cross-referenced here)

    // --- rules
    for (size_t i = 0; i < s.rules.size(); ++i) {
        const RatingRule& r = s.rules[i];
        std::string p = "rules/" + std::to_string(i) + "/";
        for (size_t j = 0; j < r.dimensions.size(); ++j) {
            const Dimension* d = findDimension(r.dimensions[j]);
            SourceLoc l = locs.find(p + "dimensions/" + std::to_string(j), r.loc);
            if (!d)
                sink.error(l, "rule " + q(r.id) + ": unknown dimension " + q(r.dimensions[j]) + didYouMean(r.dimensions[j], dimIds));
            else if (d->scale.empty())
                sink.error(l, "rule " + q(r.id) + ": dimension " + q(d->id) + " has no scale, so it has no rating to check");
        }
        for (size_t j = 0; j < r.items.size(); ++j) {
            const Item* it = findItem(r.items[j]);
            SourceLoc l = locs.find(p + "items/" + std::to_string(j), r.loc);
            if (!it)
                sink.error(l, "rule " + q(r.id) + ": unknown item " + q(r.items[j]) + didYouMean(r.items[j], itemIds));
            else if (it->kind == ItemKind::Rated)
                sink.error(l, "rule " + q(r.id) + ": item " + q(it->id) + " is a rated item; rules count event and flag items");
            else if (!r.dimensions.empty()
                     && std::find(r.dimensions.begin(), r.dimensions.end(), it->dimension) == r.dimensions.end())
                sink.error(l, "rule " + q(r.id) + ": item " + q(it->id) + " belongs to dimension " + q(it->dimension) + ", which the rule does not check");
        }
        if (!r.positive && !r.negative && !r.total)
            sink.error(r.loc, "rule " + q(r.id) + ": needs at least one count condition ('positive', 'negative' or 'total')");
    }

    // --- derived scores
    for (size_t i = 0; i < s.scores.size(); ++i) {
        const DerivedScore& sc = s.scores[i];
        std::string p = "scores/" + std::to_string(i) + "/";
        bool counts = sc.kind == ScoreKind::Count || sc.kind == ScoreKind::RatePerHour;
        std::set<std::string> inputTargets;
        for (size_t j = 0; j < sc.of.size(); ++j) {
            const std::string& ref = sc.of[j];
            SourceLoc l = locs.find(p + "of/" + std::to_string(j), sc.loc);
            const Dimension* d = findDimension(ref);
            const Item* it = findItem(ref);
            const DerivedScore* earlier = nullptr;
            if (auto k = ix.scores.find(ref); k != ix.scores.end() && k->second < i)
                earlier = &s.scores[k->second];
            if (!d && !it && !earlier) {
                std::vector<std::string> all = dimIds;
                all.insert(all.end(), itemIds.begin(), itemIds.end());
                all.insert(all.end(), scoreIds.begin(), scoreIds.begin() + static_cast<long>(i));
                bool later = ix.scores.count(ref) > 0;
                sink.error(l, "score " + q(sc.id) + ": " + (later ? "score " + q(ref) + " must be defined before it is used" : "unknown dimension, item or score " + q(ref) + didYouMean(ref, all)));
                continue;
            }
            if (counts) {
                if (!it || it->kind == ItemKind::Rated)
                    sink.error(l, "score " + q(sc.id) + ": a " + std::string(toString(sc.kind)) + " score counts event or flag items; " + q(ref) + " is not one");
                else
                    inputTargets.insert(it->target);
                continue;
            }
            if (d && d->scale.empty())
                sink.error(l, "score " + q(sc.id) + ": dimension " + q(ref) + " has no scale (use 'items_of' for its items)");
            else if (!d && it && it->kind != ItemKind::Rated)
                sink.error(l, "score " + q(sc.id) + ": item " + q(ref) + " is an " + std::string(toString(it->kind)) + " item; use a count or rate_per_hour score");
            else if (earlier && (earlier->kind == ScoreKind::Spread || earlier->kind == ScoreKind::FamilyMean))
                sink.error(l, "score " + q(sc.id) + ": score " + q(ref) + " is family-level and cannot be an input");
            else
                inputTargets.insert(d ? d->target : it ? it->target : earlier->target);
        }
        for (size_t j = 0; j < sc.itemsOf.size(); ++j) {
            const Dimension* d = findDimension(sc.itemsOf[j]);
            SourceLoc l = locs.find(p + "items_of/" + std::to_string(j), sc.loc);
            if (!d) {
                sink.error(l, "score " + q(sc.id) + ": unknown dimension " + q(sc.itemsOf[j]) + didYouMean(sc.itemsOf[j], dimIds));
                continue;
            }
            bool any = false;
            for (const Item* it : ix.itemsOf(d->id))
                if ((it->kind == ItemKind::Rated) != counts) {
                    any = true;
                    inputTargets.insert(it->target);
                }
            if (!any)
                sink.error(l, "score " + q(sc.id) + ": dimension " + q(d->id) + " has no " + (counts ? "event or flag" : "rated") + " items");
        }
        if (sc.of.empty() && sc.itemsOf.empty())
            sink.error(sc.loc, "score " + q(sc.id) + ": needs 'of' or 'items_of'");
        if (inputTargets.size() > 1)
            sink.error(sc.loc, "score " + q(sc.id) + ": its inputs are rated for different targets (" + *inputTargets.begin() + ", " + *std::next(inputTargets.begin()) + ")");
        if (sc.kind == ScoreKind::Spread || sc.kind == ScoreKind::FamilyMean) {
            if (sc.of.size() + sc.itemsOf.size() != 1 || !sc.itemsOf.empty())
                sink.error(sc.loc, "score " + q(sc.id) + ": a " + std::string(toString(sc.kind)) + " score takes exactly one dimension or score in 'of'");
            if (inputTargets.size() == 1) {
                const Target* t = findTarget(*inputTargets.begin());
                if (t && !perParticipant(t->kind))
                    sink.error(sc.loc, "score " + q(sc.id) + ": a " + std::string(toString(sc.kind)) + " score needs a per-participant input, not the family as a whole");
            }
        }
        if (sc.threshold && sc.kind != ScoreKind::Spread)
            sink.error(locs.find(p + "threshold", sc.loc), "score " + q(sc.id) + ": only spread scores have a threshold");
        if (sc.polarity && !counts)
            sink.error(locs.find(p + "polarity", sc.loc), "score " + q(sc.id) + ": only count and rate_per_hour scores filter by polarity");
    }
}

} // namespace schemes::detail
