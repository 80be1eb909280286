package dev.nightcast.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

import dev.nightcast.audio.AudioProperties;
import dev.nightcast.budget.Cost;
import dev.nightcast.budget.PriceTable;
import dev.nightcast.budget.RunLimits;
import dev.nightcast.budget.UsageEstimate;
import dev.nightcast.job.EpisodeSelection;
import dev.nightcast.job.RunParams;
import dev.nightcast.narration.Fingerprint;
import dev.nightcast.narration.KeptSegments;
import dev.nightcast.narration.NarrationProperties;
import dev.nightcast.publication.OutputLayout;
import dev.nightcast.publication.PublishedEpisodeCheck;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.Preflight;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.InvalidScript;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.store.EpisodeRepository;
import dev.nightcast.store.FailedEpisodes;
import dev.nightcast.text.SafeText;

/**
 * {@code check --params=FILE [--key=value ...]}: validates the params and every script and prints
 * what a run would do (narrate, skip as done, invalid with file:line) with estimated audio, tokens
 * and cost, without contacting the gateway or writing anything.
 *
 * <p>Exit code 0 when a run would narrate everything it reads, 2 when some entries are invalid, 64
 * when the configuration is wrong.
 */
@Component
public class CheckCommand implements NightcastCommand {

    private final Preflight preflight;
    private final EpisodeRepository episodes;
    private final NarrationProperties narration;
    private final AudioProperties audio;
    private final PriceTable prices;
    private final FailedEpisodes failedEpisodes;
    private final Clock clock;

    CheckCommand(
            Preflight preflight,
            EpisodeRepository episodes,
            FailedEpisodes failedEpisodes,
            NarrationProperties narration,
            AudioProperties audio,
            PriceTable prices,
            Clock clock) {
        this.preflight = preflight;
        this.episodes = episodes;
        this.failedEpisodes = failedEpisodes;
        this.narration = narration;
        this.audio = audio;
        this.prices = prices;
        this.clock = clock;
    }

    /** Looked up at each call, so that whatever stands in for standard output (a test) sees the text. */
    private static PrintStream out() {
        return System.out;
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String synopsis() {
        return "check --params=FILE [--key=value ...]     validate everything and show what a run would do; spends nothing";
    }

    @Override
    public int run(ApplicationArguments args) {
        Preflight.Plan plan =
                preflight.check(ParamsFile.values(NarrateCommand.paramsFile(args), NarrateCommand.overrides(args)));
        RunParams params = plan.params();
        PublishedEpisodeCheck published = new PublishedEpisodeCheck(episodes, new OutputLayout(params.output()));
        UsageEstimate estimate = new UsageEstimate(narration.maxSegmentWords());
        List<EpisodeScript> toNarrate = new ArrayList<>();
        List<InvalidScript> invalid = new ArrayList<>();
        int done = 0;
        // What the run's workers would be handed: only-failed=true leaves the other entries alone.
        List<ScriptEntry> selected = EpisodeSelection.of(params, failedEpisodes).apply(plan.entries());
        for (ScriptEntry entry : selected) {
            if (entry instanceof InvalidScript bad) {
                invalid.add(bad);
            } else if (entry instanceof EpisodeScript script) {
                String fingerprint = Fingerprint.of(script, plan.model(), narration, audio.mastering());
                if (published.isPublished(script.id(), fingerprint)) {
                    done++;
                } else {
                    toNarrate.add(script);
                }
            }
        }
        out().printf("Check of %s: the configuration is valid%n", NarrateCommand.paramsFile(args));
        out().printf(
                        "  input      %s (%d entries)%n",
                        params.input(), plan.entries().size());
        out().printf("  output     %s%n", params.output());
        out().printf("  gateway    %s, model %s (not contacted)%n", params.gateway(), plan.model());
        out().println("A run would:");
        long audioMillis = 0;
        TokenUsage tokens = TokenUsage.ZERO;
        List<BigDecimal> costs = new ArrayList<>();
        OutputLayout layout = new OutputLayout(params.output());
        int segments = 0;
        int segmentsToNarrate = 0;
        TokenUsage partialTokens = TokenUsage.ZERO;
        for (EpisodeScript script : toNarrate) {
            // Kept segments (a lexicon or text edit of a published episode) are not bought again.
            KeptSegments.Reuse reuse = keptSegments(script, plan.model(), layout);
            UsageEstimate.Estimate e = reuse.toNarrate().size() < reuse.segments()
                    ? estimate.ofSegments(script, reuse.toNarrate())
                    : estimate.of(script);
            if (reuse.toNarrate().size() < reuse.segments()) {
                segments += reuse.segments();
                segmentsToNarrate += reuse.toNarrate().size();
                partialTokens = partialTokens.plus(e.tokens());
            }
            audioMillis += e.audioMillis();
            tokens = tokens.plus(e.tokens());
            costs.add(prices.cost(plan.model(), e.tokens()).usd());
        }
        Cost cost = prices.cost(plan.model(), tokens);
        out().printf(
                        "  narrate   %5d   episodes: about %s min of audio, %,d tokens, about %s%s%n",
                        toNarrate.size(),
                        minutes(audioMillis),
                        tokens.inputTokens() + tokens.outputTokens(),
                        cost.dollars(),
                        cost.basis());
        if (segments > 0) {
            Cost partial = prices.cost(plan.model(), partialTokens);
            out().printf(
                            "            %5d   of %d segments of episodes narrated before (the others are kept: their"
                                    + " words and lexicon entries did not change): %,d tokens, about %s%s%n",
                            segmentsToNarrate,
                            segments,
                            partialTokens.inputTokens() + partialTokens.outputTokens(),
                            partial.dollars(),
                            partial.basis());
        }
        out().printf("  skip      %5d   already narrated with the same script and settings%n", done);
        out().printf("  invalid   %5d%n", invalid.size());
        if (params.onlyFailed()) {
            out().printf(
                            "  leave     %5d   entries that did not fail before (only-failed=true)%n",
                            plan.entries().size() - selected.size());
        }
        for (InvalidScript bad : invalid) {
            String id = bad.id() == null || bad.id().isBlank() ? "(no id)" : bad.id();
            out().printf(
                            "    ! %s (%s): %s%n",
                            SafeText.oneLine(id),
                            SafeText.oneLine(bad.source().toString()),
                            SafeText.oneLine(bad.reason()));
        }
        limits(params.limits(), costs);
        feedWarnings(plan.warnings(), plan.entries());
        out().println("Estimates assume about 150 spoken words a minute; nothing was sent to the gateway.");
        return invalid.isEmpty() ? ExitCodes.ALL_DONE : ExitCodes.SOME_EPISODES_FAILED;
    }

    /** What the feed would lack; with nightcast.feed.strict=true these stopped the check as problems already. */
    private static void feedWarnings(List<String> warnings, List<ScriptEntry> entries) {
        long undescribed = entries.stream()
                .filter(EpisodeScript.class::isInstance)
                .filter(entry -> ((EpisodeScript) entry).listing().description() == null)
                .count();
        if (warnings.isEmpty() && undescribed == 0) {
            return;
        }
        if (!warnings.isEmpty()) {
            out().println("The feed would lack (errors with nightcast.feed.strict=true):");
            warnings.forEach(warning -> out().printf("  ! %s%n", warning));
        }
        if (undescribed > 0) {
            out().printf(
                            "  note: %d %s no description (a description: front matter key or a description column);"
                                    + " podcast apps show nothing under %s%n",
                            undescribed,
                            undescribed == 1 ? "episode has" : "episodes have",
                            undescribed == 1 ? "its title" : "their titles");
        }
    }

    private KeptSegments.Reuse keptSegments(EpisodeScript script, String model, OutputLayout layout) {
        String fingerprint = Fingerprint.of(script, model, narration, audio.mastering());
        try {
            return KeptSegments.reuse(script, model, narration, layout, fingerprint);
        } catch (IOException | RuntimeException e) {
            // Only the estimate is at stake: count the whole episode.
            return new KeptSegments.Reuse(0, List.of());
        }
    }

    private void limits(RunLimits limits, List<BigDecimal> costs) {
        if (limits.maxCost() != null) {
            // As the run fills the budget: an episode that would pass it is left, cheaper ones after it go on.
            BigDecimal sum = BigDecimal.ZERO;
            int fit = 0;
            for (BigDecimal cost : costs) {
                if (cost != null && sum.add(cost).compareTo(limits.maxCost()) <= 0) {
                    sum = sum.add(cost);
                    fit++;
                }
            }
            out().printf(
                            "  max-cost  %s: %s%n",
                            Cost.format(limits.maxCost()),
                            fit == costs.size()
                                    ? "the whole run fits"
                                    : "about " + fit + " of " + costs.size() + " episodes fit (about "
                                            + Cost.format(sum) + "); the run would leave the others for the next one");
        }
        if (limits.finishBy() != null) {
            Instant now = clock.instant();
            Instant deadline =
                    Objects.requireNonNull(limits.deadlineAfter(now, ZoneId.systemDefault()), "finish-by is set");
            out().printf(
                            "  finish-by %s: no episode would start after %s (in %s)%n",
                            limits.finishBy(),
                            deadline.atZone(ZoneId.systemDefault()).toLocalDateTime(),
                            hours(Duration.between(now, deadline)));
        }
    }

    private static String minutes(long millis) {
        return String.format("%d:%02d", millis / 60_000, millis / 1000 % 60);
    }

    private static String hours(Duration duration) {
        return String.format("%d:%02d h", duration.toHours(), duration.toMinutesPart());
    }
}
