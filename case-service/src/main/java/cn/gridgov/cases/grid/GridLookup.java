package cn.gridgov.cases.grid;

/** What grid-service said about a point. */
public sealed interface GridLookup {

    /** The point is in this comprehensive grid. */
    record Located(String gridCode, java.util.List<String> dedicatedGridCodes)
            implements GridLookup {}

    /** The point is outside every grid; the message names the nearest one. */
    record Outside(String message) implements GridLookup {}

    /** grid-service could not be asked; the report is kept and located later. */
    record Unavailable(String reason) implements GridLookup {}
}
