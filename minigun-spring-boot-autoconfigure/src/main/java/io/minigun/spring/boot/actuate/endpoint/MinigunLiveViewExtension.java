package io.minigun.spring.boot.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The live view: an HTML page served at the {@code minigun} endpoint's own URL ({@code GET /actuator/minigun} with
 * {@code Accept: text/html}, which is what a browser sends; JSON clients still get JSON). Being an operation of the
 * endpoint, it is there only when the endpoint is exposed, on the actuator's server and port, behind whatever secures
 * the actuator, on Spring MVC and WebFlux alike. The page polls the endpoint's JSON once a second; its Start and
 * Cancel buttons are on the page only when the endpoint's access allows writes. Everything it needs (HTML, CSS,
 * JavaScript, SVG drawn in the browser) is in this jar: no CDN, no network.
 */
@EndpointWebExtension(endpoint = MinigunEndpoint.class)
public class MinigunLiveViewExtension {
    private static final String RESOURCES = "/io/minigun/spring/boot/actuate/endpoint/live/";
    private final String page;

    /**
     * The page, with Start and Cancel when {@code writeAccess} (the endpoint's access is unrestricted).
     */
    public MinigunLiveViewExtension(boolean writeAccess) {
        this.page = read("live.html")
                .replace("/*@@CSS@@*/", read("live.css"))
                .replace("/*@@JS@@*/", read("live.js"))
                .replace("@@WRITE@@", Boolean.toString(writeAccess));
    }

    /** The live view page. */
    @ReadOperation(produces = "text/html")
    public String page() {
        return page;
    }

    private static String read(String name) {
        try (InputStream in = MinigunLiveViewExtension.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing live view resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
