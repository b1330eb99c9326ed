package dev.tasks.server;

import java.io.IOException;
import java.util.List;

/** One public API the server speaks: it owns a path prefix and answers every request under it. */
interface WireApi {

    /** Tells whether a path belongs to this API. */
    boolean owns(List<String> segments);

    /** Answers a request under this API's prefix, errors included, in the API's own format. */
    void serve(HttpCall call) throws IOException;
}
