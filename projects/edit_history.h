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
#include <memory>
#include <string>
#include <vector>

#include "projects/model.h"

namespace projects {

class Store;

class EditCommand {
public:
    virtual ~EditCommand() = default;
    virtual void apply(Store& s) = 0;
    virtual void revert(Store& s) = 0;
    virtual std::string label() const = 0; // "add coding ...", shown in Edit > Undo
};

class EditHistory {
public:
    explicit EditHistory(Store& store) : m_store(store) {}

    // Applies a command and records it (clears the redo stack). Throws what the store
    // throws; a command that failed is not recorded.
    void apply(std::unique_ptr<EditCommand> cmd);

    bool canUndo() const { return !m_done.empty(); }
    bool canRedo() const { return !m_undone.empty(); }
    std::string undoLabel() const; // empty when nothing to undo
    std::string redoLabel() const;
    void undo();
    void redo();
    void clear();
    size_t size() const { return m_done.size(); }

    // Convenience commands for the common edits; they return the row as stored.
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
