package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.Version;

import java.util.List;
import java.util.Optional;

/**
 * Undo and redo of one entity, derived from its history and a position stored in the undo table.
 * The timeline is the entity's versions up to {@code origin} (its latest version when the first
 * undo of the series ran); {@code position} is the timeline version the entity shows. The series
 * is still open only while the entity's latest version is the one the last step recorded, that is,
 * while the version before the latest is the {@code base} stored with the step; any other change
 * closes it and clears the redo path.
 */
final class UndoRedo {

    /** The way a step goes along the timeline. */
    enum Direction {
        UNDO(-1), REDO(1);

        private final int step;

        Direction(int step) {
            this.step = step;
        }
    }

    private final ReadSession reads;
    private final UndoPositions positions;

    UndoRedo(ReadSession reads) {
        this.reads = reads;
        this.positions = new UndoPositions(reads);
    }

    /** Reverts the entity one step along its timeline; returns the version it now shows, or empty when there is none that way. */
    <T> Optional<Version<T>> step(EntityRef<T> entity, Direction direction) {
        String verb = direction.name().toLowerCase(java.util.Locale.ROOT);
        reads.reverter.requireTransaction(verb + "()", entity.persister().getEntityName());
        List<Version<T>> versions = reads.queries.all(entity);
        if (versions.isEmpty()) {
            throw new HistoryLookupException(entity.name() + " with id " + entity.id()
                    + " has no recorded history, so there is nothing to " + verb
                    + "; only changes committed while it is @Versioned are recorded");
        }
        Optional<UndoPositions.Position> stored = positions.read(entity);
        Version<T> latest = versions.get(versions.size() - 1);
        // a position whose versions pruning removed opens no series: the next undo starts anew
        boolean open = stored.isPresent() && versions.size() >= 2
                && versions.get(versions.size() - 2).transactionId() == stored.get().base()
                && indexOf(versions, stored.get().position()) >= 0 && indexOf(versions, stored.get().origin()) >= 0;
        long origin;
        long at;
        if (open) {
            origin = stored.get().origin();
            at = stored.get().position();
        } else if (direction == Direction.UNDO) {
            origin = latest.transactionId();
            at = origin;
        } else {
            return Optional.empty();
        }
        int current = indexOf(versions, at);
        int step = current + direction.step;
        if (current < 0 || step < 0 || step >= versions.size() || versions.get(step).transactionId() > origin) {
            return Optional.empty();
        }
        Version<T> destination = versions.get(step);
        destination.revert();
        positions.write(entity, new UndoPositions.Position(origin, destination.transactionId(),
                latest.transactionId()), stored.isPresent());
        return Optional.of(destination);
    }

    /** The index of the last of {@code versions} that {@code transactionId} recorded, or -1. */
    private static int indexOf(List<? extends Version<?>> versions, long transactionId) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).transactionId() == transactionId) {
                return i;
            }
        }
        return -1;
    }
}
