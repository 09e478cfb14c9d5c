#include "projects/edit_history.h"

#include "projects/store.h"

namespace projects {

namespace {

std::string actorLabel(const Coding& c) { return c.item; }

class AddCoding : public EditCommand {
public:
    explicit AddCoding(Coding c) : m_row(std::move(c)) {}
    void apply(Store& s) override { m_row = s.addCoding(m_row); }
    void revert(Store& s) override { s.deleteCoding(m_row.uuid); }
    std::string label() const override { return "add " + actorLabel(m_row); }
    const Coding& row() const { return m_row; }

private:
    Coding m_row;
};

class DeleteCoding : public EditCommand {
public:
    explicit DeleteCoding(Coding before) : m_before(std::move(before)) {}
    void apply(Store& s) override { s.deleteCoding(m_before.uuid); }
    void revert(Store& s) override { m_before = s.addCoding(m_before); }
    std::string label() const override { return "delete " + actorLabel(m_before); }

private:
    Coding m_before;
};

class UpdateCoding : public EditCommand {
public:
    UpdateCoding(Coding before, Coding after) : m_before(std::move(before)), m_after(std::move(after)) {}
    void apply(Store& s) override { s.updateCoding(m_after); }
    void revert(Store& s) override { s.updateCoding(m_before); }
    std::string label() const override { return "edit " + actorLabel(m_after); }

private:
    Coding m_before, m_after;
};

class SetRating : public EditCommand {
public:
    SetRating(std::optional<Rating> before, Rating after) : m_before(std::move(before)), m_after(std::move(after)) {}
    void apply(Store& s) override { m_after = s.setRating(m_after); }
    void revert(Store& s) override
    {
        if (m_before)
            s.setRating(*m_before);
        else
            s.deleteRating(m_after.uuid);
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
    void apply(Store& s) override { m_row = s.addEpisode(m_row); }
    void revert(Store& s) override { s.deleteEpisode(m_row.uuid); }
    std::string label() const override { return "add " + m_row.type + " episode"; }
    const Episode& row() const { return m_row; }

private:
    Episode m_row;
};

class DeleteEpisode : public EditCommand {
public:
    explicit DeleteEpisode(Episode before) : m_before(std::move(before)) {}
    void apply(Store& s) override { s.deleteEpisode(m_before.uuid); }
    void revert(Store& s) override { m_before = s.addEpisode(m_before); }
    std::string label() const override { return "delete " + m_before.type + " episode"; }

private:
    Episode m_before;
};

class UpdateEpisode : public EditCommand {
public:
    UpdateEpisode(Episode before, Episode after) : m_before(std::move(before)), m_after(std::move(after)) {}
    void apply(Store& s) override { s.updateEpisode(m_after); }
    void revert(Store& s) override { s.updateEpisode(m_before); }
    std::string label() const override { return "edit " + m_after.type + " episode"; }

private:
    Episode m_before, m_after;
};

} // namespace

void EditHistory::apply(std::unique_ptr<EditCommand> cmd)
{
    cmd->apply(m_store);
    m_done.push_back(std::move(cmd));
    m_undone.clear();
}

std::string EditHistory::undoLabel() const { return m_done.empty() ? std::string() : m_done.back()->label(); }
std::string EditHistory::redoLabel() const { return m_undone.empty() ? std::string() : m_undone.back()->label(); }

void EditHistory::undo()
{
    if (m_done.empty())
        return;
    m_done.back()->revert(m_store);
    m_undone.push_back(std::move(m_done.back()));
    m_done.pop_back();
}

void EditHistory::redo()
{
    if (m_undone.empty())
        return;
    m_undone.back()->apply(m_store);
    m_done.push_back(std::move(m_undone.back()));
    m_undone.pop_back();
}

void EditHistory::clear()
{
    m_done.clear();
    m_undone.clear();
}

Coding EditHistory::addCoding(const Coding& c)
{
    auto cmd = std::make_unique<AddCoding>(c);
    auto* raw = cmd.get();
    apply(std::move(cmd));
    return raw->row();
}

void EditHistory::updateCoding(const Coding& after)
{
    auto before = m_store.codingByUuid(after.uuid);
    if (!before)
        throw ProjectError(ProjectError::Kind::NotFoundRow, m_store.path().string(), "no coding " + after.uuid);
    apply(std::make_unique<UpdateCoding>(*before, after));
}

void EditHistory::deleteCoding(const std::string& uuid)
{
    auto before = m_store.codingByUuid(uuid);
    if (!before)
        throw ProjectError(ProjectError::Kind::NotFoundRow, m_store.path().string(), "no coding " + uuid);
    apply(std::make_unique<DeleteCoding>(*before));
}

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
        throw ProjectError(ProjectError::Kind::NotFoundRow, m_store.path().string(), "no episode " + after.uuid);
    apply(std::make_unique<UpdateEpisode>(*before, after));
}

void EditHistory::deleteEpisode(const std::string& uuid)
{
    auto before = m_store.episodeByUuid(uuid);
    if (!before)
        throw ProjectError(ProjectError::Kind::NotFoundRow, m_store.path().string(), "no episode " + uuid);
    apply(std::make_unique<DeleteEpisode>(*before));
}

} // namespace projects
