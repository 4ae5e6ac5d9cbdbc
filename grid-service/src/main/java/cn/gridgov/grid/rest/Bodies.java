package cn.gridgov.grid.rest;

import cn.gridgov.kit.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * Request bodies of changes, checked after the access policy has spoken: a caller who may not make
 * a change hears 403 naming the rule, whatever the body holds, and only one who may hears what is
 * wrong with it (bean validation on the parameter would answer 400 before the policy is asked).
 */
@ApplicationScoped
public class Bodies {

    private final Validator validator;

    public Bodies(Validator validator) {
        this.validator = validator;
    }

    /** The body, present and valid, or a 400 naming the field at fault. */
    public <T> T valid(T body) {
        var present = present(body);
        var violations = validator.validate(present);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return present;
    }

    /** The body, present, or a 400. */
    public <T> T present(T body) {
        if (body == null) {
            throw Problem.invalid("INVALID_INPUT", null, "the request needs a JSON body");
        }
        return body;
    }
}
