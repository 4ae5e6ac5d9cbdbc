package cn.gridgov.grid.geojson;

import cn.gridgov.kit.problem.Problem;
import java.util.List;

/** An import refused as a whole, with every bad feature listed; nothing was written. */
public class ImportRejected extends Problem {

    private final List<FeatureProblem> problems;

    public ImportRejected(List<FeatureProblem> problems, int featureCount) {
        super(
                Kind.INVALID,
                "IMPORT_REJECTED",
                "features",
                problems.size()
                        + " of "
                        + featureCount
                        + " features are refused; nothing was imported");
        this.problems = List.copyOf(problems);
    }

    public List<FeatureProblem> problems() {
        return problems;
    }
}
