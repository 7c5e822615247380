package io.anomalyhunter.api;

import io.anomalyhunter.store.StoreException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps exceptions to the {error, message} JSON body; the only place that knows HTTP statuses for errors. */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    @ServerExceptionMapper
    public Response badData(BadDataException e) {
        return body(400, "bad_data", e.getMessage());
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
        String kind = status == 404 ? "not_found" : status >= 500 ? "unavailable" : "bad_data";
        return body(status, kind, e.getMessage());
    }

    static Response body(int status, String kind, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(kind, message)).build();
    }
}
