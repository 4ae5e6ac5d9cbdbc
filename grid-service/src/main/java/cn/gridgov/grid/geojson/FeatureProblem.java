package cn.gridgov.grid.geojson;

/**
 * Why one feature of an import is refused: its index in the collection, its area code ({@code
 * feature}, null when the feature has none that can be read), a stable code, the field and a
 * reason.
 */
public record FeatureProblem(
        int index, String feature, String code, String field, String message) {}
