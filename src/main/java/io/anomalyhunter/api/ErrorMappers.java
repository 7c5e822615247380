package io.anomalyhunter.api;

import io.anomalyhunter.store.StoreException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.anomalyhunter.log.RepeatedLog;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps exceptions to the {error, message} JSON body; the only place that knows HTTP statuses for errors. */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());
    private static final RepeatedLog TRACES = new RepeatedLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());

    @ServerExceptionMapper
    public Response badData(BadDataException e) {
        return body(400, "bad_data", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(UnavailableException e) {
        return body(503, "unavailable", e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(RefusedException e) {
        return body(409, "refused", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return body(404, "not_found", e.getMessage() == null ? "no such resource" : e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(StoreException e) {
        LOG.warning("request failed on the store: " + e.getMessage());
        return body(503, "unavailable", e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String kind = status == 404 ? "not_found" : status == 403 ? "forbidden" : status >= 500 ? "unavailable" : "bad_data";
        return body(status, kind, e.getMessage());
    }

    /**
     * Anything unexpected: a 500 with the usual body and no detail for the client. The stack trace is logged at
     * most once a minute per kind of failure (a client repeating a request that fails must not fill the journal).
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        StackTraceElement[] at = e.getStackTrace();
        String kind = e.getClass().getName() + (at.length > 0 ? "@" + at[0] : "");
        TRACES.problem(kind, Level.SEVERE, "request failed unexpectedly: " + e, e);
        return body(500, "internal", "the request failed on an internal error; the daemon's log has the details");
    }

    static Response body(int status, String kind, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(kind, message)).build();
    }
}
