#include "app/gui/timeline_layout.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "codec/timebase.h"

namespace app {

TimelineIndex buildTimelineIndex(const DocumentState& doc)
{
    TimelineIndex ix;
    ix.revision = doc.revision;
    ix.syncOffsetUs = doc.syncOffsetUs;
    ix.tracks.resize(doc.actors.size() + 1);
    const size_t family = doc.actors.size();
    std::unordered_map<std::string, int> keyOf;
    for (size_t k = 0; k < doc.keys.size(); ++k)
        keyOf.emplace(doc.keys[k].itemId, static_cast<int>(k));
    std::unordered_map<projects::RowId, size_t> trackOf;
    for (size_t i = 0; i < doc.actors.size(); ++i)
        trackOf.emplace(doc.actors[i].participant.id, i);
    const codec::SyncOffset offset{doc.syncOffsetUs};
    ix.keyOfCoding.resize(doc.codings.size(), -1);
    std::vector<int> lastDim(ix.tracks.size(), -1);
    for (size_t i = 0; i < doc.codings.size(); ++i) {
        const projects::Coding& c = doc.codings[i];
        const auto k = keyOf.find(c.item);
        const ItemKey* key = k == keyOf.end() ? nullptr : &doc.keys[static_cast<size_t>(k->second)];
        ix.keyOfCoding[i] = key ? k->second : -1;
        size_t track = family;
        if (!(key && key->familyLevel)) {
            const auto t = trackOf.find(c.actorId);
            if (t == trackOf.end())
                continue; // an actor not present (the attendance changed): not drawn
            track = t->second;
        }
        TimelineIndex::Track& tr = ix.tracks[track];
        if (key && key->kind == schemes::ItemKind::State) {
            tr.states.push_back(i);
            ix.hasOpenStates |= !c.offsetUs;
            continue;
        }
        const int dim = key ? key->dimensionIndex : 0;
        const int32_t before = tr.dimChanges.empty() ? 0 : tr.dimChanges.back();
        tr.dimChanges.push_back(before + (lastDim[track] >= 0 && lastDim[track] != dim ? 1 : 0));
        lastDim[track] = dim;
        tr.points.push_back(i);
        tr.pointOnsetUs.push_back(codec::toMedia(codec::SessionUs{c.onsetUs}, offset).us);
    }
    indexSelection(ix, doc);
    return ix;
}

void indexSelection(TimelineIndex& ix, const DocumentState& doc)
{
    ix.selectionRevision = doc.selectionRevision;
    ix.selectedCoding.assign(doc.codings.size(), 0);
    if (!doc.selection.empty())
        for (size_t i = 0; i < doc.codings.size(); ++i)
            ix.selectedCoding[i] = doc.isSelected(doc.codings[i].uuid) ? 1 : 0;
    for (TimelineIndex::Track& tr : ix.tracks) {
        tr.selectedBefore.assign(tr.points.size() + 1, 0);
        for (size_t k = 0; k < tr.points.size(); ++k)
            tr.selectedBefore[k + 1] = tr.selectedBefore[k] + (ix.selectedCoding[tr.points[k]] ? 1 : 0);
    }
}

TimelineLayout layoutTimeline(const DocumentState& doc, const TimelineIndex& ix, const TimelineView& view,
                              int64_t playheadMediaUs, float clusterPx)
{
    TimelineLayout out;
    for (size_t i = 0; i < doc.actors.size(); ++i)
        out.tracks.push_back({std::to_string(i + 1) + "  " + doc.actors[i].label, static_cast<int>(i)});
    out.tracks.push_back({"Family", -1});
    const codec::SyncOffset offset{doc.syncOffsetUs};
    auto keyOf = [&](size_t coding) -> const ItemKey* {
        const int k = coding < ix.keyOfCoding.size() ? ix.keyOfCoding[coding] : -1;
        return k >= 0 ? &doc.keys[static_cast<size_t>(k)] : nullptr;
    };
    auto selected = [&](size_t coding) { return coding < ix.selectedCoding.size() && ix.selectedCoding[coding]; };

    for (size_t t = 0; t < ix.tracks.size() && t < out.tracks.size(); ++t) {
        const TimelineIndex::Track& tr = ix.tracks[t];
        // States: one bar each, culled to the view; those too short to see as a bar at
        // this zoom fold into counted clusters like points.
        int tinyCluster = -1;
        for (size_t ci : tr.states) {
            const projects::Coding& c = doc.codings[ci];
            const int64_t on = codec::toMedia(codec::SessionUs{c.onsetUs}, offset).us;
            const int64_t off = c.offsetUs ? codec::toMedia(codec::SessionUs{*c.offsetUs}, offset).us
                                           : std::max(playheadMediaUs, on);
            if (on > view.endUs || off < view.startUs)
                continue;
            const ItemKey* key = keyOf(ci);
            TimelineMark m;
            m.x0 = view.toX(on);
            m.x1 = view.toX(off);
            m.span = m.x1 - m.x0 >= clusterPx; // shorter bars fold with their neighbours
            if (!m.span) {
                if (tinyCluster >= 0 && m.x0 - out.marks[static_cast<size_t>(tinyCluster)].x0 < clusterPx) {
                    TimelineMark& cl = out.marks[static_cast<size_t>(tinyCluster)];
                    cl.x1 = std::max(cl.x1, m.x0);
                    ++cl.count;
                    cl.selected |= selected(ci);
                    cl.open |= !c.offsetUs;
                    cl.mixed |= key && key->dimensionIndex != cl.dimensionIndex;
                    continue;
                }
                m.x1 = m.x0;
            }
            m.track = static_cast<int>(t);
            m.first = ci;
            m.dimensionIndex = key ? key->dimensionIndex : 0;
            m.polarity = key ? key->polarity : schemes::Polarity::Neutral;
            m.open = !c.offsetUs;
            m.selected = selected(ci);
            out.marks.push_back(m);
            tinyCluster = m.span ? -1 : static_cast<int>(out.marks.size()) - 1;
        }
        // Points: each cluster starts at the first coding not yet placed and takes every
        // coding less than clusterPx to its right (one binary search per mark).
        const auto& on = tr.pointOnsetUs;
        auto it = std::lower_bound(on.begin(), on.end(), view.startUs);
        while (it != on.end() && *it <= view.endUs) {
            const size_t a = static_cast<size_t>(it - on.begin());
            const float x0 = view.toX(*it);
            const int64_t limit = view.toTime(x0 + clusterPx);
            auto end = std::lower_bound(it + 1, on.end(), std::max(limit, *it + 1));
            const size_t b = static_cast<size_t>(end - on.begin()); // exclusive
            TimelineMark m;
            m.x0 = x0;
            m.x1 = view.toX(on[b - 1]);
            m.track = static_cast<int>(t);
            m.count = static_cast<int>(b - a);
            m.first = tr.points[a];
            const ItemKey* key = keyOf(m.first);
            m.dimensionIndex = key ? key->dimensionIndex : 0;
            m.polarity = key ? key->polarity : schemes::Polarity::Neutral;
            m.mixed = tr.dimChanges[b - 1] != tr.dimChanges[a];
            m.selected = tr.selectedBefore.size() > b && tr.selectedBefore[b] != tr.selectedBefore[a];
            out.marks.push_back(m);
            it = end;
        }
    }
    return out;
}

TimelineLayout layoutTimeline(const DocumentState& doc, const TimelineView& view, int64_t playheadMediaUs, float clusterPx)
{
    return layoutTimeline(doc, buildTimelineIndex(doc), view, playheadMediaUs, clusterPx);
}

int markAt(const TimelineLayout& layout, int track, float x, float slopPx)
{
    int best = -1;
    float bestD = slopPx + 1;
    for (size_t i = 0; i < layout.marks.size(); ++i) {
        const TimelineMark& m = layout.marks[i];
        if (m.track != track)
            continue;
        const float d = x < m.x0 ? m.x0 - x : x > m.x1 ? x - m.x1 : 0.0f;
        if (d <= slopPx && d < bestD) {
            bestD = d;
            best = static_cast<int>(i);
        }
    }
    return best;
}

} // namespace app
