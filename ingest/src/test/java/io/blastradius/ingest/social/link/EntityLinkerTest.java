package io.blastradius.ingest.social.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityLinkerTest {
    private static final EntityLinker LINKER = EntityLinker.create(TestCatalog.services());

    private static Linking link(String text) {
        return LINKER.link(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"coinbase down?", "COINBASE IS DOWN", "Coinbase's servers are on fire", "#coinbase outage",
        "@coinbase fix your app", "coinbsae is down again", "coin base not loading", "https://status.coinbase.com is lying"})
    void linksAServiceWhateverFormItIsWrittenIn(String text) {
        assertThat(link(text).services()).containsExactly("coinbase");
    }

    @Test
    void readsAnOutageSuffixOffAHashtag() {
        Linking l = link("#CoinbaseDown again smh");
        assertThat(l.services()).containsExactly("coinbase");
        assertThat(l.keywords()).contains("down");
        assertThat(l.complaint()).isTrue();
    }

    @Test
    void linksCashtagAliasesButReadsThemAsPriceTalk() {
        Linking l = link("$HOOD down 8% premarket");
        assertThat(l.services()).containsExactly("robinhood");
        assertThat(l.complaint()).isFalse();
    }

    @Test
    void linksOfficialAccountHandlesWithSuffixes() {
        assertThat(link("@SlackHQ messages stuck on sending").services()).containsExactly("slack");
    }

    @Test
    void doesNotTreatASevenLetterWordOneLetterFromANameAsAMisspelling() {
        assertThat(link("personal finance down the drain").services()).isEmpty();
    }

    @Test
    void linksASplitNameOnlyWithEvidence() {
        assertThat(link("robin hood app won't load").services()).containsExactly("robinhood");
        assertThat(link("Robin Hood: Prince of Thieves is a classic").services()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"touching base with the team tomorrow", "our fan base grew 20%", "my signal is down to one bar",
        "no signal in this building", "blank canvas, new painting", "cut me some slack", "picking up the slack again",
        "wedding ring shopping", "give me a ring when you land", "wind chimes in the storm", "feel free to chime in",
        "venmo me $20 for pizza", "i'll venmo you tomorrow", "back to square one", "letting off some steam",
        "I had this notion that", "zoom in on the left side", "both teams played well", "the economic outlook is bleak",
        "max out your 401k", "think outside the box", "the line at the DMV is insane", "grab a coffee tomorrow?"})
    void leavesOrdinaryWordsThatLookLikeNamesUnlinked(String text) {
        assertThat(link(text).services()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Base chain down? txs not confirming", "Signal app not sending messages", "canvas is down and my quiz is due",
        "is slack down for anyone else?", "Ring doorbell offline again", "chime app down?? direct deposit missing",
        "venmo not working, payments failing", "Square POS down at our cafe", "steam servers are dead", "notion is down"})
    void linksLookAlikeNamesWhenThePostTalksAboutTheService(String text) {
        assertThat(link(text).services()).hasSize(1);
        assertThat(link(text).complaint()).isTrue();
    }

    @Test
    void carriesAnOutageFrameAcrossAListOfNames() {
        assertThat(link("zoom and slack both down?").services()).containsExactly("slack", "zoom");
    }

    @Test
    void namesTheMostSpecificProviderScope() {
        assertThat(link("DynamoDB errors in us-east-1, anyone else?").providers()).containsExactly("aws/us-east-1/dynamodb");
        assertThat(link("S3 returning 503 SlowDown errors").providers()).containsExactly("aws/global/s3");
        assertThat(link("us-east-1 is on fire again").providers()).containsExactly("aws/us-east-1");
        assertThat(link("cloudfare is down, half the internet is broken").providers()).containsExactly("cloudflare");
    }

    @Test
    void linksAContextAliasOnlyWhenItsProviderIsNamed() {
        assertThat(link("lambda calculus homework is killing me").providers()).isEmpty();
        assertThat(link("lambda timeouts in us-east-1").providers()).containsExactly("aws/us-east-1/lambda");
    }

    @Test
    void tellsAPriceDropFromAnOutage() {
        assertThat(link("BTC down 5% on coinbase").complaint()).isFalse();
        assertThat(link("Coinbase stock down 8% after earnings").complaint()).isFalse();
        assertThat(link("coinbase down for 30 minutes now").complaint()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"coinbase down?", "can't log in to robinhood 502", "is slack down for anyone else?",
        "Anyone else getting 503s from the EC2 API? #aws", "coinbase está caído?", "Coinbase fora do ar de novo",
        "Discord en panne chez vous ?", "PayPal Störung? Zahlung geht nicht durch", "Slackがまた落ちてる",
        "spotify non funziona, anche a voi?", "https://downdetector.com/status/coinbase/ lots of reports"})
    void scoresOutageComplaintsAsComplaints(String text) {
        assertThat(link(text).complaintScore()).isGreaterThanOrEqualTo(Linking.COMPLAINT_THRESHOLD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I love coinbase", "AWS re:Invent keynote was great", "BTC down 5% on coinbase",
        "coinbase is not down, it's your wifi", "github is back up, pushes working again", "if AWS goes down again we're doomed",
        "the AWS outage postmortem is out", "I'm down for pizza tonight", "calm down, it's a game", "Just passed the AWS exam!"})
    void scoresChatterBelowTheComplaintThreshold(String text) {
        assertThat(link(text).complaintScore()).isLessThan(Linking.COMPLAINT_THRESHOLD);
    }

    @Test
    void readsNumbersAsErrorCodesOnlyInContext() {
        assertThat(link("getting a 500 error from github").keywords()).contains("500");
        assertThat(link("github got me 500 followers").keywords()).doesNotContain("500");
        assertThat(link("the S&P 500 is up").keywords()).isEmpty();
        assertThat(link("paid $502 for rent").keywords()).isEmpty();
    }

    @Test
    void reportsKeywordsInOrderWithoutDuplicates() {
        assertThat(link("slack down, slack down, 503 503 not working").keywords()).containsExactly("down", "503", "not working");
    }

    @Test
    void linksNothingAndScoresZeroForEmptyText() {
        Linking l = link("");
        assertThat(l.linked()).isFalse();
        assertThat(l.complaintScore()).isZero();
    }

    @Test
    void neverThrowsOnArbitraryText() {
        Random random = new Random(42);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(300);
            for (int k = 0; k < length; k++) {
                int pick = random.nextInt(10);
                if (pick < 5) {
                    b.append(" #@$%&'’.:;!?<>/-_0123456789abcxyzCoinbase".charAt(random.nextInt(42)));
                } else if (pick < 8) {
                    b.appendCodePoint(random.nextInt(0x3000));
                } else {
                    b.append((char) random.nextInt(0x10000)); // lone surrogates included
                }
            }
            String text = b.toString();
            assertThatCode(() -> link(text)).doesNotThrowAnyException();
        }
        assertThatCode(() -> link("coinbase down ".repeat(50_000))).doesNotThrowAnyException();
    }
}
