package cn.gridgov.kit.identity;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The caller of the request being served, from the token quarkus-oidc verified (signature against
 * the provider's cached keys, issuer, audience, expiry). The one way a service learns who acts:
 * nothing in a request body says it.
 */
@ApplicationScoped
public class SignedIn {

    private final SecurityIdentity identity;

    public SignedIn(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The caller; a request without a valid token never gets here, but an anonymous one is refused
     * all the same.
     */
    public Caller caller() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return new Caller(identity.getPrincipal().getName(), identity.getRoles());
    }
}
