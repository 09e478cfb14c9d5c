// Where codings go on the timeline: tracks in session order, clusters, spans, open states.
#include <catch2/catch.hpp>

#include <algorithm>

#include "app/gui/timeline_layout.h"

using namespace app;

namespace {

DocumentState family(int codings, int64_t spacingUs)
{
    DocumentState d;
    for (int i = 0; i < 3; ++i) {
        Actor a;
        a.participant.id = 10 + i;
        a.participant.code = std::string(1, "MYT"[i]);
        a.label = a.participant.code;
        d.actors.push_back(a);
    }
    d.keys.push_back({.key = "d", .itemId = "point", .kind = schemes::ItemKind::Flag});
    d.keys.push_back({.key = "w", .itemId = "state", .kind = schemes::ItemKind::State});
    d.keys.push_back({.key = "s", .itemId = "fam", .kind = schemes::ItemKind::Event, .familyLevel = true});
    for (int i = 0; i < codings; ++i) {
        projects::Coding c;
        c.uuid = "u" + std::to_string(i);
        c.item = "point";
        c.actorId = 10 + i % 2;
        c.onsetUs = i * spacingUs;
        d.codings.push_back(c);
    }
    return d;
}

} // namespace

TEST_CASE("one track per person present in session order, and a family track", "[timeline]")
{
    const DocumentState d = family(0, 0);
    const TimelineLayout l = layoutTimeline(d, TimelineView{0, 10'000'000, 1000}, 0);
    REQUIRE(l.tracks.size() == 4);
    CHECK(l.tracks[0].label == "1  M");
    CHECK(l.tracks[2].label == "3  T");
    CHECK(l.tracks[3].label == "Family");
    CHECK(l.tracks[3].actorIndex == -1);
}

TEST_CASE("codings closer than a few pixels fold into one counted cluster", "[timeline]")
{
    // 100,000 codings 10 ms apart over 1000 s, on two tracks, drawn 1000 px wide: 1 px is
    // 1 s, so each track holds 50 codings per pixel and the marks are bounded by the width.
    const DocumentState d = family(100'000, 10'000);
    const TimelineLayout all = layoutTimeline(d, TimelineView{0, 1'000'000'000, 1000}, 0);
    int total = 0;
    for (const TimelineMark& m : all.marks)
        total += m.count;
    CHECK(total == 100'000);
    CHECK(all.marks.size() <= static_cast<size_t>(2 * 1000 / kClusterPx + 2));
    // Zoomed in to 100 ms over 1000 px, every coding in view is its own mark.
    const TimelineLayout zoom = layoutTimeline(d, TimelineView{5'000'000, 5'100'000, 1000}, 0);
    CHECK(zoom.marks.size() == 11); // 5.00 .. 5.10 s inclusive
    for (const TimelineMark& m : zoom.marks)
        CHECK(m.count == 1);
    CHECK(zoom.marks[0].x0 == Approx(0.0f));
    // Codings alternate between M (even) and F (odd): 6 marks on track 0, 5 on track 1.
    CHECK(std::count_if(zoom.marks.begin(), zoom.marks.end(), [](const TimelineMark& m) { return m.track == 0; }) == 6);
    CHECK(std::count_if(zoom.marks.begin(), zoom.marks.end(), [](const TimelineMark& m) { return m.track == 1; }) == 5);
    // A cluster's width is bounded: at 1 px per second no mark spans more than kClusterPx, so a
    // dense track is many counted marks, not one.
    for (const TimelineMark& m : all.marks)
        CHECK(m.x1 - m.x0 <= kClusterPx + 0.01f);
    CHECK(all.marks.size() >= 2 * 1000 / static_cast<size_t>(kClusterPx) / 2);
}

TEST_CASE("states are spans, an open one runs to the playhead; family items on the family track", "[timeline]")
{
    DocumentState d = family(0, 0);
    projects::Coding s;
    s.uuid = "s1";
    s.item = "state";
    s.actorId = 12;
    s.onsetUs = 1'000'000;
    s.offsetUs = 3'000'000;
    d.codings.push_back(s);
    s.uuid = "s2";
    s.onsetUs = 5'000'000;
    s.offsetUs.reset();
    d.codings.push_back(s);
    projects::Coding f;
    f.uuid = "f1";
    f.item = "fam";
    f.actorId = 10;
    f.onsetUs = 6'000'000;
    d.codings.push_back(f);
    d.selectedUuid = "f1";
    d.selection = {"f1"};
    d.syncOffsetUs = 0;
    const TimelineLayout l = layoutTimeline(d, TimelineView{0, 10'000'000, 1000}, 8'000'000);
    REQUIRE(l.marks.size() == 3);
    CHECK(l.marks[0].span);
    CHECK(l.marks[0].x0 == Approx(100));
    CHECK(l.marks[0].x1 == Approx(300));
    CHECK(l.marks[0].track == 2);
    CHECK(l.marks[1].open);
    CHECK(l.marks[1].x1 == Approx(800));
    CHECK(l.marks[2].track == 3);
    CHECK(l.marks[2].selected);
    CHECK(markAt(l, 2, 200) == 0);
    CHECK(markAt(l, 2, 450) == -1);

    // A sync offset moves codings (session time) on the media-time axis.
    d.syncOffsetUs = 1'000'000;
    const TimelineLayout o = layoutTimeline(d, TimelineView{0, 10'000'000, 1000}, 8'000'000);
    CHECK(o.marks[0].x0 == Approx(200));
}

TEST_CASE("every selected coding is marked, in its own mark or the cluster holding it; a new selection needs no rebuild", "[timeline][selection]")
{
    // 20 codings 100 ms apart, alternating M and Y: at 1 px per 10 ms each is its own mark.
    DocumentState d = family(20, 100'000);
    d.selection = {"u11", "u4"};
    std::sort(d.selection.begin(), d.selection.end());
    d.selectedUuid = "u4";
    d.selectionRevision = 1;
    TimelineIndex ix = buildTimelineIndex(d);
    const TimelineLayout fine = layoutTimeline(d, ix, TimelineView{0, 2'000'000, 200}, 0);
    std::vector<size_t> marked;
    for (const TimelineMark& m : fine.marks)
        if (m.selected)
            marked.push_back(m.first);
    std::sort(marked.begin(), marked.end());
    CHECK(marked == std::vector<size_t>{4, 11});
    // Zoomed out (2 s over 20 px), the codings fold into clusters: those holding u4 or u11
    // are marked, and no other.
    const TimelineLayout coarse = layoutTimeline(d, ix, TimelineView{0, 2'000'000, 20}, 0);
    int selectedMarks = 0;
    for (const TimelineMark& m : coarse.marks)
        selectedMarks += m.selected ? 1 : 0;
    CHECK(selectedMarks >= 1);
    CHECK(selectedMarks <= 2);
    // The selection changes: indexSelection updates the index without a rebuild.
    d.selection = {"u0"};
    d.selectedUuid = "u0";
    d.selectionRevision = 2;
    indexSelection(ix, d);
    CHECK(ix.selectionRevision == 2);
    const TimelineLayout after = layoutTimeline(d, ix, TimelineView{0, 2'000'000, 200}, 0);
    int count = 0;
    for (const TimelineMark& m : after.marks)
        if (m.selected) {
            ++count;
            CHECK(m.first == 0);
        }
    CHECK(count == 1);
}
