package dev.nightcast.realtime;

/**
 * What a session is configured with by {@code session.update}.
 *
 * @param voice one of {@link Voices#KNOWN}
 * @param instructions the full narrator instructions (verbatim-reading rules plus episode persona)
 * @param speed {@code audio.output.speed}, {@value #MIN_SPEED} to {@value #MAX_SPEED} ({@value #NORMAL_SPEED}
 *     is normal); the service applies it to the generated audio
 */
public record SessionSettings(String voice, String instructions, double speed) {

    public static final double NORMAL_SPEED = 1.0;
    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 1.5;

    public SessionSettings {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException(
                    "speed must be from " + MIN_SPEED + " to " + MAX_SPEED + ", was " + speed);
        }
    }

    /** At normal speed. */
    public SessionSettings(String voice, String instructions) {
        this(voice, instructions, NORMAL_SPEED);
    }
}
