package dev.nightcast.audio;

import org.jspecify.annotations.Nullable;

/**
 * Measures the loudness of a signal made of several tracks played one after another (the voices of
 * a dialogue): one K-weighting filter runs over the whole signal, and the energy of each 100 ms slice
 * is credited to the track that was playing. So each track's loudness is what a meter reads with the
 * other tracks muted, and the whole's loudness after any gain per track is computed without a second
 * pass (the filter is linear, and the pauses between tracks let its memory die away).
 *
 * <p>Samples are doubles with full scale 1.0. Streaming: the samples are never kept, only 8 bytes
 * per track and 100 ms (see {@link Slices}). An unfinished last slice is left out, as BS.1770 only
 * counts complete blocks. Not thread-safe.
 */
public final class LoudnessMeter {

    private final int samplesPerSlice;
    private final KWeighting filter;
    private final Slices[] tracks;
    /** Energy of the slice in progress, per track. */
    private final double[] open;

    private int inSlice;

    /** @param tracks how many tracks take turns (1 for a plain signal) */
    public LoudnessMeter(int sampleRate, int tracks) {
        if (tracks < 1) {
            throw new IllegalArgumentException("at least one track: " + tracks);
        }
        this.samplesPerSlice = sampleRate / 10;
        this.filter = new KWeighting(sampleRate);
        this.tracks = new Slices[tracks];
        for (int i = 0; i < tracks; i++) {
            this.tracks[i] = new Slices(samplesPerSlice);
        }
        this.open = new double[tracks];
    }

    /** Adds {@code samples[from..to)}, played by {@code track}. */
    public void add(double[] samples, int from, int to, int track) {
        int at = from;
        while (at < to) {
            int n = Math.min(to - at, samplesPerSlice - inSlice);
            open[track] += filter.sumOfSquares(samples, at, at + n);
            inSlice += n;
            at += n;
            if (inSlice == samplesPerSlice) {
                for (int t = 0; t < tracks.length; t++) {
                    tracks[t].add(open[t]);
                    open[t] = 0;
                }
                inSlice = 0;
            }
        }
    }

    int tracks() {
        return tracks.length;
    }

    /** Integrated loudness of one track in LUFS, the others muted; negative infinity for silence. */
    double integrated(int track) {
        return tracks[track].integrated();
    }

    /** Integrated loudness of the whole after multiplying each track by its linear {@code gains}. */
    double integrated(double[] gains) {
        return mixed(gains).integrated();
    }

    /** Loudness range of the whole in LU, all tracks at their level. */
    double range() {
        return mixed(null).range();
    }

    private Slices mixed(double @Nullable [] gains) {
        Slices whole = new Slices(samplesPerSlice);
        for (int t = 0; t < tracks.length; t++) {
            double gain = gains == null ? 1 : gains[t];
            whole.addScaled(tracks[t], gain * gain);
        }
        return whole;
    }
}
