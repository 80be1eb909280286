package dev.nightcast.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PcmBufferTest {

    private final PcmBuffer buffer = new PcmBuffer();

    private byte[] decoded(String text, int from, int to) {
        buffer.begin();
        buffer.appendBase64(text, from, to);
        ByteBuffer samples = buffer.samples();
        byte[] whole = new byte[samples.remaining() + (buffer.hasCarry() ? 1 : 0)];
        samples.get(whole, 0, samples.remaining());
        if (buffer.hasCarry()) {
            buffer.begin(); // the carried byte comes first in the next delta
            whole[whole.length - 1] = buffer.samples().array()[0];
        }
        buffer.reset();
        return whole;
    }

    @Test
    void decodesExactlyWhatTheJdkEncodedForEveryLengthPaddedOrNot() {
        Random random = new Random(42);
        for (int length = 0; length < 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String padded = Base64.getEncoder().encodeToString(data);
            String unpadded = Base64.getEncoder().withoutPadding().encodeToString(data);
            String framed = "{\"delta\":\"" + padded + "\"}";

            assertThat(decoded(padded, 0, padded.length()))
                    .as("padded, %d bytes", length)
                    .isEqualTo(data);
            assertThat(decoded(unpadded, 0, unpadded.length()))
                    .as("unpadded, %d bytes", length)
                    .isEqualTo(data);
            assertThat(decoded(framed, 10, 10 + padded.length()))
                    .as("inside a frame, %d bytes", length)
                    .isEqualTo(data);
        }
    }

    @Test
    void aLargeDeltaGrowsTheBufferAndIsDecodedCompletely() {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        String text = Base64.getEncoder().encodeToString(data);

        assertThat(decoded(text, 0, text.length())).isEqualTo(data);
    }

    @Test
    void charactersOutsideTheAlphabetArePointedOut() {
        for (String bad : new String[] {
            "AA-A", "AA_A", "A A=", "AAA\u00e9", "AAA\u0141", "AAA\u0100", "AAA\u012b", "AA\\A", "AA\"A", "@@@@"
        }) {
            assertThatThrownBy(() -> buffer.appendBase64(bad, 0, bad.length()))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("illegal base64 character");
        }
    }

    @Test
    void lengthsThatEndInsideAByteAndMisplacedPaddingAreRejected() {
        for (String bad : new String[] {"A", "AAAAA", "AAA==", "A===", "AA=", "=AAA"}) {
            assertThatThrownBy(() -> buffer.appendBase64(bad, 0, bad.length()))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
