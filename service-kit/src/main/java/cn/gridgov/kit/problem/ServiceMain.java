package cn.gridgov.kit.problem;

import cn.gridgov.kit.shutdown.PromptShutdown;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Every service's entry point. Quarkus answers a request whose target is not a URI (a broken
 * percent-encoding such as {@code /api/v1/areas/%zz}) with an empty 400 before any route sees it;
 * turning that check off lets {@link UrlCheck} make the same check and answer with the JSON body
 * every refusal has. The property is read once, as the HTTP layer loads, so it is set before
 * Quarkus starts ({@code @QuarkusTest} runs get it from Maven's surefire settings). Once the
 * service runs, its graceful stops are made prompt ({@link PromptShutdown}).
 */
@QuarkusMain
public final class ServiceMain {

    /** Quarkus' own URI check, replaced by {@link UrlCheck}'s. */
    public static final String OWN_URI_CHECK_OFF = "vertx.disableURIValidation";

    private ServiceMain() {}

    public static void main(String... args) {
        System.setProperty(OWN_URI_CHECK_OFF, "true");
        Quarkus.run(Running.class, args);
    }

    /** The started service, until it is asked to stop. */
    public static final class Running implements QuarkusApplication {

        @Override
        public int run(String... args) {
            PromptShutdown.wrapSilentListeners();
            Quarkus.waitForExit();
            return 0;
        }
    }
}
