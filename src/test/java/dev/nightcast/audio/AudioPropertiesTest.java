package dev.nightcast.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Defaults, binding of the documented property names, and refusal of levels no podcast wants. */
class AudioPropertiesTest {

    private static AudioProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("nightcast.audio", AudioProperties.class);
    }

    @Test
    void withNothingSetEpisodesAreMadeAtMinus16LufsUnderMinus1DbtpAt24Kilohertz() {
        assertThat(bind(Map.of()).mastering())
                .isEqualTo(new Mastering(24_000, -16, -1))
                .isEqualTo(AudioProperties.defaults().mastering());
    }

    @Test
    void theTargetAndTheCeilingBindFromTheirDocumentedNames() {
        AudioProperties properties =
                bind(Map.of("nightcast.audio.loudness.target", "-19", "nightcast.audio.loudness.true-peak", "-1.5"));

        assertThat(properties.mastering()).isEqualTo(new Mastering(24_000, -19, -1.5));
    }

    @Test
    void aTargetOrCeilingOutsideWhatSpeechCanUseIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("nightcast.audio.loudness.target", "-3")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("nightcast.audio.loudness.target must be from -40 to -5 LUFS, was -3.0");
        assertThatThrownBy(() -> bind(Map.of("nightcast.audio.loudness.true-peak", "1")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("nightcast.audio.loudness.true-peak must be from -12 to 0 dBTP, was 1.0");
    }
}
