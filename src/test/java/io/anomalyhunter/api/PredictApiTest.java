package io.anomalyhunter.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.classifier.KddSchema;
import io.anomalyhunter.testing.SharedData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The traffic classifier through the daemon's HTTP API, with the shipped model and real NSL-KDD rows. */
@QuarkusTest
@TestProfile(FastDaemonProfile.class)
class PredictApiTest {
    private static List<String> rows;

    @BeforeAll
    static void rows() throws Exception {
        rows = Files.readAllLines(SharedData.require(SharedData.DIR.resolve("data/nsl-kdd/KDDTrain+_20Percent.txt"), "NSL-KDD"))
                .subList(0, 400);
    }

    private static String firstRowOf(String attack) {
        return rows.stream().filter(r -> r.split(",")[41].equals(attack)).findFirst().orElseThrow();
    }

    private static Map<String, Object> features(String row) {
        String[] f = row.split(",");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < KddSchema.FEATURES.size(); i++) {
            m.put(KddSchema.FEATURES.get(i), KddSchema.isNominal(i) ? f[i] : Double.parseDouble(f[i]));
        }
        return m;
    }

    static void modelLoaded() throws InterruptedException {
        ApiTest.eventually("the traffic classifier loaded",
                () -> given().get("/api/v1/models").jsonPath().getString("[0].sha256") != null);
    }

    @Test
    void modelsListTheShippedClassifierWithItsFigures() throws Exception {
        modelLoaded();
        JsonPath m = given().get("/api/v1/models").then().statusCode(200).extract().jsonPath();
        assertEquals("traffic-classifier", m.getString("[0].name"));
        assertEquals("1.0", m.getString("[0].version"));
        assertEquals(Files.readString(Path.of("models/traffic-classifier.json")).contains(m.getString("[0].sha256")), true);
        assertTrue(m.getDouble("[0].validation.accuracy") >= 0.99);
        assertEquals(List.of("normal", "DoS", "Probe", "R2L", "U2R"), m.getList("[0].classes"));
        assertTrue(m.getString("[0].loaded_since").startsWith("20"));
        // the host model is listed beside it, learning (a test daemon runs for minutes, not a learning period)
        assertEquals("host-model", m.getString("[1].name"));
        assertEquals("isolation forest", m.getString("[1].kind"));
        assertEquals("database", m.getString("[1].directory"));
        given().get("/api/v1/models/host-model/versions").then().statusCode(200);
    }

    @Test
    void oneRecordGetsItsClassProbabilitiesAndContributions() throws Exception {
        modelLoaded();
        JsonPath p = given().contentType("application/json").body(Map.of("features", features(firstRowOf("neptune")), "explain", 3))
                .post("/api/v1/predict").then().statusCode(200).extract().jsonPath();
        assertEquals("DoS", p.getString("predicted_class"));
        Map<String, Float> probs = p.getMap("probabilities");
        assertEquals(1.0, probs.values().stream().mapToDouble(Float::doubleValue).sum(), 1e-4);
        assertEquals(3, p.getList("contributions").size());
        assertTrue(KddSchema.FEATURES.contains(p.getString("contributions[0].feature")));
        given().contentType("application/json").body(Map.of("record", firstRowOf("normal")))
                .post("/api/v1/predict").then().statusCode(200).body("predicted_class", equalTo("normal"));
    }

    @Test
    void aBadRecordIsA400NamingTheFeature() throws Exception {
        modelLoaded();
        Map<String, Object> f = features(firstRowOf("normal"));
        f.remove("flag");
        given().contentType("application/json").body(Map.of("features", f)).post("/api/v1/predict").then().statusCode(400)
                .body("message", containsString("features.flag: missing"));
        f = features(firstRowOf("normal"));
        f.put("service", "gopherx");
        given().contentType("application/json").body(Map.of("features", f)).post("/api/v1/predict").then().statusCode(400)
                .body("message", containsString("column 3 (service): unknown value 'gopherx'"));
        given().contentType("application/json").body("{\"features\": ").post("/api/v1/predict").then().statusCode(400)
                .body("message", containsString("not JSON"));
    }

    @Test
    void aCsvUploadIsAnsweredAsCsvOrJson() throws Exception {
        modelLoaded();
        String csv = String.join("\n", rows.subList(0, 300)) + "\n";
        String answer = given().header("X-Requested-By", "test").contentType("text/csv").body(csv)
                .post("/api/v1/predict/batch").then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        List<String> lines = answer.lines().toList();
        assertEquals("line,prediction,p_normal,p_DoS,p_Probe,p_R2L,p_U2R,label", lines.get(0));
        assertEquals(301, lines.size());
        JsonPath j = given().header("X-Requested-By", "test").contentType("text/csv").body(csv).queryParam("format", "json")
                .post("/api/v1/predict/batch").then().statusCode(200).extract().jsonPath();
        assertEquals(300, j.getInt("rows"));
        Map<String, Integer> counts = j.getMap("counts");
        assertEquals(300, counts.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(counts.get("normal") > 100 && counts.get("DoS") > 50, counts.toString());
    }

    @Test
    void aBadUploadIs400NamingRowAndColumnAndTooBigIs413() throws Exception {
        modelLoaded();
        String bad = rows.get(0) + "\n" + rows.get(1) + "\n" + rows.get(2).replaceFirst("^([^,]*,[^,]*,[^,]*,[^,]*),[^,]*,", "$1,NaN,") + "\n";
        given().header("X-Requested-By", "test").contentType("text/csv").body(bad).post("/api/v1/predict/batch").then()
                .statusCode(400).body("message", containsString("upload:3: column 5 (src_bytes): not a finite number: 'NaN'"));
        given().header("X-Requested-By", "test").contentType("text/csv").body(rows.get(0) + "\n1,2,3\n")
                .post("/api/v1/predict/batch").then().statusCode(400).body("message", containsString("upload:2: expected 41 to 43"));
        // An upload that declares more than the limit is refused before its body is read (on a raw socket: a
        // client library would fail writing the body the server no longer reads).
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/v1/predict/batch HTTP/1.1\r\nHost: localhost\r\nX-Requested-By: test\r\n"
                    + "Content-Type: text/csv\r\nContent-Length: " + (PredictResource.BATCH_LIMIT_BYTES + 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write("0,tcp,http\n".repeat(1000).getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(status.startsWith("HTTP/1.1 413"), status);
        }
    }
}
