package dev.nightcast.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.nightcast.budget.PriceTable;
import dev.nightcast.gateway.RunGateways;
import dev.nightcast.input.InputException;
import dev.nightcast.input.InputProperties;
import dev.nightcast.job.RunParams;
import dev.nightcast.job.UsageException;
import dev.nightcast.lexicon.LexiconException;
import dev.nightcast.podcast.FeedProperties;
import dev.nightcast.podcast.PodcastFeed;
import dev.nightcast.podcast.ReviewPage;
import dev.nightcast.publication.MadeByNightcast;
import dev.nightcast.realtime.GatewayConfigException;
import dev.nightcast.script.ScriptEntry;

/**
 * Everything that can be checked before anything is spent, reported all at once: the params
 * (unknown keys, bad numbers and times), the gateway's configuration (e.g. no endpoint for
 * {@code gateway=azure}), a price for the model when {@code max-cost} is set, an output folder that
 * cannot be written, an input that cannot be read, a lexicon that cannot be used (the run's or one a
 * script names, each problem with file:line), an output folder that overlaps the input
 * ({@link InputOutputOverlap}), and feed settings podcast directories would refuse (a category Apple
 * does not list, a language that is no language tag; with {@code nightcast.feed.strict=true} also what
 * the feed would lack: cover art, a base URL, an owner). Nothing is created and no gateway is contacted.
 */
@Component
public class Preflight {

    private final RunGateways gateways;
    private final PriceTable prices;
    private final InputProperties input;
    private final FeedProperties feed;

    @Autowired
    Preflight(RunGateways gateways, PriceTable prices, InputProperties input, FeedProperties feed) {
        this.gateways = gateways;
        this.prices = prices;
        this.input = input;
        this.feed = feed;
    }

    /** With the default input limits and feed settings. */
    Preflight(RunGateways gateways, PriceTable prices) {
        this(gateways, prices, InputProperties.DEFAULTS, FeedProperties.defaults());
    }

    /**
     * A run that may start.
     *
     * @param entries the input, loaded and validated entry by entry
     * @param model the model (or deployment) the gateway narrates with
     * @param warnings what the feed would lack (not with {@code nightcast.feed.strict=true}: then they are problems)
     */
    public record Plan(RunParams params, List<ScriptEntry> entries, String model, List<String> warnings) {}

    /** @throws UsageException listing every problem, each naming its key or setting and the expected form */
    public Plan check(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        RunParams params = RunParams.parse(values, problems);
        String model = null;
        if (RunParams.GATEWAYS.contains(params.gateway())) {
            try {
                model = gateways.get(params.gateway()).model();
            } catch (GatewayConfigException e) {
                problems.add("gateway=" + params.gateway() + ": " + e.getMessage());
            }
        }
        if (model != null
                && params.limits().maxCost() != null
                && prices.lookup(model).isEmpty()) {
            problems.add("'max-cost' needs a price for model '" + model + "': set nightcast.pricing.models." + model
                    + ".input-text, .output-text, .input-audio and .output-audio (USD per million tokens)");
        }
        outputProblem(params.output()).ifPresent(problems::add);
        problems.addAll(feed.problems());
        if (feed.strict()) {
            feed.lacks().forEach(lack -> problems.add(lack + " (nightcast.feed.strict=true)"));
        }
        foreignOutputFiles(params.output()).forEach(problems::add);
        List<ScriptEntry> entries = List.of();
        if (params.input() != null) {
            try {
                entries = params.scriptLoader(input).load(params.input());
            } catch (InputException e) {
                problems.add("'input': " + e.getMessage());
            } catch (LexiconException e) {
                // The run's lexicons and those the scripts name: all at once, each with file:line.
                e.problems().forEach(problem -> problems.add("lexicon " + problem));
            }
            InputOutputOverlap.problem(params.input(), params.output(), entries).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new UsageException(
                    "Cannot start; " + (problems.size() == 1 ? "1 problem" : problems.size() + " problems") + ":",
                    problems);
        }
        // No problem: the gateway was known and named its model.
        return new Plan(
                params, entries, Objects.requireNonNull(model, "model"), feed.strict() ? List.of() : feed.lacks());
    }

    /** The review page and feed in the output folder that Nightcast did not make: a run would not replace them. */
    public static List<String> foreignOutputFiles(Path output) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : Map.of("index.html", ReviewPage.MARK, "feed.xml", PodcastFeed.MARK)
                .entrySet()) {
            try {
                MadeByNightcast.foreign(output.resolve(file.getKey()), file.getValue())
                        .ifPresent(problem -> problems.add("'output' " + output + ": " + problem));
            } catch (IOException e) {
                problems.add("'output' " + output + ": cannot read " + file.getKey() + ": " + e.getMessage());
            }
        }
        problems.sort(null);
        return problems;
    }

    /** Whether the run could create (if needed) and write the output folder, without creating it. */
    static Optional<String> outputProblem(Path output) {
        Path existing = output;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of("'output' " + output + ": no part of the path exists");
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of("'output' " + output + ": " + existing + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            return Optional.of(
                    "'output' " + output + ": " + (existing.equals(output) ? "the folder" : "its parent " + existing)
                            + " is not writable by this user");
        }
        return Optional.empty();
    }
}
