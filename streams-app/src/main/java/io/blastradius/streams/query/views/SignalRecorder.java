package io.blastradius.streams.query.views;

import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.scope.ScopeId;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds one input topic's records into the signal-minutes view: per subject (the service a record is
 * about, and every provider scope it names or is attributed to, with the scopes containing them) and
 * event-time minute. It reads the raw records beside the validation stage and skips what it cannot
 * decode: the validation stage dead-letters those with their cause.
 */
final class SignalRecorder<T> implements Processor<byte[], byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(SignalRecorder.class);
    private static final long MINUTE = 60_000L;

    /** What one kind of input contributes. */
    interface Contribution<T> {
        /** The subjects {@code value} is about. */
        Set<String> subjects(T value);

        /** Adds {@code value} to the minute of one of its subjects. */
        void apply(T value, String subject, SignalMinute minute);
    }

    private final String storeName;
    private final Deserializer<T> deserializer;
    private final Contribution<T> contribution;
    private final Consumer<String> recorded;
    private WindowStore<String, SignalMinute> store;
    private String topic;

    SignalRecorder(String storeName, Deserializer<T> deserializer, Contribution<T> contribution, Consumer<String> recorded) {
        this.storeName = storeName;
        this.deserializer = deserializer;
        this.contribution = contribution;
        this.recorded = recorded;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        topic = context.recordMetadata().map(m -> m.topic()).orElse("?");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        T value;
        try {
            value = deserializer.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            LOG.debug("signal view skips an undecodable record: {}", e.toString());
            return;
        }
        if (value == null) {
            return;
        }
        long minute = Math.floorDiv(record.timestamp(), MINUTE) * MINUTE;
        for (String subject : contribution.subjects(value)) {
            SignalMinute m = store.fetch(subject, minute);
            if (m == null) {
                m = new SignalMinute();
            }
            contribution.apply(value, subject, m);
            store.put(subject, m, minute);
        }
        recorded.accept(topic);
    }

    /** Probes count for their service; failing ones also for the scopes their addresses attribute to. */
    static final Contribution<ProbeResult> PROBES = new Contribution<>() {
        @Override
        public Set<String> subjects(ProbeResult p) {
            Set<String> subjects = new LinkedHashSet<>();
            if (p.getTarget() != null && p.getTarget().getService() != null) {
                subjects.add(p.getTarget().getService());
            }
            if (!p.getSuccess() && p.getAttributions() != null) {
                for (IpAttribution a : p.getAttributions()) {
                    addScopeAndAncestors(subjects, a.getProvider(), a.getRegion(), a.getProviderService());
                }
            }
            return subjects;
        }

        @Override
        public void apply(ProbeResult p, String subject, SignalMinute m) {
            m.checks++;
            if (!p.getSuccess()) {
                m.failures++;
            }
        }
    };

    /** A new complaint counts for each service it is about and each provider scope it names. */
    static final Contribution<SocialSignal> POSTS = new Contribution<>() {
        @Override
        public Set<String> subjects(SocialSignal s) {
            Set<String> subjects = new LinkedHashSet<>();
            if (s.getAction() != PostAction.CREATE) {
                return subjects; // edits and deletions would count the same post twice
            }
            subjects.addAll(s.getServices());
            for (String named : s.getProviders()) {
                addScopeAndAncestors(subjects, named);
            }
            return subjects;
        }

        @Override
        public void apply(SocialSignal s, String subject, SignalMinute m) {
            m.posts++;
            m.complaints += s.getComplaintScore();
            m.addNote(new SignalMinute.Note(SignalMinute.Note.POST, s.getPlatform(), s.getPostId(),
                    s.getCreatedAt().toEpochMilli(), null, null, s.getText(), s.getUrl(), s.getComplaintScore()));
        }
    };

    /** A status observation counts for its subject, and a provider scope's also for the scopes containing it. */
    static final Contribution<StatusEvent> STATUS = new Contribution<>() {
        @Override
        public Set<String> subjects(StatusEvent e) {
            Set<String> subjects = new LinkedHashSet<>();
            if (ScopeId.looksLikeScope(e.getSubject())) {
                addScopeAndAncestors(subjects, e.getSubject());
            } else if (e.getSubject() != null) {
                subjects.add(e.getSubject());
            }
            return subjects;
        }

        @Override
        public void apply(StatusEvent e, String subject, SignalMinute m) {
            m.statusEvents++;
            String status = e.getStatus() == null ? null : e.getStatus().name();
            m.worstStatus = StatusRank.worse(m.worstStatus, status);
            String title = e.getTitle() != null ? e.getTitle() : e.getComponent();
            m.addNote(new SignalMinute.Note(SignalMinute.Note.STATUS, e.getSource(), e.getEventId(),
                    e.getEventTime().toEpochMilli(), status, title, e.getBody(), e.getUrl(), 1.0));
        }
    };

    private static void addScopeAndAncestors(Set<String> subjects, String provider, String region, String service) {
        try {
            for (ScopeId s : ScopeId.of(provider, region, service).selfAndAncestors()) {
                subjects.add(s.toString());
            }
        } catch (IllegalArgumentException e) {
            LOG.debug("signal view skips an invalid scope: {}", e.getMessage());
        }
    }

    private static void addScopeAndAncestors(Set<String> subjects, String scope) {
        try {
            for (ScopeId s : ScopeId.parse(scope).selfAndAncestors()) {
                subjects.add(s.toString());
            }
        } catch (IllegalArgumentException e) {
            LOG.debug("signal view skips an invalid scope: {}", e.getMessage());
        }
    }
}
