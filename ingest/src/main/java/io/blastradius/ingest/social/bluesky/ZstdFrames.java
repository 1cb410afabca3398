package io.blastradius.ingest.social.bluesky;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decompresses Jetstream's {@code compress=true} frames: each binary frame is one zstd frame made
 * with Jetstream's published custom dictionary. The dictionary is read from a file the deployment
 * provides ({@code jetstream.zstd.dictionary.path}).
 */
final class ZstdFrames {
    private final byte[] dictionary;
    private final int maxBytes;

    ZstdFrames(byte[] dictionary, int maxBytes) {
        this.dictionary = dictionary.clone();
        this.maxBytes = maxBytes;
    }

    /** The frame's text; throws when it is not zstd with this dictionary or inflates past the cap. */
    String decompress(byte[] frame) throws IOException {
        try (InputStream in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(frame)).setDict(dictionary)) {
            byte[] out = in.readNBytes(maxBytes + 1);
            if (out.length > maxBytes) {
                throw new IOException("frame inflates to more than " + maxBytes + " bytes");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new IOException("not a zstd frame with the configured dictionary: " + e.getMessage(), e);
        }
    }
}
