package io.anomalyhunter.api;

import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.collect.net.NetworkView;
import io.anomalyhunter.traffic.FlowTable;
import io.anomalyhunter.traffic.TrafficWindow;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every type the API writes as JSON, registered for reflection so Jackson can read their accessors in the
 * native executable (Quarkus finds a resource method's declared return type, but not what sits inside a
 * Response, a Page or an SSE event). JsonTypesTest fails when a record of this package is missing here.
 */
@RegisterForReflection(targets = {ApiError.class, AnomalyView.class, IncidentView.class, Page.class,
        HealthResource.Health.class, CollectorState.class, CollectorState.Status.class,
        MetricResource.MetricView.class, SeriesResource.Point.class, SeriesResource.SeriesView.class,
        QueueResource.TopicView.class, QueueResource.MessageView.class, QueueResource.ActionView.class,
        NetworkResource.Network.class, NetworkView.InterfaceStatus.class, FlowTable.Counts.class, TrafficWindow.class,
        TrafficWindow.Talker.class, ChangeView.class,
        SnapshotResource.ProcessesView.class, QueryParams.Listing.class, io.anomalyhunter.pipeline.ProcessUsage.class,
        PredictionView.class, PredictionView.Contribution.class, ModelResource.ModelView.class, ModelResource.VersionView.class,
        io.anomalyhunter.rca.Report.class, io.anomalyhunter.rca.Report.Cause.class, io.anomalyhunter.rca.Report.Action.class,
        io.anomalyhunter.rca.Evidence.class})
final class JsonTypes {
    private JsonTypes() {
    }
}
