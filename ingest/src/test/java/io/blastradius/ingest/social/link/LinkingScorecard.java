package io.blastradius.ingest.social.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Precision and recall of the entity linker on the labelled posts: service detection and provider
 * detection (micro-averaged over post × id pairs) and complaint classification (score ≥ 0.5).
 *
 * <p>Run: {@code mvn -B -q -pl ingest -am test-compile} then
 * {@code java -cp <test classpath> io.blastradius.ingest.social.link.LinkingScorecard [--errors]},
 * or let {@code LinkingQualityTest} print it.
 */
public final class LinkingScorecard {
    /** Counts for one measure. */
    public record Counts(int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Counts plus(int tp, int fp, int fn) {
            return new Counts(truePositives + tp, falsePositives + fp, falseNegatives + fn);
        }
    }

    /** The three measures on one part of the labelled set, and the posts it got wrong. */
    public record Result(String part, int posts, Counts services, Counts providers, Counts complaints, List<String> errors) {
        String row() {
            return String.format(Locale.ROOT, "| %-9s | %5d | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f |", part, posts,
                    services.precision(), services.recall(), providers.precision(), providers.recall(),
                    complaints.precision(), complaints.recall());
        }
    }

    private LinkingScorecard() {
    }

    public static Result evaluate(EntityLinker linker, String part) {
        List<LabelledPost> posts = LabelledPost.load(part);
        Counts services = new Counts(0, 0, 0);
        Counts providers = new Counts(0, 0, 0);
        Counts complaints = new Counts(0, 0, 0);
        List<String> errors = new ArrayList<>();
        for (LabelledPost post : posts) {
            Linking l = linker.link(post.plainText());
            Set<String> gotServices = new TreeSet<>(l.services());
            Set<String> gotProviders = new TreeSet<>(l.providerIds());
            services = add(services, post.services(), gotServices);
            providers = add(providers, post.providers(), gotProviders);
            boolean complaint = l.complaint();
            complaints = complaints.plus(complaint && post.complaint() ? 1 : 0, complaint && !post.complaint() ? 1 : 0,
                    !complaint && post.complaint() ? 1 : 0);
            if (!gotServices.equals(post.services()) || !gotProviders.equals(post.providers()) || complaint != post.complaint()) {
                errors.add(String.format(Locale.ROOT, "want %s %s %s got %s %s %.2f %s | %s", post.services(), post.providers(),
                        post.complaint() ? "C" : "-", gotServices, l.providers(), l.complaintScore(), l.keywords(),
                        post.plainText().replace('\n', ' ')));
            }
        }
        return new Result(part, posts.size(), services, providers, complaints, errors);
    }

    private static Counts add(Counts c, Set<String> want, Set<String> got) {
        int tp = 0;
        for (String g : got) {
            if (want.contains(g)) {
                tp++;
            }
        }
        return c.plus(tp, got.size() - tp, want.size() - tp);
    }

    static String table(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append("| part      | posts | services P / R | providers P / R | complaints P / R |\n");
        b.append("|-----------|------:|---------------:|----------------:|-----------------:|\n");
        results.forEach(r -> b.append(r.row()).append('\n'));
        return b.toString();
    }

    public static void main(String[] args) {
        EntityLinker linker = EntityLinker.create(TestCatalog.services());
        List<Result> results = List.of(evaluate(linker, "tuning"), evaluate(linker, "heldout-a"), evaluate(linker, "heldout-b"));
        System.out.print(table(results));
        if (List.of(args).contains("--errors")) {
            for (Result r : results) {
                System.out.println("\n" + r.part() + " errors (" + r.errors().size() + "):");
                r.errors().forEach(e -> System.out.println("  " + e));
            }
        }
    }
}
