#pragma once
// Unlimited undo/redo of coding edits as command objects. Each apply/undo/redo writes
// through the Store, one transaction each (so an undo is as durable as the edit it
// reverts, and the audit log records it). Commands name rows by uuid: undoing a delete
// restores the row under its original uuid, so links and merges still find it.
//
//   EditHistory h(store);
//   auto c = h.addCoding(coding);   // stored, acknowledged
//   h.undo();                       // deleted again
//   h.redo();                       // back, same uuid
//
// One gesture that changes several rows (a multi-select delete, a paste, moving a group)
// is one compound command: applyGroup() runs its parts in one transaction (nested ones
// become savepoints) and records one undo step; if any part fails, none is stored and
// nothing is recorded. Every apply/undo/redo returns a ChangeSet naming the rows as they
// are now, so a view keeps its in-memory index in step without re-reading the file.
#include <memory>
#include <string>
#include <vector>

#include "projects/model.h"

namespace projects {

class Store;

// What one edit (or its undo) changed, in the order it happened. Upserted rows are as
// stored (ids and uuids set); removed rows are named by uuid.
struct ChangeSet {
    std::vector<Coding> codingsUpserted;
    std::vector<std::string> codingsRemoved;
    std::vector<Rating> ratingsUpserted;
    std::vector<std::string> ratingsRemoved;
    std::vector<Episode> episodesUpserted;
    std::vector<std::string> episodesRemoved;

    bool empty() const
    {
        return codingsUpserted.empty() && codingsRemoved.empty() && ratingsUpserted.empty()
            && ratingsRemoved.empty() && episodesUpserted.empty() && episodesRemoved.empty();
    }
    void append(const ChangeSet& o);
};

class EditCommand {
public:
    virtual ~EditCommand() = default;
    // Each writes through the store and records what it changed in `out`.
    virtual void apply(Store& s, ChangeSet& out) = 0;
    virtual void revert(Store& s, ChangeSet& out) = 0;
    virtual std::string label() const = 0; // "add coding ...", shown in Edit > Undo
};

class EditHistory {
public:
    explicit EditHistory(Store& store) : m_store(store) {}

    // Applies a command in one transaction and records it (clears the redo stack). Throws
    // what the store throws; a command that failed is not recorded and changed nothing.
    ChangeSet apply(std::unique_ptr<EditCommand> cmd);
    // Applies `parts` as one command (one transaction, one undo step labelled `label`).
    ChangeSet applyGroup(std::vector<std::unique_ptr<EditCommand>> parts, std::string label);

    bool canUndo() const { return !m_done.empty(); }
    bool canRedo() const { return !m_undone.empty(); }
    std::string undoLabel() const; // empty when nothing to undo
    std::string redoLabel() const;
    // Each in one transaction; on failure the stacks are unchanged (the step can be retried).
    ChangeSet undo();
    ChangeSet redo();
    void clear();
    size_t size() const { return m_done.size(); }

    // The command objects for the common edits, to compose with applyGroup(). They read
    // the row's current state from the store (throw ProjectError NotFoundRow if missing).
    std::unique_ptr<EditCommand> makeAddCoding(const Coding& c) const;
    std::unique_ptr<EditCommand> makeUpdateCoding(const Coding& after) const;
    std::unique_ptr<EditCommand> makeDeleteCoding(const std::string& uuid) const;

    // Convenience: apply one common edit; they return the row as stored.
    Coding addCoding(const Coding& c);
    void updateCoding(const Coding& after);
    void deleteCoding(const std::string& uuid);
    Rating setRating(const Rating& r);
    Episode addEpisode(const Episode& e);
    void updateEpisode(const Episode& after);
    void deleteEpisode(const std::string& uuid);

private:
    Store& m_store;
    std::vector<std::unique_ptr<EditCommand>> m_done;
    std::vector<std::unique_ptr<EditCommand>> m_undone;
};

} // namespace projects
