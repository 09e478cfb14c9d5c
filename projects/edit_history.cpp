#include "projects/edit_history.h"

#include "projects/sqlite_db.h"
#include "projects/store.h"

namespace projects {

void ChangeSet::append(const ChangeSet& o)
{
    codingsUpserted.insert(codingsUpserted.end(), o.codingsUpserted.begin(), o.codingsUpserted.end());
    codingsRemoved.insert(codingsRemoved.end(), o.codingsRemoved.begin(), o.codingsRemoved.end());
    ratingsUpserted.insert(ratingsUpserted.end(), o.ratingsUpserted.begin(), o.ratingsUpserted.end());
    ratingsRemoved.insert(ratingsRemoved.end(), o.ratingsRemoved.begin(), o.ratingsRemoved.end());
    episodesUpserted.insert(episodesUpserted.end(), o.episodesUpserted.begin(), o.episodesUpserted.end());
    episodesRemoved.insert(episodesRemoved.end(), o.episodesRemoved.begin(), o.episodesRemoved.end());
}

namespace {

class AddCoding : public EditCommand {
public:
    explicit AddCoding(Coding c) : m_row(std::move(c)) {}
    void apply(Store& s, ChangeSet& out) override
    {
        m_row = s.addCoding(m_row);
        out.codingsUpserted.push_back(m_row);
    }
    void revert(Store& s, ChangeSet& out) override
    {
        s.deleteCoding(m_row.uuid);
        out.codingsRemoved.push_back(m_row.uuid);
    }
    std::string label() const override { return "add " + m_row.item; }
    const Coding& row() const { return m_row; }

private:
    Coding m_row;
};

class DeleteCoding : public EditCommand {
public:
    explicit DeleteCoding(Coding before) : m_before(std::move(before)) {}
    void apply(Store& s, ChangeSet& out) override
    {
        s.deleteCoding(m_before.uuid);
        out.codingsRemoved.push_back(m_before.uuid);
    }
    void revert(Store& s, ChangeSet& out) override
    {
        m_before = s.addCoding(m_before);
        out.codingsUpserted.push_back(m_before);
    }
    std::string label() const override { return "delete " + m_before.item; }

private:
    Coding m_before;
};

class UpdateCoding : public EditCommand {
public:
    UpdateCoding(Coding before, Coding after) : m_before(std::move(before)), m_after(std::move(after)) {}
    void apply(Store& s, ChangeSet& out) override { write(s, m_after, out); }
    void revert(Store& s, ChangeSet& out) override { write(s, m_before, out); }
    std::string label() const override { return "edit " + m_after.item; }

private:
    static void write(Store& s, const Coding& row, ChangeSet& out)
    {
        s.updateCoding(row);
        // Read back inside the same transaction: the row as stored (its id, normalised fields).
        auto stored = s.codingByUuid(row.uuid);
        out.codingsUpserted.push_back(stored ? *stored : row);
    }
    Coding m_before, m_after;
};

class SetRating : public EditCommand {
public:
    SetRating(std::optional<Rating> before, Rating after) : m_before(std::move(before)), m_after(std::move(after)) {}
    void apply(Store& s, ChangeSet& out) override
    {
        m_after = s.setRating(m_after);
        out.ratingsUpserted.push_back(m_after);
    }
    void revert(Store& s, ChangeSet& out) override
    {
        if (m_before) {
            out.ratingsUpserted.push_back(s.setRating(*m_before));
        } else {
            s.deleteRating(m_after.uuid);
            out.ratingsRemoved.push_back(m_after.uuid);
        }
    }
    std::string label() const override { return "rate " + m_after.ref; }
    const Rating& row() const { return m_after; }

private:
    std::optional<Rating> m_before;
    Rating m_after;
};

class AddEpisode : public EditCommand {
public:
    explicit AddEpisode(Episode e) : m_row(std::move(e)) {}
    void apply(Store& s, ChangeSet& out) override
    {
        m_row = s.addEpisode(m_row);
        out.episodesUpserted.push_back(m_row);
    }
    void revert(Store& s, ChangeSet& out) override
    {
        s.deleteEpisode(m_row.uuid);
        out.episodesRemoved.push_back(m_row.uuid);
    }
    std::string label() const override { return "add " + m_row.type + " episode"; }
    const Episode& row() const { return m_row; }

private:
    Episode m_row;
};

class DeleteEpisode : public EditCommand {
public:
    explicit DeleteEpisode(Episode before) : m_before(std::move(before)) {}
    void apply(Store& s, ChangeSet& out) override
    {
        s.deleteEpisode(m_before.uuid);
        out.episodesRemoved.push_back(m_before.uuid);
    }
    void revert(Store& s, ChangeSet& out) override
    {
        m_before = s.addEpisode(m_before);
        out.episodesUpserted.push_back(m_before);
    }
    std::string label() const override { return "delete " + m_before.type + " episode"; }

private:
    Episode m_before;
};

class UpdateEpisode : public EditCommand {
public:
    UpdateEpisode(Episode before, Episode after) : m_before(std::move(before)), m_after(std::move(after)) {}
    void apply(Store& s, ChangeSet& out) override
    {
        s.updateEpisode(m_after);
        out.episodesUpserted.push_back(m_after);
    }
    void revert(Store& s, ChangeSet& out) override
    {
        s.updateEpisode(m_before);
        out.episodesUpserted.push_back(m_before);
    }
    std::string label() const override { return "edit " + m_after.type + " episode"; }

private:
    Episode m_before, m_after;
};

// Several commands as one undo step: applied in order, reverted in reverse order.
class CompoundCommand : public EditCommand {
public:
    CompoundCommand(std::vector<std::unique_ptr<EditCommand>> parts, std::string label)
        : m_parts(std::move(parts)), m_label(std::move(label))
    {
    }
    void apply(Store& s, ChangeSet& out) override
    {
        for (auto& p : m_parts)
            p->apply(s, out);
    }
    void revert(Store& s, ChangeSet& out) override
    {
        for (auto it = m_parts.rbegin(); it != m_parts.rend(); ++it)
            (*it)->revert(s, out);
    }
    std::string label() const override { return m_label; }

private:
    std::vector<std::unique_ptr<EditCommand>> m_parts;
    std::string m_label;
};

[[noreturn]] void missingRow(Store& s, const std::string& what, const std::string& uuid)
{
    throw ProjectError(ProjectError::Kind::NotFoundRow, s.path().string(), "no " + what + " " + uuid);
}

// Runs one step of the history in one transaction: all of it is stored, or none of it.
// The ChangeSet is returned only once the transaction committed, so a caller never
// shows a change the file does not hold.
template <class Fn> ChangeSet inTransaction(Store& s, Fn&& fn)
{
    ChangeSet out;
    sql::Transaction tx(s.database());
    fn(out);
    tx.commit();
    return out;
}

} // namespace

ChangeSet EditHistory::apply(std::unique_ptr<EditCommand> cmd)
{
    auto out = inTransaction(m_store, [&](ChangeSet& cs) { cmd->apply(m_store, cs); });
    m_done.push_back(std::move(cmd));
    m_undone.clear();
    return out;
}

ChangeSet EditHistory::applyGroup(std::vector<std::unique_ptr<EditCommand>> parts, std::string label)
{
    return apply(std::make_unique<CompoundCommand>(std::move(parts), std::move(label)));
}

std::string EditHistory::undoLabel() const { return m_done.empty() ? std::string() : m_done.back()->label(); }
std::string EditHistory::redoLabel() const { return m_undone.empty() ? std::string() : m_undone.back()->label(); }

ChangeSet EditHistory::undo()
{
    if (m_done.empty())
        return {};
    auto out = inTransaction(m_store, [&](ChangeSet& cs) { m_done.back()->revert(m_store, cs); });
    m_undone.push_back(std::move(m_done.back()));
    m_done.pop_back();
    return out;
}

ChangeSet EditHistory::redo()
{
    if (m_undone.empty())
        return {};
    auto out = inTransaction(m_store, [&](ChangeSet& cs) { m_undone.back()->apply(m_store, cs); });
    m_done.push_back(std::move(m_undone.back()));
    m_undone.pop_back();
    return out;
}

void EditHistory::clear()
{
    m_done.clear();
    m_undone.clear();
}

std::unique_ptr<EditCommand> EditHistory::makeAddCoding(const Coding& c) const { return std::make_unique<AddCoding>(c); }

std::unique_ptr<EditCommand> EditHistory::makeUpdateCoding(const Coding& after) const
{
    auto before = m_store.codingByUuid(after.uuid);
    if (!before)
        missingRow(m_store, "coding", after.uuid);
    return std::make_unique<UpdateCoding>(*before, after);
}

std::unique_ptr<EditCommand> EditHistory::makeDeleteCoding(const std::string& uuid) const
{
    auto before = m_store.codingByUuid(uuid);
    if (!before)
        missingRow(m_store, "coding", uuid);
    return std::make_unique<DeleteCoding>(*before);
}

Coding EditHistory::addCoding(const Coding& c)
{
    auto cmd = std::make_unique<AddCoding>(c);
    auto* raw = cmd.get();
    apply(std::move(cmd));
    return raw->row();
}

void EditHistory::updateCoding(const Coding& after) { apply(makeUpdateCoding(after)); }

void EditHistory::deleteCoding(const std::string& uuid) { apply(makeDeleteCoding(uuid)); }

Rating EditHistory::setRating(const Rating& r)
{
    std::optional<Rating> before;
    for (const auto& x : m_store.ratings(r.sessionId, r.coderId))
        if (x.schemeRefId == r.schemeRefId && x.ref == r.ref && x.target == r.target && x.unit == r.unit)
            before = x;
    auto cmd = std::make_unique<SetRating>(before, r);
    auto* raw = cmd.get();
    apply(std::move(cmd));
    return raw->row();
}

Episode EditHistory::addEpisode(const Episode& e)
{
    auto cmd = std::make_unique<AddEpisode>(e);
    auto* raw = cmd.get();
    apply(std::move(cmd));
    return raw->row();
}

void EditHistory::updateEpisode(const Episode& after)
{
    auto before = m_store.episodeByUuid(after.uuid);
    if (!before)
        missingRow(m_store, "episode", after.uuid);
    apply(std::make_unique<UpdateEpisode>(*before, after));
}

void EditHistory::deleteEpisode(const std::string& uuid)
{
    auto before = m_store.episodeByUuid(uuid);
    if (!before)
        missingRow(m_store, "episode", uuid);
    apply(std::make_unique<DeleteEpisode>(*before));
}

} // namespace projects
