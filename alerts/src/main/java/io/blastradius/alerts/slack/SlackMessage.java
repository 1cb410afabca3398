package io.blastradius.alerts.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blastradius.alerts.text.AlertText;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import java.util.List;

/**
 * The Slack message of an alert: Block Kit blocks (a header, the scope, state, confidence and time
 * since onset, the blast radius with a few dependency paths, a link to the dashboard) and a plain
 * {@code text} for notifications. Every piece of text from the alert is escaped ({@link #escape}):
 * reasons and summaries carry words from status pages and posts, and an unescaped {@code <!channel>}
 * or {@code <https://evil|Dashboard>} would ping a channel or forge a link.
 */
public final class SlackMessage {
    static final int PATHS = 5;
    private static final int MAX_TEXT = 2_900; // a section's text holds at most 3000 characters
    private static final int MAX_HEADER = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackMessage() {
    }

    /** Slack's escaping of control characters: {@code &}, {@code <}, {@code >}. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The request body for a Slack incoming webhook. */
    public static ObjectNode of(OutageAlert alert, String dashboardLink) {
        Outage outage = alert.getOutage();
        String scope = escape(outage.getScope());
        ObjectNode message = JSON.createObjectNode();
        message.put("text", truncate(escape(AlertText.headline(alert)) + " (confidence "
                + AlertText.confidence(outage) + ", " + AlertText.radiusCounts(outage) + ")", MAX_TEXT));
        ArrayNode blocks = message.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("emoji", true)
                .put("text", truncate(emoji(alert.getState()) + " " + alert.getState().name() + ": " + scope, MAX_HEADER));

        String state = alert.getPreviousState() == null ? alert.getState().name()
                : alert.getPreviousState().name() + " → " + alert.getState().name();
        ObjectNode facts = blocks.addObject().put("type", "section");
        facts.putObject("text").put("type", "mrkdwn").put("text", truncate(
                "*Provider outage of* `" + scope + "`\n*Why:* " + escape(alert.getReason()), MAX_TEXT));
        ArrayNode fields = facts.putArray("fields");
        field(fields, "*State*\n" + state);
        field(fields, "*Confidence*\n" + AlertText.confidence(outage));
        field(fields, "*Since onset*\n" + AlertText.sinceOnset(alert));
        field(fields, "*Provider*\n" + escape(outage.getProvider())
                + (outage.getRegion() == null ? "" : " / " + escape(outage.getRegion()))
                + (outage.getProviderService() == null ? "" : " / " + escape(outage.getProviderService())));

        StringBuilder radius = new StringBuilder("*Blast radius:* ").append(AlertText.radiusCounts(outage));
        List<String> paths = AlertText.paths(outage, PATHS);
        for (String path : paths) {
            radius.append("\n• ").append(escape(path));
        }
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", truncate(radius.toString(), MAX_TEXT));

        if (dashboardLink != null) {
            // the link is ours (template + URL-encoded id); only its label is text
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", "<" + dashboardLink.replace("|", "%7C").replace(">", "%3E") + "|Open in the dashboard>");
        }
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", truncate(
                "alert `" + escape(alert.getAlertId()) + "` · event time " + alert.getAt() + " · onset "
                        + outage.getOnset(), MAX_TEXT));
        return message;
    }

    private static void field(ArrayNode fields, String mrkdwn) {
        fields.addObject().put("type", "mrkdwn").put("text", truncate(mrkdwn, 1_900));
    }

    private static String emoji(OutageState state) {
        return switch (state) {
            case SUSPECTED -> ":large_yellow_circle:";
            case CONFIRMED -> ":red_circle:";
            case ACKNOWLEDGED -> ":large_orange_circle:";
            case RECOVERING -> ":large_blue_circle:";
            case RESOLVED -> ":large_green_circle:";
        };
    }

    // cut on a character boundary that does not split an escape sequence
    private static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        int amp = text.lastIndexOf('&', cut);
        if (amp >= 0 && amp > cut - 5 && text.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        if (Character.isLowSurrogate(text.charAt(cut))) {
            cut--;
        }
        return text.substring(0, cut) + "…";
    }
}
