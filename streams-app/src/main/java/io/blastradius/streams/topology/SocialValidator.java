package io.blastradius.streams.topology;

import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.scope.ScopeId;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Validates social signals (keyed by post id) and re-keys each complaint to every service it is
 * about and every provider it names. A deletion withdraws what the post added: the weight it put
 * into its minute, for its services and providers, as long as that minute is still open in the
 * later stages (a post deleted after its minute left them changes nothing). An edit withdraws the
 * same and adds what the post says now (its new services, providers and score), still in the
 * minute it was written. To know what a post added, the posts counted in the last
 * {@code retainMinutes} are kept by post id ({@link TopologyNames#SOCIAL_POSTS_STORE}); the input
 * is keyed by post id, so a post and its edits and deletion meet in the same task.
 */
final class SocialValidator extends InputValidator<SocialSignal> {

    /** What a counted post added: its weight, for these services and providers. */
    record Counted(double score, List<String> services, List<String> providers) {
        static final Serde<Counted> SERDE = BinaryCodec.serde((byte) 1, Counted::write, Counted::read);

        private static void write(DataOutputStream out, Counted c) throws IOException {
            out.writeDouble(c.score());
            BinaryCodec.writeStrings(out, c.services());
            BinaryCodec.writeStrings(out, c.providers());
        }

        private static Counted read(DataInputStream in) throws IOException {
            return new Counted(in.readDouble(), BinaryCodec.readStrings(in), BinaryCodec.readStrings(in));
        }
    }

    private WindowStore<String, Counted> counted;

    SocialValidator(Deserializer<SocialSignal> deserializer) {
        super("streams-app/validate-social-signals", deserializer);
    }

    @Override
    public void init(ProcessorContext<String, Ingress> context) {
        super.init(context);
        counted = context.getStateStore(TopologyNames.SOCIAL_POSTS_STORE);
    }

    @Override
    void route(String key, SocialSignal s, Record<byte[], byte[]> record) {
        if (s.getPostId() == null || s.getPostId().isBlank()) {
            throw new InvalidRecordException("MissingField", "postId is empty");
        }
        long at = checkTime(s.getCreatedAt(), s.getObservedAt(), "createdAt");
        double score = s.getComplaintScore();
        if (!(score >= 0 && score <= 1)) {
            throw new InvalidRecordException("InvalidField", "complaintScore " + score + " is outside 0..1");
        }
        Set<String> services = new LinkedHashSet<>();
        for (String service : s.getServices()) {
            services.add(knownServiceId(service, "services[]"));
        }
        Set<String> providers = new LinkedHashSet<>();
        for (String named : s.getProviders()) {
            try {
                providers.add(ScopeId.parse(named).provider());
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException("InvalidScope", "providers[] entry '" + named + "': " + e.getMessage());
            }
        }
        Counted post = new Counted(score, new ArrayList<>(services), new ArrayList<>(providers));
        boolean counts = score > 0 && !(services.isEmpty() && providers.isEmpty());
        switch (s.getAction()) {
            case DELETE -> withdraw(s.getPostId(), record);
            case EDIT -> {
                // only a post still kept is re-counted, in its own minute; an edit never moves event time on
                Long written = withdraw(s.getPostId(), record);
                if (written != null && counts) {
                    add(post, written, false, record);
                    counted.put(s.getPostId(), post, written);
                }
            }
            default -> {
                if (counts) {
                    add(post, at, plausible(at, s.getObservedAt()), record);
                    counted.put(s.getPostId(), post, at);
                }
            }
        }
    }

    /** Forwards the post's weight (negative to withdraw it) to its services and providers, at its own minute. */
    private void add(Counted post, long at, boolean clock, Record<byte[], byte[]> record) {
        for (String service : post.services()) {
            forward(service, Ingress.byService(new ServiceObservation.Complaint(post.score(), post.providers(), at, clock)), at,
                    record);
        }
        for (String provider : post.providers()) {
            forward(CorrelationInput.KEY, Ingress.toProvider(new CorrelationInput.ProviderComplaint(provider, post.score(), at)),
                    at, record);
        }
    }

    /**
     * Withdraws every counted version of {@code postId} still kept (a deletion never moves event time
     * on) and returns when the post was written, or null when none was kept.
     */
    private Long withdraw(String postId, Record<byte[], byte[]> record) {
        List<KeyValue<Long, Counted>> found = new ArrayList<>();
        try (KeyValueIterator<Long, Counted> it = counted.fetch(postId, 0L, Long.MAX_VALUE)) {
            it.forEachRemaining(found::add);
        }
        for (KeyValue<Long, Counted> post : found) {
            Counted c = post.value;
            add(new Counted(-c.score(), c.services(), c.providers()), post.key, false, record);
            counted.put(postId, null, post.key);
        }
        return found.isEmpty() ? null : found.get(found.size() - 1).key;
    }
}
