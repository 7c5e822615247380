package io.anomalyhunter.api;

import io.anomalyhunter.collect.net.NetworkView;
import io.anomalyhunter.store.AnomalyFilter;
import io.anomalyhunter.store.AnomalyQuery;
import io.anomalyhunter.traffic.NetMetrics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * GET /api/v1/network: each captured interface with its state, packets, capture losses, flow table and the
 * latest traffic window (with top talkers), and the latest attacks: the anomalies of the attack series, read
 * from the store like every other anomaly (one record of what happened, whichever page shows it).
 */
@Path("/api/v1/network")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {
    static final int SHOWN_ATTACKS = 50;
    private final NetworkView network;
    private final AnomalyQuery anomalies;

    public NetworkResource(NetworkView network, AnomalyQuery anomalies) {
        this.network = network;
        this.anomalies = anomalies;
    }

    /** The network page's data; {@code attacks} newest first. */
    public record Network(List<NetworkView.InterfaceStatus> interfaces, List<AnomalyView> attacks) {
    }

    @GET
    public Network get() {
        List<AnomalyView> attacks = anomalies.find(new AnomalyFilter(null, null, NetMetrics.ATTACK, 0, SHOWN_ATTACKS, 0))
                .stream().map(AnomalyView::of).toList();
        return new Network(network.interfaces(), attacks);
    }
}
