package dev.nightcast.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Spells numbers the way a narrator reads them, so "12" in a script and "twelve" in a transcript
 * compare equal: cardinals ({@code 1,250} → one thousand two hundred fifty), decimals ({@code 3.5}
 * → three point five), ordinals ({@code 21st} → twenty first) and years ({@code 1990} → nineteen
 * ninety, {@code 2024} → twenty twenty four).
 */
public final class NumberWords {

    private static final String[] SMALL = {
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen"
    };
    private static final String[] TENS = {
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
    };
    private static final String[] SCALES = {"", "thousand", "million", "billion", "trillion"};
    private static final Set<String> WORDS = Set.of(
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
            "hundred",
            "thousand",
            "million",
            "billion",
            "trillion",
            "point",
            "oh",
            "and",
            "first",
            "second",
            "third");

    private NumberWords() {}

    /** True for a word that may be part of a spoken number, whose variants ("and", "oh") differ between readers. */
    static boolean isNumberWord(String word) {
        return WORDS.contains(word)
                || word.endsWith("th") && WORDS.contains(word.substring(0, word.length() - 2))
                || word.endsWith("ieth");
    }

    /**
     * @param digits digits with optional {@code ,} thousands separators and one {@code .} decimal part
     * @param ordinalSuffix true for 1st, 2nd, 21st...
     */
    static List<String> spell(String digits, boolean ordinalSuffix) {
        String plain = digits.replace(",", "");
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        List<String> words = new ArrayList<>();
        if (whole.length() > 15) {
            for (char c : whole.toCharArray()) {
                words.add(SMALL[c - '0']);
            }
        } else if (!whole.isEmpty()) {
            long value = Long.parseLong(whole);
            boolean year = dot < 0
                    && !digits.contains(",")
                    && !ordinalSuffix
                    && whole.length() == 4
                    && (value >= 1100 && value < 2000 || value >= 2010 && value < 2100)
                    && value % 100 != 0;
            if (year) {
                cardinal(value / 100, words);
                long rest = value % 100;
                if (rest < 10) {
                    words.add("oh");
                }
                cardinal(rest, words);
            } else {
                cardinal(value, words);
            }
        }
        if (dot >= 0) {
            words.add("point");
            for (char c : plain.substring(dot + 1).toCharArray()) {
                words.add(SMALL[c - '0']);
            }
        }
        if (ordinalSuffix && !words.isEmpty()) {
            words.set(words.size() - 1, ordinal(words.get(words.size() - 1)));
        }
        return words;
    }

    private static void cardinal(long value, List<String> words) {
        if (value == 0) {
            words.add("zero");
            return;
        }
        List<List<String>> groups = new ArrayList<>();
        for (int scale = 0; value > 0; scale++, value /= 1000) {
            List<String> group = new ArrayList<>();
            int chunk = (int) (value % 1000);
            if (chunk > 0) {
                hundreds(chunk, group);
                if (scale > 0) {
                    group.add(SCALES[scale]);
                }
            }
            groups.add(0, group);
        }
        groups.forEach(words::addAll);
    }

    private static void hundreds(int chunk, List<String> words) {
        if (chunk >= 100) {
            words.add(SMALL[chunk / 100]);
            words.add("hundred");
            chunk %= 100;
        }
        if (chunk >= 20) {
            words.add(TENS[chunk / 10]);
            chunk %= 10;
            if (chunk > 0) {
                words.add(SMALL[chunk]);
            }
        } else if (chunk > 0) {
            words.add(SMALL[chunk]);
        }
    }

    private static String ordinal(String cardinal) {
        switch (cardinal) {
            case "one":
                return "first";
            case "two":
                return "second";
            case "three":
                return "third";
            case "five":
                return "fifth";
            case "eight":
                return "eighth";
            case "nine":
                return "ninth";
            case "twelve":
                return "twelfth";
            default:
                return cardinal.endsWith("y") ? cardinal.substring(0, cardinal.length() - 1) + "ieth" : cardinal + "th";
        }
    }
}
