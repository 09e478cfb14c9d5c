#include "projects/project_scores.h"

#include <algorithm>

#include "coding_schemes/scheme_loader.h"

namespace projects {

SchemeCache::SchemeCache(const std::vector<SchemeRef>& refs)
{
    for (const auto& r : refs) {
        m_refs[r.id] = r;
        auto loaded = schemes::loadFromString(r.sourceText, r.schemeId + ".toml");
        if (loaded.ok())
            m_parsed[r.id] = std::make_shared<schemes::Scheme>(std::move(loaded.scheme));
        else
            m_parsed[r.id] = nullptr;
    }
}

const schemes::Scheme* SchemeCache::get(RowId id) const
{
    auto it = m_parsed.find(id);
    return it == m_parsed.end() ? nullptr : it->second.get();
}

const SchemeRef* SchemeCache::ref(RowId id) const
{
    auto it = m_refs.find(id);
    return it == m_refs.end() ? nullptr : &it->second;
}

schemes::Role schemeRole(Role r)
{
    switch (r) {
    case Role::Mother: return schemes::Role::Mother;
    case Role::Father: return schemes::Role::Father;
    case Role::StepParent:
    case Role::FosterParent:
    case Role::Parent: return schemes::Role::Parent;
    case Role::Youth: return schemes::Role::Youth;
    case Role::Sibling: return schemes::Role::Sibling;
    case Role::Therapist: return schemes::Role::Therapist;
    case Role::CoTherapist: return schemes::Role::CoTherapist;
    case Role::Network:
    case Role::Other: return schemes::Role::Other;
    }
    return schemes::Role::Other;
}

schemes::SessionScores scoreStoredSession(const schemes::Scheme& scheme, const Session& session,
                                          const std::vector<Participant>& participants,
                                          const std::vector<Coder>& coders, const std::vector<Coding>& codings,
                                          const std::vector<Rating>& ratings)
{
    std::map<RowId, const Participant*> people;
    for (const auto& p : participants)
        people[p.id] = &p;
    std::map<RowId, std::string> coderName;
    for (const auto& c : coders)
        coderName[c.id] = c.name;

    schemes::SessionInput in;
    in.sessionNumber = session.number;
    in.startUs = session.startUs;
    int64_t last = session.startUs;
    for (RowId id : session.attended)
        if (auto it = people.find(id); it != people.end())
            in.present.push_back({it->second->uuid, schemeRole(it->second->role)});
    for (const auto& c : codings) {
        schemes::EventCode e;
        e.coder = coderName[c.coderId];
        e.item = c.item;
        e.actor = people.count(c.actorId) ? people[c.actorId]->uuid : std::string();
        if (c.targetId && people.count(*c.targetId))
            e.to = people[*c.targetId]->uuid;
        e.onsetUs = c.onsetUs;
        last = std::max(last, c.offsetUs.value_or(c.onsetUs));
        in.events.push_back(std::move(e));
    }
    for (const auto& r : ratings)
        in.ratings.push_back({coderName[r.coderId], r.ref, r.target, r.unit, r.value});
    in.endUs = session.endUs.value_or(last + 1);
    if (in.endUs <= in.startUs)
        in.endUs = in.startUs + 1;
    return schemes::scoreSession(scheme, in);
}

} // namespace projects
