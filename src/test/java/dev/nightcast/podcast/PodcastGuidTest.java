package dev.nightcast.podcast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PodcastGuidTest {

    @Test
    void theGuidIsTheUuid5OfTheFeedUrlWithoutSchemeAndTrailingSlashesAsThePodcastNamespaceExamplesGiveIt() {
        // the examples of the Podcasting 2.0 namespace's podcast:guid page
        assertThat(PodcastGuid.of("https://mp3s.nashownotes.com/pc20rss.xml"))
                .hasToString("917393e3-1b1e-5cef-ace4-edaa54e1f810");
        assertThat(PodcastGuid.of("http://podnews.net/rss//")).hasToString("9b024349-ccf0-5f69-a609-6b82873eab3c");
        assertThat(PodcastGuid.of("podnews.net/rss")).hasToString("9b024349-ccf0-5f69-a609-6b82873eab3c");
        assertThat(PodcastGuid.of("https://podnews.net/rss").version()).isEqualTo(5);
    }
}
