package cn.gridgov.cases.search;

import java.util.Set;

/**
 * Which cases a person may find: every case, or those of some grids (a grid post's), those a
 * department leads, co-handles or is summoned to (its staff's) and those the person reported.
 * Decided by the read rule ({@code CasePolicy.readRule}); the grids here are already the grids
 * under the areas of the person's posts.
 */
public record ReadScope(boolean all, Set<String> grids, String department, String reporter) {

    public static ReadScope everything() {
        return new ReadScope(true, Set.of(), null, null);
    }

    /** The cases of these grids alone (a grid post's on-site tasks). */
    public static ReadScope grids(Set<String> grids) {
        return new ReadScope(false, Set.copyOf(grids), null, null);
    }
}
