package cn.gridgov.grid.geojson;

/** Why one feature of an import is refused: its index in the collection, a stable code, the field and a reason. */
public record FeatureProblem(int index, String code, String field, String message) {
}
