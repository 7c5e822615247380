package io.anomalyhunter.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Any other /api path: a JSON 404 rather than the HTML one. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class UnknownApiResource {
    @GET
    @Path("/{rest: .*}")
    public Object unknown(@PathParam("rest") String rest) {
        throw new NotFoundException("no API endpoint /api/" + rest + " (see docs/api.md)");
    }
}
