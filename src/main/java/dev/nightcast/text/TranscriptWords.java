package dev.nightcast.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a script or transcript in a form where two readings of the same text compare equal:
 * Unicode NFKC, lower case, no punctuation or apostrophes, numbers spelled out ({@link NumberWords}),
 * symbols and common abbreviations read as words ("Dr." and "doctor", "e.g." and "for example",
 * "%" and "percent", "$5" and "five dollars").
 */
public final class TranscriptWords {

    // A currency amount, a number (thousands separators, decimals, ordinal or percent), a word with
    // inner apostrophes or dots (don't, e.g., u.s.), or a symbol that is read aloud.
    private static final Pattern TOKEN =
            Pattern.compile("([$\u20AC\u00A3])?(\\d+(?:,\\d{3})*(?:\\.\\d+)?)(st|nd|rd|th)?(%)?"
                    + "|[\\p{L}\\p{M}]+(?:['.][\\p{L}\\p{M}]+)*\\.?|[&+%@]");
    private static final Map<String, List<String>> SPOKEN = Map.ofEntries(
            Map.entry("&", List.of("and")),
            Map.entry("+", List.of("plus")),
            Map.entry("%", List.of("percent")),
            Map.entry("@", List.of("at")),
            Map.entry("e.g.", List.of("for", "example")),
            Map.entry("i.e.", List.of("that", "is")),
            Map.entry("etc.", List.of("et", "cetera")),
            Map.entry("dr.", List.of("doctor")),
            Map.entry("dr", List.of("doctor")),
            Map.entry("mr.", List.of("mister")),
            Map.entry("mr", List.of("mister")),
            Map.entry("mrs.", List.of("missus")),
            Map.entry("mrs", List.of("missus")),
            Map.entry("prof.", List.of("professor")),
            Map.entry("vs.", List.of("versus")),
            Map.entry("vs", List.of("versus")),
            Map.entry("ok", List.of("okay")),
            Map.entry("st.", List.of("saint")),
            Map.entry("st", List.of("saint")),
            Map.entry("approx.", List.of("approximately")));
    private static final Map<String, String> CURRENCY = Map.of("$", "dollars", "\u20AC", "euros", "\u00A3", "pounds");

    private TranscriptWords() {}

    static List<String> of(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'')
                .replace('\u2018', '\'');
        List<String> words = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(normalized);
        while (matcher.find()) {
            if (matcher.group(2) != null) {
                words.addAll(NumberWords.spell(matcher.group(2), matcher.group(3) != null));
                if (matcher.group(4) != null) {
                    words.add("percent");
                }
                if (matcher.group(1) != null) {
                    words.add(CURRENCY.get(matcher.group(1)));
                }
                continue;
            }
            String token = matcher.group();
            List<String> spoken = SPOKEN.get(token);
            if (spoken != null) {
                words.addAll(spoken);
            } else {
                // "don't" and "dont", "U.S." and "us" are the same reading.
                String word = token.replace("'", "").replace(".", "");
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return withoutNumberAnd(words);
    }

    /** "one hundred and five" and "one hundred five" are the same reading. */
    private static List<String> withoutNumberAnd(List<String> words) {
        List<String> result = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            boolean numberAnd = words.get(i).equals("and")
                    && i > 0
                    && i + 1 < words.size()
                    && List.of("hundred", "thousand", "million", "billion").contains(words.get(i - 1))
                    && NumberWords.isNumberWord(words.get(i + 1));
            if (!numberAnd) {
                result.add(words.get(i));
            }
        }
        return result;
    }
}
