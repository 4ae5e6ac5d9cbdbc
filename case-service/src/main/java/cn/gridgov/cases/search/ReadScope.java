package cn.gridgov.cases.search;

import java.util.Set;

/**
 * Which cases a person may find: every case, or those of some grids (a grid post's) and those a
 * department leads or co-handles (its staff's). Decided by {@code CasePolicy.readScope}; the grids
 * here are already the grids under the areas of the person's posts.
 */
public record ReadScope(boolean all, Set<String> grids, String department) {

    public static ReadScope everything() {
        return new ReadScope(true, Set.of(), null);
    }

    public ReadScope withGrids(Set<String> grids) {
        return new ReadScope(all, Set.copyOf(grids), department);
    }
}
