package io.anomalyhunter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.classifier.KddCsv;
import io.anomalyhunter.classifier.KddFormatException;
import io.anomalyhunter.classifier.KddRecord;
import io.anomalyhunter.classifier.TrafficClassifier;
import io.anomalyhunter.classifier.TrafficModel;
import io.anomalyhunter.classifier.TrafficTraining;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traffic classifier over HTTP: POST /api/v1/predict for one connection record (class, probabilities and
 * its TreeSHAP contributions), POST /api/v1/predict/batch for a CSV upload (answered as CSV or JSON).
 */
@Path("/api/v1/predict")
public class PredictResource {
    /** The largest CSV upload: about 60,000 NSL-KDD rows. The HTTP layer refuses bodies over it with a 413. */
    public static final int BATCH_LIMIT_BYTES = 8 << 20;
    private static final int BATCH = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TrafficClassifier classifier;

    public PredictResource(TrafficClassifier classifier) {
        this.classifier = classifier;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public PredictionView one(String body) {
        TrafficModel model = model();
        JsonNode request;
        try {
            request = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new BadDataException("body: not JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw new BadDataException("body: expected {\"features\": {...}} or {\"record\": \"0,tcp,http,SF,...\"}");
        }
        double minConfidence = probability(request.path("min_confidence"), 0.5);
        int explain = request.path("explain").isMissingNode() ? 5 : request.path("explain").asInt(-1);
        if (explain < 0 || explain > 41 || !request.path("explain").isMissingNode() && !request.path("explain").isInt()) {
            throw new BadDataException("explain: must be a whole number from 0 to 41");
        }
        float[] row = row(request);
        TrafficModel.Prediction p = model.predict(new float[][] {row}, minConfidence).get(0);
        return PredictionView.of(p, TrafficTraining.classNames(), model.explain(row, p.likeliest(), explain));
    }

    private static float[] row(JsonNode request) {
        try {
            if (request.has("features")) {
                if (!request.get("features").isObject()) {
                    throw new BadDataException("features: expected an object of the 41 features by name");
                }
                Map<String, Object> values = new LinkedHashMap<>();
                request.get("features").fields().forEachRemaining(e -> values.put(e.getKey(),
                        e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().isTextual() ? e.getValue().asText()
                                : e.getValue().toString()));
                return KddRecord.of(values, "features");
            }
            if (request.has("record") && request.get("record").isTextual()) {
                List<float[]> rows = new ArrayList<>();
                KddCsv.read(new java.io.StringReader(request.get("record").asText()), "record", 1, b -> rows.addAll(List.of(b.rows())));
                if (rows.size() != 1) {
                    throw new BadDataException("record: expected one NSL-KDD row, got " + rows.size());
                }
                return rows.get(0);
            }
        } catch (KddFormatException e) {
            throw new BadDataException(e.getMessage());
        } catch (IOException e) {
            throw new BadDataException("record: " + e.getMessage());
        }
        throw new BadDataException("body: expected {\"features\": {...}} or {\"record\": \"0,tcp,http,SF,...\"}");
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.WILDCARD)
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    public Response batch(InputStream body, @QueryParam("format") String format, @QueryParam("min_confidence") String min) {
        TrafficModel model = model();
        boolean json = format != null && format.equals("json");
        if (format != null && !json && !format.equals("csv")) {
            throw new BadDataException("format: '" + format + "' must be csv or json");
        }
        double minConfidence = QueryParams.number("min_confidence", min, 0.5, 0, 1);
        BatchAnswer answer = new BatchAnswer(TrafficTraining.classNames());
        try {
            KddCsv.read(new InputStreamReader(body, StandardCharsets.UTF_8), "upload", BATCH,
                    b -> answer.add(b, model.predict(b.rows(), minConfidence)));
        } catch (KddFormatException e) {
            throw new BadDataException(e.getMessage());
        } catch (IOException e) {
            throw new BadDataException("upload: " + e.getMessage());
        }
        return json ? Response.ok(answer.json(), MediaType.APPLICATION_JSON).build()
                : Response.ok(answer.csv(), "text/csv").header("Content-Disposition", "attachment; filename=\"predictions.csv\"").build();
    }

    private TrafficModel model() {
        return classifier.model().orElseThrow(() -> new UnavailableException("no traffic classifier is loaded"
                + classifier.lastRefusal().map(r -> ": " + r).orElse("")));
    }

    private static double probability(JsonNode v, double fallback) {
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            throw new BadDataException("min_confidence: must be a number from 0 to 1");
        }
        return v.asDouble();
    }
}
