package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.command.ChangeFeed;
import cn.gridgov.dispatch.command.OverdueCases;
import cn.gridgov.dispatch.routing.RoutingService;
import cn.gridgov.dispatch.whistle.Whistle;
import cn.gridgov.dispatch.whistle.WhistleService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** What the command-center console shows: what waits for a dispatcher, what is overdue, the whistles, live changes. */
@Path("/api/v1")
public class CommandCenterResource {

    private final RoutingService routing;
    private final OverdueCases overdue;
    private final WhistleService whistles;
    private final ChangeFeed feed;

    public CommandCenterResource(RoutingService routing, OverdueCases overdue, WhistleService whistles, ChangeFeed feed) {
        this.routing = routing;
        this.overdue = overdue;
        this.whistles = whistles;
        this.feed = feed;
    }

    /** Cases the rules left to the command center, and cases sent back and routed again, not yet accepted. */
    @GET
    @Path("/dispatch-queue")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<DecisionView>> queue() {
        return routing.awaitingDispatch().map(list -> list.stream().map(DecisionView::of).toList());
    }

    /** Open cases past the due time of their current step (red), most overdue first. */
    @GET
    @Path("/overdue-cases")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<OverdueCases.Overdue>> overdue() {
        return overdue.list();
    }

    /** The open whistles and who has reported for each. */
    @GET
    @Path("/whistle-board")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<WhistleView>> whistleBoard() {
        return whistles.board(Whistle.State.OPEN).map(list -> list.stream().map(WhistleView::of).toList());
    }

    /** Every event this service publishes from now on, one CloudEvent (JSON) per server-sent event. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream() {
        return feed.stream();
    }
}
