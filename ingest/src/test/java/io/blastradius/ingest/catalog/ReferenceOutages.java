package io.blastradius.ingest.catalog;

import java.util.List;

/**
 * The downstream services named for each of the four reference outages (outage-history.md in the
 * shared reference), as catalog ids: the lists the default world and the replay scenarios must reproduce.
 */
public final class ReferenceOutages {
    public static final List<String> AWS_2025 = List.of("snapchat", "reddit", "signal", "fortnite", "roblox", "clash-royale",
            "playstation-network", "duolingo", "canva", "canvas", "airtable", "zoom", "slack", "asana", "perplexity",
            "grammarly", "hulu", "crunchyroll", "wordle", "uber", "paypal", "venmo", "chime", "coinbase", "robinhood",
            "metamask", "infura", "base", "amazon", "prime-video", "alexa", "ring", "kindle", "delta", "united", "att",
            "verizon", "vodafone", "bt", "lloyds", "halifax", "hmrc", "eight-sleep", "monday-com", "chargebee");
    public static final List<String> AWS_2021 = List.of("disney-plus", "netflix", "ring", "roku", "robinhood", "coinbase", "venmo",
            "cash-app", "chime", "instacart", "tinder", "slack", "delta", "southwest", "mcdonalds", "ticketmaster", "alexa",
            "roomba", "pubg", "league-of-legends", "valorant", "capital-one", "godaddy", "paramount-plus", "canvas", "duolingo");
    public static final List<String> GCP_2025 = List.of("spotify", "discord", "snapchat", "twitch", "github", "replit", "elastic",
            "character-ai", "openai", "anthropic", "shopify", "etsy", "ups", "doordash", "ikea", "vimeo", "nest");
    public static final List<String> CLOUDFLARE_2025 = List.of("x", "chatgpt", "spotify", "canva", "league-of-legends", "letterboxd",
            "grindr", "nj-transit", "truth-social", "downdetector", "coinbase", "kraken", "bitmex", "blockchain-com",
            "ledger-live", "etherscan", "arbiscan", "defillama", "aave");

    private ReferenceOutages() {
    }
}
