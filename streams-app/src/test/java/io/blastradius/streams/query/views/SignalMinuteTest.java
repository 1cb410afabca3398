package io.blastradius.streams.query.views;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalMinuteTest {
    @Test
    void survivesTheStoreSerdeWithItsNotesAndHostileTextUnchanged() {
        SignalMinute m = new SignalMinute();
        m.checks = 12;
        m.failures = 7;
        m.complaints = 2.5;
        m.posts = 3;
        m.statusEvents = 1;
        m.worstStatus = "PARTIAL_OUTAGE";
        m.addNote(new SignalMinute.Note(SignalMinute.Note.POST, "mastodon", "p1", 1_000L, null, null,
                "<script>alert(1)</script> é ✓", "https://x.example/1", 0.9));
        m.addNote(new SignalMinute.Note(SignalMinute.Note.STATUS, "aws-health", "s1", 2_000L, "DEGRADED", "<b>t</b>", null,
                null, 1.0));
        byte[] bytes = SignalMinute.SERDE.serializer().serialize("t", m);
        SignalMinute back = SignalMinute.SERDE.deserializer().deserialize("t", bytes);
        assertThat(back.checks()).isEqualTo(12);
        assertThat(back.failures()).isEqualTo(7);
        assertThat(back.complaints()).isEqualTo(2.5);
        assertThat(back.posts()).isEqualTo(3);
        assertThat(back.statusEvents()).isEqualTo(1);
        assertThat(back.worstStatus()).isEqualTo("PARTIAL_OUTAGE");
        assertThat(back.notes()).isEqualTo(m.notes());
        assertThat(back.notes().get(0).kind()).isEqualTo(SignalMinute.Note.STATUS); // status updates first
    }

    @Test
    void keepsTheStrongestPostsAndEveryPostOnlyOnce() {
        SignalMinute m = new SignalMinute();
        for (int i = 0; i < 20; i++) {
            m.addNote(new SignalMinute.Note(SignalMinute.Note.POST, "bsky", "p" + i, i, null, null, "t" + i, null, i / 20.0));
        }
        m.addNote(new SignalMinute.Note(SignalMinute.Note.POST, "bsky", "p19", 19, null, null, "t19", null, 0.95));
        assertThat(m.notes()).hasSize(SignalMinute.MAX_NOTES);
        assertThat(m.notes()).extracting(SignalMinute.Note::id).containsExactly("p19", "p18", "p17", "p16", "p15", "p14");
    }

    @Test
    void addingAnotherPartitionsMinuteSumsCountsAndKeepsTheWorstStatus() {
        SignalMinute a = new SignalMinute();
        a.checks = 4;
        a.failures = 1;
        a.worstStatus = "DEGRADED";
        SignalMinute b = new SignalMinute();
        b.checks = 4;
        b.failures = 4;
        b.complaints = 1.5;
        b.worstStatus = "MAJOR_OUTAGE";
        a.add(b);
        assertThat(a.checks()).isEqualTo(8);
        assertThat(a.failures()).isEqualTo(5);
        assertThat(a.complaints()).isEqualTo(1.5);
        assertThat(a.worstStatus()).isEqualTo("MAJOR_OUTAGE");
    }
}
