package io.anomalyhunter.api;

import io.anomalyhunter.collect.net.NetworkView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * GET /api/v1/network: each captured interface with its state, packets, capture losses, flow table,
 * the latest traffic window (with top talkers) and the recent attack findings.
 */
@Path("/api/v1/network")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {
    private final NetworkView network;

    public NetworkResource(NetworkView network) {
        this.network = network;
    }

    /** The network page's data. */
    public record Network(List<NetworkView.InterfaceStatus> interfaces) {
    }

    @GET
    public Network get() {
        return new Network(network.interfaces());
    }
}
