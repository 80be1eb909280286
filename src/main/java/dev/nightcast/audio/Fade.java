package dev.nightcast.audio;

/**
 * Short raised-cosine ramps at both ends of every piece of audio that is joined to silence, so no
 * piece starts or ends with a jump: a jump from a sample far from zero into a pause is heard as a
 * click. {@value #MILLIS} ms is shorter than any speech sound and long enough to leave no energy
 * above the hearing range's top octave. Immutable.
 */
public final class Fade {

    public static final int MILLIS = 5;

    private final double[] ramp;

    public Fade(int sampleRate) {
        int length = Math.max(1, sampleRate * MILLIS / 1000);
        ramp = new double[length];
        for (int i = 0; i < length; i++) {
            ramp[i] = 0.5 * (1 - Math.cos(Math.PI * (i + 0.5) / length));
        }
    }

    /**
     * Fades {@code samples[from..to)}, which are the samples {@code offset..} of a piece of
     * {@code length} samples, in at the piece's start and out at its end.
     */
    public void apply(double[] samples, int from, int to, long offset, long length) {
        int fade = ramp.length;
        // Fade-in: the piece's samples 0 .. fade-1 that lie in this block.
        for (long position = offset; position < Math.min(fade, offset + (to - from)); position++) {
            samples[from + (int) (position - offset)] *= ramp[(int) position];
        }
        // Fade-out: the piece's samples length-fade .. length-1 that lie in this block.
        for (long position = Math.max(offset, length - fade);
                position < Math.min(length, offset + (to - from));
                position++) {
            samples[from + (int) (position - offset)] *= ramp[(int) (length - 1 - position)];
        }
    }
}
