package dev.nightcast.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EpisodeIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ep001-welcome", "a", "EP_2.final", "2024-01-05", "x.y.z"})
    void acceptsLettersDigitsDotsUnderscoresAndDashes(String id) {
        assertThat(EpisodeIds.isValid(id)).isTrue();
        assertThat(EpisodeIds.problem(id)).isNull();
    }

    @Test
    void acceptsExactly128Characters() {
        assertThat(EpisodeIds.isValid("a".repeat(128))).isTrue();
    }

    @Test
    void rejects129CharactersAndSaysHowLongItIs() {
        assertThat(EpisodeIds.problem("a".repeat(129)))
                .contains("129 characters")
                .contains("at most 128");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "a\\b", "/abs", "a b", "é", "a:b", "ep*"})
    void rejectsAnythingThatCouldLeaveTheOutputFolderOrIsNotPortable(String id) {
        assertThat(EpisodeIds.isValid(id)).isFalse();
        assertThat(EpisodeIds.problem(id)).contains("only letters A-Z and a-z, digits, '.', '_' and '-'");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void rejectsDotAndDotDot(String id) {
        assertThat(EpisodeIds.problem(id)).contains("not allowed");
    }

    @Test
    void rejectsHiddenFileNames() {
        assertThat(EpisodeIds.problem(".hidden")).contains("starts with '.'");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsMissingOrBlankIds(String id) {
        assertThat(EpisodeIds.isValid(id)).isFalse();
        assertThat(EpisodeIds.problem(id)).startsWith("the episode id is");
    }

    @Test
    void namesTheOffendingCharacter() {
        assertThat(EpisodeIds.problem("a/b")).contains("'a/b'").contains("contains '/'");
        assertThat(EpisodeIds.problem("a b")).contains("a space");
        assertThat(EpisodeIds.problem("a\tb")).contains("U+0009");
    }
}
