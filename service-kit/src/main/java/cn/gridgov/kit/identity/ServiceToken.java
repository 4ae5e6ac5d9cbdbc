package cn.gridgov.kit.identity;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * This service's own bearer token for calls to another service (client credentials of the
 * confidential client). Kept and refreshed before it expires, so a call costs no request to the
 * provider; concurrent callers share one refresh.
 */
@ApplicationScoped
public class ServiceToken {

    private final OidcClient client;
    private final TokensHelper tokens = new TokensHelper();

    public ServiceToken(OidcClient client) {
        this.client = client;
    }

    /** The value of an {@code Authorization} header. */
    public Uni<String> authorization() {
        return tokens.getTokens(client).map(t -> "Bearer " + t.getAccessToken());
    }
}
