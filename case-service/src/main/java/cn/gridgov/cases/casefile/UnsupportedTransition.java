package cn.gridgov.cases.casefile;

import cn.gridgov.kit.problem.Problem;

/**
 * A command from the wrong step: mapped to 409 with a message that says where the case is and what
 * it allows.
 */
public class UnsupportedTransition extends Problem {

    public UnsupportedTransition(Case c, CaseStatus to, String command) {
        super(
                Kind.CONFLICT,
                "WRONG_STEP",
                "status",
                "case "
                        + c.number
                        + " is "
                        + c.status
                        + "; '"
                        + command
                        + "' needs it to be able to move to "
                        + to
                        + " (from "
                        + c.status
                        + " it may move to "
                        + c.status.next()
                        + ")");
    }
}
