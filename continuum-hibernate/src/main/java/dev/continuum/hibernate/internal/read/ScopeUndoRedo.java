package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.Transaction;
import dev.continuum.UndoScope;
import dev.continuum.UndoSteps;

import java.util.List;
import java.util.Optional;

/**
 * Undo and redo of an {@link UndoScope}, derived from its {@link ScopeTimeline} and a position
 * stored in the table of undo scopes, by the rules of single-entity undo: the timeline is the
 * scope's steps up to {@code origin} (its latest step when the first undo of the series ran);
 * {@code position} is the step whose state the scope shows. The series stays open only while the
 * step before the scope's latest is the {@code base} stored with the last undo or redo, that is,
 * while nothing but that undo or redo changed the scope since (or the base is the latest: the step
 * has not committed yet); otherwise undo starts a new series from the latest step and there is
 * nothing to redo. A position whose steps are gone (pruned,
 * erased) closes the series too.
 */
final class ScopeUndoRedo {

    /** Where a scope stands: its timeline and the index in {@code steps} of the step it shows. */
    private record Standing(ScopeTimeline scope, Optional<ScopePositions.Position> stored, long origin, int at,
            boolean open) {

        /** The steps of the series: those up to its origin. */
        List<Long> timeline() {
            return scope.steps().stream().filter(step -> step <= origin).toList();
        }
    }

    private final ReadSession reads;
    private final ScopePositions positions;
    private final ScopeRestorer restorer;

    ScopeUndoRedo(ReadSession reads) {
        this.reads = reads;
        this.positions = new ScopePositions(reads);
        this.restorer = new ScopeRestorer(reads);
    }

    /** Takes back the step the scope shows; returns that step's transaction, or empty at the first step. */
    Optional<Transaction> undo(UndoScope scope) {
        return step(scope, -1, "undo");
    }

    /** Makes the step after the one the scope shows again; returns its transaction, or empty when there is none. */
    Optional<Transaction> redo(UndoScope scope) {
        return step(scope, 1, "redo");
    }

    /** The steps available each way. */
    UndoSteps steps(UndoScope scope) {
        ScopeTimeline timeline = ScopeTimeline.read(reads, scope);
        if (timeline.steps().isEmpty()) {
            return new UndoSteps(0, 0);
        }
        Standing standing = standing(timeline);
        return new UndoSteps(standing.at(), standing.timeline().size() - 1 - standing.at());
    }

    private Optional<Transaction> step(UndoScope scope, int direction, String verb) {
        reads.reverter.requireTransaction(verb + "()", scope.type().getName());
        ScopeTimeline timeline = ScopeTimeline.read(reads, scope);
        List<Long> steps = timeline.steps();
        if (steps.isEmpty()) {
            throw new HistoryLookupException(timeline.root().name() + " with id " + timeline.root().id()
                    + " has no recorded history, so its UndoScope has nothing to " + verb
                    + "; only changes committed while it is @Versioned are recorded");
        }
        Standing standing = standing(timeline);
        List<Long> series = standing.timeline();
        int destination = standing.at() + direction;
        if (direction > 0 && !standing.open() || destination < 0 || destination >= series.size()) {
            return Optional.empty();
        }
        long target = series.get(destination);
        restorer.restore(timeline, target);
        positions.write(timeline, new ScopePositions.Position(standing.origin(), target, steps.get(steps.size() - 1)),
                standing.stored().isPresent());
        long step = direction < 0 ? series.get(standing.at()) : target;
        return reads.queries.transaction(step);
    }

    /** Where the scope stands: in the open series of its stored position, or at its latest step. */
    private Standing standing(ScopeTimeline timeline) {
        List<Long> steps = timeline.steps();
        Optional<ScopePositions.Position> stored = positions.read(timeline);
        long latest = steps.get(steps.size() - 1);
        if (stored.isPresent() && isOpen(steps, stored.get())) {
            ScopePositions.Position position = stored.get();
            int at = steps.stream().filter(step -> step <= position.origin()).toList().indexOf(position.position());
            return new Standing(timeline, stored, position.origin(), at, true);
        }
        return new Standing(timeline, stored, latest, steps.size() - 1, false);
    }

    /**
     * Whether the series of a stored position is still open: its steps are all there, and the
     * last undo or redo is the scope's latest step (its base is the step before the latest), or
     * recorded nothing yet (its base is the latest: its transaction is still running, or it
     * restored what the scope already held).
     */
    private static boolean isOpen(List<Long> steps, ScopePositions.Position position) {
        int base = steps.indexOf(position.base());
        return (base == steps.size() - 1 || base == steps.size() - 2) && base >= 0
                && steps.contains(position.origin()) && steps.contains(position.position());
    }
}
