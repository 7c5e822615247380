package io.anomalyhunter.collect.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Docker Engine API (Podman's compatible API too) on a unix socket, through docker-java's zerodep
 * transport: Apache HttpClient 5 shaded inside it, over the JDK's own unix-domain socket channel.
 */
public final class DockerEngine implements AutoCloseable {
    private final Path socket;
    private final DockerHttpClient client;
    private final DockerHttpClient stream;

    public DockerEngine(Path socket) {
        this.socket = socket;
        URI host = URI.create("unix://" + socket);
        this.client = new ZerodepDockerHttpClient.Builder().dockerHost(host).maxConnections(4)
                .connectionTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(10)).build();
        // The event stream stays open for as long as the daemon runs: no response timeout on its connection.
        this.stream = new ZerodepDockerHttpClient.Builder().dockerHost(host).maxConnections(1)
                .connectionTimeout(Duration.ofSeconds(2)).build();
    }

    public Path socket() {
        return socket;
    }

    /** Every container, running or not (a stopped one still needs its name for its last samples). */
    public List<DockerContainer> containers() throws DockerUnavailableException {
        return DockerJson.containers(get("/containers/json?all=true"));
    }

    /**
     * The container's {received, sent} bytes over its interfaces, from one stats reading (about 0.15 s: the
     * engine samples before it answers); empty when it has no network of its own (none, host).
     */
    public Optional<long[]> networkBytes(String id) throws DockerUnavailableException {
        return DockerJson.networkBytes(get("/containers/" + id + "/stats?stream=false&one-shot=true"));
    }

    /**
     * Reads container events from {@code since} until the stream ends or fails, one line per event; a line
     * that does not parse goes to {@code malformed} and the stream goes on. Returns when the daemon closes
     * the stream; {@link #close()} from another thread ends it too.
     */
    public void events(Instant since, Consumer<DockerEvent> events, Consumer<String> malformed) throws DockerUnavailableException {
        String filters = URLEncoder.encode("{\"type\":[\"container\"]}", StandardCharsets.UTF_8);
        DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/events?since=" + since.getEpochSecond() + "." + String.format("%09d", since.getNano()) + "&filters=" + filters)
                .build();
        try (DockerHttpClient.Response r = execute(stream, request)) {
            check(r, "/events");
            BufferedReader lines = new BufferedReader(new InputStreamReader(r.getBody(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    DockerJson.event(line).ifPresent(events);
                } catch (MalformedDockerJsonException e) {
                    malformed.accept(e.getMessage());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new DockerUnavailableException(socket + ": the event stream broke: " + e.getMessage());
        }
    }

    private String get(String path) throws DockerUnavailableException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path(path).build();
        try (DockerHttpClient.Response r = execute(client, request)) {
            check(r, path);
            return new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new DockerUnavailableException(socket + ": " + path + ": " + e.getMessage());
        }
    }

    private DockerHttpClient.Response execute(DockerHttpClient c, DockerHttpClient.Request request) throws DockerUnavailableException {
        if (!Files.exists(socket)) {
            throw new DockerUnavailableException(socket + ": no such socket (is the runtime installed and running?)", true);
        }
        try {
            return c.execute(request);
        } catch (RuntimeException e) {
            // The transport wraps connect errors (refused, permission denied) in runtime exceptions.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DockerUnavailableException(socket + ": " + cause.getMessage());
        }
    }

    private void check(DockerHttpClient.Response r, String path) throws DockerUnavailableException, IOException {
        if (r.getStatusCode() / 100 != 2) {
            String body = new String(r.getBody().readNBytes(300), StandardCharsets.UTF_8);
            throw new DockerUnavailableException(socket + ": " + path + " answered " + r.getStatusCode() + ": "
                    + DockerJson.abbreviate(body));
        }
    }

    @Override
    public void close() {
        try {
            client.close();
            stream.close();
        } catch (IOException e) {
            // closing sockets we no longer need: nothing to do about a failure
        }
    }
}
