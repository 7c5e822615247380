package io.anomalyhunter.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.anomalyhunter.classifier.TrafficClassifier;
import io.anomalyhunter.classifier.TrafficModel;
import io.anomalyhunter.classifier.TrafficModelFiles;
import io.anomalyhunter.hostmodel.HostModelService;
import io.anomalyhunter.store.ModelVersion;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * GET /api/v1/models: the models in service (the traffic classifier, the host model), with their version, figures,
 * sha256 and since when they serve; GET /api/v1/models/host-model/versions: the host model's stored versions;
 * POST /api/v1/models/traffic-classifier/reload: read the model folder again. A model that does not load is
 * refused (409, with the reason) and the one in service stays.
 */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    private static final com.fasterxml.jackson.databind.ObjectMapper METADATA = new com.fasterxml.jackson.databind.ObjectMapper();
    private final TrafficClassifier classifier;
    private final HostModelService hostModel;

    public ModelResource(TrafficClassifier classifier, HostModelService hostModel) {
        this.classifier = classifier;
        this.hostModel = hostModel;
    }

    public record ModelView(String name, String kind, String version, String sha256, Instant loadedSince, String directory,
                            List<String> classes, Map<String, Object> validation, String refused) {
    }

    @GET
    public List<ModelView> list() {
        return List.of(view(), hostView());
    }

    /** One stored version of the host model. */
    public record VersionView(int version, Instant created, String sha256, JsonNode metadata) {
    }

    /** The host model's kept versions, newest first, with their metadata (features, baseline, threshold). */
    @GET
    @Path("/" + HostModelService.NAME + "/versions")
    public List<VersionView> hostVersions() {
        return hostModel.versions().stream().map(v -> new VersionView(v.version(), v.created(), v.sha256(), json(v.metadata())))
                .toList();
    }

    private ModelView hostView() {
        HostModelService.Status s = hostModel.status();
        String note = !s.enabled() ? "off (detection.host_model.enabled=false)"
                : s.lastTraining().isEmpty() ? null : "last training: " + s.lastTraining();
        if (s.version().isEmpty()) {
            return new ModelView(HostModelService.NAME, "isolation forest", null, null, null, "database", List.of(),
                    Map.of("intervals_buffered", s.intervalsBuffered()), note);
        }
        ModelVersion v = s.version().get();
        JsonNode meta = json(v.metadata());
        return new ModelView(HostModelService.NAME, "isolation forest", Integer.toString(v.version()), v.sha256(),
                s.loaded().orElse(null), "database", List.of(), Map.of("intervals", meta.path("intervals").asLong(),
                "series", s.features(), "threshold", s.threshold(), "trained", v.created().toString(),
                "intervals_buffered", s.intervalsBuffered()), note);
    }

    private static JsonNode json(String text) {
        try {
            return METADATA.readTree(text);
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
        }
    }

    @POST
    @Path("/" + TrafficModelFiles.NAME + "/reload")
    public ModelView reload() {
        if (!classifier.reload()) {
            throw new RefusedException(classifier.lastRefusal().orElse("refused")
                    + (classifier.model().isPresent() ? "; the previous model stays in service" : ""));
        }
        return view();
    }

    private ModelView view() {
        String refused = classifier.lastRefusal().orElse(null);
        String dir = classifier.directory().toString();
        if (classifier.model().isEmpty()) {
            return new ModelView(TrafficModelFiles.NAME, "traffic classifier", null, null, null, dir, List.of(), Map.of(), refused);
        }
        TrafficModel m = classifier.model().get();
        JsonNode meta = m.metadata();
        JsonNode v = meta.path("validation");
        return new ModelView(TrafficModelFiles.NAME, meta.path("kind").asText(), meta.path("version").asText(), m.sha256(),
                m.loaded(), dir, classes(meta.path("classes")),
                Map.of("rows", v.path("rows").asLong(), "accuracy", v.path("accuracy").asDouble(),
                        "macro_f1", v.path("macro_f1").asDouble()), refused);
    }

    private static List<String> classes(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(c -> out.add(c.asText()));
        return out;
    }
}
