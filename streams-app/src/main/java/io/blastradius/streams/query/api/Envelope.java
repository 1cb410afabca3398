package io.blastradius.streams.query.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blastradius.streams.query.http.Response;
import io.blastradius.streams.query.route.QueryRouter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Every answer's shape: {@code data}, an optional {@code page}, and {@code meta} naming the host that
 * served it and from which replica (and, for answers merged from several instances, each source).
 */
final class Envelope {
    private final ObjectMapper json;
    private final String self;

    Envelope(ObjectMapper json, String self) {
        this.json = json;
        this.self = self;
    }

    /** An answer for one partition from this instance. */
    Response single(Object data, String replica, int partition) {
        ObjectNode root = json.createObjectNode();
        root.set("data", json.valueToTree(data));
        ObjectNode meta = root.putObject("meta");
        meta.put("servedBy", self);
        meta.put("replica", replica);
        meta.put("partition", partition);
        return write(root);
    }

    /** An answer merged by this instance from the parts of several. */
    Response merged(Object data, List<QueryRouter.Source> sources, String next, Integer limit) {
        ObjectNode root = json.createObjectNode();
        root.set("data", json.valueToTree(data));
        if (limit != null) {
            ObjectNode page = root.putObject("page");
            page.put("limit", limit);
            if (next == null) {
                page.putNull("next");
            } else {
                page.put("next", next);
            }
        }
        ObjectNode meta = root.putObject("meta");
        meta.put("servedBy", self);
        meta.set("sources", json.valueToTree(sources));
        return write(root);
    }

    /** An answer that needs no store (the catalog every instance holds). */
    Response local(Object data) {
        ObjectNode root = json.createObjectNode();
        root.set("data", json.valueToTree(data));
        root.putObject("meta").put("servedBy", self);
        return write(root);
    }

    Response write(JsonNode root) {
        try {
            return Response.json(200, json.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
