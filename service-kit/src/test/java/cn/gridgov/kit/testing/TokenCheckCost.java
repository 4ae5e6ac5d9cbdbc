package cn.gridgov.kit.testing;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * What checking a bearer token costs a service per request, measured the way the services check
 * one: a real token from the stack's Keycloak, verified against the provider's keys (fetched once,
 * as the services keep them) with its signature, issuer, audience and expiry checked, by jose4j,
 * the library quarkus-oidc verifies with. Printed by the benchmarks beside their per-request CPU.
 */
public final class TokenCheckCost {

    /** CPU microseconds per check, after as many checks again to warm the code up. */
    public record Cost(double cpuMicrosPerCheck, int checks) {}

    private TokenCheckCost() {}

    public static Cost measure(String staffId, int checks) throws Exception {
        var token = Tokens.of(staffId);
        var jwks =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        Tokens.ISSUER
                                                                + "/protocol/openid-connect/certs"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        var consumer =
                new JwtConsumerBuilder()
                        .setVerificationKeyResolver(
                                new JwksVerificationKeyResolver(
                                        new JsonWebKeySet(jwks).getJsonWebKeys()))
                        .setExpectedIssuer(Tokens.ISSUER)
                        .setExpectedAudience("gridgov-api")
                        .setRequireExpirationTime()
                        .build();
        for (int i = 0; i < checks; i++) {
            consumer.processToClaims(token);
        }
        var thread = ManagementFactory.getThreadMXBean();
        long before = thread.getCurrentThreadCpuTime();
        for (int i = 0; i < checks; i++) {
            consumer.processToClaims(token);
        }
        long spent = thread.getCurrentThreadCpuTime() - before;
        return new Cost(spent / 1_000.0 / checks, checks);
    }
}
