#include "app/gui/timeline_layout.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "codec/timebase.h"

namespace app {

TimelineLayout layoutTimeline(const DocumentState& doc, const TimelineView& view, int64_t playheadMediaUs,
                              float clusterPx)
{
    TimelineLayout out;
    for (size_t i = 0; i < doc.actors.size(); ++i)
        out.tracks.push_back({std::to_string(i + 1) + "  " + doc.actors[i].label, static_cast<int>(i)});
    out.tracks.push_back({"Family", -1});
    const int familyTrack = static_cast<int>(out.tracks.size()) - 1;

    std::unordered_map<std::string, const ItemKey*> items;
    items.reserve(doc.keys.size());
    for (const ItemKey& k : doc.keys)
        items.emplace(k.itemId, &k);
    std::unordered_map<projects::RowId, int> trackOfActor;
    for (size_t i = 0; i < doc.actors.size(); ++i)
        trackOfActor.emplace(doc.actors[i].participant.id, static_cast<int>(i));

    const codec::SyncOffset offset{doc.syncOffsetUs};
    auto toMedia = [&](int64_t sessionUs) { return codec::toMedia(codec::SessionUs{sessionUs}, offset).us; };
    // The last mark on each track, to fold the next one into when it is too close.
    std::vector<int> last(out.tracks.size(), -1);
    for (size_t i = 0; i < doc.codings.size(); ++i) {
        const projects::Coding& c = doc.codings[i];
        const int64_t on = toMedia(c.onsetUs);
        if (on > view.endUs)
            break; // sorted by onset: nothing later is visible
        const auto it = items.find(c.item);
        const ItemKey* key = it == items.end() ? nullptr : it->second;
        const bool state = key && key->kind == schemes::ItemKind::State;
        const bool open = state && !c.offsetUs;
        const int64_t off = c.offsetUs ? toMedia(*c.offsetUs) : open ? std::max(playheadMediaUs, on) : on;
        if (off < view.startUs)
            continue;
        int track = familyTrack;
        if (!(key && key->familyLevel)) {
            auto t = trackOfActor.find(c.actorId);
            if (t == trackOfActor.end())
                continue; // an actor not present (the session's attendance changed): not drawn
            track = t->second;
        }
        float x0 = view.toX(on), x1 = view.toX(off);
        const bool span = state && x1 - x0 >= clusterPx;
        if (!span)
            x1 = x0;
        const bool selected = !doc.selectedUuid.empty() && c.uuid == doc.selectedUuid;
        int& l = last[static_cast<size_t>(track)];
        if (l >= 0) {
            TimelineMark& m = out.marks[static_cast<size_t>(l)];
            if (!span && !m.span && x0 - m.x1 < clusterPx) {
                m.x1 = std::max(m.x1, x0);
                ++m.count;
                m.mixed |= key && key->dimensionIndex != m.dimensionIndex;
                m.selected |= selected;
                continue;
            }
        }
        TimelineMark m;
        m.x0 = x0;
        m.x1 = x1;
        m.track = track;
        m.first = i;
        m.dimensionIndex = key ? key->dimensionIndex : 0;
        m.polarity = key ? key->polarity : schemes::Polarity::Neutral;
        m.span = span;
        m.open = open;
        m.selected = selected;
        out.marks.push_back(m);
        l = static_cast<int>(out.marks.size()) - 1;
    }
    return out;
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
