package org.sipanalyzer.analysis;

import edu.umd.cs.findbugs.annotations.CheckReturnValue;

/**
 * A result that combines with another of its kind: {@code a.merge(b)} is what one tap would have found in the events
 * of both. Merging is associative and commutative (within the documented bounds of each result's tables), and
 * changes neither operand.
 *
 * @param <R> the type itself
 */
@SuppressWarnings("exports") // @CheckReturnValue is for SpotBugs; an embedder needs neither it nor its module
public interface Mergeable<R extends Mergeable<R>> {

    /** The combination of this and {@code other}, as a new value; neither is changed (so the result must be used). */
    @CheckReturnValue
    R merge(R other);
}
