package dev.nightcast.podcast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedPropertiesTest {

    private static FeedProperties feed(
            String baseUrl, String language, String image, String category, String subcategory, String email) {
        return new FeedProperties(
                baseUrl, null, null, null, language, image, category, subcategory, null, email, false, false, null);
    }

    @Test
    void appleCategoriesWithTheirSubcategoriesAndLanguageTagsAreAccepted() {
        assertThat(feed(
                                "https://cdn.example.org/show",
                                "de-CH",
                                "https://cdn.example.org/c.jpg",
                                "Fiction",
                                "Drama",
                                "ada@example.org")
                        .problems())
                .isEmpty();
        assertThat(feed(null, "en", null, "Technology", null, null).problems()).isEmpty();
        assertThat(feed(null, "en", null, "Society & Culture", "Places & Travel", null)
                        .problems())
                .isEmpty();
    }

    @Test
    void aCategoryAppleDoesNotListALanguageThatIsNoTagAndAMalformedImageOrEmailAreProblemsNamingTheirSetting() {
        FeedProperties wrong = feed(null, "english please", "cover.jpg", "Tech", null, "ada at example");

        assertThat(wrong.problems())
                .satisfiesExactly(
                        category -> assertThat(category)
                                .startsWith("nightcast.feed.category 'Tech' is not an Apple")
                                .contains("Technology"),
                        language ->
                                assertThat(language).startsWith("nightcast.feed.language 'english please' is not a"),
                        image -> assertThat(image).startsWith("nightcast.feed.image-url must be an http(s) URL"),
                        email -> assertThat(email).startsWith("nightcast.feed.owner-email 'ada at example'"));
        assertThat(feed(null, "en", null, "Fiction", "Politics", null).problems())
                .singleElement()
                .asString()
                .contains("'Politics' is not a subcategory of Fiction")
                .contains("Science Fiction");
        assertThat(feed(null, "en", null, "History", "Ancient", null).problems())
                .singleElement()
                .asString()
                .contains("History, which has none");
    }

    @Test
    void aFeedWithoutCoverArtBaseUrlOrOwnerLacksWhatDirectoriesRequire() {
        assertThat(FeedProperties.defaults().lacks())
                .satisfiesExactly(
                        base -> assertThat(base).contains("file: URLs").contains("nightcast.feed.base-url"),
                        image -> assertThat(image).contains("no cover art").contains("nightcast.feed.image-url"),
                        owner -> assertThat(owner).contains("itunes:owner").contains("nightcast.feed.owner-email"));
        assertThat(feed(
                                "https://cdn.example.org/show",
                                "en",
                                "https://cdn.example.org/c.jpg",
                                "Technology",
                                null,
                                "ada@example.org")
                        .lacks())
                .isEmpty();
    }
}
